"""One entry point for every export: `read` tells the format from the content and calls its reader."""

from __future__ import annotations

import json
import posixpath
import re
import tarfile
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..posts import InputError, ReadResult
from . import bluesky, generic, instagram, linkedin, mastodon, reddit, threads, x
from ._common import decode_text, load_json
from .archive import Archive, Limits, is_archive

__all__ = ["read", "read_or_error", "read_many", "Limits", "InputError", "ReadResult"]


def read(source: str | Path | bytes, *, name: str | None = None, include_private: bool = False,
         limits: Limits = Limits()) -> ReadResult:
    """Read one export file (a path, or its bytes with `name`) into posts.

    Raises InputError, with a one-line message naming the file, when the file cannot be used.
    """
    label, data = _load(source, name, limits)
    return _guarded(label, lambda: _read_bytes(data, label, include_private=include_private, limits=limits))


def _load(source: str | Path | bytes, name: str | None, limits: Limits) -> tuple[str, bytes]:
    """The file's label and bytes, held to the size limit."""
    if isinstance(source, (bytes, bytearray)):
        label = name or "input"
        data = bytes(source)
        if len(data) > limits.max_file_bytes:
            raise InputError(label, _too_big(len(data), limits))
        return label, data
    path = Path(source)
    label = name or path.name
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise InputError(label, _too_big(size, limits))
        return label, path.read_bytes()
    except OSError as exc:
        raise InputError(label, exc.strerror or "cannot be opened") from None


def _guarded(label: str, reading: Callable[[], ReadResult]) -> ReadResult:
    try:
        return reading()
    except InputError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, UnicodeError,
            zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, MemoryError) as exc:
        # A shape no reader expected: say so on one line rather than show a traceback.
        raise InputError(label, f"could not be read ({type(exc).__name__}: {str(exc)[:120]})") from None


def read_or_error(source: str | Path | bytes, **options) -> ReadResult:
    """`read`, with a file that cannot be used turned into a result whose `error` says why."""
    try:
        return read(source, **options)
    except InputError as exc:
        return ReadResult(source_file=exc.source, error=exc.problem)


def read_many(sources: list, *, include_private: bool = False, limits: Limits = Limits()) -> list[ReadResult]:
    """Read the files of one upload or one command (paths, or (bytes, name) pairs), one result each, in order; a
    bad file gives a result with `error` set and the others still go through.

    Files that belong together are joined as they are inside an archive: X's note-tweet.js gives the long posts
    of the tweets.js (or tweet.js, tweets-partN.js) beside it their full text, whatever the order of the files.
    """
    pairs = [item if isinstance(item, tuple) else (item, None) for item in sources]
    kinds = [_x_kind(src, limits) for src, _ in pairs]
    joined = _read_x_joined(pairs, kinds, limits) if x.NOTE_KIND in kinds and set(x.TWEET_KINDS) & set(kinds) else {}
    return [joined[i] if i in joined else read_or_error(src, name=name, include_private=include_private,
                                                        limits=limits)
            for i, (src, name) in enumerate(pairs)]


def _x_kind(source: str | Path | bytes, limits: Limits) -> str | None:
    """The data type of an X archive .js file, from its first bytes, or None for any other file."""
    if isinstance(source, (bytes, bytearray)):
        head = bytes(source[:512])
    else:
        try:
            with open(source, "rb") as f:
                head = f.read(512)
        except OSError:
            return None  # reading it again says what is wrong
    return x.js_kind(head.decode("utf-8-sig", errors="ignore"))


