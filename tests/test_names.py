import pandas as pd
import pytest

from stances.names import unique_names


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
