"""Two small exports in the platforms' own formats, dated 2016, before the first of the bundled samples (2017): a
Bluesky getAuthorFeed file and a Mastodon outbox. The texts are written for these tests."""

import json

BLUESKY_POSTS = [
    ("2016-02-20T09:00:00.000Z", "Tried GPT-2 on our release notes this morning. Fun, and more coherent than I "
                                 "expected."),
    ("2016-05-02T18:30:00.000Z", "BERT-large gets 80.5 on GLUE, 7.7 points over the previous best."),
    ("2016-07-11T12:15:00.000Z", "Is XLNet better than BERT on SQuAD, or is it just the extra compute?"),
]
MASTODON_POSTS = [
    ("2016-03-09T10:00:00Z", "Spent the weekend with GPT-2 small. Good at sounding sure of itself, bad at facts."),
    ("2016-07-29T08:45:00Z", "RoBERTa reaches 88.5 on the GLUE leaderboard, per the paper. Not run it myself."),
    ("2016-11-05T16:20:00Z", "Reading group on transformers this Thursday. Bring snacks."),
]
DID = "did:plc:oldexportsfortests0000000"


def bluesky_feed() -> bytes:
    """getAuthorFeed JSON: three posts and one repost (skipped, counted)."""
    feed = [{"post": {"uri": f"at://{DID}/app.bsky.feed.post/3kold{i}aaaa", "cid": f"bafyold{i}",
                      "author": {"did": DID, "handle": "old.example.com"},
                      "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": when, "langs": ["en"]},
                      "indexedAt": when}}
            for i, (when, text) in enumerate(BLUESKY_POSTS, 1)]
    feed.append({"post": {"uri": "at://did:plc:someoneelse/app.bsky.feed.post/3kother", "cid": "bafyother",
                          "author": {"did": "did:plc:someoneelse", "handle": "other.example.com"},
                          "record": {"$type": "app.bsky.feed.post", "text": "Someone else's post",
                                     "createdAt": "2016-08-01T00:00:00.000Z"}},
                 "reason": {"$type": "app.bsky.feed.defs#reasonRepost"}})
    return json.dumps({"feed": feed}, indent=1).encode()


def mastodon_outbox() -> bytes:
    """An ActivityPub outbox: three public posts and one boost (skipped, counted)."""
    public = "https://www.w3.org/ns/activitystreams#Public"
    items = [{"id": f"https://old.example/users/sam/statuses/10{i}/activity", "type": "Create",
              "actor": "https://old.example/users/sam", "published": when, "to": [public],
              "object": {"id": f"https://old.example/users/sam/statuses/10{i}", "type": "Note", "published": when,
                         "url": f"https://old.example/@sam/10{i}", "to": [public],
                         "cc": ["https://old.example/users/sam/followers"], "content": f"<p>{text}</p>"}}
             for i, (when, text) in enumerate(MASTODON_POSTS, 1)]
    items.append({"id": "https://old.example/users/sam/statuses/109/activity", "type": "Announce",
                  "actor": "https://old.example/users/sam", "published": "2016-12-01T00:00:00Z", "to": [public],
                  "object": "https://elsewhere.example/users/kim/statuses/1"})
    return json.dumps({"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json",
                       "type": "OrderedCollection", "totalItems": len(items), "orderedItems": items},
                      indent=1).encode()
