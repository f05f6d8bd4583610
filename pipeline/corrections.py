"""A user's corrections of the labels: the corrections file, applying corrections to the tagged table, and the
review queue that puts the posts the model is least sure about first.

The file's schema is fixed (docs/CORRECTIONS.md): one row per corrected post, keyed by `post_id` and the SHA-1 of
its text, so a post whose text changed is never matched by its id alone. `wrong_claims` holds 0-based indices into
that post's claim records, in the order of the claims CSV.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from .analyze import claims_of as extracted_claims_of
from .export import neutralise, restore
from .model.real_labels import text_sha1
from .model.rules import post_label

COLUMNS = ["post_id", "text_sha1", "text", "benchmark_claim", "anecdotal", "model_benchmark_claim",
           "model_anecdotal", "wrong_claims", "corrected_at"]
CORRECTED = "corrected"  # the label_source of a post whose labels a user set
# Columns `apply` adds for the views; like "spans", never written to the posts CSV.
DATA_COLUMNS = ["tagged_label_source", "wrong_claims"]
SHA1_HEX = re.compile(r"[0-9a-f]{40}")
RULES_THRESHOLDS = (0.5, 0.5)  # the rules' scores are 0.05, 0.3, 0.85 or 0.9: 0.5 splits them as the rules do

# A post with no id (a pasted post, an export without ids) is filed under this prefix and its text's SHA-1: every
# correction then has an id, and `train --corrections` keeps one correction per id.
NO_ID = "sha1:"

Key = tuple[str, str]  # (post_id, text_sha1)


@dataclass(frozen=True)
class Correction:
    """One post's labels as a user set them (or confirmed them), with the model's scores at the time."""

    post_id: str
    text_sha1: str
    text: str
    benchmark_claim: bool
    anecdotal: bool
    model_benchmark_claim: float | None = None
    model_anecdotal: float | None = None
    wrong_claims: tuple[int, ...] = ()
    corrected_at: str = ""

    @property
    def key(self) -> Key:
        return (self.post_id, self.text_sha1)

    @property
    def label(self) -> str:
        return post_label(self.benchmark_claim, self.anecdotal)


def now_iso(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def correct(row: Mapping, *, benchmark_claim: bool, anecdotal: bool, wrong_claims: Iterable[int] = (),
            now: datetime | None = None) -> Correction:
    """The correction of one row of the tagged table (as `apply` returns it, or as `analyze` does). The model's
    scores are kept only when the model labelled the post: a rules-only row's scores are the rules' own."""
    source = row.get("tagged_label_source") or row["label_source"]
    scored = str(source).startswith("model")
    text = str(row["text"])
    post_id, sha1 = key_of(row)
    return Correction(
        post_id=post_id, text_sha1=sha1, text=text,
        benchmark_claim=bool(benchmark_claim), anecdotal=bool(anecdotal),
        model_benchmark_claim=float(row["benchmark_claim_score"]) if scored else None,
        model_anecdotal=float(row["anecdotal_score"]) if scored else None,
        wrong_claims=tuple(sorted(set(int(i) for i in wrong_claims))), corrected_at=now_iso(now))


def merge(held: Mapping[Key, Correction], new: Iterable[Correction]) -> dict[Key, Correction]:
    """`held` with `new` added; where both correct the same post, the later `corrected_at` wins (`new` on a tie)."""
    out = dict(held)
    for c in new:
        old = out.get(c.key)
        if old is None or _when(c) >= _when(old):
            out[c.key] = c
    return out


def _when(c: Correction) -> datetime:
    return datetime.fromisoformat(c.corrected_at.replace("Z", "+00:00")).astimezone(UTC)


# --- the file -------------------------------------------------------------------------------------------------------

def _score_cell(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def to_csv(corrections: Iterable[Correction]) -> bytes:
    """The corrections file: UTF-8, CRLF between records, every text cell under the export's formula guard."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in corrections:
        writer.writerow([neutralise(c.post_id), c.text_sha1, neutralise(c.text), int(c.benchmark_claim),
                         int(c.anecdotal), _score_cell(c.model_benchmark_claim), _score_cell(c.model_anecdotal),
                         ";".join(str(i) for i in c.wrong_claims), c.corrected_at])
    return buffer.getvalue().encode("utf-8")


