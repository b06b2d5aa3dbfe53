"""`stances` command line: one small function per subcommand, each a docstring with an example and one library call.

Adding a command is one function: decorate `def cmd_NAME(args) -> int` with `@command("NAME", arg(...), ...)`, give
it a docstring (a summary line, then an `Example:` block: it is the `--help`), and add a row to the README's command
table (`tests/test_docs.py` checks both). Expected failures raise `UsageError` (exit 2) or `InvalidDebate` (exit 1)
and print one clear line, never a traceback; shared options (`DEBATE_DIR`, `FILTERS`) and `open_debate` are here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from stances import __version__
from stances.alignment import Measure
from stances.alignment_export import FORMATS as ALIGNMENT_FORMATS
from stances.export import FORMATS
from stances.load import DEFAULT_DEBATE
from stances.model import Debate
from stances.problems import Problem, errors, report, to_json
from stances.query import Filters
from stances.schema import SOURCE_KINDS

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: one line to stderr, exit 2."""


class InvalidDebate(Exception):
    """The debate (or one of its files) has errors: its problems are printed, exit 1."""

    def __init__(self, problems: list[Problem], folder: Path) -> None:
        super().__init__(f"{folder} has problems")
        self.problems, self.folder = problems, folder


@dataclass(frozen=True, kw_only=True)
class Arg:
    """One `add_argument` call, declared next to the command that takes it."""

    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags=flags, options=options)


@dataclass(frozen=True, kw_only=True)
class Command:
    name: str
    run: Callable[[argparse.Namespace], int]
    arguments: tuple[Arg, ...]


COMMANDS: dict[str, Command] = {}


def command(name: str, *arguments: Arg | tuple[Arg, ...]) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """Register the decorated function as the subcommand `name` taking `arguments` (an `Arg` or a group of them)."""
    flat = tuple(a for item in arguments for a in (item if isinstance(item, tuple) else (item,)))

    def register(run: Callable[..., int]) -> Callable[..., int]:
        COMMANDS[name] = Command(name=name, run=run, arguments=flat)
        return run

    return register


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


DEBATE_DIR = arg("debate_dir", nargs="?", default=str(DEFAULT_DEBATE), metavar="DEBATE_DIR")
# The app's filters; each `dest` is the name of a `Filters` field, so `filters_from` builds them in one line.
FILTERS: tuple[Arg, ...] = (
    arg("--actor", dest="actors", action="append", default=[], metavar="ACTOR_ID"),
    arg("--question", dest="questions", action="append", default=[], metavar="QUESTION_ID"),
    arg("--from", dest="start", type=_day, metavar="YYYY-MM-DD"),
    arg("--to", dest="end", type=_day, metavar="YYYY-MM-DD"),
    arg("--position", dest="positions", action="append", default=[], type=int, metavar="N", help="e.g. -2 or 1"),
    arg("--evidence", action="append", default=[], metavar="KIND", help="e.g. on-record"),
    arg("--on-record-only", action="store_true", help="only on-record words and official documents"),
    arg("--channel", dest="channels", action="append", default=[], metavar="CHANNEL", help="public or private"),
    arg("--outlet", dest="outlets", action="append", default=[], help="outlet of a source, e.g. 'The White House'"),
    arg("--search", dest="text", default="", metavar="TEXT", help="words in the summary or quote"),
)


# Where an importer writes the new debate, and how it reports (every `import` command takes these).
IMPORTED: tuple[Arg, ...] = (
    arg("out", metavar="OUT_DIR", help="the debate folder to write"),
    arg("--force", action="store_true", help="replace the debate files of a non-empty folder"),
    arg("--json", action="store_true", help="print the mapping, the counts and every problem as JSON"),
)


def filters_from(args: argparse.Namespace) -> Filters:
    """The `Filters` the options name (lists become tuples)."""
    values: dict[str, Any] = {f.name: getattr(args, f.name) for f in fields(Filters)}
    chosen: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
    return Filters(**chosen)


def debate_folder(args: argparse.Namespace) -> Path:
    folder = Path(args.debate_dir)
    if not folder.exists():
        raise UsageError(f"no such folder: {folder}")
    if not folder.is_dir():
        raise UsageError(f"not a folder: {folder}")
    return folder


