"""Presenters' stories: curated, narrated walks through a debate, and the view each step sets.

A story is data (`stories.csv`, `story_steps.csv`). The default walk, every shown statement by date, is a story
too, without narration. A step shows a statement, or a context event (its date and card). `step_view` is the one
place that says what a step shows: the card's statement or event, the timeline's range and ringed mark, and the
grid; the Present page and the one-file deck both draw from it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from stances import links, package, query, schema, steps
from stances.columns import split_ids
from stances.model import Debate
from stances.vocab import day_text

WALK = ""  # the story id of the default walk
WALK_TITLE = "All statements by date"
GRID_ACTORS = 6  # the default walk's grid keeps at most this many actors: the current one and the busiest
GRID_QUESTIONS = 5  # and at most this many questions, chosen the same way
SLUG = re.compile(schema.SLUG)


@dataclass(frozen=True, kw_only=True)
class StoryStep:
    """One step: the statement or the context event it shows (exactly one of the two ids), what the presenter says,
    and the view (empty fields: the defaults)."""

    statement_id: str = ""
    event_id: str = ""
    narration: str = ""
    notes: str = ""
    as_of: dt.date | None = None  # the grid's day; None: the statement's (or event's) own day
    since: dt.date | None = None  # show the grid's changes since this day
    view_start: dt.date | None = None  # the timeline's visible range; None: the whole debate
    view_end: dt.date | None = None
    actors: tuple[str, ...] = ()  # the grid's actors; empty: all
    questions: tuple[str, ...] = ()  # the grid's questions; empty: all

    @property
    def is_event(self) -> bool:
        return bool(self.event_id)


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


@dataclass(frozen=True, kw_only=True)
class Story:
    story_id: str
    title: str
    description: str = ""
    steps: tuple[StoryStep, ...] = field(default=())

    @property
    def is_walk(self) -> bool:
        return self.story_id == WALK


def _day(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def stories_in(debate: Debate) -> dict[str, Story]:
    """The debate's stories by id, in file order, each with its steps in step order."""
    out: dict[str, Story] = {}
    by_story = {sid: part for sid, part in debate.story_steps.groupby("story_id", sort=False)}
    for row in debate.stories.itertuples(index=False):
        part = by_story.get(str(row.story_id))
        story_steps = () if part is None else tuple(_step(r) for r in part.sort_values("step").itertuples(index=False))
        out[str(row.story_id)] = Story(
            story_id=str(row.story_id), title=str(row.title), description=str(row.description or ""), steps=story_steps
        )
    return out


def _step(row) -> StoryStep:
    return StoryStep(
        statement_id=_text(row.statement_id),
        event_id=_text(getattr(row, "event_id", "")),
        narration=str(row.narration or ""),
        notes=str(row.notes or ""),
        as_of=_day(row.as_of),
        since=_day(row.since),
        view_start=_day(row.view_start),
        view_end=_day(row.view_end),
        actors=tuple(split_ids(row.actors)),
        questions=tuple(split_ids(row.questions)),
    )


def default_walk(ordered: pd.DataFrame) -> Story:
    """Every statement of `ordered` (already in `query.step_order`) as one step, without narration."""
    return Story(
        story_id=WALK,
        title=WALK_TITLE,
        steps=tuple(StoryStep(statement_id=str(s)) for s in ordered["statement_id"]),
    )


def parse_story(value: str | None, known: Mapping[str, Story]) -> str | None:
    """The story a URL names: exactly a known id, else None (the default walk)."""
    return value if value is not None and value in known else None


def parse_step(value: str | None, total: int) -> int | None:
    """The step a URL names: a plain step number 1..total (`links.parse_count`), else None."""
    return None if value is None or total < 1 else links.parse_count(value, 1, total)


