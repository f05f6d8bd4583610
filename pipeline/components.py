"""The project's spaCy components. Each one reads a lexicon and writes one span group on the Doc.

Span groups written (doc.spans[...]):
- "cliches": hype clichés, label = canonical phrase; span._.negated when a negation precedes it
- "general_cliches": proselint's general cliché lists, label = the list's name
- "benchmarks": benchmark, exam and leaderboard mentions, label = canonical benchmark name
- "models": model mentions, label = canonical model name (as written when the lexicon does not list it)
- "scores": result figures and result words (PERCENT, ELO, FRACTION, RANK, PERCENTILE, SOTA, COMPARISON, SCORE)
- "cues": experience, praise, complaint and evaluation wording, label = the cue layer
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

import numpy
from spacy import attrs
from spacy.attrs import IDX, LEMMA, LOWER, ORTH
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import lexicons
from .caseless import CaselessRegex
from .docs import doc_text

Span.set_extension("negated", default=False, force=True)


def phrase_variants(phrase: str) -> list[str]:
    """Spellings a phrase is matched in: hyphen or space between words, straight or curly apostrophes.

    Matching every spelling with a PhraseMatcher is many times faster than one Matcher pattern with optional
    hyphen tokens between every pair of words.
    """
    words = re.split(r"[ \-–]+", phrase.strip())
    gaps = len(words) - 1
    spellings = set()
    if gaps <= 4:
        for mask in range(2**gaps):
            spellings.add("".join(w + ("-" if mask >> i & 1 else " ") for i, w in enumerate(words[:-1])) + words[-1])
    else:
        spellings.add(" ".join(words))
    for spelling in list(spellings):
        spellings.add(spelling.replace("'", "’"))
        spellings.add(spelling.replace("’", "'"))
    return sorted(spellings)


def _phrase_docs(nlp: Language, phrases) -> list[Doc]:
    return list(nlp.tokenizer.pipe(v for p in phrases for v in phrase_variants(p)))


class _InSet:
    """A lexeme flag: the word (lower-cased for LOWER) is one of a set. Comparable, so equal sets share a flag."""

    def __init__(self, values, fold: bool) -> None:
        self.values, self.fold = frozenset(values), fold

    def __call__(self, text: str) -> bool:
        return (text.lower() if self.fold else text) in self.values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _InSet) and (self.values, self.fold) == (other.values, other.fold)

    def __hash__(self) -> int:
        return hash((self.values, self.fold))


class _Regex:
    """A lexeme flag: the word matches a regular expression (searched, as the Matcher's REGEX does)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)

    def __call__(self, text: str) -> bool:
        return bool(self.pattern.search(text))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Regex) and self.pattern.pattern == other.pattern.pattern

    def __hash__(self) -> int:
        return hash(self.pattern.pattern)


class _LemmaInSet:
    """A lexeme flag: the word's lemma, as `LookupLemmas` gives it (from its lower-case form), is one of a set."""

    def __init__(self, values) -> None:
        self.values = frozenset(values)

    def __call__(self, text: str) -> bool:
        return lookup_lemma(text.lower()) in self.values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _LemmaInSet) and self.values == other.values

    def __hash__(self) -> int:
        return hash(("lemma", self.values))


@lru_cache(maxsize=1)
def _lemma_table():
    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def lookup_lemma(word: str) -> str:
    """The lemma spacy-lookups-data's English table gives a lower-cased word (the word itself when not listed)."""
    return _lemma_table().get(word, word)


# spaCy's own lexeme flags use the bits below FLAG19.
FIRST_FREE_FLAG = attrs.IDS["FLAG19"]


