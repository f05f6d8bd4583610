"""Files no platform wrote: a CSV or spreadsheet export, a JSON array, JSON Lines, or plain text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache

from ..posts import PLATFORMS, InputError, Post, ReadResult
from ._common import Collector, csv_rows, find_column, iso_utc, load_json

# Compared case-insensitively, underscores as spaces; the first one a table has wins.
TEXT_COLUMNS = (
    "text", "full text", "full_text", "content", "post content", "post text", "tweet text", "body", "post",
    "tweet", "message", "comment", "caption", "sharecommentary", "status", "selftext", "description",
)
DATE_COLUMNS = (
    "created at", "createdat", "created", "date", "datetime", "time", "timestamp", "posted at", "published",
    "published at", "post date", "datum", "fecha", "data",
)
AUTHOR_COLUMNS = ("author", "username", "user", "screen name", "handle", "user name", "name", "account", "autor",
                  "auteur")
ID_COLUMNS = ("id", "post id", "tweet id", "id str", "post_id", "status id", "uri")
PLATFORM_COLUMNS = ("platform", "network", "site", "social network")
LINK_COLUMNS = ("permalink", "url", "link", "post link", "tweet permalink", "post url")


def read_table(text: str, source: str) -> ReadResult:
    header, rows = csv_rows(text, source)
    text_col = find_column(header, *TEXT_COLUMNS) or _prose_column(header, rows)
    if text_col is None:
        shown = ", ".join(h for h in header[:12] if h) + (", ..." if len(header) > 12 else "")
        raise InputError(source, f"no text column (looked for text, content, body, post, tweet, message ...; "
                                 f"the file has: {shown or 'no header'})")
    cols = {
        "date": find_column(header, *DATE_COLUMNS),
        "author": find_column(header, *AUTHOR_COLUMNS),
        "id": find_column(header, *ID_COLUMNS),
        "link": find_column(header, *LINK_COLUMNS),
        "platform": find_column(header, *PLATFORM_COLUMNS),
    }
    fmt = "csv" if find_column(header, *TEXT_COLUMNS) else f"csv, text column {text_col!r} by its content"
    out = Collector(source, "generic", fmt)
    for number, row in rows:
        out.add(Post(
            text=row[text_col],
            platform=_platform(row.get(cols["platform"], "") if cols["platform"] else ""),
            post_id=row.get(cols["id"], "") if cols["id"] else "",
            author=row.get(cols["author"], "") if cols["author"] else "",
            created_at=iso_utc(row.get(cols["date"], "")) if cols["date"] else "",
            permalink=row.get(cols["link"], "") if cols["link"] else "",
            source_file=source,
            source_row=str(number),
        ), dedupe=False)
    return out.result


def _platform(value: str) -> str:
    """A sheet's own platform column, when it names one of ours ("Twitter" is X); otherwise generic."""
    v = value.strip().lower()
    v = {"twitter": "x", "x.com": "x", "twitter.com": "x", "instagram": "threads"}.get(v, v)
    return v if v in PLATFORMS and v != "generic" else "generic"


def _prose_column(header: list[str], rows: list[tuple[int, dict[str, str]]]) -> str | None:
    """The one column that reads like prose (several words a cell on average), when no column is named as text:
    a sheet in another language ("Beitrag", "Texte") still has its posts found."""
    sample = [row for _, row in rows[:200]]
    if not sample:
        return None
    wordy = [h for h in header if h and sum(len(r.get(h, "").split()) for r in sample) / len(sample) >= 4]
    return wordy[0] if len(wordy) == 1 else None


@lru_cache(maxsize=256)
def _record_columns(keys: tuple[str, ...]) -> tuple[str | None, ...]:
    """The keys holding text, platform, id, author, date and link, worked out once per set of keys (the records
    of one export nearly always share theirs)."""
    return tuple(find_column(list(keys), *names) for names in (TEXT_COLUMNS, PLATFORM_COLUMNS, ID_COLUMNS,
                                                               AUTHOR_COLUMNS, DATE_COLUMNS, LINK_COLUMNS))


def _record_post(record: object, source: str, key: str) -> Post | None:
    if isinstance(record, str):
        return Post(text=record, source_file=source, source_row=key)
    if not isinstance(record, dict):
        return None
    text_key, platform_key, id_key, author_key, date_key, link_key = _record_columns(tuple(record))
    if text_key is None or not isinstance(record[text_key], str):
        return None

    return Post(
        text=record[text_key],
        platform=_platform(_field(record, platform_key)),
        post_id=_field(record, id_key),
        author=_field(record, author_key),
        created_at=iso_utc(record.get(date_key or "", "")),
        permalink=_field(record, link_key),
        source_file=source,
        source_row=key,
    )


def _field(record: dict, key: str | None) -> str:
    value = record.get(key) if key else None
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


RETWEET_FLAGS = frozenset(("isRetweet", "is_retweet", "retweet", "isRepost"))


