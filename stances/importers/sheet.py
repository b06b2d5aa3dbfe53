"""A workbook with one sheet per table (as `stances export --format workbook` writes) -> a stances debate.

Sheets are found by table name (`statements`) or title (`Statement sources`), ignoring case; the first row holds
the column names. Excel dates become YYYY-MM-DD, whole numbers integers, TRUE/FALSE `true`/`false`; empty rows
are skipped. A sheet or column the format does not know is dropped (and said); a missing optional column is empty.

Entry point: `read(path) -> Imported`; then `folder.write_debate(imported, out)`.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from stances import schema
from stances.importers.folder import Imported, InputError, debate_metadata, text_table
from stances.problems import Problem
from stances.spelling import folded, slug

# A debate without context events is still a debate; every other table is needed.
OPTIONAL_SHEETS = ("events", *schema.OPTIONAL_TABLES)


def read(path: Path | str) -> Imported:
    """The debate in the workbook `path`; raise `InputError` with located problems when it cannot be."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    file = path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(
            [Problem(code="unreadable-input", file=file, message=f"is not an Excel workbook (.xlsx): {exc}")]
        ) from None
    try:
        sheets = {_sheet_key(name): name for name in book.sheetnames}
        tables: dict[str, pd.DataFrame] = {}
        problems: list[Problem] = []
        mapped: list[str] = []
        dropped: list[str] = []
        for table in schema.ALL_TABLES:
            name = sheets.pop(_sheet_key(table), None) or sheets.pop(_sheet_key(schema.TABLES[table]["title"]), None)
            if name is None:
                if table not in OPTIONAL_SHEETS:
                    problems.append(
                        Problem(
                            code="missing-input-table",
                            file=file,
                            field=table,
                            message=f"no sheet named {table!r} (sheets: {', '.join(book.sheetnames)})",
                        )
                    )
                continue
            frame, found, unknown = _sheet(book[name], table, file=file, name=name)
            problems += found
            if frame is not None:
                tables[table] = frame
                mapped.append(f"sheet {name!r} -> {schema.file_name(table)}: {len(frame):,} row(s)")
            if unknown:
                dropped.append(f"column(s) {', '.join(map(repr, unknown))} of sheet {name!r} (not in the format)")
        for leftover in sheets.values():
            dropped.append(f"sheet {leftover!r} (not a table of the format)")
    finally:
        book.close()
    if problems:
        raise InputError(problems)
    if "events" not in tables:
        mapped.append("no events sheet: the debate has no context events")
    tables.setdefault("events", text_table("events"))
    return Imported(
        tables=tables,
        metadata=debate_metadata(
            slug(path.stem, fallback="debate"),
            path.stem,
            f"Imported by `stances import sheet` from the workbook {path.name}.",
        ),
        mapped=tuple(mapped),
        dropped=tuple(dropped),
    )


def _sheet_key(name: str) -> str:
    return folded(name).replace(" ", "_").replace("-", "_")


def _sheet(worksheet: Any, table: str, *, file: str, name: str) -> tuple[pd.DataFrame | None, list[Problem], list[str]]:
    """One sheet as a text table of the format, the problems found, and the columns the format does not know."""
    rows = [tuple(cell_text(v) for v in row) for row in worksheet.iter_rows(values_only=True)]
    where = f"{file} [{name}]"
    if not rows:
        return (
            None,
            [
                Problem(
                    code="missing-input-table",
                    file=where,
                    line=1,
                    message=f"sheet is empty; expected a header row: {', '.join(schema.field_names(table))}",
                )
            ],
            [],
        )
    header = [h.strip() for h in rows[0]]
    while header and header[-1] == "":
        header.pop()
    known = schema.field_names(table)
    required = {s["name"] for s in schema.fields(table) if s.get("constraints", {}).get("required")}
    problems = [
        Problem(code="missing-input-table", file=where, line=1, field=column, message="column is missing")
        for column in known
        if column in required and column not in header
    ]
    seen: set[str] = set()
    for column in header:
        if column in seen and column in known:
            problems.append(
                Problem(code="missing-input-table", file=where, line=1, field=column, message="column appears twice")
            )
        seen.add(column)
    if problems:
        return None, problems, []
    width = len(header)
    body = [row[:width] + ("",) * (width - len(row)) for row in rows[1:]]
    body = [row for row in body if any(cell.strip() for cell in row)]
    frame = pd.DataFrame(body, columns=header, dtype=object) if body else pd.DataFrame(columns=header)
    unknown = [c for c in header if c not in known and c != ""]
    return text_table(table, frame[[c for c in header if c in known]]), [], unknown


def cell_text(value: object) -> str:
    """A cell's value as the format's text: dates as YYYY-MM-DD, whole numbers without `.0`, booleans true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
