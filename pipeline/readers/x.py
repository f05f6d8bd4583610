"""X (Twitter): the archive's tweets.js / tweet.js / note-tweet.js, and the tweet CSVs people also export."""

from __future__ import annotations

import html
import re
from collections.abc import Collection

from ..posts import InputError, Post, ReadResult
from ._common import Collector, csv_rows, find_column, iso_utc, load_json

_WRAPPER = re.compile(r"^\s*window\.YTD\.(\w+)\.part(\d+)\s*=\s*")
_TCO = re.compile(r"https?://t\.co/\w+")
TWEET_KINDS = ("tweets", "tweet")  # the data types of tweets.js, tweets-partN.js and the older tweet.js
NOTE_KIND = "note_tweet"  # note-tweet.js: the full text of posts longer than 280 characters


def sniff_js(text: str) -> bool:
    return bool(_WRAPPER.match(text))


def js_kind(head: str) -> str | None:
    """The data type an archive .js file declares in its first line ('tweets', 'note_tweet', 'like' ...), or None
    when `head` (the start of a file) is not an X archive file."""
    m = _WRAPPER.match(head)
    return m.group(1) if m else None


_REPLY_HANDLES = re.compile(r"^(\s*@\w+)+")


def links_only(text: str) -> bool:
    """True when a tweet's text is nothing but t.co links, after the handles a reply starts with: an image, video
    or link posted with no words."""
    return bool(_TCO.search(text)) and not _REPLY_HANDLES.sub("", _TCO.sub("", text)).strip()


def unwrap(text: str, source: str) -> tuple[str, list]:
    """The data type ('tweets', 'note_tweet', 'like' ...) and the JSON array inside an archive .js file."""
    m = _WRAPPER.match(text)
    if not m:
        raise InputError(source, "not an X archive file (no window.YTD wrapper)")
    body = text[m.end():].rstrip().rstrip(";")
    value = load_json(body, source)
    if not isinstance(value, list):
        raise InputError(source, "an X archive file whose data is not a list")
    return m.group(1), value


def _expand(text: str, urls: list) -> str:
    for u in urls or []:
        if isinstance(u, dict):
            short = u.get("url") or u.get("shortUrl")
            expanded = u.get("expanded_url") or u.get("expandedUrl")
            if short and expanded:
                text = text.replace(short, expanded)
    return text


def _notes_by_time(notes: list) -> dict[str, list[tuple[int, str]]]:
    # Keyed by creation time: a note's id never matches its tweet's id, its timestamp does (to the second).
    # Each note keeps its place in `notes`, so the caller can tell which notes a tweet took.
    by_time: dict[str, list[tuple[int, str]]] = {}
    for place, item in enumerate(notes):
        note = item.get("noteTweet", item) if isinstance(item, dict) else None
        if not isinstance(note, dict):
            continue
        core = note.get("core") or {}
        text = core.get("text")
        if isinstance(text, str):
            by_time.setdefault(iso_utc(note.get("createdAt", "")), []).append(
                (place, _expand(text, core.get("urls", []))))
    return by_time


def _prefix(text: str) -> str:
    # Compare the start of the words only: replies carry leading @mentions that the note leaves out.
    text = re.sub(r"^(?:@\w+\s+)+", "", text.strip())
    return re.sub(r"\W+", "", text)[:20]


def read_tweets(items: list, source: str, *, notes: list | None = None, username: str = "",
                joined: set[int] | None = None) -> ReadResult:
    """Tweets from the archive's array; long posts get their full text from note-tweet.js when given.

    The places in `notes` of the notes that completed a tweet are added to `joined` when it is given. A tweet whose
    text is only t.co links (an image or a link with no words) is skipped as `empty`.
    """
    out = Collector(source, "x", "x-archive")
    long_texts = _notes_by_time(notes or [])
    for index, item in enumerate(items, 1):
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict) or not isinstance(tweet.get("full_text", tweet.get("text")), str):
            out.reject("not a tweet")
            continue
        raw = tweet.get("full_text", tweet.get("text"))
        if raw.startswith("RT @"):
            out.skip("retweet")
            continue
        if links_only(raw):
            out.skip("empty")
            continue
        entities = tweet.get("entities") or {}
        media = (tweet.get("extended_entities") or entities).get("media", [])
        text = html.unescape(_expand(_expand(raw, entities.get("urls", [])), media[:1]))
        created = iso_utc(tweet.get("created_at", ""))
        # An edited note appears once per version with the same creation time; the last version wins.
        matching = [(place, n) for place, n in long_texts.get(created, []) if _prefix(n) == _prefix(text)]
        if matching:
            text = matching[-1][1]
            if joined is not None:
                joined.update(place for place, _ in matching)
        tweet_id = str(tweet.get("id_str") or tweet.get("id") or "")
        who = username or ""
        out.add(Post(
            text=text,
            platform="x",
            post_id=tweet_id,
            author=who,
            created_at=created,
            permalink=f"https://x.com/{who or 'i/web'}/status/{tweet_id}" if tweet_id else "",
            source_file=source,
            source_row=f"{index}",
            kind="reply" if tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id") else "post",
        ))
    return out.result


