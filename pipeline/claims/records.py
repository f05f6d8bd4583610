"""The claim record: one result a post states, with its footing and where in the post it is said."""

from __future__ import annotations

from dataclasses import dataclass

CLAIM_COLUMNS = ["post_id", "model", "benchmark", "value", "unit", "out_of", "comparator", "direction",
                 "self_reported", "internal_eval", "no_number", "relayed", "evidence", "evidence_start",
                 "evidence_end"]


@dataclass
class Claim:
    post_id: str
    model: str
    benchmark: str
    value: float | None
    unit: str
    out_of: float | None
    comparator: str
    direction: str
    self_reported: bool
    internal_eval: bool
    no_number: bool
    relayed: bool
    evidence: str
    evidence_start: int
    evidence_end: int
