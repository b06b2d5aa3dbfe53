"""A broken or half-written save never takes the app away: viewers keep the last good version, with a notice
naming the problems, and get the new files as soon as they validate."""

from __future__ import annotations

import os
import re

from stances import schema
from stances.cards import WORD_JOINER
from tests.app.test_app import app, ok
from tests.conftest import TINY, write_debate, write_table


def plain(text: str) -> str:
    """Markdown-escaped text as the viewer reads it."""
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "")


def statements_csv(folder):
    return folder / schema.file_name("statements")


def touch_later(path, seconds: int = 5) -> None:
    """A new modification time, so that an edit of the same size is seen as a change too."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def test_a_broken_save_keeps_the_last_good_version_with_a_notice_then_recovers(tmp_path, monkeypatch):
    """Regression (issue 10, defect 7): one bad save replaced the app with its problems list for every viewer."""
    folder = write_debate(tmp_path / "debate")
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    at = ok(app().run())
    assert not at.warning
    ok(at.switch_page("stances/app/pages/table.py").run())
    assert len(at.dataframe[0].value) == len(TINY["statements"])

    broken = [dict(r) for r in TINY["statements"]]
    broken[0]["actor_id"] = "nobody"
    write_table(folder, "statements", broken)
    touch_later(statements_csv(folder))
    ok(at.run())
    notice = plain(at.warning[0].value)
    assert notice.startswith("The debate's files were changed and have 1 problem(s), so this is the last good version")
    assert "statements.csv:2: actor_id: 'nobody' unknown actor" in notice
    assert len(at.dataframe[0].value) == len(TINY["statements"])  # the last good rows, still there

    fresh = ok(app().run())  # a viewer arriving now gets the last good version too
    assert fresh.title[0].value == "Timeline"
    assert plain(fresh.warning[0].value).startswith("The debate's files were changed")

    fixed = [dict(r) for r in TINY["statements"]]
    fixed[0]["summary"] = "Argued internally for talks, as corrected."
    write_table(folder, "statements", fixed)
    touch_later(statements_csv(folder), seconds=10)
    ok(at.run())
    assert not at.warning
    assert "Argued internally for talks, as corrected." in set(at.dataframe[0].value["summary"])


def test_a_half_written_file_is_a_problem_not_a_traceback(tmp_path, monkeypatch):
    folder = write_debate(tmp_path / "debate")
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    at = ok(app().run())
    path = statements_csv(folder)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2 + 7])  # cut mid-row
    ok(at.run())
    assert plain(at.warning[0].value).startswith("The debate's files were changed")
    assert at.title[0].value == "Timeline"


def test_a_debate_broken_from_the_start_lists_its_problems(tmp_path, monkeypatch):
    tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
    tables["statements"][0]["actor_id"] = "nobody"
    monkeypatch.setenv("STANCES_DEBATE", str(write_debate(tmp_path / "bad", tables)))
    at = ok(app().run())
    assert at.error[0].value.startswith("This debate's files have problems")
    assert not at.title


def test_about_shows_no_server_path(tmp_path, monkeypatch):
    """Regression (issue 10, defect 8): the About page showed the server's folder path to every visitor."""
    folder = write_debate(tmp_path / "private-server-folder")
    monkeypatch.setenv("STANCES_DEBATE", str(folder))
    at = ok(app().run())
    ok(at.switch_page("stances/app/pages/about.py").run())
    shown_text = [str(getattr(e, "value", "")) for e in at._tree if hasattr(e, "value")]
    shown_text += [frame.to_csv() for frame in (d.value for d in at.dataframe)]
    assert at.title[0].value == "About this debate"
    assert not [t for t in shown_text if "private-server-folder" in t]
