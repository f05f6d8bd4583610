"""Posts to one table: several worker processes give the same rows, in the same order, as one."""

import pandas as pd
import pytest

from pipeline.analyze import PARALLEL_CHUNK, analyze, word_count
from pipeline.export import csv_bytes
from pipeline.model import classifier, corpus


def _claims(table: pd.DataFrame) -> list:
    return [[vars(c) for c in claims] for claims in table["claims"]]


@pytest.mark.parametrize("runtime", [None, "cascade"])
def test_workers_give_the_same_table_as_one_process(runtime):
    texts = [p.text for p in corpus.load()[:1300]]
    model = classifier.load_default(runtime) if runtime else None
    one = analyze(texts, classifier=model, workers=1)
    two = analyze(texts, classifier=model, workers=2)
    assert len(two) == 1300 and PARALLEL_CHUNK < 1300  # more than one chunk: the pool ran
    assert csv_bytes(one) == csv_bytes(two)
    assert _claims(one) == _claims(two) and list(one["spans"]) == list(two["spans"])


def test_progress_counts_every_post_with_workers():
    seen = []
    analyze(["GPT-5 hits 80% on SWE-bench"] * 1100, classifier=None, workers=2, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1100


def test_word_count_skips_punctuation_and_space():
    from pipeline import nlp as nlp_module

    doc = nlp_module.shared()("Wow -- it   works!  Really?")
    assert word_count(doc) == 4
    assert word_count(nlp_module.shared()("")) == 0


def test_without_highlights_only_the_spans_are_left_out():
    texts = [p.text for p in corpus.load()[:300]]
    full, lean = analyze(texts, classifier=None), analyze(texts, classifier=None, highlights=False)
    assert csv_bytes(full) == csv_bytes(lean) and _claims(full) == _claims(lean)
    assert sum(map(len, full["spans"])) > 300 and not any(lean["spans"])
