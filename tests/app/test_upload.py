"""Upload on the start page (AppTest): a zipped debate is explored in this session; a broken one shows its problems
and changes nothing on disk."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from stances import upload
from stances.cards import shown
from stances.load import DATA_DIR
from tests.conftest import ROOT, write_debate

APP = str(ROOT / "dashboard.py")


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def zip_of(folder: Path, **replace: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.writestr(f"{folder.name}/{path.name}", replace.get(path.name, path.read_bytes()))
    return buffer.getvalue()


def disk_state() -> tuple:
    """Every file under data/ with its size and mtime, and the upload folders in the temporary directory."""
    files = tuple(sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in DATA_DIR.rglob("*") if p.is_file()))
    uploads = tuple(sorted(p.name for p in Path(tempfile.gettempdir()).glob(upload.PREFIX + "*")))
    return files, uploads


def upload_zip(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="upload_file_zip").set_value((name, data, "application/zip")).run()
    ok(at)
    return ok(at.button(key="upload_open").click().run())


@pytest.fixture
def start(monkeypatch, tmp_path_factory) -> AppTest:
    # A temporary folder of this test's own: the disk checks compare upload folders, and other test processes
    # (pytest -n, other sessions) make theirs in the shared one.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("tmpdir")))
    monkeypatch.delenv("STANCES_DEBATE", raising=False)
    monkeypatch.delenv("STANCES_DATA", raising=False)
    return ok(AppTest.from_file(APP, default_timeout=60).run())


def test_a_zipped_debate_is_explored_in_this_session_on_every_page(start, tmp_path):
    at = upload_zip(start, "my debate.zip", zip_of(write_debate(tmp_path / "tiny")))
    said = "Exploring your upload “my debate.zip”: only in this browser session; links to it do not work elsewhere."
    assert [i.value for i in at.sidebar.info] == [shown(said)]
    assert any(c.value.startswith("A tiny debate") for c in at.sidebar.caption)
    assert at.multiselect(key="actor").options == ["Mark A. Milley", "Jake Sullivan"]
    for page in ["grid", "trends", "present", "sources", "table", "about"]:
        ok(at.switch_page(f"stances/app/pages/{page}.py").run())
    explored = at.session_state["_upload"]
    workspace = explored.received.workspace
    assert workspace.is_dir() and not workspace.is_relative_to(DATA_DIR.resolve())
    # About (the last page run) names the upload, never the server's temporary folder it was unpacked in (issue 10)
    assert at.title[0].value == "About this debate"
    on_screen = [str(getattr(e, "value", "")) for e in at._tree if hasattr(e, "value")]
    on_screen += [frame.to_csv() for frame in (d.value for d in at.dataframe)]
    assert [t for t in on_screen if workspace.name in t or str(workspace.parent) in t] == []
    ok(at.button(key="upload_close").click().run())
    assert not at.sidebar.info
    assert not workspace.exists()
    assert any("Ukraine" in c.value or "ukraine" in c.value.lower() for c in at.sidebar.caption)


def test_a_broken_zip_shows_its_problems_and_changes_nothing_on_disk(start, tmp_path):
    folder = write_debate(tmp_path / "tiny")
    statements = (folder / "statements.csv").read_bytes().replace(b"milley-club,milley", b"milley-club,nobody")
    before = disk_state()
    at = upload_zip(start, "broken.zip", zip_of(folder, **{"statements.csv": statements}))
    assert [e.value for e in at.error] == [shown("“broken.zip” cannot be explored: 1 problem(s). Nothing was kept.")]
    problems = at.code[-1].value
    assert "statements.csv:" in problems and "[unknown-actor]" in problems
    assert "_upload" not in at.session_state
    assert not at.sidebar.info
    assert disk_state() == before


def test_a_zip_that_climbs_out_of_its_folder_is_refused(start):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../escaped.csv", "x")
    before = disk_state()
    at = upload_zip(start, "evil.zip", buffer.getvalue())
    assert "[unsafe-member]" in at.code[-1].value
    assert disk_state() == before


FLAT = (
    "Speaker,Topic,Date,Stance,Said,Link\n"
    "Anna Adler,Open talks now,2022-11-01,1,We should talk.,https://example.org/a\n"
    "Boris Brandt,Open talks now,2022-11-02,-1,Not now.,https://example.org/b\n"
)


def test_a_flat_table_is_explored_with_the_columns_mapped_on_screen(start):
    at = ok(start.radio(key="upload_kind").set_value("table").run())
    at = ok(at.file_uploader(key="upload_file_table").set_value(("coded.csv", FLAT.encode(), "text/csv")).run())
    for key, column in {"actor": "Speaker", "question": "Topic", "date": "Date", "position": "Stance"}.items():
        at.selectbox(key=f"upload_map_{key}").set_value(column)
    at.selectbox(key="upload_map_quote").set_value("Said")
    at.selectbox(key="upload_map_url").set_value("Link")
    at = ok(at.run())
    at = ok(at.button(key="upload_open").click().run())
    assert not at.error, [e.value for e in at.error]
    assert sorted(at.multiselect(key="actor").options) == ["Anna Adler", "Boris Brandt"]
    ok(at.switch_page("stances/app/pages/table.py").run())
    assert sorted(at.dataframe[0].value["quote"]) == ["Not now.", "We should talk."]
    ok(at.button(key="upload_close").click().run())