@dataclass(frozen=True, kw_only=True, eq=False)
class StepView:
    """What one step shows: the statement or event (card), the timeline (range, ring, fading) and the grid as of a
    day."""

    story: Story
    number: int
    step: StoryStep
    day: dt.date  # the statement's (or the event's) date
    grid_day: dt.date
    since: dt.date | None
    start: dt.date | None  # the timeline's visible range (None: all)
    end: dt.date | None
    timeline: pd.DataFrame  # the statements the timeline draws
    snapshot: pd.DataFrame
    actors: list[str]
    questions: list[str]
    moved: dict[tuple[str, str], int] | None
    cell: tuple[str, str] = ("", "")  # the step's statement's (actor, question): its cell ("", "" for an event)

    @property
    def total(self) -> int:
        return len(self.story.steps)

    @property
    def statement_id(self) -> str:
        """The step's statement; "" on an event step."""
        return self.step.statement_id

    @property
    def event_id(self) -> str:
        """The step's context event; "" on a statement step."""
        return self.step.event_id

    @property
    def is_event(self) -> bool:
        return self.step.is_event

    @property
    def is_first(self) -> bool:
        return self.number <= 1

    @property
    def is_last(self) -> bool:
        return self.number >= self.total


def context_statements(debate: Debate, shown: pd.DataFrame, story: Story) -> pd.DataFrame:
    """What the timeline and grid show around a story: the filtered statements of the story's actors (those of its
    steps and those its views name) plus the story's own statements, in step order.

    Filters narrow the context; a story's steps are always there, so a filter never breaks the story. A story of
    context events that names no actors has every shown statement around it.
    """
    if story.is_walk:
        return query.step_order(shown)
    own = debate.statements["statement_id"].isin([s.statement_id for s in story.steps if s.statement_id])
    extra = debate.statements[own.to_numpy() & ~debate.statements["statement_id"].isin(shown["statement_id"])]
    context = pd.concat([shown, extra]) if len(extra) else shown
    # The story's lanes only: the actors of its steps and those its views name (a debate may have dozens).
    cast = set(debate.statements.loc[own.to_numpy(), "actor_id"].astype(str))
    cast |= {actor for step in story.steps for actor in step.actors}
    if not cast:  # a story of context events only, naming no actors: every shown actor's lane
        return query.step_order(context)
    return query.step_order(context[context["actor_id"].astype(str).isin(cast).to_numpy()])


def step_views(debate: Debate, story: Story, context: pd.DataFrame) -> list[StepView]:
    """Every step's view (what the deck draws): `step_view` for each, the grid's as-of snapshot taken once per day."""
    days: dict[tuple[dt.date, dt.date | None], query.GridView] = {}
    return [step_view(debate, story, context, n, _days=days) for n in range(1, len(story.steps) + 1)]


def step_view(
    debate: Debate,
    story: Story,
    context: pd.DataFrame,
    number: int,
    *,
    _days: dict[tuple[dt.date, dt.date | None], query.GridView] | None = None,
) -> StepView:
    """The view of step `number` (clamped to the story) of `story`, over `context` (see `context_statements`).

    The grid follows the Grid page's one rule (`query.grid_view`, i.e. `query.as_of`): each actor's latest position
    on or before the grid's day (the step's day, or a story step's `as_of`), over every context statement, so the
    presenter's grid and the Grid page opened for that day show the same cells. The default walk's grid keeps the
    current step's actor and question and the busiest so far; a story's grid keeps its chosen actors and questions.
    """
    if not story.steps:
        raise ValueError(f"story {story.story_id!r} has no steps")
    number = steps.clamp(number, len(story.steps))
    step = story.steps[number - 1]
    day, cell = _target(debate, step, number)
    grid_day = step.as_of or day
    if story.is_walk:
        actors = query.actors_in(debate, steps.grid_actors(context, number, limit=GRID_ACTORS))
        questions = query.questions_in(debate, steps.grid_questions(context, number, limit=GRID_QUESTIONS))
        if _days is None:
            view = query.grid_view(debate, context, grid_day, actors=actors, questions=questions)
            snapshot = view.snapshot
        else:  # the whole day's grid once, then this step's rows and columns of it (the rule is per cell)
            day_view = _days.get((grid_day, None)) or _days.setdefault(
                (grid_day, None), query.grid_view(debate, context, grid_day)
            )
            cells = day_view.snapshot
            keep = cells["actor_id"].astype(str).isin(actors) & cells["question_id"].astype(str).isin(questions)
            snapshot = cells[keep.to_numpy()].reset_index(drop=True)
        moved = None
    else:
        key = (grid_day, step.since)
        view = (_days.get(key) if _days is not None else None) or query.grid_view(debate, context, grid_day, step.since)
        if _days is not None:
            _days[key] = view
        # A chosen actor with nothing to show yet still gets its (empty) row: the grid does not jump between steps.
        actors = query.actors_in(debate, step.actors) if step.actors else view.actors
        questions = query.questions_in(debate, step.questions) if step.questions else view.questions
        snapshot, moved = view.snapshot, view.moved
    return StepView(
        story=story,
        number=number,
        step=step,
        day=day,
        grid_day=grid_day,
        since=step.since,
        start=step.view_start,
        end=step.view_end,
        timeline=context,
        snapshot=snapshot,
        actors=actors,
        questions=questions,
        moved=moved,
        cell=cell,
    )


