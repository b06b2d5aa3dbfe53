"""`stances` command line: thin subcommands over the library."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from stances import __version__
from stances.alignment import Measure
from stances.alignment_export import FORMATS as ALIGNMENT_FORMATS
from stances.export import FORMATS
from stances.load import DEFAULT_DEBATE, check_debate, read_package_documents
from stances.problems import errors, report, to_json
from stances.query import Filters
from stances.schema import CHANNELS, EVIDENCE_KINDS, POSITION_MAX, POSITION_MIN, SOURCE_KINDS

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called: one line to stderr, exit 2."""


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a debate folder against the format and print every problem found.

    Exits 0 when the debate is valid (warnings allowed), 1 when it has errors, 2 on usage errors.

    Example:
      stances validate data/ukraine-talks-2022
      stances validate my-debate/ --json
    """
    folder = Path(args.debate_dir)
    if not folder.exists():
        raise UsageError(f"no such folder: {folder}")
    if not folder.is_dir():
        raise UsageError(f"not a folder: {folder}")
    problems = check_debate(folder)
    print(to_json(problems, folder=str(folder)) if args.json else report(problems, folder=str(folder)))
    return EXIT_INVALID if errors(problems) else EXIT_OK


def cmd_describe(args: argparse.Namespace) -> int:
    """Write (or refresh) a debate's datapackage.json from the format, keeping its metadata.

    Example:
      stances describe my-debate/ --name my-debate --title "My debate"
    """
    from stances.load import optional_tables_in
    from stances.package import descriptor

    folder = Path(args.debate_dir)
    if not folder.is_dir():
        raise UsageError(f"not a folder: {folder}")
    path = folder / "datapackage.json"
    metadata = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for key in ("name", "title", "version"):
        if getattr(args, key):
            metadata[key] = getattr(args, key)
    metadata.setdefault("name", folder.name)
    package = descriptor(metadata, optional=optional_tables_in(folder))
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return EXIT_OK


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


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def cmd_export(args: argparse.Namespace) -> int:
    """Export a debate's statements, filtered like the app, as CSV, Excel, JSON, JSON Lines or a data package.

    Without --out (or with --out naming a folder) the file is named after the debate, its version and today's
    date, e.g. ukraine-talks-2022_v0.1.0_2026-11-25.csv; an existing file is never overwritten without --force.
    In CSV and Excel, a text cell starting with = + - @, a tab or a carriage return gets a leading apostrophe,
    so no spreadsheet runs it as a formula. Exits 0 when written, 1 when the debate is invalid, 2 on usage errors.

    Example:
      stances export data/ukraine-talks-2022 --format xlsx --actor milley --actor sullivan --from 2022-11-01
      stances export my-debate/ --format package --on-record-only --out exports/
    """
    from stances import export
    from stances.cache import load_debate
    from stances.problems import DebateError

    folder = Path(args.debate_dir)
    if not folder.is_dir():
        raise UsageError(f"no such folder: {folder}")
    try:
        debate = load_debate(folder)
    except DebateError as exc:
        print(report(exc.problems, folder=str(folder)))
        return EXIT_INVALID
    filters = _filters(args)
    for problem in export.filter_problems(debate, filters):
        raise UsageError(problem)
    options = export.ExportOptions(
        format=args.format,
        filters=filters,
        scope="view" if filters.active() else "all",
        bom=not args.no_bom,
        exported_at=dt.datetime.now(dt.UTC),
    )
    out = Path(args.out or ".")
    if out.is_dir():
        out = out / export.export_file_name(debate.meta, args.format, options.timestamp().date())
    elif not out.parent.is_dir():
        raise UsageError(f"no such folder: {out.parent}")
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; pass --force to overwrite it")
    extra_files = {
        n: content for n, content in read_package_documents(folder).items() if n in export.PACKAGE_EXTRA_FILES
    }
    partial = out.with_name(out.name + ".part")  # a failed export leaves no half-written file behind
    try:
        with partial.open("wb") as stream:
            count = export.write_export(debate, options, stream, extra_files=extra_files)
        partial.replace(out)
    except export.ExportTooLarge as exc:
        raise UsageError(str(exc)) from None
    finally:
        partial.unlink(missing_ok=True)
    print(f"wrote {out} ({count:,} statements)")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """List what changed between two versions of a debate: statements added, removed, renamed, recoded (position,
    evidence, channel), re-dated, re-sourced, re-worded (quote) and re-graded (confidence).

    Exits 0 when both folders could be read (whatever changed), 1 when one of them cannot be, 2 on usage errors.

    Example:
      stances diff tests/fixtures/ukraine-talks-2022-v0.1.0 data/ukraine-talks-2022
      stances diff old-release/ my-debate/ --json
    """
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
            print(report(exc.problems, folder=str(folder)))
            return EXIT_INVALID
    changes = diff.diff_revisions(*versions)
    print(json.dumps(changes.to_dict(), indent=2, ensure_ascii=False) if args.json else diff.report(changes))
    return EXIT_OK


def _filter_arguments(sub: argparse.ArgumentParser) -> None:
    """The app's sidebar filters as options (repeat an option to allow several values)."""
    narrow = sub.add_argument_group("filters (as in the app; repeat an option to allow several values)")
    narrow.add_argument("--actor", action="append", default=[], metavar="ACTOR_ID")
    narrow.add_argument("--question", action="append", default=[], metavar="QUESTION_ID")
    narrow.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD")
    narrow.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD")
    narrow.add_argument(
        "--position", action="append", default=[], type=int, choices=range(POSITION_MIN, POSITION_MAX + 1), metavar="N"
    )
    narrow.add_argument("--evidence", action="append", default=[], choices=EVIDENCE_KINDS)
    narrow.add_argument("--on-record-only", action="store_true", help="only on-record words and official documents")
    narrow.add_argument("--channel", action="append", default=[], choices=CHANNELS)
    narrow.add_argument("--outlet", action="append", default=[], help="outlet of a source, e.g. 'The White House'")
    narrow.add_argument("--search", default="", metavar="TEXT", help="words in the summary or quote")


