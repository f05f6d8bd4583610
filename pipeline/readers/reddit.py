"""Reddit's data request: posts.csv and comments.csv."""

from __future__ import annotations

from ..posts import Post, ReadResult
from ._common import Collector, csv_rows, find_column, iso_utc

DELETED = ("[deleted]", "[removed]")


def sniff(header_line: str) -> str | None:
    """'posts' or 'comments' from the header's shape (Google Takeout also ships an unrelated comments.csv)."""
    cols = [c.strip().lower() for c in header_line.strip().lstrip("\ufeff").replace('"', "").split(",")]
    if cols[:4] != ["id", "permalink", "date", "ip"]:
        return None
    if "title" in cols and "body" in cols:
        return "posts"
    if "parent" in cols and "body" in cols:
        return "comments"
    return None


def read(text: str, source: str, kind: str) -> ReadResult:
    header, rows = csv_rows(text, source)
    col = {k: find_column(header, k) for k in ("id", "permalink", "date", "title", "body", "subreddit")}
    out = Collector(source, "reddit", f"reddit-{kind}")
    for number, row in rows:
        body = row.get(col["body"] or "", "").strip()
        if body in DELETED:
            out.skip("deleted")
            continue
        title = row.get(col["title"] or "", "").strip() if kind == "posts" else ""
        text = f"{title}\n\n{body}" if title and body else (title or body)
        link = row.get(col["permalink"] or "", "")
        if link.startswith("/"):
            link = "https://www.reddit.com" + link
        # The export's ip column is personal data and is never read.
        out.add(Post(
            text=text,
            platform="reddit",
            post_id=row.get(col["id"] or "", ""),
            created_at=iso_utc(row.get(col["date"] or "", "")),
            permalink=link,
            source_file=source,
            source_row=str(number),
            kind="post" if kind == "posts" else "comment",
        ))
    return out.result
