"""Debate tables -> downloadable files: CSV, Excel, JSON, JSON Lines and a zipped data package of the filtered rows.

Pure: every writer takes the tables and a binary stream and writes to nothing else, so the app can hand the bytes
to a download button and the CLI can stream to disk. Big exports are written in chunks, so memory stays at the
export table plus one chunk.

Spreadsheet safety (OWASP "CSV injection"): in CSV and Excel output, a text cell starting with `=`, `+`, `-`, `@`,
a tab or a carriage return gets a leading apostrophe, so no spreadsheet runs it as a formula. Numeric columns
(`position`) stay numbers. JSON and the data package carry the data verbatim: they are read by programs, and the
package must round-trip exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from stances import package, query, schema, sheetxml
from stances.columns import arrow_text
from stances.model import Debate, DebateMeta, doi_url
from stances.package import Progress
from stances.query import Filters
from stances.workbook import EXCEL_MAX_ROWS, FORMULA_STARTS, SAFE_BOOK

FORMATS = ("csv", "xlsx", "json", "jsonl", "package", "workbook", "sources", "readme")
# Formats that come as a second file beside the CSV: the long sources table and the README (licence, citation,
# columns), so the CSV itself stays a plain table that pandas, R and Excel read as is.
SCOPES = ("view", "all")
# The same starts as a regular expression for Arrow (RE2): only the dash needs escaping inside the brackets.
FORMULA_PATTERN = "^[" + "".join("\\-" if start == "-" else start for start in FORMULA_STARTS) + "]"
# A UTF-8 byte-order mark makes Excel read the file as UTF-8 (without it, names in Cyrillic turn to mojibake);
# pandas (`read_csv`), R (`readr`, `read.csv(fileEncoding = "UTF-8-BOM")`) and Python's `utf-8-sig` all skip it.
BOM = b"\xef\xbb\xbf"
CHUNK_ROWS = package.CHUNK_ROWS


class ExportRefused(ValueError):
    """An export that cannot be written as asked: the message says why and what to do instead."""


class ExportTooLarge(ExportRefused):
    """The rows do not fit the chosen format (an Excel sheet holds at most 1,048,575 rows below its header)."""


@dataclass(frozen=True, kw_only=True)
class ExportOptions:
    """What to export and how. `scope="all"` ignores the filters; `exported_at` (UTC) defaults to now."""

    format: str = "csv"
    filters: Filters = field(default_factory=Filters)
    scope: str = "view"
    bom: bool = True
    exported_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"unknown export format {self.format!r}; known: {', '.join(FORMATS)}")
        if self.scope not in SCOPES:
            raise ValueError(f"unknown export scope {self.scope!r}; known: {', '.join(SCOPES)}")

    def effective_filters(self) -> Filters:
        """The filters the export applies: none for the whole dataset."""
        return self.filters if self.scope == "view" else Filters()

    def timestamp(self) -> dt.datetime:
        """When the export was made, in UTC, to the second."""
        when = self.exported_at or dt.datetime.now(dt.UTC)
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return when.astimezone(dt.UTC).replace(microsecond=0)


def export_file_name(meta: DebateMeta, fmt: str, today: dt.date) -> str:
    """`ukraine-talks-2022_v0.1.0_2026-11-25.csv`: the debate, its dataset version and the export date.

    Always a bare file name: the name and version come from the data, so anything but letters, digits, `.`, `_`
    and `-` becomes `-`, and a name cannot start with a dot (no `../`, no absolute path, no hidden file)."""
    version = f"_v{meta.version}" if meta.version else ""
    suffix = {
        "package": "_package.zip",
        "workbook": "_workbook.xlsx",
        "sources": "_sources.csv",
        "readme": "_README.txt",
    }.get(fmt, f".{fmt}")
    return confined_name(f"{meta.name}{version}") + f"_{today.isoformat()}{suffix}"


def confined_name(text: str) -> str:
    """`text` as one safe path component (see `export_file_name`); "debate" when nothing usable is left."""
    name = re.sub(r"\.{2,}", ".", re.sub(r"[^A-Za-z0-9._-]+", "-", text)).lstrip(".-")
    return name[:100] or "debate"


def neutralise(value: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def neutralise_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` ready for a spreadsheet: text cells neutralised, dates as ISO text, numbers untouched."""
    out = {}
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
            out[name] = column
            continue
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d").fillna("")
            continue
        text = column.fillna("").astype(str)
        out[name] = text.where(~text.str.startswith(FORMULA_STARTS), "'" + text)
    return pd.DataFrame(out, index=frame.index)


