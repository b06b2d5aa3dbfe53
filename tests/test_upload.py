"""Uploads: a zip is unpacked only inside its own temporary folder, bounded, and validated; nothing else is touched."""

from __future__ import annotations

import io
import stat
import tomllib
import zipfile
from pathlib import Path

import pytest

from stances import upload
from stances.load import DATA_DIR
from tests.conftest import ROOT, write_debate


def zipped(files: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def debate_zip(tmp_path: Path, prefix: str = "") -> bytes:
    folder = write_debate(tmp_path / "src")
    return zipped({prefix + p.name: p.read_bytes() for p in sorted(folder.iterdir())})


def codes(received: upload.Received) -> list[tuple[str, str | None]]:
    return [(p.code, p.value) for p in received.problems]


@pytest.mark.parametrize("prefix", ["", "tiny/"])
def test_a_zipped_debate_unpacks_into_a_private_folder_and_validates(tmp_path, prefix):
    received = upload.receive_zip("tiny.zip", debate_zip(tmp_path, prefix))
    try:
        assert received.ok, [str(p) for p in received.problems]
        assert received.folder is not None and received.workspace is not None
        assert received.folder.is_relative_to(received.workspace)
        assert not received.workspace.is_relative_to(DATA_DIR.resolve())
        assert (received.folder / "statements.csv").is_file()
    finally:
        upload.discard(received)
    assert not received.workspace.exists()


@pytest.mark.parametrize(
    "name", ["../evil.csv", "/etc/evil.csv", "a/../../evil.csv", "C:/evil.csv", "a\\..\\evil.csv", "a/./../../evil.csv"]
)
def test_a_member_that_would_leave_the_folder_is_refused_and_nothing_is_written(tmp_path, name):
    into = tmp_path / "into"
    into.mkdir()
    folder, problems = upload.unpack_zip(zipped({"statements.csv": b"x", name: b"boom"}), into)
    assert folder is None
    assert [(p.code, p.value) for p in problems] == [("unsafe-member", name)]
    assert list(into.iterdir()) == []
    assert not (tmp_path / "evil.csv").exists()


def test_a_symlink_member_is_refused(tmp_path):
    into = tmp_path / "into"
    into.mkdir()
    folder, problems = upload.unpack_zip(zipped({"statements.csv": b"x"}, symlink="sources.csv"), into)
    assert (folder, [(p.code, p.value) for p in problems]) == (None, [("unsafe-member", "sources.csv")])
    assert list(into.iterdir()) == []


def test_not_a_zip_too_many_files_and_too_large_are_problems(tmp_path, monkeypatch):
    assert codes(upload.receive_zip("x.zip", b"PK\x03\x04 not really")) == [("not-a-zip", None)]
    many = zipped({f"f{i}.csv": b"" for i in range(upload.MAX_MEMBERS + 1)})
    assert codes(upload.receive_zip("many.zip", many)) == [("too-many-files", None)]
    monkeypatch.setattr(upload, "MAX_UNPACKED_BYTES", 1_000)
    bomb = zipped({"statements.csv": b"0" * 5_000})
    assert codes(upload.receive_zip("bomb.zip", bomb)) == [("upload-too-large", None)]


def test_a_zip_without_a_debate_says_so(tmp_path):
    assert codes(upload.receive_zip("notes.zip", zipped({"notes/readme.txt": b"hi"}))) == [("no-debate", None)]


def test_a_broken_debate_in_a_zip_lists_its_problems(tmp_path):
    folder = write_debate(tmp_path / "src")
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    files["statements.csv"] = files["statements.csv"].replace(b"milley-club,milley", b"milley-club,nobody")
    received = upload.receive_zip("broken.zip", zipped(files))
    try:
        assert not received.ok
        assert [(p.file, p.field, p.code) for p in received.problems if p.severity == "error"] == [
            ("statements.csv", "actor_id", "unknown-actor")
        ]
    finally:
        upload.discard(received)


def test_the_servers_upload_bound_is_the_librarys():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == upload.MAX_UPLOAD_MB


def test_every_upload_problem_code_is_in_the_readme():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [code for code in upload.UPLOAD_CODES if f"| `{code}` |" not in text] == []
