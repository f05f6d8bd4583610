"""`python -m pipeline evaluate`: precision, recall and F1 per label for the model, the rules and the keyword
baseline, on the corpus test split and (when given) a labelled development set of real posts."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import nlp as nlp_module
from ..model import classifier as clf
from ..model import corpus, real_labels, rules
from . import baseline


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    support: int


def prf(gold: list[bool], pred: list[bool]) -> Scores:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, tp + fn)


DEFAULT = "model (default: cascade)"
RUNTIME_NAMES = {"cascade": DEFAULT, "int8": "model, int8 transformer on every post",
                 "reference": "model, reference torch transformer (unoptimised)"}


def models_to_compare() -> dict[str, clf.HypeClassifier]:
    """The trained model in each of its runtimes (empty when it has not been trained)."""
    models = {name: clf.load_default(runtime) for runtime, name in RUNTIME_NAMES.items()}
    return {name: m for name, m in models.items() if m is not None}


def predict_all(texts: list[str], models: dict[str, clf.HypeClassifier]) -> dict[str, dict[str, list[bool]]]:
    """Predictions of every system, keyed system -> label -> list of booleans."""
    nlp = nlp_module.shared()
    docs = list(nlp.pipe(texts))
    found = [rules.label(d) for d in docs]
    out = {
        "keyword baseline": {"benchmark_claim": [baseline.benchmark_claim(t) for t in texts],
                             "anecdotal": [baseline.anecdotal(t) for t in texts]},
        "rules (--fast)": {"benchmark_claim": [f.benchmark_claim for f in found],
                           "anecdotal": [f.anecdotal for f in found]},
    }
    for name, model in models.items():
        decided = [rules.decide(f, p, model.thresholds) for f, p in zip(found, model.predict(docs, found), strict=True)]
        out[name] = {"benchmark_claim": [d[0] for d in decided], "anecdotal": [d[1] for d in decided]}
        if model.runtime == "cascade":
            out[name]["note"] = f"the int8 transformer saw {model.last_teacher_share:.0%} of these posts"
    return out


def f1_interval(gold: list[bool], pred: list[bool], *, resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """A 95% bootstrap interval for F1: the posts are resampled with replacement `resamples` times (seeded)."""
    g, p = np.asarray(gold, dtype=bool), np.asarray(pred, dtype=bool)
    picks = np.random.default_rng(seed).integers(0, len(g), size=(resamples, len(g)))
    tp = (g[picks] & p[picks]).sum(1)
    wrong = (g[picks] != p[picks]).sum(1)
    f1 = np.where(tp > 0, 2 * tp / np.maximum(2 * tp + wrong, 1), 0.0)
    return float(np.percentile(f1, 2.5)), float(np.percentile(f1, 97.5))


def report(name: str, gold: dict[str, list[bool]], predictions: dict[str, dict[str, list[bool]]]) -> str:
    lines = [f"### {name} ({len(gold['benchmark_claim'])} posts)", "",
             "| system | label | precision | recall | F1 | 95% interval (bootstrap) | positives |",
             "|---|---|---|---|---|---|---|"]
    notes = []
    for system, by_label in predictions.items():
        for label in clf.LABELS:
            s = prf(gold[label], by_label[label])
            lo, hi = f1_interval(gold[label], by_label[label])
            lines.append(f"| {system} | {label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
                         f"{lo:.3f}–{hi:.3f} | {s.support} |")
        if "note" in by_label:
            notes.append(f"{system}: {by_label['note']}.")
    return "\n".join(lines + ([""] + notes if notes else []))


def corpus_test(models: dict[str, clf.HypeClassifier]) -> str:
    posts = [p for p in corpus.load() if p.split == "test"]
    gold = {label: [getattr(p, label) for p in posts] for label in clf.LABELS}
    return report("Corpus test split", gold, predict_all([p.text for p in posts], models))


def real_test(real_posts: list[str], models: dict[str, clf.HypeClassifier]) -> str:
    """The real test split of sample_posts/real_labels (never trained or tuned on), texts read from the files."""
    labelled = real_labels.with_texts(real_labels.load(), [Path(p) for p in real_posts], log=lambda _: None)
    test = labelled[labelled["split"] == "test"]
    gold = {label: [bool(v) for v in test[label]] for label in clf.LABELS}
    return report("Real posts, test split", gold, predict_all(list(test["text"]), models))


def dev_set(posts_csv: str, labels_csv: str, models: dict[str, clf.HypeClassifier], errors: int = 0) -> str:
    with open(posts_csv, newline="", encoding="utf-8") as f:
        texts = {row["id"]: row["text"] for row in csv.DictReader(f)}
    with open(labels_csv, newline="", encoding="utf-8") as f:
        labelled = [row for row in csv.DictReader(f) if row["id"] in texts]
    gold = {label: [row[label] == "1" for row in labelled] for label in clf.LABELS}
    chosen = [texts[row["id"]] for row in labelled]
    predictions = predict_all(chosen, models)
    out = report("Real posts, development labels", gold, predictions)
    if errors and DEFAULT in predictions:
        out += "\n\nModel errors (first few per label; for study only, never for training):\n"
        for label in clf.LABELS:
            wrong = [(row["id"], g, chosen[i][:160].replace("\n", " "))
                     for i, (row, g, p) in enumerate(zip(labelled, gold[label], predictions[DEFAULT][label],
                                                         strict=True)) if g != p]
            listed = "\n".join(f"  {i} gold={int(g)} {t}" for i, g, t in wrong[:errors])
            out += f"\n{label}: {len(wrong)} wrong\n" + listed
    return out


def cliche_spans() -> str:
    """The cliché matcher against the corpus's hand-marked cliché spans (every split: the matcher is not trained),
    beside a baseline that searches for each canonical phrase exactly as spelled, case-insensitively."""
    import re

    from .. import lexicons

    posts = corpus.load()
    nlp = nlp_module.shared()
    canon = [c.canonical for c in lexicons.cliches()]
    exact = [(c, re.compile(r"(?<!\w)" + re.escape(c) + r"(?!\w)", re.I)) for c in canon]

    def score(predict) -> Scores:
        tp = fp = fn = 0
        for post, found in zip(posts, predict(), strict=True):
            gold = list(post.cliche_spans)
            for start, end, label in found:
                hit = next((g for g in gold if g[2] == label and g[0] < end and start < g[1]), None)
                if hit:
                    gold.remove(hit)
                    tp += 1
                else:
                    fp += 1
            fn += len(gold)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0, tp + fn)

    def matcher():
        for doc in nlp.pipe(p.text for p in posts):
            yield [(s.start_char, s.end_char, s.label_) for s in doc.spans["cliches"]]

    def baseline():
        for p in posts:
            yield [(m.start(), m.end(), c) for c, rx in exact for m in rx.finditer(p.text)]

    lines = [f"### Cliché spans ({len(posts)} corpus posts)", "",
             "| system | precision | recall | F1 | occurrences |", "|---|---|---|---|---|"]
    for name, predict in (("exact canonical phrase (baseline)", baseline), ("lexicon matcher", matcher)):
        s = score(predict)
        lines.append(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} |")
    return "\n".join(lines)
