"""The `benchmark_mentions` component: writes doc.spans["benchmarks"] (benchmark, exam and leaderboard mentions,
label = canonical benchmark name)."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import lexicons
from .matching import phrase_docs


@Language.factory("benchmark_mentions", default_config={})
def make_benchmark_mentions(nlp: Language, name: str) -> BenchmarkMentions:
    return BenchmarkMentions(nlp)


class BenchmarkMentions:
    """Benchmark, exam and leaderboard mentions, labelled with the canonical name; the longest alias wins."""

    def __init__(self, nlp: Language) -> None:
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for b in lexicons.benchmarks():
            exact = set(b.case_sensitive_aliases)
            self.folded.add(b.canonical, phrase_docs(nlp, [a for a in b.aliases if a not in exact]))
            if exact:
                self.exact.add(b.canonical, phrase_docs(nlp, exact))

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in [*self.folded(doc), *self.exact(doc)]]
        doc.spans["benchmarks"] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc
