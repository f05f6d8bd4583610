"""Property tests: any bytes or records give posts or the project's own InputError, never anything else; and a
written CSV read back gives the same posts, text included, for any Unicode."""

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import analyze
from pipeline.export import csv_bytes, read_tagged_csv
from pipeline.posts import InputError, ReadResult
from pipeline.readers import read

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = st.sampled_from(["posts.csv", "posts.json", "tweets.js", "repo.car", "outbox.json", "archive.zip", "x.txt",
                         "x.jsonl", "a.tar.gz", "noext"])
# Any text a person might post: emoji sequences, right-to-left scripts, zero-width joiners, NUL, lone surrogates
# excluded (they cannot be written as UTF-8 at all).
POST_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200).filter(str.strip)


def outcome(data: bytes, name: str) -> object:
    try:
        return read(data, name=name)
    except InputError as exc:
        return exc


@SETTINGS
@given(data=st.binary(max_size=3000), name=NAMES)
def test_arbitrary_bytes(data, name):
    assert isinstance(outcome(data, name), (ReadResult, InputError))


@SETTINGS
@given(prefix=st.sampled_from([b"PK\x03\x04", b"\x1f\x8b", b"window.YTD.tweets.part0 = ", b"\x3a\xa2eroots",
                               b"Date,ShareLink,ShareCommentary\n", b'{"type":"OrderedCollection","orderedItems":',
                               b"id,permalink,date,ip,subreddit,gildings,title,url,body\n", b"\xff\xfe", b"[{"]),
       rest=st.binary(max_size=2000), name=NAMES)
def test_arbitrary_bytes_after_a_real_signature(prefix, rest, name):
    assert isinstance(outcome(prefix + rest, name), (ReadResult, InputError))


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                       lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                     max_size=4), max_leaves=25)


@SETTINGS
@given(items=st.lists(JSONISH, max_size=6))
def test_arbitrary_structured_records(items):
    for wrapper in (
        {"type": "OrderedCollection", "orderedItems": items},
        {"text_post_app_text_posts": items},
        {"feed": [{"post": i} for i in items]},
        {"records": [{"value": i} for i in items]},
        items,
    ):
        assert isinstance(outcome(json.dumps(wrapper).encode(), "export.json"), (ReadResult, InputError))
    tweets = b"window.YTD.tweets.part0 = " + json.dumps([{"tweet": i} for i in items]).encode()
    assert isinstance(outcome(tweets, "tweets.js"), (ReadResult, InputError))


@SETTINGS
@given(texts=st.lists(POST_TEXT, min_size=1, max_size=5))
def test_json_records_keep_any_text(texts):
    result = read(json.dumps([{"text": t} for t in texts]).encode(), name="posts.json")
    assert [p.text for p in result.posts] == texts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(POST_TEXT, min_size=1, max_size=4))
@example(texts=["0\r"])  # a lone CR once split a row in two
@example(texts=["\u202eRTL \u05e9\u05dc\u05d5\u05dd \U0001f469\u200d\U0001f4bb\x00 =1+1"])
def test_csv_round_trip_for_any_unicode(texts):
    table = analyze(texts, classifier=None)
    back = read_tagged_csv(csv_bytes(table))
    assert list(back["text"]) == texts
    assert list(back["label"]) == list(table["label"])
