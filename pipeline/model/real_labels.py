"""Labels of real posts, kept in the repo by post id and a SHA-1 of the text (`sample_posts/real_labels/`), and
the texts they label, read at train time from the real-posts files given on the command line. The texts never
enter the repo: the platforms' terms do not allow copies.

The test split is one post in ten, fixed by the SHA-1 of the post id (`split_of`), drawn before any modelling;
training never reads it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

LABELS_DIR = Path(__file__).resolve().parents[2] / "sample_posts" / "real_labels"
LABELS_FILE = LABELS_DIR / "labels.csv"
LABELS = ("benchmark_claim", "anecdotal")
TEST_BUCKETS = 10  # one post in ten is test


class TextMismatch(ValueError):
    """A real-posts file holds a different text from the one a label was given for."""


def split_of(post_id: str) -> str:
    """'test' for one post in ten, fixed by the SHA-1 of its id; 'train' for the rest."""
    return "test" if int(hashlib.sha1(post_id.encode("utf-8")).hexdigest()[:8], 16) % TEST_BUCKETS == 0 else "train"


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load(path: Path = LABELS_FILE) -> pd.DataFrame:
    """The label table (schema: sample_posts/real_labels/README.md), one row per labelled post."""
    table = pd.read_csv(path, dtype={"id": str, "file": str, "text_sha1": str, "split": str}, keep_default_na=False)
    for label in LABELS:
        table[label] = table[label].astype(int)
    return table


def read_texts(real_posts: Iterable[Path]) -> dict[str, dict[str, str]]:
    """{file name: {post id: text}} from real-posts CSV files (columns `id` and `text`)."""
    texts: dict[str, dict[str, str]] = {}
    for path in map(Path, real_posts):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["id", "text"])
        texts[path.name] = dict(zip(frame["id"], frame["text"], strict=True))
    return texts


def with_texts(labels: pd.DataFrame, real_posts: Iterable[Path], *, log=print) -> pd.DataFrame:
    """The labels whose file was given, with a `text` column. Stops with TextMismatch when a post is missing from
    its file or its text no longer has the hash it was labelled with: a label must never be attached to another
    text."""
    texts = read_texts(real_posts)
    given = labels[labels["file"].isin(texts)].copy()
    skipped = len(labels) - len(given)
    if skipped:
        missing = sorted(set(labels["file"]) - set(texts))
        log(f"{skipped} labels skipped: their file was not given ({', '.join(missing)})")
    found = [texts[f].get(i) for f, i in zip(given["file"], given["id"], strict=True)]
    absent = [i for i, t in zip(given["id"], found, strict=True) if t is None]
    changed = [i for i, t, h in zip(given["id"], found, given["text_sha1"], strict=True)
               if t is not None and text_sha1(t) != h]
    if absent or changed:
        parts = []
        if absent:
            parts.append(f"{len(absent)} labelled posts are missing from their file (first: {absent[0]})")
        if changed:
            parts.append(f"{len(changed)} posts no longer have the text they were labelled with (first: {changed[0]})")
        raise TextMismatch("; ".join(parts) + ": check that --real-posts names the files the labels were made on")
    given["text"] = found
    return given


def agreement(labels: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Cohen's kappa and raw agreement between the two independent labels, per label, over the posts that have
    both (the columns first_* and second_*; see the README)."""
    from sklearn.metrics import cohen_kappa_score

    both = labels[labels["second_benchmark_claim"].astype(str) != ""]
    out = {}
    for label in LABELS:
        first = both[f"first_{label}"].astype(int)
        second = both[f"second_{label}"].astype(int)
        out[label] = {"posts": len(both), "agreement": float((first == second).mean()),
                      "kappa": float(cohen_kappa_score(first, second))}
    return out
