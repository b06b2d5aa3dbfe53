"""Hostile text stays text: a copy of the bundled debate whose every free-text field carries Markdown, HTML, KaTeX,
Streamlit colour directives, emoji and icon codes and bare links, opened on every page (and through a hostile link).
Whatever reaches a Markdown-rendering element must be the escaped form, `cards.shown`; HTML only the escaped form;
plotly labels no tag of the data's own."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from stances import schema
from stances.cards import esc, shown
from stances.load import DEFAULT_DEBATE
from tests.app.test_app import APP, PAGES, ok

MARK = "ZQX"
HOSTILE = (
    f"**{MARK}** _{MARK}_ ~~{MARK}~~ `{MARK}` [{MARK}](http://127.0.0.1:9/{MARK}) "
    f"![{MARK}](http://127.0.0.1:9/{MARK}.png) <b>{MARK}</b> <img src=http://127.0.0.1:9/{MARK}.png> "
    f"$\\{MARK}^2$ :red[{MARK}] :smile: :material/home: http://127.0.0.1:9/{MARK} www.{MARK}.org "
    f"{MARK}@example.org # {MARK} -> &amp; <script>{MARK}</script>"
)
LINK_NAME = f"[{MARK} session expired - sign in again](http://127.0.0.1:9/phish)"
LINK_VALUE = f"![{MARK}](http://127.0.0.1:9/x.png)"
SEARCH = f"[{MARK}](http://127.0.0.1:9/q) **{MARK}** :blue[{MARK}]"
TEXTS = (HOSTILE, LINK_NAME, LINK_VALUE, SEARCH)

# Free text: every string column that is not an id, a reference, a code list or a pattern.
FREE_TEXT = {
    "actors": ("name", "role", "affiliation"),
    "questions": ("label", "proposition"),
    "scale_points": ("label", "meaning"),
    "sources": ("outlet", "title", "notes"),
    "statements": ("summary", "quote", "notes"),
    "statement_sources": ("locator",),
    "events": ("label", "description"),
}
# The only tags the app's own plotly labels use.
PLOTLY_TAGS = re.compile(r"</?(b|i|br|extra)>|<span style='color:#555'>|</span>")


def hostile_debate(folder: Path) -> Path:
    """The bundled debate with HOSTILE appended to every free-text value, the descriptor's title and description, and
    the codebook and README."""
    shutil.copytree(DEFAULT_DEBATE, folder)
    for table, columns in FREE_TEXT.items():
        path = folder / schema.file_name(table)
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = reader.fieldnames, list(reader)
        for row in rows:
            for column in columns:
                if row[column] or column not in ("quote", "notes", "locator", "description"):
                    row[column] = f"{row[column]} {HOSTILE}"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] += " " + HOSTILE
    descriptor["description"] = descriptor.get("description", "") + " " + HOSTILE
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for name in ("codebook.md", "README.md"):
        with (folder / name).open("a", encoding="utf-8") as handle:
            handle.write(f"\n\n{HOSTILE}\n")
    return folder


def strings(message: Message, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every string in a protobuf message, nested messages and lists included."""
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                yield from strings(item, f"{path}{field.name}.")
            elif isinstance(item, str):
                yield f"{path}{field.name}", item


PLAIN = {"code", "text", "arrow_data_frame", "dataframe", "json", "text_input", "multiselect", "selectbox"}
MARKDOWN_FIELDS = ("body", "label", "help", "options")


def markup_left(at: AppTest) -> tuple[list[str], set[str]]:
    """Every place where hostile text reached the page other than in its inert form, and the element types where
    its inert form was seen."""
    inert_markdown = sorted({shown(t) for t in TEXTS}, key=len, reverse=True)
    inert_html = sorted({esc(t) for t in TEXTS}, key=len, reverse=True)
    leaks, seen = [], set()
    for node in at._tree:
        proto, kind = getattr(node, "proto", None), getattr(node, "type", "block")
        if not isinstance(proto, Message) or kind in PLAIN:
            continue
        for path, text in strings(proto):
            if MARK not in text:
                continue
            if kind == "plotly_chart":  # its `alt` is an aria-label: plain text
                if path == "spec" and "<" in PLOTLY_TAGS.sub("", text):
                    leaks.append(f"plotly {path}: {text[:200]}")
                continue
            if kind == "html":
                rest = text
                for inert in inert_html:
                    rest = rest.replace(inert, "")
            elif path.split(".")[-1] in MARKDOWN_FIELDS:
                rest = text
                for inert in inert_markdown:
                    rest = rest.replace(inert, "")
            else:
                continue
            if MARK in rest:
                leaks.append(f"{kind} {path}: {text[:300]}")
            else:
                seen.add(kind)
    return leaks, seen


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return hostile_debate(tmp_path_factory.mktemp("hostile") / "debate")


def test_the_hostile_copy_is_a_valid_debate(hostile):
    from stances.load import load_debate

    assert MARK in load_debate(hostile).meta.title


@pytest.mark.parametrize("page", PAGES)
def test_no_hostile_text_renders_as_markup_on_any_page(page, hostile, monkeypatch):
    from stances.load import load_debate

    monkeypatch.setenv("STANCES_DEBATE", str(hostile))
    statement = load_debate(hostile).statements.iloc[0]["statement_id"]
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[LINK_NAME] = "1"
    at.query_params["actor"] = LINK_VALUE
    at.query_params["statement"] = statement
    ok(at.run())
    if page != "timeline":
        ok(at.switch_page(f"stances/app/pages/{page}.py").run())
    leaks, seen = markup_left(at)
    assert leaks == []
    assert {"warning", "caption"} <= seen  # the link notice, the sidebar's caption
    if page in ("timeline", "grid", "trends", "table", "present"):
        assert "html" in seen  # the detail or presenter card


def test_no_hostile_search_renders_as_markup_in_the_empty_state(hostile, monkeypatch):
    monkeypatch.setenv("STANCES_DEBATE", str(hostile))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["q"] = SEARCH
    ok(at.run())
    assert at.info[0].value == "No statements match these filters."
    leaks, _ = markup_left(at)
    assert leaks == []
    [relax] = [m for m in at.markdown if m.value.startswith("Try relaxing a filter")]
    assert shown(SEARCH) in relax.value


def test_the_inert_forms_are_what_the_leak_check_removes():
    """The check above could pass vacuously if `shown` returned the text unchanged; it does not."""
    assert all(shown(t) != t for t in TEXTS)
    assert esc(HOSTILE) != HOSTILE
    assert html.unescape(esc(HOSTILE)) == HOSTILE
