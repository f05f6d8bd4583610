"""What corrections cost the app on every rerun: seconds to apply them to the tagged table, to order the review
queue, and to write and read the corrections file, for a table of N posts. Prints the figures.

    .venv/bin/python benchmarks/corrections_views.py [--posts 10000,100000] [--corrections 0,100,1000]

The table has the tagged table's columns, filled with distinct fifty-word posts (no tagging is timed: the app
tags once per upload, but applies the corrections and orders the queue on every rerun). Best of three runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import corrections  # noqa: E402
from pipeline.analyze import COLUMNS, DATA_COLUMNS  # noqa: E402
from pipeline.evaluation.bench import fifty_word_posts  # noqa: E402


def tagged_table(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    table = pd.DataFrame({c: [""] * n for c in COLUMNS + DATA_COLUMNS})
    return table.assign(text=fifty_word_posts(n), post_id=[str(i) for i in range(n)],
                        benchmark_claim=False, anecdotal=False, label="neither", label_source="model",
                        benchmark_claim_score=rng.random(n).round(4), anecdotal_score=rng.random(n).round(4),
                        claims=[[] for _ in range(n)], claim_count=0)


def best(fn, *args, repeat: int = 3, **kwargs) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", default="10000,100000")
    parser.add_argument("--corrections", default="0,100,1000")
    args = parser.parse_args()
    print(f"{'posts':>8} {'corrections':>11} {'apply s':>8} {'queue s':>8} {'write s':>8} {'read s':>8}")
    for n in (int(x) for x in args.posts.split(",")):
        table = tagged_table(n)
        for k in (int(x) for x in args.corrections.split(",")):
            rows = np.linspace(0, n - 1, k, dtype=int) if k else []
            held = {c.key: c for c in (corrections.correct(table.iloc[i], benchmark_claim=True, anecdotal=False)
                                       for i in rows)}
            applied = corrections.apply(table, held)
            data = corrections.to_csv(held.values())
            print(f"{n:>8,} {k:>11,} {best(corrections.apply, table, held):>8.3f} "
                  f"{best(corrections.review_queue, applied, 20, thresholds=(0.35, 0.3)):>8.3f} "
                  f"{best(corrections.to_csv, list(held.values())):>8.3f} {best(corrections.read, data):>8.3f}")


if __name__ == "__main__":
    main()
