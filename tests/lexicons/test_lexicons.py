"""The lexicon files keep their documented schema and the coverage the product promises."""

import json

import pytest

from pipeline import lexicons

REQUIRED_CLICHES = ["blown away", "stunned", "stopped in my tracks", "mind-blowing", "game changer",
                    "changes everything", "jaw-dropping", "next level", "paradigm shift", "let that sink in",
                    "the future is here", "speechless", "holy grail"]


def test_required_canonical_cliches_exist():
    canon = [c.canonical for c in lexicons.cliches()]
    assert set(REQUIRED_CLICHES) <= set(canon)
    assert len(canon) >= len(REQUIRED_CLICHES) + 60
    assert len(set(canon)) == len(canon)


def test_every_cliche_has_a_note_and_a_suggestion():
    for c in lexicons.cliches():
        assert c.note and c.suggestion and c.category and c.source, c.canonical


def test_benchmarks_cover_the_named_set():
    names = {b.canonical for b in lexicons.benchmarks()}
    assert len(names) >= 50
    for needed in ["MMLU", "MMLU-Pro", "GPQA Diamond", "SWE-bench Verified", "HumanEval", "MBPP", "MATH-500", "AIME",
                   "ARC-AGI-1", "ARC-AGI-2", "Humanity's Last Exam", "LMArena", "FrontierMath", "Terminal-Bench",
                   "tau-bench", "MMMU", "LiveCodeBench", "LiveBench", "Aider Polyglot", "BrowseComp", "OSWorld",
                   "SimpleQA", "GSM8K", "HellaSwag", "BIG-Bench", "IFEval", "bar exam", "USMLE"]:
        assert needed in names


def test_aliases_are_unique_across_benchmarks():
    seen = {}
    for b in lexicons.benchmarks():
        for alias in {a.lower() for a in b.aliases}:
            assert alias not in seen, (alias, b.canonical, seen.get(alias))
            seen[alias] = b.canonical


def test_schema_violations_are_reported_with_file_and_line(tmp_path):
    good = (lexicons.HERE / "benchmarks.jsonl").read_text().splitlines()[0]
    broken = json.loads(good)
    del broken["category"]
    (tmp_path / "benchmarks.jsonl").write_text(good + "\n" + json.dumps(broken) + "\n")
    with pytest.raises(lexicons.LexiconError, match=r"benchmarks.jsonl:2: missing \['category'\]"):
        lexicons.load_entries("benchmarks.jsonl", tmp_path)


def test_general_layer_keeps_its_licence():
    text = (lexicons.HERE / "general_cliches.txt").read_text(encoding="utf-8")
    assert "BSD 3-Clause" in text and "Copyright (c) 2014-2015, Jordan Suchow" in text
    assert len(lexicons.general_cliches()) > 700
