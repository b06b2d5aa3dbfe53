"""What changed between two versions of a debate, statement by statement: added, removed, renamed, recoded,
re-dated, re-sourced, re-worded and re-graded, so a researcher can see what moved since the version they cited.

Both folders are read as text tables (not validated against today's format), so a frozen older release still
compares after the format gains columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from stances import schema
from stances.load import read_descriptor, read_table
from stances.problems import DebateError, Problem
from stances.revisions import renamed_ids

# The kinds of change, in the order they are reported; each compares these statement columns (or the sources).
KINDS: tuple[str, ...] = ("added", "removed", "renamed", "recoded", "re-dated", "re-sourced", "re-worded", "re-graded")
COMPARED: dict[str, tuple[str, ...]] = {
    "recoded": ("actor_id", "question_id", "position", "evidence", "channel"),
    "re-dated": ("date", "date_precision"),
    "re-worded": ("quote",),
    "re-graded": ("confidence",),
}
NEEDED = ("statement_id", *(column for columns in COMPARED.values() for column in columns))


@dataclass(frozen=True, kw_only=True)
class Change:
    """One change to one statement. `statement_id` is its id in the new version (the old id when removed)."""

    kind: str
    statement_id: str
    field: str = ""
    old: str = ""
    new: str = ""


@dataclass(frozen=True, kw_only=True)
class Revision:
    """One version of a debate as the diff sees it: statements by id (text) and the sources each rests on."""

    folder: Path
    version: str
    statements: pd.DataFrame
    sources: dict[str, tuple[str, ...]]
    renamed: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class DebateDiff:
    old_version: str
    new_version: str
    changes: tuple[Change, ...]

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in KINDS}

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "counts": self.counts(),
            "changes": [vars(change) for change in self.changes],
        }


def read_revision(folder: Path | str) -> Revision:
    """A debate folder's statements and their sources; raise `DebateError` when they cannot be read."""
    folder = Path(folder)
    descriptor, _ = read_descriptor(folder)
    frames = {}
    problems: list[Problem] = []
    for table in ("statements", "statement_sources"):
        frame, found = read_table(folder / schema.file_name(table), table)
        if frame is None:
            problems.extend(found)
            continue
        needed = NEEDED if table == "statements" else ("statement_id", "source_id")
        problems.extend(
            Problem(
                code="missing-column",
                file=schema.file_name(table),
                line=1,
                field=name,
                message="is needed to compare versions",
            )
            for name in needed
            if name not in frame.columns
        )
        frames[table] = frame
    if problems:
        raise DebateError(problems)
    statements = frames["statements"].drop_duplicates("statement_id").set_index("statement_id", drop=False)
    links = frames["statement_sources"]
    sources = {
        str(statement): tuple(sorted(set(group)))
        for statement, group in links.groupby("statement_id", sort=False)["source_id"]
    }
    return Revision(
        folder=folder,
        version=str(descriptor.get("version") or ""),
        statements=statements,
        sources=sources,
        renamed=renamed_ids(frames["statements"]),
    )


def _shown(column: str, value: str) -> str:
    if column == "position" and value.lstrip("+-").isdigit() and int(value) > 0:
        return f"+{int(value)}"
    return value


def diff_revisions(old: Revision, new: Revision) -> DebateDiff:
    """Every change from `old` to `new`. A statement whose `replaces` lists an old id is that statement renamed."""
    new_ids = set(new.statements.index)
    matched: dict[str, str] = {}  # old id -> new id
    for old_id in old.statements.index:
        if old_id in new_ids:
            matched[old_id] = old_id
        elif old_id in new.renamed and new.renamed[old_id] in new_ids:
            matched[old_id] = new.renamed[old_id]
    changes: list[Change] = []
    reached = set(matched.values())
    changes += [Change(kind="added", statement_id=s) for s in new.statements.index if s not in reached]
    changes += [Change(kind="removed", statement_id=s) for s in old.statements.index if s not in matched]
    for old_id, new_id in matched.items():
        if old_id != new_id:
            changes.append(Change(kind="renamed", statement_id=new_id, field="statement_id", old=old_id, new=new_id))
        before, after = old.statements.loc[old_id], new.statements.loc[new_id]
        for kind, columns in COMPARED.items():
            for column in columns:
                if str(before[column]) != str(after[column]):
                    old_value, new_value = _shown(column, str(before[column])), _shown(column, str(after[column]))
                    changes.append(Change(kind=kind, statement_id=new_id, field=column, old=old_value, new=new_value))
        old_sources, new_sources = old.sources.get(old_id, ()), new.sources.get(new_id, ())
        if old_sources != new_sources:
            changes.append(
                Change(
                    kind="re-sourced",
                    statement_id=new_id,
                    field="sources",
                    old=", ".join(old_sources),
                    new=", ".join(new_sources),
                )
            )
    order = {kind: i for i, kind in enumerate(KINDS)}
    changes.sort(key=lambda change: (order[change.kind], change.statement_id, change.field))
    return DebateDiff(old_version=old.version, new_version=new.version, changes=tuple(changes))


def diff_folders(old: Path | str, new: Path | str) -> DebateDiff:
    """`diff_revisions` of two debate folders; raise `DebateError` when either cannot be read."""
    return diff_revisions(read_revision(old), read_revision(new))


def _detail(change: Change) -> str:
    if change.kind in ("added", "removed"):
        return ""
    if change.kind == "renamed":
        return f"was {change.old}"
    if change.kind == "re-sourced":
        before, after = set(change.old.split(", ")) - {""}, set(change.new.split(", ")) - {""}
        parts = [f"+{s}" for s in sorted(after - before)] + [f"-{s}" for s in sorted(before - after)]
        return "sources: " + " ".join(parts)
    return f"{change.field}: {change.old or '(empty)'!s} -> {change.new or '(empty)'!s}"


def report(diff: DebateDiff) -> str:
    """The diff as text: a summary line, then one line per change, `kind  statement_id  detail`."""
    counts = ", ".join(f"{n} {kind}" for kind, n in diff.counts().items() if n)
    lines = [f"{diff.old_version or '?'} -> {diff.new_version or '?'}: {counts or 'no changes'}"]
    for change in diff.changes:
        lines.append(f"{change.kind:<10}  {change.statement_id}  {_detail(change)}".rstrip())
    return "\n".join(lines)
