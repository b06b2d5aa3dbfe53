"""Validation at its edges: caps on repeated problems, one line per problem, reporting chains that loop."""

from __future__ import annotations

from stances.cli import main
from stances.load import check_debate
from stances.problems import MAX_PER_RULE
from tests.conftest import TINY, write_debate, write_table


def test_ten_thousand_unknown_columns_are_capped_like_every_rule(tiny_debate):
    """Regression (issue 10, defect 8): 10,000 column warnings were printed despite the 200-per-rule cap."""
    extra = [f"extra_{i}" for i in range(10_000)]
    columns = [*TINY["actors"][0].keys(), *extra]
    write_table(tiny_debate, "actors", TINY["actors"], columns=columns)
    problems = check_debate(tiny_debate)
    assert [p.code for p in problems].count("unknown-column") == MAX_PER_RULE
    summary = [p for p in problems if p.code == "too-many-warnings"]
    assert [(s.file, s.message, s.severity) for s in summary] == [
        ("actors.csv", "and 9,800 more [unknown-column] problems not listed", "warning")
    ]


def test_a_parser_error_is_one_line(tiny_debate, capsys):
    """Regression (issue 10, defect 8): pandas' message ends in a newline, which split the problem over two lines."""
    path = tiny_debate / "events.csv"
    path.write_text(path.read_text(encoding="utf-8") + "a,2022-11-09,x,election,y,wh-briefing,extra\n")
    assert main(["validate", str(tiny_debate)]) == 1
    lines = capsys.readouterr().out.splitlines()
    malformed = [line for line in lines if "[malformed-csv]" in line]
    assert len(malformed) == 1
    assert malformed[0] == (
        "events.csv:3: is not valid CSV: Error tokenizing data. C error: Expected 6 fields in line 3, saw 7 "
        "[malformed-csv]"
    )
    assert len(lines) == len(check_debate(tiny_debate)) + 1  # one line per problem, then the verdict


def test_a_reporting_chain_that_loops_is_reported(tmp_path):
    """Regression (issue 10, defect 8): nyt-report -> nv-report -> nyt-report was accepted."""
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["sources"][0]["reports_on"] = "nv-report"  # nv-report already reports on nyt-report
    problems = check_debate(write_debate(tmp_path / "loop", tables))
    assert [(p.file, p.line, p.field, p.value, p.code, p.message) for p in problems] == [
        (
            "sources.csv",
            2,
            "reports_on",
            "nv-report",
            "reporting-cycle",
            "the reporting chain goes round in a circle: nyt-report → nv-report → nyt-report",
        )
    ]


def test_a_long_loop_is_reported_once(tmp_path):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    # nv-report reports on nyt-report already: nyt -> wh -> nv -> nyt
    tables["sources"][0]["reports_on"] = "wh-briefing"
    tables["sources"][2]["reports_on"] = "nv-report"
    problems = [p for p in check_debate(write_debate(tmp_path / "loop", tables)) if p.code == "reporting-cycle"]
    assert [(p.line, p.message) for p in problems] == [
        (2, "the reporting chain goes round in a circle: nyt-report → wh-briefing → nv-report → nyt-report")
    ]


def test_a_chain_that_runs_into_a_loop_reports_the_loop_once_not_the_way_in(tmp_path):
    """The cycle rule walks the chains with the one chain function (`query.chains`): a source leading into a loop
    is not itself on it."""
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    ids = [s["source_id"] for s in tables["sources"]]
    # wh-briefing -> nyt-report -> nv-report -> nyt-report: the loop is nyt <-> nv; wh-briefing only leads into it
    tables["sources"][ids.index("nyt-report")]["reports_on"] = "nv-report"
    tables["sources"][ids.index("wh-briefing")]["reports_on"] = "nyt-report"
    problems = [p for p in check_debate(write_debate(tmp_path / "loop", tables)) if p.code == "reporting-cycle"]
    assert [(p.line, p.value, p.message) for p in problems] == [
        (2, "nv-report", "the reporting chain goes round in a circle: nyt-report → nv-report → nyt-report")
    ]
