"""Shareable links: which query parameters the app understands, and which of a link's values it must ignore."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Every parameter the app reads from the URL, with what it holds.
PARAMS: dict[str, str] = {
    "actor": "actor names, as shown (repeat the parameter for several)",
    "question": "question labels, as shown",
    "dates": "first and last day, YYYY-MM-DD, as two parameters",
    "position": "position labels, as shown (e.g. +2 strongly for)",
    "evidence": "evidence labels, as shown (e.g. On-record words)",
    "onrecord": "true to show only the actors' own words",
    "channel": "Public or Private",
    "outlet": "outlet names",
    "q": "free-text search in summaries and quotes",
    "asof": "the grid's as-of day, YYYY-MM-DD",
    "since": "the earlier day of the grid's change view, YYYY-MM-DD",
    "changes": "true to show what changed since `since`",
    "statement": "the statement whose detail card is open",
    "step": "the presenter's step, 1-based",
    "pace": "autoplay seconds per step",
    "autoplay": "true while the presentation plays by itself",
    "question_focus": "the question shown on the Positions over time page",
}


STATEMENT_PARAM = "statement"

# Choice widgets bound to the URL write the option's *label* (as the user sees it), so links read
# `?actor=Mark A. Milley&question=Open talks now`; these parameters are checked against those labels.
CHOICE_PARAMS = ("actor", "question", "question_focus", "position", "evidence", "channel", "outlet")


@dataclass(frozen=True, kw_only=True)
class LinkVocabulary:
    """The values a link may hold in this debate: labels for choice parameters, ids for statements."""

    choices: Mapping[str, frozenset[str]]
    statements: frozenset[str]


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _is_int(value: str, low: int, high: int) -> bool:
    try:
        number = int(value)
    except ValueError:
        return False
    return low <= number <= high


BOOLEAN = frozenset({"true", "false", "True", "False"})


def ignored_values(params: Mapping[str, Sequence[str]], vocabulary: LinkVocabulary) -> list[tuple[str, str, str]]:
    """(parameter, value, why) for every part of a link the app cannot use; an empty list for a clean link."""

    def choice(name: str, why: str) -> tuple:
        return (lambda v: v in vocabulary.choices.get(name, frozenset()), why)

    checks = {
        "actor": choice("actor", "unknown actor"),
        "question": choice("question", "unknown question"),
        "question_focus": choice("question_focus", "unknown question"),
        "position": choice("position", "unknown position"),
        "evidence": choice("evidence", "unknown evidence kind"),
        "channel": choice("channel", "not Public or Private"),
        "outlet": choice("outlet", "unknown outlet"),
        "dates": (_is_date, "not a date (YYYY-MM-DD)"),
        "asof": (_is_date, "not a date (YYYY-MM-DD)"),
        "since": (_is_date, "not a date (YYYY-MM-DD)"),
        "onrecord": (lambda v: v in BOOLEAN, "not true or false"),
        "changes": (lambda v: v in BOOLEAN, "not true or false"),
        "autoplay": (lambda v: v in BOOLEAN, "not true or false"),
        "statement": (lambda v: v in vocabulary.statements, "unknown statement"),
        "step": (lambda v: _is_int(v, 1, 10**9), "not a step number"),
        "pace": (lambda v: _is_int(v, 1, 60), "not a number of seconds from 1 to 60"),
        "q": (lambda v: len(v) <= 200, "longer than 200 characters"),
    }
    out: list[tuple[str, str, str]] = []
    for name, values in params.items():
        if name not in PARAMS:
            out.append((name, ", ".join(values), "not a setting of this app"))
            continue
        valid, why = checks[name]
        out.extend((name, value, why) for value in values if not valid(value))
    return out


def notice(ignored: list[tuple[str, str, str]]) -> str:
    """One short sentence for the user about the parts of a link that were ignored."""
    parts = [f"{name}={value!r} ({why})" if value else f"{name} ({why})" for name, value, why in ignored]
    return "Ignored from the link: " + "; ".join(parts) + "."
