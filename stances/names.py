"""How actors and questions are named on screen: their names and labels, made unique.

Views key by id; people read names. Two questions both labelled "General" or two actors both called "Jordan
Smith" are legal data, so every place that shows a name (axes, table columns, pickers, links, legends) uses these
display names, where a name shared by several rows carries its id: "General (econ-general)".
"""

from __future__ import annotations

import pandas as pd

from stances.model import Debate, per_debate


def unique_names(ids: pd.Series, names: pd.Series) -> pd.Series:
    """`names` indexed by `ids`, with every name that is not unique suffixed by its id until all are unique."""
    index = pd.Index(ids.astype(str), name=ids.name)
    shown = pd.Series(names.astype(str).str.strip().to_numpy(), index=index, dtype=object)
    shown = shown.where(shown != "", pd.Series(index, index=index, dtype=object))
    for _ in range(5):
        twins = shown.duplicated(keep=False).to_numpy()
        if not twins.any():
            return shown
        shown[twins] = shown[twins] + " (" + index[twins] + ")"
    # Only contrived data gets here (labels that spell another row's "label (id)"); ids are unique.
    return pd.Series(index, index=index, dtype=object)


def actor_names(debate: Debate) -> pd.Series:
    """Each actor's display name, indexed by actor_id, in dataset order (a copy: the caller may change it)."""
    return _actor_names(debate).copy()


def question_labels(debate: Debate) -> pd.Series:
    """Each question's display label, indexed by question_id, in display order (a copy: the caller may change it)."""
    return _question_labels(debate).copy()


@per_debate
def _actor_names(debate: Debate) -> pd.Series:
    return unique_names(debate.actors["actor_id"], debate.actors["name"])


@per_debate
def _question_labels(debate: Debate) -> pd.Series:
    return unique_names(debate.questions["question_id"], debate.questions["label"])
