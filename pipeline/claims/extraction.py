"""Claim records: which model, on which benchmark, what result, against what, and on whose authority.

Numbers are read by rules from the score spans, never guessed: each result figure in a sentence is tied to the
nearest benchmark mention (or to an unnamed internal evaluation or leaderboard) and to the model named nearest
before it. Sentences that ask a question make no claim.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cached_property

from spacy.tokens import Doc, Span

from ..nlp.caseless import CaselessRegex
from ..nlp.docs import doc_text, sentence_bounds
from . import shapes
from .figures import change_direction, results_only, values
from .no_number import OWN_TRYING, figureless_claim
from .records import CLAIM_COLUMNS, Claim

__all__ = ["CLAIM_COLUMNS", "Claim", "extract"]

UNITS = {"PERCENT": "percent", "ELO": "elo", "FRACTION": "count", "RANK": "rank", "PERCENTILE": "percentile",
         "SCORE": "score"}
SELF_REPORTED = CaselessRegex(
    r"\b(our (new |latest |newest |open |own |first |tiny |small )?(model|checkpoint|release|flagship|llm|\d+b)s?|"
    r"we('re| are) (releasing|launching|shipping|open[- ]sourcing)|we('ve| have)? (trained|built|released|shipped|"
    r"launched|fine-tuned|spent)|introducing|(thrilled|excited|proud|happy) to (announce|share|introduce|release)|"
    r"today we|meet \w+|our team|ours|our lab|from our lab)\b")
RELAYED = CaselessRegex(
    r"\b(according to|reportedly|report(s|ed)? (that|it)|per (the|their|its)|the paper|the model card|model card|"
    r"release notes|(says|said|claims|claimed|announced|reports)\b|via @|h/t|leaked|rumou?r|allegedly|"
    r"they say|the blog|the launch post|the tech report|technical report|press release|source:)")
INTERNAL = CaselessRegex(
    r"\b(internal(ly)? (\w+ )?(evals?|evaluations?|benchmarks?|tests?|test set|suite)|our (own )?(\w+ )?(evals?|"
    r"evaluations?|benchmarks?|test ?set|tests?|harness|suite)|in-house|every (eval|benchmark|test) we ran|"
    r"(my|our) (own )?([\w-]+ ){0,3}(prompts?|tests?|test set|questions|tasks|puzzles|problems|riddles|evals?|"
    r"tickets|cases|examples|set)|own (test|prompt|eval)s?|(\d+|fifty|twenty|ten|hundred) of (my|our) (own )?\w+|"
    r"on \d+ ([\w-]+ ){0,3}(tickets|prompts|tasks|questions|problems|cases|examples|bugs|issues)|"
    r"(we|i) (evaluated|tested|benchmarked|ran)|(my|our|a) (own )?(small|tiny|mini|quick|little|private|personal)?"
    r"[- ]?(evals?|benchmark|test|evaluation)|blind[- ]rat\w+|head[- ]to[- ]head|side[- ]by[- ]side|bake[- ]?off|"
    r"(team|lab|we|i) (evaluated|tested|benchmarked|compared)|(asked|gave|tested|fed|threw)\b[^.]{0,60}\b"
    r"(questions|prompts|puzzles|tasks|problems|riddles|tickets|vignettes|cases))\b")
ASKING = CaselessRegex(r"^\W*(q:\s*)?(should|would|could|can|is|are|does|do|did|what|which|who|how|why|when|will|"
                       r"has|have|anyone)\b|\b(why|how come)\b|\bquestion\b")
ATTACH_WORDS = {"at", "with", "'s", "’s", ":", "scores", "scored", "gets", "got", "hits", "hit", "reached", "reaches",
                "sits", "is", "was", "=", "on"}
LIST_RANK = {"tops", "topped", "topping", "leads", "led", "leading", "dominates", "dominated"}
UNNAMED = "\0unnamed"  # a result in a benchmark claim on a test the post does not name
UNNAMED_DEFAULT = ""
ON_WORDS = ("on", "in", "at", "for", "across", "auf", "sur", "en", "su", "bei")  # a figure "on" a test
ABSENT_AFTER = re.compile(r"\s*(is|was|are|has|'s|’s)?\s*(not|n't|n’t|never|still not)\s+(yet\s+|even\s+|been\s+)*"
                          r"(on|in|listed|ranked|included|tested|evaluated|added)\b", re.I)
LINK = re.compile(r"https?://|www\.\w|\]\(")
LEADERBOARD = CaselessRegex(r"\bleaderboards?\b")
UP = CaselessRegex(r"\b(beats?|beating|outperform\w*|surpass\w*|exceed\w*|tops?|topped|leads?|higher|better|up|"
                   r"improv\w*|jump\w*|ahead|above|over|crush\w*|smok\w*|edges?|record)\b")
DOWN = CaselessRegex(r"\b(trails?|trailed|behind|below|lower|worse|down|drops?|dropped|falls?|fell|lags?|"
                     r"underperform\w*|regress\w*|only)\b")
IT_AGAIN = CaselessRegex(r"\b(it|it's|its|this one|the model)\b")
RIVAL = CaselessRegex(r"\b(than|vs\.?|versus|ahead of|behind|over|beats?|beating|against|compared)\b")
VERSUS = CaselessRegex(r"\bvs\.?\b|\bversus\b|\d%? to \d")
BOTH = CaselessRegex(r"\b(both|each|tied with|ties with|tie with)\b")
RISING = CaselessRegex(r"\b(up|improv\w*|jump\w*|from)\b")
EQUAL = CaselessRegex(r"\b(match(es|ed)?|ties|tied|on par|same as|equal\w*|level with)\b")


def _nearest(spans: list[Span], anchor: Span, *, prefer_before: bool = False) -> Span | None:
    if not spans:
        return None

    def distance(s: Span) -> tuple[int, int]:
        gap = anchor.start - s.end if s.end <= anchor.start else s.start - anchor.end
        after = s.start >= anchor.end
        return (max(gap, 0) + (3 if prefer_before and after else 0), int(after))

    return min(spans, key=distance)


def _within(spans, sent: Span) -> list[Span]:
    return [s for s in spans if s.start >= sent.start and s.end <= sent.end]


def _direction(sentence: str) -> str:
    if EQUAL.search(sentence):
        return "equal"
    up, down = bool(UP.search(sentence)), bool(DOWN.search(sentence))
    if up and not down:
        return "up"
    if down and not up:
        return "down"
    return ""


def extract(doc: Doc, post_id: str = "", *, benchmark_claim: bool = False) -> list[Claim]:
    """Every claim record in one tagged Doc, in order of appearance. `benchmark_claim`: the post's label; only a
    post labelled a benchmark claim gets a no-number record for a claim stated with no figure."""
    text = doc_text(doc)
    shaped = _shaped_figures(doc, text) if benchmark_claim else []
    taken = {c for f in shaped for c in range(f.start_char, f.end_char)}
    # A span group makes new Span objects on every pass over it: read each group once.
    # "GPT-4.1 is not yet on LMArena": a model the post says is absent gets none of that board's results
    models = [m for m in doc.spans.get("models", []) if not ABSENT_AFTER.match(text, m.end_char)]
    post = _PostContext(post_id, text, models, list(doc.spans.get("benchmarks", [])),
                        [s for s in doc.spans.get("scores", []) if s.start_char not in taken],
                        benchmark_claim=benchmark_claim)
    claims = _dedupe(_figure_claims(doc, post)) if post.scores else []
    if shaped:
        claims = sorted(claims + [_shaped_claim(f, post) for f in shaped], key=lambda c: c.evidence_start)
    if benchmark_claim and not any(not c.no_number for c in claims):
        found = figureless_claim(doc, post_id, anchor_of=_anchor, self_reported=post.self_reported,
                                 relayed=lambda sentence: post.relayed or bool(RELAYED.search(sentence)))
        # a claim with no figure gets exactly one record
        claims = claims[:1] if claims else ([found] if found is not None else [])
    for c in claims:
        c.relayed = c.relayed and not c.internal_eval  # the writer's (or a lab's) own test is not passed on
    return claims


def _shaped_figures(doc: Doc, text: str) -> list[shapes.ShapedFigure]:
    found = shapes.table_figures(doc, text) + shapes.before_after_figures(doc, text)
    taken = {f.start_char for f in found}
    found += shapes.after_name_figures(doc, text, taken)
    return found + shapes.loose_figures(doc, text, taken | {f.start_char for f in found})


def _shaped_claim(fig: shapes.ShapedFigure, post: _PostContext) -> Claim:
    benchmark = fig.benchmark or post.unnamed_test
    evidence = post.text[fig.line_start:fig.line_end]
    return Claim(post.post_id, fig.model, benchmark, fig.value, fig.unit, None, "", fig.direction,
                 post.self_reported, benchmark == "internal evaluation", False,
                 post.relayed or bool(RELAYED.search(evidence)), evidence, fig.line_start, fig.line_end)


def _figure_claims(doc: Doc, post: _PostContext) -> list[Claim]:
    text = post.text
    claims: list[Claim] = []
    last_score_end = max(s.end for s in post.scores)
    for start, end, start_char, end_char in sentence_bounds(doc):
        if start >= last_score_end:
            break  # no figure from here on: nothing left to claim, or to carry a model or test to
        sent, sent_text = doc[start:end], text[start_char:end_char]  # sent_text == sent.text, without a token walk
        anchor = _anchor(sent_text)
        claims.extend(_sentence_claims(sent, (sent_text, start_char, end_char), anchor, post))
        models = _within(post.models, sent)
        benchmarks = _within(post.benchmarks, sent)
        post.last_model = models[-1].label_ if models else post.last_model
        post.last_anchor = benchmarks[-1].label_ if benchmarks else (anchor or post.last_anchor)
    return claims


@dataclass
class _PostContext:
    """What a sentence may lean on from the sentences before it."""

    post_id: str
    text: str
    models: list[Span]
    benchmarks: list[Span]
    scores: list[Span]
    last_model: str = ""  # "it reaches 61.4%": the model named earlier
    last_anchor: str = ""  # "... sits at 74.5%": the test named earlier
    benchmark_claim: bool = False  # the post's label: a figure in a benchmark claim is a result even unanchored

    # Read from the whole text only once a record needs them: most posts with a figure make no record.
    @cached_property
    def self_reported(self) -> bool:
        return bool(SELF_REPORTED.search(self.text))

    @cached_property
    def unnamed_test(self) -> str:
        """What a figure on an unnamed test is on: the post's own trying, else a leaderboard it names."""
        if LEADERBOARD.search(self.text) and not (INTERNAL.search(self.text) or OWN_TRYING.search(self.text)):
            return "leaderboard"
        return "internal evaluation"  # most unnamed tests in benchmark claims are the writer's or a lab's own

    @cached_property
    def relayed(self) -> bool:
        # A source named early, or a link: the result is passed on from somewhere else
        return bool(RELAYED.search(self.text[:200]) or LINK.search(self.text))


