"""The command-line contract: columns and their order, exit codes, one-line errors, every sample file."""

import csv
import io
import json
import subprocess
import sys

import pytest

from pipeline.analyze import CONTRACT_COLUMNS
from tests.conftest import EXPORTS, ROOT

EXPECTED = json.loads((EXPORTS / "EXPECTED.json").read_text(encoding="utf-8"))


def run(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_contract_columns_in_order(tmp_path):
    out = tmp_path / "out.csv"
    proc = run("tag", EXPORTS / "x" / "tweets.js", "--out", out, "--fast")
    assert proc.returncode == 0, proc.stderr
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert header[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    got = rows(out)
    assert len(got) == EXPECTED["x/tweets.js"]["posts"]
    for row in got:
        assert row["platform"] == "x"
        assert row["benchmark_claim"] in ("true", "false") and row["anecdotal"] in ("true", "false")
        assert 0 <= float(row["benchmark_claim_score"]) <= 1 and 0 <= float(row["anecdotal_score"]) <= 1
        assert row["label"] in ("benchmark_claim", "anecdotal", "mixed", "neither")
        assert int(row["cliche_count"]) == (len(row["cliches"].split("; ")) if row["cliches"] else 0)
    assert "tagged 12 posts" in proc.stderr and "2 retweet" in proc.stderr


def test_rows_keep_input_order(tmp_path):
    src = tmp_path / "posts.txt"
    src.write_text("first post\n\nsecond post\n\nthird post\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run("tag", src, "--out", out, "--fast").returncode == 0
    assert [r["text"] for r in rows(out)] == ["first post", "second post", "third post"]
    assert [r["source_row"] for r in rows(out)] == ["line 1", "line 3", "line 5"]


@pytest.mark.parametrize("relpath", sorted(p for p, w in EXPECTED.items() if not w.get("error")))
def test_every_sample_file_tags(tmp_path, relpath):
    out = tmp_path / "out.csv"
    proc = run("tag", EXPORTS / relpath, "--out", out, "--fast")
    assert proc.returncode == 0, proc.stderr
    assert len(rows(out)) == EXPECTED[relpath]["posts"]
    assert proc.stderr.strip().count("\n") == 0  # a one-line summary


def test_unreadable_input_exits_2_with_one_line_and_others_still_go_through(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"posts": [ {"text": "a"}, ', encoding="utf-8")
    out = tmp_path / "out.csv"
    proc = run("tag", bad, EXPORTS / "generic" / "posts.jsonl", "--out", out, "--fast")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert lines[0].startswith("error: broken.json: not valid JSON at line 1")
    assert "Traceback" not in proc.stderr
    assert len(rows(out)) == EXPECTED["generic/posts.jsonl"]["posts"]


def test_missing_file_is_an_error_line(tmp_path):
    proc = run("tag", tmp_path / "nope.csv", "--out", tmp_path / "o.csv", "--fast")
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: nope.csv: No such file or directory")


def test_no_text_column_names_the_columns(tmp_path):
    proc = run("tag", EXPORTS / "generic" / "bad_no_text_column.csv", "--out", tmp_path / "o.csv", "--fast")
    assert proc.returncode == 2
    assert "no text column" in proc.stderr and "id, likes, shares" in proc.stderr


def test_workers_must_be_positive(tmp_path):
    proc = run("tag", EXPORTS / "x" / "tweets.js", "--out", tmp_path / "o.csv", "--fast", "--workers", "0")
    assert proc.returncode == 2 and proc.stderr.strip() == "error: --workers must be 1 or more"


def test_model_runtimes_agree_on_the_sample_labels(tmp_path):
    labels = {}
    for runtime in ("cascade", "int8"):
        out = tmp_path / f"{runtime}.csv"
        proc = run("tag", EXPORTS / "generic" / "posts.jsonl", "--out", out, "--model-runtime", runtime)
        assert proc.returncode == 0, proc.stderr
        labels[runtime] = [r["label"] for r in rows(out)]
    agree = sum(a == b for a, b in zip(labels["cascade"], labels["int8"], strict=True))
    assert agree >= 0.8 * len(labels["int8"])


@pytest.mark.parametrize("fast", [True, False])
def test_only_a_rules_only_run_goes_without_torch(tmp_path, fast):
    # --fast never uses the transformer, so spaCy's thinc is kept from importing torch (a second of start-up).
    command = [sys.executable, "-X", "importtime", "-m", "pipeline", "tag", EXPORTS / "x" / "tweets.js",
               "--out", tmp_path / "out.csv", "--model-runtime", "reference", *(["--fast"] if fast else [])]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # "import time: self | cumulative | module", in microseconds; a blocked import still shows, taking nothing
    took = {}
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, module = line.split("|")
            took[module.strip()] = max(took.get(module.strip(), 0), int(cumulative))
    assert "spacy" in took
    assert (took.get("torch", 0) < 10_000) if fast else (took["torch"] > 100_000)


def test_tweets_and_note_tweets_given_as_two_files_are_joined_in_either_order(tmp_path):
    from tests.readers.x_fixtures import LONG, SHORT, archive_zip, note_tweet_js, tweets_js

    (tmp_path / "tweets.js").write_bytes(tweets_js())
    (tmp_path / "note-tweet.js").write_bytes(note_tweet_js())
    (tmp_path / "twitter.zip").write_bytes(archive_zip(tweets=tweets_js(), note_tweet=note_tweet_js()))
    zipped = run("tag", tmp_path / "twitter.zip", "--out", tmp_path / "zip.csv", "--fast")
    assert zipped.returncode == 0, zipped.stderr
    want = [r["text"] for r in rows(tmp_path / "zip.csv")]
    assert want == [LONG, SHORT]
    # Written to a file (rows streamed chunk by chunk), and to stdout (the whole table at once).
    to_file = run("tag", tmp_path / "tweets.js", tmp_path / "note-tweet.js", "--out", tmp_path / "a.csv", "--fast")
    assert to_file.returncode == 0, to_file.stderr
    assert [r["text"] for r in rows(tmp_path / "a.csv")] == want
    to_stdout = run("tag", tmp_path / "note-tweet.js", tmp_path / "tweets.js", "--out", "-", "--fast")
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert [r["text"] for r in csv.DictReader(io.StringIO(to_stdout.stdout))] == want
    for proc in (to_file, to_stdout):
        assert proc.stderr.strip() == "tagged 2 posts from 2 file(s); skipped 1 joined, 1 retweet"


def test_image_only_tweets_are_counted_as_empty(tmp_path):
    from tests.readers.x_fixtures import SHORT, js, tweet

    src = tmp_path / "tweets.js"
    src.write_bytes(js("tweets", [tweet("1", "https://t.co/Pic1", media=["https://t.co/Pic1"]), tweet("2", SHORT)]))
    proc = run("tag", src, "--out", tmp_path / "o.csv", "--fast")
    assert proc.returncode == 0 and proc.stderr.strip() == "tagged 1 posts from 1 file(s); skipped 1 empty"


def test_an_instagram_export_is_named_in_one_line(tmp_path):
    posts = tmp_path / "posts_1.json"
    posts.write_text(json.dumps([{"media": [{"uri": "media/posts/1.jpg", "creation_timestamp": 1740820000,
                                             "title": "Sunday hike"}]}]), encoding="utf-8")
    proc = run("tag", posts, EXPORTS / "generic" / "posts.jsonl", "--out", tmp_path / "o.csv", "--fast")
    assert proc.returncode == 2
    first = proc.stderr.splitlines()[0]
    assert first.startswith("error: posts_1.json: an Instagram export (posts), which is not supported: upload a ")
    assert len(rows(tmp_path / "o.csv")) == EXPECTED["generic/posts.jsonl"]["posts"]
