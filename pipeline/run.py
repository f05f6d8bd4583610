"""A tagging run over files: read each, tag its posts, and account for every record."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from .analyze import analyze, empty_table
from .posts import Post, ReadResult
from .readers import Limits, read_many


@dataclass
class FileRun:
    result: ReadResult
    table: pd.DataFrame


@dataclass
class Run:
    files: list[FileRun] = field(default_factory=list)
    table: pd.DataFrame = field(default_factory=empty_table)
    duplicates_across_files: int = 0

    @property
    def errors(self) -> list[ReadResult]:
        return [f.result for f in self.files if f.result.error]

    def skipped(self) -> Counter:
        total: Counter = Counter()
        for f in self.files:
            total.update(f.result.skipped)
        if self.duplicates_across_files:
            total["duplicate"] += self.duplicates_across_files
        return total

    def rejected(self) -> Counter:
        total: Counter = Counter()
        for f in self.files:
            total.update(f.result.rejected)
        return total

    def summary(self) -> str:
        """One line for the whole run: posts tagged, then what was skipped and rejected, by reason."""
        return summary_line(len(self.table), [f.result for f in self.files], self.duplicates_across_files)


def summary_line(tagged: int, results: list[ReadResult], duplicates_across_files: int = 0) -> str:
    """Posts tagged, then what was skipped and rejected by reason, and how many files could not be read."""
    skipped: Counter = Counter()
    rejected: Counter = Counter()
    for r in results:
        skipped.update(r.skipped)
        rejected.update(r.rejected)
    if duplicates_across_files:
        skipped["duplicate"] += duplicates_across_files
    errors = sum(1 for r in results if r.error)
    parts = [f"tagged {tagged} posts from {len(results) - errors} file(s)"]
    if skipped:
        parts.append("skipped " + ", ".join(f"{n} {r}" for r, n in sorted(skipped.items())))
    if rejected:
        parts.append("rejected " + ", ".join(f"{n} {r}" for r, n in sorted(rejected.items())))
    if errors:
        parts.append(f"{errors} file(s) could not be read")
    return "; ".join(parts)


def batch_key(files: Iterable[tuple[bytes, str]]) -> str:
    """An id for the uploaded files, (bytes, name) pairs in order: the same files give the same id."""
    digests = [f"{hashlib.sha256(data).hexdigest()}:{name}" for data, name in files]
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


def result_key(result: ReadResult) -> str:
    """An id for what a read gave (its posts and counts), so a file is tagged again only when that changes: a
    tweets.js uploaded beside its note-tweet.js gives other posts than on its own."""
    h = hashlib.sha256(result.summary().encode())
    for post in result.posts:
        h.update("\x1f".join((post.text, post.platform, post.post_id, post.author, post.created_at, post.permalink,
                               post.source_file, post.source_row, post.kind)).encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()


def combine(files: Iterable[FileRun]) -> Run:
    """One table from several files' tables; a post already seen in an earlier file is dropped and counted."""
    run = Run(files=list(files))
    tables = [f.table for f in run.files if len(f.table)]
    if not tables:
        return run
    table = pd.concat(tables, ignore_index=True)
    has_id = table["post_id"].astype(str) != ""
    repeated = has_id & table.duplicated(subset=["platform", "post_id"], keep="first")
    run.duplicates_across_files = int(repeated.sum())
    run.table = table[~repeated].reset_index(drop=True)
    return run


def tag_files(sources: Iterable, *, classifier: object | None = "auto", include_private: bool = False,
              limits: Limits = Limits(), progress: Callable[[int, int], None] | None = None,
              engine: Callable[[list[Post]], pd.DataFrame] | None = None, workers: int = 1,
              highlights: bool = True) -> Run:
    """Read and tag every source (paths, or (bytes, name) pairs); a bad file is reported, the rest go on.

    `engine`, when given, tags all the posts in one call (the Dask engine); otherwise each file is tagged here,
    in `workers` processes, and `progress` is called after each chunk with the posts tagged so far and the
    posts read. `highlights=False` skips the spans only the app's views use.
    """
    # Read together: files that belong together (X's tweets.js and note-tweet.js) are joined, as in an archive.
    results = read_many(list(sources), include_private=include_private, limits=limits)
    if engine is not None:
        table = engine([p for r in results for p in r.posts])
        bounds = [0]
        for r in results:
            bounds.append(bounds[-1] + len(r.posts))
        return combine(FileRun(r, table.iloc[lo:hi].reset_index(drop=True))
                       for r, lo, hi in zip(results, bounds[:-1], bounds[1:], strict=True))
    runs = []
    total, before = sum(len(r.posts) for r in results), 0
    for result in results:

        def tick(done: int, before: int = before) -> None:
            if progress:
                progress(before + done, total)

        table = (analyze(result.posts, classifier=classifier, workers=workers, progress=tick,
                         highlights=highlights) if result.posts
                 else empty_table())
        runs.append(FileRun(result, table))
        before += len(result.posts)
    return combine(runs)


def tag_texts(texts: Iterable[str], *, classifier: object | None = "auto") -> pd.DataFrame:
    """Tag loose texts (pasted posts) with no file behind them."""
    return analyze([Post(text=t, source_file="pasted", source_row=str(i)) for i, t in enumerate(texts, 1)],
                   classifier=classifier)
