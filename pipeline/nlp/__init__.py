"""The spaCy pipeline: blank English, lookup lemmas, sentences, then the project's span components.

Importing this package registers every component: each is a `Language.factory` in a module named after it, which
writes span groups (doc.spans[...]): `hype_cliches` ("cliches", "general_cliches"), `benchmark_mentions`
("benchmarks"), `model_mentions` ("models"), `experience_cues` ("cues"), `score_mentions` ("scores");
`lookup_lemmas` and `cached_sentencizer` set lemmas and sentences. What they share: `matching` (phrase variants,
lexeme flags, the gated Matcher, lookup lemmas, trie regexes), `docs` (a Doc's text and sentences, read from
arrays) and `caseless` (case-insensitive regexes run on lower-cased text).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from . import (  # noqa: F401  (registers the factories)
    benchmark_mentions,
    cached_sentencizer,
    experience_cues,
    hype_cliches,
    lookup_lemmas,
    model_mentions,
    score_mentions,
)

# The whole pipeline in one place: component name -> config. Order matters: scores look at benchmarks, models
# and evaluation cues.
PIPELINE: dict[str, dict] = {
    "lookup_lemmas": {},
    "cached_sentencizer": {},
    "hype_cliches": {"general_layer": True, "negation_window": 4},
    "benchmark_mentions": {},
    "model_mentions": {},
    "experience_cues": {"layers": ["experience", "praise", "complaint", "evaluation"]},
    "score_mentions": {"near_benchmark_tokens": 4},
}
SPAN_GROUPS = ("cliches", "benchmarks", "scores", "models", "cues", "general_cliches")


def build(*, general_layer: bool = True) -> Language:
    """A fresh pipeline. Needs no download: the lemma table comes from the spacy-lookups-data package."""
    nlp = spacy.blank("en")
    for name, config in PIPELINE.items():
        if name == "hype_cliches":
            config = {**config, "general_layer": general_layer}
        nlp.add_pipe(name, config=config)
    nlp.initialize()
    return nlp


@lru_cache(maxsize=2)
def shared(*, general_layer: bool = True) -> Language:
    """The pipeline built once per process (building it takes about a second)."""
    return build(general_layer=general_layer)