def _add_record(out: Collector, record: object, source: str, key: str) -> None:
    post = _record_post(record, source, key)
    if post is None:
        out.reject("no text field")
    elif post.text.startswith("RT @") or (isinstance(record, dict) and any(
            record[flag] in (True, "true", "True") for flag in RETWEET_FLAGS.intersection(record))):
        out.skip("retweet")  # scraper dumps (Apify and the like) flag reposts of other people's posts
    else:
        out.add(post, dedupe=False)


def read_records(records: list, source: str, fmt: str) -> ReadResult:
    out = Collector(source, "generic", fmt)
    for i, record in enumerate(records, 1):
        _add_record(out, record, source, str(i))
    if records and not out.result.posts and out.result.rejected:
        first = records[0]
        fields = ", ".join(list(first)[:12]) if isinstance(first, dict) else type(first).__name__
        raise InputError(source, f"no text field in any record (looked for text, content, body, post ...; "
                                 f"the first record has: {fields})")
    return out.result


def read_json_value(value: object, source: str) -> ReadResult:
    if isinstance(value, dict):
        # A wrapper object around the records: {"posts": [...]}, {"data": [...]}.
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(lists) == 1:
            return read_records(lists[0], source, "json")
        post = _record_post(value, source, "1")
        if post is not None:
            return read_records([value], source, "json")
        raise InputError(source, "JSON that holds no list of posts (keys: " + ", ".join(list(value)[:12]) + ")")
    if isinstance(value, list):
        return read_records(value, source, "json")
    raise InputError(source, "JSON that holds no posts")


def read_jsonl(text: str, source: str) -> ReadResult:
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except (json.JSONDecodeError, RecursionError) as exc:
            problem = getattr(exc, "msg", "nested too deeply")
            raise InputError(source, f"not valid JSON Lines at line {number}: {problem}") from None
    return read_records(records, source, "jsonl")


def iter_jsonl(path, source: str) -> tuple[ReadResult, Iterator[Post]]:
    """A JSON Lines file read lazily, one post at a time, for files too large to hold in memory. The file is
    checked line by line first, so a broken line fails the file before any post is yielded, as `read_jsonl` does.
    The result's skip and reject counts fill in as the posts are consumed."""
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            line = _decode_line(raw, source, number)
            if line.strip():
                try:
                    json.loads(line)
                except (json.JSONDecodeError, RecursionError) as exc:
                    problem = getattr(exc, "msg", "nested too deeply")
                    raise InputError(source, f"not valid JSON Lines at line {number}: {problem}") from None
    out = Collector(source, "generic", "jsonl")

    def posts() -> Iterator[Post]:
        with open(path, "rb") as f:
            index = 0
            for number, raw in enumerate(f, 1):
                line = _decode_line(raw, source, number)
                if not line.strip():
                    continue
                index += 1
                before = len(out.result.posts)
                _add_record(out, json.loads(line), source, str(index))
                if len(out.result.posts) > before:
                    yield out.result.posts.pop()

    return out.result, posts()


def _decode_line(raw: bytes, source: str, number: int) -> str:
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        raise InputError(source, f"not valid UTF-8 at line {number}") from None


def read_plain_text(text: str, source: str) -> ReadResult:
    """One post per paragraph: paragraphs are separated by one or more blank lines."""
    out = Collector(source, "generic", "text")
    line = 1
    for block in re.split(r"(\n[ \t]*\n+)", text.replace("\r\n", "\n")):
        if block.strip() and not block.startswith("\n"):
            out.add(Post(text=block.strip("\n"), source_file=source, source_row=f"line {line}"), dedupe=False)
        line += block.count("\n")
    return out.result


def read(text: str, source: str) -> ReadResult:
    """Whichever generic shape `text` has: JSON, JSON Lines, a CSV table, or plain text."""
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        first_line = stripped.split("\n", 1)[0].strip()
        if stripped.startswith("{") and first_line.endswith("}") and "\n" in stripped.strip():
            try:
                json.loads(first_line)
                return read_jsonl(text, source)
            except json.JSONDecodeError:
                pass
        return read_json_value(load_json(text, source), source)
    if looks_like_table(text, source):
        return read_table(text, source)
    return read_plain_text(text, source)


def looks_like_table(text: str, source: str = "") -> bool:
    """A table when the file says so by its name, or when its first line is a header naming known columns."""
    if source.lower().endswith((".csv", ".tsv")):
        return True
    first = text.split("\n", 1)[0].strip().lstrip("\ufeff")
    names = TEXT_COLUMNS + DATE_COLUMNS + AUTHOR_COLUMNS + ID_COLUMNS + LINK_COLUMNS
    known = {re.sub(r"[\s_]+", " ", n) for n in names}
    for sep in (",", ";", "\t", "|"):
        cells = [re.sub(r"[\s_]+", " ", c.strip().strip('"').lower()) for c in first.split(sep)]
        if len(cells) >= 2 and all(len(c) <= 40 for c in cells) and known.intersection(cells):
            return True
    return False