def _anchor(sentence: str) -> str:
    if INTERNAL.search(sentence):
        return "internal evaluation"
    return "leaderboard" if LEADERBOARD.search(sentence) else ""


def _sentence_claims(sent: Span, where: tuple[str, int, int], anchor: str, post: _PostContext) -> list[Claim]:
    sent_text, start_char, end_char = where
    scores = [s for s in _within(post.scores, sent)
              if s.label_ in UNITS or s.label_ in ("SOTA", "COMPARISON")]
    if not scores:
        return []
    models = _within(post.models, sent)
    benchmarks = _within(post.benchmarks, sent)
    figures = [s for s in scores if s.label_ in UNITS]
    # A question asks rather than claims, unless it states a figure ("grok 4.1 is #1 on EQ-Bench now??").
    if sent_text.rstrip().endswith("?") and (not figures or ASKING.search(sent_text)):
        return []
    # A sentence with a figure but no test named continues the previous sentence's test ("... sits at 74.5%").
    carried = "" if (benchmarks or anchor) else (post.last_anchor if figures else "")
    if not carried and figures and post.benchmark_claim and not (benchmarks or anchor):
        # "the insane SimpleQA score ... 54.3 OMG!": the test is named later in the post, or not at all
        carried = next((b.label_ for b in post.benchmarks if b.start >= sent.end), "") or UNNAMED
    if not scores or not (benchmarks or anchor or carried):
        return []
    figures = results_only(figures, models, sent, sent_text)
    comparison = next((s for s in scores if s.label_ == "COMPARISON"), None)
    relayed: list[bool] = []  # worked out for the first record of the sentence

    def claim(model: str, benchmark: str, value, unit: str, out_of=None, *, no_number: bool = False) -> Claim:
        if not relayed:
            relayed.append(post.relayed or bool(RELAYED.search(sent_text)))
        return Claim(post.post_id, model, benchmark, value, unit, out_of, "", "", post.self_reported,
                     benchmark == "internal evaluation", no_number, relayed[0], sent_text, start_char, end_char)

    out: list[Claim] = []
    changes: dict[int, str] = {}  # records whose figure is a change ("+3.5%"): against the model's own before
    for fig in figures:
        if fig.label_ == "RANK" and fig.text.lower() in LIST_RANK:
            # "tops SWE-bench Verified, SWE-bench Pro and Terminal-Bench": rank 1 on each test listed after it
            for extra in [b for b in benchmarks if b.start >= fig.end][1:]:
                out.append(claim(_model_for(fig, models, comparison, post.last_model), extra.label_, 1, "rank"))
    for fig in figures:
        value, out_of = values(fig)
        bench = _benchmark_for(fig, benchmarks)
        name = bench.label_ if bench is not None else (anchor or carried)
        name = post.unnamed_test if name == UNNAMED else name
        following = post.text[fig.end_char: fig.end_char + 60]
        if anchor == "internal evaluation" and re.match(r"\s*(on|in|across) (our|my|their|an?|the)\b", following) \
                and INTERNAL.search(following) and (bench is None or bench.start < fig.start):
            name = "internal evaluation"  # "#1 on our internal document-understanding eval"
        if name == "leaderboard" and not benchmarks and post.last_anchor not in ("", "leaderboard",
                                                                                  "internal evaluation"):
            name = post.last_anchor  # "On the independent leaderboard it's #3": the test named just before
        out.append(claim(_model_for(fig, models, comparison, post.last_model), name, value, UNITS[fig.label_],
                         out_of))
        if change_direction(fig):
            changes[id(out[-1])] = change_direction(fig)
    used = {c.benchmark for c in out}
    for bench in benchmarks:
        # A result with no figure of its own: "SOTA on SWE-bench", "beats GPT-4o mini on GSM8K".
        cue = next((s for s in scores if s.label_ in ("SOTA", "COMPARISON") and s.end <= bench.start), None)
        if not figures:
            out.append(claim(_model_for(comparison or bench, models, comparison, post.last_model), bench.label_,
                             None, "", no_number=True))
        elif bench.label_ not in used and cue is not None:
            out.append(claim(_model_for(cue, models, cue, post.last_model), bench.label_, None, "", no_number=True))
    _pair_in_order(out, models, comparison, post.last_model, sent_text)
    out = _both(out, models, sent_text)
    _compare(out, models, sent_text)
    for c in out:
        if id(c) in changes:  # "Claude Opus 4 saw +30%": up on its own earlier score, not on another model
            c.comparator, c.direction = "", changes[id(c)]
    return out


