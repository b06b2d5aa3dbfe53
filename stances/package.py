"""Data packages: the one writer of `datapackage.json`, and the zipped package of a filtered export.

A data package is a debate folder: the seven CSV tables of `schema`, the descriptor, and the documents listed in
`CARRIED_FILES`. Pure: writers take the tables and a binary stream (or the folder to write the descriptor in).
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import polars as pl

from stances import schema
from stances.columns import is_in
from stances.model import Debate
from stances.query.chains import sources_with_chains

DESCRIPTOR = "datapackage.json"
# The debate folder's files a package carries over besides its tables: the descriptor (its metadata is kept) and
# the documents (copied as they are). A package also gets its own README.md, written by `package_readme`.
CARRIED_FILES: tuple[str, ...] = (DESCRIPTOR, "codebook.md", "CITATION.cff")
# Every file of a debate folder, as the app's About page lists them and `load.folder_signature` watches them.
TABLE_FILES: tuple[str, ...] = tuple(schema.file_name(t) for t in schema.ALL_TABLES)
DOCUMENTS: tuple[str, ...] = ("codebook.md", "README.md", "CITATION.cff")
CHUNK_ROWS = 50_000

DEFAULT_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

Progress = Callable[[int, int], None]


def descriptor(metadata: Mapping[str, Any], *, optional: Iterable[str] = ()) -> dict[str, Any]:
    """A full data-package descriptor: `metadata` (name, title, version, licences …) plus every table's schema.

    Resource entries always come from `schema`, so a package written by any version of the tool describes exactly
    the format the tool validates. `optional` names the optional tables (stories) the package holds.
    """
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": metadata.get("name", "debate"),
        "title": metadata.get("title", metadata.get("name", "debate")),
        "version": metadata.get("version", "0.1.0"),
        "licenses": metadata.get("licenses", [DEFAULT_LICENCE]),
    }
    for key, value in metadata.items():
        if key not in package and key != "resources":
            package[key] = value
    held = set(optional)
    tables = [*schema.TABLE_ORDER, *(t for t in schema.OPTIONAL_TABLES if t in held)]
    package["resources"] = [schema.resource_descriptor(table) for table in tables]
    return package


def descriptor_text(metadata: Mapping[str, Any], *, optional: Iterable[str] = ()) -> str:
    """`descriptor(metadata, optional=…)` as the text of a `datapackage.json` file (indented, a trailing newline)."""
    return json.dumps(descriptor(metadata, optional=optional), indent=2, ensure_ascii=False) + "\n"


def write_descriptor(folder: Path, metadata: Mapping[str, Any], *, optional: Iterable[str] = ()) -> Path:
    """Write (or overwrite) `folder/datapackage.json` for `metadata` and the optional tables it holds."""
    path = Path(folder) / DESCRIPTOR
    path.write_text(descriptor_text(metadata, optional=optional), encoding="utf-8")
    return path


def package_tables(debate: Debate, statements: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every table of a self-contained debate holding just `statements`, with every foreign key resolving.

    Keeps the statements' links, the sources they rest on and, transitively, the sources those report on; all
    events with the sources they cite (so the timeline context stays whole); all actors, questions and scale
    points (so the codebook stays whole).
    """
    ids = statements["statement_id"]
    links = debate.statement_sources[is_in(debate.statement_sources["statement_id"], ids).to_numpy()]
    sources = debate.sources
    cited = pd.unique(pd.concat([links["source_id"], debate.events["source_id"]]).astype(str))
    wanted = sources_with_chains(sources, pd.Index(cited))
    return {
        "actors": debate.actors,
        "questions": debate.questions,
        "scale_points": debate.scale_points,
        "sources": sources[is_in(sources["source_id"], wanted).to_numpy()],
        "statements": statements,
        "statement_sources": links,
        "events": debate.events,
    }


