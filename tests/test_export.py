"""CSV output: formula cells neutralised, nothing else in the text changed, same input gives the same bytes."""

import pandas as pd
import pytest

from pipeline import analyze
from pipeline.export import csv_bytes, neutralise, read_tagged_csv, restore


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["plain", "'quoted", "a=b", "", "100%"])
def test_other_cells_are_unchanged(cell):
    assert neutralise(cell) == cell


def test_csv_round_trip_keeps_text_exactly():
    texts = ["=cmd|' /C calc'!A0", "line one\nline two, \"quoted\"", "emoji 👩‍💻 and RTL שלום\u200d", "-5% on MMLU"]
    table = analyze(texts, classifier=None)
    data = csv_bytes(table)
    back = read_tagged_csv(data)
    assert list(back["text"]) == texts
    raw = pd.read_csv(__import__("io").BytesIO(data), dtype=str, keep_default_na=False)
    assert raw["text"][0].startswith("'=") and raw["text"][3].startswith("'-")
    assert set(raw["benchmark_claim"]) <= {"true", "false"}


def test_same_input_same_bytes():
    texts = ["Blown away by GPT-5.2: 80% on SWE-bench Verified", "meh"]
    assert csv_bytes(analyze(texts, classifier=None)) == csv_bytes(analyze(texts, classifier=None))
