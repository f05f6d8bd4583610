"""The benchmark command: distinct fifty-word posts, every mode measured beside the baseline, nothing asserted
about speed (the figures are printed, for the docs)."""

import re

from pipeline.evaluation.bench import MODES, WORDS, bench, fifty_word_posts


def test_generated_posts_are_distinct_and_about_fifty_words():
    posts = fifty_word_posts(12000)  # more than the corpus holds: pairs keep them distinct
    assert len(set(posts)) == len(posts)
    counts = [len(p.split()) for p in posts]
    assert max(counts) == WORDS and sum(counts) / len(counts) > 40


def test_bench_prints_every_mode_with_its_ratio_to_the_baseline():
    lines = []
    assert bench([40], baseline_max=20, log=lines.append) == 0
    rows = [line for line in lines if line.startswith("| 40") or line.startswith("| 20")]
    assert [r.split(" | ")[1] for r in rows] == list(reversed(MODES))
    baseline_row = rows[0].split(" | ")
    assert baseline_row[0] == "| 20 (of 40)" and baseline_row[4] == "1.0"
    for row in rows:
        seconds, rate, ratio, peak = (float(x.replace(",", "")) for x in row.strip(" |").split(" | ")[2:])
        assert seconds > 0 and rate > 0 and ratio > 0 and peak > 50
    assert len([line for line in lines if re.match(r"target (fast|model)", line)]) == 2
