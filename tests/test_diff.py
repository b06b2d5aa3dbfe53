"""`stances diff`: what changed between two versions of a debate, statement by statement."""

from __future__ import annotations

import json

import pytest

from stances import cli, diff
from stances.diff import Change
from stances.problems import DebateError
from tests.conftest import TINY, write_debate, write_table


def versions(tmp_path, **edits):
    """The tiny debate as version 1, and a copy as version 2 with `edits` applied: table -> function(rows)."""
    old = write_debate(tmp_path / "v1")
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    for table, edit in edits.items():
        edit(tables[table])
    return old, write_debate(tmp_path / "v2", tables)


def changed(old, new) -> list[tuple[str, str, str, str, str]]:
    return [(c.kind, c.statement_id, c.field, c.old, c.new) for c in diff.diff_folders(old, new).changes]


def row(rows, statement_id):
    return next(r for r in rows if r["statement_id"] == statement_id)


def test_two_copies_of_a_debate_have_no_changes(tmp_path):
    old, new = versions(tmp_path)
    assert changed(old, new) == []


def test_a_new_statement_is_added_and_a_dropped_one_removed(tmp_path):
    def edit(rows):
        rows.append({**row(rows, "milley-club"), "statement_id": "milley-new"})
        rows.remove(row(rows, "sullivan-view"))

    old, new = versions(tmp_path, statements=edit)
    assert changed(old, new) == [
        ("added", "milley-new", "", "", ""),
        ("removed", "sullivan-view", "", "", ""),
    ]


def test_a_changed_position_is_recoded_with_the_old_and_new_points(tmp_path):
    old, new = versions(tmp_path, statements=lambda rows: row(rows, "milley-private").update(position="1"))
    assert changed(old, new) == [("recoded", "milley-private", "position", "+2", "+1")]


def test_a_changed_date_quote_and_confidence_are_reported_each_by_kind(tmp_path):
    def edit(rows):
        row(rows, "milley-club").update(date="2022-11-08", quote="Seize it.", confidence="low")

    old, new = versions(tmp_path, statements=edit)
    assert changed(old, new) == [
        ("re-dated", "milley-club", "date", "2022-11-09", "2022-11-08"),
        ("re-worded", "milley-club", "quote", "Seize the moment.", "Seize it."),
        ("re-graded", "milley-club", "confidence", "high", "low"),
    ]


def test_a_statement_citing_other_sources_is_re_sourced(tmp_path):
    old, new = versions(
        tmp_path, statement_sources=lambda rows: row(rows, "sullivan-briefing").update(source_id="nv-report")
    )
    assert changed(old, new) == [("re-sourced", "sullivan-briefing", "sources", "wh-briefing", "nv-report")]


def test_a_statement_that_replaces_an_old_id_is_renamed_not_added_and_removed(tmp_path):
    def edit(rows):
        row(rows, "milley-club").update(statement_id="milley-20221108", replaces="milley-club", date="2022-11-08")

    def relink(rows):
        row(rows, "milley-club").update(statement_id="milley-20221108")

    old, new = versions(tmp_path, statements=edit, statement_sources=relink)
    assert changed(old, new) == [
        ("renamed", "milley-20221108", "statement_id", "milley-club", "milley-20221108"),
        ("re-dated", "milley-20221108", "date", "2022-11-09", "2022-11-08"),
    ]


def test_an_older_release_without_todays_optional_columns_still_compares(tmp_path):
    old, new = versions(tmp_path, statements=lambda rows: row(rows, "milley-club").update(confidence="low"))
    columns = [c for c in TINY["statements"][0] if c != "notes"]  # an older format with a column fewer
    write_table(old, "statements", TINY["statements"], columns=columns)
    assert changed(old, new) == [("re-graded", "milley-club", "confidence", "high", "low")]


def test_a_folder_without_statements_raises_the_problem(tmp_path):
    old, new = versions(tmp_path)
    (old / "statements.csv").unlink()
    with pytest.raises(DebateError) as raised:
        diff.diff_folders(old, new)
    assert [(p.file, p.code) for p in raised.value.problems] == [("statements.csv", "missing-table")]


def test_a_folder_missing_a_compared_column_raises_the_problem(tmp_path):
    old, new = versions(tmp_path)
    columns = [c for c in TINY["statements"][0] if c != "quote"]
    write_table(old, "statements", TINY["statements"], columns=columns)
    with pytest.raises(DebateError) as raised:
        diff.diff_folders(old, new)
    assert [(p.file, p.field, p.code) for p in raised.value.problems] == [("statements.csv", "quote", "missing-column")]


def test_report_gives_a_summary_line_and_one_line_per_change():
    changes = diff.DebateDiff(
        old_version="0.1.0",
        new_version="0.2.0",
        changes=(
            Change(kind="renamed", statement_id="b", field="statement_id", old="a", new="b"),
            Change(kind="recoded", statement_id="b", field="position", old="+2", new="+1"),
            Change(kind="re-sourced", statement_id="c", field="sources", old="s1, s2", new="s2, s3"),
        ),
    )
    assert diff.report(changes).splitlines() == [
        "0.1.0 -> 0.2.0: 1 renamed, 1 recoded, 1 re-sourced",
        "renamed     b  was a",
        "recoded     b  position: +2 -> +1",
        "re-sourced  c  sources: +s3 -s1",
    ]


def test_cli_json_equals_the_library_result(tmp_path, capsys):
    old, new = versions(tmp_path, statements=lambda rows: row(rows, "milley-private").update(position="0"))
    assert cli.main(["diff", str(old), str(new), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == diff.diff_folders(old, new).to_dict()


def test_cli_prints_the_report(tmp_path, capsys):
    old, new = versions(tmp_path, statements=lambda rows: row(rows, "milley-private").update(position="0"))
    assert cli.main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out == diff.report(diff.diff_folders(old, new)) + "\n"


def test_cli_exits_2_on_a_missing_folder_and_1_on_an_unreadable_debate(tmp_path, capsys):
    old, new = versions(tmp_path)
    assert cli.main(["diff", str(tmp_path / "nowhere"), str(new)]) == 2
    assert "no such folder" in capsys.readouterr().err
    (old / "statement_sources.csv").unlink()
    assert cli.main(["diff", str(old), str(new)]) == 1
    assert "statement_sources.csv" in capsys.readouterr().out
