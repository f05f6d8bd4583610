"""The reference table and the check of claim records against it: name resolution, the policy's edges, the
rebuild command on a small folder written here, and the claims CSV's new columns."""

import json

import pandas as pd
import pytest

from pipeline import lexicons
from pipeline.analyze import CLAIMS_TABLE_COLUMNS, analyze, claims_of
from pipeline.cli import main
from pipeline.evaluation import reference_eval
from pipeline.export import claims_csv_bytes
from pipeline.reference import build
from pipeline.reference.check import REFERENCE_COLUMNS, ReferenceTable, reference_table, settings_named
from pipeline.reference.names import resolver
from pipeline.reference.sources import epoch_model
from pipeline.report import check_counts, claimed_and_reported


def row(value, *, model="Claude 3.7 Sonnet", benchmark="SWE-bench Verified", kind="self_reported", setting="",
        source_benchmark="SWE-bench Verified", unit="percent", source="llmstats", source_model="m"):
    return {"model": model, "benchmark": benchmark, "value": value, "raw_value": str(value), "unit": unit,
            "source": source, "source_file": "models/x/m/model.json", "source_model": source_model,
            "source_benchmark": source_benchmark, "source_link": "https://example.org/card", "kind": kind,
            "setting": setting, "date": ""}


def table(*rows):
    return ReferenceTable(pd.DataFrame(list(rows), columns=build.COLUMNS))


def check(t, value, unit="percent", evidence="", self_reported=False, model="Claude 3.7 Sonnet",
          benchmark="SWE-bench Verified"):
    return t.check(model=model, benchmark=benchmark, value=value, unit=unit, evidence=evidence,
                   self_reported=self_reported)


# name resolution

@pytest.mark.parametrize("source, names, expected", [
    ("epoch", ("claude-3-7-sonnet-20250219",), "Claude 3.7 Sonnet"),
    ("epoch", ("claude-3-5-sonnet-20241022",), "Claude 3.5 Sonnet"),
    ("llmstats", ("claude-3-7-sonnet-20250219", "Claude 3.7 Sonnet"), "Claude 3.7 Sonnet"),
    ("epoch", (epoch_model("gpt-5.1_medium")[0],), "GPT-5.1"),
    ("epoch", (epoch_model("o3-2025-04-16_high")[0],), "o3"),
    ("epoch", ("claude-3-7-sonnet-20991231",), None),  # not listed, not spelled like a lexicon name
    ("epoch", ("Claude",), None),  # a family is never one model's result
    ("llmstats", ("grok-3-mini", "Grok-3 Mini"), None),  # listed as deliberately unresolved
    # a preview is not its release, a dated update not the first release, a sized model not its generation
    ("epoch", ("o3-preview (Low)*",), "o3-preview"),
    ("llmstats", ("o1-preview", "o1-preview"), "o1-preview"),
    ("llmstats", ("o1-2024-12-17", "o1"), "o1"),
    ("epoch", ("DeepSeek-R1-0528",), "DeepSeek-R1-0528"),
    ("epoch", ("DeepSeek-R1",), "DeepSeek-R1"),
    ("llmstats", ("qwen3-32b", "Qwen3 32B"), "Qwen3-32B"),
    ("llmstats", ("qwen3-30b-a3b", "Qwen3 30B A3B"), "Qwen3-30B-A3B"),
    ("epoch", ("Qwen2.5-Coder-32B-Instruct",), "Qwen2.5-Coder-32B"),
    ("epoch", ("Qwen2.5-Coder-3B",), None),  # a size the lexicon does not list
    ("llmstats", ("llama-3.1-70b-instruct", "Llama 3.1 70B Instruct"), "Llama 3.1 70B"),
    ("epoch", ("gemini-2.5-pro-preview-06-05",), None),
    ("epoch", ("gemini-2.5-pro",), "Gemini 2.5 Pro"),
    ("epoch", ("mistral-large-2407",), "Mistral Large 2"),
    ("epoch", ("gpt-4o-2024-11-20",), "GPT-4o"),  # a dated snapshot of the same release
])
def test_models_resolve_at_the_version_level(source, names, expected):
    assert resolver().model(source, names) == expected


