"""Source names to the lexicons' canonical names: first the alias file (`data/aliases.csv`), then an exact match
with a lexicon name or alias (case-insensitive; a hyphen, an underscore and a space count as the same).

Nothing is matched loosely: `claude-3-7-sonnet-20250219` resolves only because the alias file says so, and a
name that is neither listed nor spelled like a lexicon entry stays unresolved (its rows are left out and counted).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lexicons

ALIASES = Path(__file__).parent / "data" / "aliases.csv"
ALIAS_COLUMNS = ["source", "kind", "source_name", "setting_contains", "canonical", "note"]
_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise(name: str) -> str:
    """A name as compared: lower case, runs of spaces, hyphens and underscores as one space."""
    return _SEPARATORS.sub(" ", name.strip().lower()).strip()


@dataclass(frozen=True)
class Alias:
    source: str
    kind: str  # model | benchmark
    source_name: str
    setting_contains: str  # applies only when the row's setting contains this (any case); empty: always
    canonical: str  # empty: deliberately unresolved (a subset or another test that shares a name)
    note: str


def read_aliases(path: Path = ALIASES) -> list[Alias]:
    """The alias file; a row that breaks the schema stops with one line naming it."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ALIAS_COLUMNS:
            raise ValueError(f"{path.name}: columns must be {','.join(ALIAS_COLUMNS)}, not {reader.fieldnames}")
        rows = []
        for line, row in enumerate(reader, 2):
            if row["kind"] not in ("model", "benchmark") or not row["source"] or not row["source_name"]:
                raise ValueError(f"{path.name}:{line}: needs a source, a source_name and kind model or benchmark")
            rows.append(Alias(**{k: (row[k] or "").strip() for k in ALIAS_COLUMNS}))
    return rows


class Resolver:
    """Resolves source model and benchmark names to canonical lexicon names (or None)."""

    def __init__(self, aliases: list[Alias] | None = None) -> None:
        aliases = read_aliases() if aliases is None else aliases
        self._aliases: dict[tuple[str, str, str], list[Alias]] = {}
        for a in aliases:
            self._aliases.setdefault((a.source, a.kind, a.source_name), []).append(a)
        models = {m.canonical for m in lexicons.models()}
        benchmarks = {b.canonical for b in lexicons.benchmarks()}
        for a in aliases:
            known = models if a.kind == "model" else benchmarks
            if a.canonical and a.canonical not in known:
                raise ValueError(f"{ALIASES.name}: {a.source} {a.source_name!r} maps to {a.canonical!r}, "
                                 f"which is not a canonical {a.kind} of the lexicons")
        # A lexicon name that is a whole family ("Claude", "Llama") or a product is never one model's result.
        self._models = {normalise(n): m.canonical for m in lexicons.models()
                        if m.kind == "model" and m.canonical != m.family
                        for n in (m.canonical, *m.aliases)}
        self._benchmarks = {normalise(n): b.canonical for b in lexicons.benchmarks()
                            for n in (b.canonical, *b.aliases, *b.case_sensitive_aliases)}

    def _listed(self, source: str, kind: str, name: str, setting: str) -> Alias | None:
        entries = self._aliases.get((source, kind, name), [])
        # an entry with a condition wins over the unconditional one when its condition holds
        for a in entries:
            if a.setting_contains and a.setting_contains.lower() in setting.lower():
                return a
        return next((a for a in entries if not a.setting_contains), None)

    def model(self, source: str, names: tuple[str, ...] | list[str], setting: str = "") -> str | None:
        """The canonical model for the first of `names` that resolves (an id, then a display name)."""
        for name in names:
            listed = self._listed(source, "model", name, setting)
            if listed is not None:
                return listed.canonical or None
            if normalise(name) in self._models:
                return self._models[normalise(name)]
        return None

    def benchmark(self, source: str, name: str, setting: str = "") -> str | None:
        listed = self._listed(source, "benchmark", name, setting)
        if listed is not None:
            return listed.canonical or None
        return self._benchmarks.get(normalise(name))


@lru_cache(maxsize=1)
def resolver() -> Resolver:
    return Resolver()
