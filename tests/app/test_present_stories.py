"""Stories on the Present page through AppTest: links name a story and step, strictly; authoring stays in the
session; story text is shown escaped."""

from __future__ import annotations

import pytest

from stances import cards, stories
from stances.load import DEFAULT_DEBATE, folder_signature, load_debate
from tests.conftest import TINY, write_debate, write_table

from .test_app import app, html, ok

PRESENT = "stances/app/pages/present.py"
STORY = "milley-vs-advisers"


def present(**params) -> object:
    at = ok(app(**params).run())
    return ok(at.switch_page(PRESENT).run())


@pytest.fixture(scope="module")
def story() -> stories.Story:
    return stories.stories_in(load_debate(DEFAULT_DEBATE))[STORY]


def test_a_story_link_opens_its_step_with_title_counter_and_narration(story):
    at = present(story=STORY, step="3")
    body = html(at)
    assert (
        f'<strong>{story.title}</strong> · <span class="stances-step-count">Step 3 of {len(story.steps)}</span>' in body
    )
    assert story.steps[2].narration.replace("'", "&#x27;") in body
    assert (at.radio(key="story_box").value, at.number_input(key="step_box").value) == (STORY, 3)


def test_next_moves_within_the_story_and_the_story_box_switches_story(story):
    at = present(story=STORY, step="1")
    ok(at.button(key="next").click().run())
    assert f"Step 2 of {len(story.steps)}" in html(at)
    ok(at.button(key="last").click().run())
    assert f"Step {len(story.steps)} of {len(story.steps)}" in html(at)
    ok(at.radio(key="story_box").set_value(stories.WALK).run())
    total = len(load_debate(DEFAULT_DEBATE).statements)
    assert f"Step 1 of {total}" in html(at)


@pytest.mark.parametrize(
    ("params", "expected_step"),
    [({"story": "nope", "step": "2"}, 2), ({"story": STORY, "step": "+3"}, 1), ({"story": STORY, "step": "99"}, None)],
)
def test_malformed_story_links_fall_back_and_say_so(story, params, expected_step):
    at = present(**params)
    body = html(at)
    if params["story"] == "nope":
        assert at.radio(key="story_box").value == stories.WALK
        assert "unknown story" in at.warning[0].value
    elif expected_step is None:  # past the end: the last step
        assert f"Step {len(story.steps)} of {len(story.steps)}" in body
    else:
        assert "not a step number" in at.warning[0].value
        assert f"Step {expected_step} of {len(story.steps)}" in body


def test_add_this_view_as_a_step_builds_a_story_in_the_session_only(story):
    before = folder_signature(DEFAULT_DEBATE)
    at = present(story=STORY, step="2")
    at.text_input(key="draft_id").set_value("my-story")
    at.text_input(key="draft_title").set_value("My story")
    at.text_area(key="draft_narration").set_value("First, this.")
    ok(at.button(key="draft_add").click().run())
    ok(at.button(key="next").click().run())
    at.text_area(key="draft_narration").set_value("Then that.")
    ok(at.button(key="draft_add").click().run())
    draft = at.session_state["_story_draft"]
    assert [(s.statement_id, s.narration) for s in draft.steps] == [
        (story.steps[1].statement_id, "First, this."),
        (story.steps[2].statement_id, "Then that."),
    ]
    assert draft.steps[0].view_start == story.steps[1].view_start
    assert list(at.dataframe[-1].value["narration"]) == ["First, this.", "Then that."]
    assert [b.key for b in at.get("download_button") if b.key and b.key.startswith("draft_")] == [
        "draft_stories_csv",
        "draft_steps_csv",
        "draft_zip",
    ]
    assert folder_signature(DEFAULT_DEBATE) == before


