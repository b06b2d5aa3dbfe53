"""Debates no one here wrote open on every page: a DNA project, a workbook and a flat table on a 0 … 10 scale."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from stances.importers import dna, sheet, table
from stances.importers.folder import write_debate
from stances.load import DEFAULT_DEBATE
from tests.conftest import ROOT
from tests.test_import_dna import hearing

APP = str(ROOT / "dashboard.py")
PAGES = ["timeline", "grid", "trends", "present", "sources", "table", "about"]
TEN = """actor,question,date,position,identifier,text
Ann Lee,Rent cap,2020-01-02,0,doc 1,"Lee, the paper wrote, opposed any cap."
Ann Lee,Rent cap,2020-02-03,7,doc 2,
Bo Chen,Rent cap,2020-01-05,10,doc 3,
Bo Chen,Tax cut,2020-01-06,3,doc 4,
"""


def _imported(kind: str, tmp_path):
    if kind == "dna":
        return dna.read(hearing().write(tmp_path / "hearing.dna"))
    if kind == "table":
        (tmp_path / "ten.csv").write_text(TEN, encoding="utf-8")
        return table.read(tmp_path / "ten.csv", table.TableMapping(scale=tuple(range(11))))
    from stances import export
    from stances.load import load_debate

    with (tmp_path / "debate.xlsx").open("wb") as stream:
        export.write_export(load_debate(DEFAULT_DEBATE), export.ExportOptions(format="workbook"), stream)
    return sheet.read(tmp_path / "debate.xlsx")


@pytest.fixture(params=["dna", "table", "workbook"])
def imported_debate(request, tmp_path, monkeypatch):
    folder = tmp_path / "debate"
    problems = write_debate(_imported(request.param, tmp_path), folder)
    assert [p.code for p in problems if p.severity == "error"] == []
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    return folder


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90).run()
    if page != "timeline":
        at.switch_page(f"stances/app/pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_an_imported_debate(imported_debate, page):
    run_page(page)


def test_the_timeline_draws_every_statement_whatever_its_scale(imported_debate):
    import csv

    with (imported_debate / "statements.csv").open(encoding="utf-8") as handle:
        expected = {row["statement_id"] for row in csv.DictReader(handle)}
    spec = json.loads(run_page("timeline").get("plotly_chart")[0].proto.spec)
    drawn = {row[0] for trace in spec["data"] for row in (trace.get("customdata") or []) if row and row[0]}
    assert expected <= drawn
