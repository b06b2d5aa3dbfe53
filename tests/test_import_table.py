"""`stances import table`: one flat row per statement, mapped column by column."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from stances.cli import main
from stances.importers import table
from stances.importers.folder import InputError, write_debate
from stances.load import load_debate
from stances.spelling import slug, unique_slugs

HEADER = "Speaker,Topic,Date,Stance,Quote,Claim,Link,Archive,Page"
ROWS = [
    'Bundestag ,Nuclear exit,2011-06-30,1,,"The parliament voted, the paper said, to end it.",https://www.example.org/a,,AB',
    "Bundestag,Nuclear exit,2011-07,1,,,https://www.example.org/b,,AB",
    'Angela Merkel,nuclear  exit,2011-03-14,-1,"We will review everything.",,,Archive 123,CD',
]
MAP = "actor=Speaker,question=Topic,date=Date,position=Stance,quote=Quote,text=Claim,url=Link,identifier=Archive"


def _csv(tmp_path: Path, rows: list[str] = ROWS, header: str = HEADER) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _read(path: Path, pairs: str = MAP, **options) -> table.Imported:
    return table.read(path, table.TableMapping.parse([pairs], **options))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jake Sullivan", "jake-sullivan"),
        ("Émile Zola!", "emile-zola"),
        ("  U.S. -- Senate  ", "u-s-senate"),
        ("ВВП", "item"),
        ("a" * 70, "a" * 60),
        ("word " * 20, "word-word-word-word-word-word-word-word-word-word-word-word"),
    ],
)
def test_the_slug_rule(text, expected):
    assert slug(text) == expected


def test_different_names_with_one_slug_are_numbered_and_equal_names_share_one():
    assert unique_slugs(["A B", "a-b", "A B", "a b!"]) == ["a-b", "a-b-2", "a-b", "a-b-3"]


def test_each_row_becomes_a_statement_with_ids_by_the_slug_rule(tmp_path):
    imported = _read(_csv(tmp_path))
    statements = imported.tables["statements"]
    assert statements[
        ["statement_id", "actor_id", "question_id", "date", "date_precision", "position"]
    ].values.tolist() == [
        ["bundestag-20110630-nuclear-exit", "bundestag", "nuclear-exit", "2011-06-30", "day", "1"],
        ["bundestag-20110701-nuclear-exit", "bundestag", "nuclear-exit", "2011-07-01", "month", "1"],
        ["angela-merkel-20110314-nuclear-exit", "angela-merkel", "nuclear-exit", "2011-03-14", "day", "-1"],
    ]


def test_quote_text_and_neither_give_on_record_coded_span_and_paraphrase(tmp_path):
    statements = _read(_csv(tmp_path)).tables["statements"]
    assert statements[["evidence", "quote", "span"]].values.tolist() == [
        ["coded-span", "", "The parliament voted, the paper said, to end it."],
        ["paraphrase", "", ""],
        ["on-record", "We will review everything.", ""],
    ]


def test_spellings_fold_and_the_fold_is_said(tmp_path):
    imported = _read(_csv(tmp_path))
    assert imported.tables["actors"][["actor_id", "name"]].values.tolist() == [
        ["bundestag", "Bundestag"],
        ["angela-merkel", "Angela Merkel"],
    ]
    assert imported.tables["questions"]["label"].tolist() == ["Nuclear exit"]
    assert "folded 2 spellings into actor 'Bundestag': 'Bundestag ', 'Bundestag'" in imported.mapped
    assert "folded 2 spellings into question 'Nuclear exit': 'Nuclear exit', 'nuclear  exit'" in imported.mapped


def test_the_scale_is_the_values_found_or_the_one_given(tmp_path):
    found = _read(_csv(tmp_path)).tables["scale_points"]
    assert found["position"].tolist() == ["-1", "1"]
    given = _read(_csv(tmp_path), scale="-2..2").tables["scale_points"]
    assert given["position"].tolist() == ["-2", "-1", "0", "1", "2"]


def test_each_distinct_source_is_one_consulted_source_with_url_or_identifier(tmp_path):
    sources = _read(_csv(tmp_path)).tables["sources"]
    assert sources[["source_id", "outlet", "url", "identifier", "published", "consulted"]].values.tolist() == [
        ["example-org-20110630", "example.org", "https://www.example.org/a", "", "2011-06-30", "true"],
        ["example-org-20110701", "example.org", "https://www.example.org/b", "", "2011-07-01", "true"],
        ["not-recorded-20110314", "not recorded", "", "Archive 123", "2011-03-14", "true"],
    ]


def test_the_mapping_and_the_unmapped_columns_are_said(tmp_path):
    imported = _read(_csv(tmp_path))
    assert imported.mapped[:2] == ("actor <- column 'Speaker'", "question <- column 'Topic'")
    assert imported.dropped == ("column 'Page' (not mapped)",)


def test_a_column_named_like_a_key_needs_no_mapping(tmp_path):
    path = _csv(
        tmp_path,
        ["Ann Lee,Tax,2020-01-02,1,https://x.org/1", "Ann Lee,Tax,2020-01-03,0,https://x.org/2"],
        "actor,question,date,position,url",
    )
    imported = table.read(path)
    assert imported.tables["statements"]["actor_id"].tolist() == ["ann-lee", "ann-lee"]


def test_bad_values_are_reported_at_their_line_and_column(tmp_path):
    rows = [*ROWS, "Ann Lee,Tax,14/03/2011,1.5,,,https://x.org,,", ",Tax,2011-03-14,1,,,,,"]
    with pytest.raises(InputError) as caught:
        _read(_csv(tmp_path, rows))
    assert [(p.line, p.field, p.code) for p in caught.value.problems] == [
        (6, "Speaker", "bad-input-value"),
        (5, "Date", "bad-input-value"),
        (5, "Stance", "bad-input-value"),
        (6, "Link", "bad-input-value"),
    ]


def test_a_mapping_to_a_missing_column_names_the_columns_there_are(tmp_path):
    with pytest.raises(InputError) as caught:
        _read(_csv(tmp_path), MAP.replace("Speaker", "Actor"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.code) == (1, "Actor", "unmapped-input")
    assert problem.message.startswith("no such column for actor= (columns: Speaker, Topic")


def test_an_unknown_key_is_a_mapping_error():
    with pytest.raises(table.MappingError, match="unknown key 'speaker'"):
        table.TableMapping.parse(["speaker=Speaker"])


def test_an_xlsx_table_is_read_from_its_first_sheet(tmp_path):
    book = Workbook()
    book.active.append(["actor", "question", "date", "position", "identifier"])
    book.active.append(["Ann Lee", "Tax", "2020-01-02", 1, "doc 1"])
    book.active.append(["Ann Lee", "Tax", "2020-01-03", -1, "doc 2"])
    book.save(tmp_path / "t.xlsx")
    statements = table.read(tmp_path / "t.xlsx").tables["statements"]
    assert statements["position"].tolist() == ["1", "-1"]


def test_the_written_debate_validates_and_loads(tmp_path):
    assert [p.code for p in write_debate(_read(_csv(tmp_path)), tmp_path / "out")] == ["incomplete-descriptor"]
    assert len(load_debate(tmp_path / "out").statements) == 3


def test_cli_prints_the_mapping_and_exits_two_on_a_bad_mapping(tmp_path, capsys):
    path = _csv(tmp_path)
    assert main(["import", "table", str(path), str(tmp_path / "out"), "--map", MAP]) == 0
    assert "  position -> the scale −1/+1 for every question (the values found)\n" in capsys.readouterr().out
    assert main(["import", "table", str(path), str(tmp_path / "o2"), "--map", "actor"]) == 2
    assert capsys.readouterr().err == "stances: error: expected KEY=COLUMN, not 'actor'\n"
