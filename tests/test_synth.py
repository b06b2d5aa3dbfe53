"""Synthetic debates: deterministic, valid by construction, proportional, and never written over user data."""

from __future__ import annotations

import pandas as pd
import pytest

from stances import schema
from stances.cli import main
from stances.load import check_debate, load_debate
from stances.synth import Shape, scale_positions, sizes, synthesize, write_synthetic
from stances.vocab import CHANNELS, EVIDENCE_KINDS


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory):
    return write_synthetic(tmp_path_factory.mktemp("synth") / "debate", 2_000, seed=3)


def test_same_seed_gives_equal_tables():
    first, second = synthesize(500, seed=1), synthesize(500, seed=1)
    assert list(first) == list(second) == list(schema.TABLE_ORDER)
    for name in schema.TABLE_ORDER:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_different_seeds_give_different_statements():
    assert not synthesize(500, seed=1)["statements"].equals(synthesize(500, seed=2)["statements"])


def test_every_table_has_the_format_columns_in_order():
    tables = synthesize(300)
    assert {name: list(frame.columns) for name, frame in tables.items()} == {
        name: schema.field_names(name) for name in schema.TABLE_ORDER
    }


def test_written_debate_has_no_problems(written):
    assert [str(p) for p in check_debate(written)] == []


def test_written_debate_loads_with_every_row(written):
    debate = load_debate(written)
    tables = synthesize(2_000, seed=3)
    assert {name: len(debate.table(name)) for name in schema.TABLE_ORDER} == {
        name: len(frame) for name, frame in tables.items()
    }
    assert debate.meta.title == "Synthetic debate: 2,000 statements (seed 3)"


@pytest.mark.parametrize(
    ("statements", "actors", "questions", "sources", "events"),
    [
        (10, 4, 5, 10, 3),
        (2_000, 22, 5, 666, 3),
        (100_000, 158, 8, 33_333, 50),
        (1_000_000, 500, 10, 333_333, 500),
    ],
)
def test_table_sizes_grow_with_the_statements(statements, actors, questions, sources, events):
    assert sizes(statements) == {
        "actors": actors,
        "questions": questions,
        "sources": sources,
        "statements": statements,
        "events": events,
    }


def test_counts_follow_sizes():
    tables = synthesize(2_000)
    expected = sizes(2_000)
    assert {name: len(tables[name]) for name in expected} == expected
    assert len(tables["scale_points"]) == 5 * expected["questions"]
    per_statement = tables["statement_sources"].groupby("statement_id").size()
    assert (len(per_statement), per_statement.min(), per_statement.max()) == (2_000, 1, 3)


def test_mixes_evidence_reporting_chains_and_tricky_text():
    tables = synthesize(5_000)
    statements, sources = tables["statements"], tables["sources"]
    assert set(statements["evidence"]) == set(EVIDENCE_KINDS)
    assert set(statements["channel"]) == set(CHANNELS)
    assert set(sources["consulted"]) == {"true", "false"}
    assert (sources["reports_on"] != "").any()
    assert sources.loc[sources["url"] != "", "url"].str.startswith("https://example.org/").all()
    on_record = statements["evidence"] == "on-record"
    assert (statements.loc[on_record, "quote"] != "").all()
    quoted = statements["quote"] != ""
    assert set(statements.loc[quoted, "evidence"]) == {"on-record", "official-document"}
    for marker in ("<b>", "&", "="):
        assert statements["summary"].str.contains(marker, regex=False).any(), marker
    assert statements["summary"].str.startswith("=").mean() < 0.01


