"""Instagram, from Meta's "Download your information": recognised so it can be refused in one clear line.

Hype Lens does not read Instagram (its posts are photos and videos with captions). Its files otherwise look like
generic JSON with no text field, which gave a confusing message; they are told apart here by the shapes Meta writes:
`posts_1.json` (records of `media` items, each with a `uri`), `post_comments_1.json` and `reels_comments.json`
(records of `string_map_data` / `string_list_data`), and wrappers such as `{"comments_media_comments": [...]}`.
Threads posts come in the same download (`threads_and_replies.json`) and are read by the Threads reader.
"""

from __future__ import annotations

import posixpath
import re

from ..posts import InputError
from ._common import SUPPORTED

_MEDIA_KEYS = {"media", "title", "creation_timestamp"}
_ACTIVITY_KEYS = ("string_map_data", "string_list_data")
_WRAPPER_KEY = re.compile(r"^(?:comments_|ig_)\w+$")
_MEMBER = re.compile(r"^(?:posts|post_comments|reels_comments|reels|stories|liked_posts|saved_posts)(?:_\d+)?\.json$")
_FOLDERS = ("your_instagram_activity", "content", "comments", "media")


def sniff_json(value: object) -> str | None:
    """What an Instagram JSON file holds ("posts", "comments", or "activity"), or None when it is not one."""
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if _WRAPPER_KEY.match(str(key)) and isinstance(inner, list) and (
                sniff_json(inner) or _all_media_items(inner)):
            return "comments" if str(key).startswith("comments_") else "activity"
        return None
    if not isinstance(value, list) or not value:
        return None
    records = [r for r in value[:20] if isinstance(r, dict)]
    if not records or len(records) < min(len(value), 20):
        return None
    if all(set(r) <= _MEDIA_KEYS and _is_media_list(r.get("media")) for r in records):
        return "posts"
    if all(any(k in r for k in _ACTIVITY_KEYS) for r in records):
        return "comments" if any("Comment" in (r.get("string_map_data") or {}) for r in records) else "activity"
    return None


def _all_media_items(items: list) -> bool:
    # Stories, reels, profile photos: bare media items, each a uri with its creation time.
    head = items[:20]
    return bool(head) and all(isinstance(m, dict) and "uri" in m and "creation_timestamp" in m for m in head)


def _is_media_list(media: object) -> bool:
    return isinstance(media, list) and bool(media) and all(isinstance(m, dict) and "uri" in m for m in media)


def sniff_archive(names: list[str]) -> bool:
    """True when an archive's members are an Instagram export's (posts_1.json under content/, and the like)."""
    for name in names:
        parts = name.lower().split("/")
        if _MEMBER.match(posixpath.basename(parts[-1])) and any(f in parts[:-1] for f in _FOLDERS):
            return True
    return False


def refuse(source: str, what: str = "") -> InputError:
    """The one-line error for an Instagram file or archive."""
    held = f" ({what})" if what else ""
    return InputError(source, f"an Instagram export{held}, which is not supported: {SUPPORTED}")
