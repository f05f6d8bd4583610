"""Tagging in bounded memory: posts are read, tagged and written chunk by chunk, never all held at once.

The CSV is byte-for-byte the one `tag_files` + `csv_bytes` write for the same inputs. JSON Lines files are read
lazily; other exports (which the size limit keeps small) are read whole and then tagged in chunks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from .analyze import analyze_chunks, claims_of, empty_table
from .export import csv_table
from .posts import InputError, Post, ReadResult
from .readers import Limits, read
from .readers.generic import iter_jsonl
from .run import summary_line


def _looks_like_jsonl(path: Path) -> bool:
    with open(path, "rb") as f:
        head = f.read(4096).lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{") and b"\n" in head and head.split(b"\n", 1)[0].rstrip().endswith(b"}")


def _open_source(path: Path, limits: Limits, include_private: bool) -> tuple[ReadResult, Iterator[Post]]:
    """The file's result (its counts fill in as its posts are consumed) and an iterator over its posts."""
    try:
        if _looks_like_jsonl(path):
            return iter_jsonl(path, path.name)
        result = read(path, include_private=include_private, limits=limits)
    except InputError as exc:
        return ReadResult(source_file=exc.source, error=exc.problem), iter(())
    except OSError as exc:
        return ReadResult(source_file=path.name, error=exc.strerror or "cannot be opened"), iter(())
    posts, result.posts = result.posts, []
    return result, iter(posts)


def _write(handle: BinaryIO, table, columns: list[str], header: bool) -> None:
    handle.write(csv_table(table, columns).to_csv(index=False, header=header, lineterminator="\r\n").encode("utf-8"))


def stream_files(paths: Iterable[Path], out: BinaryIO, claims_out: BinaryIO | None = None, *,
                 classifier: object | None = "auto", include_private: bool = False, limits: Limits = Limits(),
                 chunk_size: int = 2048, workers: int = 1) -> tuple[str, list[ReadResult]]:
    """Tag every file into `out` (and claims into `claims_out`); returns the summary line and each file's result."""
    results: list[ReadResult] = []
    seen: set[tuple[str, str]] = set()
    tagged = duplicates = 0

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
    for path in paths:
        result, posts = _open_source(Path(path), limits, include_private)
        results.append(result)
        streams.append(unseen(posts))
    columns = [c for c in empty_table().columns if c not in ("spans", "claims")]
    first = True
    for chunk in analyze_chunks(chain.from_iterable(streams), classifier=classifier, chunk_size=chunk_size,
                                workers=workers, highlights=False):
        _write(out, chunk, columns, header=first)
        if claims_out is not None:
            claims = claims_of(chunk)
            _write(claims_out, claims, list(claims.columns), header=first)
        tagged += len(chunk)
        first = False
    if first:  # nothing tagged: the header alone, as the in-memory path writes it
        _write(out, empty_table(), columns, header=True)
        if claims_out is not None:
            empty_claims = claims_of(empty_table())
            _write(claims_out, empty_claims, list(empty_claims.columns), header=True)
    return summary_line(tagged, results, duplicates), results