def test_story_text_is_shown_escaped(tmp_path, monkeypatch):
    folder = write_debate(tmp_path / "evil", TINY)
    evil = "<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1))"
    write_table(folder, "stories", [{"story_id": "s", "title": f"T {evil}", "description": ""}])
    write_table(
        folder,
        "story_steps",
        [
            {
                "story_id": "s",
                "step": "1",
                "statement_id": "milley-club",
                "narration": f"N {evil}",
                "notes": f"Notes {evil}",
            }
        ],
    )
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    body = html(present(story="s", step="1"))
    assert "<img" not in body
    assert "N &lt;img src=x onerror=alert(1)&gt; **bold** [x](javascript:alert(1))" in body
    assert "<strong>T &lt;img src=x onerror=alert(1)&gt;" in body


EVENT_STORY = "decree-to-peace-formula"


def chart(at, key: str) -> dict:
    import json

    (found,) = [c for c in at.get("plotly_chart") if c.key == key]
    return json.loads(found.proto.spec)


def test_an_event_step_shows_the_events_card_ring_and_grid_of_its_day():
    debate = load_debate(DEFAULT_DEBATE)
    story = stories.stories_in(debate)[EVENT_STORY]
    number = next(n for n, s in enumerate(story.steps, 1) if s.is_event)
    event = debate.events.set_index("event_id").loc[story.steps[number - 1].event_id]
    at = present(story=EVENT_STORY, step=str(number))
    body = html(at)
    assert f"Step {number} of {len(story.steps)}" in body
    assert '<div class="stances-present stances-event">' in body
    assert f'<h2 class="who">{event["label"]}</h2>' in body
    day = event["date"].date().isoformat()
    (ring,) = [t for t in chart(at, "present_timeline")["data"] if t.get("name") == "Current step"]
    assert str(ring["x"][0])[:10] == day
    assert cards.shown(f"Grid as of {day}") in " ".join(c.value for c in at.caption)
    # Adding this view to a draft adds the event, and its downloaded row carries the event_id column.
    at.text_input(key="draft_id").set_value("mine")
    at.text_input(key="draft_title").set_value("Mine")
    ok(at.button(key="draft_add").click().run())
    (step,) = at.session_state["_story_draft"].steps
    assert (step.statement_id, step.event_id) == ("", story.steps[number - 1].event_id)


def test_an_event_steps_text_is_shown_escaped(tmp_path, monkeypatch):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    evil = "<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1))"
    tables["events"][0].update(label=f"L {evil}", description=f"D {evil}")
    folder = write_debate(tmp_path / "evil", tables)
    write_table(folder, "stories", [{"story_id": "s", "title": "T", "description": ""}])
    write_table(folder, "story_steps", [{"story_id": "s", "step": "1", "event_id": "midterms", "narration": "N"}])
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    body = html(present(story="s", step="1"))
    assert "<img" not in body
    assert "L &lt;img src=x onerror=alert(1)&gt; **bold** [x](javascript:alert(1))" in body
    assert "D &lt;img src=x onerror=alert(1)&gt;" in body


def test_the_page_draws_its_charts_at_the_room_scale_its_screen_reports():
    # Issue 14: the charts did not grow at 1920x1080; the page reports its screen by pressing a hidden scale button.
    at = present(story=STORY, step="2")
    sizes = chart(at, "present_grid")["layout"]["yaxis"]["tickfont"]["size"]
    ok(at.button(key="room_2").click().run())
    grown = chart(at, "present_grid")["layout"]["yaxis"]["tickfont"]["size"]
    timeline = chart(at, "present_timeline")["layout"]["yaxis"]["tickfont"]["size"]
    assert (sizes, grown, timeline) == (16, 24, 24)
    assert 'data-index="2"' in html(at)
    assert "zoom: 1.5" in html(at)


@pytest.mark.parametrize("story_id", list(stories.stories_in(load_debate(DEFAULT_DEBATE))))
def test_every_step_of_each_bundled_story_plays(story_id):
    # Issue 14, "Done when": both bundled stories play in the app, every step (statement or event) with its card.
    story = stories.stories_in(load_debate(DEFAULT_DEBATE))[story_id]
    at = present(story=story_id, step="1")
    for number in range(1, len(story.steps) + 1):
        body = html(at)
        assert f"Step {number} of {len(story.steps)}" in body
        assert ("stances-present stances-event" in body) == story.steps[number - 1].is_event
        if number < len(story.steps):
            ok(at.button(key="next").click().run())
