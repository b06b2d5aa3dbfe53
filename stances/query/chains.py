"""The reporting chain (outlet A citing outlet B citing C): one function for the card, the tables, the exports and
the data package."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

CITING = ", citing "


def reporting_chains(sources: pd.DataFrame) -> pd.DataFrame:
    """Every source's chain: indexed by `source_id`, column k holds the source reached after k hops of `reports_on`
    ("" past the chain's end). A chain stops at a loop (a source already in it) or at a source not in the table.

    Built hop by hop over whole columns, so a debate of a few hundred thousand sources takes a few array passes.
    """
    table = sources.drop_duplicates("source_id")
    ids = table["source_id"].astype(str).to_numpy(dtype=object)
    index = pd.Index(ids)
    target = index.get_indexer(table["reports_on"].astype(str).to_numpy(dtype=object))  # -1: none or unknown
    start = np.arange(len(ids))
    hops: list[np.ndarray] = []
    current, alive = start, np.ones(len(ids), dtype=bool)
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
    columns = {k + 1: np.where(hop >= 0, ids[np.maximum(hop, 0)], "") for k, hop in enumerate(hops)}
    return pd.DataFrame(columns, index=pd.Index(ids, name="source_id"), dtype=object)


def reporting_cycles(sources: pd.DataFrame) -> list[list[str]]:
    """The reporting chains that come back to where they started (a reports on b, b on a): each cycle once, its
    sources in chain order from the one first in the table. A source reporting on itself is not a cycle here."""
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
    chains = reporting_chains(sources)
    if source_ids is not None:
        chains = chains.reindex(source_ids.intersection(chains.index))
    text = pd.Series("", index=chains.index, dtype=object)
    if chains.empty:
        return text
    citing = chains[chains.columns[0]].to_numpy() != "" if len(chains.columns) else np.zeros(len(chains), bool)
    chained = chains[citing]  # only sources that report on another get a description
    outlet_of = sources.drop_duplicates("source_id").set_index("source_id")["outlet"].astype(str)
    parts = [outlet_of.reindex(chained.index).fillna("").to_numpy(dtype=object)]
    for hop in chained.columns:
        ids = chained[hop].to_numpy(dtype=object)
        outlets = outlet_of.reindex(ids).fillna("").to_numpy(dtype=object)
        parts.append(np.where(ids != "", CITING + outlets, ""))
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + part
    text[citing] = joined
    return text


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
