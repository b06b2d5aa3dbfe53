"""Which debates the app offers: folders of the data folder by name, never a path built from a link."""

from __future__ import annotations

from stances import debates
from stances.load import DATA_DIR, DEFAULT_DEBATE
from tests.conftest import write_debate


def test_a_data_folder_offers_each_debate_folder_by_name(tmp_path):
    write_debate(tmp_path / "beta")
    write_debate(tmp_path / "alpha")
    (tmp_path / "notes").mkdir()  # no debate files: not a debate
    (tmp_path / "Bad Name").mkdir()
    write_debate(tmp_path / "Bad Name")
    offered = debates.catalogue([], {"STANCES_DATA": str(tmp_path)})
    assert offered.names == ["alpha", "beta"]
    assert offered.default == "alpha"
    assert offered.folders["beta"] == (tmp_path / "beta").resolve()


def test_the_bundled_debate_is_the_default_when_on_offer():
    offered = debates.catalogue([], {})
    assert offered.root == DATA_DIR
    assert offered.default == DEFAULT_DEBATE.name
    assert offered.folders[offered.default] == DEFAULT_DEBATE


def test_a_symlinked_folder_is_not_offered(tmp_path):
    outside = write_debate(tmp_path / "outside")
    root = tmp_path / "data"
    write_debate(root / "real")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    assert debates.catalogue([], {"STANCES_DATA": str(root)}).names == ["real"]


def test_pick_accepts_only_a_name_on_offer(tmp_path):
    write_debate(tmp_path / "alpha")
    write_debate(tmp_path / "beta")
    offered = debates.catalogue([], {"STANCES_DATA": str(tmp_path)})
    assert offered.pick("beta") == "beta"
    for hostile in ["../beta", "/etc", "beta/", "", None, "..", "alpha/../beta"]:
        assert offered.pick(hostile) == "alpha"


def test_one_debate_given_directly_is_offered_alone(tmp_path):
    folder = write_debate(tmp_path / "tiny")
    offered = debates.catalogue([], {"STANCES_DEBATE": str(folder), "STANCES_DATA": str(tmp_path)})
    assert (offered.names, offered.default) == (["tiny"], "tiny")
    started = debates.catalogue(["dashboard.py", str(folder)], {})
    assert started.folders == {"tiny": folder.resolve()}


def test_an_empty_data_folder_falls_back_to_the_bundled_debate(tmp_path):
    offered = debates.catalogue([], {"STANCES_DATA": str(tmp_path / "missing")})
    assert offered.folders == {DEFAULT_DEBATE.name: DEFAULT_DEBATE}
