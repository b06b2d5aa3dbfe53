"""What the detail card shows about one statement, with every source and its whole reporting chain."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from stances import scales
from stances.model import Debate, per_debate
from stances.query.chains import cites, reporting_chains
from stances.vocab import EVIDENCE_LABELS


@dataclass(frozen=True, kw_only=True)
class SourceRef:
    """One source a statement rests on, with the chain of sources it reports on."""

    source_id: str
    outlet: str
    title: str
    url: str
    published: dt.date
    source_kind: str
    consulted: bool
    locator: str
    chain: tuple[SourceRef, ...] = ()

    def cites(self) -> str:
        """ "New Voice of Ukraine, citing The New York Times" style description of the chain."""
        return cites([self.outlet, *[s.outlet for s in self.chain]])


@dataclass(frozen=True, kw_only=True)
class StatementDetail:
    """Everything the detail card shows about one statement."""

    statement_id: str
    actor: str
    actor_role: str
    question: str
    proposition: str
    date: dt.date
    date_precision: str
    position: int
    position_label: str
    position_meaning: str
    summary: str
    quote: str
    evidence: str
    evidence_label: str
    channel: str
    confidence: str
    notes: str
    sources: tuple[SourceRef, ...] = field(default=())
    # The text of a coded span (evidence coded-span): the outlet's words mixed with the actor's, never the quote.
    span: str = ""
    # The position's colour class (-2 … +2) on its own question's scale (see `stances.scales`); None: the position.
    colour_class: int | None = None


def _source_ref(row: pd.Series, locator: str = "", chain: tuple[SourceRef, ...] = ()) -> SourceRef:
    return SourceRef(
        source_id=str(row["source_id"]),
        outlet=str(row["outlet"]),
        title=str(row["title"]),
        url=str(row["url"]),
        published=pd.Timestamp(row["published"]).date(),
        source_kind=str(row["source_kind"]),
        consulted=bool(row["consulted"]),
        locator=locator,
        chain=chain,
    )


@per_debate
def _reporting_chains(debate: Debate) -> pd.DataFrame:
    """Every source's reporting chain (a walk over all sources: once per debate, not per card)."""
    return reporting_chains(debate.sources)


@per_debate
def _sources_by_id(debate: Debate) -> pd.DataFrame:
    return debate.sources.set_index("source_id", drop=False)


def statement_detail(debate: Debate, statement_id: str) -> StatementDetail | None:
    """The detail card's content for one statement, or None when the id is unknown."""
    statements = debate.statements
    match = statements[statements["statement_id"] == statement_id]
    if match.empty:
        return None
    row = match.iloc[0]
    actor = debate.actors.set_index("actor_id").loc[row["actor_id"]]
    question = debate.questions.set_index("question_id").loc[row["question_id"]]
    point = debate.scale_points.set_index(["question_id", "position"]).loc[(row["question_id"], int(row["position"]))]
    by_id = _sources_by_id(debate)
    links = debate.statement_sources[debate.statement_sources["statement_id"] == statement_id]
    chains = _reporting_chains(debate)
    refs = []
    for source_id, locator in zip(links["source_id"], links["locator"], strict=True):
        chain = tuple(_source_ref(by_id.loc[s]) for s in chains.loc[source_id] if s)
        refs.append(_source_ref(by_id.loc[source_id], locator=str(locator), chain=chain))
    refs.sort(key=lambda r: (not r.consulted, r.published, r.outlet))
    return StatementDetail(
        statement_id=statement_id,
        actor=str(actor["name"]),
        actor_role=str(actor["role"]),
        question=str(question["label"]),
        proposition=str(question["proposition"]),
        date=pd.Timestamp(row["date"]).date(),
        date_precision=str(row["date_precision"]),
        position=int(row["position"]),
        position_label=str(point["label"]),
        position_meaning=str(point["meaning"]),
        summary=str(row["summary"]),
        quote=str(row["quote"]),
        evidence=str(row["evidence"]),
        evidence_label=EVIDENCE_LABELS.get(str(row["evidence"]), str(row["evidence"])),
        channel=str(row["channel"]),
        confidence=str(row["confidence"]),
        notes=str(row["notes"]),
        sources=tuple(refs),
        span=str(row.get("span", "")),
        colour_class=scales.position_class(
            str(row["question_id"]), int(row["position"]), scales.scales(debate.scale_points)
        ),
    )


@dataclass(frozen=True, kw_only=True)
class EventDetail:
    """Everything a card shows about one context event (a story's event step): as `events.csv` has it."""

    event_id: str
    label: str
    date: dt.date
    event_kind: str
    description: str
    sources: tuple[SourceRef, ...] = field(default=())


def event_detail(debate: Debate, event_id: str) -> EventDetail | None:
    """The card's content for one context event with its source and that source's reporting chain; None when the
    id is unknown."""
    events = debate.events
    match = events[(events["event_id"].astype(str) == event_id).to_numpy()]
    if match.empty:
        return None
    row = match.iloc[0]
    by_id = debate.sources.set_index("source_id", drop=False)
    refs = []
    source_id = str(row["source_id"])
    known = by_id[~by_id.index.duplicated()]
    if source_id in known.index:
        chain_ids = reporting_chains(debate.sources).loc[source_id]
        chain = tuple(_source_ref(known.loc[[str(s)]].iloc[0]) for s in chain_ids if s and str(s) in known.index)
        refs.append(_source_ref(known.loc[[source_id]].iloc[0], chain=chain))
    return EventDetail(
        event_id=event_id,
        label=str(row["label"]),
        date=pd.Timestamp(row["date"]).date(),
        event_kind=str(row["event_kind"]),
        description=str(row["description"]),
        sources=tuple(refs),
    )