def _target(debate: Debate, step: StoryStep, number: int) -> tuple[dt.date, tuple[str, str]]:
    """The day of what step `number` shows, and its statement's grid cell (none for a context event)."""
    if step.is_event:
        events = debate.events
        event = events[(events["event_id"].astype(str) == step.event_id).to_numpy()]
        if event.empty:
            raise ValueError(f"step {number} names an unknown event {step.event_id!r}")
        return pd.Timestamp(event["date"].iloc[0]).date(), ("", "")
    row = debate.statements[debate.statements["statement_id"] == step.statement_id]
    if row.empty:
        raise ValueError(f"step {number} names an unknown statement {step.statement_id!r}")
    return pd.Timestamp(row["date"].iloc[0]).date(), (str(row["actor_id"].iloc[0]), str(row["question_id"].iloc[0]))


GRID_RULE = "as on the Grid page: latest positions by that day"


ANOTHER_IN_CELL = "the step's own cell shows another statement of that day, as the Grid page does"


def grid_note(view: StepView, *, brief: bool = False) -> str:
    """What the step's grid shows, in words for the screen (plain text: the caller escapes it): the Present page's
    caption, or `brief` the deck's step line. Both say when the card's own cell shows another statement."""
    another = cell_shows_another(view) is not None
    if brief:
        note = f"grid as of {day_text(view.grid_day)}"
        if view.since:
            note += f", changes since {day_text(view.since)}"
        return note + (f" ({ANOTHER_IN_CELL})" if another else "")
    note = f"Grid as of {day_text(view.grid_day)}, {GRID_RULE}"
    if view.since:
        note += f"; framed cells changed since {day_text(view.since)}"
    return note + "." + (f" {ANOTHER_IN_CELL[0].upper()}{ANOTHER_IN_CELL[1:]}." if another else "")


def cell_shows_another(view: StepView) -> str | None:
    """The statement the grid shows in the card's own cell (actor, question) when it is not the card's statement
    (a later statement of the day, or stronger evidence of the same day, wins the day's cell); else None."""
    if view.is_event:
        return None
    cells = view.snapshot
    mine = cells[(cells["actor_id"].astype(str) == view.cell[0]).to_numpy()]
    mine = mine[(mine["question_id"].astype(str) == view.cell[1]).to_numpy()]
    if mine.empty or view.cell[0] not in view.actors or view.cell[1] not in view.questions:
        return None
    shown = str(mine["statement_id"].iloc[0])
    return None if shown == view.statement_id else shown


# Authoring: a story built in the app, downloaded as rows or as the whole debate with the story added.


