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


def _on_a_terminal(*args) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal 100 columns wide; its exit code and all it wrote there."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=child)
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    return proc.wait(timeout=600), seen.decode("utf-8", "replace")


@pytest.mark.parametrize("stream", [False, True])
def test_a_progress_bar_on_stderr_when_it_is_a_terminal(tmp_path, stream):
    # 12 posts: the bar counts them against the total, with a rate; the summary line still comes last.
    code, seen = _on_a_terminal("tag", EXPORTS / "x" / "tweets.js", "--out", tmp_path / "o.csv", "--fast",
                                *(["--stream"] if stream else []))
    assert code == 0, seen
    assert "12/12" in seen and "posts/s" in seen and "100%" in seen
    assert seen.rstrip().splitlines()[-1] == "tagged 12 posts from 1 file(s); skipped 2 retweet"


def test_a_lazily_read_file_has_no_total_but_still_counts(tmp_path):
    code, seen = _on_a_terminal("tag", EXPORTS / "generic" / "posts.jsonl", "--out", tmp_path / "o.csv", "--fast",
                                "--stream")
    posts = EXPECTED["generic/posts.jsonl"]["posts"]
    assert code == 0, seen
    assert f"{posts} posts [" in seen and "%|" not in seen  # a count and a rate; no share of an unknown total


@pytest.mark.parametrize("out", ["file", "-"])
def test_nothing_extra_on_stderr_when_it_is_not_a_terminal(tmp_path, out):
    proc = run("tag", EXPORTS / "x" / "tweets.js", "--out", tmp_path / "o.csv" if out == "file" else "-", "--fast")
    assert proc.returncode == 0
    assert proc.stderr == "tagged 12 posts from 1 file(s); skipped 2 retweet\n"


class _Stream:
    def __init__(self, terminal: bool):
        self.terminal, self.text = terminal, ""

    def isatty(self) -> bool:
        return self.terminal

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_post_progress_draws_only_on_a_terminal():
    from pipeline.progress import PostProgress

    for terminal in (True, False):
        stream = _Stream(terminal)
        with PostProgress(stream=stream) as bar:
            bar.update(2048, 5000)
            bar.update(5000, 5000)
        assert bar.shown is terminal
        assert ("5000/5000" in stream.text) if terminal else stream.text == ""


def test_post_progress_ends_at_what_was_tagged_when_duplicates_were_dropped():
    from pipeline.progress import PostProgress

    stream = _Stream(True)
    with PostProgress(stream=stream) as bar:
        bar.update(90, 100)  # 10 posts of the 100 read were duplicates of earlier files' posts
    assert "90/90" in stream.text.split("\r")[-1]


def test_taggers_report_posts_done_against_posts_read(tmp_path):
    import io as io_module

    from pipeline.run import tag_files
    from pipeline.stream import stream_files

    files = [EXPORTS / "x" / "tweets.js", EXPORTS / "reddit" / "posts.csv"]
    seen = []
    tag_files(files, classifier=None, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(12, 17), (17, 17)]  # one chunk per file, counted across the run
    streamed = []
    stream_files(files, io_module.BytesIO(), classifier=None, lazy_jsonl=False,
                 progress=lambda done, total: streamed.append((done, total)))
    assert streamed == [(17, 17)]  # one chunk over both files
    lazy = []
    stream_files([EXPORTS / "generic" / "posts.jsonl"], io_module.BytesIO(), classifier=None, lazy_jsonl=True,
                 progress=lambda done, total: lazy.append((done, total)))
    assert lazy == [(EXPECTED["generic/posts.jsonl"]["posts"], None)]
