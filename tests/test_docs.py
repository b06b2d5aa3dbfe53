"""Keep the docs true: the codebook, the README, the CLI help and CITATION.cff follow the code and the data."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest
import yaml

from stances import schema
from stances.cli import build_parser
from stances.importers.folder import IMPORT_CODES
from stances.load import read_table
from stances.problems import CODES, code_table

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DEBATE = ROOT / "data" / "ukraine-talks-2022"
CODEBOOK = DEBATE / "codebook.md"


def section(text: str, heading: str) -> str:
    """The part of a Markdown text from the heading that starts with `heading` to the next heading of any level."""
    match = re.search(rf"^#+ {re.escape(heading)}.*?$(.*?)(?=^#+ |\Z)", text, flags=re.M | re.S)
    return match.group(1) if match else ""


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """Every command by its full name, nested ones too: `validate`, `import`, `import dna`, …"""

    def walk(parser: argparse.ArgumentParser, prefix: str) -> dict[str, argparse.ArgumentParser]:
        found = {}
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found[prefix + name] = sub
                    found.update(walk(sub, f"{prefix}{name} "))
        return found

    return walk(build_parser(), "")


def datapackage() -> dict:
    return json.loads((DEBATE / "datapackage.json").read_text(encoding="utf-8"))


def citation() -> dict:
    return yaml.safe_load((DEBATE / "CITATION.cff").read_text(encoding="utf-8"))


def bundled(table: str) -> list[dict[str, str]]:
    frame, _ = read_table(DEBATE / schema.file_name(table), table)
    assert frame is not None, f"{schema.file_name(table)} cannot be read"
    return frame.to_dict("records")


@pytest.mark.parametrize("table", schema.ALL_TABLES)
def test_every_column_is_documented_in_its_table_section_of_the_codebook(table):
    text = section(CODEBOOK.read_text(encoding="utf-8"), f"`{schema.file_name(table)}`")
    assert [name for name in schema.field_names(table) if f"`{name}`" not in text] == []


def test_every_column_of_the_datapackage_is_in_the_codebook():
    text = CODEBOOK.read_text(encoding="utf-8")
    columns = {f["name"] for r in datapackage()["resources"] for f in r["schema"]["fields"]}
    assert sorted(c for c in columns if f"`{c}`" not in text) == []


@pytest.mark.parametrize("question", bundled("questions"), ids=lambda q: q["question_id"])
def test_every_question_and_its_scale_is_in_the_codebook(question):
    text = section(CODEBOOK.read_text(encoding="utf-8"), f"`{question['question_id']}`")
    labels = [p["label"] for p in bundled("scale_points") if p["question_id"] == question["question_id"]]
    assert len(labels) == 5
    assert question["proposition"] in text
    assert [label for label in labels if f"| {label} |" not in text] == []


def test_every_problem_code_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    assert [code for code in CODES if f"| `{code}` |" not in text] == []


def test_every_import_problem_code_is_in_the_readme():
    text = section(README.read_text(encoding="utf-8"), "Import a debate")
    assert [code for code in IMPORT_CODES if f"| `{code}` | {IMPORT_CODES[code]} |" not in text] == []


def test_readme_problem_table_is_the_declared_codes():
    """Regression (issue 9, defect 6): the README's table disagreed with the code for 7 of 30 codes."""
    table = [
        line for line in section(README.read_text(encoding="utf-8"), "Problem codes").splitlines() if line[:1] == "|"
    ]
    assert "\n".join(table) == code_table()


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_subcommand_is_in_the_readme(name):
    rows = [line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| `stances ")]
    assert [row for row in rows if re.match(rf"\| `stances {name}[ `]", row)] != []


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_subcommand_help_has_an_example(name):
    help_text = subcommands()[name].format_help()
    assert "Example:" in [line.strip() for line in help_text.splitlines()]
    after = help_text.split("Example:", 1)[1].strip().splitlines()
    assert after[0].strip().startswith(f"stances {name}")


def test_citation_version_equals_the_datapackage_version():
    assert str(citation()["version"]) == datapackage()["version"]


def test_citation_title_equals_the_datapackage_title():
    assert citation()["title"] == datapackage()["title"]
