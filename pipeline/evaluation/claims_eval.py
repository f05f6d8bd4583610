"""`python -m pipeline evaluate --claims`: the claim extractor against sample_posts/claims/claims_gold.jsonl."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .. import nlp as nlp_module
from ..claims import extraction as claims_module

CLAIMS_DIR = Path(__file__).resolve().parents[2] / "sample_posts" / "claims"
# Three sets, each written separately: the rules were developed against the first two; the third was written after
# the last change to the rules and measured once.
GOLD = CLAIMS_DIR / "claims_gold.jsonl"
HELDOUT = CLAIMS_DIR / "claims_heldout.jsonl"
TEST = CLAIMS_DIR / "claims_test.jsonl"
REAL_TEST = Path(__file__).resolve().parents[2] / "sample_posts" / "real_labels" / "claims_test.jsonl"
FLAGS = ("self_reported", "internal_eval", "no_number", "relayed")


def _key(record: dict) -> tuple:
    value = record["value"]
    return record["model"], record["benchmark"], None if value is None else float(value)


def evaluate(path: Path = GOLD) -> dict:
    return evaluate_posts([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()])


def real_test_posts(real_posts: list[Path]) -> list[dict]:
    """The claim records annotated on the real test split's benchmark claims (sample_posts/real_labels), with
    their texts read from the real-posts files (hash-checked: see model.real_labels)."""
    import pandas as pd

    from ..model import real_labels

    records = [json.loads(line) for line in REAL_TEST.read_text(encoding="utf-8").splitlines() if line.strip()]
    table = real_labels.load()
    keyed = table.set_index("id").loc[[r["id"] for r in records], ["file", "text_sha1"]].reset_index()
    joined = real_labels.with_texts(pd.DataFrame(keyed), real_posts, log=lambda _: None)
    texts = dict(zip(joined["id"], joined["text"], strict=True))
    return [{"id": r["id"], "text": texts[r["id"]], "claims": r["claims"]} for r in records if r["id"] in texts]


def evaluate_posts(posts: list[dict]) -> dict:
    """Claim records extracted from each post's text against its labelled records."""
    nlp = nlp_module.shared()
    docs = nlp.pipe(p["text"] for p in posts)
    tp = fp = fn = 0
    value_aligned = value_exact = 0
    flag_counts = {f: Counter() for f in FLAGS}
    errors = []
    for post, doc in zip(posts, docs, strict=True):
        predicted = [vars(c) for c in claims_module.extract(doc, post["id"])]
        gold = post["claims"]
        g, p = Counter(_key(r) for r in gold), Counter(_key(r) for r in predicted)
        hit = sum((g & p).values())
        tp, fp, fn = tp + hit, fp + sum(p.values()) - hit, fn + sum(g.values()) - hit
        if hit != len(gold) or hit != len(predicted):
            errors.append((post["id"], sorted(g - p, key=str), sorted(p - g, key=str)))
        # Value exact-match: each gold figure against the predicted record for the same model and benchmark.
        remaining = list(predicted)
        for r in gold:
            if r["value"] is None:
                continue
            same = [q for q in remaining if q["benchmark"] == r["benchmark"] and q["model"] == r["model"]] or \
                   [q for q in remaining if q["benchmark"] == r["benchmark"]]
            if same:
                best = min(same, key=lambda q: q["value"] != r["value"])
                remaining.remove(best)
                value_aligned += 1
                value_exact += best["value"] is not None and float(best["value"]) == float(r["value"])
        # Flags, on records that match on model, benchmark and value.
        unmatched = list(predicted)
        for r in gold:
            match = next((q for q in unmatched if _key(q) == _key(r)), None)
            if match is None:
                continue
            unmatched.remove(match)
            for f in FLAGS:
                flag_counts[f][(bool(r[f]), bool(match[f]))] += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    flags = {}
    for f, c in flag_counts.items():
        ftp, ffp, ffn = c[(True, True)], c[(False, True)], c[(True, False)]
        flags[f] = {"precision": ftp / (ftp + ffp) if ftp + ffp else 0.0,
                    "recall": ftp / (ftp + ffn) if ftp + ffn else 0.0, "gold_true": ftp + ffn}
    return {
        "posts": len(posts), "gold_records": tp + fn, "predicted_records": tp + fp,
        "record_precision": precision, "record_recall": recall,
        "record_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "value_exact_match": value_exact / value_aligned if value_aligned else 0.0, "value_aligned": value_aligned,
        "flags": flags, "errors": errors,
    }


def report(result: dict, errors: int = 0, *, title: str = "Claim extraction") -> str:
    lines = [f"### {title} ({result['posts']} posts, {result['gold_records']} gold records)", "",
             "| measure | value |", "|---|---|",
             f"| value exact-match | {result['value_exact_match']:.3f} "
             f"(of {result['value_aligned']} aligned figures) |",
             f"| record precision (model + benchmark + value) | {result['record_precision']:.3f} |",
             f"| record recall | {result['record_recall']:.3f} |",
             f"| record F1 | {result['record_f1']:.3f} |"]
    for f, s in result["flags"].items():
        lines.append(f"| {f}: precision / recall (on matched records, {s['gold_true']} true) | "
                     f"{s['precision']:.3f} / {s['recall']:.3f} |")
    if errors:
        lines.append("")
        for post_id, missed, extra in result["errors"][:errors]:
            lines.append(f"{post_id}: missed {missed} extra {extra}")
    return "\n".join(lines)