def export_statements(debate: Debate, options: ExportOptions) -> pd.DataFrame:
    """The statements the export holds: those passing the filters (or all, for `scope="all"`), in date order."""
    return query.apply(debate, options.effective_filters())


def export_rows(debate: Debate, options: ExportOptions) -> pd.DataFrame:
    """The export table: `query.table_rows` of the exported statements."""
    return query.table_rows(debate, export_statements(debate, options))


def about(debate: Debate, options: ExportOptions, *, rows: int) -> dict[str, str]:
    """What the export is, for the "about" sheet, the JSON header and the package README: label -> text."""
    meta = debate.meta
    active = options.effective_filters().active()
    info = {
        "Dataset": meta.title,
        "Name": meta.name,
        "Version": meta.version,
        "Licence": meta.licence,
        "Licence URL": meta.licence_url,
        "Scope": "current view (filtered)" if options.scope == "view" else "whole dataset",
        "Filters": "; ".join(f"{k}: {v}" for k, v in active.items()) if active else "none",
        "Exported at (UTC)": options.timestamp().isoformat().replace("+00:00", "Z"),
        "Statements": str(rows),
        "Citation": meta.citation,
    }
    if meta.identifier:
        info["DOI" if doi_url(meta.identifier) else "Identifier"] = meta.identifier
    if meta.homepage:
        info["Homepage"] = meta.homepage
    if meta.repository:
        info["Repository"] = meta.repository
    return info


def readme_text(debate: Debate, options: ExportOptions, *, rows: int) -> str:
    """The README beside a CSV export: what the files are, their licence and citation, and every column's meaning
    (from `query.TABLE_COLUMN_MEANINGS` and `query.SOURCE_ROW_MEANINGS`, the one place they are written)."""
    day = options.timestamp().date()
    statements_file = export_file_name(debate.meta, "csv", day)
    sources_file = export_file_name(debate.meta, "sources", day)
    info = about(debate, options, rows=rows)
    width = max(len(k) for k in info) + 1
    lines = [f"{debate.meta.title}: exported statements", ""]
    lines += [f"{key + ':':<{width}} {value or '-'}" for key, value in info.items()]
    if not (debate.meta.identifier or debate.meta.homepage or debate.meta.repository):
        lines.append(f"{'Address:':<{width}} none recorded (no DOI, web page or repository in datapackage.json)")
    lines += [
        "",
        "Files",
        f"  {statements_file}: one row per statement.",
        f"  {sources_file}: one row per statement and source (download it beside the statements file).",
        "Both are UTF-8 CSV with a byte-order mark, a header row and data rows only, so they read as they are:",
        '  pandas: pd.read_csv(path, encoding="utf-8-sig"); R: readr::read_csv(path); Excel: open the file.',
        "Text cells a spreadsheet would run as a formula (starting with = + - @) begin with an apostrophe.",
        "",
        f"Columns of {statements_file}",
        *(f"  {name}: {meaning}" for name, meaning in query.TABLE_COLUMN_MEANINGS.items()),
        "",
        f"Columns of {sources_file}",
        *(f"  {name}: {meaning}" for name, meaning in query.SOURCE_ROW_MEANINGS.items()),
        "",
        "Cite the dataset as above, and the original reporting too: every row names its sources.",
    ]
    return "\n".join(lines) + "\n"


