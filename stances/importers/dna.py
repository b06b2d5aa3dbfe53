"""Discourse Network Analyzer (DNA 3) project file -> a stances debate.

A DNA 3 project is an SQLite database: DOCUMENTS (text, title, author, source, section, date), STATEMENTS (a
character span of a document, a statement type, a coder), the statement type's VARIABLES and their values
(DATASHORTTEXT -> ENTITIES, DATABOOLEAN, DATAINTEGER), entity ATTRIBUTEVALUES and CODERS. The mapping:

- person -> actor (organisation as its affiliation); a statement with no person is the organisation's (a body);
  an entity's `Type` attribute -> role, its `Alias` attribute -> aliases; spellings that differ only in case or
  spacing fold into one actor (`stances.spelling.folded`);
- concept -> question; the agreement qualifier -> position: boolean 0/1 -> -1/+1 (disagrees/agrees), integer ->
  its own values as the scale (2 to 11 of them, within -10..10);
- document -> source (consulted, identified by the file name and document id; its date is the statement's date);
- the coded span -> `span` with its character locator, evidence `coded-span` (a span may mix the actor's reported
  words with the outlet's, so it is never a quote); coder -> `coder`.

Entry point: `read(path, DnaOptions()) -> Imported`; then `folder.write_debate(imported, out)`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stances import schema
from stances.importers.folder import Imported, InputError, debate_metadata, text_table
from stances.problems import Problem
from stances.spelling import folded, slug, unique_slugs

# The tables and columns of DNA 3's schema that the importer reads (DNA's sql/Sql.java creates them).
COLUMNS: dict[str, tuple[str, ...]] = {
    "DOCUMENTS": ("ID", "Title", "Text", "Author", "Source", "Section", "Notes", "Type", "Date"),
    "STATEMENTS": ("ID", "StatementTypeId", "DocumentId", "Start", "Stop", "Coder"),
    "STATEMENTTYPES": ("ID", "Label"),
    "VARIABLES": ("ID", "Variable", "DataType", "StatementTypeId"),
    "ENTITIES": ("ID", "VariableId", "Value"),
    "DATASHORTTEXT": ("StatementId", "VariableId", "Entity"),
    "DATABOOLEAN": ("StatementId", "VariableId", "Value"),
    "DATAINTEGER": ("StatementId", "VariableId", "Value"),
    "CODERS": ("ID", "Name"),
    "ATTRIBUTEVARIABLES": ("ID", "VariableId", "AttributeVariable"),
    "ATTRIBUTEVALUES": ("EntityId", "AttributeVariableId", "AttributeValue"),
}
REQUIRED_TABLES = ("DOCUMENTS", "STATEMENTS", "STATEMENTTYPES", "VARIABLES", "ENTITIES", "DATASHORTTEXT")
BOOLEAN_SCALE = {
    0: ("Disagrees", "The actor disagrees with the concept (DNA qualifier 0)."),
    1: ("Agrees", "The actor agrees with the concept (DNA qualifier 1)."),
}


@dataclass(frozen=True, kw_only=True)
class DnaOptions:
    """Which DNA variables become what; the defaults are DNA's own "DNA Statement" type."""

    statement_type: str | None = None  # label; None: the first type that has the variables below
    person: str = "person"
    organization: str = "organization"
    concept: str = "concept"
    qualifier: str = "agreement"
    source_kind: str = "news-report"
    channel: str = "public"
    confidence: str = "medium"


def read(path: Path | str, options: DnaOptions | None = None) -> Imported:
    """The debate coded in the DNA 3 file `path`; raise `InputError` (located problems) when it cannot be read."""
    path = Path(path)
    options = options or DnaOptions()
    file = path.name
    if not path.is_file():
        raise InputError([Problem(code="unreadable-input", file=file, message="no such file")])
    try:
        with sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True) as db:
            return _read(db, path, options)
    except (sqlite3.DatabaseError, pd.errors.DatabaseError) as exc:
        raise InputError(
            [
                Problem(
                    code="unreadable-input",
                    file=file,
                    message=f"is not a DNA 3 (SQLite) project file: {exc.__cause__ or exc}",
                )
            ]
        ) from None


