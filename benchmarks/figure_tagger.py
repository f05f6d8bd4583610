"""A learned figure tagger over the fine-tuned encoder, measured against the claim rules: which numbers of a
benchmark-claim post are its claimed figures. Prints figures; changes nothing. Not part of the product: it did not
beat the rules (docs/EVALUATION.md, "Learned parts").

    .venv/bin/python benchmarks/figure_tagger.py --real-posts pool.csv posts.csv

Data: the claim records of the real train split (`sample_posts/real_labels/claims_train.jsonl`), texts read from
the given files. Every number written in digits is a candidate, labelled a figure when its value is one of the
post's gold values. Its features: the fine-tuned encoder's last hidden states (models/hype_encoder, up to 512 word
pieces) averaged over the number's word pieces, over four word pieces either side, and over the post, plus twelve
shape features (the rules took this value, a % sign, a year, a decimal point, above 100, above 1000, a size suffix,
"vs" or an arrow before it, a table line, a long post, its place in the post). A logistic regression (C 0.01) is
trained in 5 folds grouped by post; a candidate's unit is the rules' when they took that value, else read from the
characters around it. Value precision and recall are counted as `evaluate --claims` counts them (the multiset of
value and unit), with 95% bootstrap intervals over posts. The tagger's threshold is the best out of fold, so its
figure is optimistic; the rules were developed on these posts, so theirs is too.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluation import claims_eval  # noqa: E402
from pipeline.model import encoders  # noqa: E402

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
THRESHOLDS = np.arange(0.2, 0.8, 0.05)
FRACTIONS = (0.125, 0.25, 0.5, 1.0)


def unit_of(text: str, start: int, end: int, value: float, rule_units: dict[float, str]) -> str:
    if value in rule_units:
        return rule_units[value]
    after, before = text[end:end + 14].lower(), text[max(0, start - 12):start].lower()
    if after.startswith("%") or after.lstrip().startswith("percent"):
        return "percent"
    if "percentile" in after:
        return "percentile"
    if "elo" in after or "elo" in before:
        return "elo"
    if before.endswith("#") or "rank" in before or after.startswith(("st ", "nd ", "rd ", "th ")):
        return "rank"
    return "score"


def candidates(post: dict, predicted: list[dict]) -> list[dict]:
    text = post["text"]
    gold_values = {float(r["value"]) for r in post["claims"] if r["value"] is not None}
    rule_units = {float(r["value"]): r["unit"] for r in predicted if r["value"] is not None}
    found = []
    for m in NUMBER.finditer(text):
        value, (start, end) = float(m.group(0).replace(",", "")), m.span()
        after, before = text[end:end + 12].lower(), text[max(0, start - 40):start].lower()
        shape = [value in rule_units, after.startswith("%"), 1900 <= value <= 2100 and "." not in m.group(0),
                 "." in m.group(0), value > 100, value > 1000, after.lstrip()[:1] in ("b", "k", "m"),
                 "vs" in before[-8:], "→" in before[-4:] or "->" in before[-4:], "|" in text[max(0, start - 3):end + 3],
                 text.count("\n") > 3, min(start / max(len(text), 1), 1.0)]
        found.append({"start": start, "end": end, "value": value, "figure": value in gold_values,
                      "unit": unit_of(text, start, end, value, rule_units), "shape": [float(s) for s in shape]})
    return found


def encoder_features(posts: list[dict], found: list[list[dict]]) -> list[list[np.ndarray | None]]:
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(2)
    tokenizer = AutoTokenizer.from_pretrained(encoders.base_encoder_path(), local_files_only=True)
    model = AutoModel.from_pretrained(encoders.ENCODER_DIR, local_files_only=True, dtype=torch.float32).eval()
    out = []
    with torch.no_grad():
        for post, cands in zip(posts, found, strict=True):
            if not cands:
                out.append([])
                continue
            enc = tokenizer(post["text"], truncation=True, max_length=512, return_offsets_mapping=True,
                            return_tensors="pt")
            offsets = enc.pop("offset_mapping")[0].tolist()
            hidden = model(**enc).last_hidden_state[0]
            whole = hidden[1:-1].mean(0) if len(hidden) > 2 else hidden.mean(0)
            rows = []
            for c in cands:
                pieces = [i for i, (a, b) in enumerate(offsets) if b > a and a < c["end"] and b > c["start"]]
                if not pieces:  # beyond 512 word pieces
                    rows.append(None)
                    continue
                lo, hi = min(pieces), max(pieces)
                rows.append(np.concatenate([hidden[lo:hi + 1].mean(0).numpy(),
                                            hidden[max(1, lo - 4):hi + 5].mean(0).numpy(), whole.numpy(),
                                            np.asarray(c["shape"], dtype=np.float32)]))
            out.append(rows)
    return out


def value_counts(gold: list[list[tuple]], predicted: list[list[tuple]]) -> np.ndarray:
    """Per post: figures right, predicted, gold (as `evaluate --claims` counts them)."""
    rows = []
    for g, p in zip(gold, predicted, strict=True):
        g, p = Counter(g), Counter(p)
        rows.append((sum((g & p).values()), sum(p.values()), sum(g.values())))
    return np.asarray(rows, dtype=float)


def precision_recall_f1(sums: np.ndarray) -> np.ndarray:
    hit, pred, gold = sums[..., 0], sums[..., 1], sums[..., 2]
    p, r = hit / np.maximum(pred, 1), hit / np.maximum(gold, 1)
    return np.stack([p, r, 2 * p * r / np.maximum(p + r, 1e-9)], axis=-1)


def report(name: str, counts: np.ndarray) -> str:
    picks = np.random.default_rng(0).integers(0, len(counts), size=(2000, len(counts)))
    low, high = np.percentile(precision_recall_f1(counts[picks].sum(1)), [2.5, 97.5], axis=0)
    p, r, f = precision_recall_f1(counts.sum(0))
    return (f"| {name} | {p:.3f} ({low[0]:.3f}–{high[0]:.3f}) | {r:.3f} ({low[1]:.3f}–{high[1]:.3f}) | "
            f"{f:.3f} ({low[2]:.3f}–{high[2]:.3f}) | {int(counts[:, 1].sum())} |")


def main() -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real-posts", nargs="+", required=True, metavar="FILE")
    args = parser.parse_args()
    posts = claims_eval.real_claim_posts(claims_eval.REAL_TRAIN, [Path(p) for p in args.real_posts])
    predicted = claims_eval.predict(posts)
    found = [candidates(post, pred) for post, pred in zip(posts, predicted, strict=True)]
    features = encoder_features(posts, found)
    kept = [(i, c, f) for i, (cands, feats) in enumerate(zip(found, features, strict=True))
            for c, f in zip(cands, feats, strict=True) if f is not None]
    post_of = np.array([i for i, _, _ in kept])
    x = np.stack([f for _, _, f in kept])
    y = np.array([c["figure"] for _, c, _ in kept], dtype=int)
    gold = [[(float(r["value"]), r["unit"]) for r in p["claims"] if r["value"] is not None] for p in posts]
    rules = [[(float(r["value"]), r["unit"]) for r in pred if r["value"] is not None] for pred in predicted]
    print(f"{len(posts)} posts, {sum(len(g) for g in gold)} gold figures; {len(kept)} candidates within 512 word "
          f"pieces, {y.sum()} of them a gold value")

    def tagged(probability: np.ndarray, threshold: float) -> list[list[tuple]]:
        out: list[list[tuple]] = [[] for _ in posts]
        for (i, c, _), p in zip(kept, probability, strict=True):
            if p >= threshold:
                out[i].append((c["value"], c["unit"]))
        return out

    def out_of_fold(share: float) -> np.ndarray:
        order = np.random.default_rng(0).permutation(len(posts))  # nested subsets of the training posts
        first = set(order[: int(share * len(posts))])
        probability = np.zeros(len(y))
        for train, test in GroupKFold(5).split(x, y, post_of):
            train = np.array([j for j in train if post_of[j] in first])
            scale = StandardScaler().fit(x[train])
            model = LogisticRegression(C=0.01, max_iter=3000).fit(scale.transform(x[train]), y[train])
            probability[test] = model.predict_proba(scale.transform(x[test]))[:, 1]
        return probability

    print("\n| system | value precision | value recall | value F1 | predicted figures |\n|---|---|---|---|---|")
    print(report("rules", value_counts(gold, rules)))
    oracle = tagged(y.astype(float), 0.5)
    curve = []
    for share in FRACTIONS:
        probability = out_of_fold(share)
        best = max(THRESHOLDS, key=lambda t: precision_recall_f1(value_counts(gold, tagged(probability, t)).sum(0))[2])
        counts = value_counts(gold, tagged(probability, best))
        curve.append((share, best, counts, roc_auc_score(y, probability)))
    share, best, counts, auc = curve[-1]
    print(report(f"encoder tagger (threshold {best:.2f}, AUC {auc:.3f})", counts))
    print(report("every candidate whose value is a gold value (the ceiling of this candidate set)",
                 value_counts(gold, oracle)))
    print("\nLearning curve (5 folds; training posts per fold):")
    for share, best, counts, auc in curve:
        p, r, f = precision_recall_f1(counts.sum(0))
        print(f"  {int(0.8 * share * len(posts))}: value P {p:.3f} R {r:.3f} F1 {f:.3f} at {best:.2f} (AUC {auc:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
