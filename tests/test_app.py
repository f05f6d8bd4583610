"""Each journey's logic through Streamlit's AppTest: first look, upload, paste, filters, downloads."""

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
    assert any("Label:" in m.value for m in app.markdown)
    bars = [p.proto.text for p in app.get("progress")]
    assert any(t.startswith("Benchmark claim: ") for t in bars) and any(t.startswith("Anecdotal") for t in bars)
    notes = app.tabs[4].dataframe[-1].value  # the Paste tab's cliché notes
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
    lo, _ = app.sidebar.date_input(key="f_dates").value
    app.sidebar.date_input(key="f_dates").set_value((lo, lo)).run()
    app.sidebar.text_input(key="f_search").input("GPT").run()
    assert notices(app)
    # A new upload whose dates do not overlap the samples': every post shows, every filter starts again.
    app.sidebar.file_uploader[0].set_value([("old.csv", OLD_POSTS, "text/csv")]).run()
    assert not app.exception
    assert app.sidebar.multiselect(key="f_labels").value == []
    assert app.sidebar.text_input(key="f_search").value == ""
    assert app.sidebar.date_input(key="f_dates").value == (date(2019, 1, 3), date(2019, 6, 30))
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
