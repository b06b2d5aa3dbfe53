"""One flat row per statement (CSV or xlsx) -> a stances debate: the most common shape of coded data.

`TableMapping` says which input column holds what (`actor=Speaker,date=Date,…`); a key left out is taken from a
column of the same name if there is one. Each row becomes one statement:

- actor and question names become ids by the slug rule (`stances.spelling.slug`); names that differ only in case or
  spacing are one actor (or question), the other spellings kept as aliases;
- date is YYYY-MM-DD (or an Excel date; YYYY-MM gives a month-precision date on the 1st);
- position is an integer; every question shares the scale of the values found (or `--scale`, e.g. `-2..2`);
- a `quote` is the actor's own words (evidence on-record), a `text` a coded span of a report (evidence coded-span,
  kept in `span`), neither: the outlet's paraphrase; `evidence` overrides;
- each distinct source (title, URL, identifier, outlet) becomes one consulted source published on the statement's
  date unless `published` is mapped; a row needs a URL or an identifier.

Entry point: `read(path, TableMapping(...)) -> Imported`; then `folder.write_debate(imported, out)`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from stances import schema
from stances.importers.folder import Imported, InputError, debate_metadata, text_table
from stances.importers.sheet import cell_text
from stances.problems import Problem
from stances.spelling import folded, slug, unique_slugs

REQUIRED_KEYS = ("actor", "question", "date", "position")
OPTIONAL_KEYS = (
    "quote",
    "text",
    "summary",
    "evidence",
    "channel",
    "confidence",
    "notes",
    "coder",
    "categories",
    "source_title",
    "url",
    "identifier",
    "outlet",
    "published",
    "role",
    "affiliation",
    "actor_kind",
)
KEYS = REQUIRED_KEYS + OPTIONAL_KEYS
_SCALE = re.compile(r"^\s*([+-]?\d+)\s*\.\.\s*([+-]?\d+)\s*$")


class MappingError(ValueError):
    """The mapping itself is wrong (an unknown key, a malformed pair): a usage error, not a problem of the data."""


@dataclass(frozen=True, kw_only=True)
class TableMapping:
    """Input column of each key (see `KEYS`), the scale when not taken from the data, and defaults for every row."""

    columns: dict[str, str] = field(default_factory=dict)
    scale: tuple[int, ...] = ()
    sheet: str | None = None
    source_kind: str = "news-report"
    channel: str = "public"
    confidence: str = "medium"

    @classmethod
    def parse(cls, pairs: list[str], *, scale: str = "", **options: str | None) -> TableMapping:
        """`["actor=Speaker,date=Date", "question=Topic"]` and `scale="-2..2"` or `"-1,1"` as a mapping."""
        columns: dict[str, str] = {}
        for text in pairs:
            for pair in filter(None, (p.strip() for p in text.split(","))):
                key, sep, column = pair.partition("=")
                key = key.strip()
                if not sep or not column.strip():
                    raise MappingError(f"expected KEY=COLUMN, not {pair!r}")
                if key not in KEYS:
                    raise MappingError(f"unknown key {key!r}; keys: {', '.join(KEYS)}")
                columns[key] = column.strip()
        return cls(columns=columns, scale=parse_scale(scale), **{k: v for k, v in options.items() if v is not None})


def parse_scale(text: str) -> tuple[int, ...]:
    """`"-2..2"` -> (-2, -1, 0, 1, 2); `"-1,1"` -> (-1, 1); `""` -> () (take the scale from the data)."""
    if not text.strip():
        return ()
    match = _SCALE.match(text)
    try:
        points = (
            tuple(range(int(match[1]), int(match[2]) + 1))
            if match
            else tuple(sorted({int(p) for p in text.split(",") if p.strip()}))
        )
    except ValueError:
        raise MappingError(f"expected a scale as LOW..HIGH or a list like -1,1, not {text!r}") from None
    if not (schema.SCALE_MIN_POINTS <= len(points) <= schema.SCALE_MAX_POINTS) or (
        points[0] < schema.POSITION_MIN or points[-1] > schema.POSITION_MAX
    ):
        raise MappingError(
            f"a scale has {schema.SCALE_MIN_POINTS} to {schema.SCALE_MAX_POINTS} points within "
            f"{schema.POSITION_MIN}..{schema.POSITION_MAX}, not {text!r}"
        )
    return points


def read_rows(path: Path, *, sheet: str | None = None) -> pd.DataFrame:
    """The input table as text cells, header from the first row; raise `InputError` when it cannot be read."""
    file = path.name
    if not path.is_file():
        raise InputError([Problem(code="unreadable-input", file=file, message="no such file")])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            [Problem(code="unreadable-input", file=file, line=line, message="is not UTF-8 text; save it as UTF-8")]
        ) from None
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False, sep=None, engine="python"
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError([Problem(code="unreadable-input", file=file, message=f"is not a CSV table: {exc}")]) from None
    return frame


def _read_xlsx(path: Path, sheet: str | None) -> pd.DataFrame:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(
            [Problem(code="unreadable-input", file=path.name, message=f"is not an Excel workbook (.xlsx): {exc}")]
        ) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(
                [
                    Problem(
                        code="missing-input-table",
                        file=path.name,
                        field=sheet,
                        message=f"no such sheet (sheets: {', '.join(book.sheetnames)})",
                    )
                ]
            )
        rows = [[cell_text(v) for v in row] for row in book[sheet or book.sheetnames[0]].iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows:
        return pd.DataFrame()
    header = [h.strip() for h in rows[0]]
    width = len(header)
    return pd.DataFrame([(r + [""] * width)[:width] for r in rows[1:]], columns=header, dtype=object)


def read(path: Path | str, mapping: TableMapping | None = None) -> Imported:
    """The debate in the flat table `path`; raise `InputError` with located problems (line and column)."""
    path = Path(path)
    mapping = mapping or TableMapping()
    file = path.name
    rows = read_rows(path, sheet=mapping.sheet)
    columns = _columns(rows, mapping, file)
    blank = rows.apply(lambda row: all(not str(v).strip() for v in row), axis=1) if len(rows) else pd.Series()
    lines = pd.Series(range(2, len(rows) + 2), index=rows.index)
    rows, lines = rows[~blank.astype(bool)] if len(rows) else rows, lines[~blank.astype(bool)] if len(rows) else lines
    if rows.empty:
        raise InputError([Problem(code="unmapped-input", file=file, message="has no rows below its header")])

    def column(key: str) -> pd.Series:
        name = columns.get(key)
        return rows[name].astype(str).str.strip() if name else pd.Series("", index=rows.index)

    problems: list[Problem] = []

    def bad(mask: pd.Series, key: str, message: str) -> None:
        for index in mask[mask].index[:50]:
            problems.append(
                Problem(
                    code="bad-input-value",
                    file=file,
                    line=int(lines[index]),
                    field=columns.get(key, key),
                    value=str(rows.at[index, columns[key]]) if key in columns else None,
                    message=message,
                )
            )

    actor, question = column("actor"), column("question")
    bad(actor == "", "actor", "the actor is empty")
    bad(question == "", "question", "the question is empty")
    dates, precision = _dates(column("date"))
    bad(dates.isna(), "date", "expected a date as YYYY-MM-DD (or YYYY-MM)")
    positions = pd.to_numeric(column("position"), errors="coerce")
    whole = positions.notna() & (positions == positions.round())
    bad(~whole, "position", "expected a whole number")
    scale = mapping.scale or tuple(sorted({int(p) for p in positions[whole]}))
    if mapping.scale:
        bad(whole & ~positions.isin(scale), "position", f"not a point of the scale {_scale_text(scale)}")
    url, identifier = column("url"), column("identifier")
    bad(
        (url == "") & (identifier == ""),
        "url" if "url" in columns else "identifier",
        "a source needs a URL or an identifier (map a column with url=… or identifier=…)",
    )
    bad((url != "") & ~url.str.match(schema.HTTP_URL), "url", "expected an http:// or https:// address")
    published, _ = _dates(column("published")) if "published" in columns else (dates, None)
    if "published" in columns:
        bad(published.isna(), "published", "expected a date as YYYY-MM-DD")
    if problems:
        raise InputError(problems)
    if not (schema.SCALE_MIN_POINTS <= len(scale) <= schema.SCALE_MAX_POINTS) or not (
        scale[0] >= schema.POSITION_MIN and scale[-1] <= schema.POSITION_MAX
    ):
        raise InputError(
            [
                Problem(
                    code="bad-input-value",
                    file=file,
                    field=columns["position"],
                    value=_scale_text(scale),
                    message=f"the positions found make a scale of {len(scale)} point(s); a scale holds "
                    f"{schema.SCALE_MIN_POINTS} to {schema.SCALE_MAX_POINTS} within "
                    f"{schema.POSITION_MIN}..{schema.POSITION_MAX}: give one with --scale, e.g. --scale -1,1",
                )
            ]
        )

    mapped = [f"{key} <- column {name!r}" for key, name in columns.items()]
    dropped = [f"column {c!r} (not mapped)" for c in rows.columns if c not in columns.values()]
    raw_actor = rows[columns["actor"]].astype(str)
    actors, actor_of, folds = _named(raw_actor, "actor", column("role"), column("affiliation"), column("actor_kind"))
    questions_, question_of, question_folds = _named(rows[columns["question"]].astype(str), "question")
    sources, source_of = _sources(column, url, identifier, published, mapping)
    positions = positions.astype(int)
    question_ids = question.map(lambda q: question_of[folded(q)])
    actor_ids = actor.map(lambda a: actor_of[folded(a)])
    quote, text = column("quote"), column("text")
    evidence = column("evidence").where(
        column("evidence") != "",
        pd.Series("paraphrase", index=rows.index).mask(text != "", "coded-span").mask(quote != "", "on-record"),
    )
    labels = questions_.set_index("question_id")["label"]
    summary = column("summary").where(
        column("summary") != "", "Position " + positions.map(_signed) + " on: " + question_ids.map(labels)
    )
    day = dates.dt.strftime("%Y%m%d")
    base = actor_ids + "-" + day + "-" + question_ids
    number = base.groupby(base).cumcount()
    statement_ids = base.where(number == 0, base + "-" + (number + 1).astype(str))
    statements = text_table(
        "statements",
        pd.DataFrame(
            {
                "statement_id": statement_ids,
                "actor_id": actor_ids,
                "question_id": question_ids,
                "date": dates.dt.strftime("%Y-%m-%d"),
                "date_precision": precision,
                "position": positions.astype(str),
                "summary": summary,
                "quote": quote,
                "span": text,
                "evidence": evidence,
                "channel": column("channel").where(column("channel") != "", mapping.channel),
                "confidence": column("confidence").where(column("confidence") != "", mapping.confidence),
                "notes": column("notes"),
                "coder": column("coder"),
                "categories": column("categories"),
            }
        ),
    )
    links = text_table(
        "statement_sources",
        pd.DataFrame({"statement_id": statement_ids, "source_id": source_of, "locator": ""}),
    )
    points = text_table(
        "scale_points",
        [
            {
                "question_id": q,
                "position": str(p),
                "label": _signed(p),
                "meaning": f"Position {_signed(p)} on the scale {_scale_text(scale)} (the input gives no labels).",
            }
            for q in questions_["question_id"]
            for p in scale
        ],
    )
    mapped += [
        f"{len(actors)} actor(s) and {len(questions_)} question(s), ids by the slug rule",
        f"position -> the scale {_scale_text(scale)} for every question"
        + (" (from --scale)" if mapping.scale else " (the values found)"),
        f"{len(sources)} source(s), consulted, published on the statement's date"
        + ("" if "published" not in columns else " unless 'published' says otherwise"),
        "evidence: " + ", ".join(f"{k} {n}" for k, n in evidence.value_counts().items()),
        *folds,
        *question_folds,
    ]
    if "actor_kind" not in columns:
        mapped.append("actor_kind: person for every actor (map actor_kind=COLUMN to say which are bodies)")
    return Imported(
        tables={
            "actors": actors,
            "questions": questions_,
            "scale_points": points,
            "sources": sources,
            "statements": statements,
            "statement_sources": links,
            "events": text_table("events"),
        },
        metadata=debate_metadata(
            slug(path.stem, fallback="debate"), path.stem, f"Imported by `stances import table` from {path.name}."
        ),
        mapped=tuple(mapped),
        dropped=tuple(dropped),
    )


def _columns(rows: pd.DataFrame, mapping: TableMapping, file: str) -> dict[str, str]:
    """Key -> input column: the mapping's, then columns named like a key; unknown columns are problems."""
    present = [str(c) for c in rows.columns]
    problems = [
        Problem(
            code="unmapped-input",
            file=file,
            line=1,
            field=name,
            message=f"no such column for {key}= (columns: {', '.join(present)})",
        )
        for key, name in mapping.columns.items()
        if name not in present
    ]
    columns = {k: v for k, v in mapping.columns.items() if v in present}
    by_name = {folded(c).replace(" ", "_"): c for c in present}
    for key in KEYS:
        if key not in columns and key in by_name and by_name[key] not in columns.values():
            columns[key] = by_name[key]
    problems += [
        Problem(
            code="unmapped-input",
            file=file,
            line=1,
            field=key,
            message=f"no column holds the {key}; map one with --map {key}=COLUMN (columns: {', '.join(present)})",
        )
        for key in REQUIRED_KEYS
        if key not in columns and key not in mapping.columns
    ]
    if problems:
        raise InputError(problems)
    return columns


