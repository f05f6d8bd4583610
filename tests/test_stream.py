"""Streaming: chunk by chunk, in bounded memory, and byte-for-byte the in-memory output."""

import io
import json

from pipeline.analyze import claims_of
from pipeline.export import claims_csv_bytes, csv_bytes
from pipeline.run import tag_files
from pipeline.stream import stream_files
from tests.conftest import EXPORTS


def test_streamed_csv_equals_in_memory_csv(tmp_path):
    big = tmp_path / "big.jsonl"
    lines = [json.dumps({"id": f"p{i % 450}", "text": f"Post {i}: GPT-5.2 hits {i % 90}% on SWE-bench Verified, "
                                                      f"blown away"}) for i in range(500)]
    lines.insert(7, json.dumps({"id": "x", "likes": 3}))  # no text: rejected
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = [big, EXPORTS / "x" / "tweets.js", EXPORTS / "generic" / "bad_no_text_column.csv",
             EXPORTS / "reddit" / "posts.csv"]
    run = tag_files(files, classifier=None)
    for workers, lazy_jsonl in ((1, True), (2, True), (2, False)):
        out, claims = io.BytesIO(), io.BytesIO()
        summary, results = stream_files(files, out, claims, classifier=None, chunk_size=64, workers=workers,
                                        lazy_jsonl=lazy_jsonl)
        assert out.getvalue() == csv_bytes(run.table)
        assert claims.getvalue() == claims_csv_bytes(claims_of(run.table))
        assert summary == run.summary()
    assert "50 duplicate" in summary and "1 no text field" in summary and "1 file(s) could not be read" in summary
    assert [bool(r.error) for r in results] == [False, False, True, False]


def test_a_broken_line_fails_the_file_before_anything_is_written(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": "fine too"}\n{"text": broken\n', encoding="utf-8")
    out = io.BytesIO()
    summary, results = stream_files([bad], out, classifier=None)
    assert results[0].error == "not valid JSON Lines at line 3: Expecting value"
    assert out.getvalue().count(b"\r\n") == 1  # the header only
    assert summary.startswith("tagged 0 posts from 0 file(s)")


def test_cli_stream_with_the_model_matches(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    outputs = []
    for extra in ([], ["--stream"]):
        out = tmp_path / f"out{len(outputs)}.csv"
        proc = subprocess.run([sys.executable, "-m", "pipeline", "tag", str(EXPORTS / "x" / "tweets.js"),
                               str(EXPORTS / "generic" / "posts.jsonl"), "--out", str(out), *extra], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr
        outputs.append((out.read_bytes(), proc.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][1].count("\n") == 1  # one summary line on stderr, model loading included


def test_one_json_object_on_one_line_is_read_as_json_not_json_lines(tmp_path):
    # A minified export ends in a newline too: it is one JSON document, as `read` tells it, not one record.
    feed = json.loads((EXPORTS / "bluesky" / "getAuthorFeed.json").read_text(encoding="utf-8"))
    feed["feed"] = feed["feed"][:3]
    minified = tmp_path / "feed.json"
    minified.write_text(json.dumps(feed) + "\n", encoding="utf-8")
    assert minified.stat().st_size < 4096  # small enough to sit whole in the first block read
    run = tag_files([minified], classifier=None)
    out = io.BytesIO()
    summary, _ = stream_files([minified], out, classifier=None)
    assert len(run.table) >= 2
    assert out.getvalue() == csv_bytes(run.table) and summary == run.summary()


def test_cli_writes_the_same_bytes_to_a_file_and_to_stdout(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    inputs = [str(EXPORTS / "x" / "tweets.js"), str(EXPORTS / "linkedin" / "Shares.csv")]
    out = tmp_path / "out.csv"
    to_file = subprocess.run([sys.executable, "-m", "pipeline", "tag", *inputs, "--out", str(out), "--fast"],
                             cwd=ROOT, capture_output=True, timeout=600)
    to_stdout = subprocess.run([sys.executable, "-m", "pipeline", "tag", *inputs, "--out", "-", "--fast"],
                               cwd=ROOT, capture_output=True, timeout=600)
    assert to_file.returncode == to_stdout.returncode == 0
    assert out.read_bytes() == to_stdout.stdout and to_file.stderr == to_stdout.stderr
    assert out.read_bytes().count(b"\r\n") > 10
