"""The two source folders read into plain rows: LLMStats' model.json files and Epoch AI's CSV files.

Format code stays here. Each row keeps the model, benchmark, figure and setting exactly as the source writes them;
`build.py` resolves the names and puts the figures on one scale.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
LLMSTATS, EPOCH = "llmstats", "epoch"
# Epoch's model ids carry the reasoning setting they were run at: `o3-2025-04-16_high`,
# `claude-3-7-sonnet-20250219_64K`, `gemini-2.5-flash-preview-04-17 (24K thinking)`.
EPOCH_MODEL = re.compile(r"^(?P<base>.+?)(?:_(?P<effort>minimal|low|medium|high)|_(?P<budget>\d+K))?"
                         r"(?:\s*\((?P<paren>[^)]*)\))?$")
NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


@dataclass
class SourceRow:
    """One reported result, as its source writes it."""

    source: str  # llmstats | epoch
    source_file: str  # relative to the source folder
    source_model: str
    source_benchmark: str
    raw_value: str
    scale: str  # fraction (0..1) | percent (0..100, "%" allowed) | number (kept as written)
    kind: str  # self_reported | independent
    setting: str
    date: str
    source_link: str
    # names to try, in order, when resolving the model (the id first, then a display name)
    model_names: tuple[str, ...] = ()
    # who published the figure, for telling self-reported rows from independent ones (Epoch's `Source` column)
    publisher: str = ""


@dataclass
class SourceRead:
    rows: list[SourceRow] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class EpochFile:
    """One figure column of one of Epoch's external_benchmark_*.csv files (`data/epoch_files.csv`)."""

    file: str
    benchmark: str
    model_column: str
    name_column: str
    score_column: str
    scale: str
    setting_columns: tuple[str, ...]
    setting_note: str
    date_column: str
    note: str


@lru_cache(maxsize=1)
def epoch_files() -> tuple[EpochFile, ...]:
    """The columns of Epoch's external files that the table reads (data/epoch_files.csv)."""
    with open(DATA / "epoch_files.csv", encoding="utf-8", newline="") as f:
        return tuple(EpochFile(file=r["file"], benchmark=r["benchmark"], model_column=r["model_column"],
                               name_column=r["name_column"], score_column=r["score_column"], scale=r["scale"],
                               setting_columns=tuple(c for c in r["setting_columns"].split(";") if c),
                               setting_note=r["setting_note"], date_column=r["date_column"], note=r["note"])
                     for r in csv.DictReader(f))


def read_llmstats(folder: Path) -> SourceRead:
    """Every `qualitative_metrics` row of `models/<org>/<id>/model.json`, in path order."""
    out = SourceRead()
    for path in sorted(folder.glob("models/*/*/model.json")):
        rel = path.relative_to(folder).as_posix()
        try:
            model = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"warning: {rel}: unreadable ({exc}); skipped")
            out.dropped["unreadable model.json"] += 1
            continue
        model_id = path.parent.name
        for metric in model.get("qualitative_metrics") or []:
            score = metric.get("score")
            if not isinstance(score, int | float) or isinstance(score, bool):
                out.dropped["no figure"] += 1
                continue
            out.rows.append(SourceRow(
                source=LLMSTATS, source_file=rel, source_model=model_id,
                source_benchmark=str(metric.get("dataset_name") or ""), raw_value=repr(score), scale="fraction",
                kind="self_reported" if metric.get("is_self_reported") else "independent",
                setting=str(metric.get("analysis_method") or "").strip(), date=str(metric.get("date_recorded") or ""),
                source_link=str(metric.get("source_link") or ""),
                model_names=(model_id, str(model.get("name") or ""))))
    return out


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader(f)


def epoch_model(model: str) -> tuple[str, str]:
    """(the id without its reasoning setting, the setting in words): `o3-2025-04-16_high` gives
    (`o3-2025-04-16`, `reasoning effort high`)."""
    m = EPOCH_MODEL.match(model.strip())
    if not m:
        return model.strip(), ""
    parts = []
    if m["effort"]:
        parts.append(f"reasoning effort {m['effort']}")
    if m["budget"]:
        parts.append(f"thinking budget {m['budget']}")
    if m["paren"]:
        parts.append(m["paren"])
    return m["base"].strip(), "; ".join(parts)


def _date(text: str) -> str:
    """An ISO date from Epoch's `17 November 2025 4:28pm` or `24/1/2025`; empty when there is none."""
    text = text.strip()
    for fmt, cut in (("%d %B %Y", 3), ("%d/%m/%Y", 1)):
        try:
            return datetime.strptime(" ".join(text.split()[:cut]), fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def read_epoch(folder: Path) -> SourceRead:
    """Epoch's own runs (`data/benchmarks_runs.csv`) and the configured columns of its collected results."""
    out = SourceRead()
    runs = folder / "data" / "benchmarks_runs.csv"
    for row in _csv_rows(runs):
        score = (row.get("Best score (across scorers)") or "").strip()
        base, setting = epoch_model(row.get("model") or "")
        out.rows.append(SourceRow(
            source=EPOCH, source_file="data/benchmarks_runs.csv", source_model=(row.get("model") or "").strip(),
            source_benchmark=(row.get("task") or "").strip(), raw_value=score, scale="fraction",
            kind="independent", setting=setting, date=_date(row.get("started_at") or ""),
            source_link=(row.get("log viewer") or row.get("logs") or "").strip(), model_names=(base,),
            publisher="Epoch AI"))
    configured = {spec.file for spec in epoch_files()}
    for path in sorted((folder / "data").glob("external_benchmark_*.csv")):
        if path.name not in configured:
            out.dropped["benchmark not in the lexicon (file not read)"] += sum(1 for _ in _csv_rows(path))
    for spec in epoch_files():
        path = folder / "data" / spec.file
        if not path.exists():
            print(f"warning: data/{spec.file}: missing; skipped")
            continue
        for row in _csv_rows(path):
            model = (row.get(spec.model_column) or "").strip()
            name = (row.get(spec.name_column) or "").strip() if spec.name_column else ""
            base, model_setting = epoch_model(model) if model else ("", "")
            settings = [model_setting, spec.setting_note] + [
                f"{c}: {row[c].strip()}" for c in spec.setting_columns if (row.get(c) or "").strip()]
            link = next((row[c] for c in row if c and c.startswith("Source link") and row[c]), "")
            out.rows.append(SourceRow(
                source=EPOCH, source_file=f"data/{spec.file}", source_model=model or name,
                source_benchmark=spec.benchmark, raw_value=(row.get(spec.score_column) or "").strip(),
                scale=spec.scale, kind="", setting="; ".join(s for s in settings if s),
                date=_date(row.get(spec.date_column) or "") if spec.date_column else "",
                source_link=link.strip(), model_names=tuple(n for n in (base, name) if n),
                publisher=(row.get("Source") or "").strip()))
    return out


def value_of(raw: str, scale: str) -> float | None:
    """The figure on the table's scale: a fraction times 100, a percent as written (with or without "%"), a plain
    number as written; None when the cell holds no single number or a fraction above 1."""
    text = raw.strip().rstrip("%").strip()
    if not NUMBER.match(text):
        return None
    number = float(text)
    if scale == "fraction":
        return round(number * 100, 4) if 0 <= number <= 1 else None
    if scale == "percent":
        return round(number, 4) if 0 <= number <= 100 else None
    return round(number, 4)
