"""Rules a debate's tables must follow: raw string tables in, a list of `Problem`s out.

Every rule is a small function over whole columns (no Python loop per row), so validating a million statements
stays fast. Rules never raise on bad data: a rule whose columns are missing yields nothing, because the missing
column is itself reported by the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from stances import schema
from stances.columns import PARSERS, is_blank, is_in, line_numbers, split_ids
from stances.problems import MAX_PER_RULE, Problem
from stances.query import chains
from stances.spelling import folded
from stances.vocab import (
    EVIDENCE_KINDS,
    OWN_WORDS,
    POSITION_MAX,
    POSITION_MIN,
    SCALE_MAX_POINTS,
    SCALE_MIN_POINTS,
    Evidence,
)

Tables = dict[str, pd.DataFrame]


@dataclass
class Context:
    """The raw tables, with each typed column parsed once and shared by the rules that need it."""

    tables: Tables
    lines: Mapping[str, np.ndarray] = field(default_factory=dict)  # file line of each row, where the reader knows it
    _parsed: dict[tuple[str, str], pd.Series] = field(default_factory=dict)
    _blank: dict[tuple[str, str], pd.Series] = field(default_factory=dict)
    _unique: dict[tuple[str, str, str], bool] = field(default_factory=dict)

    def has(self, table: str, *columns: str) -> bool:
        frame = self.tables.get(table)
        return frame is not None and all(c in frame.columns for c in columns)

    def is_unique(self, table: str, column: str) -> bool:
        """No two rows share a value of `column`: lets rules skip duplicate handling in the usual, clean case."""
        key = (table, column, "unique")
        if key not in self._unique:
            values = self.tables[table][column]
            try:
                distinct = pc.count_distinct(pa.array(values, from_pandas=True), mode="all").as_py()
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
                distinct = values.nunique(dropna=False)
            self._unique[key] = distinct == len(values)
        return self._unique[key]

    def blank(self, table: str, column: str) -> pd.Series:
        """`is_blank` of the column, found once and shared by the rules that ask."""
        key = (table, column)
        if key not in self._blank:
            self._blank[key] = is_blank(self.tables[table][column])
        return self._blank[key]

    def parsed(self, table: str, column: str) -> pd.Series:
        key = (table, column)
        if key not in self._parsed:
            raw = self.tables[table][column]
            kind = _field_spec(table, column)["type"]
            self._parsed[key] = PARSERS[kind](raw)
        return self._parsed[key]

    def file_lines(self, table: str, frame: pd.DataFrame) -> np.ndarray:
        """The file line where each row of `frame` (the table `table`) starts, as an editor numbers it."""
        lines = self.lines.get(table)
        return lines if lines is not None and len(lines) == len(frame) else line_numbers(frame)

    def problems(
        self,
        frame: pd.DataFrame,
        mask: pd.Series | np.ndarray,
        *,
        table: str,
        code: str,
        field: str | None,
        message: str | Callable[[int], str],
        values: pd.Series | None = None,
    ) -> Iterator[Problem]:
        """One `Problem` per row where `mask` holds, at most `MAX_PER_RULE` of them then a count of the rest.

        `message` is text, or a function of the row's position for messages that depend on the row.
        """
        rows = np.flatnonzero(np.asarray(mask, dtype=bool))
        if rows.size == 0:
            return
        file = schema.file_name(table)
        shown_values = values if values is not None else (frame.get(field, None))
        lines = self.file_lines(table, frame)
        for row in rows[:MAX_PER_RULE]:
            value = None if shown_values is None else str(shown_values.iloc[row])
            text = message(int(row)) if callable(message) else message
            yield Problem(code=code, file=file, line=int(lines[row]), field=field, value=value, message=text)
        if rows.size > MAX_PER_RULE:
            yield Problem(
                code="too-many-problems",
                file=file,
                field=field,
                message=f"and {rows.size - MAX_PER_RULE:,} more [{code}] problems not listed",
            )


def _field_spec(table: str, column: str) -> dict[str, Any]:
    return next(f for f in schema.fields(table) if f["name"] == column)


def field_problems(ctx: Context) -> Iterator[Problem]:
    """Required cells, types, enums, patterns and ranges: every field of every table, as its schema says."""
    for table, frame in ctx.tables.items():
        for spec in schema.fields(table):
            name = spec["name"]
            if name not in frame.columns:
                continue
            yield from _one_field(ctx, table, frame, spec)


def _one_field(ctx: Context, table: str, frame: pd.DataFrame, spec: dict[str, Any]) -> Iterator[Problem]:
    name, kind = spec["name"], spec["type"]
    constraints = spec.get("constraints", {})
    column = frame[name]
    blank = ctx.blank(table, name)
    at = dict(table=table, field=name)
    if constraints.get("required"):
        yield from ctx.problems(frame, blank, code="missing-value", message="is required", **at)
    present = ~blank
    if kind == "date":
        dates = ctx.parsed(table, name)
        yield from ctx.problems(
            frame, present & dates.isna(), code="type-error", message="expected a date as YYYY-MM-DD", **at
        )
        low, high = pd.Timestamp(constraints["minimum"]), pd.Timestamp(constraints["maximum"])
        outside = dates.notna() & ((dates < low) | (dates > high))
        yield from ctx.problems(
            frame,
            outside,
            code="out-of-range",
            message=f"expected a date between {constraints['minimum']} and {constraints['maximum']}",
            **at,
        )
    elif kind == "integer":
        numbers = ctx.parsed(table, name)
        yield from ctx.problems(frame, present & numbers.isna(), code="type-error", message="expected an integer", **at)
        low, high = constraints.get("minimum"), constraints.get("maximum")
        if low is not None or high is not None:
            outside = numbers.notna() & (
                (numbers < (low if low is not None else -np.inf)) | (numbers > (high if high is not None else np.inf))
            )
            bounds = f"from {low}" if high is None else f"from {low} to {high}"
            yield from ctx.problems(
                frame, outside.fillna(False), code="out-of-range", message=f"expected a number {bounds}", **at
            )
    elif kind == "boolean":
        flags = ctx.parsed(table, name)
        yield from ctx.problems(
            frame, present & flags.isna(), code="type-error", message="expected true or false", **at
        )
    if "enum" in constraints:
        allowed = constraints["enum"]
        yield from ctx.problems(
            frame,
            present & ~column.isin(allowed),
            code="not-in-enum",
            message=f"expected one of: {', '.join(allowed)}",
            **at,
        )
    if "pattern" in constraints:
        matches = column.str.fullmatch(constraints["pattern"][1:-1])
        code, expected = (
            ("invalid-url", "expected an http:// or https:// address")
            if constraints["pattern"] == schema.HTTP_URL
            else ("invalid-id", "expected a lower-case slug: letters a-z, digits and dashes")
        )
        yield from ctx.problems(frame, present & ~matches, code=code, message=expected, **at)


# Tables whose duplicate keys mean something more specific than "two rows share an identifier".
DUPLICATE_CODES: dict[str, tuple[str, str]] = {
    "story_steps": ("duplicate-step", "this story already has a step with this number"),
}


def duplicate_keys(ctx: Context) -> Iterator[Problem]:
    for table, frame in ctx.tables.items():
        key = schema.TABLES[table]["schema"]["primaryKey"]
        if not ctx.has(table, *key) or (len(key) == 1 and ctx.is_unique(table, key[0])):
            continue
        dup = frame.duplicated(subset=key, keep="first")
        if not dup.any():
            continue
        shown = frame[key].astype(str).agg(" / ".join, axis=1) if len(key) > 1 else frame[key[0]]
        field = key[0] if len(key) == 1 else ", ".join(key)
        code, message = DUPLICATE_CODES.get(table, ("duplicate-key", "duplicates an earlier row's identifier"))
        yield from ctx.problems(frame, dup, table=table, code=code, field=field, values=shown, message=message)


# (child table, child column, parent table, parent column, problem code, what the parent is called)
REFERENCES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("scale_points", "question_id", "questions", "question_id", "unknown-question", "question"),
    ("sources", "reports_on", "sources", "source_id", "unknown-source", "source"),
    ("actors", "speaks_for", "actors", "actor_id", "unknown-actor", "actor"),
    ("statements", "actor_id", "actors", "actor_id", "unknown-actor", "actor"),
    ("statements", "question_id", "questions", "question_id", "unknown-question", "question"),
    ("statement_sources", "statement_id", "statements", "statement_id", "unknown-statement", "statement"),
    ("statement_sources", "source_id", "sources", "source_id", "unknown-source", "source"),
    ("events", "source_id", "sources", "source_id", "unknown-source", "source"),
    ("story_steps", "story_id", "stories", "story_id", "unknown-story", "story"),
    ("story_steps", "statement_id", "statements", "statement_id", "unknown-statement", "statement"),
    ("story_steps", "event_id", "events", "event_id", "unknown-event", "event"),
)


def _known(ids: pd.Series, limit: int = 8) -> str:
    unique = pd.unique(ids[ids.str.strip() != ""])
    shown = ", ".join(map(str, unique[:limit]))
    return shown + (", …" if len(unique) > limit else "")


def unknown_references(ctx: Context) -> Iterator[Problem]:
    """Every foreign key resolves: actor, question, source, statement, and the reporting chain."""
    for child, column, parent, parent_column, code, noun in REFERENCES:
        if not (ctx.has(child, column) and ctx.has(parent, parent_column)):
            continue
        frame = ctx.tables[child]
        values = frame[column]
        parents = ctx.tables[parent][parent_column]
        dangling = ~ctx.blank(child, column) & ~is_in(values, parents)
        if dangling.any():
            known = _known(parents)
            yield from ctx.problems(
                frame, dangling, table=child, field=column, code=code, message=f"unknown {noun} (known: {known})"
            )


def positions_off_scale(ctx: Context) -> Iterator[Problem]:
    if not (ctx.has("statements", "question_id", "position") and ctx.has("scale_points", "question_id", "position")):
        return
    statements = ctx.tables["statements"]
    points = ctx.tables["scale_points"]
    point_keys = points["question_id"] + "|" + ctx.parsed("scale_points", "position").astype("string")
    positions = ctx.parsed("statements", "position")
    keys = statements["question_id"] + "|" + positions.astype("string")
    known_question = is_in(statements["question_id"], points["question_id"])
    # Positions outside the format's range are already reported as out-of-range.
    in_range = positions.between(POSITION_MIN, POSITION_MAX)
    off = (in_range & known_question & ~is_in(keys, point_keys)).fillna(False)
    if not off.any():
        return
    scale = (
        pd.DataFrame({"q": points["question_id"], "p": ctx.parsed("scale_points", "position")})
        .dropna()
        .groupby("q")["p"]
        .agg(lambda p: ", ".join(str(int(point)) for point in sorted(set(p))))
    )
    expected = statements["question_id"].map(scale)
    yield from ctx.problems(
        statements,
        off,
        table="statements",
        field="position",
        code="position-off-scale",
        message=lambda row: (
            f"not a point on the scale of '{statements['question_id'].iloc[row]}' "
            f"(expected one of: {expected.iloc[row]})"
        ),
    )


def questions_without_scale(ctx: Context) -> Iterator[Problem]:
    if not (ctx.has("questions", "question_id") and ctx.has("scale_points", "question_id")):
        return
    questions = ctx.tables["questions"]
    bare = ~ctx.blank("questions", "question_id") & ~is_in(
        questions["question_id"], ctx.tables["scale_points"]["question_id"]
    )
    yield from ctx.problems(
        questions,
        bare,
        table="questions",
        field="question_id",
        code="question-without-scale",
        message="has no points in scale_points.csv",
    )


def scale_sizes(ctx: Context) -> Iterator[Problem]:
    """Each question's scale holds 2 to 11 points (reported on the question's first point)."""
    if not ctx.has("scale_points", "question_id", "position"):
        return
    points = ctx.tables["scale_points"]
    questions = points["question_id"]
    sizes = pd.Series(ctx.parsed("scale_points", "position").to_numpy(), index=questions.to_numpy())
    counts = sizes.groupby(level=0).nunique()
    first = ~questions.duplicated() & ~ctx.blank("scale_points", "question_id")
    size = questions.map(counts).fillna(0).astype(int)
    low, high = SCALE_MIN_POINTS, SCALE_MAX_POINTS
    yield from ctx.problems(
        points,
        first & ((size < low) | (size > high)),
        table="scale_points",
        field="question_id",
        code="scale-size",
        message=lambda row: f"the scale has {size.iloc[row]} point(s); a scale needs {low} to {high}",
    )


def _same_as_earlier(
    ctx: Context, frame: pd.DataFrame, keys: pd.Series, ids: pd.Series, *, table: str, field: str, code: str, noun: str
) -> Iterator[Problem]:
    """A warning on each row whose `keys` value an earlier row already has, naming that earlier row."""
    present = keys.ne("")
    repeated = keys.duplicated() & present
    if not repeated.any():
        return
    lines = ctx.file_lines(table, frame)
    first_row = pd.Series(np.arange(len(frame)), index=frame.index).groupby(keys.to_numpy()).transform("min")
    yield from ctx.problems(
        frame,
        repeated,
        table=table,
        field=field,
        code=code,
        message=lambda row: (
            f"same {noun} as {ids.iloc[first_row.iloc[row]]!r} on line {lines[first_row.iloc[row]]} "
            f"(ignoring case and spacing): readers cannot tell {ids.iloc[row]!r} from it"
        ),
    )


def duplicate_labels(ctx: Context) -> Iterator[Problem]:
    """Two questions with one label (ignoring case and spacing) are a warning naming both rows."""
    if not ctx.has("questions", "question_id", "label"):
        return
    questions = ctx.tables["questions"]
    labels = questions["label"].map(folded)
    yield from _same_as_earlier(
        ctx,
        questions,
        labels,
        questions["question_id"],
        table="questions",
        field="label",
        code="duplicate-label",
        noun="label",
    )


def duplicate_names(ctx: Context) -> Iterator[Problem]:
    """Two actors with one name (ignoring case and spacing) are a warning naming both rows."""
    if not ctx.has("actors", "actor_id", "name"):
        return
    actors = ctx.tables["actors"]
    yield from _same_as_earlier(
        ctx,
        actors,
        actors["name"].map(folded),
        actors["actor_id"],
        table="actors",
        field="name",
        code="duplicate-name",
        noun="name",
    )
    if "aliases" in actors.columns:
        yield from _alias_clashes(ctx, actors)


def _alias_clashes(ctx: Context, actors: pd.DataFrame) -> Iterator[Problem]:
    """An alias that is another actor's name folds two actors into one spelling. (Two actors may share an alias, such
    as a surname: ambiguous, but not a name readers see.)"""
    lines = ctx.file_lines("actors", actors)
    ids = actors["actor_id"].astype(str).tolist()
    owner: dict[str, int] = {}
    for row, name in enumerate(actors["name"].astype(str)):
        owner.setdefault(folded(name), row)
    found = 0
    for row, cell in enumerate(actors["aliases"].astype(str)):
        for alias in (a.strip() for a in cell.split(schema.LIST_SEPARATOR)):
            key = folded(alias)
            if not key:
                continue
            other = owner.get(key, row)
            if other == row:
                continue
            found += 1
            if found <= MAX_PER_RULE:
                yield Problem(
                    code="duplicate-name",
                    file=schema.file_name("actors"),
                    line=int(lines[row]),
                    field="aliases",
                    value=alias,
                    message=f"also names {ids[other]!r} on line {lines[other]} (ignoring case and spacing): "
                    f"readers cannot tell {ids[row]!r} from it; merge the two actors or drop the alias",
                )


# (table, its id column, the column naming another row of it, the message when a row names itself)
SELF_REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("actors", "actor_id", "speaks_for", "an actor cannot speak for itself"),
    ("sources", "source_id", "reports_on", "a source cannot report on itself"),
)


def self_references(ctx: Context) -> Iterator[Problem]:
    for table, own, other, message in SELF_REFERENCES:
        if not ctx.has(table, own, other):
            continue
        frame = ctx.tables[table]
        same = ~ctx.blank(table, other) & frame[other].eq(frame[own])
        yield from ctx.problems(frame, same, table=table, field=other, code="self-reference", message=message)


def reporting_cycles(ctx: Context) -> Iterator[Problem]:
    """A reporting chain that comes back to where it started (a reports on b, b on a) has no original source."""
    if not ctx.has("sources", "source_id", "reports_on"):
        return
    sources = ctx.tables["sources"]
    cycles = chains.reporting_cycles(sources.assign(reports_on=sources["reports_on"].str.strip()))
    if not cycles:
        return
    lines = pd.Series(ctx.file_lines("sources", sources), index=sources["source_id"].to_numpy(dtype=object))
    line = lines[~lines.index.duplicated()].astype(int).to_dict()
    target = dict(zip(sources["source_id"], sources["reports_on"].str.strip(), strict=True))
    listed = []
    for cycle in cycles:
        first = min(cycle, key=line.__getitem__)
        listed.append((line[first], first, cycle[cycle.index(first) :] + cycle[: cycle.index(first)]))
    for number, first, turn in sorted(listed)[:MAX_PER_RULE]:
        yield Problem(
            code="reporting-cycle",
            file=schema.file_name("sources"),
            line=number,
            field="reports_on",
            value=target[first],
            message="the reporting chain goes round in a circle: " + " → ".join([*turn, first]),
        )
    if len(cycles) > MAX_PER_RULE:
        yield Problem(
            code="too-many-problems",
            file=schema.file_name("sources"),
            field="reports_on",
            message=f"and {len(cycles) - MAX_PER_RULE:,} more [reporting-cycle] problems not listed",
        )


def missing_urls(ctx: Context) -> Iterator[Problem]:
    """A source the curators read can be found again: it has a URL or an identifier."""
    if not ctx.has("sources", "url", "consulted"):
        return
    sources = ctx.tables["sources"]
    read = ctx.parsed("sources", "consulted").fillna(False).astype(bool)
    unfindable = ctx.blank("sources", "url")
    if "identifier" in sources.columns:
        unfindable &= ctx.blank("sources", "identifier")
    yield from ctx.problems(
        sources,
        read & unfindable,
        table="sources",
        field="url",
        code="missing-url",
        message="a source marked consulted=true needs its URL or an identifier",
    )


def quote_rules(ctx: Context) -> Iterator[Problem]:
    """On-record words need the quote; a quote needs evidence that is the actor's own words."""
    if not ctx.has("statements", "quote", "evidence"):
        return
    statements = ctx.tables["statements"]
    evidence = statements["evidence"]
    has_quote = ~ctx.blank("statements", "quote")
    yield from ctx.problems(
        statements,
        evidence.eq(Evidence.ON_RECORD) & ~has_quote,
        table="statements",
        field="quote",
        code="missing-quote",
        message="evidence is on-record, so the actor's exact words are required",
        values=statements["quote"],
    )
    if "span" in statements.columns:
        yield from ctx.problems(
            statements,
            evidence.eq(Evidence.CODED_SPAN) & ctx.blank("statements", "span"),
            table="statements",
            field="span",
            code="missing-span",
            message="evidence is coded-span, so the text of the coded span is required",
        )
    own_words = evidence.isin(OWN_WORDS)
    yield from ctx.problems(
        statements,
        has_quote & ~own_words & evidence.isin(EVIDENCE_KINDS),
        table="statements",
        field="quote",
        code="quote-not-on-record",
        message="a quote must be the actor's own words; evidence is not on-record or official-document",
    )


