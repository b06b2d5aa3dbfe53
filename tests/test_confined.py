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


@pytest.mark.parametrize("name", ["sources.csv", "datapackage.json"])
def test_a_link_out_of_the_debate_folder_is_never_read(tiny_debate, tmp_path, name):
    """Regression (issue 10, defect 8): sources.csv -> /etc/passwd was read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (tiny_debate / name).unlink()
    (tiny_debate / name).symlink_to(secret)
    problems = check_debate(tiny_debate)
    assert [(p.file, p.code) for p in problems if p.code == "outside-folder"] == [(name, "outside-folder")]
    assert all("root:x" not in str(p) for p in problems)


def test_documents_linked_from_outside_are_left_out(tiny_debate, tmp_path):
    from stances.load import read_documents, read_package_documents

    secret = tmp_path / "secret.md"
    secret.write_text("secret", encoding="utf-8")
    (tiny_debate / "codebook.md").symlink_to(secret)
    (tiny_debate / "README.md").write_text("# Inside", encoding="utf-8")
    assert read_documents(tiny_debate) == {"README.md": b"# Inside"}
    assert "codebook.md" not in read_package_documents(tiny_debate)


def test_a_link_inside_the_folder_is_read(tiny_debate):
    (tiny_debate / "copy").mkdir()
    (tiny_debate / "sources.csv").rename(tiny_debate / "copy" / "sources.csv")
    (tiny_debate / "sources.csv").symlink_to(tiny_debate / "copy" / "sources.csv")
    assert check_debate(tiny_debate) == []
