"""Each question's own scale: its points, and where a position sits on it.

A question has 2 to 11 points (−1/+1, −1/0/+1, −2 … +2, 0 … 10). Raw numbers do not compare across scales (7 on
0 … 10 is not 7 on −2 … +2), so colours, legends and cross-question summaries use a position's *leaning*: its place on
its own question's scale, from −1 at the lowest point (most against) to +1 at the highest (most for), 0 midway. On
the five-point −2 … +2 scale the leaning is position / 2, so everything drawn for such a debate is as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from stances.vocab import POSITIONS

# The five colour classes of the palette (most against, against, middle, for, most for), named as the classes of
# the five-point scale so that a −2 … +2 debate keeps its colours and names.
CLASSES: tuple[int, ...] = POSITIONS
FIVE_POINTS: tuple[int, ...] = CLASSES
CLASS_NAMES: dict[int, str] = {
    -2: "most against",
    -1: "against",
    0: "middle of the scale",
    1: "for",
    2: "most for",
}


def scales(scale_points: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    """Each question's points, in ascending order, from `scale_points` (question_id, position)."""
    if scale_points.empty:
        return {}
    positions = scale_points["position"].astype("int64")
    return {
        str(q): tuple(sorted(set(p.tolist())))
        for q, p in positions.groupby(scale_points["question_id"].astype(str), sort=False)
    }


def all_five_point(scale_points: pd.DataFrame) -> bool:
    """Every question uses the five points −2 … +2 (the bundled debate's scales)."""
    return all(points == FIVE_POINTS for points in scales(scale_points).values())


def leaning(question_ids: pd.Series, positions: pd.Series, scale_points: pd.DataFrame) -> pd.Series:
    """Each position's place on its own question's scale, from −1 (lowest point) to +1 (highest); NaN for a question
    without a scale. One point alone (an invalid scale) leans 0."""
    bounds = pd.DataFrame(
        {"q": scale_points["question_id"].astype(str), "p": scale_points["position"].astype("float64")}
    ).groupby("q")["p"]
    low = question_ids.astype(str).map(bounds.min())
    high = question_ids.astype(str).map(bounds.max())
    span = (high - low).to_numpy(dtype=float)
    value = positions.astype("float64").to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(span > 0, (value - low.to_numpy(dtype=float)) / span, 0.5)
    share = np.where(np.isnan(low.to_numpy(dtype=float)), np.nan, share)
    return pd.Series(np.clip(share, 0.0, 1.0) * 2 - 1, index=question_ids.index)


def colour_class(leanings: pd.Series | np.ndarray) -> np.ndarray:
    """The palette class (−2 … +2) of each leaning: the nearest of five even steps; 0 where the leaning is unknown."""
    values = np.asarray(leanings, dtype=float)
    classes = np.rint(np.nan_to_num(values, nan=0.0) * 2).astype(int)
    return np.clip(classes, -2, 2)


def position_class(question_id: str, position: int, scale: dict[str, tuple[int, ...]]) -> int:
    """`colour_class` of one position on its question's scale (`scales(...)`); 0 for an unknown question."""
    return point_class(position, scale.get(question_id, ()))


def point_class(position: int, points: Sequence[int]) -> int:
    """The colour class (−2 … +2) of `position` on a scale of `points`; 0 for no scale or a one-point one."""
    if not points or max(points) == min(points):
        return 0
    share = (int(position) - min(points)) / (max(points) - min(points))
    return int(np.clip(np.rint((min(max(share, 0.0), 1.0) * 2 - 1) * 2), -2, 2))
