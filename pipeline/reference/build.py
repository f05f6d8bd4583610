"""The reference table: both sources read, names resolved, figures on one scale, written as one sorted CSV.

`python -m pipeline reference --source DIR` rebuilds `data/reference_scores.csv`; the same folders give the same
bytes. Rows whose model or benchmark does not resolve, or whose figure is not one number, are left out and
counted by reason.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import lexicons
from .names import Resolver, resolver
from .sources import EPOCH, LLMSTATS, SourceRow, read_epoch, read_llmstats, value_of

TABLE = Path(__file__).parent / "data" / "reference_scores.csv"
SOURCE_ENV = "HYPE_LENS_REFERENCE"  # where the source folders are when --source is not given
COLUMNS = ["model", "benchmark", "value", "raw_value", "unit", "source", "source_file", "source_model",
           "source_benchmark", "source_link", "kind", "setting", "date"]
# Benchmarks whose figures are not percentages: their unit in the table (everything else is on 0..100).
UNITS = {"Codeforces": "elo"}


@dataclass
class Build:
    table: pd.DataFrame
    read: Counter = field(default_factory=Counter)  # rows read, per source
    dropped: Counter = field(default_factory=Counter)  # (source, reason) -> rows left out

    def summary(self) -> str:
        """What was read, kept and dropped, one line per source and reason."""
        lines = [f"{len(self.table)} reference rows: {self.table['model'].nunique()} models, "
                 f"{self.table['benchmark'].nunique()} benchmarks"]
        for source in (LLMSTATS, EPOCH):
            kept = int((self.table["source"] == source).sum())
            lines.append(f"{source}: {self.read[source]} rows read, {kept} kept")
            for (s, reason), n in sorted(self.dropped.items()):
                if s == source:
                    lines.append(f"  dropped {n}: {reason}")
        return "\n".join(lines)


def _mentions(text: str, names: set[str]) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text, re.IGNORECASE) for n in names)


def _kind(row: SourceRow, model: str) -> str:
    """A collected result is self-reported when the publication that gave it names the model's maker or family
    ("GPT-4 technical report" for GPT-4); a leaderboard or someone else's paper is independent."""
    if row.kind:
        return row.kind
    entry = next((m for m in lexicons.models() if m.canonical == model), None)
    names = {entry.vendor, entry.family} - {""} if entry else set()
    return "self_reported" if names and _mentions(row.publisher, names) else "independent"


def build(folder: Path, names: Resolver | None = None) -> Build:
    """The reference table from `folder` (holding `llmstats/` and `epoch/`), sorted, with the counts of what was
    left out and why."""
    names = names or resolver()
    result = Build(table=pd.DataFrame(columns=COLUMNS))
    rows = []
    for source, read in ((LLMSTATS, read_llmstats(folder / LLMSTATS)), (EPOCH, read_epoch(folder / EPOCH))):
        result.read[source] = len(read.rows) + sum(read.dropped.values())
        for reason, n in read.dropped.items():
            result.dropped[(source, reason)] += n
        for row in read.rows:
            setting_text = f"{row.source_benchmark} {row.setting}"
            benchmark = names.benchmark(row.source, row.source_benchmark, setting_text)
            model = names.model(row.source, row.model_names, row.setting)
            reason = ("model and benchmark not resolved" if model is None and benchmark is None
                      else "model not resolved" if model is None else "benchmark not resolved" if benchmark is None
                      else "")
            unit = UNITS.get(benchmark or "", "percent")
            value = value_of(row.raw_value, "number" if unit != "percent" else row.scale)
            if not reason and value is None:
                reason = "figure not one number on the benchmark's scale"
            if reason:
                result.dropped[(source, reason)] += 1
                continue
            rows.append({"model": model, "benchmark": benchmark, "value": value, "raw_value": row.raw_value,
                         "unit": unit, "source": row.source, "source_file": row.source_file,
                         "source_model": row.source_model, "source_benchmark": row.source_benchmark,
                         "source_link": row.source_link, "kind": _kind(row, model), "setting": row.setting,
                         "date": row.date})
    table = pd.DataFrame(rows, columns=COLUMNS)
    result.table = table.sort_values(COLUMNS, kind="stable").reset_index(drop=True)
    return result


def table_bytes(table: pd.DataFrame) -> bytes:
    """The table as CSV bytes (LF line ends, figures as their shortest repr): the same table gives the same bytes."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def default_source() -> Path | None:
    """The source folder named by the HYPE_LENS_REFERENCE environment variable, if any."""
    value = os.environ.get(SOURCE_ENV, "").strip()
    return Path(value) if value else None


def rebuild(folder: Path, out: Path = TABLE) -> Build:
    """Build the table from `folder` and write it to `out`."""
    if not (folder / LLMSTATS).is_dir() or not (folder / EPOCH).is_dir():
        raise FileNotFoundError(f"{folder}: needs the folders {LLMSTATS}/ and {EPOCH}/")
    result = build(folder)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(table_bytes(result.table))
    return result
