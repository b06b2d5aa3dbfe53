"""The reporting chain (outlet A citing outlet B citing C): one function for the card, the tables, the exports and
the data package."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from stances.columns import positions_in

CITING = ", citing "


def _first_rows(sources: pd.DataFrame) -> pd.DataFrame:
    """`sources.drop_duplicates("source_id")`, without copying the table when no id repeats (the usual case)."""
    repeated = sources["source_id"].duplicated()
    return sources[~repeated.to_numpy()] if repeated.any() else sources


def _chain_hops(table: pd.DataFrame) -> list[np.ndarray]:
    """For the sources of `table` (unique ids), the row reached after each hop of `reports_on`, -1 past the chain's
    end: hop k is list item k - 1. A chain stops at a loop (a row already in it) or at a source not in the table."""
    target = positions_in(table["reports_on"].astype(str), table["source_id"].astype(str))  # -1: none or unknown
    start = np.arange(len(table))
    hops: list[np.ndarray] = []
    current, alive = start, np.ones(len(table), dtype=bool)
    while alive.any():
        step = np.where(alive, target[current], -1)
        looped = step == start
        for earlier in hops:
            looped |= step == earlier
        step = np.where(looped, -1, step)
        alive = step >= 0
        if not alive.any():
            break
        hops.append(step)
        current = np.where(alive, step, 0)
    return hops


def reporting_chains(sources: pd.DataFrame) -> pd.DataFrame:
    """Every source's chain: indexed by `source_id`, column k holds the source reached after k hops of `reports_on`
    ("" past the chain's end). A chain stops at a loop (a source already in it) or at a source not in the table.

    Built hop by hop over whole columns, so a debate of a few hundred thousand sources takes a few array passes.
    """
    table = _first_rows(sources)
    ids = table["source_id"].astype(str).to_numpy(dtype=object)
    columns = {k + 1: np.where(hop >= 0, ids[np.maximum(hop, 0)], "") for k, hop in enumerate(_chain_hops(table))}
    return pd.DataFrame(columns, index=pd.Index(ids, name="source_id"), dtype=object)


def _may_have_cycles(sources: pd.DataFrame) -> bool:
    """False when no reporting chain can come back to where it started: peeling off, round by round, every source
    no other source reports on leaves none (a source reporting on itself left out). Whole columns, no chains built."""
    table = _first_rows(sources)
    target = positions_in(table["reports_on"].astype(str), table["source_id"].astype(str))
    target[target == np.arange(len(target))] = -1
    linked = target >= 0
    pointed = np.bincount(target[linked], minlength=len(target))
    frontier = np.flatnonzero(pointed == 0)
    left = len(target)
    while frontier.size:
        left -= frontier.size
        reached = target[frontier]
        reached = reached[reached >= 0]
        np.subtract.at(pointed, reached, 1)
        frontier = np.unique(reached[pointed[reached] == 0])
    return left > 0


def reporting_cycles(sources: pd.DataFrame) -> list[list[str]]:
    """The reporting chains that come back to where they started (a reports on b, b on a): each cycle once, its
    sources in chain order from the one first in the table. A source reporting on itself is not a cycle here."""
    if not _may_have_cycles(sources):
        return []
    chains = reporting_chains(sources)
    if chains.empty or not len(chains.columns):
        return []
    ids = chains.index.to_numpy(dtype=object)
    reached = chains.to_numpy(dtype=object)
    hops = (reached != "").sum(axis=1)  # a chain's hops are its first columns
    last = np.where(hops > 0, reached[np.arange(len(ids)), np.maximum(hops - 1, 0)], "")
    reports_on = sources.drop_duplicates("source_id").set_index("source_id")["reports_on"].astype(str)
    back = reports_on.reindex(last).to_numpy(dtype=object) == ids  # the chain's next hop is where it started
    cycles, seen = [], set()
    for row in np.flatnonzero(back & (hops > 0)):
        if ids[row] not in seen:
            cycle = [str(ids[row]), *(str(s) for s in reached[row, : hops[row]])]
            seen.update(cycle)
            cycles.append(cycle)
    return cycles


def reporting_chain(sources: pd.DataFrame, source_id: str) -> list[str]:
    """The ids of the sources `source_id` reports on, nearest first; [] for an unknown source or none."""
    chains = reporting_chains(sources)
    if source_id not in chains.index:
        return []
    return [str(s) for s in chains.loc[source_id] if s]


def chain_outlets(sources: pd.DataFrame, source_ids: pd.Index | None = None) -> pd.Series:
    """Each source's "A, citing B, citing C" description (its outlet, then those it reports on, in chain order);
    "" for a source that reports on no other. Indexed by `source_id`: every source, or those of `source_ids`."""
    table = _first_rows(sources)
    ids = table["source_id"].astype(str).to_numpy(dtype=object)
    text = np.full(len(ids), "", dtype=object)
    hops = _chain_hops(table) if len(ids) else []
    if hops:
        citing = hops[0] >= 0  # only sources that report on another get a description
        outlets = table["outlet"].astype(str).to_numpy(dtype=object)
        joined = outlets[citing]
        for hop in hops:
            reached = hop[citing]
            joined = joined + np.where(reached >= 0, CITING + outlets[np.maximum(reached, 0)], "")
        text[citing] = joined
    described = pd.Series(text, index=pd.Index(ids, name="source_id"), dtype=object)
    return described if source_ids is None else described.reindex(source_ids.intersection(described.index))


def cites(outlets: Sequence[str]) -> str:
    """ "New Voice of Ukraine, citing The New York Times": a source's outlet followed by those it reports on."""
    return CITING.join(outlets)


def sources_with_chains(sources: pd.DataFrame, source_ids: Sequence[str] | pd.Index) -> pd.Index:
    """`source_ids` and every source their chains reach: what a self-contained package must keep."""
    wanted = pd.Index(pd.unique(pd.Series(source_ids, dtype=object).astype(str)))
    chains = reporting_chains(sources)
    reached = chains.reindex(wanted[chains.index.get_indexer(wanted) >= 0]).to_numpy(dtype=object).ravel()
    extra = pd.Index(pd.unique(reached[reached != ""])) if reached.size else pd.Index([])
    return wanted.append(extra.difference(wanted))
