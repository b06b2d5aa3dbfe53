"""Shared fixtures: tiny debates built in a temporary folder, one file per table."""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner

from stances import schema
from stances.package import write_descriptor

ROOT = Path(__file__).resolve().parent.parent

# Each AppTest run starts by reading the metadata of every installed distribution, looking for Streamlit components
# (about 2 s of a 2.3 s run of the timeline here). The installed set does not change while the tests run: scan once.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

# A minimal valid debate: two actors, two questions, a reporting chain, statements on and off the record.
TINY: dict[str, list[dict[str, str]]] = {
    "actors": [
        {
            "actor_id": "milley",
            "name": "Mark A. Milley",
            "role": "Chairman of the Joint Chiefs of Staff",
            "affiliation": "US Department of Defense",
            "country": "US",
            "actor_kind": "person",
            "aliases": "Gen. Milley",
        },
        {
            "actor_id": "sullivan",
            "name": "Jake Sullivan",
            "role": "National Security Adviser",
            "affiliation": "The White House",
            "country": "US",
            "actor_kind": "person",
            "aliases": "",
        },
    ],
    "questions": [
        {
            "question_id": "talks-now",
            "label": "Open talks now",
            "proposition": "Talks should open now.",
            "display_order": "1",
        },
        {
            "question_id": "us-press-kyiv",
            "label": "US should press Kyiv",
            "proposition": "The US should press Kyiv.",
            "display_order": "2",
        },
    ],
    "scale_points": [
        {"question_id": q, "position": str(p), "label": f"{q} {p}", "meaning": f"Meaning of {p} on {q}."}
        for q in ("talks-now", "us-press-kyiv")
        for p in range(-2, 3)
    ],
    "sources": [
        {
            "source_id": "nyt-report",
            "outlet": "The New York Times",
            "title": "General urges talks",
            "url": "",
            "published": "2022-11-10",
            "source_kind": "news-report",
            "reports_on": "",
            "consulted": "false",
            "language": "en",
            "notes": "known only through nv-report",
        },
        {
            "source_id": "nv-report",
            "outlet": "New Voice of Ukraine",
            "title": "General urges talks, advisers resist",
            "url": "https://example.org/nv",
            "published": "2022-11-11",
            "source_kind": "news-report",
            "reports_on": "nyt-report",
            "consulted": "true",
            "language": "en",
            "notes": "",
        },
        {
            "source_id": "wh-briefing",
            "outlet": "The White House",
            "title": "Press briefing",
            "url": "https://example.org/wh",
            "published": "2022-11-10",
            "source_kind": "transcript",
            "reports_on": "",
            "consulted": "true",
            "language": "en",
            "notes": "",
        },
    ],
    "statements": [
        {
            "statement_id": "milley-private",
            "actor_id": "milley",
            "question_id": "talks-now",
            "date": "2022-11-01",
            "date_precision": "approximate",
            "position": "2",
            "summary": "Argued internally for talks.",
            "quote": "",
            "evidence": "unnamed-officials",
            "channel": "private",
            "confidence": "medium",
            "notes": "",
        },
        {
            "statement_id": "milley-club",
            "actor_id": "milley",
            "question_id": "talks-now",
            "date": "2022-11-09",
            "date_precision": "day",
            "position": "1",
            "summary": "Saw a window for talks.",
            "quote": "Seize the moment.",
            "evidence": "on-record",
            "channel": "public",
            "confidence": "high",
            "notes": "",
        },
        {
            "statement_id": "sullivan-briefing",
            "actor_id": "sullivan",
            "question_id": "us-press-kyiv",
            "date": "2022-11-10",
            "date_precision": "day",
            "position": "-2",
            "summary": "Denied pressing Kyiv.",
            "quote": "We are not pressing.",
            "evidence": "on-record",
            "channel": "public",
            "confidence": "high",
            "notes": "",
        },
        {
            "statement_id": "sullivan-view",
            "actor_id": "sullivan",
            "question_id": "talks-now",
            "date": "2022-11-10",
            "date_precision": "day",
            "position": "-1",
            "summary": "Did not share the general's view.",
            "quote": "",
            "evidence": "unnamed-officials",
            "channel": "private",
            "confidence": "medium",
            "notes": "",
        },
    ],
    "statement_sources": [
        {"statement_id": "milley-private", "source_id": "nv-report", "locator": "para. 1"},
        {"statement_id": "milley-private", "source_id": "nyt-report", "locator": ""},
        {"statement_id": "milley-club", "source_id": "nv-report", "locator": "para. 4"},
        {"statement_id": "sullivan-briefing", "source_id": "wh-briefing", "locator": ""},
        {"statement_id": "sullivan-view", "source_id": "nv-report", "locator": "para. 6"},
    ],
    "events": [
        {
            "event_id": "midterms",
            "date": "2022-11-08",
            "label": "US midterm elections",
            "event_kind": "election",
            "description": "",
            "source_id": "wh-briefing",
        },
    ],
}


def write_table(folder: Path, table: str, rows: list[dict[str, str]], *, columns: list[str] | None = None) -> Path:
    path = folder / schema.file_name(table)
    columns = columns or schema.field_names(table)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_debate(folder: Path, tables: dict[str, list[dict[str, str]]] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tables = tables or TINY
    for table in schema.TABLE_ORDER:
        write_table(folder, table, tables[table])
    meta = {"name": "tiny", "title": "A tiny debate", "version": "1.0.0"}
    write_descriptor(folder, meta)
    return folder


@pytest.fixture
def tiny_debate(tmp_path: Path) -> Path:
    """A valid minimal debate folder."""
    return write_debate(tmp_path / "tiny")


@pytest.fixture
def broken_debate(tmp_path: Path) -> Callable[..., Path]:
    """Build the tiny debate with one table's rows changed: `broken_debate("statements", 1, position="7")`."""

    def build(table: str, row: int | None = None, **changes: str) -> Path:
        tables = {name: [dict(r) for r in rows] for name, rows in TINY.items()}
        if row is not None:
            tables[table][row].update(changes)
        return write_debate(tmp_path / "broken", tables)

    return build


@pytest.fixture(autouse=True, scope="session")
def _private_debate_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The app and the CLI cache loaded debates (stances.cache); the tests keep theirs out of the user's cache."""
    import os

    os.environ["STANCES_CACHE"] = str(tmp_path_factory.mktemp("debate-cache"))
