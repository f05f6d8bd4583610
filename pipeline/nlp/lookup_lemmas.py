"""The `lookup_lemmas` component: each token's lemma from spacy-lookups-data's English table, by its lower-cased
form."""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc

from .matching import lemma_table, lookup_lemma


@Language.factory("lookup_lemmas", default_config={})
def make_lookup_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas(nlp)


class LookupLemmas:
    """Lemmas from spacy-lookups-data's English table, looked up by the lower-cased word.

    spaCy's lookup lemmatizer looks words up as written, and the table has only lower-case keys, so "Blew" would
    stay "Blew". Looking up the lower-cased form fixes that. It also lets each word's lemma be cached once and
    written for the whole Doc as one array, which is several times faster than setting it token by token.
    """

    def __init__(self, nlp: Language) -> None:
        self.strings = nlp.vocab.strings
        self.by_lower: dict[int, int] = {}

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        lemma_table()  # load the table now (a tenth of a second), not on the first post

    def _lemma(self, lower: int) -> int:
        lemma = self.strings.add(lookup_lemma(self.strings[lower]))
        self.by_lower[lower] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        lowers = doc.to_array(LOWER).tolist()
        lemmas = list(map(self.by_lower.get, lowers))  # looked up in C; a word not met before is added below
        if None in lemmas:
            lemmas = [lemma or self._lemma(lower) for lemma, lower in zip(lemmas, lowers, strict=True)]
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        return doc