def _query(db: sqlite3.Connection, sql: str, params: tuple = ()) -> pd.DataFrame:
    return pd.read_sql_query(sql, db, params=params)


def _read(db: sqlite3.Connection, path: Path, options: DnaOptions) -> Imported:
    file = path.name
    present = _present_tables(db, file)
    types = _query(db, "SELECT ID, Label FROM STATEMENTTYPES ORDER BY ID")
    variables = _query(db, "SELECT ID, Variable, DataType, StatementTypeId FROM VARIABLES")
    type_id, type_label, var = _statement_type(types, variables, options, file)
    mapped: list[str] = []
    dropped: list[str] = []

    all_statements = _query(
        db, "SELECT ID, StatementTypeId, DocumentId, Start, Stop, Coder FROM STATEMENTS ORDER BY ID"
    )
    others = all_statements[all_statements["StatementTypeId"] != type_id]
    for other_type, count in others["StatementTypeId"].value_counts(sort=False).items():
        label = types.loc[types["ID"] == other_type, "Label"]
        name = label.iloc[0] if len(label) else f"#{other_type}"
        dropped.append(f"{count} statement(s) of type {name!r} (not the mapped statement type)")
    statements = all_statements[all_statements["StatementTypeId"] == type_id].reset_index(drop=True)

    values = _short_text(db, var)
    for role in ("person", "organization", "concept"):
        statements[role] = statements["ID"].map(values.get(role, pd.Series(dtype=str))).fillna("").str.strip()
    statements["qualifier"] = _qualifier(db, var, present).reindex(statements["ID"]).to_numpy()

    documents = _query(db, "SELECT ID, Title, Text, Author, Source, Section, Notes, Type, Date FROM DOCUMENTS")
    documents = documents.set_index("ID")
    coders = _query(db, "SELECT ID, Name FROM CODERS").set_index("ID")["Name"] if "CODERS" in present else pd.Series()
    attributes = _attributes(db, present)

    keep = pd.Series(True, index=statements.index)
    reasons: Counter[str] = Counter()

    def drop(mask: pd.Series, reason: str) -> None:
        nonlocal keep
        hit = mask & keep
        if hit.any():
            reasons[reason] += int(hit.sum())
            keep &= ~hit

    drop((statements["person"] == "") & (statements["organization"] == ""), "no person and no organisation")
    drop(statements["concept"] == "", "no concept")
    drop(statements["qualifier"].isna(), f"no {options.qualifier} value")
    drop(~statements["DocumentId"].isin(documents.index), "its document is missing")
    statements["span"] = _spans(statements, documents["Text"])
    drop(statements["span"].str.strip() == "", "its span is empty or outside its document's text")
    for reason, count in reasons.items():
        dropped.append(f"{count} statement(s) with {reason}")
    statements = statements[keep].reset_index(drop=True)
    if statements.empty:
        raise InputError(
            [
                Problem(
                    code="unmapped-input",
                    file=file,
                    field=type_label,
                    message="no statement of this type has an actor, a concept and a qualifier; "
                    + ("; ".join(dropped) or "the project has no statements"),
                )
            ]
        )

    # Actors: the person, else the organisation as a body; spellings folded.
    is_person = statements["person"] != ""
    statements["actor_name"] = statements["person"].where(is_person, statements["organization"])
    statements["actor_kind"] = is_person.map({True: "person", False: "body"})
    statements["actor_key"] = statements["actor_kind"] + "|" + statements["actor_name"].map(folded)
    actors, actor_of, folds = _actors(statements, attributes, var)
    statements["actor_id"] = statements["actor_key"].map(actor_of)

    questions, scale_points, question_of, scale_text = _questions(statements, var, file)
    statements["question_id"] = statements["concept"].map(question_of)

    sources, source_of = _sources(documents.loc[list(pd.unique(statements["DocumentId"]))], path, options)
    statements["source_id"] = statements["DocumentId"].map(source_of)
    dates = pd.to_datetime(statements["DocumentId"].map(documents["Date"]), unit="s", utc=True)
    statements["date"] = dates.dt.strftime("%Y-%m-%d")

    qualifier = statements["qualifier"].astype(int)
    boolean = var["qualifier_type"] == "boolean"
    statements["position"] = qualifier.map(lambda v: -1 if v == 0 else 1) if boolean else qualifier
    verb = qualifier.map(lambda v: BOOLEAN_SCALE[v][0] if v in BOOLEAN_SCALE else str(v))
    if boolean:
        summary = verb + " with: " + statements["concept"]
    else:
        summary = "Position " + verb + " on: " + statements["concept"]
    ids = "dna-" + statements["ID"].astype(str)
    statement_table = text_table(
        "statements",
        pd.DataFrame(
            {
                "statement_id": ids,
                "actor_id": statements["actor_id"],
                "question_id": statements["question_id"],
                "date": statements["date"],
                "date_precision": "day",
                "position": statements["position"].astype(str),
                "summary": summary,
                "quote": "",
                "span": statements["span"],
                "evidence": "coded-span",
                "channel": options.channel,
                "confidence": options.confidence,
                "notes": "DNA statement " + statements["ID"].astype(str) + f" (type {type_label!r})",
                "coder": statements["Coder"].map(coders).fillna("") if len(coders) else "",
            }
        ),
    )
    links = text_table(
        "statement_sources",
        pd.DataFrame(
            {
                "statement_id": ids,
                "source_id": statements["source_id"],
                "locator": "characters " + statements["Start"].astype(str) + "–" + statements["Stop"].astype(str),
            }
        ),
    )

    mapped += [
        f"statement type {type_label!r}: {len(statement_table)} of {len(all_statements)} statement(s) imported",
        f"{var['person']} -> actor, {var['organization']} -> affiliation (an organisation alone is a body): "
        f"{len(actors)} actor(s)",
        f"{var['concept']} -> question: {len(questions)} question(s)",
        f"{var['qualifier']} ({var['qualifier_type']}) -> position on the scale {scale_text}",
        f"document -> source: {len(sources)} source(s), consulted, identifier '{path.name}, document N'; "
        "its date -> statement date; Title -> title, Source -> outlet, Author/Section/Type/Notes -> notes",
        "span -> span with locator 'characters START–STOP', evidence coded-span (never quote)",
        f"coder -> coder: {statement_table['coder'].replace('', pd.NA).nunique()} coder(s)",
        f"entity attribute Type -> role, Alias -> aliases; channel {options.channel}, confidence {options.confidence}"
        " for every statement (DNA records neither)",
        "summary written as '<Agrees|Disagrees> with: <concept>'",
    ]
    mapped += folds
    unused = len(documents) - len(sources)
    if unused:
        dropped.append(f"{unused} document(s) without an imported statement")
    extra = sorted({a for a in attributes["AttributeVariable"].unique() if a not in ("Type", "Alias")})
    if extra and (attributes[attributes["AttributeVariable"].isin(extra)]["AttributeValue"].str.strip() != "").any():
        dropped.append(f"entity attribute(s) {', '.join(extra)} (no column for them)")
    name = slug(path.stem, fallback="dna-debate")
    return Imported(
        tables={
            "actors": actors,
            "questions": questions,
            "scale_points": scale_points,
            "sources": sources,
            "statements": statement_table,
            "statement_sources": links,
            "events": text_table("events"),
        },
        metadata=debate_metadata(
            name,
            f"{path.stem} (imported from DNA)",
            f"Imported by `stances import dna` from the Discourse Network Analyzer file {path.name}.",
        ),
        mapped=tuple(mapped),
        dropped=tuple(dropped),
    )