def statement_source_rules(ctx: Context) -> Iterator[Problem]:
    """Each statement rests on a source the curators read, and is not dated after any of its sources."""
    if not (
        ctx.has("statements", "statement_id", "date") and ctx.has("statement_sources", "statement_id", "source_id")
    ):
        return
    statements = ctx.tables["statements"]
    links = ctx.tables["statement_sources"]
    sourced = is_in(statements["statement_id"], links["statement_id"])
    yield from ctx.problems(
        statements,
        ~sourced & ~ctx.blank("statements", "statement_id"),
        table="statements",
        field="statement_id",
        code="statement-without-source",
        message="rests on no source; add a row to statement_sources.csv",
    )
    if not ctx.has("sources", "source_id", "published", "consulted"):
        return
    sources = ctx.tables["sources"]
    by_source = pd.DataFrame(
        {
            "source_id": sources["source_id"],
            "published": ctx.parsed("sources", "published"),
            # An unreadable flag is reported as a type error; do not also claim the statement unread.
            "consulted": ctx.parsed("sources", "consulted").fillna(True).astype(bool),
        }
    ).drop_duplicates("source_id")
    joined = _statements_with_sources(ctx, statements, links, by_source)

    late = joined[joined["date"].notna() & joined["published"].notna() & (joined["date"] > joined["published"])]
    late = late.drop_duplicates("row").set_index("row")
    mask = np.zeros(len(statements), dtype=bool)
    mask[late.index.to_numpy()] = True
    late_source, late_day = late["source_id"].astype(str), late["published"].dt.strftime("%Y-%m-%d")
    yield from ctx.problems(
        statements,
        mask,
        table="statements",
        field="date",
        code="dated-after-source",
        message=lambda row: f"is after its source '{late_source.at[row]}' was published {late_day.at[row]}",
    )

    consulted_any = joined.groupby("row")["consulted"].any()
    unread = np.zeros(len(statements), dtype=bool)
    unread[consulted_any[~consulted_any].index.to_numpy()] = True
    yield from ctx.problems(
        statements,
        unread,
        table="statements",
        field="statement_id",
        code="no-consulted-source",
        message="none of its sources was read by the curators (all have consulted=false)",
    )