def _read_x_joined(pairs: list[tuple], kinds: list[str | None], limits: Limits) -> dict[int, ReadResult]:
    """The X tweets and note-tweet files of one upload, read together as in an archive: the notes first, then every
    tweets file with all the notes, then each notes file with the notes no tweet took as posts of their own."""
    results: dict[int, ReadResult] = {}
    notes: list = []
    placed: dict[int, tuple[str, int, list]] = {}  # notes file -> (label, offset in `notes`, its items)

    def unwrapped(i: int) -> tuple[str, list]:
        label, data = _load(pairs[i][0], pairs[i][1], limits)
        return label, _guarded(label, lambda: x.unwrap(decode_text(data, label), label)[1])

    for i, kind in enumerate(kinds):
        if kind == x.NOTE_KIND:
            try:
                label, items = unwrapped(i)
            except InputError as exc:
                results[i] = ReadResult(source_file=exc.source, error=exc.problem)
                continue
            placed[i] = (label, len(notes), items)
            notes.extend(items)
    taken: set[int] = set()
    for i, kind in enumerate(kinds):
        if kind in x.TWEET_KINDS:
            mine: set[int] = set()  # the notes this file's tweets took, counted only if the whole file reads
            try:
                label, items = unwrapped(i)
                results[i] = _guarded(label, partial(x.read_tweets, items, label, notes=notes, joined=mine))
            except InputError as exc:
                results[i] = ReadResult(source_file=exc.source, error=exc.problem)
                continue
            taken |= mine
    for i, (label, offset, items) in placed.items():
        own = {p - offset for p in taken if offset <= p < offset + len(items)}
        try:
            results[i] = _guarded(label, partial(x.read_notes_alone, items, label, joined=own))
        except InputError as exc:
            results[i] = ReadResult(source_file=exc.source, error=exc.problem)
    return results


def _too_big(size: int, limits: Limits) -> str:
    return f"{size / 2**20:.1f} MiB is over the {limits.max_file_bytes / 2**20:g} MiB limit per file"


def _read_bytes(data: bytes, label: str, *, include_private: bool, limits: Limits) -> ReadResult:
    if not data.strip():
        raise InputError(label, "an empty file")
    if is_archive(data):
        return _read_archive(Archive(label, data, limits), label, include_private=include_private)
    if bluesky.sniff_car(data):
        return bluesky.read_car(data, label)
    return _read_text(decode_text(data, label), label, include_private=include_private)


def _read_text(text: str, label: str, *, include_private: bool, author: str = "") -> ReadResult:
    head = text.lstrip()[:2048].lower()
    if x.sniff_js(text):
        return x.read_js(text, label)
    if head.startswith(("<!doctype", "<html")) or (head.startswith("<") and "<body" in head):
        raise InputError(label, "an HTML page, not a data export (ask the platform for the JSON or CSV export)")
    if head.startswith(("{", "[")):
        if head.startswith("{") and "\n" in text.strip() and _first_line_is_object(text):
            return generic.read_jsonl(text, label)
        return _read_json(load_json(text, label), label, include_private=include_private, author=author)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    if kind := linkedin.sniff(first_line):
        reader = linkedin.read_shares if kind == "shares" else linkedin.read_comments
        return reader(text, label, author=author)
    if kind := reddit.sniff(first_line):
        return reddit.read(text, label, kind)
    if kind := x.sniff_table(first_line):
        return x.read_table(text, label, kind)
    return generic.read(text, label)


def _first_line_is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text.strip().split("\n", 1)[0]), dict)
    except ValueError:
        return False


def _read_json(value: object, label: str, *, include_private: bool, author: str = "") -> ReadResult:
    if isinstance(value, dict) and value.get("type") in ("Person", "Service", "Application") and "outbox" in value:
        raise InputError(label, "a Mastodon actor.json (the profile), which holds no posts: "
                                "upload outbox.json or the whole archive")
    if mastodon.sniff(value):
        return mastodon.read_outbox(value, label, author=author, include_private=include_private)
    if threads.sniff(value):
        return threads.read_posts(value, label, author=author)
    if kind := bluesky.sniff_json(value):
        return bluesky.read_feed(value, label) if kind == "feed" else bluesky.read_records(value, label)
    if kind := instagram.sniff_json(value):
        raise instagram.refuse(label, kind)
    return generic.read_json_value(value, label)


