"""Shareable links: the query parameters the app understands, one strict parser per kind of value, and the notice
that names every part of a link the app could not use as written."""

from __future__ import annotations

import datetime as dt
import re
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
    "story": "the id of the story the presenter walks through (none: every statement by date)",
    "pace": "autoplay seconds per step",
    "autoplay": "true while the presentation plays by itself",
    "question_focus": "the question shown on the Positions over time page",
    "measure": "the alignment measure: agreement, congruence, conflict or jaccard",
    "threshold": "the agreement threshold of the network and the camps, 0 to 1",
    "focus": "the actor whose closest and furthest actors are listed, by name",
    "pair": "the two actor ids whose statements are open on the alignment page, as two parameters",
    "wsize": "the moving window's size in days",
    "wstep": "the moving window's step in days",
    "smooth": "how many windows the smoothed polarisation averages",
    "matches": "true to list public and private positions that match too",
    "who": "the actor of the profile page, by name",
    "compare": "the actors compared with the profile's actor, by name",
    "debate": "the debate shown, by its folder name, when the app offers several (the bundled one if absent)",
    "gapmarks": "true to mark the grid's cells where public words and a private signal differ",
    "colours": "what the timeline's colours show: a question's label, or each mark's own question",
}

STATEMENT_PARAM = "statement"
PAIR_PARAM = "pair"
# Parameters no widget owns: the app writes them itself, so an unusable value is removed from the link.
UNBOUND = (STATEMENT_PARAM, PAIR_PARAM)

# Choice widgets bound to the URL write the option's *label* (as the user sees it), so links read
# `?actor=Mark A. Milley&question=Open talks now`; these parameters are checked against those labels.
MULTI_CHOICE = ("actor", "question", "position", "evidence", "channel", "outlet", "compare")
# One choice each, checked against the options their widget offers (the alignment pages').
COLOURS = "colours"  # the timeline's "Colours show" choice
SINGLE_CHOICE = ("question_focus", "measure", "focus", "who", "wsize", "wstep", "smooth", "debate", COLOURS)
CHOICE_PARAMS = (*MULTI_CHOICE, *SINGLE_CHOICE, PAIR_PARAM)
CHOICE_WHY = {
    "actor": "unknown actor",
    "question": "unknown question",
    "question_focus": "unknown question",
    "position": "unknown position",
    "evidence": "unknown evidence kind",
    "channel": "not Public or Private",
    "outlet": "unknown outlet",
    "compare": "unknown actor",
    "measure": "not agreement, congruence, conflict or jaccard",
    "focus": "unknown actor",
    "who": "unknown actor",
    "wsize": "not one of the window sizes offered",
    "wstep": "not one of the steps offered",
    "smooth": "not one of the smoothing choices offered",
    "debate": "unknown debate",
    COLOURS: "unknown question",
}
FLAGS = ("onrecord", "changes", "autoplay", "matches", "gapmarks")
DAYS = ("asof", "since")
PACE = (2, 30)  # the presenter's seconds per step: the bounds of its slider
Q_MAX = 200  # characters of free-text search; the search box holds no more
SHOWN_VALUE = 60  # characters of a value quoted in the notice

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_COUNT = re.compile(r"[1-9][0-9]{0,8}")  # ASCII digits only ('²'.isdigit() is true), at most 9 of them
_FLAG = {"true": True, "True": True, "false": False, "False": False}