def lexeme_flag_patterns(vocab, patterns: list[list[dict]]) -> list[list[dict]]:
    """Matcher patterns with each word-set (`IN`) and `REGEX` test on LOWER/ORTH/TEXT turned into a lexeme flag.

    The Matcher runs such tests as Python calls on every token; a flag is computed once per word in the
    vocabulary and checked in C, which cut most of the Matchers' time. A LEMMA word set becomes a flag too, since
    this pipeline's lemma is a function of the lower-case word (`LookupLemmas`). Tests it cannot turn into a flag
    (once the 64 flag bits are used up) stay as they are.
    """
    flags = {getter: bit for bit, getter in vocab.lex_attr_getters.items()
             if isinstance(getter, _InSet | _Regex | _LemmaInSet)}
    out = []
    for pattern in patterns:
        # The Matcher's own check does not know flag bits, so the pattern is checked as written, here.
        errors = validate_token_pattern(pattern)
        if errors:
            raise MatchPatternError(str(pattern), {0: errors})
        if len(pattern) == 1 and len(pattern[0]) == 1:
            ((attr, test),) = pattern[0].items()
            if isinstance(test, dict) and test.keys() == {"IN"} and len(test["IN"]) <= 5:
                # One word from a short list: a plain pattern per word is about as fast and spends no flag bit.
                out.extend([{attr: value}] for value in test["IN"])
                continue
        tokens = []
        for spec in pattern:
            spec = dict(spec)
            for attr in ("LOWER", "ORTH", "TEXT", "LEMMA"):
                test = spec.get(attr)
                if not isinstance(test, dict) or len(test) != 1 or not ({"IN", "REGEX"} & test.keys()):
                    continue
                if attr == "LEMMA":
                    if "IN" not in test:
                        continue
                    getter = _LemmaInSet(test["IN"])
                else:
                    getter = _InSet(test["IN"], attr == "LOWER") if "IN" in test else _Regex(test["REGEX"])
                if getter not in flags:
                    free = [bit for bit in range(FIRST_FREE_FLAG, 64) if bit not in vocab.lex_attr_getters]
                    if not free:
                        continue  # no flag bits left: the test stays a Python call
                    flags[getter] = vocab.add_flag(getter, free[0])
                del spec[attr]
                spec[flags[getter]] = True
            tokens.append(spec)
        out.append(tokens)
    return out


# Token attributes a pattern can require that belong to the word (or its lemma), so the Doc's distinct words show
# whether any token has them.
_WORD_ATTRS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH", "LEMMA": "LEMMA"}
_REQUIRED_OPS = (None, "+")


