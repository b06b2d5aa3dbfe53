"""Renamed statement ids: `replaces` cells, the old -> new map, and resolving an id from a link."""

from __future__ import annotations

import pandas as pd
import pytest

from stances.revisions import renamed_ids, replaced_ids, resolve_statement_id


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("", []), ("a", ["a"]), ("a; b", ["a", "b"]), (" a ;; b ", ["a", "b"]), (None, [])],
)
def test_replaced_ids_splits_a_cell_on_semicolons(cell, expected):
    assert replaced_ids(cell) == expected


def test_renamed_ids_maps_every_old_id_to_the_statement_that_lists_it():
    statements = pd.DataFrame({"statement_id": ["new-a", "b", "new-c"], "replaces": ["old-a", "", "old-c; older-c"]})
    assert renamed_ids(statements) == {"old-a": "new-a", "old-c": "new-c", "older-c": "new-c"}


def test_renamed_ids_is_empty_without_the_column():
    assert renamed_ids(pd.DataFrame({"statement_id": ["a"]})) == {}


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("current", "current"),  # a known id is itself
        ("old", "current"),  # renamed once
        ("oldest", "current"),  # renamed in two versions: old -> older chain followed
        ("gone", None),  # renamed to a statement that no longer exists
        ("loop-a", None),  # a cycle in the map never hangs
        ("never-was", None),
    ],
)
def test_resolve_statement_id_follows_renames_to_a_known_statement(wanted, expected):
    renamed = {"old": "current", "oldest": "old", "gone": "removed", "loop-a": "loop-b", "loop-b": "loop-a"}
    assert resolve_statement_id(wanted, {"current", "other"}, renamed) == expected
