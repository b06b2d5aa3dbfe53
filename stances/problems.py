"""Problems found in a debate's files: values, never exceptions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with a debate, with where it is and what was expected."""

    code: str
    file: str
    line: int | None = None
    field: str | None = None
    value: str | None = None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        value = f" {_shown(self.value)}" if self.value is not None else ""
        kind = "" if self.severity == "error" else " (warning)"
        return f"{where}:{field}{value} {self.message} [{self.code}]{kind}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


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
