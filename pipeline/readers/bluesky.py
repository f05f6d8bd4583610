"""Bluesky: the repository export (.car), and saved getAuthorFeed / listRecords JSON."""

from __future__ import annotations

import libipld

from ..posts import InputError, Post, ReadResult
from ._common import Collector, iso_utc

POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
MAX_TREE_NODES = 1_000_000


def sniff_car(data: bytes) -> bool:
    # A CAR v1 starts with a varint length, then a DAG-CBOR map holding "roots" and "version".
    head = data[:128]
    return len(head) > 8 and head[0] < 0x80 and b"roots" in head and b"version" in head


def _post(record: dict, uri: str, author: str, source: str, key: str) -> Post:
    did_or_handle, rkey = (uri.split("/")[2], uri.rsplit("/", 1)[-1]) if uri.startswith("at://") else ("", "")
    return Post(
        text=record.get("text") if isinstance(record.get("text"), str) else "",
        platform="bluesky",
        post_id=uri,
        author=author,
        created_at=iso_utc(record.get("createdAt", "")),
        permalink=f"https://bsky.app/profile/{did_or_handle}/post/{rkey}" if rkey else "",
        source_file=source,
        source_row=key,
        kind="reply" if record.get("reply") else "post",
    )


def _walk(blocks: dict, root: bytes, source: str):
    """(key, record CID) for every entry of the repository's Merkle search tree, in key order."""
    stack: list[tuple[str, object]] = [("node", root)]
    seen = 0
    while stack:
        what, ref = stack.pop()
        if what == "entry":
            yield ref
            continue
        seen += 1
        if seen > MAX_TREE_NODES:
            raise InputError(source, "a CAR file whose tree is too large")
        node = blocks.get(ref)
        if not isinstance(node, dict) or not isinstance(node.get("e"), list):
            raise InputError(source, "a CAR file with a missing or broken tree node")
        todo: list[tuple[str, object]] = []
        if node.get("l") is not None:
            todo.append(("node", node["l"]))
        key = b""
        for entry in node["e"]:
            try:
                key = key[: entry["p"]] + entry["k"]
            except (KeyError, TypeError):
                raise InputError(source, "a CAR file with a malformed tree entry") from None
            todo.append(("entry", (key.decode("utf-8", "replace"), entry.get("v"))))
            if entry.get("t") is not None:
                todo.append(("node", entry["t"]))
        stack.extend(reversed(todo))


def read_car(data: bytes, source: str) -> ReadResult:
    """Every post reachable from the signed commit; stray blocks outside the tree are ignored."""
    try:
        header, blocks = libipld.decode_car(data)
    except Exception as exc:  # the decoder raises its own types for each kind of damage
        raise InputError(source, f"not a readable CAR file ({str(exc).splitlines()[0][:120]})") from None
    roots = header.get("roots") if isinstance(header, dict) else None
    if not roots:
        raise InputError(source, "a CAR file with no root")
    commit = blocks.get(roots[0])
    if not isinstance(commit, dict) or "data" not in commit:
        raise InputError(source, "a CAR file whose root commit is missing")
    author = str(commit.get("did", ""))
    out = Collector(source, "bluesky", "bluesky-car")
    for key, cid in _walk(blocks, commit["data"], source):
        collection = key.split("/", 1)[0]
        if collection == REPOST:
            out.skip("repost")
        if collection != POST:
            continue
        record = blocks.get(cid)
        if not isinstance(record, dict):
            out.reject("missing record block")
            continue
        out.add(_post(record, f"at://{author}/{key}", author, source, key))
    return out.result


def sniff_json(value: object) -> str | None:
    if isinstance(value, dict):
        feed = value.get("feed")
        if isinstance(feed, list) and all(isinstance(i, dict) and "post" in i for i in feed[:5]):
            return "feed"
        records = value.get("records")
        if isinstance(records, list) and records and all(isinstance(r, dict) and "value" in r for r in records[:5]):
            return "records"
    return None


def read_feed(value: dict, source: str) -> ReadResult:
    out = Collector(source, "bluesky", "bluesky-feed")
    for index, item in enumerate(value.get("feed", []), 1):
        post = item.get("post") if isinstance(item, dict) else None
        reason = (item.get("reason") or {}).get("$type", "") if isinstance(item, dict) else ""
        if not isinstance(post, dict) or not isinstance(post.get("record"), dict):
            out.reject("not a post")
            continue
        if reason.endswith("#reasonRepost"):
            out.skip("repost")
            continue
        author = (post.get("author") or {}).get("handle") or (post.get("author") or {}).get("did", "")
        out.add(_post(post["record"], str(post.get("uri", "")), str(author), source, str(index)))
    return out.result


def read_records(value: dict, source: str) -> ReadResult:
    out = Collector(source, "bluesky", "bluesky-records")
    for index, item in enumerate(value.get("records", []), 1):
        record = item.get("value") if isinstance(item, dict) else None
        if not isinstance(record, dict):
            out.reject("not a record")
            continue
        kind = record.get("$type", POST)
        if kind == REPOST:
            out.skip("repost")
            continue
        if kind != POST:
            out.reject(f"{kind} record")
            continue
        uri = str(item.get("uri", ""))
        author = uri.split("/")[2] if uri.startswith("at://") else ""
        out.add(_post(record, uri, author, source, str(index)))
    return out.result