def _dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates (NaT where unreadable) and their precision: YYYY-MM-DD is a day, YYYY-MM a month (on the 1st)."""
    day = pd.to_datetime(text.where(text.str.fullmatch(r"\d{4}-\d{2}-\d{2}")), format="%Y-%m-%d", errors="coerce")
    month = pd.to_datetime(text.where(text.str.fullmatch(r"\d{4}-\d{2}")), format="%Y-%m", errors="coerce")
    stamp = pd.to_datetime(
        text.where(text.str.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")), errors="coerce"
    ).dt.normalize()
    dates = day.fillna(month).fillna(stamp)
    low, high = pd.Timestamp(schema.EARLIEST_DATE), pd.Timestamp(schema.LATEST_DATE)
    dates = dates.where((dates >= low) & (dates <= high))
    return dates, pd.Series("day", index=text.index).mask(month.notna() & day.isna(), "month")


def _signed(position: int) -> str:
    return f"+{position}" if position > 0 else ("0" if position == 0 else f"−{abs(position)}")


def _scale_text(scale: tuple[int, ...]) -> str:
    return "/".join(_signed(p) for p in scale) or "(none)"


def _named(
    names: pd.Series,
    kind: str,
    role: pd.Series | None = None,
    affiliation: pd.Series | None = None,
    actor_kind: pd.Series | None = None,
) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """One actor (or question) per folded name: the most frequent spelling (trimmed) as its name, the other
    spellings as aliases; each fold is said, with the spellings as they were (`'Bundestag '`)."""
    keys = names.map(folded)
    order = list(dict.fromkeys(keys))
    spellings = {k: names[keys == k].value_counts().sort_values(ascending=False, kind="stable") for k in order}
    trimmed = {k: list(dict.fromkeys(" ".join(str(n).split()) for n in s.index)) for k, s in spellings.items()}
    canonical = {k: t[0] for k, t in trimmed.items()}
    ids = unique_slugs([canonical[k] for k in order], fallback=kind)
    id_of = dict(zip(order, ids, strict=True))
    folds = [
        f"folded {len(s)} spellings into {kind} {canonical[k]!r}: {', '.join(map(repr, s.index))}"
        for k, s in spellings.items()
        if len(s) > 1
    ]
    if kind == "question":
        frame = text_table(
            "questions",
            [
                {"question_id": id_of[k], "label": canonical[k], "proposition": canonical[k], "display_order": str(i)}
                for i, k in enumerate(order, start=1)
            ],
        )
        return frame, id_of, folds

    def first(values: pd.Series | None, key: str) -> str:
        if values is None:
            return ""
        own = values[(keys == key) & (values != "")]
        return str(own.value_counts().index[0]) if len(own) else ""

    frame = text_table(
        "actors",
        [
            {
                "actor_id": id_of[k],
                "name": canonical[k],
                "role": first(role, k),
                "affiliation": first(affiliation, k),
                "country": "",
                "actor_kind": first(actor_kind, k) or "person",
                "aliases": f"{schema.LIST_SEPARATOR} ".join(trimmed[k][1:]),
            }
            for k in order
        ],
    )
    return frame, id_of, folds


def _sources(
    column: Callable[[str], pd.Series],
    url: pd.Series,
    identifier: pd.Series,
    published: pd.Series,
    mapping: TableMapping,
) -> tuple[pd.DataFrame, pd.Series]:
    """One consulted source per distinct (title, URL, identifier, outlet); the outlet defaults to the URL's host."""
    title, outlet = column("source_title"), column("outlet")
    host = url.map(lambda u: urlsplit(u).netloc.removeprefix("www.") if u else "")
    outlet = outlet.where(outlet != "", host).where(lambda o: o != "", "not recorded")
    title = title.where(title != "", url.where(url != "", identifier))
    key = title + "\x1f" + url + "\x1f" + identifier + "\x1f" + outlet
    order = list(dict.fromkeys(key))
    day = published.dt.strftime("%Y%m%d")
    ids = unique_slugs([f"{outlet[key == k].iloc[0]} {day[key == k].iloc[0]}" for k in order], fallback="source")
    id_of = dict(zip(order, ids, strict=True))
    first = ~key.duplicated()
    sources = text_table(
        "sources",
        pd.DataFrame(
            {
                "source_id": key[first].map(id_of),
                "outlet": outlet[first],
                "title": title[first],
                "url": url[first],
                "identifier": identifier[first],
                "published": key[first]
                .map(pd.Series(published.to_numpy(), index=key.to_numpy()).groupby(level=0).max())
                .dt.strftime("%Y-%m-%d"),
                "source_kind": mapping.source_kind,
                "reports_on": "",
                "consulted": "true",
                "language": "",
                "notes": "",
            }
        ),
    )
    return sources, key.map(id_of)
