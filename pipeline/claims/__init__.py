"""Claim records: which model, on which benchmark, what result, against what, and on whose authority.

- `extraction`: reads the records from a tagged Doc's spans, by rules (`extract`, one `ClaimRecord` per claim).

How well it does is measured in `pipeline.evaluation.claims_eval`.
"""
