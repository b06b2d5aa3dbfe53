"""The one-file deck: what it holds, that data text stays text, its size, and `stances deck`."""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path

import pytest

from stances import deck, stories
from stances.cli import main
from stances.load import DEFAULT_DEBATE, load_debate
from stances.query import Filters

from .conftest import TINY, write_debate, write_table

HOSTILE = "</script><img src=x onerror=alert(1)>\"'&<!--"
MAX_BYTES = 5_000_000


def script_blocks(page: str) -> dict[str, str]:
    return dict(re.findall(r'<script[^>]*id="([a-z-]+)"[^>]*>(.*?)</script>', page, flags=re.S))


def unpacked(text: str) -> str:
    return gzip.decompress(base64.b64decode(text)).decode("utf-8")


@pytest.fixture
def hostile_debate(tmp_path: Path) -> Path:
    """The tiny debate with markup-like text in every free-text field a deck shows."""
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["actors"][0]["name"] = f"Milley {HOSTILE}"
    tables["actors"][0]["role"] = f"<b>{HOSTILE}</b>"
    for row in tables["statements"]:
        row["summary"] = f"Summary {HOSTILE}"
        if row["quote"]:
            row["quote"] = f"Quote {HOSTILE}"
    tables["sources"][0]["title"] = f"Title {HOSTILE}"
    folder = write_debate(tmp_path / "hostile", tables)
    meta = json.loads((folder / "datapackage.json").read_text())
    meta["title"] = f"Debate {HOSTILE}"
    meta["citation"] = f"Cite {HOSTILE}"
    (folder / "datapackage.json").write_text(json.dumps(meta))
    write_table(folder, "stories", [{"story_id": "s", "title": f"Story {HOSTILE}", "description": HOSTILE}])
    steps = [
        {"story_id": "s", "step": "1", "statement_id": "milley-club", "narration": f"Say {HOSTILE}", "notes": HOSTILE},
        {"story_id": "s", "step": "2", "statement_id": "sullivan-briefing", "narration": "Then this."},
    ]
    write_table(folder, "story_steps", steps)
    return folder


@pytest.mark.parametrize("story_id", [None, "s"])
def test_data_text_is_escaped_and_never_markup(hostile_debate, story_id):
    page = deck.presentation(load_debate(hostile_debate), story_id=story_id).decode("utf-8")
    assert "<img" not in page
    assert page.count("</script>") == 4  # the deck's own four script elements, none closed early by data
    assert page.count("<script") == 4
    assert "<!--" not in page
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;&amp;&lt;!--" in page
    assert "<b>" not in page


def test_the_json_inside_is_safe_and_reads_back(hostile_debate):
    page = deck.presentation(load_debate(hostile_debate), story_id="s").decode("utf-8")
    blocks = script_blocks(page)
    assert re.search(r"[<>&\u2028\u2029]", blocks["deck-meta"]) is None
    meta = json.loads(blocks["deck-meta"])
    assert (meta["title"], meta["dataset"], [s["statement"] for s in meta["steps"]]) == (
        f"Story {HOSTILE}",
        f"Debate {HOSTILE}",
        ["milley-club", "sullivan-briefing"],
    )
    assert re.fullmatch(r"[A-Za-z0-9+/=\s]*", blocks["deck-figures"] + blocks["deck-plotly"])
    figures = json.loads(unpacked(blocks["deck-figures"]))
    labels = json.dumps(figures)
    assert "<img" not in labels and "&lt;img src=x onerror=alert(1)&gt;" in labels


def test_safe_json_escapes_every_character_that_could_end_a_script():
    text = deck.safe_json({"a": "</script><!-- & \u2028\u2029"})
    assert (re.search(r"[<>&\u2028\u2029]", text), json.loads(text)) == (None, {"a": "</script><!-- & \u2028\u2029"})


def test_the_deck_requests_nothing_from_outside_the_file():
    page = deck.presentation(load_debate(DEFAULT_DEBATE), story_id="milley-vs-advisers").decode("utf-8")
    outside = re.findall(r"""<(?:script|link|img|iframe)[^>]*\b(?:src|href)=|@import|url\(""", page)
    assert outside == []
    plotly_js = unpacked(script_blocks(page)["deck-plotly"])
    assert plotly_js.startswith("/**") and "plotly" in plotly_js[:400].lower()


