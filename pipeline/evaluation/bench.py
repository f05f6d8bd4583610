"""`python -m pipeline bench`: posts per second and peak memory of the whole CLI (read, tag, write), on generated
fifty-word posts, for `--fast`, the default model, and the unoptimised baseline measured in the same run.

Each measurement is a fresh `python -m pipeline tag` process, timed from start to exit, so start-up, reading and
writing are included. Peak memory is the largest sum of resident memory over the process and its workers,
sampled every quarter second, which takes next to no CPU from the run it measures (pages the workers share with
their parent are counted once per process: an upper bound).
Figures are printed, never asserted: the machine's load moves them, the ratios to the baseline much less.
"""

from __future__ import annotations

import json
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from ..analyze import available_cores
from ..model import corpus

WORDS = 50
ROOT = Path(__file__).resolve().parents[2]
# mode -> extra `tag` arguments. The baseline is the transformer path as it was before any speed work: the
# original torch model on every post, in one process.
MODES = {
    "fast": ["--fast"],
    "model (default)": [],
    "baseline: torch, 1 process": ["--model-runtime", "reference", "--workers", "1"],
}
TARGETS = {"fast": 5000, "model (default)": 500}


def _first_words(text: str, n: int) -> str:
    words = list(re.finditer(r"\S+", text))
    return text[: words[n - 1].end()] if len(words) > n else text


def fifty_word_posts(n: int) -> list[str]:
    """n distinct posts of about fifty words: the start of one corpus post (up to half), then another post."""
    texts = [p.text for p in corpus.load()]
    size = len(texts)
    out = []
    for i in range(n):
        # (i, 7i + i // size + 3) never repeats a pair below size² posts
        first = _first_words(texts[i % size], WORDS // 2)
        second = texts[(7 * i + i // size + 3) % size]
        out.append(_first_words(first + "\n\n" + second, WORDS))
    return out


def write_jsonl(texts: Iterable[str], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": text}) + "\n")


def timed_tag(source: Path, out: Path, extra: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB (process tree) of one `tag` run."""
    import psutil

    command = [sys.executable, "-m", "pipeline", "tag", str(source), "--out", str(out), "--max-file-mb", "100000",
               *extra]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, sum(p.memory_info().rss for p in [tree, *tree.children(recursive=True)]))
        except psutil.Error:
            pass  # a worker ended between listing and reading
        time.sleep(0.25)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"tag failed: {process.stderr.read().decode(errors='replace').strip()}")
    return seconds, peak / 2**20


def stream_bench(n: int, extra: list[str], *, log=print) -> int:
    """Peak memory and speed of `tag --stream` on an n-post JSON Lines file, written post by post."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "posts.jsonl"
        texts = fifty_word_posts(min(n, 200_000))
        # beyond 200,000 the texts repeat; the ids keep the posts distinct
        write_jsonl((texts[i % len(texts)] for i in range(n)), source)
        size_mb = source.stat().st_size / 2**20
        seconds, peak_mb = timed_tag(source, Path(tmp) / "out.csv", ["--stream", *extra])
    log(f"| {n:,} posts ({size_mb:,.0f} MB JSONL) | tag --stream {' '.join(extra)} | {seconds:,.0f} s "
        f"| {n / seconds:,.0f} posts/s | peak RSS {peak_mb:,.0f} MB |")
    return 0


def real_post_texts(paths: list[Path]) -> list[str]:
    """The texts of real-posts CSV files, in file order: the posts users actually bring, long Reddit threads and
    one-line replies alike."""
    from ..model.real_labels import read_texts

    return [text for by_id in read_texts(paths).values() for text in by_id.values()]


def bench(sizes: list[int], *, baseline_max: int = 10000, real_posts: list[Path] | None = None, log=print) -> int:
    kind = f"{WORDS}-word posts" if not real_posts else f"real posts from {', '.join(p.name for p in real_posts)}"
    log(f"# Hype Lens bench, {time.strftime('%Y-%m-%d')}: {platform.machine()}, {available_cores()} cores, "
        f"Python {platform.python_version()}; whole CLI (read, tag, write), {kind}")
    log("")
    log("| posts | mode | seconds | posts/s | x baseline | peak RSS MB |")
    log("|---|---|---|---|---|---|")
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        texts = real_post_texts(real_posts) if real_posts else fifty_word_posts(max(sizes))
        if len(texts) < max(sizes):
            raise ValueError(f"only {len(texts):,} real posts for a size of {max(sizes):,}")
        for size in sizes:
            rates: dict[str, float] = {}
            for mode, extra in reversed(MODES.items()):  # the baseline first: every ratio needs it
                n = min(size, baseline_max) if mode.startswith("baseline") else size
                source = Path(tmp) / f"posts-{n}.jsonl"
                if not source.exists():
                    write_jsonl(texts[:n], source)
                seconds, peak_mb = timed_tag(source, Path(tmp) / "out.csv", extra)
                rates[mode] = n / seconds
                baseline = rates["baseline: torch, 1 process"]
                label = f"{n:,}" + ("" if n == size else f" (of {size:,})")
                log(f"| {label} | {mode} | {seconds:.1f} | {rates[mode]:,.0f} | {rates[mode] / baseline:.1f} "
                    f"| {peak_mb:,.0f} |")
            for mode in TARGETS:
                best[mode] = max(best.get(mode, 0.0), rates[mode])
    log("")
    largest = max(sizes)
    for mode, target in TARGETS.items():
        verdict = "met" if best[mode] >= target else "NOT met"
        log(f"target {mode}: {target:,} posts/s; best {best[mode]:,.0f} posts/s (sizes up to {largest:,}): {verdict}")
    return 0
