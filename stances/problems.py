"""Problems found in a debate's files: values, never exceptions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Final, Literal

from stances.vocab import SCALE_MAX_POINTS, SCALE_MIN_POINTS

Severity = Literal["error", "warning"]


# Past this many problems of one code in one file, the rest are summarised in one `too-many-problems` line.
MAX_PER_RULE: Final = 200


@dataclass(frozen=True, kw_only=True)
class Code:
    """What a problem code means and how grave it is: an error makes the debate invalid, a warning does not."""

    severity: Severity
    meaning: str
    # "input": a file an importer reads (README: Import a debate); "upload": a file uploaded to the app.
    about: Literal["debate", "input", "upload"] = "debate"


# Every problem code, declared once: the validator, the loader, the CLI and the README's table (kept true by
# tests/test_docs.py) all read it from here.
CODES: Final[dict[str, Code]] = {
    "missing-table": Code(severity="error", meaning="A table's CSV file is not in the debate folder."),
    "empty-file": Code(severity="error", meaning="A table's file is empty (not even a header row)."),
    "not-utf8": Code(severity="error", meaning="A file is not UTF-8 text."),
    "malformed-csv": Code(
        severity="error", meaning="A row does not parse as CSV (e.g. a stray quote or too many cells)."
    ),
    "missing-column": Code(severity="error", meaning="A column of the format is not in the file's header."),
    "unknown-column": Code(
        severity="warning", meaning="A column in the file is not part of the format (kept, but not used)."
    ),
    "duplicate-column": Code(severity="error", meaning="The same column name appears twice in the header."),
    "missing-value": Code(severity="error", meaning="A required cell is empty."),
    "invalid-id": Code(severity="error", meaning="An identifier is not a lower-case slug (letters, digits, dashes)."),
    "invalid-url": Code(severity="error", meaning="A URL is not an http or https address."),
    "type-error": Code(severity="error", meaning="A cell is not of its column's type (integer, date, true/false)."),
    "not-in-enum": Code(severity="error", meaning="A cell is not one of its column's allowed values."),
    "out-of-range": Code(severity="error", meaning="A number or date is outside its allowed range."),
    "duplicate-key": Code(severity="error", meaning="Two rows share the same identifier (primary key)."),
    "unknown-actor": Code(
        severity="error", meaning="A statement (or an actor's `speaks_for`) names an actor that is not in actors.csv."
    ),
    "unknown-question": Code(severity="error", meaning="A row names a question that is not in questions.csv."),
    "unknown-source": Code(severity="error", meaning="A row names a source that is not in sources.csv."),
    "unknown-statement": Code(
        severity="error",
        meaning="A statement source or a story step names a statement that is not in statements.csv.",
    ),
    "unknown-event": Code(severity="error", meaning="A story step names an event that is not in events.csv."),
    "step-without-target": Code(
        severity="error", meaning="A story step names neither a statement nor an event (statement_id, event_id)."
    ),
    "step-with-two-targets": Code(
        severity="error", meaning="A story step names both a statement and an event; it shows one of them."
    ),
    "unknown-story": Code(severity="error", meaning="A story step names a story that is not in stories.csv."),
    "empty-story": Code(severity="error", meaning="A story in stories.csv has no steps in story_steps.csv."),
    "duplicate-step": Code(severity="error", meaning="Two steps of one story share the same step number."),
    "reversed-range": Code(
        severity="error", meaning="A story step's view ends before it starts (view_end is before view_start)."
    ),
    "position-off-scale": Code(
        severity="error", meaning="A position is not a point on its question's scale (scale_points.csv)."
    ),
    "question-without-scale": Code(severity="error", meaning="A question has no points in scale_points.csv."),
    "scale-size": Code(
        severity="error",
        meaning=f"A question's scale has fewer than {SCALE_MIN_POINTS} or more than {SCALE_MAX_POINTS} points.",
    ),
    "self-reference": Code(
        severity="error", meaning="A source says it reports on itself, or an actor that it speaks for itself."
    ),
    "dated-after-source": Code(
        severity="error", meaning="A statement is dated after a source it rests on was published."
    ),
    "statement-without-source": Code(
        severity="error", meaning="A statement rests on no source in statement_sources.csv."
    ),
    "no-consulted-source": Code(
        severity="error", meaning="None of a statement's sources was read by the curators (consulted=false)."
    ),
    "missing-url": Code(severity="error", meaning="A source the curators read has neither a URL nor an identifier."),
    "missing-quote": Code(severity="error", meaning="A statement coded as on-record words has no quote."),
    "missing-span": Code(severity="error", meaning="A statement coded as a coded span has no span text."),
    "quote-not-on-record": Code(
        severity="error",
        meaning="A statement carries a quote but its evidence kind is not the actor's own words.",
    ),
    "duplicate-label": Code(
        severity="warning",
        meaning="Two questions share a label, ignoring case and spacing: readers cannot tell them apart.",
    ),
    "duplicate-name": Code(severity="warning", meaning="Two actors share a name or alias, ignoring case and spacing."),
    "missing-descriptor": Code(severity="warning", meaning="The folder has no datapackage.json."),
    "invalid-descriptor": Code(
        severity="error", meaning="datapackage.json is not UTF-8 text, not valid JSON, or not a JSON object."
    ),
    "incomplete-descriptor": Code(
        severity="warning", meaning="datapackage.json lacks a name, title, version or licence."
    ),
    "invalid-name": Code(
        severity="error",
        meaning="The descriptor's name is not a slug (lower-case letters, digits, hyphens); it names files.",
    ),
    "unreadable-input": Code(
        severity="error",
        about="input",
        meaning="The input file cannot be opened as the format the importer reads (e.g. not SQLite, not xlsx).",
    ),
    "missing-input-table": Code(
        severity="error", about="input", meaning="A table, sheet or column the importer needs is not in the input."
    ),
    "unmapped-input": Code(
        severity="error",
        about="input",
        meaning="The input holds nothing the importer can map (e.g. no statement type with an actor and a "
        "concept, or a mapping naming a column that does not exist).",
    ),
    "bad-input-value": Code(
        severity="error",
        about="input",
        meaning="A value in the input cannot be mapped (e.g. a date or position that is not one).",
    ),
    "outside-folder": Code(
        severity="error",
        meaning="A debate file is a link to a file outside the debate folder; it is not read.",
    ),
    "reporting-cycle": Code(
        severity="error",
        meaning="A reporting chain comes back to a source it started from (a reports on b, b on a).",
    ),
    "too-many-warnings": Code(
        severity="warning",
        meaning=f"More than {MAX_PER_RULE} warnings of one code in one file; the rest are counted.",
    ),
    "too-many-problems": Code(
        severity="error",
        meaning=f"A rule found more than {MAX_PER_RULE} problems of one code in one file; the rest are counted.",
    ),
}


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with a debate, with where it is and what was expected."""

    code: str
    file: str
    line: int | None = None
    field: str | None = None
    value: str | None = None
    message: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undeclared problem code {self.code!r}; declare it in stances.problems.CODES")

    @property
    def severity(self) -> Severity:
        """From the code's declaration, so one code never has two severities."""
        return CODES[self.code].severity

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        value = f" {_shown(self.value)}" if self.value is not None else ""
        kind = "" if self.severity == "error" else " (warning)"
        return f"{where}:{field}{value} {self.message} [{self.code}]{kind}"

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "severity": self.severity}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        """The problem `to_dict` gave (its severity follows from the code)."""
        return cls(**{k: v for k, v in data.items() if k != "severity"})


