"""The figures and HTML the app's views show, computed without Streamlit."""

import html
import re
from datetime import date

import pandas as pd

from pipeline import analyze, report


def table():
    return analyze([
        "Tried GPT-5.2 and was blown away.",
        "GPT-5.2 hits 80% on SWE-bench Verified. I was stunned.",
        "Pricing is $20/month.",
        "Stopped me in my tracks. Also blown away again.",
    ], classifier=None).assign(created_at=["2025-01-06T10:00:00Z", "2025-01-07T10:00:00Z",
                                           "2025-01-14T10:00:00Z", ""])


def test_headline_figures():
    t = table()
    h = report.headline(t)
    assert h.posts == 4
    assert h.orwell_posts == 3 and h.orwell_share == 0.75
    assert abs(sum(h.shares.values()) - 1) < 1e-9
    words = int(t["word_count"].sum())
    assert h.cliches_per_100_words == 100 * 4 / words  # blown away, stunned, stopped in my tracks, blown away


def test_filters():
    t = table()
    assert len(report.apply_filters(t, report.Filters(cliches=("stunned",)))) == 1
    assert len(report.apply_filters(t, report.Filters(models=("GPT-5.2",)))) == 2
    assert len(report.apply_filters(t, report.Filters(search="pricing"))) == 1
    dated = report.apply_filters(t, report.Filters(start=date(2025, 1, 7), end=date(2025, 1, 31)))
    assert list(dated["text"]) == ["GPT-5.2 hits 80% on SWE-bench Verified. I was stunned.", "Pricing is $20/month."]


def test_weekly_mix_counts_dated_posts_by_monday_week():
    mix = report.weekly_mix(table())
    assert mix["posts"].sum() == 3
    assert sorted(mix["week"].dt.strftime("%Y-%m-%d").unique()) == ["2025-01-06", "2025-01-13"]


def test_highlight_escapes_every_character_of_the_post():
    text = 'blown away <img src=x onerror="alert(1)"> <script>alert(2)</script> & "quotes"'
    t = analyze([text], classifier=None)
    out = report.highlight_html(text, t["spans"][0], set(report.LAYER_NAMES))
    assert "<script>" not in out and "<img" not in out
    assert html.escape("<script>alert(2)</script>") in out
    assert re.search(r"<mark [^>]*>blown away</mark>", out)
    visible = re.sub(r"<[^>]+>", "", out.replace("<br>", "\n"))
    assert html.unescape(visible) == text


def test_highlight_overlapping_layers_and_toggles():
    text = "It was absolutely blown away level stuff on MMLU 88.7"
    t = analyze([text], classifier=None)
    spans = t["spans"][0]
    only_benchmarks = report.highlight_html(text, spans, {"benchmarks"})
    assert only_benchmarks.count("<mark") == 1 and ">MMLU</mark>" in only_benchmarks
    assert report.highlight_html(text, spans, set()).count("<mark") == 0


def test_cliche_notes_say_what_to_do_instead():
    t = analyze(["I'm not blown away, but it was a game changer."], classifier=None)
    notes = report.cliche_notes(t["spans"][0])
    assert [n["cliche"] for n in notes] == ["blown away", "game changer"]
    assert notes[0]["negated"] is True and notes[1]["instead"]


def test_mix_by_model_counts_each_post_once_per_model():
    t = pd.concat([table()], ignore_index=True)
    by = report.mix_by(t, "models")
    assert by.groupby("models")["posts"].sum().to_dict() == {"GPT-5.2": 2}


def test_mix_by_keeps_the_top_values():
    t = analyze(["GPT-5.2 is great", "GPT-5.2 again", "Claude Opus 4.5 too", "Gemini 3 Pro"], classifier=None)
    assert set(report.mix_by(t, "models", top=1)["models"]) == {"GPT-5.2"}
    assert set(report.mix_by(t, "models")["models"]) == {"GPT-5.2", "Claude Opus 4.5", "Gemini 3 Pro"}


def test_filter_notice_and_download_label_say_what_is_shown():
    f = report.Filters(labels=("anecdotal",), start=date(2025, 1, 7), search="  ")
    assert f.active() == ["label", "dates"] and report.Filters().active() == []
    assert report.filter_notice(1332, 1395, f) == "Showing 1,332 of 1,395 posts (filtered by label, dates): 63 hidden."
    assert report.filtered_download_label(1332, 1395) == "Download the 1,332 posts shown, of 1,395 (filtered, CSV)"
    assert "no filter hides any post" in report.filtered_download_label(1395, 1395)


