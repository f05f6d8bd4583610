"""Claim records: which model, on which benchmark, what result, against what, and on whose authority.

- `records`: the record (`Claim`) and the claims CSV's columns;
- `extraction`: reads the records from a tagged Doc's spans, by rules (`extract`), sentence by sentence;
- `figures`: which numbers of the score spans are results, and the direction a signed change states;
- `shapes`: figures in layouts read line by line (markdown tables, before/after figures, "GPQA Diamond: 81.2");
- `no_number`: the one record of a benchmark claim stated with no figure.

How well it does is measured in `pipeline.evaluation.claims_eval`.
"""
