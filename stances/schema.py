"""The stances data-package format: every table, its fields and its keys, as Frictionless Table Schema.

This module is the single source of truth for the format. The validator reads its rules from here,
`datapackage.json` files are written from here, and the codebook documents every field listed here.
"""

from __future__ import annotations

from typing import Any

from stances.vocab import (  # noqa: F401 - the scale bounds are part of the format, read as schema.X too
    CHANNELS,
    EVIDENCE_KINDS,
    POSITION_MAX,
    POSITION_MIN,
    SCALE_MAX_POINTS,
    SCALE_MIN_POINTS,
)

SLUG = r"^[a-z0-9][a-z0-9-]*$"
HTTP_URL = r"^https?://\S+$"

DATE_PRECISIONS = ("day", "month", "approximate")
CONFIDENCE_LEVELS = ("low", "medium", "high")
SOURCE_KINDS = (
    "news-report",
    "transcript",
    "official-statement",
    "interview",
    "decree",
    "social-post",
    "analysis",
)
EVENT_KINDS = ("military", "political", "diplomatic", "election", "economic")

# Separates several values in one cell (actor aliases, statement categories).
LIST_SEPARATOR = ";"

# Plausible dates for any debate this tool is used on; narrower ranges belong in a debate's own checks.
EARLIEST_DATE = "1900-01-01"
LATEST_DATE = "2100-12-31"


def _id(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "type": "string",
        "description": description,
        "constraints": {"required": True, "pattern": SLUG},
    }


def _text(name: str, description: str, *, required: bool = True) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": "string", "description": description}
    if required:
        field["constraints"] = {"required": True}
    return field


def _enum(name: str, values: tuple[str, ...], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "type": "string",
        "description": description,
        "constraints": {"required": True, "enum": list(values)},
    }


def _date(name: str, description: str, *, required: bool = True) -> dict[str, Any]:
    return {
        "name": name,
        "type": "date",
        "format": "default",
        "description": description,
        "constraints": {"required": required, "minimum": EARLIEST_DATE, "maximum": LATEST_DATE},
    }