def test_shipped_table_files_no_preview_under_a_release_and_no_row_under_a_generation():
    shipped = pd.read_csv(build.TABLE, keep_default_na=False)
    previews = shipped[shipped["source_model"].str.contains("preview|-exp", case=False)]
    # GPT-4.5 was only ever released as a research preview; DeepSeek-V3.2-Exp was released under that name
    assert set(previews["model"]) <= {"o1-preview", "o3-preview", "QwQ-32B-Preview", "GPT-4.5", "DeepSeek-V3.2-Exp"}
    generations = {"Qwen3", "Qwen2.5", "Qwen2.5-Coder", "Qwen3-Coder", "Llama 3", "Llama 3.1", "Phi-3", "Gemma 2",
                   "Gemma 3", "Magistral", "Mistral Large", "Codestral", "Mixtral"}
    assert not generations & set(shipped["model"])


@pytest.mark.parametrize("written, name", [
    ("Qwen3 32B", "Qwen3-32B"), ("qwen3:32b", "Qwen3-32B"), ("Qwen3", "Qwen3"), ("Phi-3 14B", "Phi-3-medium"),
    ("DeepSeek R1 0528", "DeepSeek-R1-0528"), ("local 13B model", "local 13B model"),
])
def test_evaluation_names_a_records_model_as_a_mention_of_it_is_named(written, name):
    assert reference_eval.model_name(written) == name


def test_epoch_model_ids_lose_their_reasoning_setting_to_the_setting():
    assert epoch_model("gpt-5.1_medium") == ("gpt-5.1", "reasoning effort medium")
    assert epoch_model("claude-3-7-sonnet-20250219_64K") == ("claude-3-7-sonnet-20250219", "thinking budget 64K")
    assert epoch_model("claude-3-7-sonnet-20250219") == ("claude-3-7-sonnet-20250219", "")


@pytest.mark.parametrize("source, name, setting, expected", [
    ("llmstats", "GPQA", "GPQA Diamond", "GPQA Diamond"),  # the alias file says so for this source
    ("llmstats", "GPQA", "GPQA 0-shot CoT", "GPQA"),
    ("llmstats", "GPQA", "GPQA Main, 5-shot CoT", "GPQA"),
    ("epoch", "GPQA diamond", "", "GPQA Diamond"),
    ("epoch", "GPQA", "", "GPQA"),  # no alias row: the lexicon's plain GPQA
    ("llmstats", "GPQA Physics", "", None),
    ("epoch", "OTIS Mock AIME 2024-2025", "", None),
    ("llmstats", "AIME 2025", "", "AIME"),
])
def test_benchmarks_resolve_only_where_the_alias_file_says(source, name, setting, expected):
    assert resolver().benchmark(source, name, setting) == expected


def test_shipped_table_names_only_lexicon_canonicals_and_percent_values():
    shipped = pd.read_csv(build.TABLE, dtype=str, keep_default_na=False)
    assert list(shipped.columns) == build.COLUMNS
    assert set(shipped["model"]) <= {m.canonical for m in lexicons.models()}
    assert set(shipped["benchmark"]) <= {b.canonical for b in lexicons.benchmarks()}
    percent = shipped[shipped["unit"] == "percent"]["value"].astype(float)
    assert len(percent) > 500 and percent.between(0, 100).all()
    assert set(shipped["kind"]) == {"self_reported", "independent"}
    assert not shipped[(shipped["model"] == "Claude 3.5 Sonnet") & shipped["source_model"].str.contains("3-7")].size


# the policy

