"""The codebook label of each point of each question's scale (the points themselves: `stances.scales`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from stances.columns import positions_in
from stances.model import Debate


def position_labels(debate: Debate) -> pd.Series:
    """Label of every scale point, indexed by (question_id, position)."""
    points = debate.scale_points
    return points.set_index(["question_id", "position"])["label"]


def label_positions(debate: Debate, statements: pd.DataFrame) -> pd.Series:
    """The codebook label of each statement's position on its own question's scale."""
    labels = position_labels(debate)
    if not labels.index.is_unique:  # reindex below then says why
        question, position = statements["question_id"].astype(str), statements["position"].astype("int64")
        keys = pd.MultiIndex.from_arrays([question, position])
        return pd.Series(labels.reindex(keys).to_numpy(), index=statements.index, dtype="object").fillna("")
    # (question, position) as one integer per point and per statement: a lookup of numbers, not of string pairs
    points = debate.scale_points
    questions = pd.Series(pd.unique(points["question_id"].astype(str)))
    point_keys = _keys(positions_in(points["question_id"].astype(str), questions), points["position"])
    asked = positions_in(statements["question_id"].astype(str), questions)
    at = pd.Index(point_keys).get_indexer(_keys(asked, statements["position"]))
    at[asked < 0] = -1
    found = labels.to_numpy(dtype=object)[np.maximum(at, 0)] if len(labels) else np.full(len(at), np.nan, object)
    return pd.Series(np.where(at >= 0, found, np.nan), index=statements.index, dtype="object").fillna("")


def _keys(question: np.ndarray, position: pd.Series) -> np.ndarray:
    return (question.astype(np.int64) << 32) + (position.to_numpy(dtype=np.int64) + 2**31)
