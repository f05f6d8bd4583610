"""The matching machinery the components share.

- `phrase_variants` / `phrase_docs`: the spellings a lexicon phrase is matched in, for spaCy's PhraseMatcher.
- Lexeme flags (`lexeme_flag_patterns`): Matcher word-set and regex tests turned into flags computed once per word.
- `GatedMatcher`: a Matcher that runs on each Doc only the patterns whose required words occur in it.
- `lookup_lemma`: the lemma of a lower-cased word, from spacy-lookups-data's English table.
- `is_negated` and the `span._.negated` extension: a negation word shortly before a span.
- `trie_regex` and `required_texts`: one fast regex for many aliases, and the strings every match must hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from spacy import attrs
from spacy.attrs import LEMMA, ORTH
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.matcher import Matcher
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc, Span

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


def phrase_docs(nlp: Language, phrases) -> list[Doc]:
    """Every spelling of every phrase (`phrase_variants`), tokenized for a PhraseMatcher."""
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
def lemma_table():
    """spacy-lookups-data's English lemma table, loaded once per process."""
    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def lookup_lemma(word: str) -> str:
    """The lemma spacy-lookups-data's English table gives a lower-cased word (the word itself when not listed)."""
    return lemma_table().get(word, word)


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


def is_negated(span: Span, negators: set[str], window: int = 4) -> bool:
    """A negation word within `window` tokens before the span, in the same sentence."""
    doc = span.doc
    for i in range(span.start - 1, max(-1, span.start - window - 1), -1):
        if doc[i].lower_ in negators:
            return True
        if doc[i].is_sent_start:
            break
    return False


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
