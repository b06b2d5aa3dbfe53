"""The comparison grid's change view through AppTest: the two days in order, and each actor's path between them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard.py")


def grid(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("stances/app/pages/grid.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_changes_since_a_later_day_than_as_of_are_read_in_order_and_said_so():
    """Regression (issue 16, item 3): the page printed 'between 25 Jan 2023 and 04 Nov 2022', before and after
    swapped."""
    at = grid(changes="true", since="2023-01-25", asof="2022-11-04")
    assert [s.value for s in at.subheader if s.value.startswith("What")] == [
        "What changed from 2022-11-04 to 2023-01-25"
    ]
    assert any(
        "“Changes since” is later than “Positions as of”: the changes run from 2022-11-04 to 2023-01-25" in c.value
        for c in at.caption
    )
    changes = next(d.value for d in at.dataframe if "Path" in d.value.columns)
    # Every row's path runs from its Before position to its After one (the bundled debate grows between versions, so
    # the paths themselves are checked in tests/test_query.py on the tiny debate).
    for before, after, path in changes[["Before", "After", "Path"]].itertuples(index=False):
        steps = path.split(" → ")
        assert steps[-1].split(" ")[0] == after.split(" ")[0]
        assert before == "" or steps[0].split(" ")[0] == before.split(" ")[0]
    assert changes["Path"].str.count("→").max() >= 2  # some actor moved more than once in the period


def test_the_grid_page_hints_at_cells_not_marks():
    at = grid()
    captions = [c.value for c in at.caption]
    assert "Click a cell to read the statement behind it, its quote and its sources." in captions
    assert not any(c.startswith("Click a mark") for c in captions)