def dataset_header(debate: Debate, options: ExportOptions, *, rows: int) -> dict[str, Any]:
    """The `dataset` object of the JSON export: metadata, filters, export time, row count and citation."""
    meta = debate.meta
    return {
        "name": meta.name,
        "title": meta.title,
        "version": meta.version,
        "description": meta.description,
        "licence": meta.licence,
        "licence_url": meta.licence_url,
        "homepage": meta.homepage,
        "repository": meta.repository,
        "identifier": meta.identifier,
        "citation": meta.citation,
        "scope": options.scope,
        "filters": options.effective_filters().active(),
        "exported_at": options.timestamp().isoformat().replace("+00:00", "Z"),
        "statements": rows,
    }


def _chunks(frame: pd.DataFrame) -> Iterator[tuple[int, pd.DataFrame]]:
    for start in range(0, len(frame), CHUNK_ROWS):
        yield start, frame.iloc[start : start + CHUNK_ROWS]


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _arrow_cells(chunk: pd.DataFrame) -> pa.Table:
    """The chunk as an Arrow table for a spreadsheet: text cells neutralised, dates as dates, numbers as numbers."""
    columns = {}
    for name in chunk.columns:
        column = chunk[name]
        if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
            columns[name] = pa.array(column.to_numpy())
        elif pd.api.types.is_datetime64_any_dtype(column):
            columns[name] = pc.cast(pa.array(column, from_pandas=True), pa.timestamp("s")).cast(pa.date32())
        elif _is_date(column):
            columns[name] = pa.array(column.to_numpy(dtype=object), pa.date32())
        else:
            text = arrow_text(column if isinstance(column.dtype, pd.StringDtype) else column.fillna("").astype(str))
            formula = pc.match_substring_regex(text, FORMULA_PATTERN)
            columns[name] = pc.if_else(
                formula, pc.binary_join_element_wise(pa.scalar("'", text.type), text, pa.scalar("", text.type)), text
            )
    return pa.table(columns)


def write_csv(rows: pd.DataFrame, stream: IO[bytes], *, bom: bool = True, progress: Progress | None = None) -> None:
    """Write the rows as UTF-8 CSV (with a byte-order mark unless `bom=False`), text cells neutralised.

    The header is quoted only where needed (as people write it); Arrow's CSV writer writes the rows a chunk at a
    time, every text value quoted, ISO dates, numbers bare.
    """
    if bom:
        stream.write(BOM)
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow([str(c) for c in rows.columns])
    stream.write(header.getvalue().encode("utf-8"))
    if rows.empty:
        return
    first = _arrow_cells(rows.iloc[:CHUNK_ROWS])
    options = pa_csv.WriteOptions(include_header=False, quoting_style="needed")
    with pa_csv.CSVWriter(stream, first.schema, write_options=options) as out:
        for start, chunk in _chunks(rows):
            out.write_table(first if start == 0 else _arrow_cells(chunk).cast(first.schema))
            _report(progress, start + len(chunk), len(rows))


def _column_width(name: str, values: pd.Series) -> float:
    sample = values.iloc[:1000].astype(str).str.len()
    typical = float(sample.quantile(0.9)) if len(sample) else 0.0
    return max(8.0, min(60.0, max(len(name), typical) + 2))


def _sheet_columns(rows: pd.DataFrame) -> list[sheetxml.Column] | None:
    """The rows as sheet columns for `sheetxml` (text neutralised), or None when a column needs xlsxwriter."""
    columns = []
    for j, name in enumerate(rows.columns):
        column = rows[name]
        letters = sheetxml.column_letters(j)
        if _is_date(column):
            values = pa.array(column, from_pandas=True) if column.dtype != object else pa.array(column, pa.date32())
            columns.append(sheetxml.Column(letters, "date", values))
        elif pd.api.types.is_integer_dtype(column) and not pd.api.types.is_bool_dtype(column):
            if column.isna().any() or column.abs().max() >= 10**15:  # xlsxwriter writes those otherwise
                return None
            columns.append(sheetxml.Column(letters, "number", pa.array(column.astype("int64").to_numpy())))
        elif _is_number(column):
            return None
        else:
            text = arrow_text(neutralise_text(rows[[name]])[name])
            if not sheetxml.fits(text):
                return None
            columns.append(sheetxml.Column(letters, "text", text))
    return columns


