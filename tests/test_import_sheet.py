"""`stances export --format workbook` and `stances import sheet`: one sheet per table, there and back unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from stances import schema
from stances.cli import main
from stances.importers import sheet
from stances.importers.folder import InputError, write_debate
from stances.load import DEFAULT_DEBATE, read_tables

from .conftest import TINY
from .conftest import write_debate as write_tiny

HOSTILE = '=HYPERLINK("https://example.org","x") & -1 +2 @me'


def _sorted(tables: dict[str, pd.DataFrame]) -> dict[str, list[list[str]]]:
    out = {}
    for name, frame in tables.items():
        columns = schema.field_names(name)
        out[name] = sorted(frame[columns].astype(str).values.tolist())
    return out


def _export(folder: Path, out: Path) -> Path:
    assert main(["export", str(folder), "--format", "workbook", "--out", str(out)]) == 0
    return out


def test_the_bundled_debate_goes_to_a_workbook_and_back_unchanged(tmp_path, capsys):
    workbook = _export(DEFAULT_DEBATE, tmp_path / "debate.xlsx")
    assert main(["import", "sheet", str(workbook), str(tmp_path / "back")]) == 0
    original, _, _ = read_tables(DEFAULT_DEBATE)
    back, _, _ = read_tables(tmp_path / "back")
    assert _sorted(back) == _sorted(original)
    assert "  sheet 'statements' -> statements.csv: " in capsys.readouterr().out


def test_one_sheet_per_table_with_the_formats_columns(tmp_path):
    book = load_workbook(_export(DEFAULT_DEBATE, tmp_path / "d.xlsx"), read_only=True)
    assert book.sheetnames == [t for t in schema.ALL_TABLES]
    header = next(book["statements"].iter_rows(values_only=True))
    assert list(header) == schema.field_names("statements")


def test_text_that_looks_like_a_formula_stays_exact_text(tmp_path):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statements"][0]["summary"] = HOSTILE
    tables["statements"][0]["notes"] = "-Backed it, then +1"
    folder = write_tiny(tmp_path / "tiny", tables)
    workbook = _export(folder, tmp_path / "tiny.xlsx")
    cells = load_workbook(workbook)["statements"]
    header = [c.value for c in cells[1]]
    summaries = [row[header.index("summary")] for row in cells.iter_rows(min_row=2)]
    hostile = next(c for c in summaries if c.value == HOSTILE)
    assert (hostile.data_type, hostile.quotePrefix) == ("s", True)  # a string with Excel's text prefix, no formula
    imported = sheet.read(workbook)
    assert HOSTILE in imported.tables["statements"]["summary"].tolist()
    assert "-Backed it, then +1" in imported.tables["statements"]["notes"].tolist()


@pytest.mark.parametrize("start", ["\t"])  # (a cell's leading carriage return does not survive the CSV reader)
def test_the_workbook_quotes_every_start_the_export_quotes(tmp_path, start):
    """Regression: formula safety was spelled out twice; the workbook's copy lacked the tab and carriage return
    (OWASP's CSV-injection starts) that the statements export quotes. One list now, in `stances.workbook`."""
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statements"][0]["notes"] = f"{start}=HYPERLINK(\"http://127.0.0.1:9\")"
    workbook = _export(write_tiny(tmp_path / "tiny", tables), tmp_path / "tiny.xlsx")
    cells = load_workbook(workbook)["statements"]
    header = [c.value for c in cells[1]]
    notes = [row[header.index("notes")] for row in cells.iter_rows(min_row=2)]
    hostile = next(c for c in notes if c.value and c.value.startswith(start))
    assert (hostile.data_type, hostile.quotePrefix) == ("s", True)


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        worksheet = book.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    book.save(path)
    return path


def _tiny_sheets() -> dict[str, list[list[object]]]:
    return {
        table: [schema.field_names(table)] + [[row.get(c, "") for c in schema.field_names(table)] for row in rows]
        for table, rows in TINY.items()
    }


def test_excel_dates_numbers_and_booleans_become_the_formats_text(tmp_path):
    sheets = _tiny_sheets()
    statements = sheets["statements"]
    header = statements[0]
    statements[1][header.index("date")] = dt.datetime(2022, 11, 9)
    statements[1][header.index("position")] = 2.0
    sources = sheets["sources"]
    sources[1][sources[0].index("consulted")] = False
    imported = sheet.read(_workbook(tmp_path / "w.xlsx", sheets))
    row = imported.tables["statements"].iloc[0]
    assert (row["date"], row["position"]) == ("2022-11-09", "2")
    assert imported.tables["sources"]["consulted"].iloc[0] == "false"


def test_sheets_are_found_by_title_and_unknown_sheets_and_columns_are_dropped(tmp_path):
    sheets = _tiny_sheets()
    sheets["Statement sources"] = sheets.pop("statement_sources")
    sheets["actors"] = [[*sheets["actors"][0], "twitter"]] + [[*r, "@x"] for r in sheets["actors"][1:]]
    sheets["Read me"] = [["about"], ["my notes"]]
    imported = sheet.read(_workbook(tmp_path / "w.xlsx", sheets))
    assert len(imported.tables["statement_sources"]) == len(TINY["statement_sources"])
    assert imported.dropped == (
        "column(s) 'twitter' of sheet 'actors' (not in the format)",
        "sheet 'Read me' (not a table of the format)",
    )
    assert [p.code for p in write_debate(imported, tmp_path / "out")] == ["incomplete-descriptor"]  # no licence


def test_a_missing_sheet_or_required_column_is_a_located_problem(tmp_path):
    sheets = _tiny_sheets()
    del sheets["questions"]
    sheets["statements"] = [[c for c in row[:-1]] for row in sheets["statements"]]  # no categories: optional
    sheets["actors"] = [row[1:] for row in sheets["actors"]]  # no actor_id
    with pytest.raises(InputError) as caught:
        sheet.read(_workbook(tmp_path / "w.xlsx", sheets))
    assert [(p.file, p.line, p.field, p.code) for p in caught.value.problems] == [
        ("w.xlsx [actors]", 1, "actor_id", "missing-input-table"),
        ("w.xlsx", None, "questions", "missing-input-table"),
    ]


def test_a_file_that_is_not_a_workbook_is_a_located_problem(tmp_path, capsys):
    path = tmp_path / "notes.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    assert main(["import", "sheet", str(path), str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("notes.xlsx: is not an Excel workbook (.xlsx): ")
    assert not (tmp_path / "out").exists()
