"""The `model_mentions` component: writes doc.spans["models"] (model mentions, label = canonical model name, as
written when the lexicon does not list it)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import lexicons
from .caseless import CaselessRegex
from .docs import doc_text
from .matching import required_texts, trie_regex

SEPARATOR = r"[\s\-_]?"


def _alias_atoms(alias: str, *, fold: bool) -> list[str]:
    """A model alias as regex atoms: its characters, with an optional space/hyphen where "GPT-5.2" has a hyphen or
    a letter meets a digit, so "GPT-5.2" also finds "gpt5.2" and "GPT 5.2"."""
    chunks = [c for c in re.split(r"[\s\-_]+|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z]{2})", alias) if c]
    atoms: list[str] = []
    for i, chunk in enumerate(chunks):
        if i:
            atoms.append(SEPARATOR)
        atoms.extend(re.escape(ch.lower() if fold else ch) for ch in chunk)
    return atoms


SIZE_SUFFIX = re.compile(r"[\s-]*(?:\d+(?:\.\d+)?[BbMmKk](?:[\s-]A\d+[Bb])?|Small|Medium|Large)")


@Language.factory("model_mentions", default_config={})
def make_model_mentions(nlp: Language, name: str) -> ModelMentions:
    return ModelMentions()


class ModelMentions:
    """Model names. Listed aliases map to a canonical name; family patterns catch unlisted versions as written.

    Model names do not tokenize consistently ("GPT-5.2" is one token, "DeepSeek-V3.1" three), so this
    component matches on the text and maps each match to tokens with `Doc.char_span`.
    """

    def __init__(self) -> None:
        self.canonical: dict[str, str] = {}
        folded, exact, everyday = [], [], []
        for m in lexicons.models():
            for alias in m.aliases:
                self.canonical[self._key(alias)] = m.canonical
                # Short aliases ("o3", "R1", "4o") are matched only as written: in lower case they are words.
                (exact if len(re.sub(r"\W", "", alias)) <= 3 else folded).append(alias)
            for alias in m.context_aliases:
                self.canonical[self._key(alias)] = m.canonical
                everyday.append(alias)
        bound_l, bound_r = r"(?<![\w.\-@#/])", r"(?!\w|\.\d)"
        folded_rx = trie_regex([_alias_atoms(a, fold=True) for a in set(folded)])
        exact_rx = trie_regex([_alias_atoms(a, fold=False) for a in set(exact)])
        self.folded = CaselessRegex(f"{bound_l}{folded_rx}{bound_r}")
        self.exact = re.compile(f"{bound_l}{exact_rx}{bound_r}")
        # Aliases that are everyday words ("chat", "cursor") count only in a post about AI.
        self.everyday = CaselessRegex(f"{bound_l}{trie_regex([_alias_atoms(a, fold=True) for a in set(everyday)])}"
                                      f"{bound_r}") if everyday else None
        words = sorted(lexicons.ai_context_words(), key=len, reverse=True)
        self.ai_words = CaselessRegex(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
        # Each family's pattern runs only on texts holding one of the strings every match of it holds.
        self.families = [(re.compile(f.pattern), required_texts(f.pattern), f.needs_context)
                         for f in lexicons.model_families()]

    def _about_ai(self, doc: Doc, text: str, listed: list) -> bool:
        """A post about AI: it names a listed model or a benchmark, or holds an AI context word."""
        return bool(listed or doc.spans.get("benchmarks") or self.ai_words.search(text))

    @staticmethod
    def _key(text: str) -> str:
        return re.sub(r"[\s\-_]", "", text.lower())

    def name_of(self, written: str) -> str:
        """The label a mention written so gets: the canonical name of a listed alias, else the text as written."""
        return self.canonical.get(self._key(written), written)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: list[tuple[int, int, str]] = []
        for rx in (self.folded, self.exact):
            for m in rx.finditer(text):
                written = text[m.start(): m.end()]  # the folded regex matches lower-cased text
                found.append((m.start(), m.end(), self.name_of(written)))
        listed_at = {start: (end, label) for start, end, label in found}
        about_ai = None  # worked out only when a context-bound name is seen
        for rx, required, needs_context in self.families:
            if required is not None and not any(map(text.__contains__, required)):
                continue
            for m in rx.finditer(text):
                if needs_context:
                    if about_ai is None:
                        about_ai = self._about_ai(doc, text, found)
                    if not about_ai:
                        break
                label = " ".join(m.group().split())
                if m.start() in listed_at:
                    end, listed = listed_at[m.start()]
                    if m.end() <= end:
                        continue  # the listed name already covers it
                    if SIZE_SUFFIX.fullmatch(text[end: m.end()]):
                        label = listed  # a listed name followed only by a size ("Llama 3.1 8B") keeps its name
                found.append((m.start(), m.end(), label))
        if self.everyday is not None:
            for m in self.everyday.finditer(text):
                if about_ai is None:
                    about_ai = self._about_ai(doc, text, found)
                if not about_ai:
                    break
                found.append((m.start(), m.end(), self.canonical[self._key(text[m.start(): m.end()])]))
        # Map characters to tokens once per Doc: Doc.char_span walks every token on each call.
        starts = doc.to_array(IDX).tolist()
        benchmark_tokens = {i for b in doc.spans.get("benchmarks", []) for i in range(b.start, b.end)}
        spans = []
        for start, end, label in found:
            first = bisect_right(starts, start) - 1
            last = bisect_left(starts, end)
            if 0 <= first < last and not benchmark_tokens.intersection(range(first, last)):
                spans.append(Span(doc, first, last, label=label))  # "Terminal-Bench 2.0" is a test, not a model
        doc.spans["models"] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc
