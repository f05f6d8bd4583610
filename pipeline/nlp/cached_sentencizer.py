"""The `cached_sentencizer` component: sentence boundaries by spaCy's Sentencizer rule, each word read once."""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer


@Language.factory("cached_sentencizer", default_config={"punct_chars": None, "overwrite": False})
def make_cached_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None,
                            overwrite: bool) -> CachedSentencizer:
    return CachedSentencizer(name, punct_chars=punct_chars, overwrite=overwrite)


class CachedSentencizer(Sentencizer):
    """spaCy's Sentencizer, reading each distinct word's class once: a word, a sentence-final character, or other
    punctuation. spaCy's own makes a Token object for every token to read its text; the rule is the same (a
    sentence starts at a word with a sentence-final character since the word before), and a test holds the two to
    the same boundaries on the whole corpus."""

    def __init__(self, name: str = "cached_sentencizer", **config) -> None:
        super().__init__(name, **config)
        self.classes: dict[int, int] = {}  # ORTH -> 0 a word, 1 a sentence-final character, 2 other punctuation

    def _class(self, orth: int, vocab) -> int:
        lexeme = vocab[orth]
        self.classes[orth] = 1 if lexeme.orth_ in self.punct_chars else (2 if lexeme.is_punct else 0)
        return self.classes[orth]

    def predict(self, docs):
        guesses = []
        for doc in docs:
            orths = doc.to_array(ORTH).tolist()
            classes = list(map(self.classes.get, orths))
            if None in classes:
                classes = [self._class(o, doc.vocab) if c is None else c for c, o in zip(classes, orths, strict=True)]
            starts = [False] * len(classes)
            seen_final = False
            for i, word_class in enumerate(classes):
                if word_class == 1:
                    seen_final = True
                elif word_class == 0 and seen_final:
                    starts[i] = True
                    seen_final = False
            if starts:
                starts[0] = True
            guesses.append(starts)
        return guesses
