"""Figures in the layouts real posts use, read line by line from the text rather than from the score spans:

- markdown tables of models and scores: one figure per numeric cell, the row's and the column's names giving the
  model and the benchmark;
- before/after figures: "GPQA: 81 -> 71", "MMLU-Pro: 75.9 → 81.2 (+5.3)", "from 30.4 down to 24.2": both figures, the
  later one up or down against the earlier;
- a figure set after its test's name: "GPQA Diamond: 81.2", "PhyX (52.8)", "AIME 2025 - 87.5";
- a decimal figure far from the only test a post names ("the insane SimpleQA score ... 54.3 OMG!").

Names come from the lexicon spans inside the cell or line (the text as written when a table cell holds none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from . import figures

NUMBER = figures.NUMBER.pattern
CELL_NUMBER = re.compile(r"^[~≈\\*_\s]*(" + NUMBER + r")\s*(%?)[\\*_\s]*$")
SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
ARROW = re.compile(r"(?<![\w.])(" + NUMBER + r")\s*(%?)\s*(?:→|->|=>|⇒|➡️?|➔)\s*(" + NUMBER + r")\s*(%?)(?!\w|\.\d)")
FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+|~)?(" + NUMBER + r")\s*(%?)\s+(?:(up|down)\s+)?to\s+"
                     r"(?:about\s+|around\s+|~)?(" + NUMBER + r")\s*(%?)(?!\w|\.\d)", re.I)
# After a test's name: a colon, dash, equals sign or opening bracket, then the figure ("MATH-500: 97.3").
AFTER_NAME = re.compile(r"^[\s*_]*(?:\([^)]{0,20}\))?[\s*_]*(?::|-|–|—|=|\(|\bat\b|\bis\b)?[\s*_~]*(" + NUMBER +
                        r")\s*(%?)(?!\w|\.\d|\s*(?:[BMKk]\b|tok|t/s|ms|GB|x\b|\$|/))")


@dataclass
class ShapedFigure:
    model: str
    benchmark: str
    value: float
    unit: str
    direction: str
    start_char: int  # the figure itself
    end_char: int
    line_start: int  # the line it is read from: the record's evidence
    line_end: int


def _unit(percent: str, value: float, benchmark: str, context: str) -> str:
    """percent, elo (said, or a large figure on an arena) or a bare score."""
    if percent:
        return "percent"
    if re.search(r"\belo\b", context, re.I) or value >= 500 and "arena" in benchmark.lower():
        return "elo"
    return "score"


def _num(text: str) -> float:
    value = float(text)
    return int(value) if value.is_integer() else value


class _Names:
    """The model and benchmark spans of a Doc by character offsets."""

    def __init__(self, doc: Doc):
        self.models = [(s.start_char, s.end_char, s.label_) for s in doc.spans.get("models", [])]
        self.benchmarks = [(s.start_char, s.end_char, s.label_) for s in doc.spans.get("benchmarks", [])]

    @staticmethod
    def _in(spans, start: int, end: int) -> list[str]:
        return [label for a, b, label in spans if a >= start and b <= end]

    def model_in(self, start: int, end: int) -> str:
        found = self._in(self.models, start, end)
        return found[-1] if found else ""

    def benchmark_in(self, start: int, end: int) -> str:
        found = self._in(self.benchmarks, start, end)
        return found[-1] if found else ""

    def model_before(self, end: int) -> str:
        before = [label for a, b, label in self.models if b <= end]
        return before[-1] if before else (self.models[0][2] if self.models else "")


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _cells(line: str, line_start: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a markdown table row."""
    out, pos = [], 0
    parts = line.split("|")
    for i, part in enumerate(parts):
        if not ((i == 0 or i == len(parts) - 1) and not part.strip()):
            out.append((line_start + pos, line_start + pos + len(part), part))
        pos += len(part) + 1
    return out


def _cell_name(names: _Names, cell: tuple[int, int, str], *, kind: str) -> str:
    start, end, text = cell
    found = names.model_in(start, end) if kind == "model" else names.benchmark_in(start, end)
    return found or text.strip(" *_`\\")


def table_figures(doc: Doc, text: str) -> list[ShapedFigure]:
    """One figure per numeric cell of each markdown table (a header row, a separator row, rows of cells)."""
    names = _Names(doc)
    lines = list(_lines(text))
    out: list[ShapedFigure] = []
    i = 0
    while i + 2 < len(lines):
        head_start, head = lines[i]
        if head.count("|") >= 2 and SEPARATOR_ROW.match(lines[i + 1][1]) and "-" in lines[i + 1][1]:
            header = _cells(head, head_start)
            j = i + 2
            while j < len(lines) and lines[j][1].count("|") >= 2:
                row_start, row = lines[j]
                out.extend(_row_figures(names, header, _cells(row, row_start), (row_start, row_start + len(row))))
                j += 1
            i = j
        else:
            i += 1
    return out


