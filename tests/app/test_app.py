"""The app's wiring, through Streamlit's AppTest: pages run, filters filter, links restore the screen."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from stances import schema
from stances.cards import shown
from stances.load import DEFAULT_DEBATE, load_debate
from tests.conftest import ROOT, TINY, write_debate

APP = str(ROOT / "dashboard.py")
PAGES = ["timeline", "grid", "trends", "alignment", "public_private", "actor", "present", "sources", "table", "about"]


def app(**params: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def html(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


TITLES = {
    "timeline": "Timeline",
    "grid": "Comparison grid",
    "trends": "Positions over time",
    "sources": "Sources",
    "table": "Table & export",
    "about": "About this debate",
    "alignment": "Who stands with whom",
    "public_private": "Said in public, signalled in private",
    "actor": "Actor profile",
}


# Each page's own content on the bundled debate: how its first caption starts, and how many charts and tables it has.
CONTENT = {
    "timeline": ("Each mark is one statement", 1, 0),
    "grid": ("Each cell is the actor's latest known position", 2, 1),  # the question header, then the cells
    "trends": ("One small chart per actor", 1, 0),
    "alignment": ("Window: 2022-09-08", 3, 5),
    "public_private": ("Each row sets a private signal", 0, 1),
    "actor": ("Window: 2022-09-08", 1, 5),
    "present": ("Every step's card, narration", 2, 0),
    "sources": ("Every document the statements rest on", 0, 1),
    "table": ("152 statements", 0, 1),
    "about": ("Every download says this too", 0, 1),
}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_bundled_debate(page):
    """Regression (issue 9, defect 11): this test only checked that some title existed; each page is now asked for
    its own title and content."""
    at = ok(app().run())
    if page != "timeline":
        ok(at.switch_page(f"stances/app/pages/{page}.py").run())
    if page == "present":
        assert f"step 1 of {len(load_debate().statements)}" in html(at)
    else:
        assert [t.value for t in at.title] == [TITLES[page]]
    caption, charts, tables = CONTENT[page]
    assert at.caption[0].value.replace("\\", "").startswith(caption), at.caption[0].value
    assert (len(at.get("plotly_chart")), len(at.dataframe)) == (charts, tables)


def test_link_restores_filters():
    at = ok(app(actor=["Mark A. Milley", "Joe Biden"], onrecord="true", q="talks", position="+2 strongly for").run())
    assert at.multiselect(key="actor").value == ["milley", "biden"]
    assert at.multiselect(key="position").value == [2]
    assert at.toggle(key="onrecord").value is True
    assert at.text_input(key="q").value == "talks"


def test_malformed_link_values_are_dropped_with_a_notice():
    at = ok(app(actor="zz", foo="bar", statement="no-such-statement").run())
    assert at.multiselect(key="actor").value == []
    assert at.warning[0].value == shown(
        "Ignored from the link: actor 'zz' (unknown actor); foo 'bar' (not a setting of this app); "
        "statement 'no-such-statement' (unknown statement)."
    )
    assert "foo" not in at.query_params


def test_clicking_a_timeline_mark_opens_its_card():
    debate = load_debate()
    quoted = debate.statements[debate.statements["quote"] != ""].iloc[0]
    at = app()
    at.session_state["timeline_chart"] = {
        "selection": {"points": [{"point_index": 0, "customdata": [quoted["statement_id"]]}], "point_indices": [0]}
    }
    ok(at.run())
    assert at.query_params["statement"] == quoted["statement_id"]
    assert quoted["quote"].replace("'", "&#x27;").replace('"', "&quot;") in html(at)


def test_statement_in_the_link_opens_its_card():
    at = ok(app(statement="milley-20221109-talks-now").run())
    assert "“Seize the moment.”" in html(at)


def test_a_filter_changes_what_the_table_shows():
    at = ok(app().run())
    ok(at.switch_page("stances/app/pages/table.py").run())
    everything = len(at.dataframe[0].value)
    at.multiselect(key="actor").set_value(["zelenskyy"])
    ok(at.run())
    shown = at.dataframe[0].value
    assert 0 < len(shown) < everything
    assert set(shown["actor"]) == {"Volodymyr Zelenskyy"}


def test_filters_that_match_nothing_say_what_to_relax():
    at = ok(app(q="no statement says this").run())
    assert at.info[0].value == "No statements match these filters."
    [relax] = [m for m in at.markdown if m.value.startswith("Try relaxing a filter")]
    assert "**Search** (no statement says this): clearing it would show" in relax.value


def test_present_steps_forward_and_back_and_restores_the_step():
    at = ok(app().run())
    ok(at.switch_page("stances/app/pages/present.py").run())
    total = len(load_debate().statements)
    assert f"step 1 of {total}" in html(at)
    ok(at.button(key="next").click().run())
    assert f"step 2 of {total}" in html(at)
    ok(at.button(key="prev").click().run())
    assert f"step 1 of {total}" in html(at)

    linked = ok(app(step="5").run())
    ok(linked.switch_page("stances/app/pages/present.py").run())
    assert linked.number_input(key="step_box").value == 5
    assert f"step 5 of {total}" in html(linked)


def test_dataset_text_is_escaped_in_cards(tmp_path, monkeypatch):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statements"][1]["quote"] = "<script>alert(1)</script> **bold** [x](javascript:alert(1))"
    folder = write_debate(tmp_path / "evil", tables)
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    at = ok(app(statement="milley-club").run())
    body = html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **bold** [x](javascript:alert(1))" in body
    assert "<script>" not in body


def test_an_invalid_debate_shows_its_problems_not_a_traceback(tmp_path, monkeypatch):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statements"][0]["actor_id"] = "nobody"
    monkeypatch.setenv("STANCES_DEBATE", str(write_debate(tmp_path / "bad", tables)))
    at = ok(app().run())
    assert at.error[0].value.startswith("This debate's files have problems")
    assert str(tmp_path) not in at.error[0].value  # no server path
    assert "statements.csv:2: actor_id: 'nobody' unknown actor" in at.code[0].value


def test_a_dense_timeline_lists_a_clicked_bin_and_opens_a_card(monkeypatch):
    from stances import charts

    monkeypatch.setattr(charts, "DENSITY_ABOVE", 10)
    at = app()
    at.session_state["timeline_bins"] = {
        "selection": {"points": [{"point_index": 0, "customdata": ["milley", "2022-11-07", "2022-11-13"]}]}
    }
    ok(at.run())
    # Counts come from the bundled debate, which grows between versions.
    statements = load_debate(DEFAULT_DEBATE).statements
    in_week = (statements["actor_id"] == "milley") & statements["date"].between("2022-11-07", "2022-11-13")
    assert at.info[0].value.startswith(f"{len(statements)} statements are too many to draw one by one")
    assert at.subheader[0].value == f"{int(in_week.sum())} statements, 2022-11-07 – 2022-11-13"
    assert set(at.dataframe[0].value["actor"]) == {"Mark A. Milley"}


@pytest.mark.parametrize("page", ["timeline", "grid", "trends", "present"])
def test_every_chart_has_a_text_alternative(page):
    at = ok(app().run())
    if page != "timeline":
        ok(at.switch_page(f"stances/app/pages/{page}.py").run())
    charts = at.get("plotly_chart")
    assert charts
    assert all(len(chart.proto.alt) > 40 for chart in charts), [chart.proto.alt for chart in charts]


def test_about_shows_the_warnings_found_when_loading(tmp_path, monkeypatch):
    """Regression (issue 9, defect 8): `Debate.warnings` was filled and never shown."""
    from tests.conftest import write_table

    folder = write_debate(tmp_path / "warned")
    columns = [*schema.field_names("actors"), "remarks"]
    write_table(folder, "actors", TINY["actors"], columns=columns)
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    at = ok(app().run())
    ok(at.switch_page("stances/app/pages/about.py").run())
    assert [c.value for c in at.code if "unknown-column" in c.value] == [
        f"actors.csv:1: remarks: is not a column of actors (kept, not used; known: "
        f"{', '.join(schema.field_names('actors'))}) [unknown-column] (warning)"
    ]
