"""Which actors and questions a view shows when a debate has more than fit: the busiest first, a page at a time.

A grid of 2,000 actors × 3,000 questions cannot be read (or sent to a browser) at once. The views order the
actors and questions that appear by how many statements they have (ties in dataset order), and show one window
of that order; a search narrows the order to the names that contain it. Small debates keep their dataset order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd


def by_activity(ids: pd.Series, order: Sequence[str]) -> list[str]:
    """The distinct values of `ids` (statements' actor or question ids), most frequent first, ties in `order`."""
    counts = ids.astype(str).value_counts(sort=False)
    rank = pd.Series(range(len(order)), index=pd.Index(list(order), dtype=object))
    frame = pd.DataFrame({"count": counts.to_numpy()}, index=counts.index.astype(object))
    frame["rank"] = rank.reindex(frame.index).fillna(len(order)).to_numpy()
    frame = frame.sort_values(["count", "rank"], ascending=[False, True], kind="stable")
    return [str(i) for i in frame.index]


def in_dataset_order(present: Sequence[str], order: Sequence[str]) -> list[str]:
    """The ids of `present`, in `order`."""
    wanted = set(present)
    return [i for i in order if i in wanted]


@dataclass(frozen=True, kw_only=True)
class Window:
    """One page of an ordered list of ids: which ids it holds, where it starts, and how many there are in all."""

    ids: list[str]
    first: int  # 1-based position of the first id shown; 0 when nothing is shown
    matching: int  # how many ids the search leaves
    total: int  # how many ids there are without the search
    page: int  # 1-based
    pages: int
    busiest_first: bool  # the order is by activity (more ids than one page), not the dataset's

    @property
    def last(self) -> int:
        return self.first + len(self.ids) - 1 if self.ids else 0

    @property
    def complete(self) -> bool:
        return len(self.ids) == self.total

    def describe(self, noun: str) -> str:
        """ "actors 1–40 of 1,000, busiest first", "all 12 questions", "3 of 1,000 actors matching the search"."""
        if self.complete:
            return f"all {self.total:,} {noun}"
        if self.matching == 0:
            return f"no {noun} match the search"
        scope = (
            f"{self.matching:,} matching the search of {self.total:,}"
            if self.matching < self.total
            else (f"{self.total:,}")
        )
        order = ", busiest first" if self.busiest_first else ""
        return f"{noun} {self.first:,}–{self.last:,} of {scope}{order}"


def window(
    ordered: Sequence[str], *, size: int, page: int = 1, needle: str = "", names: pd.Series | None = None
) -> Window:
    """Page `page` (clamped to the pages there are) of `size` ids from `ordered`, after keeping only the ids whose
    display name (from `names`, indexed by id) contains `needle`, in any case."""
    total = len(ordered)
    matches = list(ordered)
    text = needle.strip().casefold()
    if text and names is not None:
        shown = names.reindex(matches).fillna("").astype(str).str.casefold()
        matches = [i for i, hit in zip(matches, shown.str.contains(text, regex=False), strict=True) if hit]
    pages = max(1, math.ceil(len(matches) / size))
    page = min(max(1, int(page)), pages)
    start = (page - 1) * size
    ids = matches[start : start + size]
    return Window(
        ids=ids,
        first=start + 1 if ids else 0,
        matching=len(matches),
        total=total,
        page=page,
        pages=pages,
        busiest_first=total > size,
    )


def view_order(ids: pd.Series, order: Sequence[str], size: int) -> list[str]:
    """The distinct ids of `ids` as a view lists them: in `order` when they fit in one page of `size`, else the
    busiest first."""
    present = pd.unique(ids.astype(str))
    if len(present) <= size:
        return in_dataset_order(list(present), order)
    return by_activity(ids, order)
