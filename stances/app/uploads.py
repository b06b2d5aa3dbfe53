"""Bring your own debate on the start page: upload, validate, and explore it in this session only.

The upload lives in this browser session's state and a private temporary folder (`stances.upload`); it is never
written into the data folder, never put in a cache another session could reach (its cache keys carry a random
id), and its folder is removed when the upload is closed, replaced, or its session ends.
"""

from __future__ import annotations

import io
import uuid
import weakref
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from stances import upload
from stances.cards import shown
from stances.load import load_debate
from stances.model import Debate
from stances.problems import DebateError, errors

UPLOAD = "_upload"  # the session's explored upload
REJECTED = "_upload_rejected"  # the last upload that could not be explored, with its problems
KINDS = {
    "zip": "A zipped debate folder (.zip)",
    "workbook": "A workbook, one sheet per table (.xlsx)",
    "table": "A table, one row per statement (.csv, .xlsx)",
}
TYPES = {"zip": ["zip"], "workbook": ["xlsx"], "table": ["csv", "xlsx"]}
NOT_MAPPED = "(none)"
MAPPED_KEYS: tuple[str, ...] = ("actor", "question", "date", "position", "quote", "text", "summary", "source_title")
MAPPED_KEYS += ("url",)
MAPPED_KEYS += ("identifier", "outlet")


@dataclass(frozen=True, kw_only=True, eq=False)
class Explored:
    """An upload that validated: its debate, and a signature no other session can guess (the cache key)."""

    received: upload.Received
    debate: Debate
    signature: tuple

    @property
    def folder(self) -> Path:
        assert self.received.folder is not None
        return self.received.folder


def current() -> Explored | None:
    """The upload this session explores, if any."""
    return st.session_state.get(UPLOAD)


def close() -> None:
    """Stop exploring the upload and remove its temporary folder."""
    explored = st.session_state.pop(UPLOAD, None)
    if explored is not None:
        upload.discard(explored.received)


def sidebar_note(reset_view) -> None:
    """In the sidebar, in place of the debate picker: what is shown, and the way back."""
    explored = current()
    if explored is None:
        return
    with st.sidebar:
        st.info(
            shown(
                f"Exploring your upload “{explored.received.name}”: only in this browser session; links to it "
                "do not work elsewhere."
            ),
            icon=":material/upload_file:",
        )

        def close_and_reset() -> None:
            close()
            reset_view()

        st.button("Close the upload", key="upload_close", on_click=close_and_reset)


def panel(reset_view) -> None:
    """The upload form, on the start page."""
    rejected = st.session_state.get(REJECTED)
    with st.expander(
        "Explore your own debate: upload a zipped debate folder, a workbook or a table",
        expanded=rejected is not None,
        icon=":material/upload_file:",
    ):
        st.caption(
            "The file stays in this browser session: it is checked, never written into the app's data and never "
            f"shown to anyone else. Up to {upload.MAX_UPLOAD_MB} MB; a zip may hold {upload.MAX_MEMBERS} files."
        )
        kind = st.radio("What you bring", list(KINDS), format_func=KINDS.get, key="upload_kind", horizontal=True)
        file = st.file_uploader(
            "File", type=TYPES[kind], key=f"upload_file_{kind}", max_upload_size=upload.MAX_UPLOAD_MB
        )
        columns = _mapping_form(file) if kind == "table" and file is not None else None
        if st.button("Check and explore", key="upload_open", type="primary", disabled=file is None) and file:
            _open(kind, file.name, file.getvalue(), columns, reset_view)
            rejected = st.session_state.get(REJECTED)
        if rejected is not None:
            name, problems = rejected
            count = len(errors(problems))
            st.error(shown(f"“{name}” cannot be explored: {count} problem(s). Nothing was kept."))
            st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)


def _mapping_form(file) -> dict | None:
    """For a flat table: which column holds what, chosen on screen (same-named columns preselected)."""
    header = _header(file.name, file.getvalue())
    if header is None:
        st.warning("The table's header cannot be read; check that it is a CSV or xlsx file.")
        return None
    st.markdown("**Which column holds what** (actor, question, date and position are needed)")
    options = [NOT_MAPPED, *header]
    lower = {h.casefold(): h for h in header}
    chosen = {}
    cols = st.columns(4)
    for i, key in enumerate(MAPPED_KEYS):
        guess = lower.get(key.casefold(), lower.get(key.replace("_", " ").casefold(), NOT_MAPPED))
        value = cols[i % 4].selectbox(
            key.replace("_", " ").capitalize(), options, index=options.index(guess), key=f"upload_map_{key}"
        )
        if value != NOT_MAPPED:
            chosen[key] = value
    scale = st.text_input("Scale", key="upload_scale", placeholder="blank: the values found; or e.g. -2..2 or -1,1")
    return {"columns": chosen, "scale": scale}


def _header(name: str, data: bytes) -> list[str] | None:
    try:
        if name.lower().endswith(".xlsx"):
            frame = pd.read_excel(io.BytesIO(data), nrows=0, dtype=str)
        else:
            frame = pd.read_csv(io.BytesIO(data), nrows=0, dtype=str, encoding="utf-8-sig")
    except Exception:  # any unreadable file: the form says so
        return None
    return [str(c) for c in frame.columns]


def _open(kind: str, name: str, data: bytes, mapping: dict | None, reset_view) -> None:
    st.session_state.pop(REJECTED, None)
    received = _receive(kind, name, data, mapping)
    if received is None:
        return
    if not received.ok or received.folder is None:
        upload.discard(received)
        st.session_state[REJECTED] = (name, received.problems)
        return
    try:
        debate = load_debate(received.folder)  # not the disk cache: nothing of an upload outlives its session
    except DebateError as exc:
        upload.discard(received)
        st.session_state[REJECTED] = (name, tuple(exc.problems))
        return
    close()
    explored = Explored(received=received, debate=debate, signature=("upload", uuid.uuid4().hex))
    weakref.finalize(explored, upload.discard, received)  # the session ends: its folder goes too
    st.session_state[UPLOAD] = explored
    reset_view()
    st.rerun()


def _receive(kind: str, name: str, data: bytes, mapping: dict | None) -> upload.Received | None:
    if kind == "zip":
        return upload.receive_zip(name, data)
    if kind == "workbook":
        from stances.importers import sheet

        return upload.receive_import(name, data, sheet.read)
    from stances.importers import table

    try:
        chosen = table.TableMapping(
            columns=(mapping or {}).get("columns", {}), scale=table.parse_scale((mapping or {}).get("scale", ""))
        )
    except table.MappingError as exc:
        st.error(shown(str(exc)))
        return None
    return upload.receive_import(name, data, lambda path: table.read(path, chosen))