def _model_for(anchor: Span, models: list[Span], comparison: Span | None, last_model: str) -> str:
    """The model a result is about: named before it in the sentence, or carried over from earlier ("it reaches
    61.4%"); a model named after a comparison word ("ahead of Kestrel-1", "beats GPT-5") is the comparator."""
    doc = anchor.doc
    for m in models:  # "DeepSeek-V3 at 38.8%", "GPT-4o's 77": a model right before its figure
        between = [t.lower_ for t in doc[m.end: anchor.start]]
        if m.end <= anchor.start and len(between) <= 2 and all(w in ATTACH_WORDS for w in between):
            return m.label_
    if anchor.label_ == "RANK":  # "#2 Claude Opus 4.5"
        for m in models:
            if m.start == anchor.end:
                return m.label_
    for m in models:  # "88.9% for o3", "40.6 from GPT-5"
        if m.start >= anchor.end and [t.lower_ for t in doc[anchor.end: m.start]] in (["for"], ["by"], ["from"]):
            return m.label_
    before = [m for m in models if m.end <= anchor.start]
    if before:
        nearest = max(before, key=lambda m: m.end)
        if comparison is not None and 0 <= nearest.start - comparison.end <= 2:
            # "A beats B on GPQA with 87%": B right after the comparison word is the rival, not the subject.
            nearest = max([m for m in before if m.end <= comparison.start] or [nearest], key=lambda m: m.end)
        return nearest.label_
    if comparison is not None and anchor is comparison:
        # "our tiny 3B just beat Llama 2 70B": an unnamed subject stays unnamed; "it beats ..." is the last model.
        lead = anchor.doc[anchor.sent.start: anchor.start].text.lower()
        return last_model if re.search(r"\b(it|it's|its|this|this one|the model)\b", lead) else ""
    lead = doc[anchor.sent.start: anchor.start].text
    if last_model and IT_AGAIN.search(lead):
        return last_model  # "It scores 35.2 on MMLU, roughly matching Llama 2 7B"
    after = [m for m in models if m.start >= anchor.end]
    if after and (last_model or comparison is not None) and RIVAL.search(anchor.doc[anchor.end: after[0].start].text):
        return last_model
    return after[0].label_ if after else last_model


