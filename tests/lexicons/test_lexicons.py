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


def test_versions_name_the_generation_they_belong_to():
    generations = lexicons.generations_of()
    assert generations["Qwen3-32B"] == ("Qwen3",)
    assert generations["Gemma 3 27B"] == ("Gemma 3",)
    assert generations["DeepSeek-R1-0528"] == ("DeepSeek-R1",)
    assert generations["o1-preview"] == ("o1",)
    assert generations["Qwen3-235B-A22B-Thinking-2507"] == ("Qwen3-235B-A22B", "Qwen3")
    assert "Qwen3" not in generations and "Gemini 2.5 Pro" not in generations
    canonical = {m.canonical for m in lexicons.models()}
    assert {name for chain in generations.values() for name in chain} <= canonical


def _models_file(tmp_path, *pairs):
    good = json.loads((lexicons.HERE / "models.jsonl").read_text().splitlines()[0])
    lines = [json.dumps({**good, "canonical": name, "aliases": [name], "version_of": of}) for name, of in pairs]
    (tmp_path / "models.jsonl").write_text("\n".join(lines) + "\n")


def test_a_version_of_an_unknown_model_is_refused(tmp_path):
    _models_file(tmp_path, ("Foo", ""), ("Foo-7B", "Fooo"))
    with pytest.raises(lexicons.LexiconError, match=r"'Foo-7B' is a version_of 'Fooo', which is no canonical name"):
        lexicons.load_models(tmp_path)


def test_versions_that_go_round_are_refused(tmp_path):
    _models_file(tmp_path, ("A", "B"), ("B", "C"), ("C", "A"))
    with pytest.raises(lexicons.LexiconError, match=r"goes round: A -> B -> C -> A"):
        lexicons.load_models(tmp_path)
    _models_file(tmp_path, ("A", "A"))
    with pytest.raises(lexicons.LexiconError, match="goes round"):
        lexicons.load_models(tmp_path)


def test_a_chain_of_versions_loads(tmp_path):
    _models_file(tmp_path, ("Foo", ""), ("Foo-7B", "Foo"), ("Foo-7B-2507", "Foo-7B"))
    assert [m.version_of for m in lexicons.load_models(tmp_path)] == ["", "Foo", "Foo-7B"]