def _statements_with_sources(
    ctx: Context, statements: pd.DataFrame, links: pd.DataFrame, by_source: pd.DataFrame
) -> pd.DataFrame:
    """Each statement row (`row`, `date`) with each known source it rests on (`source_id`, `published`, `consulted`).

    With unique statement ids (the usual case) a link names at most one row, so Arrow's `index_in` replaces the
    string merges, in the merge's order (statement rows, then links in file order); duplicate ids take the merge.
    """
    dates = ctx.parsed("statements", "date")
    if not ctx.is_unique("statements", "statement_id"):
        return (
            pd.DataFrame({"row": np.arange(len(statements)), "statement_id": statements["statement_id"], "date": dates})
            .merge(links[["statement_id", "source_id"]], on="statement_id")
            .merge(by_source, on="source_id")
        )
    row = pc.index_in(pa.array(links["statement_id"], from_pandas=True), pa.array(statements["statement_id"]))
    source = pc.index_in(pa.array(links["source_id"], from_pandas=True), pa.array(by_source["source_id"]))
    known = pc.and_(pc.is_valid(row), pc.is_valid(source)).to_numpy(zero_copy_only=False)
    row = row.to_numpy(zero_copy_only=False)[known].astype(np.int64)
    source = source.to_numpy(zero_copy_only=False)[known].astype(np.int64)
    order = np.argsort(row, kind="stable")
    row, source = row[order], source[order]
    return pd.DataFrame(
        {
            "row": row,
            "date": dates.to_numpy()[row],
            "source_id": by_source["source_id"].take(source).array,  # stays Arrow text: no per-row conversion
            "published": by_source["published"].to_numpy()[source],
            "consulted": by_source["consulted"].to_numpy()[source],
        }
    )


