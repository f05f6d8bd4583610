"""`python -m pipeline evaluate --claims`: the claim extractor against labelled claim records.

Sets: the three written sets of sample_posts/claims/, and the claim records written by reading real benchmark-claim
posts (sample_posts/real_labels/claims_{train,test}.jsonl, texts read from the real-posts files).

How records are compared (per post; every figure also has a 95% bootstrap interval over posts):
- names: a model or benchmark name is resolved through the lexicons (models.jsonl, benchmarks.jsonl): a name equal
  to a canonical name or an alias, ignoring case, spaces, hyphens and underscores, becomes that canonical name;
  any other name is compared as written, under the same folding ("Qwen3 30B A3B" = "qwen3-30b-a3b").
- versions: a predicted model also matches a gold model that names a generation the predicted model is a version
  of (`version_of` in models.jsonl, followed to the end): gold "Gemma 3" takes predicted "Gemma 3 27B", as the
  record writer named the generation where the post wrote the size. One direction only: gold "Gemma 3 27B" never
  takes predicted "Gemma 3". Records are paired on exact names first, then by this rule.
- value precision / recall: the multiset of predicted figures (value, unit) against the gold figures;
- record precision / recall / F1: a record matches when model, benchmark, value and unit all match (a no-number
  record has no value and no unit); the first measure of the written sets (model, benchmark and value as written,
  no unit) takes the same version rule;
- flags and direction: on matched records, the share whose flag (or direction) equals the gold one;
- posts all right: posts whose predicted records match the gold ones one to one, with every flag and direction.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import lexicons
from .. import nlp as nlp_module
from ..claims import extraction as claims_module

CLAIMS_DIR = Path(__file__).resolve().parents[2] / "sample_posts" / "claims"
# Three sets, each written separately: the rules were developed against the first two; the third was written after
# the last change to the rules and measured once.
GOLD = CLAIMS_DIR / "claims_gold.jsonl"
HELDOUT = CLAIMS_DIR / "claims_heldout.jsonl"
TEST = CLAIMS_DIR / "claims_test.jsonl"
REAL_DIR = Path(__file__).resolve().parents[2] / "sample_posts" / "real_labels"
REAL_TRAIN = REAL_DIR / "claims_train.jsonl"
REAL_TEST = REAL_DIR / "claims_test.jsonl"
# An independent second reading of a sample of the training posts: how far two careful readers agree on records.
REAL_SECOND = REAL_DIR / "claims_train_second.jsonl"
FLAGS = ("self_reported", "internal_eval", "no_number", "relayed")
CHECKED = (*FLAGS, "direction")
RESAMPLES = 2000
_FOLD = re.compile(r"[\s\-_]+")


def _fold(name: str) -> str:
    return _FOLD.sub("", name.casefold())


@lru_cache(maxsize=1)
def _canonical_names() -> dict[str, str]:
    """Folded alias or canonical name -> folded canonical name, for every model and benchmark in the lexicons."""
    table: dict[str, str] = {}
    for entry in lexicons.benchmarks():
        for alias in (entry.canonical, *entry.aliases, *entry.case_sensitive_aliases):
            table.setdefault(_fold(alias), _fold(entry.canonical))
    for entry in lexicons.models():
        for alias in (entry.canonical, *entry.aliases, *entry.context_aliases):
            table.setdefault(_fold(alias), _fold(entry.canonical))
    return table


def resolve_name(name: str) -> str:
    """The name a record is compared by (see the module docstring)."""
    folded = _fold(name or "")
    return _canonical_names().get(folded, folded)


@lru_cache(maxsize=1)
def _resolved_generations() -> dict[str, frozenset[str]]:
    """Folded canonical model name -> the folded names of the generations it is a version of."""
    return {_fold(name): frozenset(map(_fold, chain)) for name, chain in lexicons.generations_of().items()}


def model_matches(gold: str, predicted: str) -> bool:
    """Equal after name resolution, or the gold names a generation the predicted model is a version of."""
    g, p = resolve_name(gold), resolve_name(predicted)
    return g == p or g in _resolved_generations().get(p, ())


def record_key(record: dict) -> tuple:
    value = record["value"]
    return (resolve_name(record["model"]), resolve_name(record["benchmark"]),
            None if value is None else float(value), record["unit"] if value is not None else "")


def _legacy_key(record: dict) -> tuple:
    """The written sets' first record match (model, benchmark and value as written), kept to compare with before."""
    value = record["value"]
    return record["model"], record["benchmark"], None if value is None else float(value)