def read_notes_alone(items: list, source: str, *, joined: Collection[int] = ()) -> ReadResult:
    """note-tweet.js on its own: each long post is a post. The notes at the (0-based) places in `joined` already
    completed their tweet from a tweets.js read beside this file, and are counted as `joined` instead."""
    out = Collector(source, "x", "x-note-tweets")
    for index, item in enumerate(items, 1):
        if index - 1 in joined:
            out.skip("joined")
            continue
        note = item.get("noteTweet") if isinstance(item, dict) else None
        text = (note or {}).get("core", {}).get("text") if isinstance(note, dict) else None
        if not isinstance(text, str):
            out.reject("not a note tweet")
            continue
        out.add(Post(text=_expand(text, note["core"].get("urls", [])), platform="x",
                     post_id=f"note:{note.get('noteTweetId', index)}", created_at=iso_utc(note.get("createdAt")),
                     source_file=source, source_row=str(index)))
    return out.result


def account_username(items: list) -> str:
    for item in items:
        acc = item.get("account") if isinstance(item, dict) else None
        if isinstance(acc, dict) and acc.get("username"):
            return str(acc["username"])
    return ""


def read_js(text: str, source: str) -> ReadResult:
    kind, items = unwrap(text, source)
    if kind in ("tweets", "tweet"):
        return read_tweets(items, source)
    if kind == "note_tweet":
        return read_notes_alone(items, source)
    raise InputError(source, f"an X archive file of '{kind}', which holds no posts of the account "
                             "(upload tweets.js or the whole archive zip)")


# Third-party and older tweet tables: header marker -> (text, date, id, link, retweet marker) columns.
_TABLES = {
    "legacy": ("text", "timestamp", "tweet_id", None, "retweeted_status_id"),
    "analytics": ("post text", "date", "post id", "post link", None),
    "analytics-old": ("tweet text", "time", "tweet id", "tweet permalink", None),
    "twint": ("tweet", "created_at", "id", "link", "retweet"),
}


def sniff_table(header_line: str) -> str | None:
    h = header_line.strip().lstrip("\ufeff").lower().replace('"', "")
    if h.startswith("tweet_id,in_reply_to_status_id"):
        return "legacy"
    if h.startswith("post id,date,post text"):
        return "analytics"
    if h.startswith("tweet id,tweet permalink,tweet text"):
        return "analytics-old"
    if h.startswith("id,conversation_id,created_at,date,time,timezone,user_id,username"):
        return "twint"
    return None


def read_table(text: str, source: str, kind: str) -> ReadResult:
    header, rows = csv_rows(text, source)
    text_c, date_c, id_c, link_c, rt_c = (find_column(header, c) if c else None for c in _TABLES[kind])
    user_c = find_column(header, "username")
    out = Collector(source, "x", f"x-{kind}-csv")
    for number, row in rows:
        body = html.unescape(row.get(text_c or "", ""))
        if body.startswith("RT @") or (rt_c and row.get(rt_c, "").strip() not in ("", "False", "false", "0")):
            out.skip("retweet")
            continue
        if links_only(body):
            out.skip("empty")
            continue
        date = row.get(date_c or "", "")
        if kind == "twint" and find_column(header, "date") and find_column(header, "time"):
            date = f"{row[find_column(header, 'date')]} {row[find_column(header, 'time')]}"
        out.add(Post(text=body, platform="x", post_id=row.get(id_c or "", ""),
                     author=row.get(user_c or "", ""), created_at=iso_utc(date),
                     permalink=row.get(link_c or "", ""), source_file=source, source_row=str(number)))
    return out.result