def test_tolerance_edges_and_unit_conversion():
    t = table(row(70.0))
    assert check(t, 70.5).check == "matches"
    assert check(t, 69.5).check == "matches"
    assert check(t, 70.6).check == "higher_than_reported"
    assert check(t, 69.4).check == "lower_than_reported"
    converted = check(t, 0.705, unit="score")
    assert converted.check == "matches" and "read as 70.5%" in converted.reason
    assert check(t, 0.706, unit="score").check == "higher_than_reported"
    assert check(t, 70.4, unit="score").check == "matches"
    assert check(t, 70.4).columns()["reference_value"] == 70.0


@pytest.mark.parametrize("unit", ["rank", "elo", "count", "percentile"])
def test_units_that_are_not_percentages_have_no_reference(unit):
    result = check(table(row(70.0)), 70.0, unit=unit)
    assert result.check == "no_reference" and result.reason.startswith("unit not comparable")


def test_elo_claims_compare_with_elo_rows():
    t = table(row(1977.0, benchmark="Codeforces", unit="elo", source_benchmark="CodeForces"))
    assert check(t, 1977, unit="elo", benchmark="Codeforces").check == "matches"
    assert check(t, 1977, unit="percent", benchmark="Codeforces").check == "no_reference"


def test_no_reference_when_model_benchmark_or_figure_is_missing():
    t = table(row(70.0))
    assert check(t, 70.0, model="Claude 3.5 Sonnet").check == "no_reference"
    assert check(t, 70.0, benchmark="SWE-bench").check == "no_reference"
    assert check(t, None).reason == "no figure claimed"
    assert check(t, 70.0, model="").check == "no_reference"


def test_a_matching_row_whose_setting_contradicts_the_post_is_ambiguous():
    t = table(row(86.4, benchmark="MMLU", source_benchmark="MMLU", setting="0-shot CoT"))
    result = check(t, 86.4, evidence="5-shot", benchmark="MMLU")
    assert result.check == "ambiguous" and "shots" in result.reason
    assert check(t, 86.4, evidence="0-shot", benchmark="MMLU").check == "matches"
    assert check(t, 86.4, benchmark="MMLU").check == "matches"  # the post names no setting


def test_a_row_that_agrees_with_the_post_wins_over_one_that_does_not():
    t = table(row(86.4, benchmark="MMLU", source_benchmark="MMLU", setting="0-shot"),
              row(86.6, benchmark="MMLU", source_benchmark="MMLU", setting="5-shot", kind="independent"))
    result = check(t, 86.4, evidence="5-shot", benchmark="MMLU")
    assert result.check == "matches" and result.row.setting == "5-shot"


def test_between_rows_of_different_settings_is_ambiguous_and_names_both():
    t = table(row(70.3, setting="parallel attempts"), row(52.2, kind="independent", source="epoch"))
    result = check(t, 62.0)
    assert result.check == "ambiguous"
    assert result.reason.startswith("62 is between 52.2") and "70.3" in result.reason


def test_self_reported_claims_prefer_self_reported_rows():
    t = table(row(70.1, kind="independent", source="epoch"), row(70.4))
    assert check(t, 70.2, self_reported=True).row.kind == "self_reported"
    assert check(t, 70.2).row.kind == "independent"  # otherwise the closest row


def test_another_edition_of_the_benchmark_is_not_a_reference():
    t = table(row(79.8, model="DeepSeek-R1", benchmark="AIME", source_benchmark="AIME 2024", setting="Pass@1"))
    assert settings_named("AIME 2025", "edition") == {"year": {"2025"}}
    assert check(t, 70.0, evidence="AIME 2025", model="DeepSeek-R1", benchmark="AIME").check == "no_reference"
    assert check(t, 79.8, evidence="AIME'24", model="DeepSeek-R1", benchmark="AIME").check == "matches"


# the rebuild command

