"""The keyword baseline every model is measured against: a few regular expressions, no spaCy, no model.

It flags a benchmark claim when a post names a benchmark or uses benchmark wording next to a figure, and an
anecdotal endorsement when it uses raving or first-hand wording. It is deliberately simple: it is the bar.
"""

from __future__ import annotations

import re

BENCHMARK_WORDS = re.compile(
    r"\b(mmlu(-pro)?|humaneval|mbpp|swe-?bench|gpqa|arc-agi|chatbot arena|lmsys|lmarena|aime|gsm8k|math-500|"
    r"hellaswag|mt-bench|alpacaeval|livebench|livecodebench|aider|humanity'?s last exam|mmmu|codeforces|"
    r"frontiermath|terminal-bench|tau-bench|osworld|simpleqa|ifeval|bar exam|usmle|lsat|leaderboard|benchmarks?|"
    r"evals?|sota|state of the art|percentile|elo)\b", re.I)
FIGURE = re.compile(r"\d+(\.\d+)?\s?%|\b\d{2,4}(\.\d+)?\b|#1\b")
RAVE_WORDS = re.compile(
    r"\b(blown away|mind[- ]?blow(n|ing)|insane|game[- ]?changer|wow|holy|i tried|tried it|been using|just built|"
    r"impressed|amazed|amazing|can'?t believe|next level|beast|magic|incredible|love it|stunn(ed|ing))\b", re.I)


def benchmark_claim(text: str) -> bool:
    return bool(BENCHMARK_WORDS.search(text) and FIGURE.search(text))


def anecdotal(text: str) -> bool:
    return bool(RAVE_WORDS.search(text))
