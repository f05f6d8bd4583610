"""How claim records are compared: name resolution, figures, records, flags, intervals."""

from pipeline.evaluation.claims_eval import compare_post, figures, record_key, resolve_name


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
