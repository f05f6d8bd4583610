"""X archive files: tweets.js and note-tweet.js joined however they arrive, and image-only tweets skipped."""

import pytest

from pipeline.readers import read, read_many
from pipeline.run import tag_files
from tests.readers.x_fixtures import LONG, SHORT, archive_zip, js, note, note_tweet_js, tweet, tweets_js


def texts(result):
    return [p.text for p in result.posts]


def test_archive_zip_joins_the_long_post():
    result = read(archive_zip(tweets=tweets_js(), note_tweet=note_tweet_js()), name="twitter.zip")
    assert texts(result) == [LONG, SHORT]


@pytest.mark.parametrize("order", [("tweets.js", "note-tweet.js"), ("note-tweet.js", "tweets.js")])
def test_two_files_are_joined_as_in_the_zip_whatever_the_order(order):
    files = {"tweets.js": tweets_js(), "note-tweet.js": note_tweet_js()}
    results = dict(zip(order, read_many([(files[n], n) for n in order]), strict=True))
    zipped = read(archive_zip(tweets=files["tweets.js"], note_tweet=files["note-tweet.js"]), name="twitter.zip")
    assert texts(results["tweets.js"]) == texts(zipped) == [LONG, SHORT]
    assert [p.post_id for p in results["tweets.js"].posts] == [p.post_id for p in zipped.posts]
    notes = results["note-tweet.js"]
    assert not notes.posts and dict(notes.skipped) == {"joined": 1} and not notes.error
    assert notes.records_seen == 1  # the note is counted, not lost


def test_tag_files_counts_the_long_post_once():
    run = tag_files([(note_tweet_js(), "note-tweet.js"), (tweets_js(), "tweets.js")], classifier=None)
    assert list(run.table["text"]) == [LONG, SHORT]
    assert "skipped 1 joined, 1 retweet" in run.summary()


def test_a_note_no_tweet_takes_stays_a_post():
    other = "A second long post whose tweet is not in this upload. " * 6
    results = read_many([(tweets_js(), "tweets.js"),
                         (note_tweet_js(note("99", other, "2025-01-02T03:04:05.000Z")), "note-tweet.js")])
    assert texts(results[0]) == [LONG, SHORT]
    assert texts(results[1]) == [other] and dict(results[1].skipped) == {"joined": 1}


def test_note_tweet_js_alone_is_unchanged():
    assert texts(read(note_tweet_js(), name="note-tweet.js")) == [LONG]


def test_a_broken_note_file_is_its_own_error_and_the_tweets_still_read():
    results = read_many([(tweets_js(), "tweets.js"), (b"window.YTD.note_tweet.part0 = [ {", "note-tweet.js")])
    assert len(results[0].posts) == 2 and results[0].posts[0].text != LONG
    assert results[1].error.startswith("not valid JSON")


def test_files_of_other_kinds_beside_them_read_as_before():
    results = read_many([(b"text\nGPT-5.2 blew me away\n", "mine.csv"), (tweets_js(), "tweets.js"),
                         (note_tweet_js(), "note-tweet.js")])
    assert texts(results[0]) == ["GPT-5.2 blew me away"] and texts(results[1]) == [LONG, SHORT]


IMAGE_ONLY = [
    tweet("11", "https://t.co/Pic1", media=["https://t.co/Pic1"]),
    tweet("12", "  https://t.co/Pic2 https://t.co/Link2 ", media=["https://t.co/Pic2"], urls=["https://t.co/Link2"]),
    tweet("13", "Blown away by this chart https://t.co/Pic3", media=["https://t.co/Pic3"]),
    tweet("14", "@dana https://t.co/Pic4", media=["https://t.co/Pic4"]),
]


@pytest.mark.parametrize("how", ["tweets.js", "zip"])
def test_image_only_tweets_are_skipped_as_empty(how):
    data = js("tweets", IMAGE_ONLY)
    result = read(data, name="tweets.js") if how == "tweets.js" else read(archive_zip(tweets=data), name="x.zip")
    # only words are kept: a reply that is its handle and an image says nothing either
    assert [p.post_id for p in result.posts] == ["13"]
    assert result.posts[0].text == "Blown away by this chart https://x.com/dana/status/13/photo/1"
    assert dict(result.skipped) == {"empty": 3} and result.records_seen == len(IMAGE_ONLY)


def test_image_only_rows_of_a_tweets_csv_are_skipped_as_empty():
    data = (b"tweet_id,in_reply_to_status_id,in_reply_to_user_id,timestamp,source,text\n"
            b"1,,,2025-03-01 10:00:00 +0000,web,https://t.co/Pic1\n"
            b"2,,,2025-03-01 11:00:00 +0000,web,GPT-5.2 tops LMArena https://t.co/Pic2\n")
    result = read(data, name="tweets.csv")
    assert texts(result) == ["GPT-5.2 tops LMArena https://t.co/Pic2"] and dict(result.skipped) == {"empty": 1}