TABLES: dict[str, dict[str, Any]] = {
    "actors": {
        "title": "Actors",
        "description": "People and bodies that take positions in the debate.",
        "schema": {
            "fields": [
                _id("actor_id", "Stable identifier, lower-case slug, e.g. `milley`."),
                _text("name", "Name as commonly written, e.g. `Mark A. Milley`."),
                _text(
                    "role",
                    "Role or title during the debate, e.g. `Chairman of the Joint Chiefs of Staff`; empty if unknown.",
                    required=False,
                ),
                _text(
                    "affiliation",
                    "Government, organisation or body the actor speaks for; empty if unknown.",
                    required=False,
                ),
                _text(
                    "country",
                    "ISO 3166-1 alpha-2 code of the actor's country, e.g. `US`, `UA`, `RU`; empty if unknown.",
                    required=False,
                ),
                _enum("actor_kind", ("person", "body"), "`person`, or `body` for an office or government."),
                _text(
                    "aliases",
                    "Other names separated by `;`, e.g. `Gen. Milley; CJCS`.",
                    required=False,
                ),
                {
                    "name": "speaks_for",
                    "type": "string",
                    "description": "`actor_id` of the actor this one speaks for (a spokesperson or adviser for the "
                    "president, unnamed officials for the administration), if any. Links what an actor says in "
                    "public to what is signalled in private for the same side.",
                },
            ],
            "primaryKey": ["actor_id"],
            "foreignKeys": [{"fields": ["speaks_for"], "reference": {"resource": "", "fields": ["actor_id"]}}],
        },
    },
    "questions": {
        "title": "Questions",
        "description": "The propositions of the debate; actors take positions on each.",
        "schema": {
            "fields": [
                _id("question_id", "Stable identifier, lower-case slug, e.g. `talks-now`."),
                _text("label", "Short label for charts, e.g. `Open talks now`."),
                _text("proposition", "The full proposition a position agrees or disagrees with."),
                {
                    "name": "display_order",
                    "type": "integer",
                    "description": "Order in which questions are shown (ascending).",
                    "constraints": {"required": True, "minimum": 0},
                },
            ],
            "primaryKey": ["question_id"],
        },
    },
    "scale_points": {
        "title": "Scale points",
        "description": "The labelled ordinal scale of each question: one row per point.",
        "schema": {
            "fields": [
                {
                    "name": "question_id",
                    "type": "string",
                    "description": "The question this point belongs to.",
                    "constraints": {"required": True},
                },
                {
                    "name": "position",
                    "type": "integer",
                    "description": "Point on the question's ordinal scale, an integer from -10 to 10; higher is more "
                    "for the proposition. A question has 2 to 11 points, e.g. -1/+1, -2..+2 or 0..10.",
                    "constraints": {"required": True, "minimum": POSITION_MIN, "maximum": POSITION_MAX},
                },
                _text("label", "Short label of the point, e.g. `Against talks now`."),
                _text("meaning", "What a statement must say to be coded at this point."),
            ],
            "primaryKey": ["question_id", "position"],
            "foreignKeys": [
                {"fields": ["question_id"], "reference": {"resource": "questions", "fields": ["question_id"]}}
            ],
        },
    },
    "sources": {
        "title": "Sources",
        "description": "The documents statements rest on; `reports_on` records the reporting chain.",
        "schema": {
            "fields": [
                _id("source_id", "Stable identifier, e.g. `nyt-2022-11-10-milley`."),
                _text("outlet", "Publisher, e.g. `The New York Times`, `The White House`."),
                _text("title", "Title (headline) of the document, as published."),
                {
                    "name": "url",
                    "type": "string",
                    "format": "uri",
                    "description": "Address of the document (http or https); a consulted source needs a URL or an "
                    "identifier.",
                    "constraints": {"pattern": HTTP_URL},
                },
                _text(
                    "identifier",
                    "Another way to find the document: a DOI, archive or document id, or file name, e.g. "
                    "`doi:10.1000/182`, `Factiva NYTF000020221110`.",
                    required=False,
                ),
                _date("published", "Publication date (YYYY-MM-DD)."),
                _enum("source_kind", SOURCE_KINDS, "What kind of document this is."),
                {
                    "name": "reports_on",
                    "type": "string",
                    "description": "`source_id` of the source this one reports on (outlet A citing outlet B), if any.",
                },
                {
                    "name": "consulted",
                    "type": "boolean",
                    "description": "`true` when the curators read this document itself; `false` when it is known "
                    "only through a source that reports on it.",
                    "constraints": {"required": True},
                },
                _text(
                    "language",
                    "ISO 639-1 code of the document's language, e.g. `en`, `uk`; empty if unknown.",
                    required=False,
                ),
                _text("notes", "Anything a reader of this source should know.", required=False),
            ],
            "primaryKey": ["source_id"],
            "foreignKeys": [{"fields": ["reports_on"], "reference": {"resource": "", "fields": ["source_id"]}}],
        },
    },
    "statements": {
        "title": "Statements",
        "description": "One coded position of one actor on one question at one date.",
        "schema": {
            "fields": [
                _id("statement_id", "Stable identifier, e.g. `milley-2022-11-09-talks`."),
                {
                    "name": "actor_id",
                    "type": "string",
                    "description": "Who holds the position.",
                    "constraints": {"required": True},
                },
                {
                    "name": "question_id",
                    "type": "string",
                    "description": "Which question the position answers.",
                    "constraints": {"required": True},
                },
                _date("date", "When the actor said or held it (YYYY-MM-DD; see `date_precision`)."),
                _enum(
                    "date_precision",
                    DATE_PRECISIONS,
                    "`day`; `month` (day unknown, `date` is the 1st); `approximate` (see notes).",
                ),
                {
                    "name": "position",
                    "type": "integer",
                    "description": "Point on the question's scale (see `scale_points`).",
                    "constraints": {"required": True, "minimum": POSITION_MIN, "maximum": POSITION_MAX},
                },
                _text("summary", "Neutral summary of the position in the curators' own words."),
                _text(
                    "quote",
                    "The actor's own words, copied exactly and kept short; empty when there are none.",
                    required=False,
                ),
                _text(
                    "span",
                    "Text of a coded span of a report (evidence `coded-span`), as in the source: it may mix the "
                    "actor's reported words with the outlet's, so it is never the `quote`.",
                    required=False,
                ),
                _enum("evidence", EVIDENCE_KINDS, "How we know: see the codebook's evidence kinds."),
                _enum("channel", CHANNELS, "`public`, or `private` for positions held in closed meetings."),
                _enum("confidence", CONFIDENCE_LEVELS, "Curators' confidence in the coding and its sourcing."),
                _text("notes", "Coding decisions, disagreements between sources.", required=False),
                _text("coder", "Who coded the statement (a name or initials).", required=False),
                _text(
                    "categories",
                    "Labels of a multi-label claim separated by `;`, e.g. `economy; climate`.",
                    required=False,
                ),
                _text(
                    "replaces",
                    "Earlier `statement_id`s of this statement (ids renamed in a later version), separated by `;`; "
                    "links to an old id open this statement.",
                    required=False,
                ),
            ],
            "primaryKey": ["statement_id"],
            "foreignKeys": [
                {"fields": ["actor_id"], "reference": {"resource": "actors", "fields": ["actor_id"]}},
                {"fields": ["question_id"], "reference": {"resource": "questions", "fields": ["question_id"]}},
                {
                    "fields": ["question_id", "position"],
                    "reference": {"resource": "scale_points", "fields": ["question_id", "position"]},
                },
            ],
        },
    },
    "statement_sources": {
        "title": "Statement sources",
        "description": "Which sources each statement rests on: one row per statement and source.",
        "schema": {
            "fields": [
                {
                    "name": "statement_id",
                    "type": "string",
                    "description": "The statement.",
                    "constraints": {"required": True},
                },
                {
                    "name": "source_id",
                    "type": "string",
                    "description": "A source it rests on.",
                    "constraints": {"required": True},
                },
                _text(
                    "locator",
                    "Where in the source, e.g. `para. 4` or `12:31`.",
                    required=False,
                ),
            ],
            "primaryKey": ["statement_id", "source_id"],
            "foreignKeys": [
                {"fields": ["statement_id"], "reference": {"resource": "statements", "fields": ["statement_id"]}},
                {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
            ],
        },
    },
    "events": {
        "title": "Events",
        "description": "Context events shown on the timeline.",
        "schema": {
            "fields": [
                _id("event_id", "Stable identifier, e.g. `kherson-withdrawal`."),
                _date("date", "When it happened (YYYY-MM-DD)."),
                _text("label", "Short label for the timeline, e.g. `US midterm elections`."),
                _enum("event_kind", EVENT_KINDS, "What kind of event."),
                _text("description", "One or two neutral sentences of context.", required=False),
                {
                    "name": "source_id",
                    "type": "string",
                    "description": "The source that reports the event.",
                    "constraints": {"required": True},
                },
            ],
            "primaryKey": ["event_id"],
            "foreignKeys": [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}],
        },
    },
}