def open_debate(args: argparse.Namespace) -> Debate:
    """The debate `DEBATE_DIR` names, loaded (from the cache when unchanged); `InvalidDebate` (exit 1, its problems
    printed) when it has errors."""
    from stances.cache import load_debate
    from stances.problems import DebateError

    folder = debate_folder(args)
    try:
        return load_debate(folder)
    except DebateError as exc:
        raise InvalidDebate(exc.problems, folder) from None


@command("validate", DEBATE_DIR, arg("--json", action="store_true", help="print the result as JSON"))
def cmd_validate(args: argparse.Namespace) -> int:
    """Check a debate folder against the format and print every problem found.

    Exits 0 when the debate is valid (warnings allowed), 1 when it has errors, 2 on usage errors.

    Example:
      stances validate data/ukraine-talks-2022
      stances validate my-debate/ --json
    """
    from stances.load import check_debate

    folder = debate_folder(args)
    problems = check_debate(folder)
    print(to_json(problems, folder=str(folder)) if args.json else report(problems, folder=str(folder)))
    return EXIT_INVALID if errors(problems) else EXIT_OK


@command(
    "describe",
    arg("debate_dir", metavar="DEBATE_DIR"),
    arg("--name"),
    arg("--title"),
    arg("--version", dest="version"),
)
def cmd_describe(args: argparse.Namespace) -> int:
    """Write (or refresh) a debate's datapackage.json from the format, keeping its metadata.

    A datapackage.json that is not valid JSON is left as it is, and its problem printed (exit 1).

    Example:
      stances describe my-debate/ --name my-debate --title "My debate"
    """
    from stances.load import optional_tables_in, read_descriptor
    from stances.package import write_descriptor

    folder = debate_folder(args)
    metadata, problems = read_descriptor(folder)
    if errors(problems):
        raise InvalidDebate(errors(problems), folder)
    overrides = {key: getattr(args, key) for key in ("name", "title", "version") if getattr(args, key)}
    path = write_descriptor(folder, {"name": folder.name, **metadata, **overrides}, optional=optional_tables_in(folder))
    print(f"wrote {path}")
    return EXIT_OK


@command(
    "synth",
    arg("--statements", type=int, required=True, metavar="N", help="how many statements to write"),
    arg("--out", required=True, metavar="DIR", help="folder to write the debate into"),
    arg("--seed", type=int, default=0, help="random seed (default 0); same seed, same files"),
    arg("--force", action="store_true", help="overwrite the debate files of a non-empty folder"),
    arg("--actors", type=int, metavar="N", help="how many actors (default: grows with the statements)"),
    arg("--questions", type=int, metavar="N", help="how many questions (default: 5 to 12)"),
    arg("--scale-points", type=int, default=5, metavar="N", help="points on each question's scale (default 5)"),
    arg("--skew", type=float, default=0.0, metavar="S", help="0 even activity (default); 1 a few actors say most"),
)
def cmd_synth(args: argparse.Namespace) -> int:
    """Write a synthetic debate of N statements (valid, deterministic for a seed) for benchmarks and tests.

    Refuses a folder that already holds files unless --force; then only the debate's own files are overwritten.

    The shape options make it wide and uneven like real coded debates: --actors and --questions set the counts,
    --scale-points the length of every question's scale, --skew how much a few actors and questions dominate.

    Example:
      stances synth --statements 100000 --out big-debate/
      stances synth --statements 2000 --out small/ --seed 7 --force
      stances synth --statements 100000 --actors 1000 --questions 100 --scale-points 3 --skew 1 --out wide/
    """
    import time

    from stances.synth import Shape, check_shape, write_synthetic

    if args.statements < 1:
        raise UsageError(f"--statements must be at least 1, not {args.statements}")
    shape = Shape(actors=args.actors, questions=args.questions, scale_points=args.scale_points, skew=args.skew)
    try:
        check_shape(args.statements, shape)
    except ValueError as exc:
        raise UsageError(f"--{exc}".replace("scale points", "scale-points", 1)) from None
    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"not a folder: {folder}")
    if folder.is_dir() and any(folder.iterdir()) and not args.force:
        raise UsageError(f"{folder} is not empty; pass --force to overwrite its debate files")
    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    write_synthetic(folder, args.statements, args.seed, shape=shape, force=args.force, progress=progress)
    print(f"wrote {args.statements:,} statements to {folder} in {time.perf_counter() - started:.1f}s")
    return EXIT_OK