def _present_tables(db: sqlite3.Connection, file: str) -> set[str]:
    """The DNA tables the file has with every column the importer reads; broken or missing ones are problems."""
    tables = set(_query(db, "SELECT name FROM sqlite_master WHERE type = 'table'")["name"])
    problems = [
        Problem(code="missing-input-table", file=file, field=t, message="table is missing: not a DNA 3 project")
        for t in REQUIRED_TABLES
        if t not in tables
    ]
    present = set()
    for table, wanted in COLUMNS.items():
        if table not in tables:
            continue
        have = set(_query(db, f"PRAGMA table_info({table})")["name"])
        lacking = [c for c in wanted if c not in have]
        problems += [
            Problem(code="missing-input-table", file=file, field=f"{table}.{c}", message="column is missing")
            for c in lacking
        ]
        if not lacking:
            present.add(table)
    if problems:
        raise InputError(problems)
    return present


def _statement_type(
    types: pd.DataFrame, variables: pd.DataFrame, options: DnaOptions, file: str
) -> tuple[int, str, dict[str, str]]:
    """The statement type to import and the names and data types of its mapped variables."""
    wanted = {"person": options.person, "organization": options.organization, "concept": options.concept}
    candidates = types if options.statement_type is None else types[types["Label"] == options.statement_type]
    described = []
    for row in candidates.itertuples():
        own = variables[variables["StatementTypeId"] == row.ID].set_index("Variable")["DataType"]
        described.append(f"{row.Label!r} ({', '.join(f'{v}: {t}' for v, t in own.items())})")
        has_actor = any(own.get(wanted[r]) == "short text" for r in ("person", "organization"))
        qualifier_type = own.get(options.qualifier)
        if has_actor and own.get(options.concept) == "short text" and qualifier_type in ("boolean", "integer"):
            return (
                int(str(row.ID)),
                str(row.Label),
                {
                    **wanted,
                    "qualifier": options.qualifier,
                    "qualifier_type": str(qualifier_type),
                    "type_id": str(row.ID),
                },
            )
    if options.statement_type is not None and candidates.empty:
        message = f"no statement type {options.statement_type!r} (types: {', '.join(map(repr, types['Label']))})"
    else:
        message = (
            f"no statement type has a short-text {options.person!r} or {options.organization!r}, a short-text "
            f"{options.concept!r} and a boolean or integer {options.qualifier!r} variable; types: "
            + ("; ".join(described) or "none")
        )
    raise InputError([Problem(code="unmapped-input", file=file, field="STATEMENTTYPES", message=message)])