class GatedMatcher:
    """A spaCy Matcher that runs, on each Doc, only the patterns whose required words all occur in it.

    spaCy's Matcher tries every pattern at every token, so its time grows with the number of patterns, while a
    post holds the words of only a few. Each distinct word's requirements are worked out once; a Doc's words
    then say which patterns could match, and a Matcher holding just those is built once and kept. It returns the
    same matches in the same order as one Matcher with every pattern: a pattern left out could not have matched.
    """

    def __init__(self, vocab, *, kept_matchers: int = 4096, lemma_of: Callable[[str], str] | None = None) -> None:
        # `lemma_of`: the lemma the pipeline gives a lower-case word, when it is a function of the word alone
        # (`lookup_lemma`); LEMMA requirements are then read per word, not from each Doc's lemmas.
        self.lemma_of = lemma_of
        self.vocab = vocab
        self.patterns: list[tuple[str, list[dict]]] = []
        self.requires: list[int] = []  # per pattern: one bit per requirement
        self.bits: dict[tuple, int] = {}  # requirement -> its bit
        self.kept_matchers = kept_matchers
        self.by_bits: dict[int, Matcher | None] = {}  # requirements a Doc meets -> the Matcher for them
        self.by_patterns: dict[tuple[int, ...], Matcher] = {}  # patterns that could match -> their Matcher
        self.by_word: dict[int, int] = {}  # ORTH -> requirements that word meets

    def __len__(self) -> int:
        return len({key for key, _ in self.patterns})

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        """Patterns as spaCy's Matcher takes them (already checked: see `lexeme_flag_patterns`)."""
        for pattern in patterns:
            self.patterns.append((key, pattern))
            self.requires.append(sum({self.bits.setdefault(need, 1 << len(self.bits)) for need in
                                      self._requirements(pattern)}))
        self.by_bits.clear()
        self.by_patterns.clear()
        self.by_word.clear()
        self.flag_bits = [(flag, bit) for (kind, flag), bit in self.bits.items() if kind == "FLAG"]
        self.word_bits: dict[str, dict[int, int]] = {"ORTH": {}, "LOWER": {}, "LEMMA": {}}
        for (kind, values), bit in self.bits.items():
            for value in values if kind in self.word_bits else ():
                table = self.word_bits[kind]
                table[value] = table.get(value, 0) | bit
        self.uses_lemma = bool(self.word_bits["LEMMA"]) and self.lemma_of is None

    def _requirements(self, pattern: list[dict]) -> list[tuple]:
        """What some token of a matching Doc must have: ("ORTH"|"LOWER"|"LEMMA", values) or ("FLAG", bit)."""
        need: list[tuple] = []
        for spec in pattern:
            if spec.get("OP") not in _REQUIRED_OPS:
                continue  # an optional or negated token requires nothing
            for attr, test in spec.items():
                if attr in _WORD_ATTRS:
                    values = [test] if isinstance(test, str) else (test.get("IN") if isinstance(test, dict) else None)
                    if values is not None and (isinstance(test, str) or len(test) == 1):
                        need.append((_WORD_ATTRS[attr], frozenset(self.vocab.strings.add(v) for v in values)))
                elif test is True and isinstance(attr, int) and attr < 64:
                    need.append(("FLAG", attr))  # a lexeme flag set by lexeme_flag_patterns
                elif test is True and isinstance(attr, str) and attrs.IDS.get(attr, 64) < 64:
                    need.append(("FLAG", attrs.IDS[attr]))  # IS_ALPHA, LIKE_NUM ...: spaCy's own lexeme flags
        return need

    def _word(self, orth: int) -> int:
        lexeme = self.vocab[orth]
        met = self.word_bits["ORTH"].get(orth, 0) | self.word_bits["LOWER"].get(lexeme.lower, 0)
        if self.lemma_of is not None and self.word_bits["LEMMA"]:
            lemma = self.vocab.strings.add(self.lemma_of(lexeme.lower_))
            met |= self.word_bits["LEMMA"].get(lemma, 0)
        flags = lexeme.flags
        for flag, bit in self.flag_bits:
            if flags >> flag & 1:
                met |= bit
        self.by_word[orth] = met
        return met

    def _matcher(self, met: int) -> Matcher | None:
        if len(self.by_bits) >= self.kept_matchers:
            self.by_bits.clear()
            self.by_patterns.clear()
        alive = tuple(i for i, need in enumerate(self.requires) if not need & ~met)
        if alive and alive not in self.by_patterns:
            matcher = Matcher(self.vocab, validate=False)
            for i in alive:  # in the order they were added, so matches come out in the same order
                key, pattern = self.patterns[i]
                matcher.add(key, [pattern])
            self.by_patterns[alive] = matcher
        self.by_bits[met] = self.by_patterns.get(alive)
        return self.by_bits[met]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not len(doc) or not self.patterns:
            return []
        table = doc.to_array([ORTH, LEMMA] if self.uses_lemma else [ORTH]).reshape(len(doc), -1)
        orths = table[:, 0].tolist()
        # the distinct requirement sets the Doc's words meet, collected in C; a word not seen before is worked out
        met_by_words = set(map(self.by_word.get, orths))
        if None in met_by_words:
            met_by_words.discard(None)
            met_by_words.update(self._word(orth) for orth in set(orths) if orth not in self.by_word)
        if self.uses_lemma:
            met_by_words.update(map(self.word_bits["LEMMA"].get, table[:, 1].tolist()))
            met_by_words.discard(None)
        met = 0
        for bits in met_by_words:
            met |= bits
        matcher = self.by_bits[met] if met in self.by_bits else self._matcher(met)
        return matcher(doc) if matcher is not None else []


def _negated(span: Span, negators: set[str], window: int = 4) -> bool:
    """A negation word within `window` tokens before the span, in the same sentence."""
    doc = span.doc
    for i in range(span.start - 1, max(-1, span.start - window - 1), -1):
        if doc[i].lower_ in negators:
            return True
        if doc[i].is_sent_start:
            break
    return False


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
        _lemma_table()  # load the table now (a tenth of a second), not on the first post

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
                self.phrases.add(c.canonical, _phrase_docs(nlp, c.phrases))
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
            span._.negated = _negated(span, self.negators, self.negation_window)
        doc.spans["cliches"] = spans
        if self.general is not None:
            general = [Span(doc, s, e, label=doc.vocab.strings[m].split(":", 1)[1]) for m, s, e in self.general(doc)]
            doc.spans["general_cliches"] = sorted(filter_spans(general), key=lambda s: s.start)
        return doc


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
            self.folded.add(b.canonical, _phrase_docs(nlp, [a for a in b.aliases if a not in exact]))
            if exact:
                self.exact.add(b.canonical, _phrase_docs(nlp, exact))

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in [*self.folded(doc), *self.exact(doc)]]
        doc.spans["benchmarks"] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc


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


