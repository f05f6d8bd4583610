"""The `score_mentions` component: writes doc.spans["scores"] (result figures and result words, label = PERCENT,
ELO, FRACTION, RANK, PERCENTILE, SOTA, COMPARISON or SCORE). Runs after benchmarks, models and cues: it reads
their spans."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .matching import GatedMatcher, lexeme_flag_patterns, lookup_lemma

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
# Words right before "#1" that make it a list marker, not a rank ("Takeaway #1", "Tip #2", "Day #3").
LIST_MARKER_BEFORE = {"takeaway", "takeaways", "tip", "tips", "step", "lesson", "lessons", "reason", "reasons", "point",
                      "rule", "part", "day", "chapter", "episode", "issue", "item", "thread", "pr", "bug", "ticket",
                      "question", "q", "slide", "myth", "mistake", "trick", "hack", "example", "fact", "note"}
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
            if label == "RANK" and start and doc[start].text.startswith("#") and \
                    doc[start - 1].lower_ in LIST_MARKER_BEFORE:
                continue  # "Takeaway #1": a list marker
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