def _pair_in_order(claims: list[Claim], models: list[Span], comparison: Span | None, last_model: str,
                   sent_text: str) -> None:
    """"Opus 4.1 vs GPT-5 on Terminal-Bench: 43.2% vs 49.6%": figures listed after the models go with them in order."""
    figures = [c for c in claims if c.value is not None]
    if len(figures) != 2 or not VERSUS.search(sent_text):
        return
    named = list(dict.fromkeys(m.label_ for m in models))
    if len(named) == 1 and comparison is not None and last_model and last_model != named[0]:
        named = [last_model, named[0]]  # "Our 13B beats Mistral Small 3 (8.9 vs 8.4)": the subject came earlier
    if len(named) == 2:
        for claim, model in zip(figures, named, strict=True):
            claim.model = model


def _benchmark_for(fig: Span, benchmarks: list[Span]) -> Span | None:
    """The test a figure belongs to: the one it is "on"/"in" right after it, else the nearest one before it."""
    doc = fig.doc
    for bench in benchmarks:
        if bench.start == fig.end:  # "76.4% SWE-bench Verified, 52.1% Terminal-Bench"
            return bench
    for bench in benchmarks:
        between = [t.lower_ for t in doc[fig.end: bench.start]]
        if bench.start >= fig.end and 1 <= len(between) <= 3 and between[0] in ON_WORDS:
            return bench
    before = [b for b in benchmarks if b.end <= fig.start]
    if before:
        return max(before, key=lambda b: b.end)
    return _nearest(benchmarks, fig)


