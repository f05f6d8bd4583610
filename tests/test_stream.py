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
    for workers in (1, 2):
        out, claims = io.BytesIO(), io.BytesIO()
        summary, results = stream_files(files, out, claims, classifier=None, chunk_size=64, workers=workers)
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
