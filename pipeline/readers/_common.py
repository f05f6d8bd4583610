"""Helpers every reader shares: decoding bytes, parsing dates, reading CSV tables, collecting posts."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime

from ..posts import InputError, Post, ReadResult

# csv's default field limit is 128 KiB; a real post is far below 1 MiB, and a bigger field is refused, not read.
MAX_FIELD_CHARS = 1_000_000
MAX_COLUMNS = 500
MAX_JSON_DEPTH = 64
csv.field_size_limit(MAX_FIELD_CHARS)
# What can be read, in the words an error line uses when a file is a known export that cannot be.
SUPPORTED = ("upload a LinkedIn, X, Bluesky, Mastodon, Threads or Reddit export, or a CSV, JSON, JSON Lines or text "
             "file with one post per row")


class Collector:
    """Gathers one file's posts and counts what it left out, by reason."""

    def __init__(self, source_file: str, platform: str, fmt: str) -> None:
        self.result = ReadResult(source_file=source_file, platform=platform, format=fmt)
        self._seen_ids: set[str] = set()

    def add(self, post: Post, *, dedupe: bool = True) -> None:
        if not post.text.strip():
            self.skip("empty")
            return
        if dedupe and post.post_id:
            if post.post_id in self._seen_ids:
                self.skip("duplicate")
                return
            self._seen_ids.add(post.post_id)
        self.result.posts.append(post)

    def skip(self, reason: str, n: int = 1) -> None:
        self.result.skipped[reason] += n

    def reject(self, reason: str, n: int = 1) -> None:
        self.result.rejected[reason] += n


def decode_text(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, or cp1252 for old spreadsheet exports.

    A file that is UTF-8 up to some point and broken after it is refused rather than guessed at, because
    decoding it as cp1252 would silently turn every earlier accented letter into mojibake.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"not valid UTF-16 at byte {exc.start}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        if any(b >= 0x80 for b in before):
            line = before.count(b"\n") + 1
            raise InputError(source, f"not valid UTF-8 at byte {exc.start} (line {line})") from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(source, "not text in UTF-8, UTF-16 or cp1252 (a binary file?)") from None
    if "\x00" in text[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "a binary file, not a post export")
    return text


_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",  # LinkedIn, no zone: taken as UTC
    "%Y-%m-%d %H:%M:%S %Z",  # Reddit "... UTC"
    "%Y-%m-%d %H:%M:%S %z",  # X legacy tweets.csv
    "%Y-%m-%d %H:%M %z",  # old X analytics
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%a %b %d %H:%M:%S %z %Y",  # X archive created_at
    "%a, %b %d, %Y",  # X analytics content export
    "%d.%m.%Y %H:%M",  # European spreadsheets
    "%d.%m.%Y",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_DAYS = "mon tue wed thu fri sat sun".split()


def _english_names(value: str) -> str:
    # strptime's %a/%b follow the process locale; X writes English names whatever the locale, so map them to
    # numbers first and parse numerically.
    def month(m: re.Match) -> str:
        return f"{_MONTHS[m.group(0).lower()[:3]]:02d}"

    days, months = "|".join(_DAYS), "|".join(_MONTHS)
    value = re.sub(rf"\b(?:{days})[a-z]*,?\s*", "", value, flags=re.I)
    return re.sub(rf"\b(?:{months})[a-z]*\b", month, value, flags=re.I)


def iso_utc(value: object) -> str:
    """A platform's date (text, or Unix seconds/milliseconds) as ISO 8601 UTC, or "" when it cannot be read."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        except (OverflowError, OSError, ValueError):
            return ""
    text = str(value).strip()
    if re.fullmatch(r"\d{9,13}", text):
        return iso_utc(int(text))
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        dt = None
        numeric = _english_names(text)
        for fmt, candidate in [(f, text) for f in _DATE_FORMATS] + [
            ("%m %d %H:%M:%S %z %Y", numeric),
            ("%m %d, %Y", numeric),
            ("%m %d %Y", numeric),
        ]:
            try:
                dt = datetime.strptime(candidate, fmt)
                break
            except ValueError:
                continue
        if dt is None:
            return ""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def csv_rows(text: str, source: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """A CSV table as its header and (1-based data row number, {column: value}) pairs.

    Keys keep the header's spelling; use `find_column` to look one up by name. A malformed table raises
    InputError naming the line.
    """
    sample = text[:4096]
    first_line = sample.split("\n", 1)[0]
    delimiter = ","
    if first_line.count(",") == 0:
        for candidate in (";", "\t", "|"):
            if first_line.count(candidate) > 0:
                delimiter = candidate
                break
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(source, "an empty file")
        if len(header) > MAX_COLUMNS:
            raise InputError(source, f"a CSV with {len(header)} columns (at most {MAX_COLUMNS} are read)")
        header = [h.strip().lstrip("\ufeff") for h in header]
        rows = []
        for number, values in enumerate(reader, 1):
            if not any(v.strip() for v in values):
                continue
            padded = values + [""] * (len(header) - len(values))
            rows.append((number, dict(zip(header, padded[: len(header)], strict=True))))
    except csv.Error as exc:
        raise InputError(source, f"malformed CSV near line {reader.line_num}: {exc}") from None
    return header, rows


def find_column(header: list[str], *names: str) -> str | None:
    """The header's own spelling of the first of `names` it has, compared case- and space-insensitively."""
    norm = {re.sub(r"[\s_]+", " ", h.strip().lower()): h for h in header}
    for name in names:
        if name in norm:
            return norm[name]
    return None


def load_json(text: str, source: str) -> object:
    """json.loads with a one-line error naming the line, and a cap on nesting depth."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise InputError(source, "JSON nested too deeply") from None
    if _depth(value) > MAX_JSON_DEPTH:
        raise InputError(source, f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
    return value


def _depth(value: object) -> int:
    depth, level = 0, [value]
    while level:
        depth += 1
        nxt: list = []
        for v in level:
            if isinstance(v, dict):
                nxt.extend(v.values())
            elif isinstance(v, list):
                nxt.extend(v)
        level = nxt
        if depth > MAX_JSON_DEPTH:
            break
    return depth