def empty_stories(ctx: Context) -> Iterator[Problem]:
    """Every story has at least one step."""
    if not (ctx.has("stories", "story_id") and ctx.has("story_steps", "story_id")):
        return
    stories = ctx.tables["stories"]
    bare = ~ctx.blank("stories", "story_id") & ~is_in(stories["story_id"], ctx.tables["story_steps"]["story_id"])
    yield from ctx.problems(
        stories,
        bare,
        table="stories",
        field="story_id",
        code="empty-story",
        message="has no steps; add rows for it to story_steps.csv",
    )


def step_targets(ctx: Context) -> Iterator[Problem]:
    """Each story step shows exactly one thing: a statement (`statement_id`) or a context event (`event_id`)."""
    if not ctx.has("story_steps", "statement_id", "event_id"):
        return
    steps = ctx.tables["story_steps"]
    statement, event = ~is_blank(steps["statement_id"]), ~is_blank(steps["event_id"])
    yield from ctx.problems(
        steps,
        (~statement & ~event).to_numpy(),
        table="story_steps",
        field="statement_id",
        code="step-without-target",
        message="names neither a statement nor an event; fill statement_id or event_id",
    )
    yield from ctx.problems(
        steps,
        (statement & event).to_numpy(),
        table="story_steps",
        field="event_id",
        code="step-with-two-targets",
        message="names both a statement and an event; a step shows one of them: empty one of the two",
    )


