"""Tagging speed: posts per second and peak memory, rules only (--fast) and with the trained model.

    python benchmarks/speed.py [--sizes 1000,10000] [--threads 2]

Posts are drawn (with repetition) from the project's own corpus, whose median post is about 30 words. Each size
runs in a fresh process so the peak memory is that run's own. Speeds are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time

# Run from anywhere: the repository root is one folder up.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def one_run(size: int, mode: str, threads: int) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(threads)
    from pipeline import analyze, classifier, corpus
    from pipeline import nlp as nlp_module

    texts = [p.text for p in corpus.load()]
    posts = [texts[i % len(texts)] for i in range(size)]
    nlp_module.shared()
    model = classifier.load_default() if mode == "model" else None
    start = time.perf_counter()
    table = analyze(posts, classifier=model)
    seconds = time.perf_counter() - start
    words = float(table["word_count"].mean())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "mode": mode, "seconds": round(seconds, 2), "posts_per_second": round(size / seconds, 1),
            "mean_words": round(words, 1), "peak_rss_mb": round(peak_mb)}


def stream_run(n: int) -> None:
    """Peak memory of the whole CLI, reading, tagging and writing an n-post JSON Lines export in chunks."""
    import tempfile

    from pipeline import corpus

    texts = [p.text for p in corpus.load()]
    root = os.path.dirname(os.path.abspath(__file__)) + "/.."
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "posts.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps({"id": str(i), "text": texts[i % len(texts)]}) + "\n")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "tag", src, "--out", os.path.join(tmp, "out.csv"),
                        "--stream", "--fast", "--max-file-mb", "100000"], check=True, cwd=root)
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = os.path.getsize(src) / 2**20
    print(f"| {n:,} posts ({size_mb:.0f} MB JSONL) | --stream --fast | {seconds:.0f} s | {n / seconds:.0f} posts/s "
          f"| peak RSS {peak_mb:.0f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "MODE"))
    parser.add_argument("--stream-posts", type=int, metavar="N",
                        help="instead: write an N-post JSON Lines file and time `tag --stream --fast` on it")
    args = parser.parse_args()
    if args.stream_posts:
        stream_run(args.stream_posts)
        return
    if args.one:
        print(json.dumps(one_run(int(args.one[0]), args.one[1], args.threads)))
        return
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch threads {args.threads}")
    print("| posts | mode | seconds | posts/s | mean words | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        for mode in ("rules", "model"):
            out = subprocess.run([sys.executable, __file__, "--one", str(size), mode, "--threads", str(args.threads)],
                                 capture_output=True, text=True, check=True, cwd=os.path.dirname(__file__) + "/..",
                                 env={**os.environ, "PYTHONPATH": os.path.dirname(os.path.abspath(__file__)) + "/.."})
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"| {r['size']:,} | {r['mode']} | {r['seconds']} | {r['posts_per_second']} | {r['mean_words']} "
                  f"| {r['peak_rss_mb']} |")


if __name__ == "__main__":
    main()
