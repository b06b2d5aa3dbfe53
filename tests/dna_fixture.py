"""Tiny DNA 3 project files, built in a temporary folder with the tables and columns of DNA's own schema.

The CREATE TABLE statements follow leifeld-lab/dna's `sql/Sql.java` (SQLite branch), trimmed of the colour and
permission columns the importer does not read. Nothing of DNA's sample data is copied here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = """
CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL);
CREATE TABLE CODERS(ID INTEGER NOT NULL PRIMARY KEY, Name TEXT NOT NULL, Password TEXT NOT NULL DEFAULT '');
CREATE TABLE DOCUMENTS(ID INTEGER NOT NULL PRIMARY KEY, Title TEXT NOT NULL, Text TEXT NOT NULL, Coder INTEGER,
  Author TEXT NOT NULL DEFAULT '', Source TEXT NOT NULL DEFAULT '', Section TEXT NOT NULL DEFAULT '',
  Notes TEXT NOT NULL DEFAULT '', Type TEXT NOT NULL DEFAULT '', Date INTEGER NOT NULL);
CREATE TABLE STATEMENTTYPES(ID INTEGER NOT NULL PRIMARY KEY, Label TEXT NOT NULL);
CREATE TABLE VARIABLES(ID INTEGER NOT NULL PRIMARY KEY, Variable TEXT NOT NULL, DataType TEXT NOT NULL
  DEFAULT 'short text', StatementTypeId INTEGER, UNIQUE (Variable, StatementTypeId));
CREATE TABLE STATEMENTS(ID INTEGER NOT NULL PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER,
  Start INTEGER NOT NULL, Stop INTEGER NOT NULL, Coder INTEGER);
CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Value INTEGER NOT NULL DEFAULT 1, UNIQUE (StatementId, VariableId));
CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Value INTEGER NOT NULL DEFAULT 0, UNIQUE (StatementId, VariableId));
CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL, Value TEXT NOT NULL DEFAULT '',
  ChildOf INTEGER, UNIQUE (VariableId, Value));
CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Entity INTEGER NOT NULL, UNIQUE (StatementId, VariableId));
CREATE TABLE DATALONGTEXT(ID INTEGER PRIMARY KEY NOT NULL, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Value TEXT DEFAULT '', UNIQUE (StatementId, VariableId));
CREATE TABLE ATTRIBUTEVARIABLES(ID INTEGER PRIMARY KEY NOT NULL, VariableId INTEGER NOT NULL,
  AttributeVariable TEXT NOT NULL, UNIQUE(VariableId, AttributeVariable));
CREATE TABLE ATTRIBUTEVALUES(ID INTEGER PRIMARY KEY NOT NULL, EntityId INTEGER NOT NULL,
  AttributeVariableId INTEGER NOT NULL, AttributeValue TEXT NOT NULL DEFAULT '',
  UNIQUE (EntityId, AttributeVariableId));
