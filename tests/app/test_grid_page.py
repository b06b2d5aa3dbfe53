"""The comparison grid's change view through AppTest: the two days in order, and each actor's path between them."""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from stances import query
from stances.cards import NON_BREAKING_HYPHEN, WORD_JOINER
from stances.load import load_debate
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
    changes = changes_table(at)
    # Every row's path runs from its Before position to its After one (the bundled debate grows between versions, so
    # the paths themselves are checked in tests/test_query.py on the tiny debate).
    for before, after, path in changes[["Before", "After", "Path"]].itertuples(index=False):
        steps = path.split(" → ")
        assert steps[-1].split(" ")[0] == after.split(" ")[0]
        assert before == "" or steps[0].split(" ")[0] == before.split(" ")[0]
    assert changes["Path"].str.count("→").max() >= 2  # some actor moved more than once in the period


def changes_table(at: AppTest) -> pd.DataFrame:
    """The changes table as the reader sees it (its cells are escaped for Markdown)."""
    [table] = [t.value for t in at.table if "Path" in t.value.columns]
    plain = table.map(lambda cell: re.sub(r"\\(.)", r"\1", str(cell)).replace(WORD_JOINER, ""))
    return plain.map(lambda cell: cell.replace(NON_BREAKING_HYPHEN, "-"))


def test_each_path_of_the_changes_is_shown_whole_in_a_table_that_wraps():
    """Regression (issue 16, item 3): the changes were an interactive table whose Path column cut a long path at its
    edge ("+1 (2022-09-08) → −1 (2022-11-09) → 0 (…"); only a mouse could widen it. A static table wraps it."""
    at = grid(changes="true")
    debate = load_debate()
    first, last = query.date_bounds(debate.statements)
    everyone, questions = list(debate.actors["actor_id"]), list(debate.questions["question_id"])
    view = query.grid_view(debate, debate.statements, last, first, actors=everyone, questions=questions)
    expected = query.change_table(debate, view.changes, query.held_positions(debate.statements, first, last))
    shown = changes_table(at)
    assert shown.to_dict("records") == expected.astype(str).to_dict("records")
    assert max(map(len, shown["Path"])) > 100  # Milley on "Victory by force": five moves
    assert [d for d in at.dataframe if "Path" in d.value.columns] == []


def test_the_grid_page_hints_at_cells_not_marks():
    at = grid()
    captions = [c.value for c in at.caption]
    assert "Click a cell to read the statement behind it, its quote and its sources." in captions
    assert not any(c.startswith("Click a mark") for c in captions)
