"""The `experience_cues` component: writes doc.spans["cues"] (experience, praise, complaint and evaluation
wording, label = the cue layer; span._.negated when a negation precedes it)."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import lexicons
from .matching import is_negated, phrase_docs


@Language.factory("experience_cues", default_config={"layers": ["experience", "praise", "complaint", "evaluation"]})
def make_experience_cues(nlp: Language, name: str, layers: list[str]) -> ExperienceCues:
    return ExperienceCues(nlp, layers=layers)


class ExperienceCues:
    """First-hand use, praise, complaint and evaluation wording, for the labels and their explanations."""

    def __init__(self, nlp: Language, *, layers: list[str]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        cue_layers = lexicons.cues()
        for layer in layers:
            self.matcher.add(layer, phrase_docs(nlp, cue_layers[layer].phrases))
        self.negators = {p for p in cue_layers["negation"].phrases if " " not in p}

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        for span in spans:
            span._.negated = is_negated(span, self.negators, 3)
        doc.spans["cues"] = spans
        return doc