def _filters(args: argparse.Namespace) -> Filters:
    """The filters the options name, as the app's `Filters`."""
    return Filters(
        actors=tuple(args.actor),
        questions=tuple(args.question),
        start=args.start,
        end=args.end,
        positions=tuple(args.position),
        evidence=tuple(args.evidence),
        on_record_only=args.on_record_only,
        channels=tuple(args.channel),
        outlets=tuple(args.outlet),
        text=args.search,
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
    from stances import deck, export, stories
    from stances.cache import load_debate
    from stances.problems import DebateError

    folder = Path(args.debate_dir)
    if not folder.is_dir():
        raise UsageError(f"no such folder: {folder}")
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        raise UsageError(f"not a file in an existing folder: {out}")
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; pass --force to overwrite it")
    try:
        debate = load_debate(folder)
    except DebateError as exc:
        print(report(exc.problems, folder=str(folder)))
        return EXIT_INVALID
    filters = _filters(args)
    for problem in export.filter_problems(debate, filters):
        raise UsageError(problem)
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


def cmd_import(args: argparse.Namespace) -> int:
    """Import a debate coded elsewhere (a DNA project, a workbook, a flat table) into a new debate folder.

    Each importer prints what it mapped and what it dropped, writes the folder only if it validates, and never
    writes over an existing folder unless --force. Exits 0 when written, 1 when the input is broken or the debate
    it makes has errors (nothing is written then), 2 on usage errors.

    Example:
      stances import dna project.dna my-debate/
      stances import table claims.csv my-debate/ --map actor=Speaker,question=Topic,date=Date,position=Stance
    """
    args.import_parser.print_help(sys.stderr)
    return EXIT_USAGE


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


def cmd_import_sheet(args: argparse.Namespace) -> int:
    """Import a workbook with one sheet per table (actors, questions, scale_points, sources, statements,
    statement_sources, and optionally events) into a new debate folder: the shape `stances export --format
    workbook` writes.

    Example:
      stances import sheet coded.xlsx my-debate/
    """
    from stances.importers import sheet

    return _import(lambda: sheet.read(args.file), args)


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
    from stances.importers.folder import InputError, write_debate

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"not a folder: {out}")
    if out.is_dir() and any(out.iterdir()) and not args.force:
        raise UsageError(f"{out} is not empty; pass --force to replace its debate files")
    try:
        imported = read()
    except InputError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"INVALID input: {len(exc.problems)} problem(s); nothing written to {out}")
        return EXIT_INVALID
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
    from stances import alignment_export, export
    from stances.cache import load_debate
    from stances.problems import DebateError

    folder = Path(args.debate_dir)
    if not folder.is_dir():
        raise UsageError(f"no such folder: {folder}")
    try:
        debate = load_debate(folder)
    except DebateError as exc:
        print(report(exc.problems, folder=str(folder)))
        return EXIT_INVALID
    filters = _filters(args)
    for problem in export.filter_problems(debate, filters):
        raise UsageError(problem)
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