@pytest.mark.parametrize("story_id", [None, "milley-vs-advisers", "decree-to-peace-formula"])
def test_the_bundled_decks_stay_under_five_megabytes(story_id):
    size = len(deck.presentation(load_debate(DEFAULT_DEBATE), story_id=story_id))
    assert size <= MAX_BYTES, f"{size:,} bytes"


def test_the_deck_has_a_title_slide_every_step_with_its_sources_and_a_footer():
    debate = load_debate(DEFAULT_DEBATE)
    story = stories.stories_in(debate)["decree-to-peace-formula"]
    page = deck.presentation(debate, story_id=story.story_id).decode("utf-8")
    slides = re.findall(
        r'<section class="slide step-slide( event-slide)?" data-step="(\d+)"\s+data-(statement|event)="([^"]+)"', page
    )
    assert slides == [
        (" event-slide", str(n), "event", s.event_id) if s.is_event else ("", str(n), "statement", s.statement_id)
        for n, s in enumerate(story.steps, 1)
    ]
    title = page[page.index('class="slide title-slide"') : page.index("</section>")]
    for text in (debate.meta.title, debate.meta.version, debate.meta.licence, "Cite as"):
        assert text in title
    assert "<footer>" in page and debate.meta.licence in page[page.index("<footer>") :]
    from stances import query

    for step in story.steps:
        detail = (
            query.event_detail(debate, step.event_id)
            if step.is_event
            else query.statement_detail(debate, step.statement_id)
        )
        for source in detail.sources:
            if source.url:
                assert f'href="{source.url}"' in page.replace("&amp;", "&"), source.url
    assert page.count('<aside class="notes" hidden>') == len(story.steps)


def test_filters_narrow_the_default_walk():
    debate = load_debate(DEFAULT_DEBATE)
    page = deck.presentation(debate, filters=Filters(actors=("milley",))).decode("utf-8")
    statements = re.findall(r'data-statement="([^"]+)"', page)
    assert statements and all(s.startswith("milley-") for s in statements)


def test_no_statements_to_present_is_a_clear_error():
    with pytest.raises(ValueError, match="relax the filters"):
        deck.presentation(load_debate(DEFAULT_DEBATE), filters=Filters(text="no such words anywhere"))


def test_stances_deck_writes_the_talk(tmp_path, capsys):
    out = tmp_path / "talk.html"
    code = main(["deck", str(DEFAULT_DEBATE), "--story", "milley-vs-advisers", "--out", str(out)])
    assert (code, capsys.readouterr().out.startswith(f"wrote {out} (")) == (0, True)
    assert out.read_bytes() == deck.presentation(load_debate(DEFAULT_DEBATE), story_id="milley-vs-advisers")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--story", "nope"], "no story 'nope' in"),
        (["--actor", "milly"], "unknown actor 'milly'"),
    ],
)
def test_stances_deck_refuses_what_names_nothing(tmp_path, capsys, args, message):
    code = main(["deck", str(DEFAULT_DEBATE), *args, "--out", str(tmp_path / "talk.html")])
    assert (code, message in capsys.readouterr().err, (tmp_path / "talk.html").exists()) == (2, True, False)


def test_stances_deck_never_overwrites_without_force(tmp_path, capsys):
    out = tmp_path / "talk.html"
    out.write_text("my notes")
    assert main(["deck", str(DEFAULT_DEBATE), "--out", str(out)]) == 2
    assert out.read_text() == "my notes"
    assert "already exists" in capsys.readouterr().err


def test_stances_deck_reports_an_invalid_debate_with_file_and_line(tmp_path, capsys):
    folder = write_debate(tmp_path / "d")
    write_table(folder, "stories", [{"story_id": "s", "title": "S", "description": ""}])
    write_table(folder, "story_steps", [{"story_id": "s", "step": "1", "statement_id": "gone"}])
    assert main(["deck", str(folder), "--out", str(tmp_path / "talk.html")]) == 1
    assert "story_steps.csv:2: statement_id: 'gone' unknown statement" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("lane", "lanes", "expected"),
    [(0.1, 6, (5.5, -1.0)), (0.0, 34, (7.5, -1.0)), (10.2, 34, (13.5, 5.0)), (33.0, 34, (33.5, 25.0))],
)
def test_the_timeline_shows_eight_lanes_around_the_step(lane, lanes, expected):
    assert deck.lane_window(lane, lanes) == expected


