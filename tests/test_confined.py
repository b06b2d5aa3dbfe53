"""Nothing from the data becomes a path without being confined: file names, zip members, files read."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest

from stances import export
from stances.cli import main
from stances.load import check_debate, load_debate

HOSTILE_NAMES = ["../../escape/pwned", "/tmp/anywhere", "..", "Name With Spaces", "a/b", "C:\\x", ".hidden"]


def with_name(folder: Path, name: str) -> Path:
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["name"] = name
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_validate_rejects_a_descriptor_name_that_is_not_a_slug(tiny_debate, name):
    """Regression (issue 10, defect 4): `stances validate` accepted "../../escape/pwned"."""
    problems = check_debate(with_name(tiny_debate, name))
    assert [(p.file, p.field, p.value, p.code, p.severity) for p in problems] == [
        ("datapackage.json", "name", name, "invalid-name", "error")
    ]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("fmt", ["csv", "package"])
def test_export_file_names_are_one_bare_path_component(name, fmt):
    meta = replace(load_debate().meta, name=name, version="../../1")
    file_name = export.export_file_name(meta, fmt, dt.date(2026, 12, 1))
    assert PurePosixPath(file_name).name == file_name
    assert "/" not in file_name and "\\" not in file_name and ".." not in file_name
    assert not file_name.startswith(".")


def test_the_cli_writes_nothing_outside_out_for_a_hostile_name(tiny_debate, tmp_path, capsys):
    """Regression (issue 10, defect 4): the export was written to out/../../escape/pwned…"""
    folder = with_name(tiny_debate, "../../escape/pwned")
    out = tmp_path / "a" / "b"
    out.mkdir(parents=True)
    before = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert main(["export", str(folder), "--format", "package", "--out", str(out)]) == 1
    assert "invalid-name" in capsys.readouterr().out
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == before


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_zip_members_stay_inside_the_package_folder(tiny_debate, name):
    """Regression (issue 10, defect 4, zip-slip): members were named ../../escape/pwned_…/statements.csv."""
    debate = load_debate(tiny_debate)
    hostile = replace(debate, meta=replace(debate.meta, name=name, version="../../../x"))
    stream = io.BytesIO()
    options = export.ExportOptions(format="package")
    export.write_package(hostile, hostile.statements, stream, options=options)
    members = zipfile.ZipFile(io.BytesIO(stream.getvalue())).namelist()
    tops = {PurePosixPath(m).parts[0] for m in members}
    assert len(tops) == 1
    assert all(".." not in PurePosixPath(m).parts and not PurePosixPath(m).is_absolute() for m in members)
    assert all("\\" not in m for m in members)
