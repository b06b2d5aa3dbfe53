"""Joined tables for people and exports: statements with names, labels and sources; sources; grid and changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from stances.columns import arrow_text, is_in, positions_in
from stances.model import Debate, per_debate
from stances.names import actor_names, question_labels
from stances.query.chains import chain_outlets
from stances.query.labels import label_positions, position_labels
from stances.vocab import EVIDENCE_KINDS, day_text, path_text, position_text

SOURCE_COLUMNS = {
    "source_ids": "source_id",
    "source_outlets": "outlet",
    "source_titles": "title",
    "source_dates": "published_text",
    "source_urls": "url",
    "reporting_chain": "cites",
}


def _ranked_join(values: pa.Array, rows: np.ndarray, size: int) -> pa.Array:
    """Per row of `size`, its values joined with "; " in the order given, empty ones left out.

    `rows` (sorted) says which row each value belongs to; one list array over all rows and one Arrow join: no
    Python loop over statements and no intermediate Python strings.
    """
    kept = pc.not_equal(values, "").to_numpy(zero_copy_only=False)
    counts = np.bincount(rows[kept], minlength=size)
    offsets = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    lists = pa.LargeListArray.from_arrays(pa.array(offsets), values.filter(pa.array(kept)))
    return pc.fill_null(pc.binary_join(lists, pa.scalar("; ", values.type)), "")


def _positions(values: pa.Array, among: pa.Array) -> np.ndarray:
    """Where each of `values` is in `among` (unique), -1 where it is not."""
    return pc.fill_null(pc.index_in(values, value_set=among), -1).to_numpy(zero_copy_only=False).astype(np.int64)


@per_debate
def _chain_texts(debate: Debate) -> pd.Series:
    """Every source's "A, citing B" text (a walk over all sources: once per debate, not per rerun)."""
    return chain_outlets(debate.sources)


def source_columns(
    debate: Debate, statement_ids: pd.Series, columns: Sequence[str] = tuple(SOURCE_COLUMNS)
) -> pd.DataFrame:
    """Per statement: its sources' outlets, titles, dates, URLs and reporting chains, each joined with "; " (or
    only the `columns` named, of `SOURCE_COLUMNS`: the chains cost a walk over every source).

    Indexed by statement_id, in the order of `statement_ids`; the sources of a statement come in publication order
    (then by source id), and empty values (a source without URL or chain) are left out. Built with Arrow, column by
    column: a million statements take a few seconds, not a minute.
    """
    wanted = pd.Index(pd.unique(statement_ids.astype(str)))
    links = debate.statement_sources
    if len(wanted) < len(debate.statements):
        links = links[is_in(links["statement_id"], wanted).to_numpy()]
    sources = debate.sources[["source_id", "outlet", "title", "url", "published"]]
    if len(wanted) < len(debate.statements):  # a page of rows: join only the sources they cite
        sources = sources[is_in(sources["source_id"], pd.unique(links["source_id"])).to_numpy()]
    source_ids = arrow_text(sources["source_id"])
    rows = _positions(arrow_text(links["statement_id"]), arrow_text(wanted))
    source_at = _positions(arrow_text(links["source_id"]), source_ids)
    known = (rows >= 0) & (source_at >= 0)
    rows, source_at = rows[known], source_at[known]
    id_order = np.empty(len(source_ids), dtype=np.int64)
    id_order[pc.sort_indices(source_ids).to_numpy()] = np.arange(len(source_ids))
    published = sources["published"].to_numpy(dtype="datetime64[ns]").view("int64")
    order = np.lexsort((id_order[source_at], published[source_at], rows))
    rows, source_at = rows[order], source_at[order]
    texts: dict[str, Callable[[], pa.Array]] = {
        "source_ids": lambda: source_ids,
        "source_outlets": lambda: arrow_text(sources["outlet"]),
        "source_titles": lambda: arrow_text(sources["title"]),
        "source_dates": lambda: arrow_text(sources["published"].dt.strftime("%Y-%m-%d")),
        "source_urls": lambda: arrow_text(sources["url"]),
        "reporting_chain": lambda: arrow_text(
            _chain_texts(debate).reindex(sources["source_id"].astype(str)).fillna("")
        ),
    }
    gather = pa.array(source_at, pa.int64())
    out = {
        name: _ranked_join(pc.take(texts[name](), gather), rows, len(wanted)).to_pandas()
        for name in SOURCE_COLUMNS
        if name in columns
    }
    return pd.DataFrame({name: column.array for name, column in out.items()}, index=wanted)