def match_records(gold: list[dict], predicted: list[dict], *,
                  as_written: bool = False) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Gold and predicted records paired one to one: (pairs, gold left over, predicted left over). Pairs on equal
    keys come first, then pairs by the version rule, so an exact pair is never taken by a looser one.
    `as_written`: the written sets' first measure (model, benchmark and value as written)."""
    key = _legacy_key if as_written else record_key
    generations = lexicons.generations_of() if as_written else _resolved_generations()
    left = list(predicted)
    pairs: list[tuple[dict, dict]] = []
    missed: list[dict] = []
    for r in gold:
        found = next((q for q in left if key(q) == key(r)), None)
        if found is None:
            missed.append(r)
            continue
        left.remove(found)
        pairs.append((r, found))
    still_missed = []
    for r in missed:
        model, rest = key(r)[0], key(r)[1:]
        found = next((q for q in left if key(q)[1:] == rest and model in generations.get(key(q)[0], ())), None)
        if found is None:
            still_missed.append(r)
            continue
        left.remove(found)
        pairs.append((r, found))
    return pairs, still_missed, left


def _figures(records: list[dict]) -> Counter:
    return Counter((float(r["value"]), r["unit"]) for r in records if r["value"] is not None)


def evaluate(path: Path = GOLD) -> dict:
    """A written claims set: the label that gates a no-number record comes from the rules, as in `tag --fast`."""
    return evaluate_posts([json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()],
                          benchmark_claim=None)


def real_claim_posts(path: Path, real_posts: list[Path]) -> list[dict]:
    """Claim records annotated on real benchmark-claim posts (sample_posts/real_labels), with their texts read from
    the real-posts files (hash-checked: see model.real_labels)."""
    import pandas as pd

    from ..model import real_labels

    records = list(read_records(path).values())
    table = real_labels.load()
    keyed = table.set_index("id").loc[[r["id"] for r in records], ["file", "text_sha1"]].reset_index()
    joined = real_labels.with_texts(pd.DataFrame(keyed), real_posts, log=lambda _: None)
    texts = dict(zip(joined["id"], joined["text"], strict=True))
    return [{"id": r["id"], "text": texts[r["id"]], "claims": r["claims"]} for r in records if r["id"] in texts]


def read_records(path: Path) -> dict[str, dict]:
    """Labelled claim records (JSON Lines) keyed by post id."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


def agreement(first: Path = REAL_TRAIN, second: Path = REAL_SECOND) -> dict:
    """The second reader's records measured against the first reader's, on the posts both read, with the same
    comparison as the extractor (the first reading as gold): the ceiling a record-level figure can be read against.
    The posts' texts are not needed."""
    firsts, seconds = read_records(first), read_records(second)
    shared = [i for i in firsts if i in seconds]
    for i in shared:
        if firsts[i]["text_sha1"] != seconds[i]["text_sha1"]:
            raise ValueError(f"{i}: the two readings are of different texts (text_sha1 differs)")
    posts = [{"id": i, "claims": firsts[i]["claims"]} for i in shared]
    return evaluate_posts(posts, predicted=[seconds[i]["claims"] for i in shared])


def real_test_posts(real_posts: list[Path]) -> list[dict]:
    return real_claim_posts(REAL_TEST, real_posts)


def predict(posts: list[dict], *, benchmark_claim: bool | None = True) -> list[list[dict]]:
    """Predicted records of each post. `benchmark_claim`: the post label that lets a figureless claim have its one
    no-number record; None reads it from the rules (`tag --fast`)."""
    from ..model import rules

    nlp = nlp_module.shared()
    out = []
    for post, doc in zip(posts, nlp.pipe(p["text"] for p in posts), strict=True):
        label = rules.label(doc).benchmark_claim if benchmark_claim is None else benchmark_claim
        out.append([vars(c) for c in claims_module.extract(doc, post["id"], benchmark_claim=label)])
    return out


def _same(field: str, gold: dict, predicted: dict) -> bool:
    if field == "direction":
        return (gold[field] or "") == (predicted[field] or "")
    return bool(gold[field]) == bool(predicted[field])


def compare_post(gold: list[dict], predicted: list[dict]) -> dict[str, int]:
    """Counts of one post that the figures are sums of (so posts can be resampled)."""
    g_fig, p_fig = _figures(gold), _figures(predicted)
    counts = {"value_hit": sum((g_fig & p_fig).values()), "value_pred": sum(p_fig.values()),
              "value_gold": sum(g_fig.values()), "record_pred": len(predicted), "record_gold": len(gold)}
    pairs, _, _ = match_records(gold, predicted)
    matched = len(pairs)
    for f in CHECKED:
        counts[f"{f}_right"] = sum(_same(f, r, match) for r, match in pairs)
    counts["record_hit"] = matched
    every_flag = all(counts[f"{f}_right"] == matched for f in CHECKED)
    counts["post_right"] = int(matched == len(gold) == len(predicted) and every_flag)
    counts["posts"] = 1
    return counts


# figure -> (numerator count, denominator count)
RATIOS: dict[str, tuple[str, str]] = {
    "value precision": ("value_hit", "value_pred"),
    "value recall": ("value_hit", "value_gold"),
    "record precision": ("record_hit", "record_pred"),
    "record recall": ("record_hit", "record_gold"),
    **{f"{f} right": (f"{f}_right", "record_hit") for f in CHECKED},
    "posts all right": ("post_right", "posts"),
}