def write_sources(folder):
    model_dir = folder / "llmstats" / "models" / "anthropic" / "claude-3-7-sonnet-20250219"
    model_dir.mkdir(parents=True)
    (model_dir / "model.json").write_text(json.dumps({"name": "Claude 3.7 Sonnet", "qualitative_metrics": [
        {"dataset_name": "SWE-bench Verified", "score": 0.703, "is_self_reported": True,
         "analysis_method": "scaffold", "date_recorded": "2025-02-24", "source_link": "https://example.org/a"},
        {"dataset_name": "GPQA", "score": 0.848, "is_self_reported": True, "analysis_method": "Diamond",
         "date_recorded": "2025-02-24", "source_link": "https://example.org/a"},
        {"dataset_name": "Made-up Bench", "score": 0.5, "is_self_reported": True, "analysis_method": "",
         "date_recorded": "", "source_link": ""}]}))
    data = folder / "epoch" / "data"
    data.mkdir(parents=True)
    (data / "benchmarks_runs.csv").write_text(
        "\ufeffid,task,model,Best score (across scorers),Scores,log viewer,logs,job,started_at,Status\n"
        "a,SWE-Bench verified,claude-3-7-sonnet-20250219_64K,0.522,x,https://example.org/log,,,"
        "17 November 2025 4:28pm,Success\n"
        "b,GPQA diamond,some-unknown-model_high,0.5,x,,,,1 May 2025 1:00am,Success\n", encoding="utf-8")
    (data / "external_benchmark_aider_polyglot.csv").write_text(
        "\ufeffid,Model version,Percent correct,Edit format,Source,Source link\n"
        "r1,o3-2025-04-16_high,79.600,diff,Aider LLM Leaderboards,https://aider.chat\n", encoding="utf-8")
    (data / "external_benchmark_vpct.csv").write_text("id,Model version,Correct\nr,x,1%\n", encoding="utf-8")


