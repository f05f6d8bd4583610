"""Mastodon's archive: outbox.json (an ActivityStreams OrderedCollection) and actor.json."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..posts import Post, ReadResult
from ._common import Collector, iso_utc

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
_PUBLIC_FORMS = {PUBLIC, "as:Public", "Public"}


def sniff(value: object) -> bool:
    return isinstance(value, dict) and value.get("type") == "OrderedCollection" and "orderedItems" in value


class _TextOf(HTMLParser):
    """Plain text of a status's HTML: paragraphs apart by a blank line, <br> a newline, every text node kept
    (Mastodon splits long links into 'invisible' and 'ellipsis' spans; joining all of them restores the URL)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(content: str) -> str:
    parser = _TextOf()
    parser.feed(content)
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()


def _visibility(obj: dict, activity: dict) -> str:
    to = _as_list(obj.get("to", activity.get("to")))
    cc = _as_list(obj.get("cc", activity.get("cc")))
    if _PUBLIC_FORMS.intersection(to):
        return "public"
    if _PUBLIC_FORMS.intersection(cc):
        return "unlisted"
    if any(str(a).endswith("/followers") for a in to):
        return "followers_only"
    return "direct"


def _as_list(value: object) -> list:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def read_outbox(value: dict, source: str, *, author: str = "", include_private: bool = False) -> ReadResult:
    out = Collector(source, "mastodon", "mastodon-outbox")
    items = value.get("orderedItems")
    for index, activity in enumerate(items if isinstance(items, list) else [], 1):
        if not isinstance(activity, dict):
            out.reject("not an activity")
            continue
        kind = activity.get("type")
        obj = activity.get("object")
        if kind == "Announce":
            out.skip("boost")
            continue
        if kind != "Create" or not isinstance(obj, dict):
            out.reject(f"{kind or 'untyped'} activity")
            continue
        visibility = _visibility(obj, activity)
        if visibility in ("direct", "followers_only") and not include_private:
            out.skip(visibility)
            continue
        content = obj.get("content")
        if not isinstance(content, str):
            content = next(iter((obj.get("contentMap") or {}).values()), "")
        out.add(Post(
            text=html_to_text(content or ""),
            platform="mastodon",
            post_id=str(obj.get("id") or activity.get("id") or ""),
            author=author or str(obj.get("attributedTo") or activity.get("actor") or ""),
            created_at=iso_utc(obj.get("published") or activity.get("published")),
            permalink=str(obj.get("url") or obj.get("id") or ""),
            source_file=source,
            source_row=str(index),
            kind="reply" if obj.get("inReplyTo") else "post",
        ))
    return out.result


def actor_name(value: object) -> str:
    """The account name from actor.json, for the author column (without the "@", which a spreadsheet would read as
    the start of a formula)."""
    if isinstance(value, dict) and value.get("preferredUsername"):
        return str(value["preferredUsername"])
    return ""
