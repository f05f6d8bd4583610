"""Small synthetic X archive files, written the way X writes them (tweets.js, note-tweet.js, the archive zip)."""

import io
import json
import zipfile

LONG = ("Long one, because 280 characters can't hold this. I ran three frontier models on 400 of our own support "
        "tickets for a week. The launch posts ranked them A > B > C. On our data C resolved 62%, A 58% and B 55%. "
        "Our tickets are messy, multilingual and full of pasted logs; public evals are clean and short. Benchmarks "
        "are useful, they are not your users: run your own evals before you switch, and publish them if you can.")
LONG_AT = "Wed Feb 26 19:45:00 +0000 2025"
SHORT = "GPT-5.2 hits 80.1% on SWE-bench Verified. Cool. Now show me a repo it has never seen."


def tweet(tweet_id: str, text: str, created: str = "Sat Mar 01 10:12:33 +0000 2025", *, urls=(), media=()) -> dict:
    entities = {"hashtags": [], "user_mentions": [],
                "urls": [{"url": u, "expanded_url": f"https://example.com/{i}"} for i, u in enumerate(urls)]}
    body = {"id_str": tweet_id, "id": tweet_id, "created_at": created, "full_text": text, "entities": entities}
    if media:
        entities["media"] = [{"url": m, "expanded_url": f"https://x.com/dana/status/{tweet_id}/photo/1"}
                             for m in media]
        body["extended_entities"] = {"media": entities["media"]}
    return {"tweet": body}


def note(note_id: str, text: str, created: str = "2025-02-26T19:45:00.000Z") -> dict:
    return {"noteTweet": {"noteTweetId": note_id, "createdAt": created, "updatedAt": created,
                          "core": {"text": text, "urls": [], "mentions": [], "hashtags": []}}}


def js(kind: str, items: list) -> bytes:
    return f"window.YTD.{kind}.part0 = {json.dumps(items, indent=2)}".encode()


def tweets_js() -> bytes:
    """Three tweets: a long post cut at 280 characters (its full text is in note-tweet.js), a short one, a retweet."""
    cut = LONG[:250] + "… https://t.co/LongLink1"
    return js("tweets", [
        tweet("1894836077982666752", cut, LONG_AT, urls=["https://t.co/LongLink1"]),
        tweet("1895779179819958272", SHORT),
        tweet("1895779179819958273", "RT @someone: not mine"),
    ])


def note_tweet_js(*extra: dict) -> bytes:
    return js("note_tweet", [note("1894836077668074145", LONG), *extra])


def archive_zip(**members: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(f"data/{name.replace('_', '-')}.js", data)
    return buf.getvalue()