def download_name(now: datetime | None = None) -> str:
    return f"hype-lens-corrections-{(now or datetime.now(UTC)).strftime('%Y-%m-%dT%H%MZ')}.csv"


@dataclass
class CorrectionsRead:
    """What one corrections file gave: its corrections (the latest per post), and one line per rejected row."""

    source: str
    corrections: list[Correction] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    superseded: int = 0  # rows for a post that a later row of the same file corrected again
    error: str = ""  # the whole file could not be used

    def summary(self, matched: tuple[int, int] | None = None) -> str:
        """One line: corrections read (and, given `matched`, how many match a post here and how many none),
        earlier rows replaced, rows rejected; or what is wrong with the file."""
        if self.error:
            return f"{self.source}: error: {self.error}"
        found = f", {matched[0]} matching a post here and {matched[1]} not found" if matched else ""
        parts = [f"{self.source}: {len(self.corrections)} correction(s){found}"]
        if self.superseded:
            parts.append(f"{self.superseded} earlier row(s) for the same post replaced by a later one")
        if self.rejected:
            parts.append(f"rejected {len(self.rejected)} row(s)")
        return "; ".join(parts)


class _Bad(ValueError):
    pass


def _flag(value: str, column: str) -> bool:
    if value not in ("0", "1"):
        raise _Bad(f"{column} is {value!r}, not 0 or 1")
    return value == "1"


def _score(value: str, column: str) -> float | None:
    if value == "":
        return None
    try:
        score = float(value)
    except ValueError:
        raise _Bad(f"{column} is {value!r}, not a number") from None
    if not 0.0 <= score <= 1.0:
        raise _Bad(f"{column} is {value}, outside 0..1")
    return score


def _indices(value: str) -> tuple[int, ...]:
    if value.strip() == "":
        return ()
    parts = value.split(";")
    if not all(p.strip().isdigit() for p in parts):
        raise _Bad(f"wrong_claims is {value!r}, not ;-joined claim numbers")
    return tuple(sorted({int(p) for p in parts}))


def _timestamp(value: str) -> str:
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Bad(f"corrected_at is {value!r}, not an ISO 8601 time") from None
    if when.tzinfo is None:
        raise _Bad(f"corrected_at is {value!r}, with no time zone")
    return now_iso(when)


def _row(record: dict) -> Correction:
    sha1 = record["text_sha1"].strip().lower()
    if not SHA1_HEX.fullmatch(sha1):
        raise _Bad(f"text_sha1 is {record['text_sha1'][:48]!r}, not 40 hex digits")
    # The formula guard's quote is taken off where the hash says it was added: a text that really starts with
    # a quote and a formula character ("'=") is kept as written.
    text = next((t for t in (record["text"], restore(record["text"])) if text_sha1(t) == sha1), None)
    if not record["text"]:
        raise _Bad("no text")
    if text is None:
        raise _Bad("the text does not hash to text_sha1 (the text was changed)")
    return Correction(
        post_id=record["post_id"], text_sha1=sha1, text=text,
        benchmark_claim=_flag(record["benchmark_claim"], "benchmark_claim"),
        anecdotal=_flag(record["anecdotal"], "anecdotal"),
        model_benchmark_claim=_score(record["model_benchmark_claim"], "model_benchmark_claim"),
        model_anecdotal=_score(record["model_anecdotal"], "model_anecdotal"),
        wrong_claims=_indices(record["wrong_claims"]), corrected_at=_timestamp(record["corrected_at"]))


