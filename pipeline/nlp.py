"""The spaCy pipeline: blank English, lookup lemmas, sentences, then the project's span components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)

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
