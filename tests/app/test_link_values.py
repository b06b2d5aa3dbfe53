"""Link values in the app: every value a viewer's link holds is used as written, or named in the notice."""

from __future__ import annotations

import pytest

from stances import links
from stances.cards import shown
from stances.load import load_debate
from tests.app.test_app import app, html, ok

TOTAL = len(load_debate().statements)


def present(**params) -> object:
    at = ok(app(**params).run())
    return ok(at.switch_page("stances/app/pages/present.py").run())


def notice(*unused: links.Unused) -> str:
    return shown(links.notice(unused))


@pytest.mark.parametrize("step", ["²", "9" * 4301, "+3", "٣"])
def test_a_malformed_step_opens_step_one_with_a_notice_not_a_traceback(step):
    """Regression (issue 10, defect 3): '²'.isdigit() is true and int('²') raised; 4,301 digits exceed int()'s
    limit. Both showed a traceback with server paths."""
    at = present(step=step)
    assert f"step 1 of {TOTAL}" in html(at)
    assert at.warning[0].value == notice(links.Unused(name="step", value=step, why="not a step number"))


def test_a_step_beyond_the_last_opens_the_last_and_says_so():
    at = present(step="500")
    assert f"step {TOTAL} of {TOTAL}" in html(at)
    assert at.warning[0].value == notice(
        links.Unused(name="step", value="500", why=f"beyond the last step, {TOTAL}", read_as=str(TOTAL))
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"dates": ["2030-01-01", "2031-01-01"]},
            links.Unused(name="dates", value="2030-01-01, 2031-01-01", why="outside the debate's days, {span}"),
        ),
        ({"pace": "45"}, links.Unused(name="pace", value="45", why="not a number of seconds from 2 to 30")),
        (
            {"q": ["talks", "Putin"]},
            links.Unused(name="q", value="talks, Putin", why="given more than once", read_as="'Putin'"),
        ),
        (
            {"q": "x" * 201},
            links.Unused(name="q", value="x" * 201, why="longer than 200 characters", read_as="its first 200"),
        ),
    ],
)
def test_values_the_widgets_would_change_silently_are_named(params, expected):
    """Regression (issue 10, defect 6): these were dropped or changed with no notice, or with a notice that lied."""
    debate = load_debate()
    first, last = debate.statements["date"].min().date(), debate.statements["date"].max().date()
    expected = links.Unused(
        name=expected.name,
        value=expected.value,
        why=expected.why.format(span=f"{first} to {last}"),
        read_as=expected.read_as,
    )
    at = ok(app(**params).run())
    assert at.warning[0].value == notice(expected)


def test_a_long_search_is_cut_to_what_the_notice_says():
    at = ok(app(q="x" * 201).run())
    assert at.text_input(key="q").value == "x" * 200


def test_an_out_of_range_as_of_day_is_named_on_the_grid():
    at = ok(app(asof="2030-12-31").run())
    ok(at.switch_page("stances/app/pages/grid.py").run())
    assert "asof" in at.warning[0].value
    assert at.date_input(key="asof").value == load_debate().statements["date"].max().date()


COLOURS_ONE = "Colour: position on “Open talks now”; white marks are statements on other questions"


def test_a_link_sets_what_the_timeline_colours_show():
    """Regression (issue 16, item 5): the choice of what the colours show was not in the link."""
    at = ok(app(colours="Open talks now").run())
    assert at.selectbox(key="colours").value == "talks-now"
    assert shown(COLOURS_ONE) + "." in [c.value for c in at.caption]
    assert [w.value for w in at.warning] == []


def test_a_link_with_an_unknown_colour_choice_names_it_and_colours_each_mark_by_its_own_question():
    at = ok(app(colours="**Nope**").run())
    assert at.selectbox(key="colours").value == ""
    assert at.warning[0].value == notice(links.Unused(name="colours", value="**Nope**", why="unknown question"))


def test_a_link_colouring_a_question_the_filters_leave_out_says_so():
    at = ok(app(colours="Open talks now", question="Victory by force").run())
    assert at.selectbox(key="colours").value == ""
    assert at.selectbox(key="colours").options == ["The position on each mark's own question", "Victory by force"]
    assert at.warning[0].value == notice(
        links.Unused(name="colours", value="Open talks now", why="no statement on it passes the filters")
    )


def test_reset_filters_colours_each_mark_by_its_own_question_again():
    at = ok(app(colours="Open talks now").run())
    at.button(key="reset_filters").click()
    ok(at.run())
    assert at.selectbox(key="colours").value == ""
