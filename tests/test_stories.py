"""Stories: the optional tables, their validation, the view each step sets, and authoring's downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from stances import query, schema, stories
from stances.cli import main
from stances.load import DEFAULT_DEBATE, check_debate, load_debate, read_debate_files
from stances.package import descriptor

from .conftest import write_debate, write_table

STORIES = [{"story_id": "club", "title": "The club speech", "description": "Milley, then Sullivan."}]
STEPS = [
    {
        "story_id": "club",
        "step": "1",
        "statement_id": "milley-club",
        "narration": "Milley speaks.",
        "notes": "",
        "view_start": "2022-11-01",
        "view_end": "2022-11-30",
    },
    {
        "story_id": "club",
        "step": "2",
        "statement_id": "sullivan-briefing",
        "narration": "Sullivan answers.",
        "notes": "Say it slowly.",
        "actors": "milley; sullivan",
        "questions": "talks-now",
    },
]


def with_stories(folder: Path, story_rows=None, step_rows=None) -> Path:
    write_table(folder, "stories", STORIES if story_rows is None else story_rows)
    write_table(folder, "story_steps", STEPS if step_rows is None else step_rows)
    return folder


def found(folder: Path) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.line, p.field, p.code) for p in check_debate(folder)]


def test_a_debate_without_stories_is_valid_and_has_empty_story_tables(tiny_debate):
    debate = load_debate(tiny_debate)
    assert (found(tiny_debate), len(debate.stories), list(debate.story_steps.columns)) == (
        [],
        0,
        schema.field_names("story_steps"),
    )


def test_a_debate_with_a_story_is_valid(tiny_debate):
    assert found(with_stories(tiny_debate)) == []


def test_story_steps_without_stories_is_a_missing_table(tiny_debate):
    write_table(tiny_debate, "story_steps", STEPS)
    assert found(tiny_debate) == [("stories.csv", None, None, "missing-table")]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"statement_id": "milley-clubb"}, ("story_steps.csv", 3, "statement_id", "unknown-statement")),
        ({"story_id": "clubs"}, ("story_steps.csv", 3, "story_id", "unknown-story")),
        ({"step": "1"}, ("story_steps.csv", 3, "story_id, step", "duplicate-step")),
        ({"step": "0"}, ("story_steps.csv", 3, "step", "out-of-range")),
        ({"actors": "milley; milly"}, ("story_steps.csv", 3, "actors", "unknown-actor")),
        ({"questions": "talks"}, ("story_steps.csv", 3, "questions", "unknown-question")),
        ({"view_start": "2022-12-01", "view_end": "2022-11-01"}, ("story_steps.csv", 3, "view_end", "reversed-range")),
        ({"as_of": "9 Nov"}, ("story_steps.csv", 3, "as_of", "type-error")),
        ({"statement_id": "", "event_id": "midterm"}, ("story_steps.csv", 3, "event_id", "unknown-event")),
        ({"statement_id": "", "event_id": ""}, ("story_steps.csv", 3, "statement_id", "step-without-target")),
        ({"event_id": "midterms"}, ("story_steps.csv", 3, "event_id", "step-with-two-targets")),
    ],
    ids=lambda v: v[3] if isinstance(v, tuple) else None,
)
def test_a_broken_step_is_reported_with_file_line_and_field(tiny_debate, change, expected):
    steps = [dict(STEPS[0]), dict(STEPS[1], **change)]
    assert found(with_stories(tiny_debate, step_rows=steps)) == [expected]


def test_a_story_without_steps_is_an_empty_story(tiny_debate):
    story_rows = [*STORIES, {"story_id": "later", "title": "Not written yet", "description": ""}]
    assert found(with_stories(tiny_debate, story_rows=story_rows)) == [("stories.csv", 3, "story_id", "empty-story")]


def test_unknown_step_values_name_the_unknown_ids(tiny_debate):
    steps = [dict(STEPS[0], actors="milley; milly; sulivan")]
    (problem,) = check_debate(with_stories(tiny_debate, step_rows=steps))
    assert (problem.value, problem.message) == (
        "milly; sulivan",
        "unknown actor in this list (known: milley, sullivan)",
    )


def test_stances_validate_reports_a_broken_step_reference_with_its_file_and_line(tiny_debate, capsys):
    steps = [dict(STEPS[0]), dict(STEPS[1], statement_id="sullivan-briefng")]
    code = main(["validate", str(with_stories(tiny_debate, step_rows=steps))])
    out = capsys.readouterr().out
    assert (code, out.splitlines()[0]) == (
        1,
        "story_steps.csv:3: statement_id: 'sullivan-briefng' unknown statement "
        "(known: milley-private, milley-club, sullivan-briefing, sullivan-view) [unknown-statement]",
    )


def test_stances_validate_reports_a_broken_event_step_with_its_file_and_line(tiny_debate, capsys):
    steps = [dict(STEPS[0]), dict(STEPS[1], statement_id="", event_id="midterm")]
    code = main(["validate", str(with_stories(tiny_debate, step_rows=steps))])
    out = capsys.readouterr().out
    assert (code, out.splitlines()[0]) == (
        1,
        "story_steps.csv:3: event_id: 'midterm' unknown event (known: midterms) [unknown-event]",
    )


def test_a_story_steps_file_from_before_event_steps_is_still_valid(tiny_debate):
    columns = [c for c in schema.field_names("story_steps") if c != "event_id"]
    write_table(tiny_debate, "stories", STORIES)
    write_table(tiny_debate, "story_steps", STEPS, columns=columns)
    debate = load_debate(tiny_debate)
    assert (found(tiny_debate), list(debate.story_steps["event_id"])) == ([], ["", ""])


EVENT_STEP = {"story_id": "club", "step": "3", "event_id": "midterms", "narration": "The country votes."}


def test_an_event_step_shows_the_event_day_with_the_grid_as_of_it(tiny_debate):
    debate = load_debate(with_stories(tiny_debate, step_rows=[*STEPS, EVENT_STEP]))
    story = stories.stories_in(debate)["club"]
    assert story.steps[2] == stories.StoryStep(event_id="midterms", narration="The country votes.")
    view = stories.step_view(debate, story, stories.context_statements(debate, debate.statements, story), 3)
    day = dt.date(2022, 11, 8)
    assert (view.is_event, view.event_id, view.statement_id, view.day, view.grid_day, view.cell) == (
        True,
        "midterms",
        "",
        day,
        day,
        ("", ""),
    )
    assert cells(view.snapshot) == cells(query.grid_view(debate, view.timeline, day).snapshot)
    assert stories.cell_shows_another(view) is None
    assert list(stories.step_dates(debate, story)["date"].dt.date) == [
        dt.date(2022, 11, 9),
        dt.date(2022, 11, 10),
        day,
    ]


def test_a_story_of_event_steps_only_has_views(tiny_debate):
    debate = load_debate(with_stories(tiny_debate, step_rows=[dict(EVENT_STEP, step="1")]))
    story = stories.stories_in(debate)["club"]
    view = stories.step_view(debate, story, stories.context_statements(debate, debate.statements, story), 1)
    assert (view.day, view.total, len(view.timeline)) == (dt.date(2022, 11, 8), 1, len(debate.statements))


def test_an_event_step_travels_in_the_downloaded_rows():
    story = stories.Story(story_id="mine", title="Mine", steps=(STEP, stories.StoryStep(event_id="midterms")))
    text = stories.csv_text("story_steps", stories.story_rows(story)["story_steps"])
    back = list(csv.DictReader(io.StringIO(text)))
    assert [(r["step"], r["statement_id"], r["event_id"]) for r in back] == [
        ("1", "milley-club", ""),
        ("2", "", "midterms"),
    ]
    assert list(stories.steps_table(story)["event"]) == ["", "midterms"]


def test_the_event_card_has_the_events_row_and_its_source(tiny_debate):
    detail = query.event_detail(load_debate(tiny_debate), "midterms")
    assert (detail.label, detail.date, detail.event_kind, [s.source_id for s in detail.sources]) == (
        "US midterm elections",
        dt.date(2022, 11, 8),
        "election",
        ["wh-briefing"],
    )
    assert query.event_detail(load_debate(tiny_debate), "nope") is None


def test_the_bundled_debate_has_at_least_two_stories_of_real_statements_and_events():
    debate = load_debate(DEFAULT_DEBATE)
    found_stories = stories.stories_in(debate)
    ids, events = set(debate.statements["statement_id"]), set(debate.events["event_id"])
    assert len(found_stories) >= 2
    for story in found_stories.values():
        assert len(story.steps) >= 5, story.story_id
        assert [s for s in story.steps if bool(s.statement_id) == bool(s.event_id)] == []
        assert [s.statement_id for s in story.steps if s.statement_id and s.statement_id not in ids] == []
        assert [s.event_id for s in story.steps if s.event_id and s.event_id not in events] == []
        assert [n for n, s in enumerate(story.steps, 1) if not s.narration.strip()] == [], story.story_id
    assert [s.event_id for s in found_stories["decree-to-peace-formula"].steps if s.is_event] == [
        "russia-annexation-claims-2022-09-30"
    ]


def test_bundled_narration_is_plain_text():
    debate = load_debate(DEFAULT_DEBATE)
    text = " ".join(debate.story_steps["narration"]) + " ".join(debate.story_steps["notes"])
    assert [c for c in "<>*_`[]#|" if c in text] == []


def test_stories_in_reads_steps_in_step_order_with_their_views(tiny_debate):
    steps = [dict(STEPS[1], step="5"), dict(STEPS[0], step="2")]
    debate = load_debate(with_stories(tiny_debate, step_rows=steps))
    (story,) = stories.stories_in(debate).values()
    assert story.steps == (
        stories.StoryStep(
            statement_id="milley-club",
            narration="Milley speaks.",
            view_start=dt.date(2022, 11, 1),
            view_end=dt.date(2022, 11, 30),
        ),
        stories.StoryStep(
            statement_id="sullivan-briefing",
            narration="Sullivan answers.",
            notes="Say it slowly.",
            actors=("milley", "sullivan"),
            questions=("talks-now",),
        ),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        ("4", 4),
        ("5", None),
        ("0", None),
        ("-1", None),
        ("+2", None),
        (" 2", None),
        ("2.0", None),
        ("٣", None),
        ("", None),
        (None, None),
        ("99999999999999999999", None),
    ],
)
def test_parse_step_accepts_only_plain_step_numbers(value, expected):
    assert stories.parse_step(value, 4) == expected


def test_parse_story_accepts_only_known_ids():
    known = {"club": stories.Story(story_id="club", title="t")}
    assert [stories.parse_story(v, known) for v in ("club", "Club", "club ", "", None)] == ["club", *[None] * 4]


def test_a_story_step_sets_range_grid_day_and_grid_axes(tiny_debate):
    debate = load_debate(with_stories(tiny_debate))
    story = stories.stories_in(debate)["club"]
    context = stories.context_statements(debate, debate.statements, story)
    first, second = (stories.step_view(debate, story, context, n) for n in (1, 2))
    assert (first.statement_id, first.start, first.end, first.grid_day) == (
        "milley-club",
        dt.date(2022, 11, 1),
        dt.date(2022, 11, 30),
        dt.date(2022, 11, 9),
    )
    assert (second.statement_id, second.actors, second.questions, second.start) == (
        "sullivan-briefing",
        ["milley", "sullivan"],
        ["talks-now"],
        None,
    )
    assert set(second.snapshot["date"]) <= {d for d in debate.statements["date"] if d.date() <= second.grid_day}


def cells(snapshot) -> dict[tuple[str, str], str]:
    return {(str(r.actor_id), str(r.question_id)): str(r.statement_id) for r in snapshot.itertuples(index=False)}


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_the_default_walk_grid_is_the_grid_pages_as_of_the_steps_day(tiny_debate, number):
    debate = load_debate(tiny_debate)
    ordered = query.step_order(debate.statements)
    view = stories.step_view(debate, stories.default_walk(ordered), ordered, number)
    assert cells(view.snapshot) == cells(query.grid_view(debate, debate.statements, view.day).snapshot)


def test_the_default_walk_grid_shows_a_later_step_of_the_same_day(tiny_debate):
    # Steps 3 and 4 share 10 Nov: the grid "as of 10 Nov" at step 3 already holds step 4's cell, as the Grid page
    # for that day does (issue 16, item 12: the grid said "as of this day" but showed "as of this step").
    debate = load_debate(tiny_debate)
    ordered = query.step_order(debate.statements)
    view = stories.step_view(debate, stories.default_walk(ordered), ordered, 3)
    assert (view.statement_id, cells(view.snapshot).get(("sullivan", "us-press-kyiv"))) == (
        "sullivan-view",
        "sullivan-briefing",
    )


def test_the_bundled_walk_at_7_november_shows_zelenskyy_as_the_grid_page_does():
    # Issue 16, item 12: on 7 Nov the presenter's grid showed Zelenskyy at -2 on "Open talks now" (the steps so far)
    # while the Grid page for 7 Nov, opened with the presenter's own button, showed +1.
    debate = load_debate()
    ordered = query.step_order(debate.statements)
    walk = stories.default_walk(ordered)
    number = list(ordered["statement_id"]).index("macron-20221107-talks-now") + 1
    view = stories.step_view(debate, walk, ordered, number)
    grid_page = query.grid_view(debate, debate.statements, dt.date(2022, 11, 7)).snapshot
    position = {(str(r.actor_id), str(r.question_id)): int(r.position) for r in view.snapshot.itertuples()}
    expected = {(str(r.actor_id), str(r.question_id)): int(r.position) for r in grid_page.itertuples()}
    assert ("zelenskyy" in view.actors, position[("zelenskyy", "talks-now")]) == (True, 1)
    assert position == {k: v for k, v in expected.items() if k[0] in view.actors and k[1] in view.questions}


def test_the_grid_note_says_the_day_and_the_rule(tiny_debate):
    debate = load_debate(with_stories(tiny_debate))
    story = stories.stories_in(debate)["club"]
    view = stories.step_view(debate, story, stories.context_statements(debate, debate.statements, story), 1)
    assert stories.grid_note(view) == ("Grid as of 2022-11-09, as on the Grid page: latest positions by that day.")


def test_a_step_whose_cell_shows_another_statement_of_its_day_says_which():
    # Milley on 10 Nov: the card shows the private view (step 3); the Grid page's rule shows his on-record words of
    # that day in the cell, and the screen says so rather than the grid silently disagreeing with the card.
    debate = load_debate()
    story = stories.stories_in(debate)["milley-vs-advisers"]
    context = stories.context_statements(debate, debate.statements, story)
    shown = [stories.cell_shows_another(stories.step_view(debate, story, context, n)) for n in (1, 2, 3)]
    assert shown == [None, None, "milley-20221110-talks-now-2"]


def test_a_filter_never_drops_a_story_step_from_the_context(tiny_debate):
    debate = load_debate(with_stories(tiny_debate))
    story = stories.stories_in(debate)["club"]
    shown = query.apply(debate, query.Filters(actors=("milley",)))
    context = stories.context_statements(debate, shown, story)
    assert "sullivan-briefing" in set(context["statement_id"])
    assert "sullivan-view" not in set(context["statement_id"])


def test_a_story_context_keeps_only_the_story_actors_lanes(tiny_debate):
    steps = [dict(STEPS[0], actors=""), dict(STEPS[0], step="2", actors="")]
    debate = load_debate(with_stories(tiny_debate, step_rows=steps))
    story = stories.stories_in(debate)["club"]
    context = stories.context_statements(debate, debate.statements, story)
    assert set(context["actor_id"]) == {"milley"}


def test_a_drafted_story_needs_a_fresh_slug_a_title_and_steps(tiny_debate):
    debate = load_debate(with_stories(tiny_debate))
    assert stories.story_problems(stories.Story(story_id="Club!", title=" "), debate) == [
        "the story id must be a lower-case slug: letters a-z, digits and dashes, e.g. my-story",
        "the story needs a title",
        "the story has no steps yet",
    ]
    assert stories.story_problems(stories.Story(story_id="club", title="x", steps=(STEP,)), debate) == [
        "the debate already has a story 'club'; choose another id"
    ]


STEP = stories.StoryStep(statement_id="milley-club", narration='He said, "seize it";\nthen =1+1', actors=("milley",))


def test_story_rows_round_trip_through_csv():
    story = stories.Story(story_id="mine", title="Mine, too", steps=(STEP, STEP))
    rows = stories.story_rows(story)
    text = stories.csv_text("story_steps", rows["story_steps"])
    back = list(csv.DictReader(io.StringIO(text)))
    assert [(r["step"], r["narration"], r["actors"]) for r in back] == [
        ("1", 'He said, "seize it";\nthen =1+1', "milley"),
        ("2", 'He said, "seize it";\nthen =1+1', "milley"),
    ]


def test_the_debate_zip_with_a_drafted_story_is_a_valid_debate(tiny_debate, tmp_path):
    with_stories(tiny_debate)
    debate = load_debate(tiny_debate)
    story = stories.Story(story_id="mine", title="Mine", steps=(STEP,))
    meta = json.loads((tiny_debate / "datapackage.json").read_text(encoding="utf-8"))
    new_descriptor = json.dumps(descriptor(meta, optional=schema.OPTIONAL_TABLES)).encode()
    files = stories.with_story(read_debate_files(tiny_debate), story, new_descriptor)
    data = stories.zip_folder(files, "tiny-with-story")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path / "out")
    unpacked = tmp_path / "out" / "tiny-with-story"
    assert check_debate(unpacked) == []
    assert list(stories.stories_in(load_debate(unpacked))) == ["club", "mine"]
    assert len(debate.story_steps) == 2  # the debate itself is untouched


def test_the_debate_zip_adds_story_tables_to_a_debate_without_them(tmp_path):
    folder = write_debate(tmp_path / "bare")
    story = stories.Story(story_id="mine", title="Mine", steps=(STEP,))
    files = stories.with_story(read_debate_files(folder), story, None)
    assert files["stories.csv"].decode().splitlines() == ["story_id,title,description", "mine,Mine,"]


def test_zip_members_are_plain_names_only():
    with pytest.raises(ValueError):
        stories.zip_folder({"../evil.csv": b""}, "debate")