@command(
    "diff",
    arg("old_dir", metavar="OLD_DIR", help="the earlier version's folder"),
    arg("new_dir", metavar="NEW_DIR", help="the later version's folder"),
    arg("--json", action="store_true", help="print the changes as JSON"),
)
def cmd_diff(args: argparse.Namespace) -> int:
    """List what changed between two versions of a debate: statements added, removed, renamed, recoded (position,
    evidence, channel), re-dated, re-sourced, re-worded (quote) and re-graded (confidence).

    Exits 0 when both folders could be read (whatever changed), 1 when one of them cannot be, 2 on usage errors.

    Example:
      stances diff tests/fixtures/ukraine-talks-2022-v0.1.0 data/ukraine-talks-2022
      stances diff old-release/ my-debate/ --json
    """
    import json

    from stances import diff
    from stances.problems import DebateError

    versions = []
    for name in (args.old_dir, args.new_dir):
        folder = Path(name)
        if not folder.is_dir():
            raise UsageError(f"no such folder: {folder}")
        try:
            versions.append(diff.read_revision(folder))
        except DebateError as exc:
            raise InvalidDebate(exc.problems, folder) from None
    changes = diff.diff_revisions(*versions)
    print(json.dumps(changes.to_dict(), indent=2, ensure_ascii=False) if args.json else diff.report(changes))
    return EXIT_OK


@command(
    "export",
    DEBATE_DIR,
    arg("--format", choices=FORMATS, default="csv", help="file format (default: csv)"),
    arg("--out", default=".", metavar="PATH_OR_DIR", help="file to write, or folder for the default name"),
    arg("--force", action="store_true", help="overwrite an existing file"),
    arg("--no-bom", action="store_true", help="CSV without the UTF-8 byte-order mark Excel needs"),
    FILTERS,
)
def cmd_export(args: argparse.Namespace) -> int:
    """Export a debate's statements, filtered like the app, as CSV, Excel, JSON, JSON Lines or a data package.

    Without --out (or with --out naming a folder) the file is named after the debate, its version and today's
    date, e.g. ukraine-talks-2022_v0.1.0_2026-11-25.csv; an existing file is never overwritten without --force.
    In CSV and Excel, a text cell starting with = + - @, a tab or a carriage return gets a leading apostrophe,
    so no spreadsheet runs it as a formula. Every filter naming nothing in the debate is listed (exit 2).
    Exits 0 when written, 1 when the debate is invalid, 2 on usage errors.

    Example:
      stances export data/ukraine-talks-2022 --format xlsx --actor milley --actor sullivan --from 2022-11-01
      stances export my-debate/ --format package --on-record-only --out exports/
    """
    from stances import export
    from stances.load import read_package_documents
    from stances.query import filter_problems

    debate = open_debate(args)
    filters = filters_from(args)
    if problems := filter_problems(debate, filters):
        raise UsageError("; ".join(problems))
    options = export.ExportOptions(
        format=args.format, filters=filters, scope="view" if filters.active() else "all", bom=not args.no_bom
    )
    try:
        path, count = export.write_export_file(
            debate, options, Path(args.out), overwrite=args.force, extra_files=read_package_documents(debate.folder)
        )
    except export.ExportRefused as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote {path} ({count:,} statements)")
    return EXIT_OK


