"""Download buttons for the Table & export page: each file is built only when its button is clicked."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from stances import export
from stances.app.state import AppContext
from stances.load import read_package_documents

EXCEL_SLOW_ABOVE = 200_000
EXCEL_ROWS_PER_SECOND = 20_000  # measured: about 5 s for 100k rows on the 2-core development machine

FORMATS = (
    ("csv", "CSV", "text/csv", ":material/csv:"),
    ("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ":material/grid_on:"),
    ("json", "JSON", "application/json", ":material/data_object:"),
    ("package", "Data package (zip)", "application/zip", ":material/folder_zip:"),
)
# Beside the CSV, which stays a plain table: its README (licence, citation, columns) and the long sources table.
BESIDE_CSV = (
    ("readme", "README: licence, citation, columns", "text/plain", ":material/description:"),
    ("sources", "Sources, one row per statement and source (CSV)", "text/csv", ":material/format_list_bulleted:"),
)


def buttons(context: AppContext, statements: pd.DataFrame, scope: str) -> None:
    """One download button per format, for the rows in `scope` ("view" or "all")."""
    st.subheader("Download")
    st.caption(
        "Every row carries its original sources (outlets, titles, dates, links), so you can cite the reporting "
        "as well as this dataset. Cells a spreadsheet would run as formulas start with an apostrophe. "
        "The data package is a valid stances debate of just these rows: validate it or open it in this app."
    )
    today = dt.datetime.now(dt.UTC).date()
    columns = st.columns(len(FORMATS))
    for column, (fmt, label, mime, icon) in zip(columns, FORMATS, strict=True):
        if fmt == "xlsx" and len(statements) >= export.EXCEL_MAX_ROWS:
            column.warning(f"Excel holds at most {export.EXCEL_MAX_ROWS - 1:,} rows; use CSV or the data package.")
            continue
        _button(column, context, fmt, label, mime, icon, scope=scope, today=today)
    st.caption(
        "The CSV holds only the header and the rows, so pandas, R and Excel read it as it is; its licence, citation "
        "and what each column holds are in the README beside it, and the sources file gives each source of each "
        "statement a row of its own (outlet, title, date, link). Excel and JSON carry the licence and citation inside."
    )
    for column, (fmt, label, mime, icon) in zip(st.columns(len(BESIDE_CSV)), BESIDE_CSV, strict=True):
        _button(column, context, fmt, label, mime, icon, scope=scope, today=today)
    if len(statements) > EXCEL_SLOW_ABOVE:
        seconds = len(statements) / EXCEL_ROWS_PER_SECOND
        st.caption(
            f"{len(statements):,} rows: each file is built after the click, which takes a while at this size; "
            f"Excel takes longest (about {seconds:,.0f} s here), so prefer CSV or the data package."
        )


def _button(column, context: AppContext, fmt: str, label: str, mime: str, icon: str, *, scope, today) -> None:
    """One download button: the file is built only when it is clicked."""
    options = export.ExportOptions(format=fmt, filters=context.filters, scope=scope)
    column.download_button(
        label,
        data=partial(_build, context, options),
        file_name=export.export_file_name(context.debate.meta, fmt, today),
        mime=mime,
        icon=icon,
        key=f"download_{fmt}",
        on_click="ignore",
        width="stretch",
    )


def _build(context: AppContext, options: export.ExportOptions) -> bytes:
    extra = read_package_documents(context.folder) if options.format == "package" else None
    return export.export_bytes(context.debate, options, extra_files=extra)
