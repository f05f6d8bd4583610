"""Each journey's logic through Streamlit's AppTest: first look, upload, paste, filters, downloads."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from pipeline import report
from tests.conftest import EXPORTS, ROOT


@pytest.fixture
def app():
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_first_look_shows_tagged_samples(app):
    assert not app.exception
    assert [t.label for t in app.tabs] == ["Overview", "Posts", "Clichés", "Claims", "Paste a post", "Review queue"]
    assert "bundled sample posts" in app.info[0].value
    assert int(metric(app, "Posts")) > 50
    assert app.dataframe[0].value.shape[0] == int(metric(app, "Posts"))


def test_upload_replaces_samples_and_reports_each_file(app):
    good = (EXPORTS / "reddit" / "posts.csv").read_bytes()
    app.sidebar.file_uploader[0].set_value([("posts.csv", good, "text/csv"),
                                            ("broken.json", b'{"a": [1, ', "application/json")]).run()
    assert not app.exception
    lines = [s.value for s in app.success] + [e.value for e in app.error]
    assert any(line.startswith("posts.csv: 5 posts") and "2 deleted" in line for line in lines)
    assert any(line.startswith("broken.json: error: not valid JSON") for line in lines)
    assert metric(app, "Posts") == "5"


def test_upload_over_the_limit_is_refused_in_one_line(monkeypatch):
    monkeypatch.setenv("HYPE_LENS_MAX_UPLOAD_MB", "0.001")  # about 1 KB
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    big = b"text\n" + b"x" * 2048 + b"\n"
    small = b"text\nGPT-5.2 blew me away\n"
    at.sidebar.file_uploader[0].set_value([("big.csv", big, "text/csv"), ("small.csv", small, "text/csv")]).run()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("big.csv: error: ")
    assert errors[0].endswith("MiB limit per file") and "\n" not in errors[0]
    assert metric(at, "Posts") == "1"  # the good file still loads


def test_filters_change_every_view_without_retagging(app):
    app.sidebar.multiselect(key="f_labels").set_value(["benchmark_claim"]).run()
    shown = app.dataframe[0].value
    assert {tuple(v) for v in shown["label_pill"]} == {("benchmark_claim",)}
    assert metric(app, "Posts") == str(len(shown))
    assert metric(app, "Benchmark claims") == "100%"


def test_search_filter(app):
    app.sidebar.text_input(key="f_search").input("SWE-bench").run()
    shown = app.dataframe[0].value
    assert len(shown) > 0 and shown["text"].str.contains("SWE-bench", case=False).all()


def test_paste_a_post(app):
    app.text_area(key="pasted").input("Tried it this morning and was blown away. 80% on SWE-bench Verified!").run()
    app.button(key="analyse").click().run()
    assert not app.exception
    shown = "".join(h.proto.body for h in app.get("html"))
    assert "<b>Label:</b>" in shown and "Benchmark claim: " in shown and "Anecdotal endorsement: " in shown
    notes = next(d.value for d in app.dataframe if "cliche" in d.value.columns)
    assert "blown away" in set(notes["cliche"])


def test_download_names_say_what_and_when():
    name = report.download_name("posts", filtered=True)
    assert name.startswith("hype-lens_posts_filtered_") and name.endswith("Z.csv")


def test_rules_only_toggle_tags_without_the_model(app):
    app.sidebar.toggle(key="use_model").set_value(False).run()
    app.sidebar.file_uploader[0].set_value([("posts.csv", (EXPORTS / "reddit" / "posts.csv").read_bytes(),
                                             "text/csv")]).run()
    runs = list(app.session_state["tagged"].values())
    assert len(runs) == 1 and set(runs[0].table["label_source"]) == {"rules"}
    assert metric(app, "Posts") == "5"


def test_streamlit_config_keeps_everything_on_this_machine():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["maxUploadSize"] * 2**20 >= __import__("pipeline.readers").readers.Limits().max_file_bytes


def _zip(members):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("name, data, problem", [
    ("evil.zip", _zip({"../../x": b"hi", "outbox.json": b"{}"}), "unsafe member names"),
    ("photo.csv", bytes(range(256)) * 20, "binary"),
    ("broken.csv", "text\ncafé\n".encode() + b"\xff\xfe\n", "not valid UTF-8"),
    ("page.json", b"<!DOCTYPE html><html><body>x</body></html>", "HTML page"),
    ("tweets.js", b'window.YTD.tweets.part0 = [ {"tweet": ', "not valid JSON"),
    ("empty.txt", b"", "an empty file"),
])
def test_hostile_uploads_get_one_line_and_the_good_file_still_loads(name, data, problem):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    good = (EXPORTS / "reddit" / "posts.csv").read_bytes()
    at.sidebar.file_uploader[0].set_value([(name, data, "application/octet-stream"),
                                           ("posts.csv", good, "text/csv")]).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(f"{name}: error: ") and problem in errors[0]
    assert "\n" not in errors[0] and "Traceback" not in errors[0]
    assert metric(at, "Posts") == "5"


OLD_POSTS = (b"date,text\n"
             b"2019-01-03,GPT-2 is too dangerous to release they say. I was blown away.\n"
             b"2019-03-14,Tried BERT on our tickets: 91% on our own test set\n"
             b"2019-06-30,A quiet week\n")


def notices(at):
    return [w.value for w in at.main.warning if w.value.startswith("Showing ")]


def test_filters_reset_when_the_data_changes(app):
    from datetime import date

    samples = int(metric(app, "Posts"))
    app.sidebar.multiselect(key="f_labels").set_value(["benchmark_claim"]).run()
    lo, _ = app.sidebar.date_input[0].value
    app.sidebar.date_input[0].set_value((lo, lo)).run()
    app.sidebar.text_input(key="f_search").input("GPT").run()
    assert notices(app)
    # A new upload whose dates do not overlap the samples': every post shows, every filter starts again.
    app.sidebar.file_uploader[0].set_value([("old.csv", OLD_POSTS, "text/csv")]).run()
    assert not app.exception
    assert app.sidebar.multiselect(key="f_labels").value == []
    assert app.sidebar.text_input(key="f_search").value == ""
    assert app.sidebar.date_input[0].value == (date(2019, 1, 3), date(2019, 6, 30))
    assert metric(app, "Posts") == "3" and not notices(app)
    assert app.dataframe[0].value.shape[0] == 3
    # Filtered again, then back to the samples: all of them show.
    app.sidebar.multiselect(key="f_labels").set_value(["neither"]).run()
    assert notices(app)
    app.sidebar.file_uploader[0].set_value([]).run()
    assert not app.exception
    assert app.sidebar.multiselect(key="f_labels").value == []
    assert int(metric(app, "Posts")) == samples and not notices(app)


def test_showing_n_of_m_notice_in_the_main_area_and_clear_filters(app):
    total = int(metric(app, "Posts"))
    assert not notices(app)
    filtered_button = next(b for b in app.get("download_button") if "filtered" in b.proto.label)
    assert filtered_button.proto.disabled and "no filter hides any post" in filtered_button.proto.label
    app.sidebar.multiselect(key="f_labels").set_value(["anecdotal"]).run()
    shown = int(metric(app, "Posts"))
    assert 0 < shown < total
    assert notices(app) == [f"Showing {shown:,} of {total:,} posts (filtered by label): {total - shown:,} hidden."]
    labels = [b.proto.label for b in app.get("download_button")]
    assert f"Download the {shown:,} posts shown, of {total:,} (filtered, CSV)" in labels
    app.button(key="clear_filters").click().run()
    assert not app.exception
    assert app.sidebar.multiselect(key="f_labels").value == []
    assert int(metric(app, "Posts")) == total and not notices(app)


def test_tweets_and_note_tweets_uploaded_as_two_files_are_joined(app):
    from tests.readers.x_fixtures import LONG, SHORT, archive_zip, note_tweet_js, tweets_js

    app.sidebar.toggle(key="use_model").set_value(False).run()
    app.sidebar.file_uploader[0].set_value([("note-tweet.js", note_tweet_js(), "text/javascript"),
                                            ("tweets.js", tweets_js(), "text/javascript")]).run()
    assert not app.exception
    assert list(app.dataframe[0].value["text"]) == [LONG, SHORT]  # the long post once, whole
    lines = [s.value for s in app.success]
    assert "note-tweet.js: 0 posts (x-note-tweets); skipped 1 joined" in lines
    assert "tweets.js: 2 posts (x-archive); skipped 1 retweet" in lines
    app.sidebar.file_uploader[0].set_value([("twitter.zip", archive_zip(tweets=tweets_js(),
                                                                        note_tweet=note_tweet_js()),
                                             "application/zip")]).run()
    assert list(app.dataframe[0].value["text"]) == [LONG, SHORT]  # as the archive zip gives them


def test_claims_view_shows_the_check_and_filters_by_it(app):
    claims_tab = app.tabs[3]
    table = next(d for d in claims_tab.dataframe if "check" in d.value.columns)
    assert {"reference_value", "reference_source", "reference_kind", "check_reason"} <= set(table.value.columns)
    assert set(table.value["check"]) <= {"matches", "higher_than_reported", "lower_than_reported", "ambiguous",
                                         "no_reference"}
    checks = next(m for m in claims_tab.multiselect if m.label == "Check")
    checks.set_value(["no_reference"]).run()
    assert not app.exception
    shown = next(d for d in app.tabs[3].dataframe if "check" in d.value.columns).value
    assert len(shown) and set(shown["check"]) == {"no_reference"}


def chart_specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_one_colour_per_label_in_every_chart_the_table_and_the_score_bars(app):
    palette = dict(zip(report.LABELS, report.label_palette(), strict=True))
    by_label = [s for s in chart_specs(app) if s.get("encoding", {}).get("color", {}).get("field") == "label"]
    assert len(by_label) >= 2  # label mix by week, by platform, by model
    for spec in by_label:
        scale = spec["encoding"]["color"]["scale"]
        assert dict(zip(scale["domain"], scale["range"], strict=True)) == palette
    # The other charts draw no label colour: one colour keeps one meaning.
    others = [s for s in chart_specs(app) if s not in by_label]
    assert others and not any(colour in json.dumps(s) for s in others for colour in report.label_palette()
                              if colour != report.LABEL_COLOURS["benchmark_claim"])
    columns = json.loads(app.dataframe[0].proto.columns)
    pills = {o["value"]: o["color"] for o in columns["label_pill"]["type_config"]["options"]}
    assert pills == palette
    assert columns["benchmark_claim_score"]["type_config"]["color"] == palette["benchmark_claim"]
    assert columns["anecdotal_score"]["type_config"]["color"] == palette["anecdotal"]
    app.text_area(key="pasted").input("GPT-5.2 hits 80% on SWE-bench Verified and I was blown away").run()
    app.button(key="analyse").click().run()
    pasted = "".join(h.proto.body for h in app.get("html"))
    assert f"background:{palette['benchmark_claim']}" in pasted and f"background:{palette['anecdotal']}" in pasted


def test_weekly_chart_axis_shows_the_year_and_leaves_out_stray_old_posts(app):
    # The samples' dated posts are in eight weeks of 2025, and four stray ones go back to 2017.
    assert weekly_axis(app)["format"] == "%-d %b %Y"
    notes = [c.value for c in app.caption if c.value.startswith("The chart shows the weeks of")]
    assert len(notes) == 1 and "4 older posts (back to Sep 2017)" in notes[0]
    app.toggle(key="weekly_all").set_value(True).run()
    assert weekly_axis(app)["format"] == "%Y"  # every week, back to 2017
    assert not [c.value for c in app.caption if c.value.startswith("The chart shows the weeks of")]


def weekly_axis(at) -> dict:
    weekly = next(s for s in chart_specs(at) if s.get("encoding", {}).get("x", {}).get("field") == "week")
    return weekly["encoding"]["x"]["axis"]


MANY_QUIET = ("text\nGPT-5.2 hits 80% on SWE-bench Verified\n" + "".join(f"A quiet week, number {i}\n"
                                                                         for i in range(250))).encode()


def test_small_shares_show_as_less_than_one_percent(app):
    app.sidebar.toggle(key="use_model").set_value(False).run()
    app.sidebar.file_uploader[0].set_value([("quiet.csv", MANY_QUIET, "text/csv")]).run()
    assert not app.exception
    assert metric(app, "Posts") == "251"
    assert metric(app, "Benchmark claims") == "<1%" and metric(app, "Neither") == ">99%"
    assert metric(app, "Mixed") == "0%"


def test_no_table_shows_none_or_nan(app):
    app.text_area(key="pasted").input("Honestly a game changer, I was blown away").run()
    app.button(key="analyse").click().run()
    assert len(app.dataframe) >= 3  # the posts, the claims, the pasted post's cliché notes
    for table in app.dataframe:
        frame = table.value
        assert not frame.drop(columns=[c for c in frame.columns if c == "label_pill"]).isna().any().any()
        assert not frame.map(lambda v: isinstance(v, str) and v.strip().lower() in ("none", "nan")).any().any()


def test_downloads_are_named_for_what_they_hold(monkeypatch):
    asked = []
    real = report.download_name

    def spy(kind, *, filtered, now=None):
        asked.append((kind, filtered))
        return real(kind, filtered=filtered, now=now)

    monkeypatch.setattr(report, "download_name", spy)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    assert set(asked) == {("posts", False), ("posts", True), ("claims", False)}
    assert any(b.proto.label.startswith("Download all ") and "claim records" in b.proto.label
               for b in at.get("download_button"))
    asked.clear()
    at.sidebar.text_input(key="f_search").input("SWE-bench").run()  # a sidebar filter narrows the claims too
    assert ("claims", True) in asked and ("claims", False) not in asked
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.endswith("claim records shown (filtered, CSV)") for label in labels)
