"""The lexicons are data: JSON Lines files next to this module, one entry a line, schema in README.md."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


class LexiconError(ValueError):
    """A lexicon file that breaks its schema: the message names the file, the line and the field."""


@dataclass(frozen=True)
class Cliche:
    canonical: str
    category: str
    phrases: tuple[str, ...]
    patterns: tuple[tuple[dict, ...], ...]
    veto_before: tuple[str, ...]
    veto_after: tuple[str, ...]
    source: str
    note: str
    suggestion: str


@dataclass(frozen=True)
class Benchmark:
    canonical: str
    category: str
    aliases: tuple[str, ...]
    case_sensitive_aliases: tuple[str, ...]
    source: str
    note: str


@dataclass(frozen=True)
class Model:
    canonical: str
    vendor: str
    family: str
    aliases: tuple[str, ...]
    kind: str
    note: str = ""
    context_aliases: tuple[str, ...] = ()
    version_of: str = ""  # the canonical name this entry is a size, preview or dated release of ("" if none)


@dataclass(frozen=True)
class ModelFamily:
    """A catch-all for versions not listed yet: the mention keeps its spelling as its name."""

    family: str
    vendor: str
    pattern: str
    note: str = ""
    needs_context: bool = False


@dataclass(frozen=True)
class CueLayer:
    layer: str
    phrases: tuple[str, ...]
    note: str


_SCHEMAS: dict[str, dict[str, type]] = {
    "cliches.jsonl": {"canonical": str, "category": str, "phrases": list, "patterns": list, "veto_before": list,
                      "veto_after": list, "source": str, "note": str, "suggestion": str},
    "benchmarks.jsonl": {"canonical": str, "category": str, "aliases": list, "case_sensitive_aliases": list,
                         "source": str, "note": str},
    "models.jsonl": {"canonical": str, "vendor": str, "family": str, "aliases": list, "context_aliases": list,
                     "kind": str, "version_of": str, "note": str},
    "model_families.jsonl": {"family": str, "vendor": str, "pattern": str, "needs_context": bool, "note": str},
    "cues.jsonl": {"layer": str, "phrases": list, "note": str},
}


def load_entries(name: str, directory: Path = HERE) -> list[dict]:
    """Every entry of one lexicon file, checked against its schema."""
    schema = _SCHEMAS[name]
    path = directory / name
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LexiconError(f"{name}:{number}: not valid JSON ({exc.msg})") from None
        missing = [k for k in schema if k not in entry]
        extra = [k for k in entry if k not in schema]
        if missing or extra:
            raise LexiconError(f"{name}:{number}: missing {missing or 'nothing'}, unknown {extra or 'nothing'}")
        for key, kind in schema.items():
            if not isinstance(entry[key], kind):
                raise LexiconError(f"{name}:{number}: {key} must be a {kind.__name__}")
        entries.append(entry)
    return entries


@lru_cache(maxsize=1)
def cliches() -> tuple[Cliche, ...]:
    out = []
    for e in load_entries("cliches.jsonl"):
        if not e["phrases"] and not e["patterns"]:
            raise LexiconError(f"cliches.jsonl: {e['canonical']!r} has neither phrases nor patterns")
        out.append(Cliche(e["canonical"], e["category"], tuple(e["phrases"]),
                          tuple(tuple(p) for p in e["patterns"]), tuple(e["veto_before"]), tuple(e["veto_after"]),
                          e["source"], e["note"], e["suggestion"]))
    return tuple(out)


@lru_cache(maxsize=1)
def benchmarks() -> tuple[Benchmark, ...]:
    return tuple(Benchmark(e["canonical"], e["category"], tuple(e["aliases"]), tuple(e["case_sensitive_aliases"]),
                           e["source"], e["note"]) for e in load_entries("benchmarks.jsonl"))


def check_versions(entries: list[dict]) -> None:
    """Every `version_of` names another entry's canonical name, and following them never comes back round."""
    parent = {e["canonical"]: e["version_of"] for e in entries}
    for name, of in parent.items():
        if of and of not in parent:
            raise LexiconError(f"models.jsonl: {name!r} is a version_of {of!r}, which is no canonical name")
        seen = [name]
        while of:
            if of in seen:
                raise LexiconError(f"models.jsonl: version_of goes round: {' -> '.join([*seen, of])}")
            seen.append(of)
            of = parent[of]


def load_models(directory: Path = HERE) -> tuple[Model, ...]:
    """The model lexicon of `directory`, schema and `version_of` links checked."""
    entries = load_entries("models.jsonl", directory)
    check_versions(entries)
    return tuple(Model(e["canonical"], e["vendor"], e["family"], tuple(e["aliases"]), e["kind"], e["note"],
                       tuple(e["context_aliases"]), e["version_of"]) for e in entries)


@lru_cache(maxsize=1)
def models() -> tuple[Model, ...]:
    return load_models()


@lru_cache(maxsize=1)
def generations_of() -> dict[str, tuple[str, ...]]:
    """Canonical model name -> the names it is a version of, nearest first ("Qwen3-30B-A3B-Thinking-2507" ->
    ("Qwen3-30B-A3B", "Qwen3")); models that are no version of another are left out."""
    parent = {m.canonical: m.version_of for m in models()}
    out = {}
    for name, of in parent.items():
        chain = []
        while of:
            chain.append(of)
            of = parent[of]
        if chain:
            out[name] = tuple(chain)
    return out


@lru_cache(maxsize=1)
def model_families() -> tuple[ModelFamily, ...]:
    return tuple(ModelFamily(e["family"], e["vendor"], e["pattern"], e["note"], e["needs_context"])
                 for e in load_entries("model_families.jsonl"))


@lru_cache(maxsize=1)
def cues() -> dict[str, CueLayer]:
    return {e["layer"]: CueLayer(e["layer"], tuple(e["phrases"]), e["note"]) for e in load_entries("cues.jsonl")}


@lru_cache(maxsize=1)
def ai_context_words() -> tuple[str, ...]:
    """Words that show a post is about AI (ai_context.txt): they let everyday-word model aliases count."""
    lines = (HERE / "ai_context.txt").read_text(encoding="utf-8").splitlines()
    return tuple(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def general_cliches() -> tuple[tuple[str, str], ...]:
    """proselint's general cliché lists as (phrase, list name); its licence is at the top of the file."""
    section, out = "", []
    for line in (HERE / "general_cliches.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        if any(ch in line for ch in "?()[]"):
            continue  # three entries are regex fragments; their plain forms are rare enough to leave out
        out.append((line, section))
    return tuple(out)


@lru_cache(maxsize=1)
def cliche_by_canonical() -> dict[str, Cliche]:
    return {c.canonical: c for c in cliches()}


@lru_cache(maxsize=1)
def cliche_categories() -> dict[str, str]:
    return {c.canonical: c.category for c in cliches()}
