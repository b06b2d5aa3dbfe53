"""Exports: CSV, Excel, JSON and the zipped data package hold the filtered rows, safely, and the CLI writes the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from frictionless import validate as frictionless_validate

from stances import export, query
from stances.cli import main
from stances.export import ExportOptions, ExportTooLarge
from stances.load import check_debate, load_debate
from stances.model import DebateMeta
from stances.query import Filters

WHEN = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
SULLIVAN = Filters(actors=("sullivan",))


@pytest.fixture
def debate(tiny_debate):
    return load_debate(tiny_debate)


@pytest.fixture
def formula_debate(broken_debate):
    """The tiny debate with text cells a spreadsheet would run as formulas."""
    folder = broken_debate("statements", 0, summary="=1+1", notes="@SUM(A1)", quote="")
    statements = folder / "statements.csv"
    text = statements.read_text(encoding="utf-8")
    text = text.replace("Saw a window for talks.", "+cmd").replace("Denied pressing Kyiv.", "-x")
    text = text.replace("Did not share the general's view.", '"\tfoo"')
    statements.write_text(text, encoding="utf-8")
    return load_debate(folder)


def options(**changes) -> ExportOptions:
    return ExportOptions(**{"exported_at": WHEN, **changes})


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype={"position": "int64"})


def expected_rows(debate, filters: Filters) -> pd.DataFrame:
    rows = query.table_rows(debate, query.apply(debate, filters))
    return rows.assign(date=rows["date"].astype(str))


def test_file_name_carries_debate_version_and_date():
    meta = DebateMeta(name="ukraine-talks-2022", title="T", version="0.1.0")
    day = dt.date(2026, 11, 25)
    assert [export.export_file_name(meta, f, day) for f in ("csv", "xlsx", "json", "package")] == [
        "ukraine-talks-2022_v0.1.0_2026-11-25.csv",
        "ukraine-talks-2022_v0.1.0_2026-11-25.xlsx",
        "ukraine-talks-2022_v0.1.0_2026-11-25.json",
        "ukraine-talks-2022_v0.1.0_2026-11-25_package.zip",
    ]


def test_csv_rows_and_columns_equal_the_filtered_table(debate):
    data = export.export_bytes(debate, options(filters=SULLIVAN))
    assert data.startswith(export.BOM)
    pd.testing.assert_frame_equal(read_csv(data), expected_rows(debate, SULLIVAN), check_dtype=False)
    assert read_csv(data)["statement_id"].tolist() == ["sullivan-briefing", "sullivan-view"]


def test_csv_of_scope_all_ignores_the_filters(debate):
    data = export.export_bytes(debate, options(filters=SULLIVAN, scope="all"))
    assert len(read_csv(data)) == 4


def test_csv_without_bom_starts_with_the_header(debate):
    data = export.export_bytes(debate, options(bom=False))
    assert data.startswith(b"statement_id,date,")


def test_csv_of_no_rows_is_just_the_header(debate):
    data = export.export_bytes(debate, options(filters=Filters(text="no such words")))
    assert data == export.BOM + (",".join(query.TABLE_COLUMNS) + "\n").encode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd", "'+cmd"),
        ("-x", "'-x"),
        ("\tfoo", "'\tfoo"),
        ("\rfoo", "'\rfoo"),
        ("plain words", "plain words"),
        ("a = b", "a = b"),
        ("", ""),
    ],
)
def test_neutralise_prefixes_formula_starts(value, expected):
    assert export.neutralise(value) == expected


def test_csv_neutralises_formula_cells_but_keeps_positions_numeric(formula_debate):
    table = read_csv(export.export_bytes(formula_debate, options())).set_index("statement_id")
    assert table["summary"].to_dict() == {
        "milley-private": "'=1+1",
        "milley-club": "'+cmd",
        "sullivan-briefing": "'-x",
        "sullivan-view": "'\tfoo",
    }
    assert table.loc["milley-private", "notes"] == "'@SUM(A1)"
    plain = pd.read_csv(io.BytesIO(export.export_bytes(formula_debate, options())), encoding="utf-8-sig")
    assert plain["position"].dtype == "int64"
    assert plain["position"].tolist() == [2, 1, -2, -1]


def test_xlsx_has_statements_and_about_sheets(formula_debate):
    data = export.export_bytes(formula_debate, options(format="xlsx", filters=Filters(channels=("public",))))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["statements", "about"]
    sheet = book["statements"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(query.TABLE_COLUMNS)
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert list(by_id) == ["milley-club", "sullivan-briefing"]
    assert by_id["milley-club"]["summary"] == "'+cmd"
    assert by_id["sullivan-briefing"]["summary"] == "'-x"
    assert by_id["sullivan-briefing"]["position"] == -2
    assert by_id["sullivan-briefing"]["date"] == dt.datetime(2022, 11, 10)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:U3"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    about = {k: v for k, v in book["about"].iter_rows(values_only=True)}
    assert about == {
        "Dataset": "A tiny debate",
        "Name": "tiny",
        "Version": "1.0.0",
        "Licence": "Creative Commons Attribution 4.0",
        "Licence URL": "https://creativecommons.org/licenses/by/4.0/",
        "Scope": "current view (filtered)",
        "Filters": "Channel: public",
        "Exported at (UTC)": "2026-11-25T09:30:00Z",
        "Statements": "2",
        "Citation": "",
    }


def test_xlsx_refuses_more_rows_than_a_sheet_holds():
    rows = pd.DataFrame({"statement_id": pd.Series(["s"] * (export.EXCEL_MAX_ROWS), dtype=object)})
    with pytest.raises(ExportTooLarge, match=r"1,048,576 statements do not fit in an Excel sheet"):
        export.write_xlsx(rows, io.BytesIO(), about={})


def test_json_round_trips_rows_and_dataset(debate):
    data = json.loads(export.export_bytes(debate, options(format="json", filters=SULLIVAN)))
    assert data["dataset"] == {
        "name": "tiny",
        "title": "A tiny debate",
        "version": "1.0.0",
        "description": "",
        "licence": "Creative Commons Attribution 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "homepage": "",
        "repository": "",
        "identifier": "",
        "citation": "",
        "scope": "view",
        "filters": {"Actors": "sullivan"},
        "exported_at": "2026-11-25T09:30:00Z",
        "statements": 2,
    }
    expected = expected_rows(debate, SULLIVAN).to_dict(orient="records")
    assert data["statements"] == expected
    assert data["statements"][0]["source_urls"] == "https://example.org/wh"


def test_json_keeps_formula_text_verbatim(formula_debate):
    data = json.loads(export.export_bytes(formula_debate, options(format="json")))
    assert [s["summary"] for s in data["statements"]] == ["=1+1", "+cmd", "-x", "\tfoo"]


HOSTILE = [
    '"},{"',
    "back\\slash \\",
    "tab\there",
    "new\nline",
    "\\/ and /",
    'quote " inside',
    "\u2028 \U0001f600 \u00e9",
]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_round_trips_hostile_text_exactly(broken_debate, fmt):
    """Regression (issue 9, defect 2): text holding `},{` made the JSON export invalid (a raw newline in a string)."""
    from tests.conftest import TINY, write_debate

    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    for row, text in zip(tables["statements"], HOSTILE, strict=False):
        row["summary"] = text
        row["notes"] = "".join(HOSTILE)
    tables["statements"][1]["quote"] = HOSTILE[0] + HOSTILE[1]
    debate = load_debate(write_debate(broken_debate("statements").parent / "hostile", tables))
    data = export.export_bytes(debate, options(format=fmt))
    records = json.loads(data)["statements"] if fmt == "json" else [json.loads(line) for line in data.splitlines()]
    by_id = {r["statement_id"]: r for r in records}
    expected = {r["statement_id"]: (r["summary"], r["notes"], r["quote"]) for r in tables["statements"]}
    assert {i: (r["summary"], r["notes"], r["quote"]) for i, r in by_id.items()} == expected


def test_json_lines_has_one_statement_per_line(debate):
    lines = export.export_bytes(debate, options(format="jsonl")).decode().splitlines()
    assert [json.loads(line) for line in lines] == expected_rows(debate, Filters()).to_dict(orient="records")


def test_json_streams_in_chunks(debate, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_ROWS", 1)
    data = json.loads(export.export_bytes(debate, options(format="json")))
    assert [s["statement_id"] for s in data["statements"]] == [
        "milley-private",
        "milley-club",
        "sullivan-briefing",
        "sullivan-view",
    ]


def unzip(data: bytes, tmp_path):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    (folder,) = {n.split("/")[0] for n in names}
    return tmp_path / folder, sorted(n.split("/", 1)[1] for n in names)


def test_package_is_a_valid_debate_of_just_the_filtered_statements(tiny_debate, debate, tmp_path):
    extra = {"codebook.md": b"# Codebook\n", "CITATION.cff": b"cff-version: 1.2.0\n"}
    data = export.export_bytes(debate, options(format="package", filters=SULLIVAN), extra_files=extra)
    folder, names = unzip(data, tmp_path / "out")
    assert folder.name == "tiny_v1.0.0_2026-11-25"
    assert names == [
        "CITATION.cff",
        "README.md",
        "actors.csv",
        "codebook.md",
        "datapackage.json",
        "events.csv",
        "questions.csv",
        "scale_points.csv",
        "sources.csv",
        "statement_sources.csv",
        "statements.csv",
    ]
    assert check_debate(folder) == []
    exported = load_debate(folder)
    assert exported.statements["statement_id"].tolist() == ["sullivan-briefing", "sullivan-view"]
    # nv-report is kept with the source it reports on; wh-briefing also backs the event.
    assert sorted(exported.sources["source_id"]) == ["nv-report", "nyt-report", "wh-briefing"]
    assert (folder / "codebook.md").read_bytes() == b"# Codebook\n"
    assert frictionless_validate(folder / "datapackage.json").valid


def test_package_keeps_the_reporting_chain_and_event_sources(debate, tmp_path):
    data = export.export_bytes(debate, options(format="package", filters=Filters(outlets=("The White House",))))
    folder, _ = unzip(data, tmp_path)
    exported = load_debate(folder)
    assert exported.statements["statement_id"].tolist() == ["sullivan-briefing"]
    assert exported.statement_sources["source_id"].tolist() == ["wh-briefing"]
    assert exported.sources["source_id"].tolist() == ["wh-briefing"]
    assert exported.events["event_id"].tolist() == ["midterms"]
    assert check_debate(folder) == []


def test_package_records_its_filters_and_origin(tiny_debate, debate, tmp_path):
    extra = {"datapackage.json": (tiny_debate / "datapackage.json").read_bytes()}
    data = export.export_bytes(debate, options(format="package", filters=SULLIVAN), extra_files=extra)
    folder, _ = unzip(data, tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text())
    assert (descriptor["name"], descriptor["version"]) == ("tiny", "1.0.0")
    assert descriptor["stances_export"] == {
        "from_version": "1.0.0",
        "scope": "view",
        "filters": {"Actors": "sullivan"},
        "exported_at": "2026-11-25T09:30:00Z",
        "statements": 2,
    }
    readme = (folder / "README.md").read_text()
    assert "- Filters: Actors: sullivan" in readme
    assert "- Exported at (UTC): 2026-11-25T09:30:00Z" in readme
    assert "from version 1.0.0 of the dataset `tiny`" in readme


def test_package_of_no_statements_is_still_valid(debate, tmp_path):
    data = export.export_bytes(debate, options(format="package", filters=Filters(text="no such words")))
    folder, _ = unzip(data, tmp_path)
    assert load_debate(folder).statements.empty


def test_filter_problems_name_unknown_values_and_list_known_ones(debate):
    filters = Filters(actors=("milly",), outlets=("The Times",), start=dt.date(2022, 12, 1), end=dt.date(2022, 11, 1))
    assert query.filter_problems(debate, filters) == [
        "unknown actor 'milly' (known: milley, sullivan)",
        "unknown outlet 'The Times' (known: New Voice of Ukraine, The New York Times, The White House)",
        "the date range is reversed: from 2022-12-01 is after to 2022-11-01",
    ]


def test_progress_is_reported_per_chunk(debate, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_ROWS", 3)
    seen = []
    export.export_bytes(debate, options(), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(3, 4), (4, 4)]


# The command line


def test_cli_csv_equals_the_library_bytes(tiny_debate, debate, tmp_path, capsys):
    out = tmp_path / "view.csv"
    argv = ["export", str(tiny_debate), "--out", str(out), "--actor", "sullivan", "--position", "-2"]
    assert main(argv) == 0
    assert capsys.readouterr().out == f"wrote {out} (1 statements)\n"
    filters = Filters(actors=("sullivan",), positions=(-2,))
    assert out.read_bytes() == export.export_bytes(debate, options(filters=filters))


def test_cli_json_equals_the_library_result(tiny_debate, debate, tmp_path):
    out = tmp_path / "view.json"
    argv = ["export", str(tiny_debate), "--format", "json", "--out", str(out), "--on-record-only", "--from"]
    assert main([*argv, "2022-11-10"]) == 0
    written = json.loads(out.read_bytes())
    filters = Filters(on_record_only=True, start=dt.date(2022, 11, 10))
    expected = json.loads(export.export_bytes(debate, options(format="json", filters=filters)))
    expected["dataset"]["exported_at"] = written["dataset"]["exported_at"]
    assert written == expected


def test_cli_default_name_in_the_given_folder(tiny_debate, tmp_path):
    assert main(["export", str(tiny_debate), "--format", "package", "--out", str(tmp_path)]) == 0
    (written,) = tmp_path.glob("tiny_v1.0.0_*_package.zip")
    folder, _ = unzip(written.read_bytes(), tmp_path / "unzipped")
    assert check_debate(folder) == []


def test_cli_never_overwrites_without_force(tiny_debate, tmp_path, capsys):
    out = tmp_path / "view.csv"
    out.write_text("keep me")
    assert main(["export", str(tiny_debate), "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"stances: error: {out} already exists; pass --force to overwrite it\n"
    assert out.read_text() == "keep me"
    assert main(["export", str(tiny_debate), "--out", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(export.BOM + b"statement_id,")


def test_cli_unknown_actor_is_a_usage_error_listing_the_known_ones(tiny_debate, tmp_path, capsys):
    assert main(["export", str(tiny_debate), "--out", str(tmp_path), "--actor", "milly"]) == 2
    assert capsys.readouterr().err == "stances: error: unknown actor 'milly' (known: milley, sullivan)\n"
    assert list(tmp_path.iterdir()) == [tiny_debate]


@pytest.mark.parametrize(
    "arguments",
    [["--format", "pdf"], ["--from", "last week"], ["--position", "3"], ["--evidence", "rumour"]],
)
def test_cli_bad_arguments_exit_two(tiny_debate, tmp_path, arguments):
    assert main(["export", str(tiny_debate), "--out", str(tmp_path), *arguments]) == 2


def test_cli_invalid_debate_prints_problems_and_exits_one(broken_debate, tmp_path, capsys):
    folder = broken_debate("statements", 1, actor_id="milly")
    assert main(["export", str(folder), "--out", str(tmp_path / "x.csv")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"INVALID: {folder}: 1 error(s), 0 warning(s)"
    assert not (tmp_path / "x.csv").exists()


def test_cli_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == f"stances: error: no such folder: {tmp_path / 'nope'}\n"


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "package"])
def test_chunked_writing_gives_the_same_bytes(debate, monkeypatch, fmt):
    whole = export.export_bytes(debate, options(format=fmt))
    monkeypatch.setattr(export, "CHUNK_ROWS", 1)
    assert export.export_bytes(debate, options(format=fmt)) == whole


HOSTILE_TEXTS = [
    "plain",
    "x & <y> \"q\" 'a'",
    "_x0041_ looks like an escape",
    "ctl \x01 \x08 \x0b \x1f end",
    "non-characters \ufffe \uffff",
    " leading space",
    "trailing space ",
    "\u3000ideographic space",
    "no-break\xa0",
    "\x85next line",
    "tab\tand\nnewline",
    "=1+1",
    "+cmd",
    "",
    "ü ✓ 𝄞 astral",
    "},{\\/",
]


def _sheet_frame() -> pd.DataFrame:
    count = len(HOSTILE_TEXTS)
    days = [dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1), dt.date(2022, 11, 10)]
    return pd.DataFrame(
        {
            "statement_id": [f"s{i}" for i in range(count)],
            "date": [days[i % len(days)] for i in range(count)],
            "position": [(i % 5) - 2 for i in range(count)],
            "summary": HOSTILE_TEXTS,
            "notes": list(reversed(HOSTILE_TEXTS)),
        }
    )


def _sheet_xml(rows: pd.DataFrame, *, by_cell: bool) -> bytes:
    buffer = io.BytesIO()
    export.write_xlsx(rows, buffer, about={"Dataset": "x"}, by_cell=by_cell)
    with zipfile.ZipFile(buffer) as book:
        return book.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("which", ["hostile texts", "bundled debate"])
def test_xlsx_rows_built_a_column_at_a_time_are_the_bytes_xlsxwriter_writes_cell_by_cell(which):
    if which == "hostile texts":
        rows = _sheet_frame()
    else:
        debate = load_debate(Path(__file__).parent / "fixtures" / "ukraine-talks-2022-v0.1.0")
        rows = query.table_rows(debate, debate.statements)
    fast = _sheet_xml(rows, by_cell=False)
    assert fast == _sheet_xml(rows, by_cell=True)
    assert fast.count(b"<row ") == len(rows) + 1


def test_xlsx_text_like_rich_text_stays_text():
    # xlsxwriter writes a text "<r>…</r>" unescaped (as rich text); the column writer escapes it like any text
    rows = pd.DataFrame({"statement_id": ["a", "b", "c"], "summary": ["x", "<r><t>bold</t></r>", "y"]})
    buffer = io.BytesIO()
    export.write_xlsx(rows, buffer, about={})
    sheet = openpyxl.load_workbook(buffer)["statements"]
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["x", "<r><t>bold</t></r>", "y"]


def test_xlsx_reads_back_every_hostile_value_and_type():
    rows = _sheet_frame()
    buffer = io.BytesIO()
    export.write_xlsx(rows, buffer, about={})
    sheet = openpyxl.load_workbook(buffer)["statements"]
    read = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in read] == rows["position"].tolist()
    assert [r[1].date() for r in read] == rows["date"].tolist()
    expected = [export.neutralise(t) or None for t in HOSTILE_TEXTS]
    # openpyxl leaves Excel's _xHHHH_ escapes (control characters, and a literal "_x0041_") as written; Excel
    # reads them back to the characters, as this does
    excel = [re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), r[3]) if r[3] else r[3] for r in read]
    assert excel == expected


def test_xlsx_with_a_text_too_long_for_the_column_writer_is_written_cell_by_cell():
    rows = pd.DataFrame({"statement_id": ["a", "b", "c"], "notes": ["x", "y" * 40_000, "z"]})
    assert export._sheet_columns(rows) is None
    buffer = io.BytesIO()
    export.write_xlsx(rows, buffer, about={})
    sheet = openpyxl.load_workbook(buffer)["statements"]
    assert len(sheet["B3"].value) == 32_767  # Excel's limit, as xlsxwriter cuts it


# beside the CSV: the README and the long sources table (issue 16, item 13) ---------------------------------------


def test_every_exported_column_has_one_meaning_written_down(debate):
    assert list(query.table_rows(debate, debate.statements).columns) == list(query.TABLE_COLUMN_MEANINGS)
    assert list(query.statement_source_rows(debate, debate.statements).columns) == list(query.SOURCE_ROW_MEANINGS)
    assert all(query.TABLE_COLUMN_MEANINGS.values()) and all(query.SOURCE_ROW_MEANINGS.values())


def test_readme_beside_the_csv_gives_licence_citation_files_and_every_column(debate):
    text = export.export_bytes(debate, options(format="readme", filters=SULLIVAN)).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "A tiny debate: exported statements"
    assert "Licence URL:       https://creativecommons.org/licenses/by/4.0/" in lines
    assert "Filters:           Actors: sullivan" in lines
    assert "Statements:        2" in lines
    assert "Address:           none recorded (no DOI, web page or repository in datapackage.json)" in lines
    assert "  tiny_v1.0.0_2026-11-25.csv: one row per statement." in lines
    for name, meaning in {**query.TABLE_COLUMN_MEANINGS, **query.SOURCE_ROW_MEANINGS}.items():
        assert f"  {name}: {meaning}" in lines
    assert export.export_file_name(debate.meta, "readme", WHEN.date()) == "tiny_v1.0.0_2026-11-25_README.txt"


def test_readme_and_about_sheet_name_the_doi_web_page_and_repository_when_given(debate):
    meta = dataclasses.replace(
        debate.meta, identifier="10.5281/zenodo.1", homepage="https://example.org/d", repository="https://git.example/d"
    )
    given = dataclasses.replace(debate, meta=meta)
    info = export.about(given, options(), rows=4)
    assert (info["DOI"], info["Homepage"], info["Repository"]) == (
        "10.5281/zenodo.1",
        "https://example.org/d",
        "https://git.example/d",
    )
    text = export.export_bytes(given, options(format="readme")).decode("utf-8")
    assert "DOI:               10.5281/zenodo.1" in text.splitlines()
    assert "Address:" not in text
    header = export.dataset_header(given, options(), rows=4)
    assert (header["identifier"], header["repository"]) == ("10.5281/zenodo.1", "https://git.example/d")


def test_sources_file_has_one_row_per_statement_and_source_with_real_dates(debate):
    data = export.export_bytes(debate, options(format="sources"))
    assert data.startswith(export.BOM + b"statement_id,source_rank,source_id,")
    rows = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, parse_dates=["published"])
    assert rows["published"].dtype.kind == "M" and rows["source_rank"].dtype.kind == "i"
    assert rows[["statement_id", "source_rank", "source_id", "locator"]].values.tolist() == [
        ["milley-private", 1, "nyt-report", ""],
        ["milley-private", 2, "nv-report", "para. 1"],
        ["milley-club", 1, "nv-report", "para. 4"],
        ["sullivan-briefing", 1, "wh-briefing", ""],
        ["sullivan-view", 1, "nv-report", "para. 6"],
    ]
    nv = rows[rows["source_id"] == "nv-report"].iloc[0]
    assert nv["published"] == pd.Timestamp("2022-11-11")
    assert nv["reporting_chain"] == query.chain_outlets(debate.sources)["nv-report"]
    # the same sources, in the same order, as the statements file's joined columns
    joined = query.table_rows(debate, debate.statements).set_index("statement_id")["source_ids"]
    assert rows.groupby("statement_id", sort=False)["source_id"].agg("; ".join).to_dict() == joined.to_dict()


def test_sources_file_holds_only_the_filtered_statements(debate):
    rows = read_csv(export.export_bytes(debate, options(format="sources", filters=SULLIVAN)))
    assert rows["statement_id"].tolist() == ["sullivan-briefing", "sullivan-view"]


def test_csv_is_a_plain_table_pandas_and_openpyxl_read_as_is(debate, tmp_path):
    # no comment or licence lines in the CSV itself (they would be rows to Excel and R): they are in the README
    data = export.export_bytes(debate, options())
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(query.TABLE_COLUMNS)
    assert len(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")) == 4
    book = openpyxl.load_workbook(io.BytesIO(export.export_bytes(debate, options(format="xlsx"))))
    about = dict(book["about"].iter_rows(values_only=True))
    assert about["Licence URL"] == "https://creativecommons.org/licenses/by/4.0/"


def test_package_tables_are_written_as_pandas_writes_csv_and_read_back_exactly():
    from stances.package import csv_text

    texts = ["x", "", "has,comma", 'q"uote', "nl\nx", " sp ", "tab\tx", "ü ✓", "crlf\r\nx", "=1+1"]
    frame = pd.DataFrame({"text": texts, "n": range(len(texts))})
    assert csv_text(frame).decode("utf-8") == frame.to_csv(index=False, lineterminator="\n")
    assert csv_text(frame, header=False).decode("utf-8") == frame.to_csv(index=False, header=False, lineterminator="\n")
    lone = pd.DataFrame({"text": ["cr\rx"]})  # pandas leaves a lone "\r" unquoted, which readers split on
    assert csv_text(lone) == b'text\n"cr\rx"\n'
    assert pd.read_csv(io.BytesIO(csv_text(lone)), keep_default_na=False)["text"].tolist() == ["cr\rx"]