# A story step's lists of ids (`;`-separated), with what each id must name.
STEP_LISTS = (
    ("actors", "actors", "actor_id", "unknown-actor", "actor"),
    ("questions", "questions", "question_id", "unknown-question", "question"),
)


def story_step_views(ctx: Context) -> Iterator[Problem]:
    """A step's view names known actors and questions, and its range does not run backwards."""
    if not ctx.has("story_steps", "story_id"):
        return
    steps = ctx.tables["story_steps"]
    for column, parent, parent_column, code, noun in STEP_LISTS:
        if not (column in steps.columns and ctx.has(parent, parent_column)):
            continue
        known = set(ctx.tables[parent][parent_column])
        listed = [split_ids(value) for value in steps[column]]
        unknown = [[i for i in ids if i not in known] for ids in listed]
        yield from ctx.problems(
            steps,
            np.array([bool(u) for u in unknown]),
            table="story_steps",
            field=column,
            code=code,
            values=pd.Series(["; ".join(u) for u in unknown]),
            message=f"unknown {noun} in this list (known: {_known(ctx.tables[parent][parent_column])})",
        )
    if ctx.has("story_steps", "view_start", "view_end"):
        start, end = ctx.parsed("story_steps", "view_start"), ctx.parsed("story_steps", "view_end")
        yield from ctx.problems(
            steps,
            (start.notna() & end.notna() & (end < start)).to_numpy(),
            table="story_steps",
            field="view_end",
            code="reversed-range",
            message="is before view_start; the timeline's range must not run backwards",
        )


