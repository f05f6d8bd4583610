"""LinkedIn's "Get a copy of your data": Shares.csv (the member's posts) and Comments.csv."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote

from ..posts import Post, ReadResult
from ._common import Collector, csv_rows, find_column, iso_utc

_RECORD_START = re.compile(r"^\d{4}-\d\d-\d\d(?: \d\d:\d\d:\d\d)?,")


def sniff(header_line: str) -> str | None:
    """'shares' or 'comments' when a CSV's first line is LinkedIn's, else None."""
    h = header_line.strip().lstrip("\ufeff").lower().replace('"', "")
    if h.startswith("date,sharelink,"):
        return "shares"
    if h.startswith("date,link,message"):
        return "comments"
    return None


def _unwrap_lines(value: str) -> str:
    # LinkedIn writes each line of a multi-line post as if it were quoted on its own, then CSV-escapes the
    # whole field again: after a normal CSV parse every line break is wrapped in literal quotes. One
    # left-to-right replacement undoes it, even where a line really starts or ends with a quote.
    return value.replace('"\r\n"', "\n").replace('"\n"', "\n")


def _urn(link: str) -> str:
    m = re.search(r"/update/([^/?#]+)", link)
    return unquote(m.group(1)) if m else link


def read_shares(text: str, source: str, *, author: str = "") -> ReadResult:
    header, rows = csv_rows(text, source)
    col = {k: find_column(header, k) for k in ("date", "sharelink", "sharecommentary")}
    out = Collector(source, "linkedin", "linkedin-shares")
    for number, row in rows:
        link = row.get(col["sharelink"] or "", "")
        body = _unwrap_lines(row.get(col["sharecommentary"] or "", ""))
        if not body.strip():
            # A row with no commentary is a bare reshare: nothing the member wrote.
            out.skip("repost")
            continue
        out.add(Post(
            text=body,
            platform="linkedin",
            post_id=_urn(link),
            author=author,
            created_at=iso_utc(row.get(col["date"] or "", "")),
            permalink=link,
            source_file=source,
            source_row=str(number),
        ))  # de-duplicated on the link: a post with several images is written once per image
    return out.result


def _repair_comments(raw: str) -> str:
    # 2025 exports escape quotes inside a field as \" (which csv would mis-split); 2021 exports leave line
    # breaks of unquoted fields bare, so a line that does not start a record continues the previous one.
    raw = raw.replace('\\"', '""')
    lines = raw.replace("\r\n", "\n").split("\n")
    records: list[str] = []
    blanks: list[str] = []  # blank lines are kept only if the message goes on after them
    for line in lines:
        if records and records[-1].count('"') % 2 == 1:  # inside a quoted field: csv handles it
            records[-1] += "\n" + line
        elif len(records) > 1 and not _RECORD_START.match(line):
            if not line.strip():
                blanks.append(line)
                continue
            records[-1] = _quote_last_field(records[-1], "\n".join([*blanks, line]))
        else:
            records.append(line)
        blanks = []
    return "\n".join(records)


def _quote_last_field(record: str, continuation: str) -> str:
    date, link, message = (record.split(",", 2) + ["", ""])[:3]
    if message.startswith('"') and message.endswith('"') and len(message) > 1:
        message = message[1:-1]
    else:
        message = message.replace('"', '""')
    return f'{date},{link},"{message}\n{continuation.replace(chr(34), chr(34) * 2)}"'


def read_comments(text: str, source: str, *, author: str = "") -> ReadResult:
    header, rows = csv_rows(_repair_comments(text), source)
    col = {k: find_column(header, k) for k in ("date", "link", "message")}
    out = Collector(source, "linkedin", "linkedin-comments")
    for number, row in rows:
        message = row.get(col["message"] or "", "")
        link = row.get(col["link"] or "", "")
        date = row.get(col["date"] or "", "")
        key = hashlib.sha1(f"{date}\n{link}\n{message}".encode()).hexdigest()[:16]
        out.add(Post(
            text=message,
            platform="linkedin",
            post_id=f"linkedin-comment:{key}",
            author=author,
            created_at=iso_utc(date),
            permalink=link,
            source_file=source,
            source_row=str(number),
            kind="comment",
        ))
    return out.result


def profile_name(text: str, source: str) -> str:
    """The member's name from Profile.csv, for the author column."""
    header, rows = csv_rows(text, source)
    if not rows:
        return ""
    first, last = find_column(header, "first name"), find_column(header, "last name")
    row = rows[0][1]
    return " ".join(p for p in (row.get(first or "", ""), row.get(last or "", "")) if p).strip()