def parse_date(value: str) -> dt.date | None:
    """A day written exactly YYYY-MM-DD, else None."""
    if not _DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_count(value: str, low: int = 1, high: int = 10**9 - 1) -> int | None:
    """A whole number written in ASCII digits without sign or leading zero, within low..high, else None."""
    if not _COUNT.fullmatch(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


_FRACTION = re.compile(r"(0(\.[0-9]{1,17})?|1(\.0{1,17})?|\.[0-9]{1,17})")


def parse_fraction(value: str) -> float | None:
    """A number from 0 to 1 written plainly (0.75, .5, 1), else None: no signs, exponents, nan or inf."""
    return float(value) if _FRACTION.fullmatch(value) else None


def parse_flag(value: str) -> bool | None:
    """true/false (as the toggles write them; True/False too), else None."""
    return _FLAG.get(value)


def _widget_int(value: str) -> int | None:
    """How Streamlit's bound int slider reads a URL value it accepts ('+3', '05', ' 7', '7.5'), else None."""
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number == number and abs(number) < 1e15 else None


@dataclass(frozen=True, kw_only=True)
class LinkVocabulary:
    """What a link may hold in this debate: labels for choice parameters, statement ids and its days."""

    choices: Mapping[str, frozenset[str]]
    statements: frozenset[str]
    stories: frozenset[str] = frozenset()
    first: dt.date | None = None  # the debate's first and last day: the bounds of every date widget
    last: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class Unused:
    """A part of a link the app could not use as written: ignored (`read_as` None), or read as `read_as`."""

    name: str
    value: str
    why: str
    read_as: str | None = None


def unused_values(params: Mapping[str, Sequence[str]], vocabulary: LinkVocabulary) -> list[Unused]:
    """Every value of a link the app ignores or reads differently, in link order; an empty list for a clean link."""
    out: list[Unused] = []
    for name, values in params.items():
        values = list(values)
        if name not in PARAMS:
            out.append(Unused(name=name, value=", ".join(values), why="not a setting of this app"))
        elif name in MULTI_CHOICE:
            out.extend(_choices(name, values, vocabulary))
        elif name == "dates":
            out.extend(_dates(values, vocabulary))
        elif name == PAIR_PARAM:
            out.extend(_pair(values, vocabulary))
        else:
            out.extend(_single(name, values, vocabulary))
    return out


def _choices(name: str, values: list[str], vocabulary: LinkVocabulary) -> list[Unused]:
    known = vocabulary.choices.get(name, frozenset())
    out, seen = [], set()
    for value in values:
        if value == "" and len(values) == 1:
            continue  # `?actor=` clears the choice, which is a valid link
        if value not in known:
            out.append(Unused(name=name, value=value, why=CHOICE_WHY[name]))
        elif value in seen:
            out.append(Unused(name=name, value=value, why="given more than once"))
        seen.add(value)
    return out


def _pair(values: list[str], vocabulary: LinkVocabulary) -> list[Unused]:
    """Two different actor ids (the pair written by the alignment page itself)."""
    known = vocabulary.choices.get(PAIR_PARAM, frozenset())
    unknown = [Unused(name=PAIR_PARAM, value=v, why="unknown actor id") for v in values if v not in known]
    if unknown:
        return unknown
    if len(values) != 2 or values[0] == values[1]:
        return [Unused(name=PAIR_PARAM, value=", ".join(values), why="not two different actors")]
    return []


def _in_debate(day: dt.date, vocabulary: LinkVocabulary) -> bool:
    return (vocabulary.first is None or day >= vocabulary.first) and (vocabulary.last is None or day <= vocabulary.last)


def _span(vocabulary: LinkVocabulary) -> str:
    return f"outside the debate's days, {vocabulary.first} to {vocabulary.last}"


def _dates(values: list[str], vocabulary: LinkVocabulary) -> list[Unused]:
    joined = ", ".join(values)
    if values == [""]:
        return []
    days = [parse_date(v) for v in values]
    bad = [v for v, d in zip(values, days, strict=True) if d is None]
    if bad:
        return [Unused(name="dates", value=joined, why="not a date (YYYY-MM-DD)")]
    if not all(_in_debate(d, vocabulary) for d in days if d is not None):
        return [Unused(name="dates", value=joined, why=_span(vocabulary))]
    start, end = days[0], days[-1]
    assert start is not None and end is not None
    if len(days) > 2:
        low, high = min(start, end), max(start, end)
        return [Unused(name="dates", value=joined, why="more than two days", read_as=f"{low} to {high}")]
    if end < start:
        return [Unused(name="dates", value=joined, why="last day before the first", read_as=f"{end} to {start}")]
    return []


def _single(name: str, values: list[str], vocabulary: LinkVocabulary) -> list[Unused]:
    """Parameters that hold one value."""
    if len(values) > 1:
        if name in FLAGS or name in DAYS or name == "pace":
            return [Unused(name=name, value=", ".join(values), why="given more than once")]
        last = values[-1]
        problems = _single(name, [last], vocabulary)
        if problems:
            why = f"given more than once; the last, {problems[0].why}"
            return [Unused(name=name, value=", ".join(values), why=why)]
        return [Unused(name=name, value=", ".join(values), why="given more than once", read_as=_quoted(last))]
    value = values[0] if values else ""
    if name == "q":
        if len(value) > Q_MAX:
            return [Unused(name=name, value=value, why=f"longer than {Q_MAX} characters", read_as=f"its first {Q_MAX}")]
        return []
    if name in SINGLE_CHOICE:
        known = vocabulary.choices.get(name, frozenset())
        return [] if value in known else [Unused(name=name, value=value, why=CHOICE_WHY[name])]
    if name == "threshold":
        return (
            []
            if parse_fraction(value) is not None
            else [Unused(name=name, value=value, why="not a number from 0 to 1")]
        )
    if name in FLAGS:
        return [] if parse_flag(value) is not None else [Unused(name=name, value=value, why="not true or false")]
    if name in DAYS:
        day = parse_date(value)
        if day is None:
            return [Unused(name=name, value=value, why="not a date (YYYY-MM-DD)")]
        return [] if _in_debate(day, vocabulary) else [Unused(name=name, value=value, why=_span(vocabulary))]
    if name == "statement":
        return [] if value in vocabulary.statements else [Unused(name=name, value=value, why="unknown statement")]
    if name == "story":
        return [] if value in vocabulary.stories else [Unused(name=name, value=value, why="unknown story")]
    if name == "step":  # its upper bound depends on the filters: the presenter checks it
        return [] if parse_count(value) is not None else [Unused(name=name, value=value, why="not a step number")]
    if name == "pace":
        low, high = PACE
        if parse_count(value, low, high) is not None:
            return []
        read = _widget_int(value)
        if read is not None and low <= read <= high:
            return [Unused(name=name, value=value, why="not written as a whole number", read_as=str(read))]
        return [Unused(name=name, value=value, why=f"not a number of seconds from {low} to {high}")]
    raise AssertionError(f"no parser for link parameter {name}")  # pragma: no cover: PARAMS and parsers agree


def _quoted(value: str) -> str:
    short = value if len(value) <= SHOWN_VALUE else value[:SHOWN_VALUE] + f"… ({len(value):,} characters)"
    return repr(short)


def notice(unused: Sequence[Unused]) -> str:
    """Plain sentences for the user naming each part of a link that was ignored or read differently (escape it
    with `cards.shown` before showing it: the values are the link's own text)."""

    def part(item: Unused) -> str:
        value = f" {_quoted(item.value)}" if item.value else ""
        said = f"{item.name}{value} ({item.why})"
        return said if item.read_as is None else f"{said}, read as {item.read_as}"

    ignored = [part(u) for u in unused if u.read_as is None]
    changed = [part(u) for u in unused if u.read_as is not None]
    sentences = []
    if ignored:
        sentences.append("Ignored from the link: " + "; ".join(ignored) + ".")
    if changed:
        sentences.append("Not as written in the link: " + "; ".join(changed) + ".")
    return " ".join(sentences)
