"""CSV output: the tagged table as the CLI writes it, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .analyze import COLUMNS

# OWASP's CSV-injection advice: a cell a spreadsheet would evaluate gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell with a single quote in front when it starts like a formula; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value: object) -> object:
    """The inverse of `neutralise`, for reading a tagged CSV back."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


BOOLEAN_COLUMNS = {"benchmark_claim", "anecdotal", "self_reported", "internal_eval", "no_number", "relayed"}
# Figures written as people write them (77 not 77.0; blank when absent).
FIGURE_COLUMNS = ("value", "out_of", "reference_value")


def _number(value: object) -> str:
    # Figures as written: 1420 not 1420.0, and an absent figure as an empty cell.
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_table(table: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The table exactly as it goes into the CSV: chosen columns, true/false booleans, neutralised text."""
    source = table[columns or [c for c in COLUMNS if c in table.columns]]
    out: dict[str, object] = {}
    for col in source.columns:
        # plain comprehensions over the values, and one new frame: several times faster than Series.map on a
        # function and a column assignment each
        values = source[col]
        if values.dtype == bool or col in BOOLEAN_COLUMNS:
            out[col] = ["true" if v else "false" for v in values.tolist()]
        elif col in FIGURE_COLUMNS:
            out[col] = [_number(v) for v in values.astype(object).tolist()]
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            out[col] = [("'" + v) if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
                        for v in values.tolist()]
        else:
            out[col] = values
    return pd.DataFrame(out, index=source.index, columns=source.columns)


def _cell(value: object, column: str) -> object:
    # What pandas' to_csv writes for one value of csv_table's output: "" for a missing value, the shortest repr
    # of a float, and everything else as text.
    if column in BOOLEAN_COLUMNS or isinstance(value, bool):
        return "true" if value else "false"
    if column in FIGURE_COLUMNS:
        return _number(value)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return neutralise(value)
    return float.__repr__(value) if isinstance(value, float) else str(value)


def csv_rows_bytes(rows: list[dict], columns: list[str]) -> bytes:
    """The CSV records (no header) that `csv_bytes` writes for a table of these rows, made straight from the row
    dicts with the csv module that pandas itself writes through, without building a table (about three times
    faster, which counts in the command line's workers). Tests hold it to the same bytes as `csv_bytes`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([_cell(row[c], c) for c in columns] for row in rows)
    return buffer.getvalue().encode("utf-8")


def csv_bytes(table: pd.DataFrame, columns: list[str] | None = None) -> bytes:
    """UTF-8 CSV bytes as RFC 4180 writes them (CRLF between records); the same input gives the same bytes.

    CRLF matters: Python's csv quotes a field only if it holds a character of the line terminator, so with a bare
    LF terminator a post containing a lone CR would be written unquoted and split in two by every reader.
    """
    buffer = io.StringIO()
    csv_table(table, columns).to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8")


def claims_csv_bytes(claims: pd.DataFrame) -> bytes:
    """The claims CSV: one row per claim record, under the same safety rules as the posts table."""
    return csv_bytes(claims, list(claims.columns))


def read_tagged_csv(source: str | Path | bytes) -> pd.DataFrame:
    """A CSV this project wrote, back as a table: every cell a string, neutralised cells restored."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    table = pd.read_csv(handle, dtype=str, keep_default_na=False, encoding="utf-8")
    for col in table.columns:
        table[col] = table[col].map(restore)
    return table
