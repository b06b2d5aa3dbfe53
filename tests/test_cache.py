"""The columnar cache of loaded debates: an unchanged debate loads without reading CSV, a changed one afresh."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pandas as pd
import pytest

from stances import cache, load
from stances.problems import DebateError


def assert_same_debate(a, b) -> None:
    for field in dataclasses.fields(a):
        left, right = getattr(a, field.name), getattr(b, field.name)
        if isinstance(left, pd.DataFrame):
            pd.testing.assert_frame_equal(left, right)
        else:
            assert left == right, field.name


def test_second_load_of_an_unchanged_debate_reads_no_csv(tiny_debate, tmp_path, monkeypatch):
    root = tmp_path / "cache"
    first = cache.load_debate(tiny_debate, root=root)

    def no_csv(*args, **kwargs):
        raise AssertionError("read the CSV files again")

    monkeypatch.setattr(load, "load_debate", no_csv)
    second = cache.load_debate(tiny_debate, root=root)
    assert_same_debate(second, first)


def test_cached_debate_equals_a_fresh_load_of_the_bundled_debate(tmp_path):
    root = tmp_path / "cache"
    cache.load_debate(load.DEFAULT_DEBATE, root=root)
    assert_same_debate(cache.load_debate(load.DEFAULT_DEBATE, root=root), load.load_debate(load.DEFAULT_DEBATE))


def test_an_edited_file_is_loaded_afresh(tiny_debate, tmp_path):
    root = tmp_path / "cache"
    cache.load_debate(tiny_debate, root=root)
    path = tiny_debate / "actors.csv"
    path.write_text(path.read_text().replace("Jake Sullivan", "Jacob Sullivan"), encoding="utf-8")
    names = cache.load_debate(tiny_debate, root=root).actors["name"].tolist()
    assert names == ["Mark A. Milley", "Jacob Sullivan"]


def test_an_invalid_debate_raises_and_is_not_cached(broken_debate, tmp_path):
    folder = broken_debate("statements", 0, actor_id="nobody")
    root = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(DebateError):
            cache.load_debate(folder, root=root)
    assert not root.exists() or list(root.iterdir()) == []


def test_a_damaged_entry_is_dropped_and_rebuilt(tiny_debate, tmp_path):
    root = tmp_path / "cache"
    first = cache.load_debate(tiny_debate, root=root)
    (entry,) = root.iterdir()
    (entry / "statements.arrow").write_bytes(b"not arrow")
    assert_same_debate(cache.load_debate(tiny_debate, root=root), first)
    assert_same_debate(cache.load_debate(tiny_debate, root=root), first)


def test_an_unwritable_cache_still_loads(tiny_debate, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    debate = cache.load_debate(tiny_debate, root=blocker / "cache")
    assert debate.actors["actor_id"].tolist() == ["milley", "sullivan"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"STANCES_CACHE": "off"}, None),
        ({"STANCES_CACHE": "/srv/cache"}, Path("/srv/cache")),
        ({"XDG_CACHE_HOME": "/x"}, Path("/x/stances")),
    ],
)
def test_cache_root_follows_the_environment(environ, expected):
    assert cache.cache_root(environ) == expected


def test_old_entries_are_pruned(tiny_debate, tmp_path):
    root = tmp_path / "cache"
    for n in range(cache.KEEP_ENTRIES + 2):
        os.utime(tiny_debate / "events.csv", ns=(n * 10**9, n * 10**9))  # a new signature each time
        cache.load_debate(tiny_debate, root=root)
    assert len(list(root.iterdir())) == cache.KEEP_ENTRIES