def test_cli_rebuilds_the_table_from_a_folder_and_counts_what_it_leaves_out(tmp_path, capsys):
    write_sources(tmp_path / "ref")
    out = tmp_path / "table.csv"
    assert main(["reference", "--source", str(tmp_path / "ref"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    built = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(built) == 4
    assert set(zip(built["model"], built["benchmark"], built["value"], built["kind"], strict=True)) == {
        ("Claude 3.7 Sonnet", "SWE-bench Verified", "70.3", "self_reported"),
        ("Claude 3.7 Sonnet", "GPQA Diamond", "84.8", "self_reported"),
        ("Claude 3.7 Sonnet", "SWE-bench Verified", "52.2", "independent"),
        ("o3", "Aider Polyglot", "79.6", "independent")}
    epoch_run = built[built["source_file"] == "data/benchmarks_runs.csv"].iloc[0]
    assert epoch_run["setting"] == "thinking budget 64K" and epoch_run["date"] == "2025-11-17"
    assert "dropped 1: benchmark not resolved" in printed  # Made-up Bench
    assert "dropped 1: model not resolved" in printed  # some-unknown-model
    assert "dropped 1: benchmark not in the lexicon (file not read)" in printed  # vpct
    first = out.read_bytes()
    assert main(["reference", "--source", str(tmp_path / "ref"), "--out", str(out)]) == 0
    assert out.read_bytes() == first


def test_cli_reads_the_source_folder_from_the_environment_or_says_what_is_missing(tmp_path, monkeypatch, capsys):
    write_sources(tmp_path / "ref")
    monkeypatch.setenv(build.SOURCE_ENV, str(tmp_path / "ref"))
    assert main(["reference", "--out", str(tmp_path / "t.csv")]) == 0
    monkeypatch.delenv(build.SOURCE_ENV)
    assert main(["reference", "--out", str(tmp_path / "t.csv")]) == 2
    assert main(["reference", "--source", str(tmp_path / "nowhere"), "--out", str(tmp_path / "t.csv")]) == 2
    assert "needs the folders" in capsys.readouterr().err


# the claims CSV and the app's figures

def test_claims_csv_carries_the_check_columns():
    tagged = analyze(["Claude 3.7 Sonnet scores 70.3% on SWE-bench Verified.", "no claim here"], classifier=None)
    claims = claims_of(tagged)
    assert CLAIMS_TABLE_COLUMNS[-len(REFERENCE_COLUMNS):] == REFERENCE_COLUMNS
    assert list(claims.columns) == CLAIMS_TABLE_COLUMNS
    record = claims.iloc[0]
    assert (record["model"], record["benchmark"], record["check"]) == ("Claude 3.7 Sonnet", "SWE-bench Verified",
                                                                        "matches")
    assert record["reference_value"] == 70.3 and record["reference_kind"] == "self_reported"
    header, first = claims_csv_bytes(claims).decode().split("\r\n")[:2]
    assert header.endswith("reference_value,reference_source,reference_kind,check,check_reason")
    assert ",70.3,https://" in first


def test_new_text_columns_are_guarded_against_formulas():
    claims = pd.DataFrame([{c: "" for c in CLAIMS_TABLE_COLUMNS} | {"check_reason": "=HYPERLINK(1)",
                                                                     "value": 1.0, "reference_value": None}])
    assert "'=HYPERLINK(1)" in claims_csv_bytes(claims).decode()


def test_claimed_and_reported_puts_claims_beside_the_rows_of_the_same_model_and_benchmark():
    claims = pd.DataFrame([
        {"model": "Claude 3.7 Sonnet", "benchmark": "SWE-bench Verified", "value": 0.62, "unit": "score",
         "reference_value": 52.2, "check": "ambiguous", "check_reason": "between"},
        {"model": "Nobody", "benchmark": "MMLU", "value": 50.0, "unit": "percent", "reference_value": None,
         "check": "no_reference", "check_reason": "no reference"}])
    compared = claimed_and_reported(claims)
    claimed = compared[compared["series"] == "claimed"]
    assert list(claimed["value"]) == [62.0] and set(compared["benchmark"]) == {"SWE-bench Verified"}
    reported = len(reference_table().rows("Claude 3.7 Sonnet", "SWE-bench Verified"))
    assert len(compared) == 1 + reported and reported >= 2
    assert check_counts(claims) == {"matches": 0, "higher_than_reported": 0, "lower_than_reported": 0,
                                    "ambiguous": 1, "no_reference": 1}


# the evaluation

def test_evaluation_scores_the_row_and_the_verdict(tmp_path):
    t = table(row(70.3, source_model="claude-3-7-sonnet-20250219"),
              row(52.2, kind="independent", source="epoch", source_model="claude-3-7-sonnet-20250219_64K"))
    listed = {"source": "llmstats", "file": "llmstats/models/x/m/model.json", "model": "claude-3-7-sonnet-20250219",
              "benchmark": "SWE-bench Verified", "score": "70.3", "setting": "", "self_reported": True}
    base = {"text_sha1": "0", "model": "Claude 3.7 Sonnet", "benchmark": "SWE-bench Verified", "unit": "percent",
            "evidence_setting": "", "note": "", "sample": "random"}
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(base | r) for r in [
        {"id": "a", "value": 70.3, "expected_check": "matches", "reference_rows": [listed]},
        {"id": "b", "value": 80, "expected_check": "lower_than_reported", "reference_rows": [listed]},
        {"id": "c", "value": 52.2, "expected_check": "matches", "reference_rows": [listed]},
        {"id": "d", "value": 5, "unit": "rank", "expected_check": "no_reference", "reference_rows": []}]))
    result = reference_eval.evaluate(gold, t)
    assert [o.predicted for o in result.outcomes] == ["matches", "higher_than_reported", "matches", "no_reference"]
    assert [o.right_row for o in result.outcomes] == [True, True, False, False]
    text = reference_eval.report(result, errors=5)
    assert "| resolution precision: right row / records given a row | 0.667 |" in text
    assert "| check agrees with the expected check | 0.750 |" in text
    assert "| lower_than_reported | 0 | 1 | 0 | 0 | 0 |" in text


def test_evaluation_refuses_a_record_without_its_fields(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    with pytest.raises(ValueError, match="bad.jsonl:1: missing"):
        reference_eval.read_records(bad)
