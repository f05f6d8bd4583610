"""Rule labels from the spans: the keyword-and-pattern baseline, and the `--fast` mode's labels.

The definitions follow docs/LABELLING.md. A benchmark claim needs a test (a named benchmark, or evaluation
wording) and a result (a figure, a rank, "SOTA", "beats") in the same sentence, and is not a question.
An anecdotal endorsement needs favourable wording (praise, or a hype cliché used un-negated) that outweighs
complaints, from first-hand use or a felt impression; praise resting only on a measured result does not count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .. import lexicons
from ..nlp.docs import doc_text, sentence_bounds

RESULT_LABELS = {"PERCENT", "ELO", "FRACTION", "RANK", "PERCENTILE", "SOTA", "SCORE"}
IMPRESSION_CATEGORIES = {"reaction", "hyperbole", "meme"}


@dataclass
class RuleLabels:
    benchmark_claim: bool
    anecdotal: bool
    benchmark_claim_score: float
    anecdotal_score: float
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    # A stock reaction ("blown away", "stunned", "mind-blowing"), not negated, in a post with no complaint. The
    # labelling guide counts it as an endorsement even beside a result ("blown away, and it's 82% on GPQA").
    reaction: list[Span] = field(default_factory=list)


def _within(spans, start: int, end: int) -> list[Span]:
    return [s for s in spans if s.start >= start and s.end <= end]


def label(doc: Doc) -> RuleLabels:
    cues = list(doc.spans.get("cues", []))
    benchmarks = list(doc.spans.get("benchmarks", []))
    scores = list(doc.spans.get("scores", []))
    cliches = list(doc.spans.get("cliches", []))
    # each span's negation read once: every read of span._ goes through a new proxy object
    kept_cues = [c for c in cues if not c._.negated]

    claim_spans: list[Span] = []
    weak_claim = False
    text = doc_text(doc)
    # Only a sentence with a benchmark or a score can make a claim, so a post with neither has none to read.
    for start, end, start_char, end_char in sentence_bounds(doc) if benchmarks or scores else ():
        named = _within(benchmarks, start, end)
        sent_scores = _within(scores, start, end)
        if not (named or sent_scores) or text[start_char:end_char].rstrip().endswith("?"):
            continue
        results = [s for s in sent_scores if s.label_ in RESULT_LABELS]
        compared = [s for s in sent_scores if s.label_ == "COMPARISON"]
        evaluation = [c for c in _within(kept_cues, start, end) if c.label_ == "evaluation"]
        if (named or evaluation) and (results or (compared and named)):
            claim_spans += named + evaluation[:1] + results + compared
        elif named or results:
            weak_claim = True

    experience = [c for c in kept_cues if c.label_ == "experience"]
    praise = [c for c in kept_cues if c.label_ == "praise"]
    complaints = [c for c in kept_cues if c.label_ == "complaint"]
    category = lexicons.cliche_categories()
    impressions = [c for c in cliches if not c._.negated and category.get(c.label_) in IMPRESSION_CATEGORIES]
    favourable = len(praise) + len(impressions)
    benchmark_claim = bool(claim_spans)
    anecdotal = favourable > len(complaints) and (bool(experience) or bool(impressions) or len(praise) >= 2)
    if anecdotal and benchmark_claim and not experience and not impressions:
        anecdotal = False  # praise that rests on the measured result alone
    reaction = [c for c in impressions if category.get(c.label_) == "reaction"] if not complaints else []
    return RuleLabels(
        benchmark_claim=benchmark_claim,
        anecdotal=anecdotal,
        benchmark_claim_score=0.9 if benchmark_claim else (0.3 if weak_claim else 0.05),
        anecdotal_score=0.85 if anecdotal else (0.3 if favourable else 0.05),
        evidence={"claim": claim_spans, "experience": experience, "praise": praise + impressions,
                  "complaint": complaints},
        reaction=reaction,
    )


def decide(found: RuleLabels, scores: tuple[float, float] | None,
           thresholds: tuple[float, float] = (0.5, 0.5)) -> tuple[bool, bool, str]:
    """The two labels and where they came from. With model scores, a label is set at its threshold; a stock
    reaction also makes a post anecdotal (the model under-rates short posts that pair one with a result)."""
    if scores is None:
        return found.benchmark_claim, found.anecdotal, "rules"
    claim = scores[0] >= thresholds[0]
    anecdotal = scores[1] >= thresholds[1]
    if not anecdotal and found.reaction:
        return claim, True, "model + reaction rule"
    return claim, anecdotal, "model"


def post_label(benchmark_claim: bool, anecdotal: bool) -> str:
    if benchmark_claim and anecdotal:
        return "mixed"
    if benchmark_claim:
        return "benchmark_claim"
    if anecdotal:
        return "anecdotal"
    return "neither"
