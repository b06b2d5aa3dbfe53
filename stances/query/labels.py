"""The codebook label of each point of each question's scale (the points themselves: `stances.scales`)."""

from __future__ import annotations

import pandas as pd

from stances.model import Debate


def position_labels(debate: Debate) -> pd.Series:
    """Label of every scale point, indexed by (question_id, position)."""
    points = debate.scale_points
    return points.set_index(["question_id", "position"])["label"]


def label_positions(debate: Debate, statements: pd.DataFrame) -> pd.Series:
    """The codebook label of each statement's position on its own question's scale."""
    labels = position_labels(debate)
    keys = pd.MultiIndex.from_arrays([statements["question_id"].astype(str), statements["position"].astype("int64")])
    return pd.Series(labels.reindex(keys).to_numpy(), index=statements.index, dtype="object").fillna("")
