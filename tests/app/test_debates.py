"""Several debates in one app: the picker, bound to `?debate=`, and what it names."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, TINY, write_debate

APP = str(ROOT / "dashboard.py")


@pytest.fixture
def two_debates(tmp_path, monkeypatch):
    root = tmp_path / "data"
    write_debate(root / "alpha")
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["actors"][0]["name"] = "Beta Milley"
    write_debate(root / "beta", tables)
    descriptor = json.loads((root / "beta" / "datapackage.json").read_text())
    descriptor.update(name="beta", title="The beta debate")
    (root / "beta" / "datapackage.json").write_text(json.dumps(descriptor))
    monkeypatch.setenv("STANCES_DATA", str(root))
    monkeypatch.delenv("STANCES_DEBATE", raising=False)
    return root


def run(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sidebar_captions(at: AppTest) -> list[str]:
    """The sidebar's captions as a person reads them (the Markdown escapes undone)."""
    return [c.value.replace("\\", "") for c in at.sidebar.caption]


def test_the_picker_offers_every_debate_and_opens_the_default(two_debates):
    at = run()
    assert at.selectbox(key="debate").options == ["alpha", "beta"]
    assert at.selectbox(key="debate").value == "alpha"
    assert "A tiny debate · version 1.0.0" in sidebar_captions(at)


def test_a_link_naming_a_debate_opens_it(two_debates):
    at = run(debate="beta")
    assert at.selectbox(key="debate").value == "beta"
    assert "The beta debate · version 1.0.0" in sidebar_captions(at)
    assert "Beta Milley" in at.multiselect(key="actor").options


def test_picking_another_debate_shows_it_and_clears_the_filters(two_debates):
    at = run(actor="Mark A. Milley")
    assert at.multiselect(key="actor").value == ["milley"]
    at.selectbox(key="debate").set_value("beta").run()
    assert not at.exception
    assert "The beta debate · version 1.0.0" in sidebar_captions(at)
    assert at.multiselect(key="actor").value == []


@pytest.mark.parametrize("hostile", ["../alpha", "/etc/passwd", "gamma", "beta/../alpha", "..%2Fbeta"])
def test_a_link_to_an_unknown_debate_opens_the_default_with_a_notice(two_debates, hostile):
    at = run(debate=hostile)
    assert at.selectbox(key="debate").value == "alpha"
    notices = [w.value for w in at.warning]
    assert any("unknown debate" in n for n in notices), notices


def test_every_page_runs_on_the_other_debate(two_debates):
    at = run(debate="beta")
    for page in ["timeline", "grid", "trends", "present", "sources", "table", "about"]:
        at.switch_page(f"stances/app/pages/{page}.py").run()
        assert not at.exception, (page, [e.message for e in at.exception])
        assert "The beta debate · version 1.0.0" in sidebar_captions(at), page
