"""Claims checked against the public record: a reference table of reported benchmark scores, built from two public
sources (`sources.py` reads them, `names.py` resolves their names to the lexicons' canonical names, `build.py`
writes `data/reference_scores.csv`), and the check of a claim record against it (`check.py`). Schema, licences and
the check's policy: `data/README.md`."""
