"""Case-insensitive regexes on lower-cased text: the same answers as re.IGNORECASE."""

import re

import pytest

from pipeline.claims import extraction, figures
from pipeline.model import corpus
from pipeline.nlp.caseless import CaselessRegex

TRICKY = ["ſota on the İnternal eval", "Our ınternal evals", "KELVIN K and ﬅ", "Überall: OUR OWN EVALS, İİ",
          "GPT-5 BEATS o3", "", "q: WHY?", "tied with Claude"]


def test_refuses_a_pattern_with_upper_case_letters():
    with pytest.raises(ValueError):
        CaselessRegex(r"\bGPT\b")
    CaselessRegex(r"\bgpt\W\d(?P<Version>\.\d)?")  # escapes and group names may be upper case


@pytest.mark.parametrize("name", ["SELF_REPORTED", "RELAYED", "INTERNAL", "BASELINE", "ASKING", "NOT_A_MODEL_BEFORE",
                                  "LEADERBOARD", "UP", "DOWN", "EQUAL", "VERSUS", "BOTH"])
def test_finds_what_ignorecase_finds_at_the_same_places(name):
    caseless = getattr(extraction, name, None) or getattr(figures, name)  # figure rules live in claims/figures.py
    ignorecase = re.compile(caseless.pattern, re.IGNORECASE)
    texts = TRICKY + [p.text for p in corpus.load()[:1500]]
    spans = [[m.span() for m in caseless.finditer(t)] for t in texts]
    assert spans == [[m.span() for m in ignorecase.finditer(t)] for t in texts]
    assert [bool(caseless.search(t)) for t in texts] == [bool(ignorecase.search(t)) for t in texts]
    assert any(spans) or name in ("NOT_A_MODEL_BEFORE",)


def test_special_letters_fall_back_to_ignorecase():
    internal = CaselessRegex(r"\binternal\b")
    assert internal.search("the ınternal one")  # dotless i matches i under IGNORECASE
    assert internal.search("the İnternal one")  # "İ".lower() is two characters
    assert CaselessRegex(r"sota").search("ſota")
