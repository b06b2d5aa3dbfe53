"""Renamed statement ids: an id never changes meaning, so a renamed statement lists its old ids in `replaces`,
and links that carry an old id still open it."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

SEPARATOR = ";"


def replaced_ids(value: str) -> list[str]:
    """The ids of one `replaces` cell, in order: `"a; b"` -> `["a", "b"]`."""
    return [part.strip() for part in str(value or "").split(SEPARATOR) if part.strip()]


def renamed_ids(statements: pd.DataFrame) -> dict[str, str]:
    """Old id -> current id for every id listed in a statement's `replaces` (empty when the column is absent)."""
    if "replaces" not in statements.columns:
        return {}
    renaming = statements[statements["replaces"].astype(str).str.strip() != ""]
    renamed: dict[str, str] = {}
    for current, replaces in zip(renaming["statement_id"], renaming["replaces"], strict=True):
        for old in replaced_ids(replaces):
            renamed.setdefault(old, str(current))
    return renamed


def resolve_statement_id(statement_id: str, known: Collection[str], renamed: Mapping[str, str]) -> str | None:
    """The current id for a statement id from a link: itself when known, else the id that replaces it (following a
    chain of renames across versions), else None."""
    seen: set[str] = set()
    current = statement_id
    while current not in known:
        if current in seen or current not in renamed:
            return None
        seen.add(current)
        current = renamed[current]
    return current
