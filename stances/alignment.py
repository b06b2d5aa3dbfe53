"""Who stands with whom: agreement between actors over a window, camps, polarisation, and what divides or unites.

Everything here is a pure function of a statements table (already filtered, e.g. to the actors' own words) and
the debate's `scale_points`. The measures, in plain words (the README and the codebook say the same):

- **agreement** (the default): over the questions both actors have a position on in the window, the mean of
  `1 − |a − b| / (max − min of that question's scale points)`; 1 = same positions everywhere, 0 = opposite ends.
- **congruence** / **conflict** (as in discourse network analysis): how many shared questions the two actors are on
  the same side of (both above, or both below, the middle of the question's scale) / on opposite sides of. A
  position at the middle of the scale counts in neither.
- **jaccard**: congruence divided by the number of questions either actor has a position on, so a pair that agrees
  on one question of the five they speak to scores 0.2, not 1.

Each actor's position on a question is their latest one dated inside the window, by the grid's rule for ties
(`query.as_of`). Camps are average-linkage (UPGMA) clusters on the distance `1 − agreement` (a pair with no shared
question counts as halfway, 0.5: nothing is known to bind or to divide them).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse
from scipy.cluster import hierarchy

from stances import query
from stances.query.asof import recency_score


class Measure(StrEnum):
    """How the agreement of two actors is counted."""

    AGREEMENT = "agreement"
    CONGRUENCE = "congruence"
    CONFLICT = "conflict"
    JACCARD = "jaccard"


MEASURE_LABELS: dict[str, str] = {
    Measure.AGREEMENT: "Agreement (0 to 1)",
    Measure.CONGRUENCE: "Congruence (questions on the same side)",
    Measure.CONFLICT: "Conflict (questions on opposite sides)",
    Measure.JACCARD: "Jaccard (same side ÷ questions either speaks to)",
}
MEASURE_MEANINGS: dict[str, str] = {
    Measure.AGREEMENT: "Mean over the shared questions of 1 − |a − b| ÷ (the question's scale range): 1 = the same "
    "positions, 0 = opposite ends of every scale.",
    Measure.CONGRUENCE: "How many shared questions both actors are on the same side of the scale's middle.",
    Measure.CONFLICT: "How many shared questions the two actors are on opposite sides of the scale's middle.",
    Measure.JACCARD: "Congruence ÷ the number of questions either actor has a position on.",
}
# The columns each measure adds to the edge list, after actor_a, actor_b, shared_questions, agreement.
MEASURE_COLUMNS: dict[str, tuple[str, ...]] = {
    Measure.AGREEMENT: (),
    Measure.CONGRUENCE: ("congruence", "conflict"),
    Measure.CONFLICT: ("congruence", "conflict"),
    Measure.JACCARD: ("congruence", "either_questions", "jaccard"),
}
EDGE_COLUMNS = ("actor_a", "actor_b", "shared_questions", "agreement")
UNKNOWN_AGREEMENT = 0.5  # what the clustering takes for a pair sharing no question
CLUSTER_METHOD = "average"  # UPGMA: the distance between two groups is the mean distance of their members' pairs
# Below this share of actor x question cells held, the products run on sparse matrices: a month's window of a debate
# with 1,000 actors holds ~1% of its cells, where dense products cost 0.3 s a window and sparse ones a few ms.
SPARSE_BELOW = 0.05


@dataclass(frozen=True, kw_only=True, eq=False)
class Alignment:
    """The alignment of the actors of one window.

    `actors` are the actors with at least one position in the window, in the order of the clustering tree (camps sit
    together); `pairs` has one row per unordered pair with at least one shared question (actor_a before actor_b in
    the dataset's order); `matrix` and `shared` are actors x actors, in `actors` order (NaN / 0 where none).
    """

    start: dt.date | None
    end: dt.date | None
    positions: pd.DataFrame
    actors: list[str]
    pairs: pd.DataFrame
    matrix: np.ndarray
    shared: np.ndarray
    tree: np.ndarray | None  # scipy linkage of `actors`, None for fewer than two


def window_positions(statements: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """Each actor's latest position on each question among the statements dated in [start, end] (the grid's tie
    rule: stronger evidence, then the smaller statement id)."""
    mask = np.ones(len(statements), dtype=bool)
    if start is not None:
        mask &= (statements["date"] >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        mask &= (statements["date"] <= pd.Timestamp(end)).to_numpy()
    inside = statements[mask]
    day = pd.Timestamp(end) if end is not None else (inside["date"].max() if len(inside) else pd.Timestamp(0))
    return query.as_of(inside, day)


class _Windows:
    """The latest positions of many windows of one statements table by `window_positions`' rule, from integer keys
    worked out once (a moving alignment asks for up to 60 windows; pandas' grouping by two text columns cost ~20 ms
    a window on the 1,000-actor debate, this a fraction of a millisecond)."""

    def __init__(self, statements: pd.DataFrame) -> None:
        self.statements = statements
        self.days = statements["date"].to_numpy().astype("datetime64[D]").astype("int64")
        actors, self.actor = np.unique(statements["actor_id"].astype(str).to_numpy(dtype=object), return_inverse=True)
        questions, question = np.unique(
            statements["question_id"].astype(str).to_numpy(dtype=object), return_inverse=True
        )
        self.actors, self.questions = actors, questions
        # Sorting by key is sorting by actor id, then question id (the codes follow the texts' order), as as_of does.
        self.key = self.actor.reshape(-1) * len(questions) + question.reshape(-1)
        self.score = recency_score(statements)  # as_of's own rule
        # Each statement id's place in text order (Arrow sorts the ids in C++; NumPy compares Python strings).
        by_id = pc.sort_indices(pa.array(statements["statement_id"].astype(str).to_numpy(dtype=object), pa.string()))
        self.tie = np.empty(len(statements), dtype="int64")
        self.tie[by_id.to_numpy()] = np.arange(len(statements))

    def positions(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """`actor_id`, `question_id` and `position` of each actor's latest position on each question in [start, end]."""
        low, high = (np.datetime64(day, "D").astype("int64") for day in (start, end))
        inside = np.flatnonzero((self.days >= low) & (self.days <= high))
        key = self.key[inside]
        order = np.lexsort((self.tie[inside], -self.score[inside], key))
        first = np.ones(len(order), dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        rows = inside[order[first]]
        return pd.DataFrame(
            {
                "actor_id": self.actors[self.actor.reshape(-1)[rows]].astype(str),
                "question_id": self.questions[(self.key[rows] % len(self.questions))].astype(str),
                "position": self.statements["position"].to_numpy()[rows],
            }
        )


def scale_ranges(scale_points: pd.DataFrame) -> pd.DataFrame:
    """Each question's lowest and highest scale point and their range, indexed by question_id."""
    points = scale_points.assign(question_id=scale_points["question_id"].astype(str))
    grouped = points.groupby("question_id", sort=False)["position"]
    out = pd.DataFrame({"low": grouped.min().astype("int64"), "high": grouped.max().astype("int64")})
    return out.assign(range=out["high"] - out["low"])


@dataclass(frozen=True, eq=False)
class _Scale:
    """What the measures need of `scale_points`, worked out once for all the windows of a moving alignment."""

    ranges: pd.DataFrame  # low, high, range per question_id
    levels: dict[str, np.ndarray]  # each question's scale points, ascending

    @classmethod
    def of(cls, scale_points: pd.DataFrame) -> _Scale:
        points = scale_points.assign(question_id=scale_points["question_id"].astype(str))
        levels = {str(q): np.unique(p.to_numpy(dtype="int64")) for q, p in points.groupby("question_id")["position"]}
        return cls(ranges=scale_ranges(scale_points), levels=levels)


def _order(ids: Sequence[str], preferred: Sequence[str] | None) -> list[str]:
    present = set(ids)
    ordered = [a for a in (preferred or ()) if a in present]
    rest = sorted(present - set(ordered))
    return ordered + rest


def _indicators(positions: pd.DataFrame, scale: _Scale, actors: list[str]) -> dict[str, np.ndarray]:
    """Actor x column 0/1 matrices the measures are sums of products of.

    `has` (actor x question): holds a position. `above`/`below` (actor x question): on that side of the middle.
    `steps` (actor x step, one step between each pair of neighbouring points of each question): the position is
    above that step; `weights` is each step's length over its question's range. |a − b| ÷ range is then the weighted
    count of steps lying between a and b, which turns the sum over questions into matrix products.
    """
    ranges = scale.ranges
    # Plain object arrays: hashing Arrow-backed strings element by element is several times slower.
    actor_ids = positions["actor_id"].to_numpy(dtype=object)
    question_ids = positions["question_id"].to_numpy(dtype=object)
    held = set(question_ids)
    questions = [q for q in ranges.index if q in held]
    row = pd.Index(actors, dtype=object).get_indexer(pd.Index(actor_ids, dtype=object))
    col = pd.Index(questions, dtype=object).get_indexer(pd.Index(question_ids, dtype=object))
    keep = (row >= 0) & (col >= 0)
    row, col = row[keep], col[keep]
    value = positions["position"].to_numpy(dtype="float64")[keep]
    n, m = len(actors), len(questions)
    has = np.zeros((n, m))
    has[row, col] = 1.0
    middle = ((ranges["low"] + ranges["high"]) / 2).reindex(questions).to_numpy(dtype="float64")
    above = np.zeros((n, m))
    below = np.zeros((n, m))
    above[row, col] = value > middle[col]
    below[row, col] = value < middle[col]
    step_columns, step_question, weights = [], [], []
    for j, q in enumerate(questions):
        levels = scale.levels[q]
        span = float(levels[-1] - levels[0])
        at = col == j
        for lower, upper in itertools.pairwise(levels):
            column = np.zeros(n)
            column[row[at]] = value[at] > lower
            step_columns.append(column)
            step_question.append(j)
            weights.append((upper - lower) / span)
    steps = np.column_stack(step_columns) if step_columns else np.zeros((n, 0))
    return {
        "has": has,
        "above": above,
        "below": below,
        "steps": steps,
        "step_has": has[:, step_question],
        "weights": np.asarray(weights, dtype="float64"),
    }


def _products(ind: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Actor x actor `shared`, `distance`, `congruence` and `conflict`: sums over questions (or steps) of products
    of the indicators. Dense in float32 where the actors hold many cells (here 50x faster than float64 on a loaded
    machine: counts stay exact, and the weighted distances, sums of a few step lengths, keep about 7 significant
    digits, rounded to 6 by the caller); sparse in float64 where they hold few (`SPARSE_BELOW`)."""
    held = ind["has"]
    if held.size and held.mean() < SPARSE_BELOW:
        has, above, below, steps, step_has = (
            sparse.csr_array(ind[k]) for k in ("has", "above", "below", "steps", "step_has")
        )
        weighted = sparse.csr_array(ind["steps"] * ind["weights"])
    else:
        has, above, below, steps, step_has = (
            ind[k].astype(np.float32) for k in ("has", "above", "below", "steps", "step_has")
        )
        weighted = steps * ind["weights"].astype(np.float32)

    def dense(product: object) -> np.ndarray:
        out = product.toarray() if sparse.issparse(product) else product  # type: ignore[attr-defined]
        return np.asarray(out, dtype=np.float64)

    shared = dense(has @ has.T)
    # Σ over steps of w · [exactly one of a, b is above the step], counted only where both hold a position.
    distance = dense(weighted @ step_has.T + step_has @ weighted.T - 2 * (weighted @ steps.T))
    congruence = dense(above @ above.T + below @ below.T)
    conflict = dense(above @ below.T + below @ above.T)
    return shared, distance, congruence, conflict


def _measures(ind: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    shared, distance, congruence, conflict = _products(ind)
    counts = ind["has"].sum(axis=1)
    either = counts[:, None] + counts[None, :] - shared
    with np.errstate(invalid="ignore", divide="ignore"):
        agreement = np.where(shared > 0, 1 - distance / shared, np.nan)
        jaccard = np.where(either > 0, congruence / either, np.nan)
    return {
        "shared": shared,
        "agreement": agreement,
        "congruence": congruence,
        "conflict": conflict,
        "either": either,
        "jaccard": jaccard,
    }


def alignment(
    statements: pd.DataFrame,
    scale_points: pd.DataFrame,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    actor_order: Sequence[str] | None = None,
) -> Alignment:
    """Every pair of actors' agreement over the window [start, end] (open ends: all statements)."""
    positions = window_positions(statements, start, end)
    return _alignment(positions, _Scale.of(scale_points), start=start, end=end, actor_order=actor_order)


def _alignment(
    positions: pd.DataFrame,
    scale: _Scale,
    *,
    start: dt.date | None,
    end: dt.date | None,
    actor_order: Sequence[str] | None,
) -> Alignment:
    order = _order(pd.unique(positions["actor_id"].to_numpy(dtype=object)).tolist(), actor_order)
    values = _measures(_indicators(positions, scale, order))
    shared = values["shared"]
    a, b = np.triu_indices(len(order), k=1)
    keep = shared[a, b] > 0
    a, b = a[keep], b[keep]
    # Ids as categoricals over the actors: half a million pairs cost no string copies.
    pairs = pd.DataFrame(
        {
            "actor_a": pd.Categorical.from_codes(a, categories=pd.Index(order)),
            "actor_b": pd.Categorical.from_codes(b, categories=pd.Index(order)),
            "shared_questions": shared[a, b].round().astype("int64"),
            "agreement": np.clip(values["agreement"][a, b], 0.0, 1.0).round(6),
            "congruence": values["congruence"][a, b].round().astype("int64"),
            "conflict": values["conflict"][a, b].round().astype("int64"),
            "either_questions": values["either"][a, b].round().astype("int64"),
            "jaccard": values["jaccard"][a, b].round(6),
        }
    )
    agreement = np.clip(values["agreement"], 0.0, 1.0)
    np.fill_diagonal(agreement, np.where(np.diag(shared) > 0, 1.0, np.nan))
    tree, leaves = _cluster(agreement)
    return Alignment(
        start=start,
        end=end,
        positions=positions,
        actors=[order[i] for i in leaves],
        pairs=pairs,
        matrix=agreement[np.ix_(leaves, leaves)],
        shared=shared[np.ix_(leaves, leaves)].round().astype("int64"),
        tree=tree,
    )


def _cluster(agreement: np.ndarray) -> tuple[np.ndarray | None, list[int]]:
    """Average-linkage tree on 1 − agreement and its leaf order. A pair with no shared question counts as halfway
    (0.5): as distance 1 it would split actors who merely spoke to different questions into "camps"."""
    n = len(agreement)
    if n < 2:
        return None, list(range(n))
    distance = 1 - np.nan_to_num(agreement, nan=UNKNOWN_AGREEMENT)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    tree = hierarchy.linkage(hierarchy.distance.squareform(distance, checks=False), method=CLUSTER_METHOD)
    return tree, hierarchy.leaves_list(tree).tolist()


def camps(result: Alignment, threshold: float) -> pd.Series:
    """Camp number (1, 2, …, biggest camp first) of each actor: cut the tree where the mean agreement between two
    groups falls below `threshold`. Indexed by actor_id, in `result.actors` order."""
    if result.tree is None:
        return pd.Series(np.ones(len(result.actors), dtype="int64"), index=pd.Index(result.actors, name="actor_id"))
    labels = hierarchy.fcluster(result.tree, t=1 - threshold + 1e-9, criterion="distance")
    return _numbered(result, labels)


def two_camps(result: Alignment) -> pd.Series:
    """The two main camps: the tree cut into two groups (camp 1 the bigger). Indexed by actor_id."""
    if result.tree is None:
        return pd.Series(np.ones(len(result.actors), dtype="int64"), index=pd.Index(result.actors, name="actor_id"))
    return _numbered(result, hierarchy.fcluster(result.tree, t=2, criterion="maxclust"))


def _numbered(result: Alignment, labels: np.ndarray) -> pd.Series:
    """Cluster labels (in the tree's input order) renumbered 1.. by size, then by first appearance in leaf order."""
    by_actor = pd.Series(labels, index=_input_order(result))
    in_leaf_order = by_actor.reindex(result.actors)
    sizes = in_leaf_order.value_counts()
    first = {label: i for i, label in reversed(list(enumerate(in_leaf_order)))}
    ranked = sorted(sizes.index, key=lambda label: (-sizes[label], first[label]))
    number = {label: i + 1 for i, label in enumerate(ranked)}
    return pd.Series(
        [number[label] for label in in_leaf_order], index=pd.Index(result.actors, name="actor_id"), dtype="int64"
    )


def _input_order(result: Alignment) -> list[str]:
    """The actors in the order the tree was built on (`result.actors` is its leaf order)."""
    assert result.tree is not None
    leaves = hierarchy.leaves_list(result.tree)
    order = [""] * len(leaves)
    for position, leaf in enumerate(leaves):
        order[leaf] = result.actors[position]
    return order


def polarisation(result: Alignment) -> float:
    """Mean agreement of the pairs inside the two main camps minus that of the pairs across them (pairs with a
    shared question only): 0 = no camp structure, 1 = two camps each fully agreed and fully opposed to the other.
    NaN when there are no pairs inside or none across."""
    groups = two_camps(result)
    pairs = result.pairs
    if pairs.empty or groups.nunique() < 2:
        return float("nan")
    same = _camp_of(pairs["actor_a"], groups) == _camp_of(pairs["actor_b"], groups)
    inside, across = pairs["agreement"][same], pairs["agreement"][~same]
    if inside.empty or across.empty:
        return float("nan")
    return float(round(inside.mean() - across.mean(), 6))


def _camp_of(ids: pd.Series, groups: pd.Series) -> np.ndarray:
    """The camp of each id in `ids` (a categorical column of `pairs`, or plain ids)."""
    if isinstance(ids.dtype, pd.CategoricalDtype):
        per_category = groups.reindex(ids.cat.categories).to_numpy()
        return per_category[ids.cat.codes.to_numpy()]
    return ids.map(groups).to_numpy()


def question_spread(positions: pd.DataFrame, scale_points: pd.DataFrame) -> pd.DataFrame:
    """What divides and what unites: per question, how far apart the actors' positions are in the window.

    `spread` is the mean over pairs of actors of |a − b| ÷ the question's scale range (0 = all in one place,
    1 = half at each end), i.e. 1 − their mean agreement on that question. Also `actors` (how many hold a
    position), `lowest`/`highest` position and `std` in scale points. Most divisive first; questions held by
    fewer than two actors have no spread and come last.
    """
    return _spread(positions, scale_ranges(scale_points))


def _spread(positions: pd.DataFrame, ranges: pd.DataFrame) -> pd.DataFrame:
    # Whole columns in NumPy: a moving alignment asks this once per window (pandas' grouped aggregations cost
    # ~10 ms a call on a few hundred positions, more than the window's matrix products).
    questions, codes = np.unique(positions["question_id"].astype(str).to_numpy(dtype=object), return_inverse=True)
    codes = codes.reshape(-1)
    value = positions["position"].to_numpy(dtype="float64")
    order = np.lexsort((value, codes))
    codes, value = codes[order], value[order]
    k = len(questions)
    count = np.bincount(codes, minlength=k)
    first = np.concatenate(([0], np.cumsum(count)[:-1])).astype("int64")
    rank = np.arange(len(codes)) - first[codes]
    n = count[codes]
    # For sorted values, Σ_{i<j} (x_j − x_i) = Σ_j x_j (2j − n + 1).
    total = np.bincount(codes, weights=value * (2 * rank - n + 1), minlength=k)
    mean = np.bincount(codes, weights=value, minlength=k) / np.maximum(count, 1)
    squares = np.bincount(codes, weights=(value - mean[codes]) ** 2, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        std = np.where(count > 1, np.sqrt(squares / (count - 1)), 0.0)
        pair_count = count * (count - 1) / 2
        span = ranges["range"].reindex(pd.Index(questions, dtype=object)).replace(0, np.nan).to_numpy(dtype="float64")
        spread = total / pair_count / span
    has_pairs = pair_count > 0
    spread = np.where(has_pairs, np.round(np.nan_to_num(spread, nan=0.0), 6), np.nan)
    lows = np.minimum.reduceat(value, first) if len(value) else np.zeros(0)
    highs = np.maximum.reduceat(value, first) if len(value) else np.zeros(0)
    out = pd.DataFrame(
        {
            "question_id": pd.Index(questions).astype(str),
            "actors": count.astype("int64"),
            "lowest": lows.astype("int64"),
            "highest": highs.astype("int64"),
            "std": np.round(std, 6),
            "spread": spread,
        }
    )
    return out.sort_values(["spread", "actors", "question_id"], ascending=[False, False, True], na_position="last")[
        list(out.columns)
    ].reset_index(drop=True)


def pair_questions(result: Alignment, scale_points: pd.DataFrame, actor_a: str, actor_b: str) -> pd.DataFrame:
    """The statements behind one pair: per shared question, each actor's position and statement, and the agreement
    on that question. Empty when the two share no question."""
    positions = result.positions
    columns = ["question_id", "position", "statement_id", "date", "evidence"]
    mine = positions.loc[(positions["actor_id"].astype(str) == actor_a).to_numpy(), columns]
    theirs = positions.loc[(positions["actor_id"].astype(str) == actor_b).to_numpy(), columns]
    both = mine.assign(question_id=mine["question_id"].astype(str)).merge(
        theirs.assign(question_id=theirs["question_id"].astype(str)), on="question_id", suffixes=("_a", "_b")
    )
    span = both["question_id"].map(scale_ranges(scale_points)["range"]).replace(0, np.nan)
    difference = (both["position_a"].astype("int64") - both["position_b"].astype("int64")).abs()
    return pd.DataFrame(
        {
            "question_id": both["question_id"],
            "position_a": both["position_a"].astype("int64"),
            "statement_a": both["statement_id_a"].astype(str),
            "date_a": both["date_a"],
            "position_b": both["position_b"].astype("int64"),
            "statement_b": both["statement_id_b"].astype(str),
            "date_b": both["date_b"],
            "agreement": (1 - difference / span).fillna(1.0).round(6),
        }
    )


def neighbours(result: Alignment, actor: str) -> pd.DataFrame:
    """Every actor sharing a question with `actor`: other, agreement, shared_questions; closest first (ties: more
    shared questions first, then id)."""
    pairs = result.pairs
    mine = pairs[(pairs["actor_a"] == actor) | (pairs["actor_b"] == actor)]
    other = np.where(mine["actor_a"] == actor, mine["actor_b"], mine["actor_a"])
    out = pd.DataFrame(
        {
            "other": other.astype(str),
            "agreement": mine["agreement"].to_numpy(),
            "shared_questions": mine["shared_questions"].to_numpy(),
        }
    )
    return out.sort_values(
        ["agreement", "shared_questions", "other"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def edge_list(result: Alignment, measure: Measure | str = Measure.AGREEMENT) -> pd.DataFrame:
    """The export's edge list: actor_a, actor_b, shared_questions, agreement, then the chosen measure's columns."""
    columns = [*EDGE_COLUMNS, *MEASURE_COLUMNS[Measure(measure)]]
    return result.pairs[columns].reset_index(drop=True)


def pair_value(pairs: pd.DataFrame, measure: Measure | str) -> pd.Series:
    """The chosen measure's value of each pair (agreement, congruence, conflict or jaccard)."""
    return pairs[Measure(measure).value]


WINDOW_COLUMNS = (
    "start",
    "end",
    "actors",
    "pairs",
    "mean_agreement",
    "polarisation",
    "smoothed",
    "camp_1",
    "camp_2",
    "divides",
    "unites",
)


MAX_WINDOWS = 60  # more moving windows than this: the step widens (each window is a whole alignment)


def bounded_step(first: dt.date, last: dt.date, *, step_days: int, max_windows: int = MAX_WINDOWS) -> int:
    """The step in days, widened when `step_days` would make more than `max_windows` windows over first..last."""
    span = (last - first).days + 1
    return max(step_days, -(-span // max_windows))


def windows(first: dt.date, last: dt.date, *, size_days: int, step_days: int) -> list[tuple[dt.date, dt.date]]:
    """Moving windows of `size_days` days every `step_days` days from `first`, until one reaches `last`."""
    if size_days < 1 or step_days < 1:
        raise ValueError("window size and step must be at least one day")
    out = []
    start = first
    while True:
        end = start + dt.timedelta(days=size_days - 1)
        out.append((start, min(end, last)))
        if end >= last:
            return out
        start += dt.timedelta(days=step_days)


def moving_alignment(
    statements: pd.DataFrame,
    scale_points: pd.DataFrame,
    *,
    size_days: int,
    step_days: int,
    smooth: int = 1,
    actor_order: Sequence[str] | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> pd.DataFrame:
    """The alignment in moving windows: one row per window with `start`, `end`, `actors`, `pairs`,
    `mean_agreement`, `polarisation`, `smoothed` (the centred mean of `smooth` windows' polarisation), the two main
    camps (`camp_1`, `camp_2`: actor ids joined by "; "), and the questions that `divides` and `unites` most."""
    if statements.empty:
        return pd.DataFrame(columns=list(WINDOW_COLUMNS))
    lo, hi = query.date_bounds(statements)
    scale = _Scale.of(scale_points)
    latest = _Windows(statements)
    rows = []
    for start, end in windows(first or lo, last or hi, size_days=size_days, step_days=step_days):
        positions = latest.positions(start, end)
        result = _alignment(positions, scale, start=start, end=end, actor_order=actor_order)
        groups = two_camps(result)
        spread = _spread(result.positions, scale.ranges).dropna(subset=["spread"])
        rows.append(
            {
                "start": start,
                "end": end,
                "actors": len(result.actors),
                "pairs": len(result.pairs),
                "mean_agreement": round(float(result.pairs["agreement"].mean()), 6) if len(result.pairs) else np.nan,
                "polarisation": polarisation(result),
                "camp_1": "; ".join(groups.index[groups.to_numpy() == 1]),
                "camp_2": "; ".join(groups.index[groups.to_numpy() == 2]),
                "divides": spread["question_id"].iloc[0] if len(spread) else "",
                "unites": spread["question_id"].iloc[-1] if len(spread) else "",
            }
        )
    out = pd.DataFrame(rows)
    smoothed = out["polarisation"].rolling(max(smooth, 1), center=True, min_periods=1).mean().round(6)
    out.insert(list(out.columns).index("polarisation") + 1, "smoothed", smoothed)
    return out
