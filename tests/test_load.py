"""Loading a debate folder into typed tables."""

from __future__ import annotations

import pandas as pd
import pytest

from stances import schema
from stances.load import check_debate, folder_signature, load_debate
from stances.problems import DebateError


def test_valid_debate_loads_with_types(tiny_debate):
    debate = load_debate(tiny_debate)
    statements = debate.statements
    assert pd.api.types.is_datetime64_any_dtype(statements["date"])
    assert statements["position"].dtype == "int8"
    assert list(statements["evidence"].cat.categories) == [
        "on-record",
        "official-document",
        "unnamed-officials",
        "paraphrase",
        "coded-span",
    ]
    assert statements["confidence"].cat.ordered
    assert debate.sources["consulted"].tolist() == [False, True, True]
    assert pd.api.types.is_datetime64_any_dtype(debate.sources["published"])
    assert debate.meta.title == "A tiny debate"
    assert debate.meta.version == "1.0.0"


def test_questions_come_in_display_order(tiny_debate):
    path = tiny_debate / "questions.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], lines[2], lines[1]]) + "\n")
    assert load_debate(tiny_debate).questions["question_id"].tolist() == ["talks-now", "us-press-kyiv"]


def test_invalid_debate_raises_with_every_problem(broken_debate):
    folder = broken_debate("statements", 0, actor_id="nobody", evidence="gossip")
    with pytest.raises(DebateError) as caught:
        load_debate(folder)
    assert [p.code for p in caught.value.problems] == ["unknown-actor", "not-in-enum"]


def test_signature_changes_when_a_file_changes(tiny_debate):
    before = folder_signature(tiny_debate)
    path = tiny_debate / "statements.csv"
    path.write_text(path.read_text() + "\n")
    assert folder_signature(tiny_debate) != before


def test_bundled_debate_loads():
    debate = load_debate()
    assert debate.meta.name == "ukraine-talks-2022"
    assert {"milley", "sullivan", "biden", "zelenskyy"} <= set(debate.actors["actor_id"])


@pytest.mark.parametrize(
    "text",
    [
        'a,b\n1,"x, ""quoted"""\n2,\n',
        'a,b\r\n1,"two\nlines"\r\n\r\n3,=SUM(A1)\r\n',
        "a,b\n1,2,3\n",  # too many cells: pandas' reader reports it
        "a,b\n1\n",  # too few cells
        "a,a\n1,2\n",  # duplicate header
        "a,\n1,2\n",  # blank header name
        "a,b\n   \n1,2\n",  # whitespace-only line
        'a,b\n1,"unclosed\n',
        'a,b\n1,ab"c\n2,"x"y\n',  # stray quotes
        'a,b\n1,"x"\n2,"\n',
    ],
)
def test_fast_reader_reads_like_pandas(tmp_path, text):
    """Arrow reads well-formed files, pandas the rest: either way the table and problems are pandas' own."""
    import csv
    import io

    from stances.load import read_table

    path = tmp_path / "actors.csv"
    path.write_bytes(text.encode())
    frame, problems = read_table(path, "actors")
    try:
        expected = pd.read_csv(io.BytesIO(text.encode()), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, csv.Error):
        assert (frame, [p.code for p in problems]) == (None, ["malformed-csv"])
        return
    pd.testing.assert_frame_equal(frame, expected)


def test_actors_without_the_optional_speaks_for_column_load_with_it_empty(tiny_debate):
    from .conftest import TINY, write_table

    columns = [c for c in schema.field_names("actors") if c != "speaks_for"]
    write_table(tiny_debate, "actors", TINY["actors"], columns=columns)
    assert check_debate(tiny_debate) == []
    assert load_debate(tiny_debate).actors["speaks_for"].tolist() == ["", ""]


def test_speaks_for_is_read_from_actors(broken_debate):
    folder = broken_debate("actors", 1, speaks_for="milley")
    assert load_debate(folder).actors["speaks_for"].tolist() == ["", "milley"]
