"""Threads, from Meta's "Download your information" export in JSON format."""

from __future__ import annotations

import hashlib

from ..posts import Post, ReadResult
from ._common import Collector, iso_utc

POSTS_KEY = "text_post_app_text_posts"


def sniff(value: object) -> bool:
    return isinstance(value, dict) and POSTS_KEY in value


def fix_mojibake(text: str) -> str:
    """Meta writes each UTF-8 byte as its own \\u00XX escape; reading those as Latin-1 bytes undoes it."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text  # already proper text (a character above U+00FF, or bytes that are not UTF-8)


def read_posts(value: dict, source: str, *, author: str = "") -> ReadResult:
    out = Collector(source, "threads", "threads-json")
    for index, item in enumerate(value.get(POSTS_KEY) or [], 1):
        if not isinstance(item, dict):
            out.reject("not a post")
            continue
        media = [m for m in item.get("media") or [] if isinstance(m, dict)]
        first = media[0] if media else {}
        # A post with several media items keeps its caption at the top; a single item keeps it on the item.
        title = item.get("title") or first.get("title") or ""
        text = fix_mojibake(title) if isinstance(title, str) else ""
        stamp = item.get("creation_timestamp") or first.get("creation_timestamp")
        is_reply = bool((first.get("text_app_post") or {}).get("is_reply"))
        key = hashlib.sha1(f"{stamp}\n{text}".encode()).hexdigest()[:16]
        out.add(Post(
            text=text,
            platform="threads",
            post_id=f"threads:{stamp}:{key}",
            author=author,
            created_at=iso_utc(stamp),
            source_file=source,
            source_row=str(index),
            kind="reply" if is_reply else "post",
        ))
    return out.result
