"""A loaded debate: its typed tables and the metadata that travel together (the vocabulary is in `vocab`)."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import TypeVar

import pandas as pd

from stances import schema
from stances.problems import Problem

DOI = re.compile(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)


def doi_url(identifier: str) -> str:
    """The resolver link of a DOI the descriptor's `id` gives ("10.5281/zenodo.1", "doi:…" or its doi.org link);
    "" for any other identifier. Never made up: only a DOI that is there is linked."""
    match = DOI.match((identifier or "").strip())
    return f"https://doi.org/{match.group(1)}" if match else ""


@dataclass(frozen=True, kw_only=True)
class DebateMeta:
    """What `datapackage.json` says about the debate as a whole."""

    name: str
    title: str
    version: str = ""
    description: str = ""
    licence: str = ""
    licence_url: str = ""
    citation: str = ""
    homepage: str = ""  # the dataset's web page
    repository: str = ""  # where its files are kept and versioned (a git repository, an archive's record)
    identifier: str = ""  # the descriptor's `id`: a DOI or another persistent identifier, when one was issued
    created: str = ""


def empty_table(table: str) -> pd.DataFrame:
    """A table of the format with its columns and no rows."""
    return pd.DataFrame({name: pd.Series(dtype=object) for name in schema.field_names(table)})


@dataclass(frozen=True, kw_only=True, eq=False)
class Debate:
    """One debate, loaded and typed: every table of the format as a DataFrame.

    Columns are those of `schema.TABLES`; dates are datetimes, positions small integers, closed vocabularies
    categoricals, optional text empty strings.
    """

    folder: Path
    meta: DebateMeta
    actors: pd.DataFrame
    questions: pd.DataFrame
    scale_points: pd.DataFrame
    sources: pd.DataFrame
    statements: pd.DataFrame
    statement_sources: pd.DataFrame
    events: pd.DataFrame
    # Optional tables: empty (with their columns) when the debate has no stories.
    stories: pd.DataFrame = field(default_factory=lambda: empty_table("stories"))
    story_steps: pd.DataFrame = field(default_factory=lambda: empty_table("story_steps"))
    warnings: tuple[Problem, ...] = field(default=())

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


Derived = TypeVar("Derived")
_DERIVED: weakref.WeakKeyDictionary[Debate, dict[Callable, object]] = weakref.WeakKeyDictionary()


def per_debate(compute: Callable[[Debate], Derived]) -> Callable[[Debate], Derived]:
    """`compute(debate)` worked out once per loaded debate and kept with it, for as long as the debate lives.

    A loaded debate's tables are never changed, so what follows from them alone (display names, id lookups, the
    parts of hover text) need not be worked out again on every rerun. What it returns is shared by every caller:
    never modify it (return a copy where a caller may).
    """

    @wraps(compute)
    def once(debate: Debate) -> Derived:
        kept = _DERIVED.get(debate)
        if kept is None:
            kept = _DERIVED.setdefault(debate, {})
        if compute not in kept:
            kept[compute] = compute(debate)
        return kept[compute]  # type: ignore[return-value]

    return once