def _short_text(db: sqlite3.Connection, var: dict[str, str]) -> dict[str, pd.Series]:
    """For person, organisation and concept: statement id -> the entity value it is coded with."""
    rows = _query(
        db,
        "SELECT d.StatementId, v.Variable, e.Value FROM DATASHORTTEXT d "
        "JOIN VARIABLES v ON v.ID = d.VariableId JOIN ENTITIES e ON e.ID = d.Entity "
        "WHERE v.StatementTypeId = ?",
        (int(var["type_id"]),),
    )
    out = {}
    for role in ("person", "organization", "concept"):
        own = rows[rows["Variable"] == var[role]]
        out[role] = own.drop_duplicates("StatementId").set_index("StatementId")["Value"].astype(str)
    return out


def _qualifier(db: sqlite3.Connection, var: dict[str, str], present: set[str]) -> pd.Series:
    table = "DATABOOLEAN" if var["qualifier_type"] == "boolean" else "DATAINTEGER"
    if table not in present:
        return pd.Series(dtype=float)
    rows = _query(
        db,
        f"SELECT d.StatementId, d.Value FROM {table} d JOIN VARIABLES v ON v.ID = d.VariableId "
        "WHERE v.StatementTypeId = ? AND v.Variable = ?",
        (int(var["type_id"]), var["qualifier"]),
    )
    return rows.drop_duplicates("StatementId").set_index("StatementId")["Value"].astype(float)


def _attributes(db: sqlite3.Connection, present: set[str]) -> pd.DataFrame:
    """Entity value (folded) -> attribute name and value, for person and organisation entities."""
    if not {"ATTRIBUTEVARIABLES", "ATTRIBUTEVALUES"} <= present:
        return pd.DataFrame(columns=["Variable", "Value", "AttributeVariable", "AttributeValue"])
    return _query(
        db,
        "SELECT v.Variable, e.Value, a.AttributeVariable, av.AttributeValue FROM ATTRIBUTEVALUES av "
        "JOIN ATTRIBUTEVARIABLES a ON a.ID = av.AttributeVariableId JOIN ENTITIES e ON e.ID = av.EntityId "
        "JOIN VARIABLES v ON v.ID = e.VariableId",
    )


