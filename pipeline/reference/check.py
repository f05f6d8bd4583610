"""A claim record checked against the reference table. The policy, in order (also in data/README.md):

1. The claim needs a figure, a model and a benchmark that are canonical names with rows in the table; otherwise
   `no_reference`. When the post names an edition of the benchmark (AIME 2025, tau-bench retail, FrontierMath
   tier 4), rows of another edition are not its reference.
2. Units: percent claims compare on the 0..100 scale; a "score" claim compares with percent rows, a figure of 1
   or less read as a fraction (0.77 is 77.0); a rank, Elo, count or percentile claim compares only with rows of
   its own unit, and without such rows it is `no_reference` ("unit not comparable").
3. A row within 0.5 points of the claim matches. If every matching row's setting contradicts a setting the post
   names (5-shot against 0-shot, pass@1 against cons@64, with tools against without), the claim is `ambiguous`;
   otherwise `matches`.
4. No row within 0.5: above every row is `higher_than_reported`, below every row `lower_than_reported`, each with
   the closest row; between rows it is `ambiguous`, naming the rows either side.
5. Among rows that qualify equally: a row whose setting agrees with the post first, then a self-reported row
   when the claim is self-reported, then the closest figure, then the table's order.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .build import TABLE

FACETS = Path(__file__).parent / "data" / "setting_facets.csv"
TOLERANCE = 0.5  # points on the 0..100 scale
REFERENCE_COLUMNS = ["reference_value", "reference_source", "reference_kind", "check", "check_reason"]
CHECKS = ("matches", "higher_than_reported", "lower_than_reported", "ambiguous", "no_reference")
_EPSILON = 1e-9  # 70.3 - 69.8 is 0.5000000000000071 in floats


@dataclass(frozen=True)
class ReferenceRow:
    model: str
    benchmark: str
    value: float
    raw_value: str
    unit: str
    source: str
    source_file: str
    source_model: str
    source_benchmark: str
    source_link: str
    kind: str
    setting: str
    order: int  # position in the table, the last tie-breaker

    def describe(self) -> str:
        """`70.3 (llmstats, self_reported: claude-3-7-sonnet-20250219, SWE-bench Verified, <setting>)`."""
        parts = [self.source_model, self.source_benchmark] + ([self.setting] if self.setting else [])
        return f"{self.value:g} ({self.source}, {self.kind}: {', '.join(parts)})"


@dataclass(frozen=True)
class Check:
    check: str
    reason: str
    row: ReferenceRow | None = None

    def columns(self) -> dict:
        """The claims-CSV columns this check fills."""
        row = self.row
        return {"reference_value": row.value if row else None, "reference_source": row.source_link if row else "",
                "reference_kind": row.kind if row else "", "check": self.check, "check_reason": self.reason}


@lru_cache(maxsize=1)
def facet_patterns() -> tuple[tuple[str, str, re.Pattern, str], ...]:
    """(facet, kind, pattern, value template) from data/setting_facets.csv; kind is `edition` (which version of
    the benchmark) or `setting` (how it was run)."""
    with open(FACETS, encoding="utf-8", newline="") as f:
        return tuple((r["facet"], r["kind"], re.compile(r["pattern"], re.IGNORECASE), r["value"])
                     for r in csv.DictReader(f))


def settings_named(text: str, kind: str = "setting") -> dict[str, set[str]]:
    """The settings (or editions) a text names, by facet: "pass@1, no tools" gives attempts pass@1, tools
    without; with kind="edition", "AIME 2025" gives year 2025."""
    found: dict[str, set[str]] = {}
    for facet, facet_kind, pattern, template in facet_patterns():
        if facet_kind != kind:
            continue
        for m in pattern.finditer(text or ""):
            value = template.replace("{1}", (m.group(1) or "").lower()) if pattern.groups else template
            found.setdefault(facet, set()).add(value)
    return found


def contradiction(claimed: dict[str, set[str]], row: ReferenceRow, kind: str = "setting") -> str:
    """The first facet both name with different values, in words ("shots: the post says 5, the row 0"); empty
    when none."""
    named = settings_named(f"{row.source_benchmark} {row.setting}", kind)
    for facet, values in claimed.items():
        if facet in named and not values & named[facet]:
            return f"{facet}: the post says {'/'.join(sorted(values))}, the row {'/'.join(sorted(named[facet]))}"
    return ""


class ReferenceTable:
    """The reference rows by (model, benchmark), loaded once."""

    def __init__(self, table: pd.DataFrame) -> None:
        self._rows: dict[tuple[str, str], list[ReferenceRow]] = {}
        for i, r in enumerate(table.itertuples(index=False)):
            row = ReferenceRow(model=r.model, benchmark=r.benchmark, value=float(r.value),
                               raw_value=str(r.raw_value), unit=r.unit,
                               source=r.source, source_file=r.source_file, source_model=r.source_model,
                               source_benchmark=r.source_benchmark, source_link=r.source_link, kind=r.kind,
                               setting=r.setting, order=i)
            self._rows.setdefault((r.model, r.benchmark), []).append(row)

    @classmethod
    def read(cls, path: Path = TABLE) -> ReferenceTable:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        return cls(table.assign(value=table["value"].astype(float)))

    def rows(self, model: str, benchmark: str) -> list[ReferenceRow]:
        return self._rows.get((model, benchmark), [])

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._rows)

    def check(self, *, model: str, benchmark: str, value: float | None, unit: str, evidence: str = "",
              self_reported: bool = False) -> Check:
        """The check of one claim record (see the module's policy)."""
        if value is None or value != value:
            return Check("no_reference", "no figure claimed")
        if not model or not benchmark:
            return Check("no_reference", "model or benchmark not named")
        rows = self.rows(model, benchmark)
        if not rows:
            return Check("no_reference", f"no reference for {model} on {benchmark}")
        edition = settings_named(evidence, "edition")
        if edition:
            rows = [r for r in rows if not contradiction(edition, r, "edition")]
            if not rows:
                editions = ", ".join(sorted(v for values in edition.values() for v in values))
                return Check("no_reference", f"no reference for {model} on {benchmark} ({editions})")
        claimed, rows, converted = _comparable(float(value), unit, rows)
        if not rows:
            return Check("no_reference", f"unit not comparable ({unit or 'none'} claimed)")
        named = settings_named(evidence)
        note = f" (claimed {value:g} read as {claimed:g}%)" if converted else ""

        def preference(r: ReferenceRow) -> tuple:
            return (bool(contradiction(named, r)), not (self_reported and r.kind == "self_reported"),
                    abs(r.value - claimed), r.order)

        within = [r for r in rows if abs(r.value - claimed) <= TOLERANCE + _EPSILON]
        if within:
            best = min(within, key=preference)
            differs = contradiction(named, best)
            if differs:
                return Check("ambiguous", f"{claimed:g} matches {best.describe()}, but the setting differs "
                                          f"({differs}){note}", best)
            return Check("matches", f"within {TOLERANCE:g} of {best.describe()}{note}", best)
        below = [r for r in rows if r.value < claimed]
        above = [r for r in rows if r.value > claimed]
        if not above:
            top = max(r.value for r in below)
            best = min((r for r in below if r.value == top), key=preference)
            return Check("higher_than_reported", f"{claimed:g} is above every reported figure ({len(rows)}); "
                                                 f"closest {best.describe()}{note}", best)
        if not below:
            bottom = min(r.value for r in above)
            best = min((r for r in above if r.value == bottom), key=preference)
            return Check("lower_than_reported", f"{claimed:g} is below every reported figure ({len(rows)}); "
                                                f"closest {best.describe()}{note}", best)
        under = min((r for r in below if r.value == max(x.value for x in below)), key=preference)
        over = min((r for r in above if r.value == min(x.value for x in above)), key=preference)
        best = min((under, over), key=preference)
        return Check("ambiguous", f"{claimed:g} is between {under.describe()} and {over.describe()}{note}", best)


def _comparable(value: float, unit: str, rows: list[ReferenceRow]) -> tuple[float, list[ReferenceRow], bool]:
    """(the claimed figure on the rows' scale, the rows it can be compared with, whether it was converted)."""
    if unit == "percent":
        return value, [r for r in rows if r.unit == "percent"], False
    if unit == "score":
        percent = [r for r in rows if r.unit == "percent"]
        if percent:
            return (value * 100, percent, True) if 0 <= value <= 1 else (value, percent, False)
        return value, [r for r in rows if r.unit == "score"], False
    return value, [r for r in rows if r.unit == unit], False


@lru_cache(maxsize=1)
def reference_table() -> ReferenceTable:
    """The shipped table (data/reference_scores.csv), read once per process."""
    return ReferenceTable.read()


def check_claim(claim: object) -> dict:
    """The reference columns of one claim record (anything with model, benchmark, value, unit, evidence and
    self_reported attributes)."""
    return reference_table().check(model=claim.model, benchmark=claim.benchmark, value=claim.value,
                                   unit=claim.unit, evidence=claim.evidence,
                                   self_reported=bool(claim.self_reported)).columns()
