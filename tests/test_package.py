"""The data package stays standard: the Frictionless reference validator accepts it."""

from __future__ import annotations

import json

import pytest

from stances import schema
from stances.load import DEFAULT_DEBATE
from stances.package import descriptor

frictionless = pytest.importorskip("frictionless")


def _errors(path) -> list[str]:
    report = frictionless.validate(str(path))
    return [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors] + [
        f"{e.type}: {e.message}" for e in report.errors
    ]


def test_bundled_debate_passes_the_frictionless_validator():
    assert _errors(DEFAULT_DEBATE / "datapackage.json") == []


def test_tiny_debate_passes_the_frictionless_validator(tiny_debate):
    assert _errors(tiny_debate / "datapackage.json") == []


def test_frictionless_also_catches_a_broken_foreign_key(broken_debate):
    folder = broken_debate("statements", 1, actor_id="milly")
    assert any(e.startswith("foreign-key") for e in _errors(folder / "datapackage.json"))


def test_bundled_descriptor_describes_the_current_format():
    bundled = json.loads((DEFAULT_DEBATE / "datapackage.json").read_text(encoding="utf-8"))
    assert bundled["resources"] == descriptor(bundled, optional=schema.OPTIONAL_TABLES)["resources"]
    assert [r["name"] for r in bundled["resources"]] == list(schema.ALL_TABLES)
    assert bundled["licenses"][0]["name"] == "CC-BY-4.0"