def test_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        write_synthetic(tmp_path, 50)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_force_overwrites_only_the_debate_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    write_synthetic(tmp_path, 50, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["notes.txt", "datapackage.json", *(schema.file_name(t) for t in schema.TABLE_ORDER)]
    )
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_cli_writes_a_valid_debate_and_says_how_long(tmp_path, capsys):
    out = tmp_path / "big"
    assert main(["synth", "--statements", "300", "--out", str(out), "--seed", "2"]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith(f"wrote 300 statements to {out} in ")
    assert "writing statements.csv: rows 1-300 of 300" in printed.err
    assert check_debate(out) == []


def test_cli_refuses_a_non_empty_folder_with_exit_two(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["synth", "--statements", "300", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"stances: error: {tmp_path} is not empty; pass --force to overwrite its debate files\n"
    )
    assert main(["synth", "--statements", "300", "--out", str(tmp_path), "--force"]) == 0


@pytest.mark.parametrize("arguments", [["--statements", "0"], ["--statements", "many"], []])
def test_cli_bad_arguments_exit_two(tmp_path, arguments):
    assert main(["synth", "--out", str(tmp_path / "x"), *arguments]) == 2


def test_frictionless_accepts_a_synthetic_package(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    folder = write_synthetic(tmp_path / "small", 200, seed=5)
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.flatten(["rowNumber", "fieldName", "type"]) == []
    assert report.valid


def test_shape_sets_actors_questions_and_scale_length(tmp_path):
    folder = write_synthetic(tmp_path / "wide", 3_000, seed=1, shape=Shape(actors=300, questions=40, scale_points=3))
    assert [str(p) for p in check_debate(folder)] == []
    debate = load_debate(folder)
    assert (len(debate.actors), len(debate.questions)) == (300, 40)
    assert debate.questions["question_id"].is_unique and debate.questions["label"].is_unique
    assert sorted(set(debate.scale_points["position"])) == [-1, 0, 1]
    assert set(debate.statements["position"]) <= {-1, 0, 1}
    assert debate.meta.title == "Synthetic debate: 3,000 statements (seed 1), 300 actors × 40 questions"


@pytest.mark.parametrize(
    ("points", "positions"),
    [(2, [-1, 1]), (3, [-1, 0, 1]), (4, [-2, -1, 1, 2]), (5, [-2, -1, 0, 1, 2]), (11, list(range(-5, 6)))],
)
def test_scale_positions_are_symmetric_and_hold_zero_only_when_odd(points, positions):
    assert scale_positions(points) == positions


def test_a_two_point_scale_uses_both_ends():
    statements = synthesize(2_000, shape=Shape(scale_points=2))["statements"]
    assert set(statements["position"]) == {"-1", "1"}


def test_skew_makes_a_few_actors_say_most_and_not_the_first_listed():
    statements = synthesize(20_000, shape=Shape(actors=200, questions=50, skew=1.0))["statements"]
    per_actor = statements["actor_id"].value_counts()
    assert per_actor.iloc[:20].sum() > 0.5 * len(statements)
    assert per_actor.index[0] != "actor-0001"
    even = synthesize(20_000, shape=Shape(actors=200, questions=50))["statements"]["actor_id"].value_counts()
    assert even.iloc[:20].sum() < 0.2 * len(statements)


def test_cli_shape_options_write_that_shape(tmp_path):
    out = tmp_path / "wide"
    arguments = ["--actors", "50", "--questions", "30", "--scale-points", "2", "--skew", "1"]
    assert main(["synth", "--statements", "500", "--out", str(out), *arguments]) == 0
    debate = load_debate(out)
    assert (len(debate.actors), len(debate.questions), set(debate.statements["position"])) == (50, 30, {-1, 1})


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--scale-points", "1"], "--scale-points must be from 2 to 11, not 1"),
        (["--actors", "0"], "--actors must be at least 1, not 0"),
        (["--skew", "-1"], "--skew must be 0 or more, not -1.0"),
    ],
)
def test_cli_impossible_shapes_exit_two_with_one_line(tmp_path, capsys, arguments, message):
    assert main(["synth", "--statements", "100", "--out", str(tmp_path / "x"), *arguments]) == 2
    assert capsys.readouterr().err == f"stances: error: {message}\n"


@pytest.mark.parametrize("points", [2, 4, 11])
def test_every_scale_length_writes_a_valid_debate(tmp_path, points):
    folder = write_synthetic(tmp_path / "scale", 400, seed=1, shape=Shape(scale_points=points, questions=3))
    assert [str(p) for p in check_debate(folder)] == []
    assert sorted(set(load_debate(folder).statements["position"])) == scale_positions(points)
