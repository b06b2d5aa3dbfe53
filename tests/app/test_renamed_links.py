"""A link that names a statement by the id it had in an earlier version opens the statement under its new id."""

from __future__ import annotations

from stances.load import load_debate
from stances.revisions import renamed_ids
from tests.app.test_app import app, html, ok


def test_a_link_with_a_renamed_statement_id_opens_the_renamed_statement():
    debate = load_debate()
    old, new = next(iter(renamed_ids(debate.statements).items()))
    at = ok(app(statement=old).run())
    assert at.query_params["statement"] == new
    assert not at.warning
    summary = debate.statements.set_index("statement_id").loc[new, "summary"]
    assert summary.replace("'", "&#x27;").replace('"', "&quot;") in html(at)