def _interval(table: np.ndarray, columns: list[str], figure: Callable[[np.ndarray], np.ndarray],
              seed: int = 0) -> tuple[float, float]:
    picks = np.random.default_rng(seed).integers(0, len(table), size=(RESAMPLES, len(table)))
    sums = table[picks].sum(axis=1)  # (resamples, columns)
    values = figure(sums)
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros_like(num * den), where=den > 0)


def figures(per_post: list[dict[str, int]]) -> dict[str, dict]:
    """Each figure with its n (the denominator) and a 95% bootstrap interval over posts."""
    columns = list(per_post[0]) if per_post else []
    table = np.array([[c[k] for k in columns] for c in per_post], dtype=float).reshape(len(per_post), len(columns))
    col = {k: i for i, k in enumerate(columns)}
    total = table.sum(axis=0) if len(table) else np.zeros(len(columns))
    out = {}
    for name, (num, den) in RATIOS.items():
        def ratio(sums, num=num, den=den):
            return _ratio(sums[..., col[num]], sums[..., col[den]])
        out[name] = {"value": float(ratio(total)), "n": int(total[col[den]]),
                     "interval": _interval(table, columns, ratio) if len(table) else (0.0, 0.0)}

    def f1(sums):
        p = _ratio(sums[..., col["record_hit"]], sums[..., col["record_pred"]])
        r = _ratio(sums[..., col["record_hit"]], sums[..., col["record_gold"]])
        return _ratio(2 * p * r, p + r)
    out["record F1"] = {"value": float(f1(total)), "n": int(total[col["record_gold"]]),
                        "interval": _interval(table, columns, f1) if len(table) else (0.0, 0.0)}
    return out


def evaluate_posts(posts: list[dict], *, benchmark_claim: bool | None = True,
                   predicted: Iterable[list[dict]] | None = None) -> dict:
    """Claim records extracted from each post's text against its labelled records."""
    predicted = list(predicted) if predicted is not None else predict(posts, benchmark_claim=benchmark_claim)
    per_post, errors = [], []
    value_aligned = value_exact = legacy_hit = 0
    for post, found in zip(posts, predicted, strict=True):
        gold = post["claims"]
        counts = compare_post(gold, found)
        per_post.append(counts)
        if not counts["post_right"]:
            _, missed, extra = match_records(gold, found)
            errors.append((post["id"], sorted(map(record_key, missed), key=str),
                           sorted(map(record_key, extra), key=str)))
        legacy_hit += len(match_records(gold, found, as_written=True)[0])
        # Value exact-match (the written sets' first measure): each gold figure against the predicted record for
        # the same model and benchmark.
        remaining = list(found)
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
    result = figures(per_post)
    gold_n, pred_n = sum(c["record_gold"] for c in per_post), sum(c["record_pred"] for c in per_post)
    legacy_f1 = 2 * legacy_hit / (gold_n + pred_n) if gold_n + pred_n else 0.0
    return {
        "posts": len(posts), "gold_records": sum(c["record_gold"] for c in per_post),
        "predicted_records": sum(c["record_pred"] for c in per_post),
        "record_precision": result["record precision"]["value"], "record_recall": result["record recall"]["value"],
        "record_f1": result["record F1"]["value"], "legacy_record_f1": legacy_f1,
        "value_exact_match": value_exact / value_aligned if value_aligned else 0.0, "value_aligned": value_aligned,
        "figures": result, "errors": errors,
    }


def report(result: dict, errors: int = 0, *, title: str = "Claim extraction") -> str:
    lines = [f"### {title} ({result['posts']} posts, {result['gold_records']} gold records, "
             f"{result['predicted_records']} predicted)", "",
             "| measure | value | n | 95% interval (bootstrap over posts) |", "|---|---|---|---|"]
    order = ["value precision", "value recall", "record precision", "record recall", "record F1",
             *[f"{f} right" for f in CHECKED], "posts all right"]
    for name in order:
        s = result["figures"][name]
        n_of = {"value precision": "predicted figures", "value recall": "gold figures",
                "record precision": "predicted records", "record recall": "gold records",
                "record F1": "gold records", "posts all right": "posts"}.get(name, "matched records")
        lines.append(f"| {name} | {s['value']:.3f} | {s['n']} {n_of} | {s['interval'][0]:.3f}–{s['interval'][1]:.3f} |")
    lines.append(f"| value exact-match (same model and benchmark) | {result['value_exact_match']:.3f} | "
                 f"{result['value_aligned']} aligned figures | |")
    lines.append(f"| record F1 as first measured (model + benchmark + value as written, no unit) | "
                 f"{result['legacy_record_f1']:.3f} | {result['gold_records']} gold records | |")
    if errors:
        lines.append("")
        for post_id, missed, extra in result["errors"][:errors]:
            lines.append(f"{post_id}: missed {missed} extra {extra}")
    return "\n".join(lines)
