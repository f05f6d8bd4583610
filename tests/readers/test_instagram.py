"""An Instagram export is told apart from generic JSON and refused in one line that says what is supported."""

import io
import json
import zipfile

import pytest

from pipeline.posts import InputError
from pipeline.readers import read, read_many

POSTS = [
    {"media": [{"uri": "media/posts/202503/1.jpg", "creation_timestamp": 1740820000, "title": "Sunday hike",
                "media_metadata": {"camera_metadata": {"has_camera_metadata": False}}}]},
    {"media": [{"uri": "media/posts/202503/2.jpg", "creation_timestamp": 1740830000},
               {"uri": "media/posts/202503/3.jpg", "creation_timestamp": 1740830000}],
     "title": "Two photos", "creation_timestamp": 1740830000},
]
COMMENTS = [{"media_list_data": [{"uri": ""}],
             "string_map_data": {"Comment": {"value": "Love this"}, "Media Owner": {"value": "dana"},
                                 "Time": {"timestamp": 1740840000}}}]
OLD_COMMENTS = {"comments_media_comments": [{"title": "dana", "string_list_data": [{"value": "Nice",
                                                                                   "timestamp": 1740840000}]}]}
STORIES = {"ig_stories": [{"uri": "media/stories/1.mp4", "creation_timestamp": 1740850000, "title": ""}]}


def problem(data: bytes, name: str) -> str:
    with pytest.raises(InputError) as info:
        read(data, name=name)
    return str(info.value)


@pytest.mark.parametrize("name, value", [("posts_1.json", POSTS), ("post_comments_1.json", COMMENTS),
                                         ("post_comments.json", OLD_COMMENTS), ("stories.json", STORIES)])
def test_instagram_json_files_get_one_line(name, value):
    line = problem(json.dumps(value).encode(), name)
    assert line.startswith(f"{name}: an Instagram export") and "not supported" in line
    assert "LinkedIn, X, Bluesky, Mastodon, Threads or Reddit" in line and "\n" not in line
    assert "no text field" not in line


def test_the_whole_instagram_zip_gets_one_line():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("your_instagram_activity/content/posts_1.json", json.dumps(POSTS))
        z.writestr("your_instagram_activity/comments/post_comments_1.json", json.dumps(COMMENTS))
        z.writestr("personal_information/personal_information/personal_information.json", "{}")
    line = problem(buf.getvalue(), "instagram-dana-2025-03-01-AbCd.zip")
    assert line.startswith("instagram-dana-2025-03-01-AbCd.zip: an Instagram export, which is not supported")


def test_a_meta_zip_with_threads_posts_still_reads_them():
    threads = {"text_post_app_text_posts": [{"media": [{"title": "GPT-5.2 blew me away",
                                                        "creation_timestamp": 1740820000}]}]}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("your_instagram_activity/content/posts_1.json", json.dumps(POSTS))
        z.writestr("your_instagram_activity/threads/threads_and_replies.json", json.dumps(threads))
    result = read(buf.getvalue(), name="instagram-dana-2025-03-01-AbCd.zip")
    assert [p.text for p in result.posts] == ["GPT-5.2 blew me away"] and result.platform == "threads"


def test_generic_json_with_a_media_field_is_still_read():
    data = json.dumps([{"text": "GPT-5.2 tops LMArena", "media": [{"uri": "a.jpg"}]}]).encode()
    assert [p.text for p in read(data, name="scrape.json").posts] == ["GPT-5.2 tops LMArena"]
    wrapped = json.dumps({"comments_export": [{"text": "Nice benchmark"}]}).encode()
    assert [p.text for p in read(wrapped, name="comments.json").posts] == ["Nice benchmark"]


def test_beside_other_files_only_the_instagram_file_fails():
    results = read_many([(json.dumps(POSTS).encode(), "posts_1.json"), (b"text\nGPT-5.2 blew me away\n", "a.csv")])
    assert "an Instagram export" in results[0].error and len(results[1].posts) == 1
