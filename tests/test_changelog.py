"""The debate's CHANGELOG.md agrees with `stances diff` of the previous release (frozen under tests/fixtures)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stances import diff
from stances.load import DEFAULT_DEBATE, load_debate

PREVIOUS = Path(__file__).resolve().parent / "fixtures" / "ukraine-talks-2022-v0.1.0"
CHANGELOG = DEFAULT_DEBATE / "CHANGELOG.md"
HEADINGS = {kind: kind.capitalize() for kind in diff.KINDS}


def sections(text: str, version: str) -> dict[str, list[str]]:
    """The bullet lines under each `### Heading` of the `## version` section."""
    match = re.search(rf"^## {re.escape(version)}\b.*?$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"CHANGELOG.md has no section for version {version}"
    found: dict[str, list[str]] = {}
    heading = None
    for line in match.group(1).splitlines():
        if line.startswith("### "):
            heading = line[4:].strip()
            found[heading] = []
        elif heading and line.startswith("- "):
            found[heading].append(line)
    return found


def ids(line: str) -> list[str]:
    return re.findall(r"`([a-z0-9][a-z0-9-]*)`", line)


@pytest.fixture(scope="module")
def changes() -> diff.DebateDiff:
    return diff.diff_folders(PREVIOUS, DEFAULT_DEBATE)


@pytest.fixture(scope="module")
def logged(changes) -> dict[str, list[str]]:
    return sections(CHANGELOG.read_text(encoding="utf-8"), changes.new_version)


def test_the_frozen_previous_release_is_version_0_1_0(changes):
    assert changes.old_version == "0.1.0"
    assert changes.new_version == load_debate().meta.version != "0.1.0"


@pytest.mark.parametrize("kind", [k for k in diff.KINDS if k != "renamed"])
def test_the_changelog_lists_the_statements_the_diff_finds(kind, changes, logged):
    expected = sorted({c.statement_id for c in changes.of_kind(kind)})
    listed = sorted(ids(line)[0] for line in logged.get(HEADINGS[kind], []))
    assert listed == expected


def test_the_changelog_lists_each_rename_old_to_new(changes, logged):
    expected = sorted((c.old, c.new) for c in changes.of_kind("renamed"))
    listed = sorted(tuple(ids(line)[:2]) for line in logged.get(HEADINGS["renamed"], []))
    assert listed == expected


@pytest.mark.parametrize("kind", ["recoded", "re-dated", "re-graded"])
def test_the_changelog_gives_old_and_new_values(kind, changes, logged):
    lines = {ids(line)[0]: line for line in logged.get(HEADINGS[kind], [])}
    missing = [
        (c.statement_id, f"{c.old} → {c.new}")
        for c in changes.of_kind(kind)
        if f"{c.old} → {c.new}" not in lines.get(c.statement_id, "")
    ]
    assert missing == []


def test_every_changelog_entry_gives_a_reason(logged):
    bare = [line for lines in logged.values() for line in lines if not re.search(r"`: \S|\): \S", line)]
    assert bare == []