def _doc(command: Callable[..., int]) -> tuple[str, str]:
    text = (command.__doc__ or "").strip()
    summary = text.splitlines()[0]
    return summary, text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stances",
        description="Who stands where in a policy debate, when they said it, and how we know.",
    )
    parser.add_argument("--version", action="version", version=f"stances {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, command: Callable[..., int]) -> argparse.ArgumentParser:
        summary, text = _doc(command)
        sub = commands.add_parser(
            name, help=summary, description=text, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        sub.set_defaults(run=command)
        return sub

    validate = add("validate", cmd_validate)
    validate.add_argument("debate_dir", nargs="?", default=str(DEFAULT_DEBATE), metavar="DEBATE_DIR")
    validate.add_argument("--json", action="store_true", help="print the result as JSON")

    describe = add("describe", cmd_describe)
    describe.add_argument("debate_dir", metavar="DEBATE_DIR")
    describe.add_argument("--name")
    describe.add_argument("--title")
    describe.add_argument("--version", dest="version")

    synth = add("synth", cmd_synth)
    synth.add_argument("--statements", type=int, required=True, metavar="N", help="how many statements to write")
    synth.add_argument("--out", required=True, metavar="DIR", help="folder to write the debate into")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0); same seed, same files")
    synth.add_argument("--force", action="store_true", help="overwrite the debate files of a non-empty folder")
    synth.add_argument("--actors", type=int, metavar="N", help="how many actors (default: grows with the statements)")
    synth.add_argument("--questions", type=int, metavar="N", help="how many questions (default: 5 to 12)")
    synth.add_argument(
        "--scale-points", type=int, default=5, metavar="N", help="points on each question's scale (default 5)"
    )
    synth.add_argument(
        "--skew", type=float, default=0.0, metavar="S", help="0 even activity (default); 1 a few actors say most"
    )

    compare = add("diff", cmd_diff)
    compare.add_argument("old_dir", metavar="OLD_DIR", help="the earlier version's folder")
    compare.add_argument("new_dir", metavar="NEW_DIR", help="the later version's folder")
    compare.add_argument("--json", action="store_true", help="print the changes as JSON")

    export = add("export", cmd_export)
    export.add_argument("debate_dir", nargs="?", default=str(DEFAULT_DEBATE), metavar="DEBATE_DIR")
    export.add_argument("--format", choices=FORMATS, default="csv", help="file format (default: csv)")
    export.add_argument("--out", metavar="PATH_OR_DIR", help="file to write, or folder for the default name")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 byte-order mark Excel needs")
    _filter_arguments(export)

    deck = add("deck", cmd_deck)
    deck.add_argument("debate_dir", nargs="?", default=str(DEFAULT_DEBATE), metavar="DEBATE_DIR")
    deck.add_argument("--story", metavar="STORY_ID", help="the story to present (default: every statement by date)")
    deck.add_argument("--out", required=True, metavar="FILE", help="the HTML file to write, e.g. talk.html")
    deck.add_argument("--force", action="store_true", help="overwrite an existing file")
    _filter_arguments(deck)

    importer = add("import", cmd_import)
    importer.set_defaults(import_parser=importer)
    importers = importer.add_subparsers(dest="importer", metavar="IMPORTER")

    def add_importer(name: str, command: Callable[..., int]) -> argparse.ArgumentParser:
        summary, text = _doc(command)
        sub = importers.add_parser(
            name, help=summary, description=text, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        sub.set_defaults(run=command)
        return sub

    dna = add_importer("dna", cmd_import_dna)
    dna.add_argument("file", metavar="FILE.dna", help="the DNA 3 project file (SQLite)")
    dna.add_argument("out", metavar="OUT_DIR", help="the debate folder to write")
    dna.add_argument("--force", action="store_true", help="replace the debate files of a non-empty folder")
    dna.add_argument(
        "--statement-type",
        metavar="LABEL",
        help="statement type to import (default: the first that has the variables below)",
    )
    dna.add_argument("--person", default="person", metavar="VARIABLE", help="actor variable (default: person)")
    dna.add_argument(
        "--organization",
        default="organization",
        metavar="VARIABLE",
        help="affiliation variable; the actor when a statement has no person (default: organization)",
    )
    dna.add_argument("--concept", default="concept", metavar="VARIABLE", help="question variable (default: concept)")
    dna.add_argument(
        "--qualifier",
        default="agreement",
        metavar="VARIABLE",
        help="boolean or integer position variable (default: agreement)",
    )
    dna.add_argument(
        "--source-kind",
        default="news-report",
        choices=SOURCE_KINDS,
        help="kind of every document, unless its DNA type names one (default: news-report)",
    )

    workbook = add_importer("sheet", cmd_import_sheet)
    workbook.add_argument("file", metavar="WORKBOOK.xlsx", help="the workbook, one sheet per table")
    workbook.add_argument("out", metavar="OUT_DIR", help="the debate folder to write")
    workbook.add_argument("--force", action="store_true", help="replace the debate files of a non-empty folder")

    flat = add_importer("table", cmd_import_table)
    flat.add_argument("file", metavar="FILE.csv|xlsx", help="the table, one row per statement")
    flat.add_argument("out", metavar="OUT_DIR", help="the debate folder to write")
    flat.add_argument("--force", action="store_true", help="replace the debate files of a non-empty folder")
    flat.add_argument(
        "--map", action="append", default=[], metavar="KEY=COLUMN,…", help="which column holds what (repeatable)"
    )
    flat.add_argument("--scale", default="", metavar="LOW..HIGH", help="the scale, e.g. -2..2 or -1,1 (default: found)")
    flat.add_argument("--sheet", help="sheet of an xlsx file (default: the first)")
    flat.add_argument(
        "--source-kind", default="news-report", choices=SOURCE_KINDS, help="kind of every source (default: news-report)"
    )

    new = add("new", cmd_new)
    new.add_argument("out", metavar="OUT_DIR", help="the debate folder to create")
    new.add_argument("--title", help="the debate's title (default: the folder's name)")
    new.add_argument("--force", action="store_true", help="replace the debate files of a non-empty folder")

    aligned = add("alignment", cmd_alignment)
    aligned.add_argument("debate_dir", nargs="?", default=str(DEFAULT_DEBATE), metavar="DEBATE_DIR")
    aligned.add_argument(
        "--measure", choices=[m.value for m in Measure], default="agreement", help="default: agreement"
    )
    aligned.add_argument("--format", choices=ALIGNMENT_FORMATS, default="csv", help="file format (default: csv)")
    aligned.add_argument("--out", metavar="PATH_OR_DIR", help="file to write, or folder for the default name")
    aligned.add_argument("--force", action="store_true", help="overwrite an existing file")
    _filter_arguments(aligned)
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
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