def _spans(statements: pd.DataFrame, texts: pd.Series) -> list[str]:
    """The span DNA marked in its document: Java string offsets, i.e. UTF-16 code units, not Python characters.

    Each document is encoded once; a statement whose document is missing gets an empty span."""
    encoded: dict[int, bytes] = {}
    spans = []
    for doc, start, stop in zip(statements["DocumentId"], statements["Start"], statements["Stop"], strict=True):
        if doc not in texts.index:
            spans.append("")
            continue
        if doc not in encoded:
            encoded[doc] = str(texts.at[doc]).encode("utf-16-le")
        spans.append(encoded[doc][2 * int(start) : 2 * int(stop)].decode("utf-16-le", errors="replace"))
    return spans


AttributeIndex = dict[tuple[str, str, str], list[str]]


def _attribute_index(attributes: pd.DataFrame) -> AttributeIndex:
    """(variable, folded entity value, attribute) -> its non-empty values."""
    index: AttributeIndex = {}
    for variable, value, attribute, text in attributes[
        ["Variable", "Value", "AttributeVariable", "AttributeValue"]
    ].itertuples(index=False):
        if str(text).strip():
            index.setdefault((str(variable), folded(str(value)), str(attribute)), []).append(str(text).strip())
    return index


def _attribute(index: AttributeIndex, variable: str, names: list[str], attribute: str) -> str:
    values = [v for name in names for v in index.get((variable, folded(name), attribute), [])]
    return "; ".join(dict.fromkeys(values))


def _actors(
    statements: pd.DataFrame, attributes: pd.DataFrame, var: dict[str, str]
) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """One actor per folded name: its most frequent spelling as name, the others as aliases."""
    rows = []
    folds = []
    keys = list(dict.fromkeys(statements["actor_key"]))
    index = _attribute_index(attributes)
    # Counted once for all actors (a loop over each actor's rows is slow at thousands of actors).
    spelling_counts = statements.groupby(["actor_key", "actor_name"], sort=False).size()
    kinds = statements.drop_duplicates("actor_key").set_index("actor_key")["actor_kind"]
    coded = statements[statements["organization"] != ""]
    org_counts = coded.groupby(["actor_key", "organization"], sort=False).size()
    spellings_of: dict[str, list[str]] = {}
    count_of: dict[str, list[int]] = {}
    for (actor_key, spelling), count in zip(spelling_counts.index.tolist(), spelling_counts.tolist(), strict=True):
        spellings_of.setdefault(str(actor_key), []).append(str(spelling))
        count_of.setdefault(str(actor_key), []).append(int(count))
    orgs_of: dict[str, list[tuple[int, str]]] = {}
    for (actor_key, organisation), count in zip(org_counts.index.tolist(), org_counts.tolist(), strict=True):
        orgs_of.setdefault(str(actor_key), []).append((int(count), str(organisation)))
    names = {}
    for key in keys:
        spellings, counts = spellings_of[key], count_of[key]
        names[key] = (spellings[counts.index(max(counts))], spellings)  # most frequent, first seen on a tie
    ids = unique_slugs([names[k][0] for k in keys], fallback="actor")
    actor_of = dict(zip(keys, ids, strict=True))
    for key, actor_id in actor_of.items():
        name, spellings = names[key]
        kind = kinds[key]
        organisations = orgs_of.get(key, [])
        best = max((c for c, _ in organisations), default=0)
        affiliation = next((o for c, o in organisations if c == best), "") if kind == "person" else ""
        if kind == "person" and len(organisations) > 1:
            folds.append(
                f"actor {name!r} is coded with {len(organisations)} organisations; affiliation is the most "
                f"frequent, {affiliation!r}"
            )
        variable = var["person"] if kind == "person" else var["organization"]
        role = _attribute(index, variable, spellings, "Type")
        if not role and kind == "person" and affiliation:
            role = _attribute(index, var["organization"], [affiliation], "Type")
        others = [s for s in spellings if s != name]
        alias_attribute = [a.strip() for a in _attribute(index, variable, spellings, "Alias").split(";") if a.strip()]
        aliases = list(dict.fromkeys([*others, *alias_attribute]))
        if others:
            folds.append(f"folded {len(spellings)} spellings into actor {name!r}: {', '.join(map(repr, spellings))}")
        rows.append(
            {
                "actor_id": actor_id,
                "name": name,
                "role": role,
                "affiliation": affiliation,
                "country": "",
                "actor_kind": kind,
                "aliases": f"{schema.LIST_SEPARATOR} ".join(aliases),
            }
        )
    return text_table("actors", rows), actor_of, folds


