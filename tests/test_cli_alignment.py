"""`stances alignment`: the files it writes equal the library's result and carry dataset, citation and window."""

from __future__ import annotations

import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from stances import alignment_export
from stances.cli import main
from stances.load import load_debate
from stances.query import Filters

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def test_csv_equals_the_library_and_carries_the_window(tiny_debate, tmp_path, capsys):
    out = tmp_path / "pairs.csv"
    assert main(["alignment", str(tiny_debate), "--out", str(out), "--to", "2022-11-30"]) == 0
    assert capsys.readouterr().out == f"wrote {out} (1 pairs of 2 actors)\n"
    table = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert table.to_dict(orient="records") == [
        {
            "actor_a": "milley",
            "actor_b": "sullivan",
            "shared_questions": 1,
            "agreement": 0.5,  # talks-now: milley's latest +1 against sullivan's -1, on a 4-point range
            "window_from": "2022-11-01",
            "window_to": "2022-11-30",
            "measure": "agreement",
            "dataset": "A tiny debate",
            "version": "1.0.0",
            "citation": "",
        }
    ]
    debate = load_debate(tiny_debate)
    options = alignment_export.AlignmentOptions(filters=Filters(end=dt.date(2022, 11, 30)))
    assert out.read_bytes() == alignment_export.to_csv(debate, options)


def test_measure_adds_its_columns(tiny_debate, tmp_path):
    out = tmp_path / "pairs.csv"
    assert main(["alignment", str(tiny_debate), "--out", str(out), "--measure", "congruence"]) == 0
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert table[["actor_a", "actor_b", "congruence", "conflict", "measure"]].values.tolist() == [
        ["milley", "sullivan", 0, 1, "congruence"]
    ]


def test_filters_and_window_narrow_the_pairs(tiny_debate, tmp_path):
    out = tmp_path / "pairs.json"
    assert main(["alignment", str(tiny_debate), "--format", "json", "--out", str(out), "--on-record-only"]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (document["edges"], document["about"]["filters"]) == ([], "On-record only: yes")
    assert [a["actor_id"] for a in document["actors"]] == ["milley", "sullivan"]


def test_json_holds_about_actors_and_edges(tiny_debate, tmp_path):
    out = tmp_path / "a.json"
    assert main(["alignment", str(tiny_debate), "--format", "json", "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["edges"] == [{"actor_a": "milley", "actor_b": "sullivan", "shared_questions": 1, "agreement": 0.5}]
    assert (document["about"]["window_from"], document["about"]["window_to"]) == ("2022-11-01", "2022-11-10")
    assert document["actors"][1] == {
        "actor_id": "sullivan",
        "name": "Jake Sullivan",
        "role": "National Security Adviser",
        "affiliation": "The White House",
        "country": "US",
        "actor_kind": "person",
        "speaks_for": "",
        "camp": 1,  # agreement 0.5 reaches the default threshold 0.5: one camp
        "positions": 2,
    }


def test_graphml_opens_with_nodes_edges_and_graph_attributes(tiny_debate, tmp_path):
    out = tmp_path / "a.graphml"
    assert main(["alignment", str(tiny_debate), "--format", "graphml", "--out", str(out)]) == 0
    root = ET.parse(out).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    about = {keys[d.get("key")]: d.text for d in graph.findall("g:data", NS)}
    assert (about["dataset"], about["window_to"], about["measure"]) == ("A tiny debate", "2022-11-10", "agreement")
    nodes = {
        n.get("id"): {keys[d.get("key")]: d.text for d in n.findall("g:data", NS)} for n in graph.findall("g:node", NS)
    }
    assert nodes["milley"]["name"] == "Mark A. Milley"
    edges = [
        (e.get("source"), e.get("target"), {keys[d.get("key")]: d.text for d in e.findall("g:data", NS)})
        for e in graph.findall("g:edge", NS)
    ]
    assert edges == [("milley", "sullivan", {"shared_questions": "1", "agreement": "0.5"})]


def test_hostile_dataset_text_stays_text_in_every_format(tiny_debate, tmp_path):
    actors = (tiny_debate / "actors.csv").read_text(encoding="utf-8")
    (tiny_debate / "actors.csv").write_text(
        actors.replace("Jake Sullivan", '=HYPERLINK("x")<b>&\x01'), encoding="utf-8"
    )
    debate = load_debate(tiny_debate)
    options = alignment_export.AlignmentOptions()
    root = ET.parse(io.BytesIO(alignment_export.to_graphml(debate, options))).getroot()
    names = [
        d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data") if d.text and "HYPERLINK" in d.text
    ]
    assert names == ['=HYPERLINK("x")<b>&']
    document = json.loads(alignment_export.to_json(debate, options))
    assert document["actors"][1]["name"] == '=HYPERLINK("x")<b>&\x01'


def test_existing_file_is_kept_without_force(tiny_debate, tmp_path, capsys):
    out = tmp_path / "pairs.csv"
    out.write_text("mine")
    assert main(["alignment", str(tiny_debate), "--out", str(out)]) == 2
    assert out.read_text() == "mine"
    assert capsys.readouterr().err == f"stances: error: {out} already exists; pass --force to overwrite it\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2022-12-01", "--to", "2022-11-01"],
            "the date range is reversed: from 2022-12-01 is after to 2022-11-01",
        ),
        (["--actor", "nobody"], None),
    ],
)
def test_usage_errors_exit_two_with_one_line(tiny_debate, tmp_path, capsys, args, message):
    assert main(["alignment", str(tiny_debate), "--out", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stances: error: ") and err.count("\n") == 1
    if message:
        assert err == f"stances: error: {message}\n"


def test_default_file_name_carries_debate_version_and_window(tiny_debate, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["alignment", str(tiny_debate), "--out", str(folder), "--format", "graphml"]) == 0
    assert [p.name for p in folder.iterdir()] == ["tiny_v1.0.0_alignment_2022-11-01_2022-11-10.graphml"]
