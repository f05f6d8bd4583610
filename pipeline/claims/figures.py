"""Which numbers in a sentence are results: the figures of the score spans, read as numbers, with baselines, bars,
shares and savings left out, and the direction a signed change states ("+3.5%", "-2 points")."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..nlp.caseless import CaselessRegex
from ..nlp.docs import doc_text

# Figures that set a bar or a baseline rather than state a result: "cracked 80%", "up from 1268".
THRESHOLD_BEFORE = {"cracked", "crack", "under", "below", "past", "crossed", "beyond", "than", "exceeding", "from"}
BASELINE = CaselessRegex(r"\b(previous|prior|old|earlier) (sota|best|record|version|high)\b|"
                         r"\bbase model (was|is|scored)")
NOT_A_MODEL_BEFORE = CaselessRegex(r"\b(humans?|people|experts?|random|chance|guessing|baseline|average person)"
                                   r"\b\W*(\w+\W+){0,2}$")
RANK_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
NUMBER = re.compile(r"\d+(?:\.\d+)?")

# "70% of my prompts are code", "saved me 90% effort": a share of something or a saving, not a result.
SHARE_AFTER = CaselessRegex(r"^\s*(of (my|our|your|their|his|her|all|the) ([\w-]+ ){0,2}(prompts?|code|time|work|"
                            r"usage|traffic|requests|queries|day|week|users|team|budget|effort|job|workload|"
                            r"spend\w*|bills?|costs?|tokens)|(less )?(effort|time|work|cheaper|savings?|faster)\b)")
SAVING_BEFORE = CaselessRegex(r"\b(saved?|saves|saving|cut|cuts|reduced?|reduces|shaved?)( (me|us|them|you))?"
                              r"( about| around| roughly| over| nearly)?\W*$")
UP_AFTER = CaselessRegex(r"^\s*(\w+ )?(boost|gain|improvement|increase|jump|uplift|lift|better|higher|more)\b")
UP_BEFORE = CaselessRegex(r"\b(gained|gains|gaining|improved by|improves by|jumped|jumps|rose|up)"
                          r"( only| just| about| roughly| nearly| over)?\W*$")
DOWN_BEFORE = CaselessRegex(r"\b(lost|loses|dropped|drops|fell|falls|down)"
                            r"( only| just| about| roughly| nearly| over)?\W*$")
DOWN_AFTER = CaselessRegex(r"^\s*(\w+ )?(drop|decline|decrease|regression|loss|worse|lower|fewer)\b")


def number(text: str) -> float | None:
    m = NUMBER.search(text.replace(",", ""))
    if not m:
        return None
    value = float(m.group())
    return int(value) if value.is_integer() else value


def values(score: Span) -> tuple[float | None, float | None]:
    """(value, out_of) of one score span."""
    if score.label_ == "FRACTION":
        nums = NUMBER.findall(score.text.replace(",", ""))
        if len(nums) >= 2:
            a, b = float(nums[0]), float(nums[1])
            return (int(a) if a.is_integer() else a), (int(b) if b.is_integer() else b)
    if score.label_ == "RANK":
        n = number(score.text)
        word = score.text.lower().split()[-1]
        return (n if n is not None else RANK_WORDS.get(word, 1)), None
    return number(score.text), None


def results_only(figures: list[Span], models: list[Span], sent: Span, sent_text: str) -> list[Span]:
    """Drop figures that are baselines or bars rather than results: "from 62% to 71%", "70% -> 87.5%",
    "cracked 80%", "previous SOTA was 42%", "humans at about 72%"."""
    doc = sent.doc
    pairs = list(zip(figures, figures[1:], strict=False))
    skip = {id(a) for a, b in pairs if a.label_ == b.label_ and doc[a.start - 1: a.start].text.lower() == "from"
            and doc[a.end: b.start].text.strip().lower() == "to"}
    skip |= {id(a) for a, b in pairs if doc[a.end: b.start].text.strip() in ("→", "->", "=>")}
    if BASELINE.search(sent_text):
        skip |= {id(f) for f in figures}
    # "up from 72.5% for Opus 4" is a result of Opus 4's, not a baseline
    for_a_model = {id(f) for f in figures if any(
        m.start >= f.end and [t.lower_ for t in doc[f.end: m.start]] in (["for"], ["by"]) for m in models)}
    text = doc_text(doc)
    skip |= {id(f) for f in figures if f.label_ == "PERCENT" and (
        SHARE_AFTER.search(text[f.end_char: f.end_char + 60]) or
        SAVING_BEFORE.search(text[max(f.start_char - 30, 0): f.start_char]))}
    return [f for f in figures if id(f) not in skip
            and not (f.start and doc[f.start - 1].lower_ in THRESHOLD_BEFORE and id(f) not in for_a_model)
            and not NOT_A_MODEL_BEFORE.search(doc[sent.start: f.start].text)]




def change_direction(fig: Span) -> str:
    """"up" or "down" when a figure states a change ("+3.5%", "a 3.5% boost", "-2 points"), else ""."""
    text = doc_text(fig.doc)
    sign = text[max(fig.start_char - 1, 0): fig.start_char] if fig.start_char else ""
    if fig.text[:1] in "+-−" or sign in ("+", "-", "−"):
        return "up" if "+" in (fig.text[:1] + sign) else "down"
    after, before = text[fig.end_char: fig.end_char + 30], text[max(fig.start_char - 30, 0): fig.start_char]
    if UP_AFTER.search(after) or UP_BEFORE.search(before):
        return "up"
    return "down" if DOWN_AFTER.search(after) or DOWN_BEFORE.search(before) else ""