def _shown(value: str, limit: int = 60) -> str:
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)


class DebateError(Exception):
    """Raised by `load_debate` when a folder holds no valid debate; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = [p for p in problems]
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in the debate, first: {errors[0] if errors else '-'}")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def report(problems: list[Problem], *, folder: str) -> str:
    """A readable report of `problems`, as printed by `stances validate`."""
    errs = errors(problems)
    warns = [p for p in problems if p.severity == "warning"]
    lines = [str(p) for p in problems]
    if errs:
        verdict = f"INVALID: {folder}: {len(errs)} error(s), {len(warns)} warning(s)"
    else:
        verdict = f"OK: {folder} is a valid debate ({len(warns)} warning(s))"
    return "\n".join([*lines, verdict])


def to_json(problems: list[Problem], *, folder: str) -> str:
    return json.dumps(
        {
            "folder": folder,
            "valid": not errors(problems),
            "errors": len(errors(problems)),
            "warnings": len(problems) - len(errors(problems)),
            "problems": [p.to_dict() for p in problems],
        },
        indent=2,
        ensure_ascii=False,
    )


def declare(codes: dict[str, Code]) -> None:
    """Add codes declared next to the code that raises them (the app's uploads); a code is declared only once."""
    clash = sorted(set(codes) & set(CODES))
    if clash:
        raise ValueError(f"problem codes declared twice: {', '.join(clash)}")
    CODES.update(codes)


def code_table() -> str:
    """The Markdown table of every problem code of a debate, its severity and its meaning: the README's, generated
    from here (the importers' input codes have their own table)."""
    rows = [
        f"| `{code}` | {spec.severity} | {spec.meaning} |" for code, spec in CODES.items() if spec.about == "debate"
    ]
    return "\n".join(["| code | severity | meaning |", "| --- | --- | --- |", *rows])
