"""The reference check on hand-checked claim records (`sample_posts/real_labels/reference_checks.jsonl`).

Each record gives a claim's model, benchmark, value and unit as a person read them, the setting the post names,
every reference row the person found for that model and benchmark (as written in the source files), and the
check the policy gives. The check runs on those fields (no extraction involved) and is scored on two things:
whether the row it picks is one of the rows the person found, and whether its verdict is the expected one. The
model, as the person wrote it ("Qwen3 32B"), is first named as the mention matcher names it in a post (the
lexicon's canonical name for a listed alias, "Qwen3-32B"; otherwise as written), as extraction would.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import lexicons
from ..nlp.model_mentions import ModelMentions
from ..reference.check import CHECKS, ReferenceRow, ReferenceTable, reference_table

GOLD = Path(__file__).resolve().parents[2] / "sample_posts" / "real_labels" / "reference_checks.jsonl"
REQUIRED = ("id", "model", "benchmark", "value", "unit", "evidence_setting", "expected_check", "reference_rows")


@dataclass
class Outcome:
    record: dict
    predicted: str
    reason: str
    row: ReferenceRow | None
    right_row: bool


@dataclass
class Result:
    outcomes: list[Outcome] = field(default_factory=list)

    def given_row(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.row is not None]


def read_records(path: Path) -> list[dict]:
    """The records of a JSON Lines file; a line that is not one, or lacks a field, stops with one line naming it."""
    records = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path.name}:{n}: not JSON ({exc})") from None
            missing = [k for k in REQUIRED if k not in record]
            if missing:
                raise ValueError(f"{path.name}:{n}: missing {missing}")
            records.append(record)
    return records


def _same_figure(a: str | float, b: str | float) -> bool:
    try:
        return abs(float(str(a).strip().rstrip("%")) - float(str(b).strip().rstrip("%"))) < 1e-6
    except ValueError:
        return False


def is_listed(row: ReferenceRow, listed: list[dict]) -> bool:
    """Whether the table row is one of the rows a person found: the same file and figure as written, and the same
    model (and, where the file names benchmarks, the same benchmark) as written there."""
    path = f"{row.source}/{row.source_file}"
    for gold in listed:
        if gold.get("file") != path or not _same_figure(gold.get("score", ""), row.raw_value):
            continue
        if row.source == "epoch" and gold.get("model") != row.source_model:
            continue
        named_in_file = row.source == "llmstats" or row.source_file == "data/benchmarks_runs.csv"
        if named_in_file and gold.get("benchmark") != row.source_benchmark:
            continue
        return True
    return False


@lru_cache(maxsize=1)
def _mentions() -> ModelMentions:
    return ModelMentions()


def model_name(written: str) -> str:
    """The model as a post's mention of it is named: the canonical name of a listed alias, else as written."""
    return _mentions().name_of(written.strip())


def evaluate(path: Path = GOLD, table: ReferenceTable | None = None) -> Result:
    """Run the check on every record of `path`."""
    table = table or reference_table()
    result = Result()
    for record in read_records(path):
        check = table.check(model=model_name(record["model"]), benchmark=record["benchmark"], value=record["value"],
                            unit=record["unit"], evidence=record.get("evidence_setting") or "",
                            self_reported=bool(record.get("self_reported", False)))
        right = check.row is not None and is_listed(check.row, record["reference_rows"])
        result.outcomes.append(Outcome(record, check.check, check.reason, check.row, right))
    return result


def interval(hits: list[bool], *, resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """A 95% bootstrap interval for a share: the records resampled with replacement (seeded)."""
    if not hits:
        return (float("nan"), float("nan"))
    rng = random.Random(seed)
    n = len(hits)
    shares = sorted(sum(rng.choices(hits, k=n)) / n for _ in range(resamples))
    return shares[int(0.025 * resamples)], shares[int(0.975 * resamples) - 1]


def _share(name: str, hits: list[bool]) -> str:
    if not hits:
        return f"| {name} | n/a | | 0 |"
    lo, hi = interval(hits)
    return f"| {name} | {sum(hits) / len(hits):.3f} | {lo:.3f}–{hi:.3f} | {len(hits)} |"


def report(result: Result, *, errors: int = 0, title: str = "Reference check, hand-checked claim records") -> str:
    """Resolution precision and recall, verdict accuracy (95% bootstrap intervals) and the confusion table."""
    given = result.given_row()
    with_rows = [o for o in result.outcomes if o.record["reference_rows"]]
    lines = [f"## {title} (n = {len(result.outcomes)})", "",
             "| measure | value | 95% interval (bootstrap) | n |", "|---|---|---|---|",
             _share("resolution precision: right row / records given a row", [o.right_row for o in given]),
             _share("resolution recall: right row / records with rows found by hand", [o.right_row for o in with_rows]),
             _share("check agrees with the expected check", [o.predicted == o.record["expected_check"]
                                                             for o in result.outcomes])]
    for sample in sorted({o.record.get("sample", "") for o in result.outcomes}):
        part = [o for o in result.outcomes if o.record.get("sample", "") == sample]
        lines.append(_share(f"check agrees, sample {sample or '(none)'}",
                            [o.predicted == o.record["expected_check"] for o in part]))
    models = {m.canonical for m in lexicons.models()}
    benchmarks = {b.canonical for b in lexicons.benchmarks()}
    named = [o for o in result.outcomes
             if model_name(o.record["model"]) in models and o.record["benchmark"] in benchmarks]
    lines.append(_share("check agrees, records whose model and benchmark are lexicon names",
                        [o.predicted == o.record["expected_check"] for o in named]))
    pairs = Counter((o.record["expected_check"], o.predicted) for o in result.outcomes)
    lines += ["", "Expected (rows) against predicted (columns):", "",
              "| expected \\ predicted | " + " | ".join(CHECKS) + " |", "|---" * (len(CHECKS) + 1) + "|"]
    for expected in CHECKS:
        lines.append(f"| {expected} | " + " | ".join(str(pairs.get((expected, p), 0)) for p in CHECKS) + " |")
    wrong = [o for o in result.outcomes if o.predicted != o.record["expected_check"] or (o.row and not o.right_row)]
    if errors and wrong:
        lines += ["", f"First {min(errors, len(wrong))} of {len(wrong)} disagreements:"]
        for o in wrong[:errors]:
            r = o.record
            unlisted = " (row not among those found by hand)" if o.row and not o.right_row else ""
            lines.append(f"- {r['id']} {r['model']} / {r['benchmark']} {r['value']} {r['unit']}: expected "
                         f"{r['expected_check']}, got {o.predicted}{unlisted}: {o.reason}")
    return "\n".join(lines)
