"""Corrections in the app, through Streamlit's AppTest: correcting a post in the Posts view and the Paste view,
what that changes in the views and the downloads, loading a corrections file back, and the review queue."""

import json

import numpy as np
import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from pipeline import corrections
from pipeline.export import read_tagged_csv
from pipeline.model.real_labels import text_sha1
from pipeline.model.rules import post_label
from tests.conftest import ROOT


@pytest.fixture
def downloads(monkeypatch):
    """Every file the app offers for download, by file name, newest last: the bytes a click would save."""
    offered: dict[str, bytes] = {}
    load = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            offered.pop(filename, None)
            offered[filename] = path_or_data
        return load(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return offered


@pytest.fixture
def app(downloads):
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()


def newest(offered: dict[str, bytes], prefix: str) -> bytes:
    return [data for name, data in offered.items() if name.startswith(prefix)][-1]


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def count_line(at):
    return next(m.value for m in at.sidebar.markdown if "corrections** in this session" in m.value)


def form_box(at, form: str, which: str):
    return next(c for c in at.checkbox if c.key.startswith(form + ":") and c.key.endswith(":" + which))


def test_correcting_a_post_changes_the_counts_the_table_and_both_downloads(app, downloads):
    posts = app.dataframe[0].value
    total = len(posts)
    assert count_line(app) == "✎ **0 corrections** in this session"
    app.session_state["posts_table"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    claim, anecdotal = form_box(app, "table_fix", "claim"), form_box(app, "table_fix", "anecdotal")
    new_label = post_label(not claim.value, anecdotal.value)
    claim.set_value(not claim.value)
    app.button(key="table_fix:save").click().run()
    assert not app.exception

    labels = [v[0] for v in posts["label_pill"]]
    labels[0] = new_label
    assert metric(app, "Posts") == str(total)
    assert metric(app, "Benchmark claims") == f"{labels.count('benchmark_claim') / total:.0%}"
    assert metric(app, "Neither") == f"{labels.count('neither') / total:.0%}"
    shown = app.dataframe[0].value
    assert list(shown["label_pill"].iloc[0]) == [new_label] and list(shown["corrected"]) == ["✎"] + [""] * (total - 1)
    assert count_line(app) == "✎ **1 corrections** in this session"
    assert any(c.value.startswith("✎ 1 of the posts shown carry labels you set") for c in app.caption)
    assert any("✎ labels you set" in h.proto.body for h in app.get("html"))

    written = read_tagged_csv(newest(downloads, "hype-lens_posts_all_"))
    assert list(written["label_source"] == "corrected") == [True] + [False] * (total - 1)
    assert written.loc[0, "label"] == new_label and list(written["label"]) == labels
    held = corrections.read(newest(downloads, "hype-lens-corrections-"))
    assert not held.rejected and len(held.corrections) == 1
    c = held.corrections[0]
    assert (c.post_id, c.text_sha1, c.label) == (written.loc[0, "post_id"], text_sha1(written.loc[0, "text"]),
                                                 new_label)
    assert c.model_benchmark_claim == float(written.loc[0, "benchmark_claim_score"])

    # Kept across filters: one that hides the post, then one that shows it again.
    app.sidebar.multiselect(key="f_labels").set_value([x for x in set(labels) if x != new_label]).run()
    assert "✎" not in set(app.dataframe[0].value["corrected"])
    assert count_line(app) == "✎ **1 corrections** in this session"
    app.sidebar.multiselect(key="f_labels").set_value([new_label]).run()
    assert "✎" in set(app.dataframe[0].value["corrected"])


def test_loading_a_corrections_file_restores_labels_and_rejects_bad_rows(app, downloads):
    posts = read_tagged_csv(newest(downloads, "hype-lens_posts_all_"))
    first, second = posts.iloc[0], posts.iloc[1]

    def correction(post_id, text, claim, anecdotal, sha1=None):
        return corrections.Correction(post_id, sha1 or text_sha1(text), text, claim, anecdotal,
                                      corrected_at="2026-01-02T03:04:05.000000Z")

    flipped = [correction(first["post_id"], first["text"], first["benchmark_claim"] != "true", True),
               correction(second["post_id"], second["text"], False, False),
               correction("not-here", "A post from another upload", True, False)]
    stale = correction(first["post_id"], first["text"] + " (edited)", True, True, sha1=text_sha1(first["text"]))
    data = corrections.to_csv([*flipped, stale])
    app.sidebar.file_uploader(key="corrections_upload").set_value(("mine.csv", data, "text/csv")).run()
    assert not app.exception
    assert [s.value for s in app.sidebar.success] == [
        "mine.csv: 3 correction(s), 2 matching a post here and 1 not found; rejected 1 row(s)"]
    assert [e.value for e in app.sidebar.error] == [
        f"mine.csv: row 4 (post {first['post_id']}): the text does not hash to text_sha1 (the text was changed)"]
    assert count_line(app) == "✎ **3 corrections** in this session"
    shown = app.dataframe[0].value
    assert list(shown["corrected"].iloc[:2]) == ["✎", "✎"] and set(shown["corrected"].iloc[2:]) == {""}
    assert [v[0] for v in shown["label_pill"].iloc[:2]] == [flipped[0].label, "neither"]

    # An undo after the load is not overwritten by the file on the next rerun.
    app.session_state["posts_table"] = {"selection": {"rows": [1], "columns": []}}
    app.run()
    app.button(key="table_fix:undo").click().run()
    app.run()
    assert count_line(app) == "✎ **2 corrections** in this session"
    assert list(app.dataframe[0].value["corrected"].iloc[:2]) == ["✎", ""]


def test_a_file_that_is_not_a_corrections_file_is_one_line(app):
    app.sidebar.file_uploader(key="corrections_upload").set_value(("posts.csv", b"text\nhello\n", "text/csv")).run()
    assert not app.exception
    assert [e.value for e in app.sidebar.error] == [
        "posts.csv: error: not a corrections file: no column post_id, text_sha1, benchmark_claim, anecdotal, "
        "model_benchmark_claim, model_anecdotal, wrong_claims, corrected_at"]
    assert count_line(app) == "✎ **0 corrections** in this session"


def margins(posts: pd.DataFrame) -> np.ndarray:
    """The review queue's order, worked out again from the Posts table's scores and the model's thresholds."""
    cuts = json.loads((ROOT / "models" / "hype_classifier" / "config.json").read_text())["thresholds"]
    logit = lambda p: np.log(np.clip(p, 1e-4, 1 - 1e-4) / (1 - np.clip(p, 1e-4, 1 - 1e-4)))  # noqa: E731
    return np.minimum(abs(logit(posts["benchmark_claim_score"]) - logit(cuts["benchmark_claim"])),
                      abs(logit(posts["anecdotal_score"]) - logit(cuts["anecdotal"]))).to_numpy()


def review_table(at) -> pd.DataFrame:
    return next(d for d in at.dataframe if "margin" in d.value.columns).value


def test_review_queue_is_least_sure_first_and_confirm_and_skip_move_it_on(app):
    posts = app.dataframe[0].value
    queue = review_table(app)
    assert len(queue) == 20 and list(queue["margin"]) == sorted(queue["margin"])
    expected = np.sort(margins(posts))[:20]
    assert np.allclose(queue["margin"], expected, atol=1e-3)
    first, second, third = queue["text"].iloc[:3]

    app.button(key="review:confirm").click().run()
    assert not app.exception
    assert count_line(app) == "✎ **1 corrections** in this session"
    assert list(review_table(app)["text"].iloc[:2]) == [second, third]
    shown = app.dataframe[0].value
    confirmed = shown[shown["text"] == first]
    assert list(confirmed["corrected"]) == ["✎"]
    assert confirmed["label_pill"].iloc[0][0] == queue["label"].iloc[0]  # confirming keeps the labels

    app.button(key="review:skip").click().run()
    assert review_table(app)["text"].iloc[0] == third
    assert count_line(app) == "✎ **1 corrections** in this session"


def test_a_pasted_post_can_be_labelled(app, downloads):
    text = "Tried it this morning and was blown away. 80% on SWE-bench Verified!"
    app.text_area(key="pasted").input(text).run()
    app.button(key="analyse").click().run()
    form_box(app, "paste_fix", "claim").set_value(False)
    form_box(app, "paste_fix", "anecdotal").set_value(True)
    app.button(key="paste_fix:save").click().run()
    assert not app.exception
    assert any(">anecdotal</span>" in h.proto.body and "✎ labels you set" in h.proto.body for h in app.get("html"))
    held = corrections.read(newest(downloads, "hype-lens-corrections-")).corrections
    assert [(c.post_id, c.text, c.benchmark_claim, c.anecdotal) for c in held] == [
        ("sha1:" + text_sha1(text), text, False, True)]  # a post with no id is filed under its text's hash
