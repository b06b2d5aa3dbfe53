"""Text columns -> typed columns, and where each record of a CSV file starts: shared by `load` and `validate`.

Every function works on whole columns (Arrow or numpy, never a Python loop per row), so a million rows stay fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from stances.schema import LIST_SEPARATOR

TRUE_VALUES = frozenset({"true", "True", "TRUE", "1"})
FALSE_VALUES = frozenset({"false", "False", "FALSE", "0"})
INTEGER = r"[+-]?\d+"


def record_lines(raw: bytes) -> np.ndarray:
    """The 1-based file line on which each record of the CSV text `raw` starts, the header first.

    A quoted cell may hold newlines, so a record can span several lines: only a newline outside quotes ends one
    (a doubled quote inside a cell counts twice and leaves the parity alone). Blank lines hold no record, as the
    readers skip them.
    """
    data = np.frombuffer(raw, dtype=np.uint8)
    newlines = np.flatnonzero(data == 0x0A)
    quotes = np.flatnonzero(data == 0x22)
    outside = np.searchsorted(quotes, newlines) % 2 == 0 if quotes.size else np.ones(newlines.size, dtype=bool)
    ends = np.flatnonzero(outside)  # index among all newlines of each newline that ends a record
    starts = newlines[ends] + 1  # byte where the next record starts
    keep = starts < data.size
    ends, starts = ends[keep], starts[keep]
    following = data[starts]
    second = data[np.minimum(starts + 1, data.size - 1)]
    blank = (following == 0x0A) | ((following == 0x0D) & (second == 0x0A))
    lines = ends[~blank] + 2  # the line after newline number k (0-based) is line k + 2
    first = [] if data.size == 0 or data[0] == 0x0A else [1]
    return np.concatenate([np.array(first, dtype=np.int64), lines.astype(np.int64)])


def positions_in(values: pd.Series, keys: pd.Series) -> np.ndarray:
    """The position of each of `values` in `keys` (unique), -1 where absent: Arrow's hash lookup, where pandas' map
    and value_counts take seconds at 300k rows."""
    found = pc.index_in(pa.array(values, from_pandas=True), value_set=pa.array(keys, from_pandas=True))
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def line_numbers(frame: pd.DataFrame) -> np.ndarray:
    """One line per row, the header being line 1: the file lines of a table whose records span no extra lines."""
    return np.arange(len(frame)) + 2


def arrow_text(column: pd.Series | pd.Index) -> pa.Array:
    """A column as one Arrow string array, missing values as "" (no copy for a column Arrow already holds)."""
    values = pa.array(column, from_pandas=True)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = pc.cast(values, pa.large_string())
    values = pc.fill_null(values, "")
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def is_blank(column: pd.Series) -> pd.Series:
    """True where the text is empty or only whitespace (`column.str.strip() == ""`), by Arrow without stripping a
    copy of every text when the column holds Arrow text."""
    if not isinstance(column.array, pd.arrays.ArrowStringArray):
        return column.str.strip().eq("")
    values = pa.array(column, from_pandas=True)
    blank = pc.or_(pc.equal(pc.utf8_length(values), 0), pc.utf8_is_space(values))
    return pd.Series(pc.fill_null(blank, False).to_numpy(zero_copy_only=False), index=column.index, dtype=bool)


def is_in(column: pd.Series, values: pd.Series | Iterable[str]) -> pd.Series:
    """`column.isin(values)`, computed by Arrow: pandas' `isin` on Arrow-backed text loops in Python over `values`."""
    try:
        found = pc.is_in(pa.array(column, from_pandas=True), value_set=pa.array(values, from_pandas=True))
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return column.isin(values)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=column.index, dtype=bool)


def parse_dates(column: pd.Series) -> pd.Series:
    """ISO dates (YYYY-MM-DD) to datetimes; anything else to NaT."""
    return pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")


def parse_integers(column: pd.Series) -> pd.Series:
    """Integer text to nullable integers; anything else, or beyond 64 bits, to <NA>."""
    ok = column.str.fullmatch(INTEGER).fillna(False).to_numpy(dtype=bool)
    text = pc.if_else(ok, pc.replace_substring_regex(pa.array(column, from_pandas=True), r"^\+", ""), None)
    try:
        numbers = pc.cast(text, pa.int64())
    except pa.ArrowInvalid:  # a number too big for 64 bits, or non-ASCII digits
        numbers = pa.array([_int64_or_none(value) for value in text.to_pylist()], type=pa.int64())
    values = pc.fill_null(numbers, 0).to_numpy(zero_copy_only=False)
    missing = numbers.is_null().to_numpy(zero_copy_only=False)
    return pd.Series(pd.arrays.IntegerArray(values, missing), index=column.index)


def _int64_or_none(text: str | None) -> int | None:
    if text is None or not text.isascii():
        return None
    number = int(text)
    return number if -(2**63) <= number < 2**63 else None


def parse_booleans(column: pd.Series) -> pd.Series:
    """`true`/`false` (and `True`, `TRUE`, `1`, `0` …) to nullable booleans; anything else to <NA>."""
    truth = column.isin(TRUE_VALUES)
    return truth.where(truth | column.isin(FALSE_VALUES)).astype("boolean")


def split_ids(value: object) -> list[str]:
    """`"milley; sullivan"` -> `["milley", "sullivan"]`: a `;`-separated list cell of ids, blanks dropped."""
    return [part.strip() for part in str(value or "").split(LIST_SEPARATOR) if part.strip()]


PARSERS: dict[str, Callable[[pd.Series], pd.Series]] = {
    "date": parse_dates,
    "integer": parse_integers,
    "boolean": parse_booleans,
}