def _mapped(ids: pd.Series, table: pd.DataFrame, key: str, value: str) -> pd.Series:
    """`ids.astype(str).map(table.set_index(key)[value])`, found by Arrow's hash lookup when every id is in the
    table once (the validated case); pandas' `map` otherwise."""
    looked_up = table.set_index(key)[value]
    if looked_up.index.is_unique:
        at = positions_in(ids, table[key])
        if at.size == 0 or at.min() >= 0:
            return pd.Series(looked_up.array.take(at), index=ids.index, name=ids.name)
    return ids.astype(str).map(looked_up)


# The export's columns and what each holds: the one place the export schema is written down (the README beside a
# CSV download, `stances export --format readme` and the docs' test read it from here).
TABLE_COLUMN_MEANINGS: dict[str, str] = {
    "statement_id": "the statement's id, stable across versions of the dataset (a renamed statement lists its old ids "
    "in the debate's statements.csv, column replaces)",
    "date": "when the statement was made (YYYY-MM-DD)",
    "date_precision": "how precise the date is: day, month (the first of the month) or approximate",
    "actor_id": "the actor's id",
    "actor": "the actor's name",
    "question_id": "the question's id",
    "question": "the question's short label",
    "position": "the position on the question's own scale (an integer; the codebook defines each point)",
    "position_label": "the codebook's label of that point of the question's scale",
    "summary": "a neutral summary of the statement, in the curators' words",
    "quote": "the actor's own words, copied exactly (empty unless the evidence is the actor's own words)",
    "evidence": f"how we know: {', '.join(EVIDENCE_KINDS)}",
    "channel": "public or private",
    "confidence": "the curators' confidence in the coding: high, medium or low",
    "notes": "coding notes, including where sources disagree",
    "source_ids": "the ids of the sources the statement rests on, in publication order, separated by '; '",
    "source_outlets": "their outlets, in the same order, separated by '; '",
    "source_titles": "their titles, in the same order, separated by '; '",
    "source_dates": "their publication dates (YYYY-MM-DD), in the same order, separated by '; '; for one date per "
    "row, use the sources file (one row per statement and source)",
    "source_urls": "their links, in the same order, separated by '; ' (a source without a link is left out)",
    "reporting_chain": "for sources that report on another outlet's reporting: 'A, citing B', separated by '; '",
}
TABLE_COLUMNS = tuple(TABLE_COLUMN_MEANINGS)
# The long sources table of an export: one row per statement and source, each value in a column of its own.
SOURCE_ROW_MEANINGS: dict[str, str] = {
    "statement_id": "the statement (statement_id of the statements file)",
    "source_rank": "the source's place among the statement's sources: 1 for the first in publication order, 2 …",
    "source_id": "the source's id",
    "outlet": "the outlet that published it",
    "title": "its title",
    "published": "its publication date (YYYY-MM-DD)",
    "url": "its link (empty when it has none)",
    "locator": "where in the source the statement is found (e.g. para. 4)",
    "consulted": "true when the curators read the source itself, false when it is known through the reporting chain",
    "reporting_chain": "when the source reports on another outlet's reporting: 'A, citing B' (else empty)",
}
SOURCE_ROW_COLUMNS = tuple(SOURCE_ROW_MEANINGS)