def _write_cells(sheet: Any, chunk: pd.DataFrame, start: int) -> None:
    """Write `chunk` into `sheet` from sheet row `start` (0-based), one typed xlsxwriter call per cell."""
    columns = list(chunk.columns)
    dates = [j for j, name in enumerate(columns) if _is_date(chunk[name])]
    numbers = [j for j, name in enumerate(columns) if j not in dates and _is_number(chunk[name])]
    texts = [j for j in range(len(columns)) if j not in dates and j not in numbers]
    write_string, write_datetime = sheet.write_string, sheet.write_datetime
    text = neutralise_text(chunk.iloc[:, texts])
    text_columns = [(j, text.iloc[:, k].tolist()) for k, j in enumerate(texts)]
    number_columns = [
        (
            j,
            sheet.write_boolean if pd.api.types.is_bool_dtype(chunk.iloc[:, j]) else sheet.write_number,
            chunk.iloc[:, j].tolist(),
        )
        for j in numbers
    ]
    # real Excel dates, shown as yyyy-mm-dd, so they sort and filter as dates
    date_columns = [(j, pd.to_datetime(chunk.iloc[:, j]).dt.date.tolist()) for j in dates]
    for offset in range(len(chunk)):
        row = start + offset
        for j, values in text_columns:
            if values[offset]:
                write_string(row, j, values[offset])
        for j, write, values in number_columns:
            write(row, j, values[offset])
        for j, values in date_columns:
            if values[offset] is not None and values[offset] == values[offset]:
                write_datetime(row, j, values[offset])


SHEET = "xl/worksheets/sheet1.xml"


def _date_style(sheet_xml: bytes, columns: list[sheetxml.Column], row: int) -> str | None:
    """The style xlsxwriter gave the date cells of sheet row `row` (1-based), None when that row has no date."""
    for column in columns:
        if column.kind == "date":
            found = re.search(rb'<c r="' + f"{column.letters}{row}".encode() + rb'" s="(\d+)"><v>', sheet_xml)
            if found:
                return found.group(1).decode()
    return None


