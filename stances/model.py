"""The vocabulary of a debate: the typed tables and the metadata that travel together."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import pandas as pd

from stances import schema


class Evidence(StrEnum):
    """How we know a position."""

    ON_RECORD = "on-record"
    OFFICIAL_DOCUMENT = "official-document"
    UNNAMED_OFFICIALS = "unnamed-officials"
    PARAPHRASE = "paraphrase"
    CODED_SPAN = "coded-span"


class Channel(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


EVIDENCE_LABELS: dict[str, str] = {
    Evidence.ON_RECORD: "On-record words",
    Evidence.OFFICIAL_DOCUMENT: "Official document",
    Evidence.UNNAMED_OFFICIALS: "Reported by unnamed officials",
    Evidence.PARAPHRASE: "Outlet's paraphrase",
    Evidence.CODED_SPAN: "Coded span of a report",
}
OWN_WORDS: frozenset[str] = frozenset({Evidence.ON_RECORD, Evidence.OFFICIAL_DOCUMENT})

assert tuple(Evidence) == schema.EVIDENCE_KINDS and tuple(Channel) == schema.CHANNELS


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
    homepage: str = ""
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
    warnings: tuple = field(default=())

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)