"""

DAY = 86_400
JAN_10_2005 = 1_105_315_200  # 2005-01-10 00:00 UTC, as DNA stores dates (seconds since 1970, UTC)


@dataclass
class Project:
    """A DNA project under construction: documents and statements of the "DNA Statement" type."""

    qualifier_type: str = "boolean"
    documents: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    annotations: list[dict] = field(default_factory=list)
    attributes: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def document(
        self,
        text: str,
        *,
        title: str = "Hearing",
        source: str = "Senate",
        author: str = "",
        day: int = 0,
        kind: str = "",
    ) -> int:
        self.documents.append(
            {"text": text, "title": title, "source": source, "author": author, "day": day, "kind": kind}
        )
        return len(self.documents)

    def statement(
        self,
        document: int,
        phrase: str,
        *,
        person: str = "",
        organization: str = "",
        concept: str = "",
        agreement: int | None = 1,
        coder: int = 2,
    ) -> None:
        """A statement whose span is the first occurrence of `phrase` in the document (Java UTF-16 offsets)."""
        text = self.documents[document - 1]["text"]
        start = len(text[: text.index(phrase)].encode("utf-16-le")) // 2
        stop = start + len(phrase.encode("utf-16-le")) // 2
        self.statements.append(
            {
                "document": document,
                "start": start,
                "stop": stop,
                "person": person,
                "organization": organization,
                "concept": concept,
                "agreement": agreement,
                "coder": coder,
            }
        )

    def write(self, path: Path) -> Path:
        db = sqlite3.connect(path)
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO SETTINGS VALUES (?, ?)", [("version", "3.0.7"), ("date", "2022-06-10")])
        db.executemany("INSERT INTO CODERS (ID, Name) VALUES (?, ?)", [(1, "Admin"), (2, "Coder A"), (3, "Coder B")])
        db.executemany("INSERT INTO STATEMENTTYPES VALUES (?, ?)", [(1, "DNA Statement"), (2, "Annotation")])
        variables = [
            (1, "person", "short text", 1),
            (2, "organization", "short text", 1),
            (3, "concept", "short text", 1),
            (4, "agreement", self.qualifier_type, 1),
            (5, "note", "long text", 2),
        ]
        db.executemany("INSERT INTO VARIABLES VALUES (?, ?, ?, ?)", variables)
        db.executemany(
            "INSERT INTO ATTRIBUTEVARIABLES VALUES (?, ?, ?)",
            [(1, 1, "Type"), (2, 2, "Type"), (3, 1, "Alias"), (4, 2, "Alias"), (5, 1, "Notes")],
        )
        for number, doc in enumerate(self.documents, start=1):
            db.execute(
                "INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date) "
                "VALUES (?, ?, ?, 2, ?, ?, '', '', ?, ?)",
                (
                    number,
                    doc["title"],
                    doc["text"],
                    doc["author"],
                    doc["source"],
                    doc["kind"],
                    JAN_10_2005 + doc["day"] * DAY + 3600 * 15,
                ),
            )
        entities: dict[tuple[int, str], int] = {}

        def entity(variable: int, value: str) -> int:
            if (variable, value) not in entities:
                entities[(variable, value)] = len(entities) + 1
                db.execute(
                    "INSERT INTO ENTITIES (ID, VariableId, Value) VALUES (?, ?, ?)",
                    (entities[(variable, value)], variable, value),
                )
            return entities[(variable, value)]

        for number, st in enumerate(self.statements, start=1):
            db.execute(
                "INSERT INTO STATEMENTS VALUES (?, 1, ?, ?, ?, ?)",
                (number, st["document"], st["start"], st["stop"], st["coder"]),
            )
            for variable, key in ((1, "person"), (2, "organization"), (3, "concept")):
                db.execute(
                    "INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                    (number, variable, entity(variable, st[key])),
                )
            if st["agreement"] is not None:
                table = "DATABOOLEAN" if self.qualifier_type == "boolean" else "DATAINTEGER"
                db.execute(
                    f"INSERT INTO {table} (StatementId, VariableId, Value) VALUES (?, 4, ?)", (number, st["agreement"])
                )
        for offset, note in enumerate(self.annotations, start=len(self.statements) + 1):
            db.execute("INSERT INTO STATEMENTS VALUES (?, 2, ?, 0, 5, 3)", (offset, note["document"]))
            db.execute(
                "INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (?, 5, ?)", (offset, note["text"])
            )
        attribute_ids = {
            ("person", "Type"): 1,
            ("organization", "Type"): 2,
            ("person", "Alias"): 3,
            ("organization", "Alias"): 4,
            ("person", "Notes"): 5,
        }
        for (variable, value), attrs in self.attributes.items():
            number = entity({"person": 1, "organization": 2}[variable], value)
            for name, attr_value in attrs.items():
                db.execute(
                    "INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?, ?, ?)",
                    (number, attribute_ids[(variable, name)], attr_value),
                )
        db.commit()
        db.close()
        return path