def story_problems(story: Story, debate: Debate) -> list[str]:
    """What keeps a drafted story from being a valid one in this debate, in plain words; empty when it is fine."""
    problems = []
    if not SLUG.match(story.story_id):
        problems.append("the story id must be a lower-case slug: letters a-z, digits and dashes, e.g. my-story")
    elif story.story_id in set(debate.stories["story_id"]):
        problems.append(f"the debate already has a story {story.story_id!r}; choose another id")
    if not story.title.strip():
        problems.append("the story needs a title")
    if not story.steps:
        problems.append("the story has no steps yet")
    return problems


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ";".join(value)
    return str(value)


def story_rows(story: Story) -> dict[str, list[dict[str, str]]]:
    """The story as rows of `stories.csv` and `story_steps.csv`, with the format's columns."""
    step_rows = [
        {
            "story_id": story.story_id,
            "step": str(number),
            **{name: _cell(getattr(step, name)) for name in schema.field_names("story_steps")[2:]},
        }
        for number, step in enumerate(story.steps, start=1)
    ]
    return {
        "stories": [{"story_id": story.story_id, "title": story.title, "description": story.description}],
        "story_steps": step_rows,
    }


def csv_text(table: str, rows: list[dict[str, str]], *, header: bool = True) -> str:
    """Rows of `table` as CSV text in the format's column order."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=schema.field_names(table), lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def with_story(files: Mapping[str, bytes], story: Story, descriptor: bytes | None) -> dict[str, bytes]:
    """The debate's files (name -> bytes) with `story` appended to its story tables (created when absent).

    Names come from the format, never from the data; `descriptor` is the new datapackage.json, if any.
    """
    out = dict(files)
    rows = story_rows(story)
    for table in schema.OPTIONAL_TABLES:
        name = schema.file_name(table)
        existing = out.get(name, b"").decode("utf-8-sig")
        if existing and not existing.endswith("\n"):
            existing += "\n"
        added = csv_text(table, rows[table], header=not existing)
        out[name] = (existing + added).encode("utf-8")
    if descriptor is not None:
        out["datapackage.json"] = descriptor
    return out


def zip_folder(files: Mapping[str, bytes], folder: str) -> bytes:
    """A zip holding `files` in one folder; `folder` and the names must be plain names (no paths)."""
    for name in (folder, *files):
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) or ".." in name:
            raise ValueError(f"not a plain file name: {name!r}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            archive.writestr(f"{folder}/{name}", content)
    return buffer.getvalue()


def add_step(story: Story, step: StoryStep) -> Story:
    return replace(story, steps=(*story.steps, step))


def steps_table(story: Story) -> pd.DataFrame:
    """The story's steps as a small table for the screen: number, statement or event, and narration."""
    return pd.DataFrame(
        {
            "step": range(1, len(story.steps) + 1),
            "statement": [s.statement_id for s in story.steps],
            "event": [s.event_id for s in story.steps],
            "narration": [s.narration for s in story.steps],
        }
    )


def debate_zip(files: Mapping[str, bytes], story: Story, *, name: str) -> bytes:
    """The debate's files with `story` added and the descriptor listing the story tables, as one zipped folder."""
    metadata = json.loads(files["datapackage.json"]) if "datapackage.json" in files else {"name": name}
    described = package.descriptor(metadata, optional=schema.OPTIONAL_TABLES)
    encoded = (json.dumps(described, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    folder = f"{name}-with-{story.story_id}" if SLUG.match(name) else f"debate-with-{story.story_id}"
    return zip_folder(with_story(files, story, encoded), folder)


def step_dates(debate: Debate, story: Story) -> pd.DataFrame:
    """Each step's date, its statement's or its event's (column `date`), in step order: for "jump to date" within a
    story."""
    dates = debate.statements.set_index("statement_id")["date"]
    events = debate.events.set_index("event_id")["date"]
    return pd.DataFrame(
        {"date": [events.get(s.event_id) if s.is_event else dates.get(s.statement_id) for s in story.steps]}
    )
