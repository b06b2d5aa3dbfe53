"""Synthetic debates of any size, valid by construction and deterministic for a seed, for benchmarks and tests.

`synthesize(n)` builds every table of the format as text columns (as `load.read_tables` would read them);
`write_synthetic(folder, n)` writes them as a data package. Everything is vectorised with numpy, so a million
statements take seconds: no Python loop runs once per row.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from stances import schema
from stances.package import write_descriptor
from stances.vocab import CHANNELS, EVIDENCE_KINDS, SCALE_MAX_POINTS, SCALE_MIN_POINTS

START = np.datetime64("2022-01-01")

QUESTION_TOPICS: tuple[tuple[str, str, str], ...] = (
    ("talks-now", "Open talks now", "the two sides should open negotiations now"),
    ("ceasefire", "Ceasefire first", "a ceasefire should come before any settlement"),
    ("arms-supply", "Keep arming", "allies should keep supplying arms at the current pace"),
    ("sanctions", "Tighten sanctions", "sanctions should be tightened further"),
    ("territory", "No land for peace", "no territory should be ceded for a settlement"),
    ("mediation", "Third-party mediation", "a third country should mediate the talks"),
    ("security-guarantees", "Security guarantees", "a settlement needs binding security guarantees"),
    ("aid-budget", "Keep the aid budget", "the aid budget should be kept at this year's level"),
    ("energy-cap", "Energy price cap", "an energy price cap should be imposed"),
    ("tribunal", "Special tribunal", "a special tribunal should try the crime of aggression"),
    ("grain-deal", "Extend the grain deal", "the grain corridor deal should be extended"),
    ("membership", "Alliance membership", "the alliance should offer a path to membership"),
)
SCALE_WORDS = {-2: "Strongly against", -1: "Against", 0: "Undecided", 1: "For", 2: "Strongly for"}
STANCE_VERBS = {
    -2: ("rejected outright the idea that", "ruled out that", "called it dangerous to say that"),
    -1: ("doubted that", "saw no basis yet to say that", "was sceptical that"),
    0: ("declined to say whether", "left open whether", "would not commit on whether"),
    1: ("backed the view that", "agreed that", "argued cautiously that"),
    2: ("strongly urged that", "insisted that", "called it urgent that"),
}
QUALIFIERS = (
    "",
    " in a television interview",
    " at a press conference",
    " according to a readout",
    " in closed-door talks with allies",
    " during a parliamentary hearing",
    " on a visit abroad",
    " in an op-ed",
    " after the latest strikes",
    " in remarks to reporters",
)
# A few summaries carry text a careless app would render as markup or a spreadsheet as a formula.
TRICKY_SUMMARIES = (
    "=HYPERLINK(\"https://example.org\") was how aides described the plan, 'verbatim'",
    "Called the plan <b>unacceptable</b> & said talks were <i>premature</i>",
    "Said R&D funding & <script>alert(1)</script> were separate questions",
    '+1 for talks, wrote in a post; "a window" had opened',
    "-Backed the proposal, then <u>reversed</u> within the week",
    "@channel: said the deal was 50% done & 50% wishful",
)
# Coded spans of a report: the actor's reported words mixed with the outlet's (evidence `coded-span`).
SPANS = (
    'The minister said on Tuesday that talks were "not on the table" while the offensive continued.',
    "Asked about a ceasefire, the senator told reporters it was worth exploring, the paper reported.",
    "Officials close to the talks said the envoy had called the proposal a serious basis for discussion.",
)
QUOTES = {
    -2: ("There can be no talks with those who shell our cities.", "Out of the question."),
    -1: ("Now is not the time.", "We see no basis for talks at present."),
    0: ("It is too early to say.", "We will decide that with our partners."),
    1: ("There is a window, and we should use it.", "Diplomacy has a role to play."),
    2: ('Seize the moment — "now", not next year.', "Talks must start, and soon."),
}
FIRST_NAMES = ("Anna", "Boris", "Chen", "Dana", "Emil", "Farah", "Gustav", "Hana", "Ivan", "Julia", "Kofi", "Lena")
LAST_NAMES = ("Adler", "Brandt", "Costa", "Dumont", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova", "Jansen")
ROLES = ("Foreign Minister", "Defence Minister", "Senator", "National Security Adviser", "Ambassador", "Spokesperson")
COUNTRIES = ("US", "UA", "RU", "DE", "FR", "GB", "PL", "TR", "CN", "IN")
OUTLETS = (
    ("The Daily Ledger", "ledger"),
    ("Morning Wire", "wire"),
    ("Ministry of Foreign Affairs", "mfa"),
    ("Parliament Record", "record"),
    ("Public Broadcaster", "broadcast"),
    ("Policy Review", "review"),
    ("Regional Herald", "herald"),
    ("Agency Press", "agency"),
)
EVIDENCE_SHARES = (0.45, 0.15, 0.15, 0.15, 0.1)  # in vocab.EVIDENCE_KINDS order
TRICKY_SHARE = 0.01
WRITE_CHUNK = 250_000


@dataclass(frozen=True, kw_only=True)
class Shape:
    """The shape of a synthetic debate beyond its number of statements: how wide it is and how uneven.

    `actors` and `questions` default to `sizes(statements)`; `scale_points` is the length of every question's
    scale (symmetric around 0: 2 is −1/+1, 3 is −1/0/+1, 5 is −2…+2); `skew` 0 spreads statements evenly over
    actors and questions, 1 or more makes a few of them (not the first in the files) say most, as real coded
    debates do (a Zipf-like share: the k-th busiest gets weight 1/k**skew).
    """

    actors: int | None = None
    questions: int | None = None
    scale_points: int = 5
    skew: float = 0.0


def scale_positions(points: int) -> list[int]:
    """The positions of a symmetric scale of `points` points: odd lengths hold 0, even ones do not."""
    half = points // 2
    return [p for p in range(-half, half + 1) if points % 2 or p != 0]


def check_shape(statements: int, shape: Shape) -> None:
    """Raise ValueError, saying what is allowed, for a shape no valid debate can have."""
    if statements < 1:
        raise ValueError("a debate needs at least one statement")
    low, high = SCALE_MIN_POINTS, SCALE_MAX_POINTS
    if not low <= shape.scale_points <= high:
        raise ValueError(f"scale points must be from {low} to {high}, not {shape.scale_points}")
    for name in ("actors", "questions"):
        count = getattr(shape, name)
        if count is not None and count < 1:
            raise ValueError(f"{name} must be at least 1, not {count}")
    if shape.skew < 0:
        raise ValueError(f"skew must be 0 or more, not {shape.skew}")


def sizes(statements: int, shape: Shape | None = None) -> dict[str, int]:
    """How many rows of each table a debate of `statements` statements gets (a shape's counts win)."""
    shape = shape or Shape()
    return {
        "actors": shape.actors or max(4, round(math.sqrt(statements) / 2)),
        "questions": shape.questions or min(12, max(5, round(math.log2(max(statements, 2)) / 2))),
        "sources": max(10, statements // 3),
        "statements": statements,
        "events": max(3, statements // 2000),
    }


def synthesize(statements: int, *, seed: int = 0, shape: Shape | None = None) -> dict[str, pd.DataFrame]:
    """Every table of a valid debate with `statements` statements, as text columns; the same seed gives equal tables."""
    shape = shape or Shape()
    check_shape(statements, shape)
    rng = np.random.default_rng(seed)
    counts = sizes(statements, shape)
    span_days = max(60, min(3650, statements // 50))
    actors = _actors(rng, counts["actors"])
    positions = scale_positions(shape.scale_points)
    questions, scale_points = _questions(counts["questions"], positions)
    sources, published, consulted = _sources(rng, counts["sources"], span_days)
    statement_table, links = _statements(
        rng, counts, published, consulted, positions=positions, question_ids=questions["question_id"], skew=shape.skew
    )
    events = _events(rng, counts["events"], span_days, sources["source_id"].to_numpy())
    tables = {
        "actors": actors,
        "questions": questions,
        "scale_points": scale_points,
        "sources": sources,
        "statements": statement_table,
        "statement_sources": links,
        "events": events,
    }
    # Optional columns synth does not fill (source identifiers, spans, coders, categories) are written empty.
    return {name: _with_format_columns(name, tables[name]) for name in schema.TABLE_ORDER}


def _with_format_columns(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    missing = [name for name in schema.field_names(table) if name not in frame.columns]
    if missing:
        frame = frame.assign(**dict.fromkeys(missing, "")).astype(dict.fromkeys(missing, frame.dtypes.iloc[0]))
    return frame[schema.field_names(table)]


def _frame(columns: dict[str, pa.Array | np.ndarray]) -> pd.DataFrame:
    # Arrow builds the text columns in C; pandas takes them as its string dtype without a per-row conversion.
    return pa.table(columns).to_pandas()


def _choose(codes: np.ndarray, values: tuple[str, ...] | list[str]) -> pa.Array:
    """Text column whose row i is `values[codes[i]]`."""
    dictionary = pa.array(list(values), type=pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(codes, type=pa.int32()), dictionary).dictionary_decode()


def _pick(rng: np.random.Generator, values: tuple[str, ...], count: int, p: tuple[float, ...] | None = None):
    return _choose(rng.choice(len(values), size=count, p=p), values)


def _ids(prefix: str, count: int) -> pa.Array:
    width = max(4, len(str(count)))
    return pa.array(np.strings.add(prefix, np.strings.zfill(np.arange(1, count + 1).astype(str), width)))


def _days(days: np.ndarray) -> pa.Array:
    return pa.array(START + days.astype("timedelta64[D]")).cast(pa.string())


def _actors(rng: np.random.Generator, count: int) -> pd.DataFrame:
    first = rng.integers(0, len(FIRST_NAMES), count)
    last = rng.integers(0, len(LAST_NAMES), count)
    body = rng.random(count) < 0.15
    country = rng.integers(0, len(COUNTRIES), count)
    people = [f"{a} {b}" for a in FIRST_NAMES for b in LAST_NAMES]
    governments = [f"Government of {c}" for c in COUNTRIES]
    names = pd.Series(
        _choose(np.where(body, len(people) + country, first * len(LAST_NAMES) + last), people + governments)
    )
    # Each actor a name of its own (a repeated name is a validation warning): "Anna Adler", "Anna Adler (2)", …
    repeat = names.groupby(names).cumcount().to_numpy()
    names = names.where(repeat == 0, names + " (" + pd.Series(repeat + 1).astype(str) + ")")
    return _frame(
        {
            "actor_id": _ids("actor-", count),
            "name": pa.array(names.astype(str).tolist(), type=pa.string()),
            "role": _choose(np.where(body, len(ROLES), rng.integers(0, len(ROLES), count)), [*ROLES, "Government"]),
            "affiliation": _choose(country, governments),
            "country": _choose(country, COUNTRIES),
            "actor_kind": _choose(body.astype(int), ("person", "body")),
            "aliases": _choose(_unique_aliases(np.where(rng.random(count) < 0.3, last + 1, 0)), ("", *LAST_NAMES)),
            "speaks_for": _choose(np.zeros(count, dtype=int), ("",)),
        }
    )


def _topics(count: int) -> list[tuple[str, str, str]]:
    """`count` questions: the topics, then numbered variants of them ("Open talks now 2") past the twelfth."""
    out = list(QUESTION_TOPICS[:count])
    for i in range(len(out), count):
        qid, label, proposition = QUESTION_TOPICS[i % len(QUESTION_TOPICS)]
        round_ = i // len(QUESTION_TOPICS) + 1
        out.append((f"{qid}-{round_}", f"{label} {round_}", proposition))
    return out


def _scale_word(position: int, positions: list[int]) -> str:
    """The word of a point: the ends are "Strongly", the rest graded by sign."""
    if position == 0:
        return SCALE_WORDS[0]
    end = max(abs(p) for p in positions)
    strength = 2 if abs(position) == end and end > 1 else 1
    word = SCALE_WORDS[strength if position > 0 else -strength]
    inner = abs(position) if 1 < abs(position) < end else 0
    return f"{word} ({inner})" if inner else word


def _unique_aliases(codes: np.ndarray) -> np.ndarray:
    """Alias codes (0 for none) with each alias kept only by its first actor: a repeated alias is a warning."""
    seen = pd.Series(codes).duplicated().to_numpy()
    return np.where(seen, 0, codes)


def _questions(count: int, positions: list[int] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    topics = _topics(count)
    positions = positions or sorted(SCALE_WORDS)
    questions = pd.DataFrame(
        {
            "question_id": [t[0] for t in topics],
            "label": [t[1] for t in topics],
            "proposition": [t[2][0].upper() + t[2][1:] + "." for t in topics],
            "display_order": [str(i) for i in range(1, count + 1)],
        }
    )
    words = {point: _scale_word(point, positions) for point in positions}
    scale_points = pd.DataFrame(
        [
            {
                "question_id": qid,
                "position": str(point),
                "label": f"{words[point]}: {label.lower()}",
                "meaning": f"Says {words[point].lower()} the proposition that {proposition}.",
            }
            for qid, label, proposition in topics
            for point in positions
        ]
    )
    return questions, scale_points


def _sources(rng: np.random.Generator, count: int, span_days: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Sources in publication order, so a later index is never published earlier (statements rely on this)."""
    published = np.sort(rng.integers(0, span_days + 14, count))
    source_id = _ids("src-", count)
    # About a fifth report on an earlier source; half of those earlier sources are known only through the report.
    index = np.arange(count)
    reporter = (rng.random(count) < 0.2) & (index > 0)
    target = np.clip(index - rng.integers(1, 20, count), 0, None)
    consulted = np.ones(count, dtype=bool)
    consulted[target[reporter & (rng.random(count) < 0.5)]] = False
    consulted[reporter] = True
    outlet = rng.integers(0, len(OUTLETS), count)
    url = pc.binary_join_element_wise(
        "https://example.org/", _choose(outlet, [o[1] for o in OUTLETS]), "/", source_id, ""
    )
    no_url = ~consulted & (rng.random(count) < 0.5)
    sources = _frame(
        {
            "source_id": source_id,
            "outlet": _choose(outlet, [o[0] for o in OUTLETS]),
            "title": pc.binary_join_element_wise("Report ", source_id, ": where the debate stands", ""),
            "url": pc.if_else(pa.array(no_url), "", url),
            "published": _days(published),
            "source_kind": _pick(rng, schema.SOURCE_KINDS, count, p=(0.45, 0.15, 0.15, 0.1, 0.03, 0.07, 0.05)),
            "reports_on": pc.if_else(pa.array(reporter), source_id.take(pa.array(target)), ""),
            "consulted": _choose(consulted.astype(int), ("false", "true")),
            "language": _pick(rng, ("en", "uk", "ru", "de", "fr"), count, p=(0.7, 0.1, 0.1, 0.05, 0.05)),
            "notes": _choose(consulted.astype(int), ("known only through the source that reports on it", "")),
        }
    )
    return sources, published, consulted


def _activity(rng: np.random.Generator, count: int, n: int, skew: float) -> np.ndarray:
    """`n` draws from `count` items: evenly, or Zipf-like with `skew`, the busiest placed at random in the list."""
    if skew <= 0 or count == 1:
        return rng.integers(0, count, n)
    weights = 1.0 / np.arange(1, count + 1) ** skew
    weights = weights[rng.permutation(count)]
    return rng.choice(count, size=n, p=weights / weights.sum())


def _statements(
    rng: np.random.Generator,
    counts: dict[str, int],
    published: np.ndarray,
    consulted: np.ndarray,
    *,
    positions: list[int],
    question_ids: pd.Series,
    skew: float = 0.0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    n, n_actors, n_questions, n_sources = counts["statements"], counts["actors"], counts["questions"], counts["sources"]
    statement_id = _ids("st-", n)
    actor = _activity(rng, n_actors, n, skew)
    question = _activity(rng, n_questions, n, skew)
    # Each actor leans one way on each question and drifts a point either side of it, along the scale.
    leaning = rng.integers(0, len(positions), (n_actors, n_questions), dtype=np.int16)
    drift = rng.choice([-1, 0, 1], size=n, p=(0.2, 0.6, 0.2))
    position = np.asarray(positions)[np.clip(leaning[actor, question] + drift, 0, len(positions) - 1)]

    # Each statement rests on one source the curators read, and is dated on or before it.
    readable = np.flatnonzero(consulted)
    primary = readable[rng.integers(0, readable.size, n)]
    day = published[primary] - rng.geometric(0.4, n) + 1
    precision = rng.choice(3, size=n, p=(0.85, 0.1, 0.05))
    date = START + day.astype("timedelta64[D]")
    date = np.where(precision == 1, date.astype("datetime64[M]").astype("datetime64[D]"), date)

    evidence = rng.choice(len(EVIDENCE_SHARES), size=n, p=EVIDENCE_SHARES)
    on_record, official, unnamed = evidence == 0, evidence == 1, evidence == 2
    private = np.where(unnamed, rng.random(n) < 0.7, rng.random(n) < 0.05)
    confidence = np.where(
        on_record | official,
        rng.choice(3, size=n, p=(0.05, 0.25, 0.7)),
        rng.choice(3, size=n, p=(0.3, 0.55, 0.15)),
    )
    quoted = on_record | (official & (rng.random(n) < 0.5))
    quotes = ["", *(q for p in range(-2, 3) for q in QUOTES[p])]
    grade = np.clip(position, -2, 2)  # the wording follows the side and strength, on a scale of any length
    quote = np.where(quoted, 1 + (grade + 2) * 2 + rng.integers(0, 2, n), 0)
    span = np.where(evidence == EVIDENCE_KINDS.index("coded-span"), 1 + rng.integers(0, len(SPANS), n), 0)
    notes = (rng.random(n) < 0.05).astype(int)

    statements = _frame(
        {
            "statement_id": statement_id,
            "actor_id": _ids("actor-", n_actors).take(pa.array(actor)),
            "question_id": _choose(question, list(question_ids)),
            "date": pa.array(date).cast(pa.string()),
            "date_precision": _choose(precision, schema.DATE_PRECISIONS),
            "position": pa.array(position).cast(pa.string()),
            "summary": _summaries(rng, grade, question % len(QUESTION_TOPICS)),
            "quote": _choose(quote, quotes),
            "span": _choose(span, ["", *SPANS]),
            "evidence": _choose(evidence, EVIDENCE_KINDS),
            "channel": _choose(private.astype(int), CHANNELS),
            "confidence": _choose(confidence, schema.CONFIDENCE_LEVELS),
            "notes": _choose(notes, ("", "Sources disagree on the date; coded from the earliest.")),
            "replaces": _choose(np.zeros(n, dtype=int), ("",)),
        }
    )
    return statements, _links(rng, statement_id, primary, n_sources)


def _summaries(rng: np.random.Generator, position: np.ndarray, question: np.ndarray) -> pa.Array:
    """Summary text varied by position, question and setting, drawn from a pool built once."""
    verbs = [verb for point in range(-2, 3) for verb in STANCE_VERBS[point]]
    pool = [
        f"{verb[0].upper()}{verb[1:]} {topic[2]}{qualifier}."
        for verb in verbs
        for topic in QUESTION_TOPICS
        for qualifier in QUALIFIERS
    ]
    n = position.size
    verb = (position + 2) * 3 + rng.integers(0, 3, n)
    index = (verb * len(QUESTION_TOPICS) + question) * len(QUALIFIERS) + rng.integers(0, len(QUALIFIERS), n)
    tricky = rng.random(n) < TRICKY_SHARE
    index[tricky] = len(pool) + rng.integers(0, len(TRICKY_SUMMARIES), tricky.sum())
    return _choose(index, pool + list(TRICKY_SUMMARIES))


def _links(rng: np.random.Generator, statement_id: pa.Array, primary: np.ndarray, n_sources: int) -> pd.DataFrame:
    """One to three sources per statement: its primary source, then later ones (never published before it)."""
    n = len(statement_id)
    extra = rng.choice(3, size=n, p=(0.5, 0.35, 0.15))
    rows = np.repeat(np.arange(n), extra + 1)
    first = np.r_[0, np.cumsum(extra + 1)[:-1]]
    rank = np.arange(rows.size) - np.repeat(first, extra + 1)
    later = np.minimum(primary[rows] + rank * rng.integers(1, 15, rows.size), n_sources - 1)
    source = np.where(rank == 0, primary[rows], later)
    # A later source clipped to the last one can repeat; keep each (statement, source) pair once.
    keep = np.ones(rows.size, dtype=bool)
    keep[1:] = (rows[1:] != rows[:-1]) | (source[1:] != source[:-1])
    keep &= ~((rank == 2) & (source == np.roll(source, 2)))
    rows, source = rows[keep], source[keep]
    return _frame(
        {
            "statement_id": statement_id.take(pa.array(rows)),
            "source_id": _ids("src-", n_sources).take(pa.array(source)),
            "locator": _pick(rng, ("", "para. 2", "para. 4", "para. 7", "12:31", "p. 3"), rows.size),
        }
    )


def _events(rng: np.random.Generator, count: int, span_days: int, source_ids: np.ndarray) -> pd.DataFrame:
    kind = rng.integers(0, len(schema.EVENT_KINDS), count)
    event_id = _ids("event-", count)
    return _frame(
        {
            "event_id": event_id,
            "date": _days(np.sort(rng.integers(0, span_days, count))),
            "label": pc.binary_join_element_wise(
                _choose(kind, [k.capitalize() for k in schema.EVENT_KINDS]), pc.utf8_slice_codeunits(event_id, 6), " "
            ),
            "event_kind": _choose(kind, schema.EVENT_KINDS),
            "description": _choose(
                (rng.random(count) < 0.5).astype(int), ("", "A development both sides commented on.")
            ),
            "source_id": pa.array(source_ids[rng.integers(0, source_ids.size, count)]),
        }
    )


def write_synthetic(
    folder: Path | str,
    statements: int,
    seed: int = 0,
    *,
    shape: Shape | None = None,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Write a synthetic debate as a data package in `folder`.

    Refuses (FileExistsError) a folder that already holds files unless `force`; even then only the package's own
    files are overwritten, nothing else in the folder is touched.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"not a folder: {folder}")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise FileExistsError(f"{folder} is not empty; pass force=True (--force) to overwrite its debate files")
    say = progress or (lambda message: None)
    shape = shape or Shape()
    check_shape(statements, shape)
    counts = sizes(statements, shape)
    say(f"generating {statements:,} statements by {counts['actors']:,} actors on {counts['questions']:,} questions")
    tables = synthesize(statements, seed=seed, shape=shape)
    folder.mkdir(parents=True, exist_ok=True)
    for table, frame in tables.items():
        path = folder / schema.file_name(table)
        with path.open("w", encoding="utf-8", newline="") as out:
            # Written in chunks so a million-row table reports progress as it goes.
            for start in range(0, max(len(frame), 1), WRITE_CHUNK):
                end = min(start + WRITE_CHUNK, len(frame))
                say(f"writing {path.name}: rows {start + 1:,}-{end:,} of {len(frame):,}")
                frame.iloc[start : start + WRITE_CHUNK].to_csv(out, index=False, header=start == 0, lineterminator="\n")
    wide = shape != Shape()
    metadata = {
        "name": f"synthetic-{statements}-seed-{seed}" + (f"-{counts['actors']}x{counts['questions']}" if wide else ""),
        "title": f"Synthetic debate: {statements:,} statements (seed {seed})"
        + (f", {counts['actors']:,} actors × {counts['questions']:,} questions" if wide else ""),
        "version": "1.0.0",
        "description": "Generated by `stances synth` for tests and benchmarks; not real positions.",
    }
    write_descriptor(folder, metadata)
    return folder
