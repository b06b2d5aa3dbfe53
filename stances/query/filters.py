"""What the user chose to see, and the statements that pass it: one `Filters` for the app, the CLI and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
import pandas as pd

from stances.columns import is_in
from stances.model import Debate
from stances.vocab import CHANNELS, EVIDENCE_KINDS, OWN_WORDS


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What the user chose to see. Empty tuples mean "all"."""

    actors: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    positions: tuple[int, ...] = ()
    evidence: tuple[str, ...] = ()
    on_record_only: bool = False
    channels: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    text: str = ""

    def active(self) -> dict[str, str]:
        """The filters that narrow the data, as label -> value text, for notices, exports and empty states."""
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in ((), None, "", False):
                continue
            label = FILTER_LABELS[f.name]
            if isinstance(value, tuple):
                out[label] = ", ".join(str(v) for v in value)
            elif isinstance(value, dt.date):
                out[label] = value.isoformat()
            elif value is True:
                out[label] = "yes"
            else:
                out[label] = str(value)
        return out

    def without(self, name: str) -> Filters:
        """The same filters with one of them reset to "all"."""
        defaults: dict[str, Any] = {f.name: f.default for f in fields(self)}
        return replace(self, **{name: defaults[name]})


FILTER_LABELS = {
    "actors": "Actors",
    "questions": "Questions",
    "start": "From",
    "end": "To",
    "positions": "Positions",
    "evidence": "Evidence",
    "on_record_only": "On-record only",
    "channels": "Channel",
    "outlets": "Outlets",
    "text": "Search",
}


def statement_outlets(debate: Debate) -> pd.DataFrame:
    """Each statement with the outlet of each source it rests on (statement_id, outlet)."""
    return debate.statement_sources[["statement_id", "source_id"]].merge(
        debate.sources[["source_id", "outlet"]], on="source_id"
    )[["statement_id", "outlet"]]


def filter_mask(debate: Debate, filters: Filters) -> np.ndarray:
    """Boolean mask over `debate.statements` for the rows that pass every filter."""
    statements = debate.statements
    mask = np.ones(len(statements), dtype=bool)
    if filters.actors:
        mask &= statements["actor_id"].isin(filters.actors).to_numpy()
    if filters.questions:
        mask &= statements["question_id"].isin(filters.questions).to_numpy()
    if filters.start is not None:
        mask &= (statements["date"] >= pd.Timestamp(filters.start)).to_numpy()
    if filters.end is not None:
        mask &= (statements["date"] <= pd.Timestamp(filters.end)).to_numpy()
    if filters.positions:
        mask &= statements["position"].isin(filters.positions).to_numpy()
    if filters.evidence:
        mask &= statements["evidence"].isin(filters.evidence).to_numpy()
    if filters.on_record_only:
        mask &= statements["evidence"].isin(OWN_WORDS).to_numpy()
    if filters.channels:
        mask &= statements["channel"].isin(filters.channels).to_numpy()
    if filters.outlets:
        links = statement_outlets(debate)
        ids = links.loc[links["outlet"].isin(filters.outlets), "statement_id"]
        mask &= is_in(statements["statement_id"], ids).to_numpy()
    if filters.text.strip():
        needle = filters.text.strip()
        found = statements["summary"].str.contains(needle, case=False, regex=False) | statements["quote"].str.contains(
            needle, case=False, regex=False
        )
        mask &= found.to_numpy(dtype=bool)
    return mask


def apply(debate: Debate, filters: Filters) -> pd.DataFrame:
    """The statements that pass `filters`, in date order (the loader keeps statements sorted by date)."""
    mask = filter_mask(debate, filters)
    return debate.statements if mask.all() else debate.statements[mask]


def filter_problems(debate: Debate, filters: Filters) -> list[str]:
    """Everything in `filters` that names nothing in the debate, each as one sentence (all of them, not the first):
    an unknown actor, question, outlet, position, evidence kind or channel, or a reversed date range."""
    problems = []
    for label, chosen, known in (
        ("actor", filters.actors, debate.actors["actor_id"]),
        ("question", filters.questions, debate.questions["question_id"]),
        ("outlet", filters.outlets, debate.sources["outlet"]),
        ("evidence kind", filters.evidence, pd.Series(EVIDENCE_KINDS)),
        ("channel", filters.channels, pd.Series(CHANNELS)),
    ):
        known_values = list(dict.fromkeys(known.astype(str)))
        unknown = [value for value in chosen if str(value) not in set(known_values)]
        if unknown:
            shown = sorted(known_values) if label in ("actor", "question", "outlet") else known_values
            listed = ", ".join(shown[:20]) + (", …" if len(shown) > 20 else "")
            problems.append(f"unknown {label} {', '.join(map(repr, unknown))} (known: {listed})")
    points = sorted(set(debate.scale_points["position"].astype(int)))
    off_scale = [p for p in filters.positions if p not in points]
    if off_scale:
        listed = ", ".join(map(str, points))
        problems.append(f"position {', '.join(map(str, off_scale))} is on no question's scale (points: {listed})")
    if filters.start and filters.end and filters.start > filters.end:
        problems.append(f"the date range is reversed: from {filters.start} is after to {filters.end}")
    return problems
