"""Progress of a long run on the command line: a tqdm bar of posts on stderr, only when stderr is a terminal.

Piped or redirected (a log file, CI, a test), stderr gets nothing but the run's own lines.
"""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm


class PostProgress:
    """Posts done, posts per second and, once the total is known, the time left.

    Fed with running totals, as the taggers report them: `update(done, total)` after each chunk.
    """

    def __init__(self, description: str = "tagging", *, stream: TextIO | None = None):
        stream = stream if stream is not None else sys.stderr
        self.shown = _is_terminal(stream)
        self._bar = tqdm(desc=description, unit=" posts", file=stream, disable=not self.shown, dynamic_ncols=True,
                         mininterval=0.5, smoothing=0.1)

    def update(self, done: int, total: int | None = None) -> None:
        """`done` posts tagged so far, of `total` (None while it is not known)."""
        if total is not None and total != self._bar.total:
            self._bar.total = total
        self._bar.update(max(0, done - self._bar.n))

    def close(self) -> None:
        if self._bar.total is not None and self._bar.n != self._bar.total:
            self._bar.total = self._bar.n  # posts dropped on the way (duplicates): end at 100% of those tagged
            self._bar.refresh()
        self._bar.close()

    def __enter__(self) -> PostProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
