"""Loading a debate folder into typed tables."""

from __future__ import annotations

import pandas as pd
import pytest

from stances.load import folder_signature, load_debate
from stances.problems import DebateError


def test_valid_debate_loads_with_types(tiny_debate):
    debate = load_debate(tiny_debate)
    statements = debate.statements
    assert pd.api.types.is_datetime64_any_dtype(statements["date"])
    assert statements["position"].dtype == "int8"
    assert list(statements["evidence"].cat.categories) == [
        "on-record",
        "official-document",
        "unnamed-officials",
        "paraphrase",
    ]
    assert statements["confidence"].cat.ordered
    assert debate.sources["consulted"].tolist() == [False, True, True]
    assert pd.api.types.is_datetime64_any_dtype(debate.sources["published"])
    assert debate.meta.title == "A tiny debate"
    assert debate.meta.version == "1.0.0"


def test_questions_come_in_display_order(tiny_debate):
    path = tiny_debate / "questions.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], lines[2], lines[1]]) + "\n")
    assert load_debate(tiny_debate).questions["question_id"].tolist() == ["talks-now", "us-press-kyiv"]


def test_invalid_debate_raises_with_every_problem(broken_debate):
    folder = broken_debate("statements", 0, actor_id="nobody", evidence="gossip")
    with pytest.raises(DebateError) as caught:
        load_debate(folder)
    assert [p.code for p in caught.value.problems] == ["unknown-actor", "not-in-enum"]


def test_signature_changes_when_a_file_changes(tiny_debate):
    before = folder_signature(tiny_debate)
    path = tiny_debate / "statements.csv"
    path.write_text(path.read_text() + "\n")
    assert folder_signature(tiny_debate) != before


def test_bundled_debate_loads():
    debate = load_debate()
    assert debate.meta.name == "ukraine-talks-2022"
    assert {"milley", "sullivan", "biden", "zelenskyy"} <= set(debate.actors["actor_id"])