def table_rows(debate: Debate, statements: pd.DataFrame) -> pd.DataFrame:
    """The statements joined with actor, question, position label and their original sources: the export table."""
    rows = pd.DataFrame(  # the export keeps each name as the data spells it
        {
            "statement_id": statements["statement_id"].astype(str),
            "date": statements["date"].dt.date,
            "date_precision": statements["date_precision"].astype(str),
            "actor_id": statements["actor_id"].astype(str),
            "actor": _mapped(statements["actor_id"], debate.actors, "actor_id", "name"),
            "question_id": statements["question_id"].astype(str),
            "question": _mapped(statements["question_id"], debate.questions, "question_id", "label"),
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
    if len(sources) == len(rows):  # unique ids: the sources' rows are the statements', in the same order
        rows = rows.assign(**{str(name): column.array for name, column in sources.items()})
    else:
        rows = rows.join(sources, on="statement_id")
    return rows[list(TABLE_COLUMNS)].reset_index(drop=True)


def statement_source_rows(debate: Debate, statements: pd.DataFrame) -> pd.DataFrame:
    """One row per statement and source it rests on (`SOURCE_ROW_COLUMNS`): statements in the given order, each
    one's sources in publication order (then by source id, as in `source_columns`), ranked from 1."""
    ids = pd.Index(pd.unique(statements["statement_id"].astype(str)))
    links = debate.statement_sources
    links = links[is_in(links["statement_id"], ids).to_numpy()]
    sources = debate.sources.drop_duplicates("source_id").set_index(debate.sources["source_id"].astype(str))
    cited = pd.Index(pd.unique(links["source_id"].astype(str)))
    known = cited[cited.isin(sources.index)]
    rows = pd.DataFrame(
        {
            "statement_id": links["statement_id"].astype(str).to_numpy(),
            "source_id": links["source_id"].astype(str).to_numpy(),
            "locator": links["locator"].fillna("").astype(str).to_numpy(),
        }
    )
    rows = rows[rows["source_id"].isin(known)]
    found = sources.loc[rows["source_id"]]
    rows = rows.assign(
        outlet=found["outlet"].astype(str).to_numpy(),
        title=found["title"].astype(str).to_numpy(),
        published=found["published"].dt.date.to_numpy(),
        url=found["url"].fillna("").astype(str).to_numpy(),
        consulted=found["consulted"].astype(bool).to_numpy(),
        reporting_chain=chain_outlets(debate.sources, known).reindex(rows["source_id"]).fillna("").to_numpy(),
        _order=ids.get_indexer(pd.Index(rows["statement_id"])),
        _published=found["published"].to_numpy(),
    )
    rows = rows.sort_values(["_order", "_published", "source_id"], kind="stable")
    rows["source_rank"] = rows.groupby("_order").cumcount().astype("int64") + 1
    return rows[list(SOURCE_ROW_COLUMNS)].reset_index(drop=True)


def source_table(debate: Debate) -> pd.DataFrame:
    """Every source with the outlet it reports on and how many statements rest on it."""
    sources = debate.sources
    row_of_link = positions_in(debate.statement_sources["source_id"], sources["source_id"])
    counts = np.bincount(row_of_link[row_of_link >= 0], minlength=len(sources))
    target = positions_in(sources["reports_on"], sources["source_id"])
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


def change_table(debate: Debate, changes: pd.DataFrame, paths: pd.DataFrame | None = None) -> pd.DataFrame:
    """The moves and new positions of `changes_between`, with names and labels, for people to read.

    With `paths` (`held_positions` over the same days), a "Path" column gives each position held on the way, with
    its date, and a position that moved and came back (the same on both days) is listed as "moved and back".
    """
    steps: dict[tuple[str, str], list[tuple[dt.date, int]]] = {}
    if paths is not None:
        for actor, question, day, position in paths[["actor_id", "question_id", "date", "position"]].itertuples(
            index=False, name=None
        ):
            steps.setdefault((str(actor), str(question)), []).append((day.date(), int(position)))
    pairs = list(zip(changes["actor_id"].astype(str), changes["question_id"].astype(str), strict=True))
    back = np.array([len(steps.get(pair, ())) > 1 for pair in pairs], dtype=bool)
    kind = changes["change"].astype(str).to_numpy()
    listed = (kind != "unchanged") | back
    moved = changes[listed]
    kind = np.where(kind == "unchanged", "moved and back", kind)[listed]
    names = actor_names(debate)
    labels = question_labels(debate)
    points = position_labels(debate)

    def label(question: pd.Series, position: pd.Series) -> list[str]:
        return [
            "" if pd.isna(p) else position_text(int(p), points.get((q, int(p)), ""))
            for q, p in zip(question, position, strict=True)
        ]

    table = {
        "Actor": moved["actor_id"].map(names).to_numpy(),
        "Question": moved["question_id"].map(labels).to_numpy(),
        "Before": label(moved["question_id"], moved["before"]),
        "After": label(moved["question_id"], moved["after"]),
        "Change": kind,
    }
    if paths is not None:
        table["Path"] = [path_text(steps.get(pair, ())) for pair, keep in zip(pairs, listed, strict=True) if keep]
    table["Said on"] = [day_text(day) for day in moved["date_after"].dt.date]
    return pd.DataFrame(table)


def grid_table(debate: Debate, snapshot: pd.DataFrame, actors: list[str], questions: list[str]) -> pd.DataFrame:
    """The grid's content as text: one row per actor, one column per question, "+1 Open to talks (9 Nov 2022)"."""
    names = actor_names(debate)
    labels = question_labels(debate)
    points = position_labels(debate)
    cells = {
        (actor, question): position_text(position, points.get((question, position), ""))
        + f" ({day_text(date)}){' *older*' if stale else ''}"
        for actor, question, position, date, stale in zip(
            snapshot["actor_id"].tolist(),
            snapshot["question_id"].tolist(),
            snapshot["position"].astype(int).tolist(),
            snapshot["date"].tolist(),
            snapshot["stale"].tolist(),
            strict=True,
        )
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