def _both(claims: list[Claim], models: list[Span], sent_text: str) -> list[Claim]:
    """"A and B both at 92.1": one figure shared by two models gives a record for each."""
    named = list(dict.fromkeys(m.label_ for m in models))
    if len(claims) == 1 and len(named) == 2 and BOTH.search(sent_text):
        first = claims[0]
        second = Claim(**{**asdict(first), "model": named[1] if first.model == named[0] else named[0]})
        first.comparator, second.comparator = second.model, first.model
        first.direction = second.direction = "equal"
        return [first, second]
    return claims


def _compare(claims: list[Claim], models: list[Span], sent_text: str) -> None:
    """Fill comparator and direction: two models with one figure each compare with each other."""
    named = list(dict.fromkeys(m.label_ for m in models))
    direction = _direction(sent_text)
    if len(claims) == 2 and len(named) >= 2 and claims[0].model != claims[1].model and \
            claims[0].benchmark == claims[1].benchmark and claims[0].value is not None and claims[1].value is not None:
        a, b = claims
        a.comparator, b.comparator = b.model, a.model
        if a.value == b.value:
            a.direction = b.direction = "equal"
        else:
            higher_is_better = a.unit != "rank"
            a_wins = (a.value > b.value) == higher_is_better
            a.direction, b.direction = ("up", "down") if a_wins else ("down", "up")
        b.self_reported = False  # the rival's figure is not the writer's own model
        return
    for c in claims:
        others = [m for m in named if m != c.model]
        if c.model in named:  # compare with a model named after this one, if any
            others = [m for m in named[named.index(c.model) + 1:] if m != c.model] or others
        if others and (c.value is None or len(claims) == 1):
            c.comparator = others[0]
        c.direction = direction if (c.comparator or c.value is None or direction in ("down", "equal")) else ""
        if c.value is not None and not c.comparator and direction == "up" and RISING.search(sent_text):
            c.direction = "up"


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        key = (c.model, c.benchmark, c.value, c.unit, c.evidence_start)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
