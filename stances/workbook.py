"""A debate as one Excel workbook, one sheet per table: the shape many researchers keep coded data in.

`write_workbook` writes every table (sheet named after the table, header row = the format's columns, numbers and
dates as Excel numbers and dates, text as text); `stances.importers.sheet` reads the same shape back, so a debate
exported with `stances export --format workbook` imports unchanged (tests/test_import_sheet.py holds the round trip).
Text is never turned into a formula: a cell starting with `=`, `+`, `-` or `@` is stored as text with Excel's
quote-prefix style, so Excel shows it as written and keeps it text when edited, and the cell's value stays exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import IO, Any

import pandas as pd

from stances import schema

EXCEL_MAX_ROWS = 1_048_576
# Formula safety, for every spreadsheet the tool writes (this workbook, the export's CSV and xlsx): a text cell that
# starts with one of these gets Excel's text prefix (an apostrophe in CSV), so no spreadsheet runs it as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# xlsxwriter never turns a string into a formula, link or number: every text cell is written as text.
SAFE_BOOK: dict[str, Any] = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


class WorkbookTooLarge(ValueError):
    """A table has more rows than an Excel sheet holds."""


def write_workbook(tables: Mapping[str, pd.DataFrame], stream: IO[bytes]) -> None:
    """Write `tables` (typed, as in `Debate`, or text) to `stream` as an .xlsx with one sheet per table, in format
    order; raise `WorkbookTooLarge` before writing anything when a table does not fit a sheet."""
    import xlsxwriter

    names = [t for t in schema.ALL_TABLES if t in tables]
    for name in names:
        if len(tables[name]) > EXCEL_MAX_ROWS - 1:
            raise WorkbookTooLarge(
                f"{name} has {len(tables[name]):,} rows; an Excel sheet holds {EXCEL_MAX_ROWS - 1:,} below its header"
            )
    book = xlsxwriter.Workbook(stream, SAFE_BOOK)
    header = book.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    as_text = book.add_format({"quote_prefix": True})
    for name in names:
        frame = tables[name]
        sheet = book.add_worksheet(name)
        columns = schema.field_names(name)
        kinds = {spec["name"]: spec["type"] for spec in schema.fields(name)}
        sheet.write_row(0, 0, columns, header)
        sheet.freeze_panes(1, 0)
        for number, column in enumerate(columns):
            sheet.set_column(number, number, 12 if kinds[column] != "string" else 24)
        values = [frame[c] if c in frame.columns else pd.Series([""] * len(frame), index=frame.index) for c in columns]
        for row, cells in enumerate(zip(*values, strict=True), start=1):
            for col, (column, value) in enumerate(zip(columns, cells, strict=True)):
                _write_cell(sheet, row, col, kinds[column], value, day=day, as_text=as_text)
    book.close()


def _write_cell(sheet: Any, row: int, col: int, kind: str, value: Any, *, day: Any, as_text: Any) -> None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return
    if kind == "date":
        when = pd.Timestamp(value) if not isinstance(value, str) else _parsed_day(value)
        if when is not None:
            sheet.write_datetime(row, col, when.to_pydatetime(), day)
            return
    elif kind == "integer":
        number = _integer(value)
        if number is not None:
            sheet.write_number(row, col, number)
            return
    elif kind == "boolean" and str(value).lower() in ("true", "false", "1", "0"):
        sheet.write_boolean(row, col, str(value).lower() in ("true", "1"))
        return
    text = str(value)
    if text == "":
        return
    sheet.write_string(row, col, text, as_text if text.startswith(FORMULA_STARTS) else None)


def _parsed_day(text: str) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(dt.date.fromisoformat(text))
    except ValueError:
        return None


def _integer(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None
