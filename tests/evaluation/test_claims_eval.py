"""How claim records are compared: name resolution, figures, records, flags, intervals."""

import json

import pytest

from pipeline.evaluation.claims_eval import (
    REAL_SECOND,
    REAL_TRAIN,
    agreement,
    compare_post,
    figures,
    match_records,
    model_matches,
    record_key,
    resolve_name,
)


def rec(model="", benchmark="", value=None, unit="", **flags):
    base = {"model": model, "benchmark": benchmark, "value": value, "unit": unit, "out_of": None, "comparator": "",
            "direction": "", "self_reported": False, "internal_eval": False, "no_number": value is None,
            "relayed": False}
    return {**base, **flags}


def test_names_resolve_through_the_lexicons_ignoring_case_and_hyphens():
    assert resolve_name("gpt4o") == resolve_name("GPT-4o")
    assert resolve_name("SWE bench verified") == resolve_name("SWE-bench Verified")
    assert resolve_name("Claude 3.7 Sonnet") != resolve_name("Claude 3.5 Sonnet")
    assert resolve_name("Qwen3 30B A3B") == resolve_name("qwen3-30b-a3b")  # unlisted: compared as written


def test_a_record_needs_the_unit_as_well_as_the_value():
    assert record_key(rec("GPT-5", "AIME", 94, "percent")) != record_key(rec("GPT-5", "AIME", 94, "score"))


def test_counts_of_one_post():
    gold = [rec("GPT-5", "AIME", 94, "percent", direction="up"), rec("GPT-5", "GPQA Diamond", 88, "percent")]
    predicted = [rec("gpt5", "AIME", 94.0, "percent"), rec("GPT-5", "MMLU", 88, "percent"),
                 rec("GPT-5", "MMLU", 70, "percent")]
    c = compare_post(gold, predicted)
    assert (c["value_hit"], c["value_pred"], c["value_gold"]) == (2, 3, 2)
    assert (c["record_hit"], c["record_pred"], c["record_gold"]) == (1, 3, 2)
    assert c["direction_right"] == 0 and c["relayed_right"] == 1
    assert c["post_right"] == 0
    assert compare_post(gold[1:], [rec("GPT-5", "GPQA Diamond", 88, "percent")])["post_right"] == 1


def test_figures_carry_n_and_an_interval_around_the_value():
    per_post = [compare_post([rec("A", "B", 1, "rank")], [rec("A", "B", 1, "rank")]),
                compare_post([rec("A", "B", 2, "rank")], [rec("A", "B", 3, "rank")])] * 10
    out = figures(per_post)
    assert out["record F1"]["value"] == 0.5 and out["record F1"]["n"] == 20
    low, high = out["record F1"]["interval"]
    assert low < 0.5 < high
    assert out["posts all right"]["value"] == 0.5


def test_a_gold_generation_takes_a_predicted_version_but_not_the_reverse():
    assert model_matches("Gemma 3", "Gemma 3 27B")
    assert model_matches("deepseek r1", "DeepSeek-R1-0528")  # the gold name is resolved too
    assert model_matches("Qwen3", "Qwen3-235B-A22B-Thinking-2507")  # followed to the end of the chain
    assert not model_matches("Gemma 3 27B", "Gemma 3")
    assert not model_matches("Gemma 3 27B", "Gemma 3 12B")
    assert not model_matches("Qwen", "Qwen3")  # a family is no version_of link
    gold = [rec("o1", "AIME", 83, "percent")]
    assert compare_post(gold, [rec("o1-preview", "AIME", 83, "percent")])["record_hit"] == 1
    assert compare_post([rec("o1-preview", "AIME", 83, "percent")], [rec("o1", "AIME", 83, "percent")])[
        "record_hit"] == 0


def test_exact_names_are_paired_before_the_version_rule():
    # Paired in gold order by the version rule alone, gold "Qwen3" would take predicted "Qwen3-32B" and leave gold
    # "Qwen3-32B" with nothing.
    gold = [rec("Qwen3", "MMLU", 80, "percent"), rec("Qwen3-32B", "MMLU", 80, "percent")]
    predicted = [rec("Qwen3-32B", "MMLU", 80, "percent"), rec("Qwen3", "MMLU", 80, "percent")]
    pairs, missed, extra = match_records(gold, predicted)
    assert [(g["model"], p["model"]) for g, p in pairs] == [("Qwen3", "Qwen3"), ("Qwen3-32B", "Qwen3-32B")]
    assert missed == extra == []
    pairs, _, _ = match_records(gold, predicted, as_written=True)
    assert len(pairs) == 2
    assert len(match_records([rec("Gemma 3", "MMLU", 70)], [rec("Gemma 3 27B", "MMLU", 70)], as_written=True)[0]) == 1


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_agreement_measures_the_second_reading_against_the_first_on_shared_posts(tmp_path):
    first = _write(tmp_path / "first.jsonl", [
        {"id": "a", "text_sha1": "1",
         "claims": [rec("GPT-5", "AIME", 94, "percent"), rec("GPT-5", "GPQA", 88, "percent")]},
        {"id": "b", "text_sha1": "2", "claims": [rec("Qwen3", "LMArena")]},
        {"id": "only-first", "text_sha1": "3", "claims": [rec("X", "Y", 1, "rank")]},
    ])
    second = _write(tmp_path / "second.jsonl", [
        {"id": "b", "text_sha1": "2", "claims": [rec("Qwen3", "")]},
        {"id": "a", "text_sha1": "1", "claims": [rec("GPT-5", "AIME", 94, "percent")]},
    ])
    out = agreement(first, second)
    assert out["posts"] == 2 and out["gold_records"] == 3 and out["predicted_records"] == 2
    assert out["figures"]["value precision"]["value"] == 1.0 and out["figures"]["value recall"]["value"] == 0.5
    assert out["record_f1"] == pytest.approx(2 * 1 / (3 + 2))


def test_agreement_refuses_readings_of_different_texts(tmp_path):
    first = _write(tmp_path / "first.jsonl", [{"id": "a", "text_sha1": "1", "claims": []}])
    second = _write(tmp_path / "second.jsonl", [{"id": "a", "text_sha1": "9", "claims": []}])
    with pytest.raises(ValueError, match="different texts"):
        agreement(first, second)


def test_the_second_reading_in_the_repo_covers_a_tenth_of_the_training_posts_and_keeps_no_text():
    firsts = {json.loads(line)["id"] for line in REAL_TRAIN.read_text(encoding="utf-8").splitlines()}
    rows = [json.loads(line) for line in REAL_SECOND.read_text(encoding="utf-8").splitlines()]
    assert len(rows) * 10 >= len(firsts) and {r["id"] for r in rows} <= firsts
    assert all(set(r) == {"id", "text_sha1", "not_a_claim", "claims"} for r in rows)