def read(source: str | Path | bytes | IO, *, name: str | None = None) -> CorrectionsRead:
    """A corrections file, checked row by row: a row that breaks the schema, or whose text does not hash to its
    text_sha1, is rejected with one line naming its row (1-based data row) and post id; the rest are read. Where
    rows repeat a post (same post_id and text), the latest `corrected_at` wins."""
    if name is None:
        name = Path(source).name if isinstance(source, str | Path) else getattr(source, "name", "corrections")
    result = CorrectionsRead(source=str(name))
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        # utf-8-sig: a spreadsheet that saved the file may have put a byte-order mark in front
        table = pd.read_csv(handle, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        result.error = "not valid UTF-8"
        return result
    except pd.errors.EmptyDataError:
        result.error = "an empty file"
        return result
    except pd.errors.ParserError as e:
        result.error = "malformed CSV: " + " ".join(str(e).split())
        return result
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        result.error = "not a corrections file: no column " + ", ".join(missing)
        return result
    latest: dict[Key, Correction] = {}
    for number, record in enumerate(table[COLUMNS].to_dict("records"), 1):
        record = {k: v if k == "text" else restore(v) for k, v in record.items()}
        try:
            c = _row(record)
        except _Bad as e:
            who = f" (post {record['post_id']})" if record["post_id"] else ""
            result.rejected.append(f"{result.source}: row {number}{who}: {e}")
            continue
        if c.key in latest:
            result.superseded += 1
        latest = merge(latest, [c])
    result.corrections = list(latest.values())
    return result


# --- applying corrections to the tagged table ----------------------------------------------------------------------

def key_of(row: Mapping) -> Key:
    """The key a post's correction is kept under: its id (`sha1:` and the hash for a post with none) and the SHA-1
    of its text."""
    sha1 = text_sha1(str(row["text"]))
    return (str(row["post_id"]) or NO_ID + sha1, sha1)


def _matching(table: pd.DataFrame, keys: Iterable[Key]) -> dict[int, Key]:
    """The rows of `table` (by position) that hold one of `keys`. Only rows whose id is among the keys' are hashed:
    with a few corrections, the table's texts are not hashed on every rerun."""
    wanted = set(keys)
    if not wanted or table.empty:
        return {}
    ids = {post_id for post_id, _ in wanted}
    candidate = table["post_id"].isin(ids)
    if any(post_id.startswith(NO_ID) for post_id in ids):
        candidate |= table["post_id"] == ""
    rows = np.flatnonzero(candidate.to_numpy())
    keys_here = ((int(i), key_of(row)) for i, row in zip(rows, table[["post_id", "text"]].iloc[rows].to_dict(
        "records"), strict=True))
    return {i: key for i, key in keys_here if key in wanted}


def _wrong_claims(marked: dict[int, tuple[int, ...]], index: pd.Index) -> pd.Series:
    # a column of tuples, filled cell by cell: pandas would read a list of equal-length tuples as a 2-D array
    cells = np.empty(len(index), dtype=object)
    cells.fill(())
    for i, wrong in marked.items():
        cells[i] = wrong
    return pd.Series(cells, index=index, dtype=object)


def apply(table: pd.DataFrame, corrections: Mapping[Key, Correction] | Iterable[Correction]) -> pd.DataFrame:
    """The tagged table (as `analyze` gives it) with the corrections in it: a corrected post's labels
    (benchmark_claim, anecdotal and the `label` built from them) are the user's, its `label_source` is 'corrected',
    and its `claim_count` leaves out the claim records marked wrong. Scores stay the model's. Adds
    `tagged_label_source` (the source before any correction) and `wrong_claims` (per post, the positions of its
    claim records marked wrong) for the views; neither is written to the posts CSV. A correction matches a row only
    by post id and text hash both. Only the corrected rows are touched, so the cost follows the corrections."""
    by_key = dict(corrections) if isinstance(corrections, Mapping) else {c.key: c for c in corrections}
    hits = _matching(table, by_key)
    found = [by_key[key] for key in hits.values()]
    extracted = [len(table["claims"].iat[i]) for i in hits]
    wrong = {i: tuple(w for w in c.wrong_claims if w < n) for i, c, n in zip(hits, found, extracted, strict=True)}
    out = table.assign(tagged_label_source=table["label_source"], wrong_claims=_wrong_claims(wrong, table.index))
    if not hits:
        return out
    rows = list(hits)
    changes = {"benchmark_claim": [c.benchmark_claim for c in found], "anecdotal": [c.anecdotal for c in found],
               "label": [c.label for c in found], "label_source": [CORRECTED] * len(found),
               "claim_count": [n - len(wrong[i]) for i, n in zip(rows, extracted, strict=True)]}
    for column, values in changes.items():
        updated = out[column].copy()
        updated.iloc[rows] = values
        out[column] = updated
    return out


def claims_of(table: pd.DataFrame) -> pd.DataFrame:
    """The claim records of the posts in `table` (analyze.claims_of), with `marked_wrong` set on those a user
    marked wrong. They are kept, flagged, so the claims CSV still lists every record extracted."""
    claims = extracted_claims_of(table)
    wrong = table["wrong_claims"].tolist() if "wrong_claims" in table.columns else [()] * len(table)
    marks = [i in w for records, w in zip(table["claims"].tolist(), wrong, strict=True) for i in range(len(records))]
    return claims.assign(marked_wrong=pd.Series(marks, index=claims.index, dtype=bool))


def matched(table: pd.DataFrame, corrections: Iterable[Correction]) -> tuple[int, int]:
    """How many of `corrections` match a post of `table` (by id and text hash), and how many match none."""
    keys = [c.key for c in corrections]
    present = set(_matching(table, keys).values())
    found = sum(1 for k in keys if k in present)
    return found, len(keys) - found


def claim_choice(claim: object, index: int) -> str:
    """One claim record in a line, to pick in a list: number, model, benchmark, result and the evidence."""
    value = getattr(claim, "value", None)
    result = "no number" if value is None else f"{value:g} {getattr(claim, 'unit', '')}".strip()
    model = getattr(claim, "model", "") or "(unnamed model)"
    return f"{index + 1}. {model} · {getattr(claim, 'benchmark', '')} · {result}: “{getattr(claim, 'evidence', '')}”"


# --- the review queue -----------------------------------------------------------------------------------------------

def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def review_queue(table: pd.DataFrame, n: int = 20, *, thresholds: tuple[float, float] = RULES_THRESHOLDS,
                 skip: Iterable[Key] = ()) -> pd.DataFrame:
    """The `n` uncorrected posts the labels are least sure of, least sure first, with their `margin`.

    A post's margin is the distance, in log-odds, from its score to the threshold of whichever label is closer to
    flipping: 0 is a score on the threshold. Posts the model scored come first, by their margin against the
    model's `thresholds`. Posts labelled by the rules alone (no model scores) follow, by the same distance from
    0.5 on the rules' coarse scores (a named benchmark with no result, praise with no first-hand use, are nearer
    than a clear claim or a plain post); their ties keep the table's order. Corrected posts and `skip` are left out.
    """
    open_rows = np.array(table["label_source"] != CORRECTED, dtype=bool)
    open_rows[list(_matching(table, skip))] = False
    scores = table[["benchmark_claim_score", "anecdotal_score"]].to_numpy(dtype=float)
    rules_only = np.array(table["label_source"] == "rules", dtype=bool)
    cuts = np.where(rules_only[:, None], np.asarray(RULES_THRESHOLDS), np.asarray(thresholds, dtype=float))
    margin = np.abs(_logit(scores) - _logit(cuts)).min(axis=1) if len(table) else np.zeros(0)
    rows = np.flatnonzero(open_rows)
    # model-scored first, then by margin, then in the table's order
    order = rows[np.lexsort((rows, margin[rows], rules_only[rows]))][:n]
    return table.iloc[order].assign(margin=margin[order].round(4))
