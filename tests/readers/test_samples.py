"""Every sample export in sample_posts/exports reads to exactly the posts and skip counts in EXPECTED.json."""

import json

import pytest

from pipeline.posts import PLATFORMS, SKIP_REASONS, InputError
from pipeline.readers import read
from tests.conftest import EXPORTS

EXPECTED = json.loads((EXPORTS / "EXPECTED.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("relpath", sorted(EXPECTED))
def test_sample_export_reads_as_expected(relpath):
    want = EXPECTED[relpath]
    path = EXPORTS / relpath
    if want.get("error"):
        with pytest.raises(InputError) as info:
            read(path)
        assert want["error"].lower() in str(info.value).lower()
        assert "\n" not in str(info.value)
        return
    result = read(path)
    assert result.platform == want["platform"]
    assert len(result.posts) == want["posts"]
    assert dict(result.skipped) == want["skipped"]
    assert not result.rejected
    texts = {p.text: p for p in result.posts}
    for example in want["examples"]:
        assert example["text"] in texts, f"missing post: {example['text'][:80]!r}"
        assert texts[example["text"]].created_at == (example["created_at"] or "")


def test_every_sample_file_is_described():
    on_disk = {p.relative_to(EXPORTS).as_posix() for p in EXPORTS.rglob("*") if p.is_file()}
    assert on_disk - {"EXPECTED.json"} == set(EXPECTED)


def test_every_post_keeps_where_it_came_from():
    for relpath, want in EXPECTED.items():
        if want.get("error") or not want["posts"]:
            continue
        result = read(EXPORTS / relpath)
        assert result.platform in PLATFORMS and set(result.skipped) <= set(SKIP_REASONS)
        for post in result.posts:
            assert post.source_file and post.source_row, relpath
            assert post.platform == want["platform"]
            if post.created_at:
                assert post.created_at.endswith("Z") and "T" in post.created_at


def test_scraper_json_reposts_are_skipped():
    data = (b'[{"text": "Mine: GPT-5.2 blew me away", "createdAt": "Tue Nov 04 19:06:32 +0000 2025"},'
            b' {"text": "someone else\'s post", "isRetweet": true}, {"text": "RT @a: copied"}]')
    result = read(data, name="apify.json")
    assert [p.text for p in result.posts] == ["Mine: GPT-5.2 blew me away"]
    assert result.posts[0].created_at == "2025-11-04T19:06:32Z"
    assert dict(result.skipped) == {"retweet": 2}


def test_text_column_found_by_content_when_not_by_name():
    post = "GPT-5.2 hat mich umgehauen, wirklich beeindruckend"
    data = f'Datum;Beitrag;Autor\n01.03.2025;"{post}";Jörg\n'.encode("cp1252")
    result = read(data, name="export.csv")
    assert [p.text for p in result.posts] == [post]
    assert result.posts[0].created_at == "2025-03-01T00:00:00Z"
    assert "Beitrag" in result.format


def test_a_sheets_own_platform_column_is_kept():
    data = b"id,text,platform\n1,GPT-5.2 blew me away,Twitter\n2,Qwen3 on my 3090,reddit\n3,hello,myspace\n"
    assert [p.platform for p in read(data, name="mine.csv").posts] == ["x", "reddit", "generic"]
