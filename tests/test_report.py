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
