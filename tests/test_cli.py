"""The `stances` command line: output, JSON and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from stances.cli import main
from stances.load import check_debate


def test_validate_valid_debate_exits_zero(tiny_debate, capsys):
    assert main(["validate", str(tiny_debate)]) == 0
    assert capsys.readouterr().out == f"OK: {tiny_debate} is a valid debate (0 warning(s))\n"


def test_validate_invalid_debate_exits_one_and_names_the_place(broken_debate, capsys):
    folder = broken_debate("statements", 1, actor_id="milly")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("statements.csv:3: actor_id: 'milly' unknown actor (known: milley, sullivan)")
    assert out[-1] == f"INVALID: {folder}: 1 error(s), 0 warning(s)"


def test_validate_json_equals_the_library_result(broken_debate, capsys):
    folder = broken_debate("sources", 1, url="ftp://x")
    assert main(["validate", str(folder), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["valid"] is False
    assert result["problems"] == [p.to_dict() for p in check_debate(folder)]


def test_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == f"stances: error: no such folder: {tmp_path / 'nope'}\n"


def test_unknown_subcommand_is_a_usage_error(capsys):
    assert main(["frobnicate"]) == 2


def test_no_subcommand_prints_help_and_exits_two(capsys):
    assert main([]) == 2
    assert "validate" in capsys.readouterr().err


def test_console_script_runs_without_traceback(broken_debate):
    folder = broken_debate("statements", 0, date="not a date")
    done = subprocess.run(
        [sys.executable, "-m", "stances.cli", "validate", str(folder)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout.splitlines()[0] == (
        "statements.csv:2: date: 'not a date' expected a date as YYYY-MM-DD [type-error]"
    )


def test_describe_writes_a_descriptor_keeping_metadata(tiny_debate):
    (tiny_debate / "datapackage.json").unlink()
    assert main(["describe", str(tiny_debate), "--title", "Mine"]) == 0
    written = json.loads((tiny_debate / "datapackage.json").read_text())
    assert (written["name"], written["title"]) == ("tiny", "Mine")
    assert [r["name"] for r in written["resources"]][:2] == ["actors", "questions"]
    assert check_debate(tiny_debate) == []


def test_describe_on_a_broken_descriptor_prints_its_problem_not_a_traceback(tiny_debate):
    """Regression (issue 9, defect 5): `stances describe` printed a traceback on a broken datapackage.json."""
    broken = '{"name": "tiny",\n  oops}'
    (tiny_debate / "datapackage.json").write_text(broken, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "stances.cli", "describe", str(tiny_debate)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines() == [
        "datapackage.json:2: is not valid JSON: Expecting property name enclosed in double quotes [invalid-descriptor]",
        f"INVALID: {tiny_debate}: 1 error(s), 0 warning(s)",
    ]
    assert (tiny_debate / "datapackage.json").read_text(encoding="utf-8") == broken  # nothing the user has is lost


def test_describe_on_a_file_is_a_usage_error(tiny_debate, capsys):
    assert main(["describe", str(tiny_debate / "actors.csv")]) == 2
    assert capsys.readouterr().err == f"stances: error: not a folder: {tiny_debate / 'actors.csv'}\n"


def test_export_reports_every_bad_filter_in_one_line(tiny_debate, tmp_path, capsys):
    args = ["export", str(tiny_debate), "--out", str(tmp_path), "--actor", "milly", "--channel", "secret"]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "stances: error: unknown actor 'milly' (known: milley, sullivan); "
        "unknown channel 'secret' (known: public, private)\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["tiny"]  # nothing written


def test_export_of_an_invalid_debate_prints_its_problems_and_exits_one(broken_debate, tmp_path, capsys):
    folder = broken_debate("statements", 1, actor_id="milly")
    assert main(["export", str(folder), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == f"INVALID: {folder}: 1 error(s), 0 warning(s)"


def test_every_command_is_registered_with_its_own_function():
    from stances.cli import COMMANDS

    assert {name: spec.run.__name__ for name, spec in COMMANDS.items()} == {
        name: "cmd_" + name.replace(" ", "_") for name in COMMANDS
    }