def _read_archive(archive: Archive, label: str, *, include_private: bool) -> ReadResult:
    """The posts of a platform's archive: each platform is recognised by the member files it always has."""

    def text_of(name: str) -> str:
        return decode_text(archive.read(name), f"{label}/{name}")

    def merged(results: list[ReadResult], platform: str, fmt: str) -> ReadResult:
        out = ReadResult(source_file=label, platform=platform, format=fmt)
        for r in results:
            out.posts.extend(r.posts)
            out.skipped.update(r.skipped)
            out.rejected.update(r.rejected)
        return out

    tweet_files = [n for n in archive.names
                   if re.fullmatch(r"tweets?(-part\d+)?\.js", posixpath.basename(n).lower())]
    if tweet_files:
        username = ""
        for name in archive.find("account.js"):
            username = x.account_username(x.unwrap(text_of(name), f"{label}/{name}")[1])
        notes: list = []
        for name in archive.find("note-tweet.js"):
            notes.extend(x.unwrap(text_of(name), f"{label}/{name}")[1])
        results = []
        for name in tweet_files:
            kind, items = x.unwrap(text_of(name), f"{label}/{name}")
            results.append(x.read_tweets(items, f"{label}/{name}", notes=notes, username=username))
        return merged(results, "x", "x-archive")

    shares = archive.find(prefix="shares", suffix=".csv")
    if shares:
        author = ""
        for name in archive.find("profile.csv"):
            author = linkedin.profile_name(text_of(name), f"{label}/{name}")
        return merged([linkedin.read_shares(text_of(n), f"{label}/{n}", author=author) for n in shares],
                      "linkedin", "linkedin-archive")

    outbox = archive.find("outbox.json")
    if outbox:
        author = ""
        for name in archive.find("actor.json"):
            author = mastodon.actor_name(load_json(text_of(name), f"{label}/{name}"))
        results = []
        for name in outbox:
            value = load_json(text_of(name), f"{label}/{name}")
            if not mastodon.sniff(value):
                raise InputError(label, f"{name} is not a Mastodon outbox")
            results.append(mastodon.read_outbox(value, f"{label}/{name}", author=author,
                                                include_private=include_private))
        return merged(results, "mastodon", "mastodon-archive")

    thread_files = archive.find("threads_and_replies.json")
    if thread_files:
        author = _meta_username(thread_files[0])
        return merged([threads.read_posts(load_json(text_of(n), f"{label}/{n}"), f"{label}/{n}", author=author)
                       for n in thread_files], "threads", "threads-archive")
    if archive.find("threads_and_replies.html") or archive.find(prefix="posts_", suffix=".html"):
        raise InputError(label, "an HTML export: request Meta's 'Download your information' in JSON format")
    if instagram.sniff_archive(archive.names):
        raise instagram.refuse(label)

    reddit_files = [(n, k) for n in archive.find("posts.csv", "comments.csv")
                    if (k := reddit.sniff(text_of(n).split("\n", 1)[0]))]
    if reddit_files:
        return merged([reddit.read(text_of(n), f"{label}/{n}", k) for n, k in reddit_files], "reddit", "reddit-archive")

    cars = [n for n in archive.names if n.lower().endswith(".car")]
    if cars:
        return merged([bluesky.read_car(archive.read(n), f"{label}/{n}") for n in cars], "bluesky", "bluesky-archive")

    loose = [n for n in archive.names if n.lower().endswith((".csv", ".json", ".jsonl", ".txt", ".js"))]
    if loose:
        results = [_read_text(text_of(n), f"{label}/{n}", include_private=include_private) for n in loose]
        platforms = {r.platform for r in results}
        return merged(results, platforms.pop() if len(platforms) == 1 else "generic", "archive")
    shown = ", ".join(posixpath.basename(n) for n in archive.names[:8]) or "nothing"
    raise InputError(label, f"an archive with no posts in it (it holds: {shown})")


def _meta_username(member: str) -> str:
    # Meta names the export's top folder instagram-<username>-<date>-<random>.
    top = member.split("/", 1)[0]
    m = re.match(r"(?:instagram|threads|facebook)-(.+)-\d{4}-\d\d-\d\d-\w+$", top)
    return m.group(1) if m else ""
