"""The About page as researchers meet it (issue 16, items 13 and 14): how to cite, the licence as a link, no server
path, the data's own documents as plain text, and how to bring a debate of one's own."""

from __future__ import annotations

import json
import shutil
import tempfile

from streamlit.testing.v1 import AppTest

from stances.cards import NO_ADDRESS
from stances.load import DEFAULT_DEBATE
from tests.app.test_app import APP, html, ok
from tests.app.test_hostile import strings
from tests.app.test_upload import upload_zip, zip_of
from tests.conftest import write_debate


def about(monkeypatch, folder=None) -> AppTest:
    if folder is not None:
        monkeypatch.setenv("STANCES_DEBATE", str(folder))
    at = ok(AppTest.from_file(APP, default_timeout=60).run())
    return ok(at.switch_page("stances/app/pages/about.py").run())


def everything_shown(at: AppTest) -> str:
    """Every string the page sends to the browser: texts, labels, HTML, code, captions."""
    protos = [node.proto for node in at._tree if getattr(node, "proto", None) is not None]
    return "\n".join(text for proto in protos for _, text in strings(proto))


def test_about_links_the_licence_and_says_plainly_that_no_doi_or_address_exists(monkeypatch):
    at = about(monkeypatch)
    assert [s.value for s in at.main.subheader][-1] == "How to cite"
    assert at.code[0].value.startswith("stances contributors (2026). Should Ukraine and Russia negotiate?")
    links = html(at)
    assert (
        '<li>Licence: <a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" '
        'rel="noopener noreferrer">Creative Commons Attribution 4.0</a></li>'
    ) in links
    assert NO_ADDRESS.replace("'", "&#x27;") in links
    assert "doi.org" not in links  # never a made-up DOI


def test_about_links_the_doi_web_page_and_repository_the_descriptor_gives(monkeypatch, tmp_path):
    folder = tmp_path / "debate"
    shutil.copytree(DEFAULT_DEBATE, folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor |= {
        "id": "10.5281/zenodo.0000000",
        "homepage": "https://example.org/debate",
        "repository": "https://example.org/git/debate",
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    links = html(about(monkeypatch, folder))
    assert '<li>DOI: <a href="https://doi.org/10.5281/zenodo.0000000"' in links
    assert '<li>Web page: <a href="https://example.org/debate"' in links
    assert '<li>Repository: <a href="https://example.org/git/debate"' in links
    assert NO_ADDRESS.replace("'", "&#x27;") not in links


def test_about_never_shows_the_server_folder(monkeypatch):
    shown = everything_shown(about(monkeypatch))
    assert str(DEFAULT_DEBATE) not in shown
    assert str(DEFAULT_DEBATE.parent.parent) not in shown


def test_about_never_shows_an_uploads_temporary_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("STANCES_DEBATE", raising=False)
    start = ok(AppTest.from_file(APP, default_timeout=60).run())
    at = upload_zip(start, "mine.zip", zip_of(write_debate(tmp_path / "t")))
    at = ok(at.switch_page("stances/app/pages/about.py").run())
    shown = everything_shown(at)
    assert tempfile.gettempdir() not in shown
    assert str(tmp_path) not in shown


def test_the_codebook_is_the_one_shipped_with_the_data_as_plain_text_with_no_heading_of_its_own(monkeypatch):
    at = about(monkeypatch)
    [codebook] = [e for e in at.expander if e.label.startswith("Codebook")]
    shipped = (DEFAULT_DEBATE / "codebook.md").read_bytes()
    assert codebook.code[0].value == shipped.decode("utf-8").rstrip("\n")
    assert codebook.code[0].language in (None, "", "plaintext")
    assert [b.proto.label for b in codebook.get("download_button")] == ["Download codebook.md"]
    # one page title; the debate's title and "How to cite" below it; nothing the data says becomes a heading
    assert [t.value for t in at.main.title] == ["About this debate"]
    assert [h.value for h in at.main.header] == []
    assert len(at.main.subheader) == 2
    # the codebook speaks to researchers: no developer files named
    for developer_file in ("stances/schema.py", "tests/"):
        assert developer_file not in shipped.decode("utf-8")


def test_about_says_how_to_bring_a_debate_with_a_link_to_the_upload(monkeypatch):
    at = about(monkeypatch)
    assert any(m.value.startswith("**Your own debate**: on the start page") for m in at.markdown)
    [link] = at.get("page_link")
    assert link.proto.label == "Upload a debate on the start page"
    assert link.proto.page_script_hash  # a page of the app: the start page, where the upload is


def test_an_empty_view_says_how_to_bring_a_debate(monkeypatch):
    monkeypatch.delenv("STANCES_DEBATE", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["q"] = "no statement says this"
    ok(at.run())
    assert any(m.value.startswith("**Your own debate**") for m in at.markdown)
    assert [p.proto.label for p in at.get("page_link")] == ["Upload a debate on the start page"]


def test_table_page_offers_the_readme_and_the_sources_beside_the_csv(monkeypatch):
    monkeypatch.delenv("STANCES_DEBATE", raising=False)
    at = ok(AppTest.from_file(APP, default_timeout=60).run())
    at = ok(at.switch_page("stances/app/pages/table.py").run())
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"CSV", "README: licence, citation, columns", "Sources, one row per statement and source (CSV)"} <= labels