def _splice_rows(
    book: bytes, stream: IO[bytes], columns: list[sheetxml.Column], total: int, progress: Progress | None
) -> bool:
    """Copy the workbook `book` to `stream` with data rows 2 .. total-1 (0-based) built by `sheetxml` put between
    the first and last data rows xlsxwriter wrote; False (nothing written) when the date style cannot be found."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(book)) as source:
        sheet_xml = source.read(SHEET)
        style = _date_style(sheet_xml, columns, 2) or _date_style(sheet_xml, columns, total + 1)
        last = sheet_xml.find(f'<row r="{total + 1}"'.encode())
        if (style is None and any(c.kind == "date" for c in columns)) or last < 0:
            return False
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                if info.filename != SHEET:
                    out.writestr(info, source.read(info.filename))
                    continue
                target = zipfile.ZipInfo(SHEET, date_time=info.date_time)
                target.compress_type = zipfile.ZIP_DEFLATED
                with out.open(target, "w", force_zip64=True) as part:
                    part.write(sheet_xml[:last])
                    for begin in range(1, total - 1, CHUNK_ROWS):
                        count = min(CHUNK_ROWS, total - 1 - begin)
                        cut = [sheetxml.Column(c.letters, c.kind, c.values.slice(begin, count)) for c in columns]
                        part.write(sheetxml.rows_xml(cut, begin + 2, count, date_style=style or "0"))
                        _report(progress, begin + count, total)
                    part.write(sheet_xml[last:])
    _report(progress, total, total)
    return True


def write_xlsx(
    rows: pd.DataFrame,
    stream: IO[bytes],
    *,
    about: Mapping[str, str],
    progress: Progress | None = None,
    by_cell: bool = False,
) -> None:
    """Write an Excel workbook: sheet "statements" (the rows) and sheet "about" (what the export is).

    xlsxwriter writes the workbook; for more than a few rows it writes the first and last data rows and
    `sheetxml` builds the cells in between, a column at a time, as xlsxwriter would have written them
    (`by_cell=True`: xlsxwriter writes every cell, as it does for columns sheetxml does not write).
    Raises `ExportTooLarge` before writing anything when the rows exceed an Excel sheet.
    """
    import xlsxwriter

    if len(rows) > EXCEL_MAX_ROWS - 1:
        raise ExportTooLarge(
            f"{len(rows):,} statements do not fit in an Excel sheet (at most {EXCEL_MAX_ROWS - 1:,} rows below "
            "the header); narrow the filters, or export as CSV, JSON or a data package"
        )
    columns = _sheet_columns(rows) if len(rows) > 2 and not by_cell else None
    buffer = io.BytesIO() if columns is not None else None
    target: IO[bytes] = buffer if buffer is not None else stream
    # Strings are never turned into formulas, links or numbers: every text cell is written as text.
    book = xlsxwriter.Workbook(target, {**SAFE_BOOK, "default_date_format": "yyyy-mm-dd"})
    header = book.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1, "text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("statements")
    names = list(rows.columns)
    for number, name in enumerate(names):
        sheet.set_column(number, number, _column_width(name, rows[name]))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(names) - 1)
    sheet.write_row(0, 0, names, header)
    if columns is not None:  # the first and last data rows; sheetxml adds those between
        _write_cells(sheet, rows.iloc[:1], 1)
        _write_cells(sheet, rows.iloc[-1:], len(rows))
    else:
        for start, chunk in _chunks(rows):
            _write_cells(sheet, chunk, start + 1)
            _report(progress, start + len(chunk), len(rows))

    info = book.add_worksheet("about")
    info.set_column(0, 0, 22)
    info.set_column(1, 1, 100)
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    label = book.add_format({"bold": True, "valign": "top"})
    for number, (key, value) in enumerate(about.items()):
        info.write_string(number, 0, key, label)
        info.write_string(number, 1, neutralise(str(value)), wrap)
    book.close()
    if (
        buffer is not None
        and columns is not None
        and not _splice_rows(buffer.getvalue(), stream, columns, len(rows), progress)
    ):
        write_xlsx(rows, stream, about=about, progress=progress, by_cell=True)


def _is_number(column: pd.Series) -> bool:
    return pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column)


def _is_date(column: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(column):
        return True
    return column.dtype == object and len(column) > 0 and isinstance(column.iloc[0], dt.date)


def _iso_dates(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy(deep=False)
    for name in out.columns:
        column = out[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d")
        elif _is_date(column):
            out[name] = column.astype(str)
    return out


def _json_lines(chunk: pd.DataFrame) -> bytes:
    """The rows as JSON Lines (ISO dates, numbers, UTF-8 text), one object per row, by Polars' JSON writer.

    Its output escapes every control character, so no line holds a raw newline: a line is one whole statement.
    """
    out = io.BytesIO()
    pl.from_pandas(_iso_dates(chunk)).write_ndjson(out)
    return out.getvalue()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def write_json(
    rows: pd.DataFrame, stream: IO[bytes], *, dataset: Mapping[str, Any], progress: Progress | None = None
) -> None:
    """Write `{"dataset": {...}, "statements": [...]}` as UTF-8 JSON with ISO dates, one statement per line.

    Streamed a chunk at a time, each statement encoded by a JSON writer (never assembled by string replacement).
    """
    stream.write(b'{"dataset": ' + _json(dict(dataset)) + b', "statements": [')
    for start, chunk in _chunks(rows):
        lines = _json_lines(chunk).rstrip(b"\n")
        stream.write((b",\n" if start else b"\n") + lines.replace(b"\n", b",\n"))
        _report(progress, start + len(chunk), len(rows))
    stream.write(b"\n]}\n")


def write_jsonl(rows: pd.DataFrame, stream: IO[bytes], *, progress: Progress | None = None) -> None:
    """Write JSON Lines: one statement object per line, ISO dates, no header (for very large exports)."""
    for start, chunk in _chunks(rows):
        stream.write(_json_lines(chunk))
        _report(progress, start + len(chunk), len(rows))


def write_package(
    debate: Debate,
    statements: pd.DataFrame,
    stream: IO[bytes],
    *,
    options: ExportOptions,
    extra_files: Mapping[str, bytes] | None = None,
    progress: Progress | None = None,
) -> None:
    """`package.write_package` for an export: the zip's folder named like the file (confined to one bare name), the
    README and the descriptor's `stances_export` note saying which filters made it, when, from which version."""
    when = options.timestamp()
    info = about(debate, options, rows=len(statements))
    package.write_package(
        debate,
        statements,
        stream,
        folder=export_file_name(debate.meta, "package", when.date()).removesuffix("_package.zip"),
        exported_at=when,
        about=info,
        note={
            "from_version": debate.meta.version,
            "scope": options.scope,
            "filters": options.effective_filters().active(),
            "exported_at": info["Exported at (UTC)"],
            "statements": len(statements),
        },
        extra_files=extra_files,
        progress=progress,
    )


