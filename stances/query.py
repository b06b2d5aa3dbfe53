"""Pure functions on a debate's tables: filter, as-of snapshots, changes, joins for tables and detail cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd

from stances import scales
from stances.model import EVIDENCE_LABELS, OWN_WORDS, Debate
from stances.names import actor_names, question_labels
from stances.validate import is_in

# A grid cell whose statement is this much older than the as-of date is marked as old.
STALE_AFTER = pd.Timedelta(days=60)

# When two statements of one actor on one question share a date, the stronger evidence wins.
EVIDENCE_RANK = {"on-record": 0, "official-document": 1, "paraphrase": 2, "coded-span": 3, "unnamed-officials": 4}


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
        default = next(f.default for f in fields(self) if f.name == name)
        return replace(self, **{name: default})


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


def as_of(statements: pd.DataFrame, day: dt.date | pd.Timestamp) -> pd.DataFrame:
    """Each actor's latest position on each question on `day`: one row per (actor, question) said on or before it.

    Ties on one date go to the stronger evidence (on-record first), then the smaller statement id, so the result
    is stable. Adds `age_days` (days between the statement and `day`) and `stale` (older than `STALE_AFTER`).
    """
    day = pd.Timestamp(day)
    known = statements[(statements["date"] <= day).to_numpy()]
    if known.empty:
        return known.assign(age_days=pd.Series(dtype="int64"), stale=pd.Series(dtype=bool))
    evidence = known["evidence"]
    if isinstance(evidence.dtype, pd.CategoricalDtype):  # as loaded: rank the few categories, not every row
        per_kind = np.array([EVIDENCE_RANK.get(str(c), 9) for c in evidence.cat.categories] + [9])
        rank = per_kind[evidence.cat.codes.to_numpy()]  # code -1 (missing) takes the last entry, 9
    else:
        rank = evidence.astype(str).map(EVIDENCE_RANK).fillna(9).to_numpy()
    days = known["date"].to_numpy().astype("datetime64[D]").astype("int64")
    # One sortable score per statement: later day first, then stronger evidence; ties fall to the smaller id below.
    score = days * 16 - rank
    order = pd.DataFrame(
        {
            "actor_id": known["actor_id"].astype(str).to_numpy(),
            "question_id": known["question_id"].astype(str).to_numpy(),
            "score": score,
            "statement_id": known["statement_id"].astype(str).to_numpy(),
            "row": np.arange(len(known)),
        }
    )
    best = order.groupby(["actor_id", "question_id"], sort=True)["score"].transform("max").to_numpy() == score
    chosen = order[best].sort_values(["actor_id", "question_id", "statement_id"], kind="stable")
    chosen = chosen.drop_duplicates(["actor_id", "question_id"], keep="first")
    latest = known.iloc[chosen["row"].to_numpy()]
    age = (day - latest["date"]).dt.days
    return latest.assign(age_days=age.astype("int64"), stale=age > STALE_AFTER.days).reset_index(drop=True)


CHANGE_KINDS = ("moved", "new", "unchanged")


def changes_between(statements: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """How each actor's position on each question changed from `start` to `end` (both as-of snapshots).

    One row per (actor, question) known at `end`: `before`/`after` positions and statement ids, `shift`
    (after - before) and `change`: "moved" (position differs), "new" (no position at `start`) or "unchanged".
    Sorted with the moves first, largest shift first.
    """
    before = as_of(statements, start)[["actor_id", "question_id", "position", "statement_id", "date"]]
    after = as_of(statements, end)[["actor_id", "question_id", "position", "statement_id", "date"]]
    merged = after.merge(before, on=["actor_id", "question_id"], how="left", suffixes=("_after", "_before"))
    merged["actor_id"] = merged["actor_id"].astype(str)
    merged["question_id"] = merged["question_id"].astype(str)
    pos_before = merged["position_before"].astype("Int64")
    pos_after = merged["position_after"].astype("Int64")
    change = np.where(pos_before.isna(), "new", np.where(pos_before.ne(pos_after).fillna(True), "moved", "unchanged"))
    out = pd.DataFrame(
        {
            "actor_id": merged["actor_id"],
            "question_id": merged["question_id"],
            "before": pos_before,
            "after": pos_after,
            "shift": (pos_after - pos_before),
            "change": pd.Categorical(change, categories=CHANGE_KINDS),
            "statement_before": merged["statement_id_before"].fillna(""),
            "statement_after": merged["statement_id_after"],
            "date_after": merged["date_after"],
        }
    )
    order = out["shift"].abs().fillna(0)
    return (
        out.assign(_order=-order)
        .sort_values(["change", "_order", "actor_id", "question_id"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def position_labels(debate: Debate) -> pd.Series:
    """Label of every scale point, indexed by (question_id, position)."""
    points = debate.scale_points
    return points.set_index(["question_id", "position"])["label"]


def label_positions(debate: Debate, statements: pd.DataFrame) -> pd.Series:
    """The codebook label of each statement's position on its own question's scale."""
    labels = position_labels(debate)
    keys = pd.MultiIndex.from_arrays([statements["question_id"].astype(str), statements["position"].astype("int64")])
    return pd.Series(labels.reindex(keys).to_numpy(), index=statements.index, dtype="object").fillna("")


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
        names = [self.outlet, *[s.outlet for s in self.chain]]
        return ", citing ".join(names)


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


def reporting_chain(sources: pd.DataFrame, source_id: str) -> list[str]:
    """The ids of the sources `source_id` reports on, nearest first; stops at a loop or a missing source."""
    reports_on = sources.set_index("source_id")["reports_on"]
    chain: list[str] = []
    current = source_id
    while True:
        target = reports_on.get(current, "")
        if not isinstance(target, str) or not target or target in chain or target == source_id:
            return chain
        if target not in reports_on.index:
            return chain
        chain.append(target)
        current = target


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
    by_id = debate.sources.set_index("source_id", drop=False)
    links = debate.statement_sources[debate.statement_sources["statement_id"] == statement_id]
    refs = []
    for source_id, locator in zip(links["source_id"], links["locator"], strict=True):
        chain = tuple(_source_ref(by_id.loc[s]) for s in reporting_chain(debate.sources, source_id))
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


SOURCE_COLUMNS = {
    "source_ids": "source_id",
    "source_outlets": "outlet",
    "source_titles": "title",
    "source_dates": "published_text",
    "source_urls": "url",
    "reporting_chain": "cites",
}


def source_columns(debate: Debate, statement_ids: pd.Series) -> pd.DataFrame:
    """Per statement: its sources' outlets, titles, dates, URLs and reporting chains, each joined with "; ".

    Indexed by statement_id, in the order of `statement_ids`; the sources of a statement come in publication order,
    and empty values (a source without URL or chain) are left out. Built column-wise, one pass per source rank
    (a statement rests on a handful of sources), never a Python join per statement.
    """
    wanted = pd.Index(pd.unique(statement_ids.astype(str)))
    links = debate.statement_sources
    if len(wanted) < len(debate.statements):
        links = links[is_in(links["statement_id"], wanted).to_numpy()]
    sources = debate.sources[["source_id", "outlet", "title", "url", "published", "reports_on"]]
    outlet_of = sources.set_index("source_id")["outlet"]
    if len(wanted) < len(debate.statements):  # a page of rows: join only the sources they cite
        sources = sources[is_in(sources["source_id"], pd.unique(links["source_id"])).to_numpy()]
    chain_text = sources["reports_on"].map(outlet_of).fillna("").astype(str)
    sources = sources.assign(
        published_text=sources["published"].dt.strftime("%Y-%m-%d"),
        cites=(sources["outlet"] + ", citing " + chain_text).where(chain_text != "", ""),
    )
    joined = links[["statement_id", "source_id"]].merge(sources, on="source_id")
    joined = joined.sort_values(["statement_id", "published", "source_id"], kind="stable")
    rank = joined.groupby("statement_id", sort=False).cumcount().to_numpy()
    rows_of = wanted.get_indexer(joined["statement_id"])
    out = {name: np.full(len(wanted), "", dtype=object) for name in SOURCE_COLUMNS}
    for r in range(int(rank.max()) + 1 if len(rank) else 0):
        at = rank == r
        rows = rows_of[at]
        for name, column in SOURCE_COLUMNS.items():
            values = joined[column].to_numpy(dtype=object, na_value="")[at]
            before = out[name][rows]
            out[name][rows] = np.where(before == "", values, np.where(values == "", before, before + "; " + values))
    return pd.DataFrame(out, index=wanted)


TABLE_COLUMNS = (
    "statement_id",
    "date",
    "date_precision",
    "actor_id",
    "actor",
    "question_id",
    "question",
    "position",
    "position_label",
    "summary",
    "quote",
    "evidence",
    "channel",
    "confidence",
    "notes",
    "source_ids",
    "source_outlets",
    "source_titles",
    "source_dates",
    "source_urls",
    "reporting_chain",
)


def table_rows(debate: Debate, statements: pd.DataFrame) -> pd.DataFrame:
    """The statements joined with actor, question, position label and their original sources: the export table."""
    names = debate.actors.set_index("actor_id")["name"]  # the export keeps each name as the data spells it
    labels = debate.questions.set_index("question_id")["label"]
    rows = pd.DataFrame(
        {
            "statement_id": statements["statement_id"].astype(str),
            "date": statements["date"].dt.date,
            "date_precision": statements["date_precision"].astype(str),
            "actor_id": statements["actor_id"].astype(str),
            "actor": statements["actor_id"].astype(str).map(names),
            "question_id": statements["question_id"].astype(str),
            "question": statements["question_id"].astype(str).map(labels),
            "position": statements["position"].astype("int64"),
            "position_label": label_positions(debate, statements),
            "summary": statements["summary"],
            "quote": statements["quote"],
            "evidence": statements["evidence"].astype(str),
            "channel": statements["channel"].astype(str),
            "confidence": statements["confidence"].astype(str),
            "notes": statements["notes"],
        }
    )
    sources = source_columns(debate, rows["statement_id"])
    rows = rows.join(sources, on="statement_id")
    return rows[list(TABLE_COLUMNS)].reset_index(drop=True)


def source_table(debate: Debate) -> pd.DataFrame:
    """Every source with the outlet it reports on and how many statements rest on it."""
    sources = debate.sources
    # Positions in the sources table by Arrow's hash lookup: pandas' map and value_counts take seconds at 300k.
    row_of_link = _positions(debate.statement_sources["source_id"], sources["source_id"])
    counts = np.bincount(row_of_link[row_of_link >= 0], minlength=len(sources))
    target = _positions(sources["reports_on"], sources["source_id"])
    outlets = sources["outlet"].to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "source_id": sources["source_id"],
            "outlet": sources["outlet"],
            "title": sources["title"],
            "published": sources["published"].dt.date,
            "url": sources["url"],
            "source_kind": sources["source_kind"].astype(str),
            "reports_on": np.where(target >= 0, outlets[np.maximum(target, 0)], ""),
            "consulted": sources["consulted"],
            "statements": counts.astype("int64"),
        }
    ).sort_values(["published", "outlet"], kind="stable", ignore_index=True)


def _positions(values: pd.Series, keys: pd.Series) -> np.ndarray:
    """The position of each of `values` in `keys` (unique), -1 where absent."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.index_in(pa.array(values, from_pandas=True), value_set=pa.array(keys, from_pandas=True))
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def step_order(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements in presentation order: by date, then actor, then question, then id."""
    return statements.sort_values(["date", "actor_id", "question_id", "statement_id"], kind="stable").reset_index(
        drop=True
    )


def date_bounds(statements: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """First and last statement date (today for an empty table)."""
    if statements.empty:
        today = dt.date.today()
        return today, today
    return statements["date"].min().date(), statements["date"].max().date()


def change_table(debate: Debate, changes: pd.DataFrame) -> pd.DataFrame:
    """The moves and new positions of `changes_between`, with names and labels, for people to read."""
    moved = changes[changes["change"] != "unchanged"]
    names = actor_names(debate)
    labels = question_labels(debate)
    points = position_labels(debate)

    def label(question: pd.Series, position: pd.Series) -> list[str]:
        return [
            "" if pd.isna(p) else f"{int(p):+d} {points.get((q, int(p)), '')}"
            for q, p in zip(question, position, strict=True)
        ]

    return pd.DataFrame(
        {
            "Actor": moved["actor_id"].map(names).to_numpy(),
            "Question": moved["question_id"].map(labels).to_numpy(),
            "Before": label(moved["question_id"], moved["before"]),
            "After": label(moved["question_id"], moved["after"]),
            "Change": moved["change"].astype(str).to_numpy(),
            "Said on": moved["date_after"].dt.date.to_numpy(),
        }
    )


def grid_table(debate: Debate, snapshot: pd.DataFrame, actors: list[str], questions: list[str]) -> pd.DataFrame:
    """The grid's content as text: one row per actor, one column per question, "+1 Open to talks (9 Nov 2022)"."""
    names = actor_names(debate)
    labels = question_labels(debate)
    points = position_labels(debate)
    cells = {
        (
            row.actor_id,
            row.question_id,
        ): f"{int(row.position):+d} {points.get((row.question_id, int(row.position)), '')}"
        f" ({row.date:%d %b %Y}){' *older*' if row.stale else ''}"
        for row in snapshot.itertuples(index=False)
    }
    table = pd.DataFrame(
        [[cells.get((a, q), "") for q in questions] for a in actors],
        index=pd.Index([names.get(a, a) for a in actors], name="Actor"),
        columns=[labels.get(q, q) for q in questions],
    )
    return table


def search_sources(table: pd.DataFrame, needle: str, kinds: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows of `source_table` whose outlet or title contains `needle` (any case), of the chosen kinds."""
    mask = pd.Series(True, index=table.index)
    if needle.strip():
        text = needle.strip()
        mask &= table["outlet"].str.contains(text, case=False, regex=False) | table["title"].str.contains(
            text, case=False, regex=False
        )
    if kinds:
        mask &= table["source_kind"].isin(kinds)
    return table[mask]


BIN_DAYS = {"D": 1, "W": 7, "MS": 30.4, "QS": 91.3, "YS": 365.25}


def bin_width(statements: pd.DataFrame, *, periods: int = 120) -> str:
    """The time bin for a dense timeline: the finest of day, week, month, quarter, year giving at most `periods`
    bins across the statements' span (a year when even that is more)."""
    if statements.empty:
        return "D"
    span = (statements["date"].max() - statements["date"].min()).days + 1
    return next((freq for freq, days in BIN_DAYS.items() if span / days <= periods), "YS")


def period_bounds(dates: pd.Series, freq: str) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of the period holding each date: "D" days, "W" weeks (Monday to Sunday), "MS" months,
    "QS" quarters, "YS" years."""
    days = dates.to_numpy().astype("datetime64[D]")
    if freq == "D":
        return days, days
    if freq == "W":  # 1970-01-01, day 0, was a Thursday
        start = days - ((days.astype("int64") + 3) % 7).astype("timedelta64[D]")
        return start, start + np.timedelta64(6, "D")
    step = {"MS": 1, "QS": 3, "YS": 12}[freq]
    months = days.astype("datetime64[M]")
    months = months - (months.astype("int64") % step).astype("timedelta64[M]")
    return months.astype("datetime64[D]"), (months + step).astype("datetime64[D]") - np.timedelta64(1, "D")


def _five_point(statements: pd.DataFrame, scale_points: pd.DataFrame | None) -> np.ndarray:
    """Positions as floats; placed on -2..+2 by their own question's scale when `scale_points` is given."""
    if scale_points is None or scales.all_five_point(scale_points):
        return statements["position"].astype("float64").to_numpy()
    return (scales.leaning(statements["question_id"], statements["position"], scale_points) * 2).to_numpy()


def timeline_bins(statements: pd.DataFrame, freq: str, *, scale_points: pd.DataFrame | None = None) -> pd.DataFrame:
    """Statements counted per actor and time bin (`freq`: "D", "W" or "MS"), with their mean position.

    One row per non-empty (actor, bin): `actor_id`, `start` and `end` of the bin, `statements`, `mean_position`.
    With `scale_points`, each position is first placed on the five-point -2..+2 range by its own question's scale
    (`stances.scales.leaning` × 2), so positions on different scales average sensibly; on a -2..+2 debate that
    changes nothing.
    """
    if statements.empty:
        return pd.DataFrame(columns=["actor_id", "start", "end", "statements", "mean_position"])
    start, end = period_bounds(statements["date"], freq)
    grouped = (
        pd.DataFrame(
            {
                "actor_id": statements["actor_id"].astype(str).to_numpy(),
                "start": start,
                "end": end,
                "position": _five_point(statements, scale_points),
            }
        )
        .groupby(["actor_id", "start", "end"], sort=True)["position"]
        .agg(["size", "mean"])
        .reset_index()
    )
    return pd.DataFrame(
        {
            "actor_id": grouped["actor_id"],
            "start": pd.to_datetime(grouped["start"]),
            "end": pd.to_datetime(grouped["end"]),
            "statements": grouped["size"].astype("int64"),
            "mean_position": grouped["mean"],
        }
    )


def in_bin(statements: pd.DataFrame, actor_id: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The statements of one actor between `start` and `end` (inclusive): what a clicked timeline bin holds."""
    mask = (
        (statements["actor_id"].astype(str) == actor_id)
        & (statements["date"] >= pd.Timestamp(start))
        & (statements["date"] <= pd.Timestamp(end))
    )
    return statements[mask.to_numpy()]


def last_per_period(statements: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Each actor's last statement in each period (`freq` as in `timeline_bins`), dated at the period's start:
    the points a step line needs when there are too many statements to draw each one."""
    if statements.empty:
        return statements
    start, _ = period_bounds(statements["date"], freq)
    keyed = statements.assign(_period=start).sort_values("date", kind="stable")
    last = keyed.drop_duplicates(["actor_id", "_period"], keep="last")
    return last.assign(date=pd.to_datetime(last["_period"])).drop(columns="_period").sort_values("date", kind="stable")


def _present(ids: Iterable[str]) -> set[str]:
    values = ids if isinstance(ids, pd.Series) else pd.Series(list(ids), dtype=object)
    return set(map(str, values.unique()))


def actors_in(debate: Debate, actor_ids: Iterable[str]) -> list[str]:
    """The actors among `actor_ids`, in the dataset's order (core actors first)."""
    present = _present(actor_ids)
    return [a for a in debate.actors["actor_id"] if a in present]


def questions_in(debate: Debate, question_ids: Iterable[str]) -> list[str]:
    """The questions among `question_ids`, in display order."""
    present = _present(question_ids)
    return [q for q in debate.questions["question_id"] if q in present]


@dataclass(frozen=True, kw_only=True, eq=False)
class GridView:
    """Everything the comparison grid shows for one as-of day (and, optionally, the changes since an earlier day)."""

    snapshot: pd.DataFrame
    actors: list[str]
    questions: list[str]
    changes: pd.DataFrame | None
    moved: dict[tuple[str, str], int] | None  # (actor, question) -> shift; 0 for a position new since `since`


def grid_view(
    debate: Debate,
    statements: pd.DataFrame,
    day: dt.date,
    since: dt.date | None = None,
    *,
    actors: list[str] | None = None,
    questions: list[str] | None = None,
) -> GridView:
    """The grid of `statements` as of `day`, and what moved since `since`.

    Without `actors`/`questions`, every actor (dataset order) and question (display order) that appears; with them,
    only those rows and columns, in that order, and only their statements are snapshotted (a page of a large grid
    costs what its cells cost, not what the whole debate does).
    """
    if actors is not None or questions is not None:
        keep = np.ones(len(statements), dtype=bool)
        if actors is not None:
            keep &= is_in(statements["actor_id"], actors).to_numpy()
        if questions is not None:
            keep &= is_in(statements["question_id"], questions).to_numpy()
        statements = statements[keep]
    changes = changes_between(statements, since, day) if since is not None else None
    moved = (
        {
            (r.actor_id, r.question_id): (0 if pd.isna(r.shift) else int(r.shift))
            for r in changes[changes["change"] != "unchanged"].itertuples()
        }
        if changes is not None
        else None
    )
    return GridView(
        snapshot=as_of(statements, day),
        actors=list(actors) if actors is not None else actors_in(debate, statements["actor_id"]),
        questions=list(questions) if questions is not None else questions_in(debate, statements["question_id"]),
        changes=changes,
        moved=moved,
    )
