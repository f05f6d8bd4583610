"""The `hype_cliches` component: writes doc.spans["cliches"] (hype clichés, label = canonical phrase;
span._.negated when a negation precedes it) and doc.spans["general_cliches"] (proselint's general cliché lists,
label = the list's name)."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import lexicons
from .matching import GatedMatcher, is_negated, lexeme_flag_patterns, lookup_lemma, phrase_docs


@Language.factory("hype_cliches", default_config={"general_layer": True, "negation_window": 4})
def make_hype_cliches(nlp: Language, name: str, general_layer: bool, negation_window: int) -> HypeCliches:
    return HypeCliches(nlp, general_layer=general_layer, negation_window=negation_window)


class HypeCliches:
    """Finds every hype cliché of the lexicon, through lemmas and spelling variants, and flags negated uses."""

    def __init__(self, nlp: Language, *, general_layer: bool = True, negation_window: int = 4) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        # patterns are checked in lexeme_flag_patterns; lemmas are the lookup_lemmas component's
        self.matcher = GatedMatcher(nlp.vocab, lemma_of=lookup_lemma)
        self.entries = {c.canonical: c for c in lexicons.cliches()}
        for c in lexicons.cliches():
            if c.phrases:
                self.phrases.add(c.canonical, phrase_docs(nlp, c.phrases))
            if c.patterns:
                self.matcher.add(c.canonical, lexeme_flag_patterns(nlp.vocab, [list(p) for p in c.patterns]))
        self.negators = {p for p in lexicons.cues()["negation"].phrases if " " not in p}
        self.negation_window = negation_window
        self.general = None
        if general_layer:
            self.general = PhraseMatcher(nlp.vocab, attr="LOWER")
            by_list: dict[str, list[str]] = {}
            for phrase, section in lexicons.general_cliches():
                by_list.setdefault(section, []).append(phrase)
            for section, phrases in by_list.items():
                self.general.add(f"general:{section}", list(nlp.tokenizer.pipe(phrases)))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in [*self.phrases(doc), *self.matcher(doc)]:
            label = doc.vocab.strings[match_id]
            entry = self.entries[label]
            if start and doc[start - 1].lower_ in entry.veto_before:
                continue
            if end < len(doc) and doc[end].lower_ in entry.veto_after:
                continue
            spans.append(Span(doc, start, end, label=label))
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        for span in spans:
            span._.negated = is_negated(span, self.negators, self.negation_window)
        doc.spans["cliches"] = spans
        if self.general is not None:
            general = [Span(doc, s, e, label=doc.vocab.strings[m].split(":", 1)[1]) for m, s, e in self.general(doc)]
            doc.spans["general_cliches"] = sorted(filter_spans(general), key=lambda s: s.start)
        return doc