def trie_regex(atom_lists: list[list[str]]) -> str:
    """One regex for many aliases, as a trie of shared prefixes: Python's re tries alternatives one by one, so a
    flat alternation of hundreds of aliases is slow; a trie tests each prefix once. Longer matches are preferred."""
    trie: dict = {}
    for atoms in atom_lists:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def build(node: dict) -> str:
        options = [atom + build(child) for atom, child in sorted(node.items()) if atom]
        if "" in node:
            options.append("")
        if len(options) == 1:
            return options[0]
        return "(?:" + "|".join(options) + ")"

    return build(trie)


def required_texts(pattern: str) -> list[str] | None:
    """Strings one of which is in the text of every match of `pattern` (the literal text it starts with, when it
    has one); None when the pattern does not say.

    Read from the parse tree of Python's own regex parser. A pattern's leading literal characters, after any
    zero-width test (word boundary, lookaround), give its start; otherwise the longest run of literal characters
    that every match holds; alternatives give one string each, and all must have one.
    """
    from re import _constants as sre
    from re import _parser

    def starts(items) -> list[str] | None:
        prefix = ""
        for op, arg in items:
            if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT) and not prefix:
                continue
            if op is sre.LITERAL:
                prefix += chr(arg)
                continue
            inner = None
            if op is sre.SUBPATTERN and not arg[1] and not arg[2]:  # a group with no flags of its own
                inner = starts(arg[-1])
            elif op is sre.BRANCH:
                branches = [starts(branch) for branch in arg[1]]
                inner = None if None in branches else [s for b in branches for s in b]
            if inner is not None:
                return [prefix + s for s in inner]
            break
        return [prefix] if prefix else None

    def inside(items) -> list[str] | None:
        found = starts(items)
        if found:
            return found
        runs, run = [], ""
        for op, arg in items:  # every item of a sequence is matched, so each literal run is in every match
            if op is sre.LITERAL:
                run += chr(arg)
                continue
            runs.append(run)
            run = ""
        runs.append(run)
        if max(runs, key=len):
            return [max(runs, key=len)]
        for op, arg in items:
            inner = None
            if op is sre.SUBPATTERN and not arg[1] and not arg[2]:
                inner = inside(arg[-1])
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
                inner = inside(arg[2])
            elif op is sre.BRANCH:
                branches = [inside(branch) for branch in arg[1]]
                inner = None if None in branches else sorted({s for b in branches for s in b})
            if inner:
                return inner
        return None

    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    return inside(list(parsed))


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
        folded, exact = [], []
        for m in lexicons.models():
            for alias in m.aliases:
                self.canonical[self._key(alias)] = m.canonical
                # Short aliases ("o3", "R1", "4o") are matched only as written: in lower case they are words.
                (exact if len(re.sub(r"\W", "", alias)) <= 3 else folded).append(alias)
        bound_l, bound_r = r"(?<![\w.\-@#/])", r"(?!\w|\.\d)"
        folded_rx = trie_regex([_alias_atoms(a, fold=True) for a in set(folded)])
        exact_rx = trie_regex([_alias_atoms(a, fold=False) for a in set(exact)])
        self.folded = CaselessRegex(f"{bound_l}{folded_rx}{bound_r}")
        self.exact = re.compile(f"{bound_l}{exact_rx}{bound_r}")
        # Each family's pattern runs only on texts holding one of the strings every match of it holds.
        self.families = [(re.compile(f.pattern), required_texts(f.pattern)) for f in lexicons.model_families()]

    @staticmethod
    def _key(text: str) -> str:
        return re.sub(r"[\s\-_]", "", text.lower())

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: list[tuple[int, int, str]] = []
        for rx in (self.folded, self.exact):
            for m in rx.finditer(text):
                written = text[m.start(): m.end()]  # the folded regex matches lower-cased text
                found.append((m.start(), m.end(), self.canonical.get(self._key(written), written)))
        listed_at = {start: (end, label) for start, end, label in found}
        for rx, required in self.families:
            if required is not None and not any(map(text.__contains__, required)):
                continue
            for m in rx.finditer(text):
                label = " ".join(m.group().split())
                if m.start() in listed_at:
                    end, listed = listed_at[m.start()]
                    if m.end() <= end:
                        continue  # the listed name already covers it
                    if SIZE_SUFFIX.fullmatch(text[end: m.end()]):
                        label = listed  # a listed name followed only by a size ("Llama 3.1 8B") keeps its name
                found.append((m.start(), m.end(), label))
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