def as_text(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A typed table back in the format's text form: ISO dates, `true`/`false`, the schema's column order."""
    out = {}
    for spec in schema.fields(table):
        name = spec["name"]
        column = frame[name]
        if spec["type"] == "date":
            out[name] = column.dt.strftime("%Y-%m-%d")
        elif spec["type"] == "boolean":
            out[name] = np.where(column.to_numpy(dtype=bool), "true", "false")
        elif spec["type"] == "integer":
            out[name] = column.astype("int64")
        else:
            out[name] = column.astype(str)
    return pd.DataFrame(out, index=frame.index)


def csv_text(frame: pd.DataFrame, *, header: bool = True) -> bytes:
    """`frame` as CSV the way the tables are written by hand and by pandas: a field quoted only when it holds a comma,
    a quote or a line break, an empty text left empty, "\\n" line ends. Written by Polars (pandas' `to_csv` took
    8.6 s CPU for a million statements, this 1.3 s), which also quotes a lone "\\r" that pandas left bare."""
    table = pl.from_pandas(frame)
    texts = [name for name, kind in table.schema.items() if kind == pl.String]
    table = table.with_columns(pl.when(pl.col(n) == "").then(None).otherwise(pl.col(n)).alias(n) for n in texts)
    return table.write_csv(include_header=header, quote_style="necessary", line_terminator="\n", null_value="").encode(
        "utf-8"
    )


def _metadata(debate: Debate, extra_files: Mapping[str, bytes]) -> dict[str, Any]:
    """The debate's own descriptor metadata (without its resources), else what the loaded debate knows."""
    if DESCRIPTOR in extra_files:
        try:
            original = json.loads(extra_files[DESCRIPTOR].decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            original = None
        if isinstance(original, dict):
            return {k: v for k, v in original.items() if k != "resources"}
    meta = debate.meta
    metadata: dict[str, Any] = {"name": meta.name, "title": meta.title}
    if meta.version:
        metadata["version"] = meta.version
    if meta.licence_url or meta.licence:
        licence = {"path": meta.licence_url} if meta.licence_url else {"name": meta.licence}
        metadata["licenses"] = [{**licence, "title": meta.licence or meta.licence_url}]
    for key in ("description", "citation", "homepage", "repository", "created"):
        if getattr(meta, key):
            metadata[key] = getattr(meta, key)
    if meta.identifier:
        metadata["id"] = meta.identifier
    return metadata


def package_readme(info: Mapping[str, str], counts: Mapping[str, int]) -> str:
    """The README.md of an exported package: what it is, which filters made it, when, from which version."""
    lines = [
        f"# {info['Dataset']}: filtered export",
        "",
        f"A data package made by `stances export` from version {info['Version'] or '(unversioned)'} of "
        f"the dataset `{info['Name']}`, holding only the statements that passed the filters below, with the "
        "sources they rest on (and the sources those report on), every event, actor, question and scale point.",
        "",
        f"- Exported at (UTC): {info['Exported at (UTC)']}",
        f"- Scope: {info['Scope']}",
        f"- Filters: {info['Filters']}",
        f"- Licence: {info['Licence'] or 'see datapackage.json'}",
        "",
        "| table | rows |",
        "| --- | --- |",
        *[f"| `{schema.file_name(t)}` | {counts[t]:,} |" for t in schema.TABLE_ORDER],
        "",
        "Open it with the app (`streamlit run dashboard.py -- <this folder>`), check it with `stances validate`, or "
        "read the CSV tables with any tool; `datapackage.json` describes every column and `codebook.md` (when "
        "present) the coding rules. The tables are the dataset's own values, not neutralised for spreadsheets.",
        "",
        "## How to cite",
        "",
        info["Citation"] or "See datapackage.json.",
        "",
    ]
    return "\n".join(lines)


def write_package(
    debate: Debate,
    statements: pd.DataFrame,
    stream: IO[bytes],
    *,
    folder: str,
    exported_at: dt.datetime,
    about: Mapping[str, str],
    note: Mapping[str, Any],
    extra_files: Mapping[str, bytes] | None = None,
    progress: Progress | None = None,
) -> None:
    """Write a zip holding a valid data package of just `statements`, in one folder `folder` inside the zip.

    `about` (label -> text, as the export's "about" sheet) goes into the package's README; `note` (the filters,
    scope and time of the export) into the descriptor as `stances_export`. `extra_files` (name -> bytes) come from
    the debate folder; only the names in `CARRIED_FILES` are taken: `datapackage.json` gives the metadata kept in
    the new descriptor, the others are copied as they are.
    """
    carried = {name: content for name, content in (extra_files or {}).items() if name in CARRIED_FILES}
    tables = package_tables(debate, statements)
    counts = {name: len(frame) for name, frame in tables.items()}
    metadata = {**_metadata(debate, carried), "stances_export": dict(note)}

    def entry(name: str) -> zipfile.ZipInfo:
        item = zipfile.ZipInfo(f"{folder}/{name}", date_time=exported_at.timetuple()[:6])
        item.compress_type = zipfile.ZIP_DEFLATED
        item.external_attr = 0o644 << 16
        return item

    total = sum(counts.values())
    done = 0
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(entry(DESCRIPTOR), descriptor_text(metadata))
        archive.writestr(entry("README.md"), package_readme(about, counts))
        for name, content in carried.items():
            if name != DESCRIPTOR:
                archive.writestr(entry(name), content)
        for table in schema.TABLE_ORDER:
            frame = tables[table]
            with archive.open(entry(schema.file_name(table)), "w", force_zip64=True) as member:
                if frame.empty:
                    member.write((",".join(schema.field_names(table)) + "\n").encode("utf-8"))
                for start in range(0, len(frame), CHUNK_ROWS):
                    chunk = frame.iloc[start : start + CHUNK_ROWS]
                    member.write(csv_text(as_text(table, chunk), header=start == 0))
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
