"""What every importer shares: the `Imported` record, the input error, and writing a debate folder safely."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from stances import schema
from stances.cards import shown
from stances.load import DESCRIPTOR, check_debate
from stances.package import descriptor
from stances.problems import CODES, Problem, errors

# Problem codes of broken input (the importers' own, declared in `problems.CODES`; the written debate is then checked
# with the validator's).
IMPORT_CODES: dict[str, str] = {code: spec.meaning for code, spec in CODES.items() if spec.about == "input"}

CODEBOOK_NAME = "codebook.md"


class InputError(Exception):
    """The input cannot be imported; carries every located problem found (file, line or record, field)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input, first: {self.problems[0]}")


@dataclass(frozen=True, kw_only=True)
class Imported:
    """A debate made from foreign input: every table of the format as text, and an account of the mapping.

    `mapped` says, one line each, how the input became the format ("concept -> question (6 questions)");
    `dropped` what of the input was left out, and why. Both are printed by `stances import`.
    """

    tables: dict[str, pd.DataFrame]
    metadata: dict[str, Any]
    mapped: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    codebook_notes: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.tables.items()}


def import_result(
    out: Path | str,
    *,
    imported: Imported | None = None,
    input_problems: Iterable[Problem] = (),
    problems: Iterable[Problem] = (),
    written: bool = False,
) -> dict[str, Any]:
    """What `stances import … --json` prints: the folder, whether it was written, the mapping, and every problem."""
    input_list, found = list(input_problems), list(problems)
    return {
        "folder": str(out),
        "written": written,
        "mapped": list(imported.mapped) if imported else [],
        "dropped": list(imported.dropped) if imported else [],
        "counts": imported.counts() if imported else {},
        "input_problems": [p.to_dict() for p in input_list],
        "problems": [p.to_dict() for p in found],
    }


def text_table(table: str, rows: pd.DataFrame | list[dict[str, str]] | None = None) -> pd.DataFrame:
    """`rows` as a table of the format: every column in schema order, as text, a missing column empty."""
    frame = pd.DataFrame(rows if rows is not None else [])
    columns = schema.field_names(table)
    out = pd.DataFrame({name: _text(frame[name]) if name in frame else "" for name in columns}, index=frame.index)
    return out.reset_index(drop=True)[columns]


def _text(column: pd.Series) -> pd.Series:
    return column.fillna("").astype(str)


def debate_metadata(name: str, title: str, description: str = "") -> dict[str, Any]:
    """The descriptor's metadata of a new or imported debate: its first version, and no licence assumed (`validate`
    warns until the curators name theirs in datapackage.json)."""
    meta: dict[str, Any] = {"name": name, "title": title, "version": "0.1.0", "licenses": []}
    if description:
        meta["description"] = description
    return meta


def empty(name: str, title: str) -> Imported:
    """A debate with no rows: every table's header, a descriptor and a codebook to fill in (`stances new`)."""
    return Imported(
        tables={table: text_table(table) for table in schema.TABLE_ORDER},
        metadata=debate_metadata(name, title),
        mapped=("every table of the format, with its header and no rows",),
    )


def write_debate(imported: Imported, out: Path | str, *, force: bool = False) -> list[Problem]:
    """Write `imported` as a debate folder `out` if it validates; return the validator's problems either way.

    The folder is built beside `out` and checked first: with errors, nothing is written and the problems say why.
    An existing non-empty `out` is refused (FileExistsError) unless `force`; even then only the debate's own files
    (tables, descriptor, codebook) are replaced and nothing else in the folder is touched.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"not a folder: {out}")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise FileExistsError(f"{out} is not empty; pass --force to replace its debate files")
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.importing-", dir=parent))
    try:
        names = _write_files(imported, staging)
        problems = check_debate(staging)
        if errors(problems):
            return problems
        out.mkdir(exist_ok=True)
        for name in names:
            (staging / name).replace(out / name)
        return problems
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_files(imported: Imported, folder: Path) -> list[str]:
    names = []
    optional = [t for t in schema.OPTIONAL_TABLES if t in imported.tables]
    for table in [*schema.TABLE_ORDER, *optional]:
        frame = text_table(table, imported.tables.get(table))
        name = schema.file_name(table)
        frame.to_csv(folder / name, index=False, lineterminator="\n", encoding="utf-8")
        names.append(name)
    metadata = dict(imported.metadata)
    metadata.setdefault("created", dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    (folder / DESCRIPTOR).write_text(
        json.dumps(descriptor(metadata, optional=optional), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (folder / CODEBOOK_NAME).write_text(codebook(imported), encoding="utf-8")
    return [*names, DESCRIPTOR, CODEBOOK_NAME]


def codebook(imported: Imported) -> str:
    """A codebook for the written debate: where it came from, its questions and scales, then every column."""
    meta = imported.metadata
    lines = [f"# Codebook: {_cell(meta.get('title', meta.get('name', 'debate')))}", ""]
    if meta.get("description"):
        lines += [_cell(meta["description"]), ""]
    if imported.mapped or imported.dropped:
        lines += ["## How this debate was made", ""]
        lines += [f"- {_cell(line)}" for line in imported.mapped]
        lines += [f"- Dropped: {_cell(line)}" for line in imported.dropped]
        lines.append("")
    lines += [*imported.codebook_notes]
    questions = imported.tables.get("questions")
    points = imported.tables.get("scale_points")
    lines += ["## Questions and scales", ""]
    if questions is None or questions.empty:
        lines += [
            "*No questions yet.* Add a row to `questions.csv` and its points (2 to 11) to `scale_points.csv`.",
            "",
        ]
    else:
        for question in questions.itertuples(index=False):
            lines += [f"### `{question.question_id}`: {_cell(question.label)}", ""]
            lines += [f"*Proposition:* {_cell(question.proposition)}", ""]
            lines += ["| position | label | meaning |", "| --- | --- | --- |"]
            if points is not None:
                own = points[points["question_id"] == question.question_id]
                own = own.assign(order=own["position"].astype(int)).sort_values("order")
                lines += [f"| {p.position} | {_cell(p.label)} | {_cell(p.meaning)} |" for p in own.itertuples()]
            lines.append("")
    lines += ["## Tables and columns", ""]
    for table in schema.TABLE_ORDER:
        lines += [f"### `{schema.file_name(table)}`: {schema.TABLES[table]['description']}", ""]
        lines += ["| column | required | meaning |", "| --- | --- | --- |"]
        for spec in schema.fields(table):
            required = "yes" if spec.get("constraints", {}).get("required") else "no"
            lines.append(f"| `{spec['name']}` | {required} | {spec['description']} |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: object) -> str:
    """Text from the input for the codebook (which the app renders as Markdown): on one line, every Markdown
    character escaped, so it shows as written and never as a link, an image or HTML."""
    return shown(text)
