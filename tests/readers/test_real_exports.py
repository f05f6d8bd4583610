"""The importers on real exports people published of their own accounts (kept outside the repo).

The counts are the ones the research note on export formats established by hand; the tests skip cleanly
when the folder of real files is not there.
"""

import json

import pytest

from pipeline.readers import read
from tests.conftest import REAL_EXPORTS

pytestmark = pytest.mark.skipif(not REAL_EXPORTS.is_dir(), reason="real export files not present")


def test_linkedin_shares_2025():
    result = read(REAL_EXPORTS / "linkedin_2025" / "Shares.csv")
    # 202 rows: 14 with empty commentary (bare reshares), 4 repeated once per extra image.
    assert result.records_seen == 202
    assert result.skipped["repost"] == 14
    assert result.skipped["duplicate"] == 4
    assert len(result.posts) == 184
    assert all('"\n"' not in p.text for p in result.posts)  # LinkedIn's line wrapping undone
    assert any("\n\n" in p.text for p in result.posts)


def test_linkedin_comments_2025_backslash_quotes():
    result = read(REAL_EXPORTS / "linkedin_2025" / "Comments.csv")
    assert len(result.posts) == 323  # a default CSV parse gets the row count wrong
    assert not any('\\"' in p.text for p in result.posts)
    assert all(p.kind == "comment" for p in result.posts)


def test_x_archive_retweets_are_skipped():
    result = read(REAL_EXPORTS / "x_archive_a" / "tweets.js")
    assert result.records_seen == 2045
    assert result.skipped["retweet"] == 239
    assert not any(p.text.startswith("RT @") for p in result.posts)
    assert not any("&amp;" in p.text for p in result.posts)  # HTML entities unescaped
    assert all(p.created_at.endswith("Z") for p in result.posts)


def test_x_archive_long_posts_from_note_tweets(tmp_path):
    import zipfile

    archive = tmp_path / "twitter-2024-01-01-abc.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in ("tweets.js", "note-tweet.js"):
            z.write(REAL_EXPORTS / "x_archive_b" / name, f"data/{name}")
    alone = read(REAL_EXPORTS / "x_archive_b" / "tweets.js")
    joined = read(archive)
    assert len(joined.posts) == len(alone.posts)
    raw = (REAL_EXPORTS / "x_archive_b" / "note-tweet.js").read_text(encoding="utf-8")
    notes = json.loads(raw[raw.index("["):])
    note_texts = {n["noteTweet"]["core"]["text"] for n in notes}
    assert len(notes) == 41
    carrying = [p for p in joined.posts if p.text in note_texts or any(p.text.startswith(t[:60]) for t in note_texts)]
    assert len(carrying) == 41  # every long post found its note by timestamp
    assert sum(a.text != b.text for a, b in zip(alone.posts, joined.posts, strict=True)) >= 40


def test_mastodon_outbox_visibility():
    result = read(REAL_EXPORTS / "mastodon" / "outbox.json")
    assert result.records_seen == 1586
    assert result.skipped["boost"] == 326
    assert result.skipped["followers_only"] == 40
    assert result.skipped["direct"] == 35
    assert len(result.posts) + result.skipped["empty"] == 1169 + 16  # public + unlisted
    assert not any("<p>" in p.text or "&amp;" in p.text for p in result.posts)


def test_mastodon_include_private():
    result = read(REAL_EXPORTS / "mastodon" / "outbox.json", include_private=True)
    assert "direct" not in result.skipped and "followers_only" not in result.skipped
