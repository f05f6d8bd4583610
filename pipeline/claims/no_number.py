"""The one record of a claim stated with no figure ("beats GPT-4o in benchmarks", "outperforms GPT-3.5 in complex
tasks and benchmarks"): the model and benchmark when named, the sentence that makes the claim as evidence.

Only a post labelled a benchmark claim gets it (the caller passes the label): the extractor runs on every post, and
most posts that name a model and a comparison word make no claim at all.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..nlp.caseless import CaselessRegex
from ..nlp.docs import doc_text, sentence_bounds
from .records import Claim

# Wording that states a result with no figure: a comparison, a test passed, a benchmark in general.
CLAIM_WORDS = CaselessRegex(
    r"\b(beats?|beating|beaten|outperform\w*|outclass\w*|surpass\w*|exceed\w*|crush\w*|destroy\w*|smok\w*|trounc\w*|"
    r"better than|worse than|stronger than|weaker than|smarter than|ahead of|behind|on par|comparable|"
    r"matches|matched|rivals?|tops|topped|sota|state[- ]of[- ]the[- ]art|benchmarks?|evals?|scor\w+|passe[sd]|"
    r"aced|leaderboard|ranks?|ranked|failed|fails)\b")
COMPARED_WITH = CaselessRegex(r"\b(than|vs\.?|versus|ahead of|behind|over|beats?|beating|beaten by|against|"
                              r"compared|outperform\w*|surpass\w*|exceed\w*|crush\w*|rivals?|match\w*|on par with|"
                              r"comparable to|like)\W*$")
UP = CaselessRegex(r"\b(beats?|beating|outperform\w*|outclass\w*|surpass\w*|exceed\w*|crush\w*|destroy\w*|smok\w*|"
                   r"better|stronger|smarter|ahead|tops|topped|best|sota|state[- ]of[- ]the[- ]art|superior)\b")
DOWN = CaselessRegex(r"\b(worse|weaker|behind|trails?|lags?|falls? short|underperform\w*|inferior|beaten by|"
                     r"loses to|lost to|dumber)\b")
# A figureless result of the writer's own trying (the test is "internal evaluation"): "in my testing", "I fed it".
OWN_TRYING = CaselessRegex(
    r"\b((my|our) (own )?(testing|tests?|experiments?|trials?|runs?|use ?cases?|evals?|prompts?|questions?)|"
    r"(i|we) (just |also )?(tested|tried|ran|asked|gave|fed|threw|performed|compared|benchmarked|evaluated|"
    r"checked|put)|(test|tested|tried|testing) (it|them|this|the model|both)|give it a try|gave it a|"
    r"red[- ]teaming|jailbreak\w*|study (finds|found|shows)|researchers?)\b")
QUESTION = CaselessRegex(r"\?\s*$")


def figureless_claim(doc: Doc, post_id: str, *, anchor_of, self_reported: bool, relayed) -> Claim | None:
    """One no-number record for a post whose claim carries no figure, or None when no sentence makes a claim.
    `anchor_of(sentence)` names an unnamed test ("internal evaluation", "leaderboard" or ""); `relayed(sentence)`
    says whether the result is passed on from someone else."""
    text = doc_text(doc)
    models = list(doc.spans.get("models", []))
    benchmarks = list(doc.spans.get("benchmarks", []))
    results = [s for s in doc.spans.get("scores", []) if s.label_ in ("SOTA", "COMPARISON")]
    bounds = sentence_bounds(doc)
    if not bounds:
        return None

    def inside(spans: list[Span], a: int, b: int) -> list[Span]:
        return [s for s in spans if s.start >= a and s.end <= b]

    def claims_something(bound) -> bool:
        a, b, ca, cb = bound
        sentence = text[ca:cb]
        if QUESTION.search(sentence):
            return False
        return bool(inside(results, a, b) or inside(benchmarks, a, b) or anchor_of(sentence) or
                    CLAIM_WORDS.search(sentence))

    chosen = next((b for b in bounds if claims_something(b) and inside(models, b[0], b[1])), None) or \
        next((b for b in bounds if claims_something(b)), None) or bounds[0]
    start, end, start_char, end_char = chosen
    sentence = text[start_char:end_char]
    here = inside(models, start, end)
    subject, comparator = _subject_and_rival(doc, here)
    if not subject:  # "it outperforms GPT-3.5": the model named before, else the first one not the rival
        others = [m.label_ for m in models if m.label_ != comparator]
        before = [m.label_ for m in models if m.end <= start and m.label_ != comparator]
        subject = before[-1] if before else (others[0] if others else "")
    named = inside(benchmarks, start, end)
    anchor = anchor_of(sentence) or anchor_of(text)
    if named:
        benchmark = named[0].label_
    elif anchor == "internal evaluation" or OWN_TRYING.search(text):
        benchmark = "internal evaluation"
    elif benchmarks:
        benchmark = benchmarks[0].label_
    else:
        benchmark = anchor
    if not (subject or comparator or benchmark):
        return None  # nothing named to hang a result on: the label alone is not a record
    if not comparator and subject:  # "Kimi K2 vs Grok 4": another model named beside it is what it is set against
        comparator = next((m.label_ for m in here if m.label_ != subject), "")
    direction = ""
    if comparator:
        up, down = bool(UP.search(sentence)), bool(DOWN.search(sentence))
        direction = "up" if up and not down else ("down" if down and not up else "")
    return Claim(post_id, subject, benchmark, None, "", None, comparator, direction, self_reported,
                 benchmark == "internal evaluation", True, relayed(sentence), sentence.strip(), start_char, end_char)


def _subject_and_rival(doc: Doc, models: list[Span]) -> tuple[str, str]:
    """The model a sentence is about and the one it is set against: "A beats B", "B is worse than A" read left to
    right, the rival being the first model right after a comparison word."""
    names = list(dict.fromkeys(m.label_ for m in models))
    if not names:
        return "", ""
    rival = next((m.label_ for m in models if m.start and COMPARED_WITH.search(doc[max(m.start - 4, 0): m.start].text)),
                 "")
    return next((n for n in names if n != rival), ""), rival
