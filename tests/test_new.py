"""`stances new`: an empty debate that validates, with a codebook to fill in."""

from __future__ import annotations

import json

from stances import schema
from stances.cli import main
from stances.load import check_debate


def test_new_scaffolds_an_empty_valid_debate(tmp_path, capsys):
    out = tmp_path / "my-debate"
    assert main(["new", str(out), "--title", "My debate"]) == 0
    assert [(p.code, p.field, p.severity) for p in check_debate(out)] == [
        ("incomplete-descriptor", "licenses", "warning")
    ]
    for table in schema.TABLE_ORDER:
        assert (out / schema.file_name(table)).read_text(encoding="utf-8") == ",".join(schema.field_names(table)) + "\n"
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["name"], descriptor["title"]) == ("my-debate", "My debate")
    codebook = (out / "codebook.md").read_text(encoding="utf-8")
    assert codebook.startswith("# Codebook: My debate\n")
    assert "*No questions yet.* Add a row to `questions.csv`" in codebook
    assert "| `statement_id` | yes |" in codebook
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"wrote {out}: 0 actors, 0 questions")


def test_new_refuses_a_folder_that_holds_files(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 2
    assert "is not empty; pass --force" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
