"""CSV output: formula cells neutralised, nothing else in the text changed, same input gives the same bytes."""

import hypothesis
import hypothesis.strategies as st
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


TRICKY = ["=SUM(A1:A9) GPT-5 hits 80% on SWE-bench", "+1 blown away", "-5% on MMLU, \"quoted\", meh", "@here it's wild",
          "\tTabbed start", "a lone \r CR and a\r\nCRLF", "", "   ",
          "Claude Opus 4.1 vs GPT-5: 74.5% vs 74.9% on SWE-bench", "é ü — 🚀 stunned, 1,420 Elo on LMArena",
          "we ran our internal evals: 91/100"]


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(texts=st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=80)), min_size=1, max_size=8))
def test_rows_written_straight_are_the_bytes_the_table_writes(texts):
    from pipeline import nlp as nlp_module
    from pipeline.analyze import CLAIMS_TABLE_COLUMNS, claim_rows, claims_of, table_of, tag_rows
    from pipeline.export import claims_csv_bytes, csv_rows_bytes
    from pipeline.posts import Post
    from pipeline.stream import POST_COLUMNS

    posts = [Post(text=t, post_id=f"id{i}", source_file="f.csv", source_row=str(i)) for i, t in enumerate(texts)]
    rows = tag_rows(posts, nlp_module.shared(), None, highlights=False)
    table = table_of(rows)
    header, body = csv_bytes(table).split(b"\r\n", 1)
    assert csv_rows_bytes(rows, POST_COLUMNS) == body
    claims = claim_rows([r["claims"] for r in rows], [r["source_file"] for r in rows], [r["source_row"] for r in rows])
    assert csv_rows_bytes(claims, CLAIMS_TABLE_COLUMNS) == claims_csv_bytes(claims_of(table)).split(b"\r\n", 1)[1]


def test_rows_written_straight_cover_claims_and_formulas():
    from pipeline.analyze import tag_rows
    from pipeline.export import csv_rows_bytes
    from pipeline.nlp import shared
    from pipeline.posts import Post
    from pipeline.stream import POST_COLUMNS

    rows = tag_rows([Post(text=t, source_file="f", source_row="1") for t in TRICKY], shared(), None)
    written = csv_rows_bytes(rows, POST_COLUMNS)
    assert b"'=SUM" in written and b"\"a lone \r CR and a\r\nCRLF\"" in written
    assert sum(r["claim_count"] for r in rows) >= 3