def walk_figures() -> dict:
    page = deck.presentation(load_debate(DEFAULT_DEBATE)).decode("utf-8")
    return json.loads(unpacked(script_blocks(page)["deck-figures"]))


def test_the_walk_deck_builds_each_distinct_grid_once_and_every_step_names_its_own():
    figures = walk_figures()
    debate = load_debate(DEFAULT_DEBATE)
    ordered = stories.query.step_order(debate.statements)
    walk = stories.default_walk(ordered)
    grids, steps = figures["grids"], figures["steps"]
    assert len(grids) < len(steps) == len(walk.steps)
    for number in (1, 42, len(steps)):
        view = stories.step_view(debate, walk, ordered, number)
        by_cell = {(r.actor_id, r.question_id): r.statement_id for r in view.snapshot.itertuples()}
        expected = [by_cell.get((a, q), "") for a in view.actors for q in view.questions]
        assert [c[0] for c in grids[steps[number - 1]["grid"]]["data"][0]["customdata"]] == expected


def test_the_deck_charts_are_at_room_sizes():
    figures = walk_figures()
    grid, timeline = figures["grids"][0], figures["timeline"]
    sizes = (
        grid["data"][0]["textfont"]["size"],
        grid["layout"]["xaxis"]["tickfont"]["size"],
        grid["layout"]["yaxis"]["tickfont"]["size"],
        timeline["layout"]["yaxis"]["tickfont"]["size"],
        timeline["layout"]["xaxis"]["tickfont"]["size"],
    )
    assert (figures["font"], sizes) == (16, (16, 16, 16, 16, 16))


def test_the_timeline_window_follows_lanes_of_their_own_heights():
    """The timeline stacks marks, so its lanes differ in height: the window is read off the figure's lanes."""
    from stances import charts

    debate = load_debate()
    figure = charts.timeline(debate, debate.statements, events=debate.events, compact=True)
    extents = charts.lane_extents(figure)
    assert len(extents) == len(figure.layout.yaxis.tickvals) > deck.LANES_SHOWN
    assert all(
        top < centre < bottom for (top, bottom), centre in zip(extents, figure.layout.yaxis.tickvals, strict=True)
    )
    top = float(figure.layout.yaxis.range[1])
    # A mark in the first lane: the first eight lanes and the events above them.
    assert deck.lane_range(extents[0][0] + 0.5, extents, top) == (extents[deck.LANES_SHOWN - 1][1], top)
    # A mark in the last lane: the last eight lanes.
    assert deck.lane_range(extents[-1][1] - 0.5, extents, top) == (extents[-1][1], extents[-deck.LANES_SHOWN][0])


def test_a_step_whose_cell_shows_another_statement_says_so_on_its_slide_as_the_present_page_does():
    # One grid rule for the Present page and the deck (issue 16, item 12): where the card's own cell shows another
    # statement of the day (stronger evidence or a later one wins it), the slide says so, not only the page.
    debate = load_debate(DEFAULT_DEBATE)
    flagged = 0
    for story in stories.stories_in(debate).values():
        shown = debate.statements
        views = stories.step_views(debate, story, stories.context_statements(debate, shown, story))
        page = deck.presentation(debate, story_id=story.story_id).decode("utf-8")
        lines = dict(
            re.findall(
                r'<section class="slide step-slide[^"]*" data-step="(\d+)".*?<p class="count">([^<]*)</p>',
                page,
                flags=re.S,
            )
        )
        for view in views:
            says = stories.ANOTHER_IN_CELL.replace("'", "&#x27;") in lines[str(view.number)]
            assert says == (stories.cell_shows_another(view) is not None), (story.story_id, view.number)
            flagged += says
    assert flagged, "no bundled story step shows another statement in its cell: the test checks nothing"
