"""Each validation rule, on a tiny debate broken in exactly one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from stances import schema
from stances.load import check_debate
from stances.problems import Problem, errors, report

from .conftest import TINY, write_debate, write_table


def found(folder: Path) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.line, p.field, p.code) for p in check_debate(folder)]


def test_tiny_debate_is_valid(tiny_debate):
    assert check_debate(tiny_debate) == []


# (table, row index, changes) -> the one problem expected, as (file, line, field, code)
BROKEN = [
    ("statements", 1, {"actor_id": "milly"}, ("statements.csv", 3, "actor_id", "unknown-actor")),
    ("statements", 0, {"question_id": "talks"}, ("statements.csv", 2, "question_id", "unknown-question")),
    ("statements", 1, {"position": "11"}, ("statements.csv", 3, "position", "out-of-range")),
    ("statements", 1, {"position": "one"}, ("statements.csv", 3, "position", "type-error")),
    ("statements", 2, {"date": "2022-13-01"}, ("statements.csv", 4, "date", "type-error")),
    ("statements", 2, {"date": "1822-11-01"}, ("statements.csv", 4, "date", "out-of-range")),
    ("statements", 2, {"date": "2022-11-11"}, ("statements.csv", 4, "date", "dated-after-source")),
    ("statements", 0, {"evidence": "rumour"}, ("statements.csv", 2, "evidence", "not-in-enum")),
    ("statements", 0, {"channel": ""}, ("statements.csv", 2, "channel", "missing-value")),
    ("statements", 1, {"quote": ""}, ("statements.csv", 3, "quote", "missing-quote")),
    ("statements", 0, {"quote": "They said so."}, ("statements.csv", 2, "quote", "quote-not-on-record")),
    ("events", 0, {"event_id": "Midterms 2022"}, ("events.csv", 2, "event_id", "invalid-id")),
    ("sources", 1, {"url": "javascript:alert(1)"}, ("sources.csv", 3, "url", "invalid-url")),
    ("sources", 2, {"url": ""}, ("sources.csv", 4, "url", "missing-url")),
    ("statements", 0, {"evidence": "coded-span"}, ("statements.csv", 2, "span", "missing-span")),
    (
        "statements",
        1,
        {"evidence": "coded-span", "span": "He said talks could wait, aides said."},
        ("statements.csv", 3, "quote", "quote-not-on-record"),
    ),
    ("sources", 1, {"reports_on": "nyt"}, ("sources.csv", 3, "reports_on", "unknown-source")),
    ("sources", 1, {"reports_on": "nv-report"}, ("sources.csv", 3, "reports_on", "self-reference")),
    ("sources", 1, {"consulted": "yes"}, ("sources.csv", 3, "consulted", "type-error")),
    ("sources", 0, {"published": "10/11/2022"}, ("sources.csv", 2, "published", "type-error")),
    ("statement_sources", 3, {"source_id": "wapo"}, ("statement_sources.csv", 5, "source_id", "unknown-source")),
    ("statement_sources", 1, {"statement_id": "x"}, ("statement_sources.csv", 3, "statement_id", "unknown-statement")),
    ("events", 0, {"source_id": "cnn"}, ("events.csv", 2, "source_id", "unknown-source")),
    ("events", 0, {"event_kind": "party"}, ("events.csv", 2, "event_kind", "not-in-enum")),
    ("actors", 0, {"actor_kind": "robot"}, ("actors.csv", 2, "actor_kind", "not-in-enum")),
    ("actors", 0, {"speaks_for": "white-house"}, ("actors.csv", 2, "speaks_for", "unknown-actor")),
    ("actors", 1, {"speaks_for": "sullivan"}, ("actors.csv", 3, "speaks_for", "self-reference")),
    ("questions", 1, {"display_order": "-1"}, ("questions.csv", 3, "display_order", "out-of-range")),
]


@pytest.mark.parametrize(("table", "row", "changes", "expected"), BROKEN, ids=[b[3][3] + "-" + b[3][2] for b in BROKEN])
def test_each_rule_names_file_line_and_field(broken_debate, table, row, changes, expected):
    assert found(broken_debate(table, row, **changes)) == [expected]


def test_duplicate_statement_id(tmp_path):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statements"].append(dict(tables["statements"][0], summary="Same id again."))
    assert found(write_debate(tmp_path / "d", tables)) == [("statements.csv", 6, "statement_id", "duplicate-key")]


def test_position_off_its_questions_scale(tmp_path):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    points = tables["scale_points"]
    tables["scale_points"] = [p for p in points if (p["question_id"], p["position"]) != ("talks-now", "2")]
    problems = check_debate(write_debate(tmp_path / "d", tables))
    assert [(p.file, p.line, p.field, p.code) for p in problems] == [
        ("statements.csv", 2, "position", "position-off-scale")
    ]
    assert problems[0].message == "not a point on the scale of 'talks-now' (expected one of: -2, -1, 0, 1)"


def _scaled(tables: dict, question: str, points: list[int]) -> dict:
    others = [p for p in tables["scale_points"] if p["question_id"] != question]
    tables["scale_points"] = others + [
        {"question_id": question, "position": str(p), "label": f"point {p}", "meaning": f"Means {p}."} for p in points
    ]
    return tables


@pytest.mark.parametrize(
    "points", [[-1, 1], [-1, 0, 1], [-2, -1, 0, 1, 2], list(range(11)), [-10, 10]], ids=lambda p: f"{len(p)}-points"
)
def test_a_scale_of_two_to_eleven_points_is_valid(tmp_path, points):
    tables = _scaled({name: [dict(r) for r in rows] for name, rows in TINY.items()}, "us-press-kyiv", points)
    tables["statements"] = [
        dict(s, position=str(points[-1])) if s["question_id"] == "us-press-kyiv" else s for s in tables["statements"]
    ]
    assert found(write_debate(tmp_path / "d", tables)) == []


@pytest.mark.parametrize("points", [[0], list(range(-5, 7))], ids=["one-point", "twelve-points"])
def test_a_scale_of_one_or_twelve_points_is_reported_on_its_first_point(tmp_path, points):
    tables = _scaled({name: [dict(r) for r in rows] for name, rows in TINY.items()}, "us-press-kyiv", points)
    tables["statements"] = [
        dict(s, position="0") if s["question_id"] == "us-press-kyiv" else s for s in tables["statements"]
    ]
    first_line = 2 + 5  # the five points of talks-now come first
    assert found(write_debate(tmp_path / "d", tables)) == [
        ("scale_points.csv", first_line, "question_id", "scale-size")
    ]


def test_position_on_a_two_point_scale_lists_its_points(tmp_path):
    tables = _scaled({name: [dict(r) for r in rows] for name, rows in TINY.items()}, "talks-now", [-1, 1])
    tables["statements"] = [
        dict(s, position="0") if s["question_id"] == "talks-now" else s for s in tables["statements"]
    ]
    problems = check_debate(write_debate(tmp_path / "d", tables))
    assert [(p.line, p.code, p.message) for p in problems] == [
        (line, "position-off-scale", "not a point on the scale of 'talks-now' (expected one of: -1, 1)")
        for line, s in enumerate(tables["statements"], start=2)
        if s["question_id"] == "talks-now"
    ]


def test_consulted_source_with_an_identifier_needs_no_url(broken_debate):
    assert found(broken_debate("sources", 2, url="", identifier="Factiva NYTF000020221110")) == []


def test_duplicate_question_label_is_a_warning_naming_both_rows(broken_debate):
    problems = check_debate(broken_debate("questions", 1, label=" open talks  NOW"))
    assert [(p.file, p.line, p.field, p.code, p.severity) for p in problems] == [
        ("questions.csv", 3, "label", "duplicate-label", "warning")
    ]
    assert problems[0].message == (
        "same label as 'talks-now' on line 2 (ignoring case and spacing): readers cannot tell 'us-press-kyiv' from it"
    )


def test_duplicate_actor_name_is_a_warning_naming_both_rows(broken_debate):
    problems = check_debate(broken_debate("actors", 1, name="Mark A. Milley "))
    assert [(p.file, p.line, p.field, p.code, p.severity) for p in problems] == [
        ("actors.csv", 3, "name", "duplicate-name", "warning")
    ]
    assert "'milley' on line 2" in problems[0].message and "'sullivan'" in problems[0].message


def test_statement_without_any_source(tmp_path):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statement_sources"] = [r for r in tables["statement_sources"] if r["statement_id"] != "sullivan-view"]
    assert found(write_debate(tmp_path / "d", tables)) == [
        ("statements.csv", 5, "statement_id", "statement-without-source")
    ]


def test_statement_resting_only_on_unread_sources(tmp_path):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statement_sources"] = [r for r in tables["statement_sources"] if r["source_id"] != "nv-report"]
    tables["statement_sources"].append({"statement_id": "milley-club", "source_id": "wh-briefing", "locator": ""})
    tables["statement_sources"].append({"statement_id": "sullivan-view", "source_id": "wh-briefing", "locator": ""})
    assert found(write_debate(tmp_path / "d", tables)) == [("statements.csv", 2, "statement_id", "no-consulted-source")]


def test_all_problems_are_collected_not_just_the_first(broken_debate, tmp_path):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statements"][0]["actor_id"] = "nobody"
    tables["statements"][3]["evidence"] = "gossip"
    tables["sources"][1]["url"] = "ftp://example.org"
    assert found(write_debate(tmp_path / "d", tables)) == [
        ("sources.csv", 3, "url", "invalid-url"),
        ("statements.csv", 2, "actor_id", "unknown-actor"),
        ("statements.csv", 5, "evidence", "not-in-enum"),
    ]


def test_many_problems_of_one_kind_are_counted_past_the_cap(tmp_path):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    row = dict(tables["statements"][2], actor_id="ghost")
    tables["statements"] = tables["statements"] + [dict(row, statement_id=f"ghost-{i}") for i in range(250)]
    tables["statement_sources"] += [
        {"statement_id": f"ghost-{i}", "source_id": "wh-briefing", "locator": ""} for i in range(250)
    ]
    problems = check_debate(write_debate(tmp_path / "d", tables))
    codes = [p.code for p in problems]
    assert codes.count("unknown-actor") == 200
    assert problems[-1].code == "too-many-problems"
    assert problems[-1].message == "and 50 more [unknown-actor] problems not listed"


def test_missing_table(tiny_debate):
    (tiny_debate / "events.csv").unlink()
    assert found(tiny_debate) == [("events.csv", None, None, "missing-table")]


def test_empty_file(tiny_debate):
    (tiny_debate / "actors.csv").write_bytes(b"")
    problems = check_debate(tiny_debate)
    assert [(p.file, p.code) for p in problems][:1] == [("actors.csv", "empty-file")]
    # The statements' actors cannot be checked without actors.csv, so nothing else is claimed about them.
    assert "unknown-actor" not in [p.code for p in problems]


def test_non_utf8_file_names_its_line(tiny_debate):
    path = tiny_debate / "statements.csv"
    path.write_bytes(path.read_bytes().replace(b"Argued internally", b"Argu\xe9 internally"))
    assert found(tiny_debate) == [("statements.csv", 2, None, "not-utf8")]


def test_bom_and_crlf_are_handled(tiny_debate):
    for table in schema.TABLE_ORDER:
        path = tiny_debate / schema.file_name(table)
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert check_debate(tiny_debate) == []


def test_unknown_column_is_reported_as_a_warning(tiny_debate):
    write_table(tiny_debate, "actors", TINY["actors"], columns=[*schema.field_names("actors"), "coder"])
    problems = check_debate(tiny_debate)
    assert [(p.file, p.line, p.field, p.code, p.severity) for p in problems] == [
        ("actors.csv", 1, "coder", "unknown-column", "warning")
    ]
    assert errors(problems) == []


def test_missing_column(tiny_debate):
    columns = [c for c in schema.field_names("statements") if c != "confidence"]
    write_table(tiny_debate, "statements", TINY["statements"], columns=columns)
    assert found(tiny_debate) == [("statements.csv", 1, "confidence", "missing-column")]


def test_ragged_row_is_malformed_csv(tiny_debate):
    path = tiny_debate / "actors.csv"
    path.write_text(path.read_text() + "extra,a,b,c,d,e,f,g,h,i\n")
    assert found(tiny_debate) == [("actors.csv", 4, None, "malformed-csv")]


def test_broken_descriptor_is_an_error(tiny_debate):
    (tiny_debate / "datapackage.json").write_text('{"name": "x",\n  oops}')
    assert found(tiny_debate) == [("datapackage.json", 2, None, "invalid-descriptor")]


def test_problem_formats_file_line_field_value_and_code():
    problem = Problem(
        code="unknown-actor",
        file="statements.csv",
        line=14,
        field="actor_id",
        value="milly",
        message="unknown actor (known: milley, sullivan)",
    )
    assert str(problem) == (
        "statements.csv:14: actor_id: 'milly' unknown actor (known: milley, sullivan) [unknown-actor]"
    )


def test_report_ends_with_the_verdict():
    problem = Problem(code="missing-table", file="events.csv", message="missing")
    assert report([problem], folder="d").splitlines() == [
        "events.csv: missing [missing-table]",
        "INVALID: d: 1 error(s), 0 warning(s)",
    ]
    assert report([], folder="d") == "OK: d is a valid debate (0 warning(s))"


def test_integer_beyond_64_bits_is_a_type_error_not_a_crash(broken_debate):
    folder = broken_debate("statements", 1, position="99999999999999999999")
    assert found(folder) == [("statements.csv", 3, "position", "type-error")]


def test_an_alias_that_names_another_actor_is_a_warning_naming_both_rows(broken_debate):
    problems = check_debate(broken_debate("actors", 1, aliases="J. Sullivan; mark a. MILLEY"))
    assert [(p.file, p.line, p.field, p.value, p.code, p.severity) for p in problems] == [
        ("actors.csv", 3, "aliases", "mark a. MILLEY", "duplicate-name", "warning")
    ]
    assert problems[0].message.startswith("also names 'milley' on line 2 (ignoring case and spacing)")


def test_two_actors_may_share_an_alias(broken_debate):
    assert check_debate(broken_debate("actors", 1, aliases="Gen. Milley")) == []


def test_problem_lines_are_file_lines_after_a_multi_line_cell(broken_debate):
    """Regression (issue 9, defect 3): after notes spanning three lines, a bad actor on file line 7 was reported as
    line 5 (its row number)."""
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statements"][0]["notes"] = "First line of the notes,\nsecond line,\nthird line."
    tables["statements"][3]["actor_id"] = "milly"
    folder = write_debate(broken_debate("statements").parent / "multiline", tables)
    text = (folder / "statements.csv").read_text(encoding="utf-8").splitlines()
    assert text[6].startswith("sullivan-view,milly,")  # file line 7, as an editor numbers it
    assert found(folder) == [("statements.csv", 7, "actor_id", "unknown-actor")]


def test_problem_lines_skip_blank_lines_and_crlf_line_ends(tiny_debate):
    path = tiny_debate / "actors.csv"
    header, first, second = path.read_text(encoding="utf-8").splitlines()
    second = second.replace("sullivan,", "Sullivan!,", 1)
    path.write_bytes(
        f'{header}\r\n\r\n{first}\r\n"{second.split(",")[0]}",{",".join(second.split(",")[1:])}\r\n'.encode()
    )
    assert [(p.line, p.field, p.code) for p in check_debate(tiny_debate) if p.file == "actors.csv"] == [
        (4, "actor_id", "invalid-id")
    ]


def test_every_problem_code_has_one_severity(tiny_debate):
    """Regression (issue 9, defect 6): `invalid-descriptor` was an error in one place and a warning in another."""
    (tiny_debate / "datapackage.json").write_text('{"title": "No name"}', encoding="utf-8")
    incomplete = check_debate(tiny_debate)
    (tiny_debate / "datapackage.json").write_text("[]", encoding="utf-8")
    broken = check_debate(tiny_debate)
    severities: dict[str, set[str]] = {}
    for problem in incomplete + broken:
        severities.setdefault(problem.code, set()).add(problem.severity)
    assert {code: len(kinds) for code, kinds in severities.items()} == dict.fromkeys(severities, 1)
    assert [(p.code, p.severity) for p in broken] == [("invalid-descriptor", "error")]