RULES: tuple[Callable[[Context], Iterator[Problem]], ...] = (
    field_problems,
    duplicate_keys,
    unknown_references,
    positions_off_scale,
    questions_without_scale,
    scale_sizes,
    duplicate_labels,
    duplicate_names,
    self_references,
    reporting_cycles,
    missing_urls,
    quote_rules,
    statement_source_rules,
    empty_stories,
    step_targets,
    story_step_views,
)


def check_tables(tables: Tables, *, lines: Mapping[str, np.ndarray] | None = None) -> tuple[list[Problem], Context]:
    """Every problem in `tables` (raw string tables keyed by table name), in file order, and the context that
    parsed them: the loader reuses its typed columns instead of parsing twice."""
    ctx = Context(tables, lines=lines if lines is not None else {})
    problems = [problem for rule in RULES for problem in rule(ctx)]
    return sorted(problems, key=_file_order), ctx


_TABLE_RANK = {schema.file_name(name): i for i, name in enumerate(schema.ALL_TABLES)}
_FIELD_RANK = {(schema.file_name(t), f): i for t in schema.ALL_TABLES for i, f in enumerate(schema.field_names(t))}


def _file_order(problem: Problem) -> tuple[int, int, int]:
    """Tables in format order, then lines, then columns in header order; summaries last."""
    line = problem.line if problem.line is not None else 10**12
    return (_TABLE_RANK.get(problem.file, -1), line, _FIELD_RANK.get((problem.file, problem.field or ""), 99))