def write_export(
    debate: Debate,
    options: ExportOptions,
    stream: IO[bytes],
    *,
    extra_files: Mapping[str, bytes] | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the export `options` asks for to `stream`; return how many statements it holds."""
    options = replace(options, exported_at=options.timestamp())
    if options.format == "workbook":  # every table, one sheet each: `stances import sheet` reads it back
        from stances.workbook import WorkbookTooLarge, write_workbook

        statements = export_statements(debate, options)
        tables = package.package_tables(debate, statements)
        if len(statements) == len(debate.statements):  # stories travel whole, or not at all
            tables.update({name: debate.table(name) for name in schema.OPTIONAL_TABLES if len(debate.table(name))})
        try:
            write_workbook(tables, stream)
        except WorkbookTooLarge as exc:
            raise ExportTooLarge(str(exc)) from None
        return len(statements)
    if options.format == "package":
        statements = export_statements(debate, options)
        write_package(debate, statements, stream, options=options, extra_files=extra_files, progress=progress)
        return len(statements)
    if options.format == "sources":
        sources = query.statement_source_rows(debate, export_statements(debate, options))
        write_csv(sources, stream, bom=options.bom, progress=progress)
        return int(sources["statement_id"].nunique())
    if options.format == "readme":
        statements = export_statements(debate, options)
        stream.write(readme_text(debate, options, rows=len(statements)).encode("utf-8"))
        return len(statements)
    rows = export_rows(debate, options)
    if options.format == "csv":
        write_csv(rows, stream, bom=options.bom, progress=progress)
    elif options.format == "xlsx":
        write_xlsx(rows, stream, about=about(debate, options, rows=len(rows)), progress=progress)
    elif options.format == "json":
        write_json(rows, stream, dataset=dataset_header(debate, options, rows=len(rows)), progress=progress)
    else:
        write_jsonl(rows, stream, progress=progress)
    return len(rows)


def export_bytes(
    debate: Debate,
    options: ExportOptions,
    *,
    extra_files: Mapping[str, bytes] | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The export as bytes, for a download button."""
    buffer = io.BytesIO()
    write_export(debate, options, buffer, extra_files=extra_files, progress=progress)
    return buffer.getvalue()


def write_export_file(
    debate: Debate,
    options: ExportOptions,
    out: Path,
    *,
    overwrite: bool = False,
    extra_files: Mapping[str, bytes] | None = None,
) -> tuple[Path, int]:
    """Write the export to the file `out`, or into the folder `out` under `export_file_name`; return the path written
    and how many statements it holds.

    An existing file is kept unless `overwrite`, and a failed export leaves no half-written file behind (it is
    written next to its place and moved there at the end). Raises `ExportRefused` saying why.
    """
    out = Path(out)
    if out.is_dir():
        out = out / export_file_name(debate.meta, options.format, options.timestamp().date())
    elif not out.parent.is_dir():
        raise ExportRefused(f"no such folder: {out.parent}")
    if out.exists() and not overwrite:
        raise ExportRefused(f"{out} already exists; pass --force to overwrite it")  # the CLI's words: its only caller
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("wb") as stream:
            count = write_export(debate, options, stream, extra_files=extra_files)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return out, count
