"""Hype Lens: read post exports, tag benchmark claims, anecdotal endorsements and hype clichés."""

import sys


def _rules_only_command_line() -> bool:
    """`python -m pipeline tag ... --fast` (while the package loads, Python sets argv[0] to "-m"): a run that
    never uses a transformer."""
    args = sys.argv
    return args[:1] == ["-m"] and args[1:2] == ["tag"] and "--fast" in args and "--engine" not in args


if _rules_only_command_line():
    # spaCy's thinc imports torch whenever it is installed, a second and more of start-up that the rules never
    # use; marking it absent makes thinc skip it in this process (and in the worker processes it forks).
    sys.modules.setdefault("torch", None)

from .analyze import COLUMNS, CONTRACT_COLUMNS, analyze  # noqa: E402
from .posts import InputError, Post, ReadResult  # noqa: E402
from .readers import read  # noqa: E402
from .run import tag_files, tag_texts  # noqa: E402

__all__ = ["analyze", "read", "tag_files", "tag_texts", "Post", "ReadResult", "InputError", "COLUMNS",
           "CONTRACT_COLUMNS"]