def test_share_text_never_rounds_a_few_posts_to_nothing():
    assert [report.share_text(s) for s in (0, 0.001, 0.0049, 0.005, 0.3, 0.994, 0.996, 1)] == [
        "0%", "<1%", "<1%", "<1%", "30%", "99%", ">99%", "100%"]


def test_one_colour_per_label():
    assert list(report.LABEL_COLOURS) == list(report.LABELS)
    assert len(set(report.label_palette())) == len(report.LABELS)
    assert report.INK not in report.label_palette()
    assert {report.SCORE_LABELS[c] for c in ("benchmark_claim_score", "anecdotal_score")} == {
        "benchmark_claim", "anecdotal"}


def test_score_bars_and_badge_use_the_label_colours():
    bars = report.score_bars_html({"benchmark_claim_score": 0.8, "anecdotal_score": 0.05})
    assert f"width:80.0%;background:{report.LABEL_COLOURS['benchmark_claim']}" in bars
    assert f"width:5.0%;background:{report.LABEL_COLOURS['anecdotal']}" in bars
    assert report.LABEL_COLOURS["mixed"] in report.label_badge_html("mixed")


def _weekly(dates: list[str]) -> pd.DataFrame:
    t = analyze(["x"] * len(dates), classifier=None).assign(created_at=dates)
    return report.weekly_mix(t)


def test_weekly_bars_span_their_week():
    mix = report.weekly_mix(table())
    assert ((mix["week_end"] - mix["week"]) == pd.Timedelta(days=7)).all()
    # Each week's bar is its labels stacked in the order of LABELS, from 0 to the week's posts.
    for _, week in mix.groupby("week"):
        assert list(week["label"]) == sorted(week["label"], key=report.LABELS.index)
        assert week["stack_start"].iloc[0] == 0 and week["stack_end"].iloc[-1] == week["posts"].sum()
        assert (week["stack_start"].iloc[1:].to_numpy() == week["stack_end"].iloc[:-1].to_numpy()).all()


def test_week_range_leaves_out_a_few_stray_old_posts():
    recent = [f"2025-0{m}-{d:02d}T09:00:00Z" for m in (1, 2, 3) for d in range(1, 29, 2)]  # 42 posts in 3 months
    weeks = report.week_range(_weekly(["2017-09-25T10:00:00Z", "2022-03-02T10:00:00Z", *recent]))
    assert weeks.clipped and (weeks.earlier, weeks.later) == (2, 0)
    assert weeks.start == pd.Timestamp("2024-12-30") and weeks.end == pd.Timestamp("2025-03-24")
    assert weeks.first == pd.Timestamp("2017-09-25")
    assert report.outside_note(weeks) == ("The chart shows the weeks of 30 Dec 2024 to 24 Mar 2025, where most posts "
                                          "are; 2 older posts (back to Sep 2017) are outside it.")


def test_week_range_keeps_an_evenly_spread_selection_whole():
    spread = [f"{y}-{m:02d}-10T09:00:00Z" for y in (2023, 2024) for m in range(1, 13)]
    weeks = report.week_range(_weekly(spread))
    assert not weeks.clipped and weeks.start == weeks.first and weeks.end == weeks.last
    assert report.week_range(_weekly([""])) is None


def test_week_axis_always_shows_the_year():
    day = pd.Timestamp("2025-01-06")
    assert report.week_axis(day, day + pd.Timedelta(weeks=8)) == ("%-d %b %Y", "week")
    assert report.week_axis(day, day + pd.Timedelta(days=400)) == ("%b %Y", "month")
    assert report.week_axis(day, day + pd.Timedelta(days=3000)) == ("%Y", "year")


def test_mix_by_gives_each_share_as_text():
    t = analyze(["GPT-5.2 hits 80% on SWE-bench Verified"] + ["nothing here"] * 199, classifier=None)
    by = report.mix_by(t, "platform")
    assert dict(zip(by["label"], by["share"], strict=True)) == {"benchmark_claim": "<1%", "neither": ">99%"}


def test_blank_missing_leaves_empty_cells():
    frame = pd.DataFrame({"value": [88.7, None, 3.0], "model": ["GPT-5.2", None, ""], "n": [1, 2, 3]})
    shown = report.blank_missing(frame)
    assert list(shown["value"]) == ["88.7", "", "3"] and list(shown["model"]) == ["GPT-5.2", "", ""]
    assert list(shown["n"]) == [1, 2, 3] and frame["value"].isna().sum() == 1  # the frame given is not changed


def test_claims_download_label_says_filtered_or_all():
    assert report.claims_download_label(40, filtered=False) == "Download all 40 claim records (CSV)"
    assert report.claims_download_label(7, filtered=True) == "Download the 7 claim records shown (filtered, CSV)"