NUM = {"LIKE_NUM": True}
_SCORE_PATTERNS: dict[str, list[list[dict]]] = {
    "PERCENT": [[NUM, {"ORTH": "%"}], [NUM, {"LOWER": {"IN": ["percent", "pct", "per", "%"]}}],
                [{"TEXT": {"REGEX": r"^\d+(\.\d+)?%$"}}]],
    "ELO": [[NUM, {"LOWER": {"IN": ["elo", "arena", "rating"]}}],
            [{"LOWER": "elo"}, {"LOWER": {"IN": ["of", "score", "rating", "at", "is", "="]}, "OP": "*"}, NUM]],
    "FRACTION": [[{"TEXT": {"REGEX": r"^\d{1,4}/\d{1,4}$"}}], [NUM, {"ORTH": "/"}, NUM],
                 [NUM, {"LOWER": "out"}, {"LOWER": "of"}, NUM], [NUM, {"LOWER": "of"}, {"LOWER": "the", "OP": "?"},
                                                                   NUM]],
    "RANK": [[{"ORTH": "#"}, {"TEXT": {"REGEX": r"^\d{1,2}$"}}], [{"LOWER": {"IN": ["#1", "no.1", "no1"]}}],
             [{"LOWER": "no"}, {"ORTH": "."}, {"TEXT": {"REGEX": r"^\d{1,2}$"}}],
             [{"LOWER": "number"}, {"LOWER": {"IN": ["one", "1"]}}],
             [{"LOWER": {"IN": ["top", "first"]}}, {"LOWER": {"IN": ["spot", "place", "position"]}}],
             [{"LOWER": {"IN": ["ranked", "ranks", "ranking", "rank"]}}, {"ORTH": "#", "OP": "?"}, NUM],
             [{"LOWER": {"IN": ["tops", "topped", "topping", "leads", "led", "leading", "dominates", "dominated"]}}],
             [{"LOWER": {"IN": ["ranked", "ranks", "placed", "places", "finished", "came", "comes"]}},
              {"LOWER": {"IN": ["first", "second", "third", "1st", "2nd", "3rd"]}}],
             [{"TEXT": {"REGEX": r"^(1st|2nd|3rd|\d{1,2}th)$"}}, {"LOWER": "place"}]],
    "PERCENTILE": [[{"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)$"}}, {"LOWER": "percentile"}],
                   [{"LOWER": "top"}, NUM, {"ORTH": "%"}]],
    "SOTA": [[{"LOWER": {"IN": ["sota", "state-of-the-art"]}}],
             [{"LOWER": "state"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "of"}, {"ORTH": "-", "OP": "?"},
              {"LOWER": "the"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "art"}],
             [{"LOWER": "new"}, {"LOWER": {"IN": ["record", "high", "sota"]}}], [{"LOWER": "record"}, {"ORTH": "-"},
                                                                                   {"LOWER": "breaking"}]],
    "COMPARISON": [[{"LOWER": {"IN": ["beats", "beat", "beating", "outperforms", "outperformed", "outperforming",
                                      "outperform", "surpasses", "surpassed", "surpass", "exceeds", "exceeded",
                                      "edges", "edged", "trails", "trailed", "matches", "matched", "ties", "tied",
                                      "crushes", "crushed", "smokes", "smoked", "underperforms"]}}]],
    "SCORE": [[{"LEMMA": {"IN": ["score", "get", "hit", "reach", "achieve", "post", "land", "hits", "gets", "solve",
                                 "resolve", "answer", "pass", "complete", "fix", "manage", "nail", "say", "show",
                                 "report", "claim", "list", "put", "sit", "average"]}},
               {"LOWER": {"IN": ["a", "an", "about", "around", "only", "just", "nearly", "almost", "over", "at"]},
                "OP": "*"},
               {"TEXT": {"REGEX": r"^\d+(\.\d+)?$"}}],
              [{"TEXT": {"REGEX": r"^\d+(\.\d+)?$"}}, {"LOWER": {"IN": ["correct", "right", "solved", "passed"]}}],
              [{"LOWER": {"IN": ["average", "avg", "mean"]}}, {"LOWER": "of", "OP": "?"},
               {"TEXT": {"REGEX": r"^\d+(\.\d+)?$"}}],
              [{"LOWER": {"IN": ["score", "rating", "result", "accuracy"]}}, {"LOWER": "of"},
               {"TEXT": {"REGEX": r"^\d+(\.\d+)?$"}}]],
}
# Percentages that measure price, speed or size, not capability ("30% cheaper", "50% off").
NOT_CAPABILITY_AFTER = {"cheaper", "faster", "off", "discount", "smaller", "less", "fewer", "lower", "price",
                        "cost", "costs", "savings", "saving", "bigger", "larger", "longer", "shorter", "slower",
                        "more", "tokens", "memory", "vram", "ram", "battery", "budget", "revenue", "growth", "market",
                        "share", "people", "users", "companies", "discounted", "increase", "decrease"}


