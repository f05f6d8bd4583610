"""Tagging into CSV files chunk by chunk: each chunk's rows are written as soon as a worker has tagged them.

The CSV is byte-for-byte the one `tag_files` + `csv_bytes` write for the same inputs. With `lazy_jsonl` (the
command line's `--stream`) JSON Lines files are also read line by line, so memory stays bounded however large
they are; other exports (which the size limit keeps small) are read whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import BinaryIO

from .analyze import CLAIMS_TABLE_COLUMNS, analyze_chunks, claim_rows, claims_of, empty_table
from .export import csv_rows_bytes, csv_table
from .posts import InputError, Post, ReadResult
from .readers import Limits, read_many
from .readers.generic import iter_jsonl
from .run import summary_line

POST_COLUMNS = [c for c in empty_table().columns if c not in ("spans", "claims")]


def _looks_like_jsonl(path: Path) -> bool:
    """JSON Lines as `read` tells it: a first line that looks like a JSON object, and more lines after it (one
    object on one line is a JSON file)."""
    with open(path, "rb") as f:
        first = f.readline(2**20).lstrip(b"\xef\xbb\xbf").strip()
        if not (first.startswith(b"{") and first.endswith(b"}")):
            return False
        return any(line.strip() for line in islice(f, 1000))


def _open_sources(paths: list[Path], limits: Limits, include_private: bool,
                  lazy_jsonl: bool) -> list[tuple[ReadResult, Iterator[Post], int | None]]:
    """Each file's result (its counts fill in as its posts are consumed), an iterator over its posts, in order,
    and how many posts it gives (None for a file read lazily: not known until it is read to the end).

    The files read whole are read together, so files that belong together (X's tweets.js and note-tweet.js) are
    joined as `tag_files` joins them.
    """
    opened: dict[int, tuple[ReadResult, Iterator[Post], int | None]] = {}
    whole: list[int] = []
    for i, path in enumerate(paths):
        try:
            if lazy_jsonl and _looks_like_jsonl(path):
                opened[i] = (*iter_jsonl(path, path.name), None)
                continue
        except InputError as exc:
            opened[i] = ReadResult(source_file=exc.source, error=exc.problem), iter(()), 0
            continue
        except OSError as exc:
            opened[i] = ReadResult(source_file=path.name, error=exc.strerror or "cannot be opened"), iter(()), 0
            continue
        whole.append(i)
    for i, result in zip(whole, read_many([paths[i] for i in whole], include_private=include_private,
                                          limits=limits), strict=True):
        posts, result.posts = result.posts, []
        opened[i] = result, iter(posts), len(posts)
    return [opened[i] for i in range(len(paths))]


def _header(table, columns: list[str]) -> bytes:
    """The header line `csv_bytes` writes for these columns of `table`."""
    return csv_table(table, columns).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def _csv_chunk(with_claims: bool, rows: list[dict]) -> tuple[bytes, bytes | None]:
    """A chunk's rows, and its claim records, as CSV text with no header (made in the worker that tagged it)."""
    claims = None
    if with_claims:
        claims = csv_rows_bytes(claim_rows([r["claims"] for r in rows], [r["source_file"] for r in rows],
                                           [r["source_row"] for r in rows]), CLAIMS_TABLE_COLUMNS)
    return csv_rows_bytes(rows, POST_COLUMNS), claims


def stream_files(paths: Iterable[Path], out: BinaryIO, claims_out: BinaryIO | None = None, *,
                 classifier: object | None = "auto", include_private: bool = False, limits: Limits = Limits(),
                 chunk_size: int = 2048, workers: int = 1, lazy_jsonl: bool = True,
                 progress: Callable[[int, int | None], None] | None = None) -> tuple[str, list[ReadResult]]:
    """Tag every file into `out` (and claims into `claims_out`); returns the summary line and each file's result.

    `lazy_jsonl` reads JSON Lines files line by line (any size, UTF-8 only); otherwise every file is read whole
    first, under `limits`, exactly as `tag_files` reads it, and only the output is written chunk by chunk.
    `progress` is called after each chunk with the posts tagged so far and the posts read, or None while a file
    read lazily is still being read.
    """
    results: list[ReadResult] = []
    seen: set[tuple[str, str]] = set()
    duplicates = 0
    tally = [0]  # posts tagged

    def unseen(posts: Iterator[Post]) -> Iterator[Post]:
        nonlocal duplicates
        for post in posts:
            if post.post_id:
                key = (post.platform, post.post_id)
                if key in seen:  # already tagged from an earlier file of this run
                    duplicates += 1
                    continue
                seen.add(key)
            yield post

    streams = []
    counts = []
    for result, posts, count in _open_sources([Path(p) for p in paths], limits, include_private, lazy_jsonl):
        results.append(result)
        streams.append(unseen(posts))
        counts.append(count)
    total = None if None in counts else sum(counts)

    def tick(done: int) -> None:
        tally[0] = done
        if progress:
            progress(done, total)

    # The headers first, then each chunk's rows as its worker wrote them: the same bytes as one table's CSV.
    out.write(_header(empty_table(), POST_COLUMNS))
    if claims_out is not None:
        claims_out.write(_header(claims_of(empty_table()), CLAIMS_TABLE_COLUMNS))
    for rows, claims in analyze_chunks(chain.from_iterable(streams), classifier=classifier, chunk_size=chunk_size,
                                       workers=workers, highlights=False,
                                       finish=partial(_csv_chunk, claims_out is not None),
                                       progress=tick):
        out.write(rows)
        if claims_out is not None:
            claims_out.write(claims)
    return summary_line(tally[0], results, duplicates), results