def _questions(
    statements: pd.DataFrame, var: dict[str, str], file: str
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str], str]:
    concepts = list(dict.fromkeys(statements["concept"]))
    ids = unique_slugs(concepts, fallback="question")
    question_of = dict(zip(concepts, ids, strict=True))
    questions = text_table(
        "questions",
        [
            {"question_id": q, "label": c, "proposition": c, "display_order": str(i)}
            for i, (c, q) in enumerate(question_of.items(), start=1)
        ],
    )
    if var["qualifier_type"] == "boolean":
        points = {-1: BOOLEAN_SCALE[0], 1: BOOLEAN_SCALE[1]}
    else:
        observed = sorted({int(v) for v in statements["qualifier"]})
        if not (
            schema.SCALE_MIN_POINTS <= len(observed) <= schema.SCALE_MAX_POINTS
            and observed[0] >= schema.POSITION_MIN
            and observed[-1] <= schema.POSITION_MAX
        ):
            raise InputError(
                [
                    Problem(
                        code="bad-input-value",
                        file=file,
                        field=var["qualifier"],
                        value=", ".join(map(str, observed[:12])),
                        message=f"integer qualifier has {len(observed)} values from {observed[0]} to {observed[-1]}; "
                        f"a scale holds {schema.SCALE_MIN_POINTS} to {schema.SCALE_MAX_POINTS} points within "
                        f"{schema.POSITION_MIN}..{schema.POSITION_MAX}",
                    )
                ]
            )
        points = {v: (str(v), f"The actor's {var['qualifier']} value is {v}.") for v in observed}
    scale = text_table(
        "scale_points",
        [
            {"question_id": q, "position": str(p), "label": label, "meaning": meaning}
            for q in ids
            for p, (label, meaning) in points.items()
        ],
    )
    scale_text = "/".join(f"{p:+d}" if p else "0" for p in points)
    return questions, scale, question_of, scale_text


def _sources(documents: pd.DataFrame, path: Path, options: DnaOptions) -> tuple[pd.DataFrame, dict[int, str]]:
    rows = []
    source_of = {}
    for doc_id, doc in documents.iterrows():
        source_id = f"dna-document-{doc_id}"
        source_of[int(str(doc_id))] = source_id
        kind = str(doc["Type"]).strip().lower()
        notes = [
            f"{label}: {str(doc[column]).strip()}"
            for label, column in (
                ("Author", "Author"),
                ("Section", "Section"),
                ("DNA type", "Type"),
                ("Notes", "Notes"),
            )
            if str(doc[column]).strip()
        ]
        rows.append(
            {
                "source_id": source_id,
                "outlet": str(doc["Source"]).strip() or "not recorded",
                "title": str(doc["Title"]).strip() or f"DNA document {doc_id}",
                "url": "",
                "identifier": f"{path.name}, document {doc_id}",
                "published": dt.datetime.fromtimestamp(int(doc["Date"]), dt.UTC).strftime("%Y-%m-%d"),
                "source_kind": kind if kind in schema.SOURCE_KINDS else options.source_kind,
                "reports_on": "",
                "consulted": "true",
                "language": "",
                "notes": "; ".join(notes),
            }
        )
    return text_table("sources", rows), source_of
