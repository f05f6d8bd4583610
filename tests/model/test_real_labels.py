import csv

import pandas as pd
import pytest

from pipeline.model import real_labels


def _write_posts(path, posts):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text", "platform"])
        writer.writerows([[i, t, "x"] for i, t in posts])


def _labels(rows):
    return pd.DataFrame([{"id": i, "file": f, "text_sha1": real_labels.text_sha1(t), "split": real_labels.split_of(i),
                          "benchmark_claim": 1, "anecdotal": 0} for i, f, t in rows])


def test_texts_join_by_file_and_id(tmp_path):
    _write_posts(tmp_path / "pool.csv", [("a1", "Scores 88 on MMLU"), ("a2", "tried it, wow")])
    labels = _labels([("a2", "pool.csv", "tried it, wow"), ("b1", "posts.csv", "not given")])
    skipped = []
    joined = real_labels.with_texts(labels, [tmp_path / "pool.csv"], log=skipped.append)
    assert joined["id"].tolist() == ["a2"]
    assert joined["text"].tolist() == ["tried it, wow"]
    assert "1 labels skipped" in skipped[0] and "posts.csv" in skipped[0]


def test_changed_text_stops_with_the_post_named(tmp_path):
    _write_posts(tmp_path / "pool.csv", [("a1", "Scores 88 on MMLU (edited)")])
    labels = _labels([("a1", "pool.csv", "Scores 88 on MMLU")])
    with pytest.raises(real_labels.TextMismatch, match="no longer have the text.*a1"):
        real_labels.with_texts(labels, [tmp_path / "pool.csv"])


def test_missing_post_stops(tmp_path):
    _write_posts(tmp_path / "pool.csv", [("a1", "x")])
    labels = _labels([("zz", "pool.csv", "x")])
    with pytest.raises(real_labels.TextMismatch, match="missing from their file.*zz"):
        real_labels.with_texts(labels, [tmp_path / "pool.csv"])


def test_split_is_one_in_ten_by_id_hash():
    ids = [f"reddit_{n}" for n in range(5000)]
    share = sum(real_labels.split_of(i) == "test" for i in ids) / len(ids)
    assert 0.08 < share < 0.12
    assert real_labels.split_of("reddit_42") == real_labels.split_of("reddit_42")


def test_repo_labels_follow_their_schema_and_split():
    table = real_labels.load()
    assert len(table) > 10_000
    assert table["id"].is_unique
    assert set(table["file"]) <= {"pool.csv", "posts.csv"}
    assert table["text_sha1"].str.fullmatch(r"[0-9a-f]{40}").all()
    assert (table["split"] == table["id"].map(real_labels.split_of)).all()
    for label in real_labels.LABELS:
        assert set(table[label]) <= {0, 1}
    # The test split is labelled twice, independently, and settled.
    test = table[table["split"] == "test"]
    assert len(test) >= 2000
    assert (test["second_benchmark_claim"].astype(str) != "").all()
    assert set(test["settled"]) <= {"agreed", "adjudicated"}
    # The error-study audit read training posts only, and left each of them read twice and settled.
    audit = table[table["audit"].astype(str) == "1"]
    assert len(audit) > 1000 and set(table["audit"].astype(str)) <= {"", "1"}
    assert (audit["split"] == "train").all() and set(audit["settled"]) <= {"agreed", "adjudicated"}


def test_agreement_is_cohens_kappa():
    table = pd.DataFrame({"first_benchmark_claim": [1, 0, 1, 0], "second_benchmark_claim": [1, 0, 0, 0],
                          "first_anecdotal": [1, 1, 0, 0], "second_anecdotal": [1, 1, 0, 0]})
    result = real_labels.agreement(table)
    assert result["anecdotal"]["kappa"] == pytest.approx(1.0)
    assert result["benchmark_claim"]["agreement"] == pytest.approx(0.75)
    assert result["benchmark_claim"]["kappa"] == pytest.approx(0.5)
