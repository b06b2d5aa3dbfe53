"""`stances import dna`: a DNA 3 project's mapping onto the format, on tiny projects built with DNA's schema."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from stances.cli import main
from stances.importers import dna
from stances.importers.folder import InputError, write_debate
from stances.load import check_debate, load_debate

from .dna_fixture import Project

HEARING = (
    "Thank you, Mr Chairman 🙂. We urge Congress to cap carbon emissions now. "
    "The senator said, in his words, that a cap would hurt the economy and that the country was not ready."
)


def hearing() -> Project:
    project = Project()
    doc = project.document(HEARING, title="Hearing on emissions", source="Senate", author="Doe, Jane", day=0)
    project.document("Nobody was coded in this one.", title="Uncoded", day=3)
    project.statement(
        doc,
        "We urge Congress to cap carbon emissions now.",
        person="Jane Doe",
        organization="Clean Air Now",
        concept="Emissions should be capped.",
        agreement=1,
    )
    project.statement(
        doc,
        "a cap would hurt the economy",
        person="John Roe",
        organization="Senate",
        concept="Emissions should be capped.",
        agreement=0,
        coder=3,
    )
    project.statement(
        doc,
        "the country was not ready",
        person="",
        organization="Senate",
        concept="The country is ready for a cap.",
        agreement=0,
    )
    project.attributes[("person", "Jane Doe")] = {"Type": "NGO", "Alias": "J. Doe", "Notes": "Called as a witness"}
    project.annotations.append({"document": doc, "text": "check this"})
    return project


@pytest.fixture
def imported(tmp_path: Path) -> dna.Imported:
    return dna.read(hearing().write(tmp_path / "hearing.dna"))


def test_person_becomes_an_actor_with_organisation_as_affiliation_and_type_as_role(imported):
    actors = imported.tables["actors"]
    jane = actors[actors["actor_id"] == "jane-doe"].iloc[0]
    assert (jane["name"], jane["actor_kind"], jane["affiliation"], jane["role"], jane["aliases"]) == (
        "Jane Doe",
        "person",
        "Clean Air Now",
        "NGO",
        "J. Doe",
    )


def test_a_statement_without_a_person_belongs_to_its_organisation_as_a_body(imported):
    actors = imported.tables["actors"].set_index("actor_id")
    assert actors.loc["senate", ["name", "actor_kind", "affiliation"]].tolist() == ["Senate", "body", ""]
    statements = imported.tables["statements"].set_index("statement_id")
    assert statements.loc["dna-3", "actor_id"] == "senate"


def test_concepts_become_questions_with_a_two_point_scale_for_a_boolean_qualifier(imported):
    assert imported.tables["questions"][["question_id", "label"]].values.tolist() == [
        ["emissions-should-be-capped", "Emissions should be capped."],
        ["the-country-is-ready-for-a-cap", "The country is ready for a cap."],
    ]
    points = imported.tables["scale_points"]
    assert points[["question_id", "position", "label"]].values.tolist() == [
        ["emissions-should-be-capped", "-1", "Disagrees"],
        ["emissions-should-be-capped", "1", "Agrees"],
        ["the-country-is-ready-for-a-cap", "-1", "Disagrees"],
        ["the-country-is-ready-for-a-cap", "1", "Agrees"],
    ]
    assert imported.tables["statements"]["position"].tolist() == ["1", "-1", "-1"]


def test_span_is_cut_at_javas_utf16_offsets_and_kept_apart_from_the_quote(imported):
    statements = imported.tables["statements"]
    assert statements["span"].tolist() == [
        "We urge Congress to cap carbon emissions now.",
        "a cap would hurt the economy",
        "the country was not ready",
    ]
    assert set(statements["quote"]) == {""}
    assert set(statements["evidence"]) == {"coded-span"}
    start = HEARING.index("We urge")
    emoji_extra = 1  # 🙂 is one Python character but two UTF-16 code units
    assert imported.tables["statement_sources"]["locator"].iloc[0] == (
        f"characters {start + emoji_extra}–{start + emoji_extra + 45}"
    )


def test_document_becomes_a_consulted_source_whose_date_is_the_statements_date(imported):
    sources = imported.tables["sources"]
    assert sources[["source_id", "outlet", "title", "url", "identifier", "published", "consulted"]].values.tolist() == [
        ["dna-document-1", "Senate", "Hearing on emissions", "", "hearing.dna, document 1", "2005-01-10", "true"],
    ]
    assert sources["notes"].iloc[0] == "Author: Doe, Jane"
    assert set(imported.tables["statements"]["date"]) == {"2005-01-10"}


def test_coder_names_are_kept(imported):
    assert imported.tables["statements"]["coder"].tolist() == ["Coder A", "Coder B", "Coder A"]


def test_what_is_dropped_is_said(imported):
    assert imported.dropped == (
        "1 statement(s) of type 'Annotation' (not the mapped statement type)",
        "1 document(s) without an imported statement",
        "entity attribute(s) Notes (no column for them)",
    )


def test_spellings_differing_in_case_and_spacing_fold_into_one_actor(tmp_path):
    project = Project()
    doc = project.document("The Bundestag voted. The BUNDESTAG  voted again. The bundestag voted a third time.")
    for phrase, name in (
        ("The Bundestag voted.", "Bundestag"),
        ("The BUNDESTAG  voted", "BUNDESTAG "),
        ("voted a third", "Bundestag"),
    ):
        project.statement(doc, phrase, organization=name, concept="Pass the bill.")
    imported = dna.read(project.write(tmp_path / "b.dna"))
    assert imported.tables["actors"][["actor_id", "name", "aliases"]].values.tolist() == [
        ["bundestag", "Bundestag", "BUNDESTAG"]
    ]
    assert set(imported.tables["statements"]["actor_id"]) == {"bundestag"}
    assert "folded 2 spellings into actor 'Bundestag': 'Bundestag', 'BUNDESTAG'" in imported.mapped


def test_an_integer_qualifier_becomes_a_scale_of_its_own_values(tmp_path):
    project = Project(qualifier_type="integer")
    doc = project.document("One. Two. Three.")
    for phrase, value in (("One.", -1), ("Two.", 0), ("Three.", 1)):
        project.statement(doc, phrase, person="Ann Lee", concept="Raise taxes.", agreement=value)
    imported = dna.read(project.write(tmp_path / "i.dna"))
    assert imported.tables["scale_points"]["position"].tolist() == ["-1", "0", "1"]
    assert imported.tables["statements"]["position"].tolist() == ["-1", "0", "1"]


def test_statements_without_a_concept_or_qualifier_are_dropped_and_counted(tmp_path):
    project = hearing()
    project.statement(1, "Thank you", person="Jane Doe", concept="")
    project.statement(1, "Mr Chairman", person="Jane Doe", concept="Emissions should be capped.", agreement=None)
    imported = dna.read(project.write(tmp_path / "h.dna"))
    assert len(imported.tables["statements"]) == 3
    assert "1 statement(s) with no concept" in imported.dropped
    assert "1 statement(s) with no agreement value" in imported.dropped


def test_the_written_debate_validates_and_loads(tmp_path, imported):
    assert [p.code for p in write_debate(imported, tmp_path / "out")] == ["incomplete-descriptor"]  # no licence known
    debate = load_debate(tmp_path / "out")
    assert len(debate.statements) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hearing.dna", "out"]  # no staging folder left behind


def test_the_written_debate_passes_the_frictionless_validator(tmp_path, imported):
    frictionless = pytest.importorskip("frictionless")
    write_debate(imported, tmp_path / "out")
    report = frictionless.validate(str(tmp_path / "out" / "datapackage.json"))
    assert [e.message for task in report.tasks for e in task.errors] == []
    assert report.valid


def test_a_file_that_is_not_sqlite_is_a_located_problem(tmp_path):
    path = tmp_path / "notes.dna"
    path.write_text("just text", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        dna.read(path)
    assert [(p.file, p.code) for p in caught.value.problems] == [("notes.dna", "unreadable-input")]


def test_an_sqlite_file_without_dnas_tables_names_each_missing_table(tmp_path):
    path = tmp_path / "other.dna"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE DOCUMENTS(ID INTEGER, Title TEXT)")
    with pytest.raises(InputError) as caught:
        dna.read(path)
    fields = [p.field for p in caught.value.problems]
    assert fields[:5] == ["STATEMENTS", "STATEMENTTYPES", "VARIABLES", "ENTITIES", "DATASHORTTEXT"]
    assert "DOCUMENTS.Text" in fields


def test_no_statement_type_with_the_mapped_variables_is_unmapped_input(tmp_path):
    path = hearing().write(tmp_path / "h.dna")
    with pytest.raises(InputError) as caught:
        dna.read(path, dna.DnaOptions(concept="claim"))
    (problem,) = caught.value.problems
    assert (problem.code, problem.field) == ("unmapped-input", "STATEMENTTYPES")
    assert "'DNA Statement' (person: short text, organization: short text" in problem.message


def test_cli_prints_the_mapping_and_writes_a_valid_folder(tmp_path, capsys):
    path = hearing().write(tmp_path / "h.dna")
    assert main(["import", "dna", str(path), str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "  concept -> question: 2 question(s)\n" in out
    assert "dropped:\n  1 statement(s) of type 'Annotation' (not the mapped statement type)\n" in out
    assert out.strip().splitlines()[-1] == (
        f"wrote {tmp_path / 'out'}: 3 actors, 2 questions, 4 scale points, 1 sources, 3 statements, 3 statement sources"
    )
    assert [p for p in check_debate(tmp_path / "out") if p.severity == "error"] == []
    assert json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))["name"] == "h"


def test_cli_never_writes_over_an_existing_folder_without_force(tmp_path, capsys):
    path = hearing().write(tmp_path / "h.dna")
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    assert main(["import", "dna", str(path), str(out)]) == 2
    assert "is not empty; pass --force" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]
    assert main(["import", "dna", str(path), str(out), "--force"]) == 0
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "statements.csv").is_file()


def test_cli_exits_one_with_located_problems_on_broken_input(tmp_path, capsys):
    path = tmp_path / "broken.dna"
    path.write_bytes(b"\x00\x01 not a database")
    assert main(["import", "dna", str(path), str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("broken.dna: is not a DNA 3 (SQLite) project file: ")
    assert out.splitlines()[-1] == f"INVALID input: 1 problem(s); nothing written to {tmp_path / 'out'}"
    assert not (tmp_path / "out").exists()


def test_a_named_statement_type_without_the_variables_is_unmapped_input_naming_it(tmp_path):
    path = hearing().write(tmp_path / "h.dna")
    with pytest.raises(InputError) as caught:
        dna.read(path, dna.DnaOptions(statement_type="Annotation"))
    assert caught.value.problems[0].message.startswith("no statement type has a short-text 'person'")
    assert "types: 'Annotation' (note: long text)" in caught.value.problems[0].message
    with pytest.raises(InputError) as caught:
        dna.read(path, dna.DnaOptions(statement_type="Frames"))
    assert caught.value.problems[0].message == "no statement type 'Frames' (types: 'DNA Statement', 'Annotation')"


def test_cli_json_equals_the_librarys_result(tmp_path, capsys):
    from stances.importers.folder import import_result

    path = hearing().write(tmp_path / "h.dna")
    out = tmp_path / "out"
    assert main(["import", "dna", str(path), str(out), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == import_result(out, imported=dna.read(path), problems=check_debate(out), written=True)
    assert printed["counts"]["statements"] == 3


def test_cli_json_lists_the_input_problems(tmp_path, capsys):
    path = tmp_path / "x.dna"
    path.write_text("no", encoding="utf-8")
    assert main(["import", "dna", str(path), str(tmp_path / "out"), "--json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert (printed["written"], [p["code"] for p in printed["input_problems"]]) == (False, ["unreadable-input"])