# Presenters' stories: optional tables. A debate without them is complete; with them, both files come together.
STORY_TABLES: dict[str, dict[str, Any]] = {
    "stories": {
        "title": "Stories",
        "description": "Curated walks through the debate for presenters: a title and an ordered list of steps.",
        "schema": {
            "fields": [
                _id("story_id", "Stable identifier, lower-case slug, e.g. `milley-vs-advisers`."),
                _text("title", "Title shown on the title slide and above every step."),
                _text("description", "One or two plain-text sentences on what the story follows.", required=False),
            ],
            "primaryKey": ["story_id"],
        },
    },
    "story_steps": {
        "title": "Story steps",
        "description": "One step of a story: the statement it shows, the presenter's narration and the view.",
        "schema": {
            "fields": [
                {
                    "name": "story_id",
                    "type": "string",
                    "description": "The story this step belongs to.",
                    "constraints": {"required": True},
                },
                {
                    "name": "step",
                    "type": "integer",
                    "description": "Order of the step within its story (ascending; unique per story).",
                    "constraints": {"required": True, "minimum": 1},
                },
                {
                    "name": "statement_id",
                    "type": "string",
                    "description": "The statement the step shows: its card, its ringed mark and its day. Each step "
                    "names a statement or a context event (`event_id`), never both.",
                },
                {
                    "name": "event_id",
                    "type": "string",
                    "description": "The context event the step shows instead of a statement: its card, its ringed "
                    "mark on the timeline and its day (a step names a statement or an event, never both).",
                },
                _text("narration", "What the presenter says at this step, in plain text.", required=False),
                _text("notes", "Speaker notes, hidden until the presenter shows them.", required=False),
                _date("as_of", "The grid's as-of day; empty for the statement's own day.", required=False),
                _date(
                    "since", "Show what changed in the grid since this day; empty for no change view.", required=False
                ),
                _date(
                    "view_start",
                    "First day of the timeline's visible range; empty for the whole debate.",
                    required=False,
                ),
                _date(
                    "view_end", "Last day of the timeline's visible range; empty for the whole debate.", required=False
                ),
                _text("actors", "Actor ids the grid shows, separated by `;`; empty for all.", required=False),
                _text("questions", "Question ids the grid shows, separated by `;`; empty for all.", required=False),
            ],
            "primaryKey": ["story_id", "step"],
            "foreignKeys": [
                {"fields": ["story_id"], "reference": {"resource": "stories", "fields": ["story_id"]}},
                {"fields": ["statement_id"], "reference": {"resource": "statements", "fields": ["statement_id"]}},
                {"fields": ["event_id"], "reference": {"resource": "events", "fields": ["event_id"]}},
            ],
        },
    },
}
TABLES.update(STORY_TABLES)

TABLE_ORDER: tuple[str, ...] = tuple(t for t in TABLES if t not in STORY_TABLES)  # every debate has these
OPTIONAL_TABLES: tuple[str, ...] = tuple(STORY_TABLES)
ALL_TABLES: tuple[str, ...] = TABLE_ORDER + OPTIONAL_TABLES

# Columns added to the format after debates were written without them: a file may leave them out (they are read as
# empty), so an older debate stays valid.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("speaks_for",),
    "sources": ("identifier",),
    "statements": ("span", "coder", "categories", "replaces"),
    "story_steps": ("event_id",),
}


def file_name(table: str) -> str:
    """The CSV file that holds `table` inside a debate folder."""
    return f"{table}.csv"


def fields(table: str) -> list[dict[str, Any]]:
    """The Table Schema fields of `table`."""
    return TABLES[table]["schema"]["fields"]


def field_names(table: str) -> list[str]:
    return [f["name"] for f in fields(table)]


def resource_descriptor(table: str) -> dict[str, Any]:
    """The Data Package resource entry for `table`."""
    spec = TABLES[table]
    return {
        "name": table,
        "path": file_name(table),
        "profile": "tabular-data-resource",
        "title": spec["title"],
        "description": spec["description"],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": spec["schema"],
    }