# Units after a bare number that make it a size, speed or price rather than a result ("200 tok/s", "70 B").
NOT_A_RESULT_UNIT = {"tok", "tok/s", "tokens", "token", "t/s", "ms", "s", "sec", "seconds", "minutes", "hours", "gb",
                     "mb", "tb", "b", "m", "k", "x", "params", "parameters", "bit", "bits", "$", "usd", "dollars",
                     "gpus", "gpu", "languages", "users", "downloads", "stars", "days", "weeks", "months", "years",
                     "turns", "steps", "attempts", "samples", "shots", "shot", "tries", "runs", "people", "-", "cents",
                     "cent", "per", "→", "->", "systems", "entries", "teams", "submissions", "competitors", "%",
                     "million", "billion", "thousand", "issues", "tasks", "problems", "questions", "repos", "examples",
                     "items", "prompts", "barrier", "mark", "threshold"}
# Words right before a bare number that make it a label, not a result ("tier 1-3", "level 5", "v2").
NOT_A_RESULT_BEFORE = {"tier", "tiers", "level", "levels", "step", "part", "version", "v", "chapter", "$", "€", "£",
                       "top", "pass@", "@"}
REDUCTION_VERBS = {"cut", "cuts", "reduce", "reduces", "reduced", "save", "saves", "saved", "lower", "lowers",
                   "slash", "slashes", "shrink", "shrinks", "speeds", "speed"}
# Words a token or two after "N% of" that make the percentage a share of something else ("50% of the price",
# "100% of traffic").
PRICE_WORDS = {"price", "cost", "costs", "budget", "revenue", "compute", "size", "parameters", "memory", "spend",
               "traffic", "users", "customers", "employees", "companies", "people", "teams", "market", "workforce"}


@Language.factory("score_mentions", default_config={"near_benchmark_tokens": 4})
def make_score_mentions(nlp: Language, name: str, near_benchmark_tokens: int) -> ScoreMentions:
    return ScoreMentions(nlp, near_benchmark_tokens=near_benchmark_tokens)


