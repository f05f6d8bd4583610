"""The trained classifier: sentence embeddings of all-MiniLM-L6-v2 fine-tuned on labelled real posts, plus the spaCy
span features, with calibrated logistic-regression heads for benchmark_claim and anecdotal.

Three runtimes share the span features and differ in the encoder (see models/hype_classifier/MODEL_CARD.md):
- "cascade" (the default): a static student (word-piece vectors distilled from the encoder) scores every post, and
  only the posts it is unsure about (a probability within `band` of its label's threshold) go to the int8
  transformer.
- "int8": the int8 ONNX transformer for every post.
- "reference": the original torch transformer for every post: the unoptimised model the others are measured
  against.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from .. import lexicons
from ..nlp.docs import doc_text, sentences
from . import encoders, rules
from .encoders import WeightsMismatch, encoder_path, sha256_of  # noqa: F401  (part of this module's interface)

MODEL_DIR = encoders.MODELS / "hype_classifier"
# A classifier directory to use instead of the shipped one (an update written by `train --corrections --out DIR`),
# for the app and any caller of load_default; `tag --classifier DIR` overrides it.
DIRECTORY_VARIABLE = "HYPE_LENS_CLASSIFIER"
LABELS = ("benchmark_claim", "anecdotal")
RUNTIMES = ("cascade", "int8", "reference")
# Which heads.npz prefix each encoder's heads carry.
HEAD_SETS = {"student": "student_", "int8": "", "reference": "reference_"}
SCORE_KINDS = ("PERCENT", "ELO", "FRACTION", "RANK", "PERCENTILE", "SOTA", "COMPARISON", "SCORE")
FEATURE_NAMES = (
    ["benchmarks", "models"] + [f"score_{k.lower()}" for k in SCORE_KINDS]
    + ["rule_claim", "rule_anecdotal", "claim_evidence", "experience", "praise", "complaint", "evaluation_words",
       "impression_cliches", "negated_cliches", "cliches", "questions", "log_words", "first_person", "numbers"]
)


def span_features(doc: Doc, found: rules.RuleLabels | None = None) -> np.ndarray:
    """The spaCy evidence as numbers, in FEATURE_NAMES order (counts are log-scaled). `found` is the Doc's rule
    labels when the caller has them already."""
    found = found or rules.label(doc)
    scores = doc.spans.get("scores", [])
    cues = doc.spans.get("cues", [])
    category = lexicons.cliche_categories()
    cliches = list(doc.spans.get("cliches", []))
    words = [t for t in doc if not (t.is_punct or t.is_space)]
    sents = sentences(doc)
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


def _head(arrays, key: str) -> Head:
    platt = arrays[f"{key}_platt"]
    return Head(arrays[f"{key}_coef"], float(arrays[f"{key}_intercept"]), float(platt[0]), float(platt[1]))


class HypeClassifier:
    """Predicts (benchmark_claim_score, anecdotal_score) for spaCy Docs; see models/hype_classifier/MODEL_CARD.md."""

    def __init__(self, directory: Path = MODEL_DIR, *, runtime: str = "cascade", threads: int = 2) -> None:
        if runtime not in RUNTIMES:
            raise ValueError(f"unknown runtime {runtime!r}: choose one of {', '.join(RUNTIMES)}")
        self.directory, self.runtime, self.threads = Path(directory), runtime, threads
        self.config = json.loads((self.directory / "config.json").read_text(encoding="utf-8"))
        arrays = np.load(self.directory / "heads.npz")
        self.feature_mean, self.feature_scale = arrays["feature_mean"], arrays["feature_scale"]
        self.heads = {encoder: {label: _head(arrays, prefix + label) for label in LABELS}
                      for encoder, prefix in HEAD_SETS.items()}
        self.thresholds = tuple(float(self.config["thresholds"][label]) for label in LABELS)
        self.band = float(self.config["cascade"]["band"])
        self._encoders: dict[str, object] = {}
        # Load what this runtime needs now, so a missing or altered file fails here and not mid-run.
        for name in {"cascade": ("student", "int8"), "int8": ("int8",), "reference": ("reference",)}[runtime]:
            self.encoder(name)
        self.last_teacher_share = 0.0
        # Posts a user corrected (train --corrections): text SHA-1 -> (benchmark_claim, anecdotal). The heads'
        # update generalises from them; the memory makes sure the corrected posts themselves carry the user's labels.
        self.memory = {sha: (bool(c), bool(a)) for sha, (c, a) in self.config.get("corrections_memory", {}).items()}

    def encoder(self, name: str):
        if name not in self._encoders:
            max_length = self.config["encoder"]["max_length"]
            if name in ("student", "int8"):
                # The heads fit one build of each derived encoder: a rebuilt encoder needs `train` run again.
                directory, file = ((encoders.STATIC_DIR, "vectors.npy") if name == "student"
                                   else (encoders.ONNX_DIR, "model.onnx"))
                if encoders.recorded_sha256(directory, file) != self.config["encoder"][f"{name}_sha256"]:
                    raise WeightsMismatch(f"{directory / file} is not the build the heads were trained with: "
                                          "run python -m pipeline train")
            if name == "student":
                self._encoders[name] = encoders.StaticEncoder()
            elif name == "int8":
                self._encoders[name] = encoders.OnnxEncoder(max_length=max_length, threads=self.threads)
            else:
                self._encoders[name] = encoders.TorchEncoder(max_length=max_length, threads=self.threads,
                                                             expected_sha256=self.config["encoder"]["sha256"])
        return self._encoders[name]

    def for_worker(self) -> HypeClassifier:
        """A copy for one of several worker processes: one thread each, since the workers share the cores."""
        worker = copy.copy(self)
        worker.threads = 1
        worker._encoders = dict(self._encoders)
        if "int8" in worker._encoders:
            worker._encoders["int8"] = copy.copy(worker._encoders["int8"])
            worker._encoders["int8"].threads = 1
        if "reference" in worker._encoders:
            worker._encoders["reference"].torch.set_num_threads(1)
        return worker

    def span_matrix(self, docs: list[Doc], found: list[rules.RuleLabels] | None = None) -> np.ndarray:
        found = found or [None] * len(docs)
        spans = (np.stack([span_features(d, f) for d, f in zip(docs, found, strict=True)]) if docs
                 else np.zeros((0, len(FEATURE_NAMES))))
        return (spans - self.feature_mean) / self.feature_scale

    def probabilities(self, encoder: str, texts: list[str], spans: np.ndarray) -> np.ndarray:
        """Both labels' probabilities, one row per text, from one encoder and its heads."""
        return self.head_probabilities(encoder, self.features(encoder, texts, spans))

    def features(self, encoder: str, texts: list[str], spans: np.ndarray) -> np.ndarray:
        """What one encoder's heads read: [embedding | scaled span features], one row per text."""
        return np.hstack([self.encoder(encoder).encode(texts), spans])

    def head_probabilities(self, encoder: str, x: np.ndarray) -> np.ndarray:
        """Both labels' probabilities from one encoder's heads, given their features."""
        return np.stack([self.heads[encoder][label].probability(x) for label in LABELS], axis=1)

    def scores_from(self, features: dict[str, np.ndarray], runtime: str | None = None) -> np.ndarray:
        """Both labels' probabilities from features computed beforehand for every encoder the runtime uses (this
        runtime unless another is named): what `predict` gives, for comparing sets of heads on the same posts."""
        runtime = runtime or self.runtime
        if runtime != "cascade":
            return self.head_probabilities(runtime, features[runtime])
        scores = self.head_probabilities("student", features["student"])
        unsure = self.unsure(scores)
        scores[unsure] = self.head_probabilities("int8", features["int8"][unsure])
        return scores

    def remembered(self, docs: list[Doc]) -> list[tuple[bool, bool] | None]:
        """The labels a user set on each Doc's post, when its text is one this model was corrected on."""
        if not self.memory:
            return [None] * len(docs)
        return [self.memory.get(hashlib.sha1(doc_text(d).encode("utf-8")).hexdigest()) for d in docs]

    def with_heads(self, heads: dict[str, dict[str, Head]]) -> HypeClassifier:
        """This classifier with other heads (same encoders, span scaling, thresholds and band)."""
        updated = copy.copy(self)
        updated.heads = heads
        return updated

    def unsure(self, student: np.ndarray) -> np.ndarray:
        """Which posts the cascade sends to the int8 transformer: a student probability within the band of its
        label's threshold."""
        return (np.abs(student - np.asarray(self.thresholds)) < self.band).any(axis=1)

    def predict(self, docs: list[Doc], found: list[rules.RuleLabels] | None = None) -> list[tuple[float, float]]:
        """(benchmark_claim_score, anecdotal_score) per Doc; pass the Docs' rule labels if already computed."""
        if not docs:
            return []
        texts = [encoder_text(doc_text(d)) for d in docs]
        spans = self.span_matrix(docs, found)
        if self.runtime != "cascade":
            scores = self.probabilities(self.runtime, texts, spans)
        else:
            scores = self.probabilities("student", texts, spans)
            unsure = np.flatnonzero(self.unsure(scores))
            if len(unsure):
                scores[unsure] = self.probabilities("int8", [texts[i] for i in unsure], spans[unsure])
            self.last_teacher_share = len(unsure) / len(docs)
        return [(float(c), float(a)) for c, a in scores]


_DEFAULT: dict[tuple[str, Path], HypeClassifier | None] = {}


def default_directory() -> Path:
    """The classifier directory in use: $HYPE_LENS_CLASSIFIER when set, else the shipped models/hype_classifier."""
    return Path(os.environ.get(DIRECTORY_VARIABLE) or MODEL_DIR)


def load_default(runtime: str = "cascade", directory: Path | None = None) -> HypeClassifier | None:
    """The trained model (`directory`, else `default_directory()`), loaded once per process, directory and runtime;
    None when the shipped model has not been trained. A directory named by the caller or the environment
    variable must hold a model: a wrong path stops with FileNotFoundError rather than falling back silently."""
    chosen = Path(directory) if directory is not None else default_directory()
    key = (runtime, chosen.resolve())
    if key not in _DEFAULT:
        if not (chosen / "heads.npz").exists():
            if chosen.resolve() != MODEL_DIR.resolve():
                raise FileNotFoundError(f"{chosen}: no classifier there (heads.npz is missing)")
            _DEFAULT[key] = None
        else:
            _DEFAULT[key] = HypeClassifier(chosen, runtime=runtime)
    return _DEFAULT[key]
