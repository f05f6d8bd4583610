"""Post records: what the readers hand on, and what the worker processes receive."""

import copy
import pickle

from pipeline.posts import Post


def test_a_post_survives_pickling_with_every_field():
    # Chunks of posts reach the worker processes as pickles; Post pickles as a constructor call.
    post = Post(text="=1+1 blown away", platform="x", post_id="17", author="@a", created_at="2025-03-04T08:15:42Z",
                permalink="https://x.com/a/status/17", source_file="tweets.js", source_row="3", kind="reply")
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps([post, Post(text="plain")], protocol=protocol)) == [post, Post(text="plain")]
    assert copy.deepcopy(post) == post and pickle.loads(pickle.dumps(post)).kind == "reply"