class ScoreMentions:
    """Result figures and result words; also bare numbers right next to a benchmark ("MMLU 88.7")."""

    def __init__(self, nlp: Language, *, near_benchmark_tokens: int = 4) -> None:
        # patterns are checked in lexeme_flag_patterns; lemmas are the lookup_lemmas component's
        self.matcher = GatedMatcher(nlp.vocab, lemma_of=lookup_lemma)
        for label, patterns in _SCORE_PATTERNS.items():
            self.matcher.add(label, lexeme_flag_patterns(nlp.vocab, patterns))
        self.near = near_benchmark_tokens

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            if label in ("PERCENT", "PERCENTILE") and end < len(doc) and doc[end].lower_ in NOT_CAPABILITY_AFTER:
                continue
            if label == "PERCENT" and start and doc[start - 1].text in ("$", "€", "£"):
                continue
            if label == "PERCENT" and end + 1 < len(doc) and doc[end].lower_ == "of" and (
                    doc[end + 1].lower_ in PRICE_WORDS or (end + 2 < len(doc) and doc[end + 2].lower_ in PRICE_WORDS)):
                continue
            if label == "PERCENT" and start and doc[start - 1].lower_ == "by" and any(
                    t.lower_ in REDUCTION_VERBS for t in doc[max(0, start - 6): start]):
                continue  # "cuts memory use by 70%"
            figure = doc[start] if doc[start].like_num else doc[end - 1]
            if label == "SCORE" and re.fullmatch(r"(19|20)\d\d", figure.text):
                continue  # "says 2025": a year
            if label == "SCORE":
                # the figure itself: the last token, or the first one in "11 correct"
                start, end = (start, start + 1) if doc[start].like_num else (end - 1, end)
            spans.append(Span(doc, start, end, label=label))
        named = list(doc.spans.get("benchmarks", [])) + list(doc.spans.get("models", []))
        taken = {i for s in named for i in range(s.start, s.end)}
        taken |= {i for s in spans for i in range(s.start, s.end)}

        def bare_score(i: int) -> bool:
            tok = doc[i]
            if i in taken or not re.fullmatch(r"\d{1,4}(?:\.\d+)?", tok.text):
                return False
            if re.fullmatch(r"(19|20)\d\d", tok.text):
                return False  # a year ("AIME 2025"), not a result
            after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            before = doc[i - 1].lower_ if i else ""
            if re.fullmatch(r"\d+(\.\d+)?[bmk]", after):
                return False  # "Granite 3.0 8B": a version before a size
            return after not in NOT_A_RESULT_UNIT and before not in NOT_A_RESULT_BEFORE and before != "-"

        for bench in doc.spans.get("benchmarks", []):
            lo, hi = max(0, bench.start - self.near), min(len(doc), bench.end + self.near)
            for i in range(lo, hi):
                if bare_score(i):
                    spans.append(Span(doc, i, i + 1, label="SCORE"))
                    taken.add(i)
        by_end = {s.end: s for s in spans}
        for i in sorted(by_end):
            # "Elo 1338 vs 1269", "38 correct for DeepSeek-V3.2 vs 47 for o4-mini": the figure after "vs" is one too
            if i + 1 < len(doc) and doc[i].lower_ in ("vs", "vs.", "versus") and bare_score(i + 1):
                spans.append(Span(doc, i + 1, i + 2, label=by_end[i].label_))
                taken.add(i + 1)
        for i in sorted({m.start - 2 for m in doc.spans.get("models", []) if m.start >= 2}):
            if doc[i + 1].lower_ == "for" and bare_score(i) and (
                    doc.spans.get("benchmarks") or spans):
                spans.append(Span(doc, i, i + 1, label="SCORE"))
                taken.add(i)
        if doc.spans.get("benchmarks") or any(c.label_ == "evaluation" for c in doc.spans.get("cues", [])):
            # A figure right after a model name in a post about a test: "GPT-5 46.2, o3 31.6", "GPT-4o's 77".
            for model in doc.spans.get("models", []):
                i = model.end
                if i < len(doc) and doc[i].text == "(":  # "GPT-5 (high) at 68"
                    close = next((j for j in range(i, min(i + 5, len(doc))) if doc[j].text == ")"), None)
                    i = close + 1 if close is not None else i
                gap_start = i
                while i < len(doc) and doc[i].text in ("'s", "’s", ":", "at", "=", "-", "–"):
                    i += 1
                if i < len(doc) and i - gap_start <= 2 and bare_score(i):
                    spans.append(Span(doc, i, i + 1, label="SCORE"))
                    taken.add(i)
        doc.spans["scores"] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc


@Language.factory("experience_cues", default_config={"layers": ["experience", "praise", "complaint", "evaluation"]})
def make_experience_cues(nlp: Language, name: str, layers: list[str]) -> ExperienceCues:
    return ExperienceCues(nlp, layers=layers)


class ExperienceCues:
    """First-hand use, praise, complaint and evaluation wording, for the labels and their explanations."""

    def __init__(self, nlp: Language, *, layers: list[str]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        cue_layers = lexicons.cues()
        for layer in layers:
            self.matcher.add(layer, _phrase_docs(nlp, cue_layers[layer].phrases))
        self.negators = {p for p in cue_layers["negation"].phrases if " " not in p}

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        for span in spans:
            span._.negated = _negated(span, self.negators, 3)
        doc.spans["cues"] = spans
        return doc
