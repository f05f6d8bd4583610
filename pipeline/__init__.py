"""Hype Lens: read post exports, tag benchmark claims, anecdotal endorsements and hype clichés."""

from .analyze import COLUMNS, CONTRACT_COLUMNS, analyze
from .posts import InputError, Post, ReadResult
from .readers import read
from .run import tag_files, tag_texts

__all__ = ["analyze", "read", "tag_files", "tag_texts", "Post", "ReadResult", "InputError", "COLUMNS",
           "CONTRACT_COLUMNS"]
