import pandas as pd
import pytest

from stances.model import per_debate
from stances.names import actor_names, unique_names


@pytest.mark.parametrize(
    ("ids", "names", "expected"),
    [
        (["a", "b"], ["Alice", "Bob"], ["Alice", "Bob"]),
        (["a", "b", "c"], ["General", "General", "Other"], ["General (a)", "General (b)", "Other"]),
        (["x", "y"], ["Bundestag ", "Bundestag"], ["Bundestag (x)", "Bundestag (y)"]),
        (["a", "b"], ["", "Bob"], ["a", "Bob"]),
        (["a", "b", "c"], ["X (b)", "X", "X"], ["X (b) (a)", "X (b) (b)", "X (c)"]),
    ],
)
def test_unique_names_suffix_shared_names_with_their_id(ids, names, expected):
    shown = unique_names(pd.Series(ids), pd.Series(names))
    assert shown.to_dict() == dict(zip(ids, expected, strict=True))
    assert shown.is_unique


def test_per_debate_works_a_value_out_once_for_each_debate(tiny_debate):
    import dataclasses

    from stances.load import load_debate

    debate = load_debate(tiny_debate)
    other = dataclasses.replace(debate)
    calls = []

    @per_debate
    def count(d):
        calls.append(d)
        return len(d.statements)

    assert [count(debate), count(debate), count(other)] == [len(debate.statements)] * 3
    assert calls == [debate, other]


def test_actor_names_are_a_copy_the_caller_may_change(tiny_debate):
    from stances.load import load_debate

    debate = load_debate(tiny_debate)
    names = actor_names(debate)
    names.iloc[0] = "changed"
    assert actor_names(debate).iloc[0] != "changed"
