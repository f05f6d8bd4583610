"""The records that flow out of the readers: posts, and what a read skipped or rejected."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields

PLATFORMS = ("linkedin", "x", "bluesky", "mastodon", "threads", "reddit", "generic")

# Reasons a post is left out on purpose (by policy), spelled as they appear in summaries.
SKIP_REASONS = (
    "repost",
    "retweet",
    "boost",
    "direct",
    "followers_only",
    "deleted",
    "empty",
    "duplicate",
    "joined",  # a long X post's note, given as its own file, that completed its tweet
)


class InputError(Exception):
    """A file the readers cannot use. The message is one line naming the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{source}: {self.problem}")


@dataclass(frozen=True, slots=True)
class Post:
    """One post as a platform exported it, with its text repaired but never rewritten."""

    text: str
    platform: str = "generic"
    post_id: str = ""
    author: str = ""
    created_at: str = ""  # ISO 8601 UTC, "2025-03-04T08:15:42Z", or "" when the export has no date
    permalink: str = ""
    source_file: str = ""
    source_row: str = ""  # 1-based data row of a table, or the record key in a JSON export
    kind: str = "post"  # post, reply or comment

    def __reduce__(self) -> tuple:
        # Pickled as a constructor call: loading the default pickle of a frozen dataclass with slots took 15 µs a
        # post, and every chunk of posts goes to a worker process as a pickle.
        return (Post, tuple(getattr(self, name) for name in _POST_FIELDS))


_POST_FIELDS = tuple(f.name for f in fields(Post))


@dataclass
class ReadResult:
    """Everything one input file gave: its posts, plus counts of what was skipped or rejected, by reason."""

    source_file: str
    platform: str = "generic"
    format: str = ""
    posts: list[Post] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)
    error: str = ""  # one line; set when the whole file could not be read

    @property
    def records_seen(self) -> int:
        return len(self.posts) + sum(self.skipped.values()) + sum(self.rejected.values())

    def summary(self) -> str:
        """One line: what this file gave."""
        if self.error:
            return f"{self.source_file}: error: {self.error}"
        parts = [f"{self.source_file}: {len(self.posts)} posts ({self.format or self.platform})"]
        if self.skipped:
            parts.append("skipped " + ", ".join(f"{n} {r}" for r, n in sorted(self.skipped.items())))
        if self.rejected:
            parts.append("rejected " + ", ".join(f"{n} {r}" for r, n in sorted(self.rejected.items())))
        return "; ".join(parts)