@command(
    "deck",
    DEBATE_DIR,
    arg("--story", metavar="STORY_ID", help="the story to present (default: every statement by date)"),
    arg("--out", required=True, metavar="FILE", help="the HTML file to write, e.g. talk.html"),
    arg("--force", action="store_true", help="overwrite an existing file"),
    FILTERS,
)
def cmd_deck(args: argparse.Namespace) -> int:
    """Write the whole talk as one self-contained HTML file that plays offline, with no Python and no network.

    The file holds a title slide (dataset, version, licence, citation) and one slide per step: narration, the
    statement's card with every source link, speaker notes (hidden; N shows them), the timeline with the step
    ringed and the grid as of the step. Keys: → Space PageDown next, ← PageUp back, Home and End. Without
    --story it walks every statement the filters let through, by date; with --story the filters narrow what the
    charts show around the story. Exits 0 when written, 1 when the debate is invalid, 2 on usage errors.

    Example:
      stances deck data/ukraine-talks-2022 --story milley-vs-advisers --out talk.html
      stances deck data/ukraine-talks-2022 --actor milley --from 2022-11-01 --out milley.html
    """
    from stances import deck, stories
    from stances.query import filter_problems

    folder = debate_folder(args)
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        raise UsageError(f"not a file in an existing folder: {out}")
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; pass --force to overwrite it")
    debate = open_debate(args)
    filters = filters_from(args)
    if problems := filter_problems(debate, filters):
        raise UsageError("; ".join(problems))
    known = stories.stories_in(debate)
    if args.story is not None and args.story not in known:
        raise UsageError(f"no story {args.story!r} in {folder} (known: {', '.join(known) or 'none'})")
    try:
        data = deck.presentation(debate, story_id=args.story, filters=filters)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    partial = out.with_name(out.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    print(f"wrote {out} ({len(data) / 1e6:.1f} MB)")
    return EXIT_OK


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    """Import a debate coded elsewhere (a DNA project, a workbook, a flat table) into a new debate folder.

    Each importer prints what it mapped and what it dropped, writes the folder only if it validates, and never
    writes over an existing folder unless --force. Exits 0 when written, 1 when the input is broken or the debate
    it makes has errors (nothing is written then), 2 on usage errors.

    Example:
      stances import dna project.dna my-debate/
      stances import table claims.csv my-debate/ --map actor=Speaker,question=Topic,date=Date,position=Stance
    """
    args.parser.print_help(sys.stderr)
    return EXIT_USAGE


@command(
    "import dna",
    arg("file", metavar="FILE.dna", help="the DNA 3 project file (SQLite)"),
    IMPORTED,
    arg(
        "--statement-type",
        metavar="LABEL",
        help="statement type to import (default: the first that has the variables below)",
    ),
    arg("--person", default="person", metavar="VARIABLE", help="actor variable (default: person)"),
    arg(
        "--organization",
        default="organization",
        metavar="VARIABLE",
        help="affiliation variable; the actor when a statement has no person (default: organization)",
    ),
    arg("--concept", default="concept", metavar="VARIABLE", help="question variable (default: concept)"),
    arg(
        "--qualifier",
        default="agreement",
        metavar="VARIABLE",
        help="boolean or integer position variable (default: agreement)",
    ),
    arg(
        "--source-kind",
        default="news-report",
        choices=SOURCE_KINDS,
        help="kind of every document, unless its DNA type names one (default: news-report)",
    ),
)
def cmd_import_dna(args: argparse.Namespace) -> int:
    """Import a Discourse Network Analyzer (DNA 3) project file into a new debate folder.

    person -> actor (organisation as affiliation, a lone organisation as a body; entity attributes Type -> role,
    Alias -> aliases), concept -> question, the agreement qualifier -> position (boolean: -1/+1; integer: its own
    values as the scale), document -> source (its date is the statement's), the coded span -> span with its
    character locator (evidence coded-span), coder -> coder.

    Example:
      stances import dna sample.dna sample-debate/
      stances import dna project.dna out/ --statement-type "DNA Statement" --qualifier agreement --force
    """
    from stances.importers import dna

    options = dna.DnaOptions(
        statement_type=args.statement_type,
        person=args.person,
        organization=args.organization,
        concept=args.concept,
        qualifier=args.qualifier,
        source_kind=args.source_kind,
    )
    return _import(lambda: dna.read(args.file, options), args)


@command(
    "import sheet",
    arg("file", metavar="WORKBOOK.xlsx", help="the workbook, one sheet per table"),
    IMPORTED,
)
def cmd_import_sheet(args: argparse.Namespace) -> int:
    """Import a workbook with one sheet per table (actors, questions, scale_points, sources, statements,
    statement_sources, and optionally events) into a new debate folder: the shape `stances export --format
    workbook` writes.

    Example:
      stances import sheet coded.xlsx my-debate/
    """
    from stances.importers import sheet

    return _import(lambda: sheet.read(args.file), args)


@command(
    "import table",
    arg("file", metavar="FILE.csv|xlsx", help="the table, one row per statement"),
    IMPORTED,
    arg("--map", action="append", default=[], metavar="KEY=COLUMN,…", help="which column holds what (repeatable)"),
    arg("--scale", default="", metavar="LOW..HIGH", help="the scale, e.g. -2..2 or -1,1 (default: found)"),
    arg("--sheet", help="sheet of an xlsx file (default: the first)"),
    arg(
        "--source-kind", default="news-report", choices=SOURCE_KINDS, help="kind of every source (default: news-report)"
    ),
)
def cmd_import_table(args: argparse.Namespace) -> int:
    """Import a flat table, one row per statement (CSV or xlsx), into a new debate folder.

    --map KEY=COLUMN pairs name the input columns (a key left out is read from a column of the same name): actor,
    question, date and position are needed; quote (the actor's own words), text (a coded span of a report), summary,
    evidence, channel, confidence, notes, coder, categories, source_title, url, identifier, outlet, published,
    role and affiliation may be given. Names become ids by the slug rule (see the README); every question shares the
    scale of the positions found, or --scale.

    Example:
      stances import table claims.csv my-debate/ --map actor=Speaker,question=Topic,date=Date,position=Stance,url=Link
      stances import table coded.xlsx out/ --sheet Claims --map actor=Actor,text=Claim --scale -2..2
    """
    from stances.importers import table

    try:
        mapping = table.TableMapping.parse(args.map, scale=args.scale, sheet=args.sheet, source_kind=args.source_kind)
    except table.MappingError as exc:
        raise UsageError(str(exc)) from None
    return _import(lambda: table.read(args.file, mapping), args)


@command(
    "new",
    arg("out", metavar="OUT_DIR", help="the debate folder to create"),
    arg("--title", help="the debate's title (default: the folder's name)"),
    arg("--force", action="store_true", help="replace the debate files of a non-empty folder"),
    arg("--json", action="store_true", help="print the mapping, the counts and every problem as JSON"),
)
def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold an empty, valid debate folder: every table's header, a datapackage.json and a codebook to fill in.

    Example:
      stances new my-debate/ --title "My debate"
    """
    from stances.importers import folder
    from stances.spelling import slug

    out = Path(args.out)
    name = slug(out.resolve().name, fallback="debate")
    return _import(lambda: folder.empty(name, args.title or name), args)


def _import(read: Callable[[], Any], args: argparse.Namespace) -> int:
    """Read with an importer, write the debate folder, print what was mapped, dropped and found."""
    import json

    from stances.importers.folder import InputError, import_result, write_debate

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"not a folder: {out}")
    if out.is_dir() and any(out.iterdir()) and not args.force:
        raise UsageError(f"{out} is not empty; pass --force to replace its debate files")
    try:
        imported = read()
    except InputError as exc:
        if args.json:
            print(json.dumps(import_result(out, input_problems=exc.problems), indent=2, ensure_ascii=False))
            return EXIT_INVALID
        for problem in exc.problems:
            print(problem)
        print(f"INVALID input: {len(exc.problems)} problem(s); nothing written to {out}")
        return EXIT_INVALID
    if args.json:
        try:
            problems = write_debate(imported, out, force=args.force)
        except FileExistsError as exc:
            raise UsageError(str(exc)) from None
        written = not errors(problems)
        result = import_result(out, imported=imported, problems=problems, written=written)
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return EXIT_OK if written else EXIT_INVALID
    print("mapped:")
    print("\n".join(f"  {line}" for line in imported.mapped))
    if imported.dropped:
        print("dropped:")
        print("\n".join(f"  {line}" for line in imported.dropped))
    try:
        problems = write_debate(imported, out, force=args.force)
    except FileExistsError as exc:
        raise UsageError(str(exc)) from None
    if errors(problems):
        print(report(problems, folder=str(out)))
        print(f"nothing written to {out}: the debate made from the input has errors")
        return EXIT_INVALID
    print(report(problems, folder=str(out)))
    counts = ", ".join(f"{n:,} {t.replace('_', ' ')}" for t, n in imported.counts().items() if t != "events")
    print(f"wrote {out}: {counts}")
    return EXIT_OK


@command(
    "alignment",
    DEBATE_DIR,
    arg("--measure", choices=[m.value for m in Measure], default="agreement", help="default: agreement"),
    arg("--format", choices=ALIGNMENT_FORMATS, default="csv", help="file format (default: csv)"),
    arg("--out", default=".", metavar="PATH_OR_DIR", help="file to write, or folder for the default name"),
    arg("--force", action="store_true", help="overwrite an existing file"),
    FILTERS,
)
def cmd_alignment(args: argparse.Namespace) -> int:
    """Write who stands with whom over a window: one row per pair of actors sharing a question (CSV, GraphML, JSON).

    Columns: actor_a, actor_b (ids as in actors.csv), shared_questions, agreement, then the chosen measure's columns,
    then the window, measure, dataset, version and citation. Filters work as in `stances export`; --from/--to are
    the window. Without --out the file is named after the debate and the window; an existing file is kept unless
    --force. Exits 0 when written, 1 when the debate is invalid, 2 on usage errors.

    Example:
      stances alignment data/ukraine-talks-2022 --from 2022-10-01 --to 2022-11-30 --question talks-now
      stances alignment my-debate/ --measure congruence --format graphml --out alignment.graphml
    """
    from stances import alignment_export
    from stances.query import filter_problems

    debate = open_debate(args)
    filters = filters_from(args)
    if problems := filter_problems(debate, filters):
        raise UsageError("; ".join(problems))
    options = alignment_export.AlignmentOptions(filters=filters, measure=args.measure)
    out = Path(args.out or ".")
    if out.is_dir():
        out = out / alignment_export.file_name(debate, options, args.format)
    elif not out.parent.is_dir():
        raise UsageError(f"no such folder: {out.parent}")
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; pass --force to overwrite it")
    result = alignment_export.compute(debate, options)
    out.write_bytes(alignment_export.alignment_bytes(debate, options, args.format, result))
    print(f"wrote {out} ({len(result.pairs):,} pairs of {len(result.actors):,} actors)")
    return EXIT_OK


@command(
    "app",
    arg("debate_dir", nargs="?", metavar="DEBATE_DIR", help="a debate folder (default: the bundled debates)"),
    arg("--port", type=int, help="the port to serve on (default: Streamlit's, 8501)"),
)
def cmd_app(args: argparse.Namespace) -> int:
    """Serve the dashboard (from any folder, also when installed) with the settings of .streamlit/config.toml.

    A setting the environment gives wins, e.g. STREAMLIT_SERVER_ALLOWED_HOSTS='["news.example.org"]'.

    Example:
      stances app
      stances app my-debate/ --port 8600
    """
    from stances.serving import streamlit_command

    if args.debate_dir is not None:
        debate_folder(args)
    command = streamlit_command(args.debate_dir, port=args.port, environ=os.environ)
    if os.name != "posix":
        return subprocess.call(command)
    os.execv(command[0], command)  # become the server, so a stop signal reaches it (a child would be left running)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stances",
        description="Who stands where in a policy debate, when they said it, and how we know.",
    )
    parser.add_argument("--version", action="version", version=f"stances {__version__}")
    parsers: dict[str, argparse.ArgumentParser] = {"": parser}
    children: dict[str, Any] = {}  # command -> its subparsers, made when it has a child ("import" -> "import dna")
    for name, spec in COMMANDS.items():  # a parent is registered before its children
        parent, _, own = name.rpartition(" ")
        if parent not in children:
            children[parent] = parsers[parent].add_subparsers(dest=f"{parent or 'top'}_command", metavar="COMMAND")
        text = (spec.run.__doc__ or "").strip()
        sub = children[parent].add_parser(
            own,
            help=text.splitlines()[0],
            description=text,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        for argument in spec.arguments:
            sub.add_argument(*argument.flags, **argument.options)
        sub.set_defaults(run=spec.run, parser=sub)
        parsers[name] = sub
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"stances: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidDebate as exc:
        print(report(exc.problems, folder=str(exc.folder)))
        return EXIT_INVALID
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a file that cannot be read or written: say which, no traceback
        print(f"stances: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