def _row_figures(names: _Names, header, cells, line: tuple[int, int]) -> list[ShapedFigure]:
    if not cells:
        return []
    label = cells[0]
    row_is_test = bool(names.benchmark_in(label[0], label[1])) or not names.model_in(label[0], label[1]) and any(
        names.model_in(h[0], h[1]) for h in header[1:])
    out = []
    for col, cell in enumerate(cells[1:], start=1):
        m = CELL_NUMBER.match(cell[2])
        if not m or col >= len(header):
            continue
        head = header[col]
        if re.search(r"\b(rank|#|params|size|price|cost|tok|speed|latency|sec|context|date|year)\b", head[2], re.I):
            continue  # not a capability result
        if row_is_test:
            model, benchmark = _cell_name(names, head, kind="model"), _cell_name(names, label, kind="benchmark")
        else:
            model, benchmark = _cell_name(names, label, kind="model"), _cell_name(names, head, kind="benchmark")
        offset = cell[0] + m.start(1)
        out.append(ShapedFigure(model, benchmark, _num(m.group(1)), "percent" if m.group(2) else "score", "",
                                offset, offset + len(m.group(1)), *line))
    return out


def before_after_figures(doc: Doc, text: str) -> list[ShapedFigure]:
    """Both figures of "81 -> 71" and "from 30.4 down to 24.2", the later one up or down against the earlier."""
    names = _Names(doc)
    out: list[ShapedFigure] = []
    for line_start, line in _lines(text):
        for m in [*ARROW.finditer(line), *FROM_TO.finditer(line)]:
            groups = m.groups()
            (a, a_pct), (b, b_pct) = (groups[0], groups[1]), (groups[-2], groups[-1])
            said = groups[2] if len(groups) == 5 else None
            unit = "percent" if (a_pct or b_pct) else "score"
            if unit == "score" and "%" in line[m.end(): m.end() + 1]:
                unit = "percent"
            before, after = _num(a), _num(b)
            direction = said.lower() if said else ("up" if after > before else "down" if after < before else "")
            lead = line_start + m.start()
            if unit == "score" and max(before, after) > 100 and not names.benchmark_in(line_start, lead):
                continue  # years, prices, sizes: a before/after of a result names its test or is a percentage
            benchmark = names.benchmark_in(line_start, lead) or names.benchmark_in(line_start, line_start + len(line))
            model = names.model_in(line_start, lead) or names.model_before(lead)
            line_span = (line_start, line_start + len(line))
            a_at, b_at = line_start + m.start(1), line_start + m.start(len(groups) - 1)
            unit = _unit("%" if unit == "percent" else "", max(before, after), benchmark, line)
            out.append(ShapedFigure(model, benchmark, before, unit, "", a_at, a_at + len(a), *line_span))
            out.append(ShapedFigure(model, benchmark, after, unit, direction, b_at, b_at + len(b), *line_span))
    return out


def after_name_figures(doc: Doc, text: str, taken: set[int]) -> list[ShapedFigure]:
    """A bare figure right after a benchmark's name ("GPQA Diamond: 81.2", "PhyX (52.8)"), not already read."""
    names = _Names(doc)
    out = []
    for start, end, label in names.benchmarks:
        m = AFTER_NAME.match(text, end)
        if not m or m.start(1) in taken:
            continue
        value = _num(m.group(1))
        if not m.group(2) and (value >= 2000 or re.fullmatch(r"\d{1,2}", m.group(1)) and "(" not in m.group(0)
                               and ":" not in m.group(0)):
            continue  # a year, or a small integer that is more likely a version or a count ("AIME 2025", "Top 5")
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        out.append(ShapedFigure(names.model_in(line_start, start) or names.model_before(start), label, value,
                                _unit(m.group(2), value, label, m.group(0)), "", m.start(1), m.end(1), line_start,
                                line_end))
    return out


LOOSE_DECIMAL = re.compile(r"(?<![\w.$€£/:#-])(\d{1,2}\.\d{1,2})(?![\w.%/]|\s*(?:[BMKkbx]\b|tok|t/s|GB|ms|s\b|sec|"
                           r"params|billion|million|tokens|\$))")


def loose_figures(doc: Doc, text: str, taken: set[int]) -> list[ShapedFigure]:
    """Decimal figures anywhere in a post that names exactly one test: results on that test."""
    names = _Names(doc)
    tests = {label for _, _, label in names.benchmarks}
    if len(tests) != 1:
        return []
    (test,) = tests
    spans = [(s.start_char, s.end_char) for s in doc.spans.get("scores", [])]
    out = []
    for m in LOOSE_DECIMAL.finditer(text):
        if m.start(1) in taken or any(a <= m.start(1) < b for a, b in spans):
            continue
        if any(a <= m.start(1) < b for a, b, _ in names.models + names.benchmarks):
            continue  # a version inside a name ("Qwen 2.5", "AIME 2025")
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        out.append(ShapedFigure(names.model_before(m.start()), test, _num(m.group(1)), "score", "", m.start(1),
                                m.end(1), line_start, line_end))
    return out
