"""Benchmark stances on synthetic debates of several sizes: a table of median timings and peak memory.

    .venv/bin/python benchmarks/run.py                                  # 1k, 10k, 100k and 1M statements
    .venv/bin/python benchmarks/run.py --sizes 1000,10000 --repeat 5
    .venv/bin/python benchmarks/run.py --sections app,browser --sizes 100000   # only the app and the browser
    .venv/bin/python benchmarks/run.py --sections browser --sizes bundled,100000   # side by side with the bare app

Three sections, each size of each in a fresh process: the pure operations (`OPERATIONS`); the whole app's rerun
after a filter change with Streamlit's AppTest next to the bare reference app `bare_app.py` (`app_rerun.py`); and
the repaint in headless Chromium with the tab's heap and the app process's peak memory (`browser_repaint.py`,
skipped with a note when Chromium is missing).

Each size runs in a fresh process, so "cold" loads really are cold and peak memory is that size's own. Debates are
generated once (`stances synth`) and cached under benchmarks/out/ ("cold" means no cache in the process; the
operating system's file cache is warm after the first run). To measure something new, add a
`(name, function)` pair to `OPERATIONS`: the function gets a `Bench` and does the work once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import pickle
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from stances.load import DEFAULT_DEBATE, check_debate, load_debate  # noqa: E402
from stances.model import Debate  # noqa: E402
from stances.synth import synthesize, write_synthetic  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000)
BUNDLED = 0  # `--sizes bundled,100000`: the bundled debate beside synthetic ones
SEED = 0
# Stop repeating an operation once its runs have taken this long; its median is then of fewer runs.
TIME_BUDGET_S = 20.0


@dataclass
class Bench:
    """One size's debate, loaded once and shared by the operations that need it."""

    statements: int
    folder: Path
    _memo: dict[str, object] = field(default_factory=dict)

    @cached_property
    def debate(self) -> Debate:
        return load_debate(self.folder)

    @cached_property
    def cache_root(self) -> Path:
        """A fresh cache folder holding this debate's entry, written by a first start (not timed)."""
        from stances import cache

        root = Path(tempfile.mkdtemp(prefix="stances-benchmark-cache-"))
        cache.load_debate(self.folder, root=root)
        return root

    @cached_property
    def pickled(self) -> bytes:
        return pickle.dumps(self.debate, protocol=pickle.HIGHEST_PROTOCOL)

    @cached_property
    def filters(self):
        """A typical filter change: one question, the actor's own words only."""
        from stances.query import Filters

        first_question = str(self.debate.questions["question_id"].iloc[0])
        return Filters(questions=(first_question,), evidence=("on-record", "official-document"))

    @cached_property
    def shown(self):
        from stances import query

        return query.apply(self.debate, self.filters)

    @cached_property
    def thousand_actors(self):
        """All statements, their actors re-drawn among 1,000 (the alignment row's shape; seeded, so stable)."""
        import numpy as np
        import pandas as pd

        statements = self.debate.statements
        picks = np.random.default_rng(SEED).integers(0, ALIGNMENT_ACTORS, len(statements))
        ids = pd.Categorical.from_codes(picks, categories=[f"actor-{i:04d}" for i in range(ALIGNMENT_ACTORS)])
        return statements.assign(actor_id=ids)

    def day(self, fraction: float) -> dt.date:
        dates = self.debate.statements["date"]
        return (dates.min() + (dates.max() - dates.min()) * fraction).date()


def _query_operations() -> list[tuple[str, Callable[[Bench], object]]]:
    try:
        from stances import query
    except ImportError:
        return []
    return [
        ("filter (query.apply)", lambda b: query.apply(b.debate, b.filters)),
        ("as-of snapshot (query.as_of)", lambda b: query.as_of(b.shown, b.day(0.8))),
        ("changes (query.changes_between)", lambda b: query.changes_between(b.shown, b.day(0.5), b.day(0.8))),
    ]


def _chart_operations() -> list[tuple[str, Callable[[Bench], object]]]:
    """Each figure as its page builds it by default, including the switch to aggregates past DENSITY_ABOVE."""
    try:
        from stances import charts, query
    except ImportError:
        return []

    def timeline(b: Bench) -> object:
        if charts.needs_density(b.shown):  # the Timeline page's dense path: counts per actor and period
            bins = query.timeline_bins(b.shown, query.bin_width(b.shown))
            return charts.timeline_density(b.debate, bins, events=b.debate.events)
        return charts.timeline(b.debate, b.shown, events=b.debate.events)

    def grid(b: Bench) -> object:  # the Comparison grid page with its defaults: as of the last day, no changes
        _, last = query.date_bounds(b.debate.statements)
        snapshot = query.as_of(b.shown, last)
        actors = query.actors_in(b.debate, b.shown["actor_id"])
        present = set(b.shown["question_id"].astype(str))
        questions = [q for q in b.debate.questions["question_id"] if q in present]
        return charts.grid(b.debate, snapshot, actors=actors, questions=questions)

    def positions(b: Bench) -> object:  # aggregates itself past DENSITY_ABOVE statements on the question
        _, last = query.date_bounds(b.shown)
        return charts.positions_over_time(b.debate, b.shown, b.filters.questions[0], until=last)

    return [
        ("timeline figure (timeline or timeline_density)", timeline),
        ("grid figure (charts.grid)", grid),
        ("positions figure (charts.positions_over_time)", positions),
    ]


ALIGNMENT_ACTORS = 1_000


def _alignment_operations() -> list[tuple[str, Callable[[Bench], object]]]:
    try:
        from stances import alignment, gaps, query
    except ImportError:
        return []

    def thousand(b: Bench) -> object:  # issue 13's target: 1,000 actors on 100k statements in at most 1 s
        return alignment.alignment(b.thousand_actors, b.debate.scale_points)

    def moving(b: Bench) -> object:  # the page's defaults: 30-day windows every 14 days (at most 60 windows)
        first, last = query.date_bounds(b.shown)
        step = alignment.bounded_step(first, last, step_days=14)
        return alignment.moving_alignment(b.shown, b.debate.scale_points, size_days=30, step_days=step)

    return [
        ("alignment, 1,000 actors (alignment.alignment)", thousand),
        ("alignment in moving windows (30 d, at most 60, filtered)", moving),
        ("public/private gaps (gaps.public_private_gaps)", lambda b: gaps.public_private_gaps(b.debate, b.shown)),
    ]


def _export_operations() -> list[tuple[str, Callable[[Bench], object]]]:
    try:
        from stances import export
    except ImportError:
        return []

    def exporting(fmt: str) -> Callable[[Bench], object]:
        def run(b: Bench) -> object:
            options = export.ExportOptions(format=fmt, filters=b.filters, scope="all")
            return export.write_export(b.debate, options, io.BytesIO())

        return run

    return [(f"export {fmt} (all rows)", exporting(fmt)) for fmt in ("csv", "json", "jsonl", "xlsx", "package")]


def _second_start(bench: Bench) -> object:
    """What `stances app` and the CLI do when the files are unchanged: read the Arrow cache, parse nothing."""
    from stances import cache

    return cache.load_debate(bench.folder, root=bench.cache_root)


OPERATIONS: list[tuple[str, Callable[[Bench], object]]] = [
    ("synth (generate in memory)", lambda b: synthesize(b.statements, seed=SEED)),
    ("check_debate (read + validate)", lambda b: check_debate(b.folder)),
    ("load_debate (read + validate + type)", lambda b: load_debate(b.folder)),
    ("second start, unchanged files (stances.cache.load_debate)", _second_start),
    ("cached load (unpickle, as st.cache_data)", lambda b: pickle.loads(b.pickled)),
    *_query_operations(),
    *_chart_operations(),
    *_alignment_operations(),
    *_export_operations(),
]
SYNTHETIC_ONLY = frozenset({"synth (generate in memory)"})
# Operations that must run before anything is loaded or cached in the process.
COLD = frozenset(name for name, _ in OPERATIONS[:3])
# Operations hopeless past a size: (largest size, why), printed with the table.
MAX_STATEMENTS: dict[str, tuple[int, str]] = {
    "export xlsx (all rows)": (
        100_000,
        "Excel export skipped above 100,000 rows: the issue's target is at 100k, and a sheet of a million rows "
        "is near Excel's limit of 1,048,576",
    ),
}


def debate_folder(statements: int) -> Path:
    """The cached synthetic debate of this size, generated on first use; the bundled debate for BUNDLED (0)."""
    if statements == BUNDLED:
        return DEFAULT_DEBATE
    folder = OUT / f"synth-{statements}-seed-{SEED}"
    if not (folder / "datapackage.json").is_file():
        write_synthetic(folder, statements, SEED, force=True)
    return folder


def _prepare(bench: Bench) -> None:
    """Load, pickle and filter once, outside the timings of the operations that only use the results."""
    for attribute in ("debate", "pickled", "shown", "cache_root"):
        try:
            getattr(bench, attribute)
        except ImportError:
            return


def measure(operation: Callable[[Bench], object], bench: Bench, repeat: int) -> list[float]:
    runs: list[float] = []
    while len(runs) < repeat and sum(runs) < TIME_BUDGET_S:
        started = time.perf_counter()
        operation(bench)
        runs.append(time.perf_counter() - started)
    return runs


def run_one_size(statements: int, repeat: int) -> dict[str, object]:
    """Every operation at one size, in this process: name -> median seconds, or a note why not."""
    bench = Bench(statements=statements, folder=debate_folder(statements))
    results: dict[str, object] = {}
    for name, operation in OPERATIONS:
        if name not in COLD:
            _prepare(bench)
        if statements == BUNDLED and name in SYNTHETIC_ONLY:
            results[name] = "n/a"  # the bundled debate is read, not generated
            continue
        limit, why = MAX_STATEMENTS.get(name, (sys.maxsize, ""))
        if statements > limit:
            results[name] = "skipped*"
            print(f"  {statements:,}: {name}: skipped: {why}", file=sys.stderr, flush=True)
            continue
        try:
            results[name] = statistics.median(measure(operation, bench, repeat))
        except Exception as exc:  # an unfinished module must not stop the other measurements
            traceback.print_exc(file=sys.stderr)
            results[name] = f"error: {type(exc).__name__}"
        print(f"  {statements:,}: {name}: {shown(results[name], name)}", file=sys.stderr, flush=True)
    results["peak memory (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if "cache_root" in vars(bench):
        shutil.rmtree(bench.cache_root, ignore_errors=True)
    return results


def run_in_fresh_process(statements: int, repeat: int, section: str = "ops") -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(statements), "--repeat", str(repeat), "--section", section],
        stdout=subprocess.PIPE,  # progress and tracebacks go straight to stderr as they happen
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {name: "error: crashed" for name in section_rows(section)}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_app_section(statements: int, repeat: int) -> dict[str, object]:
    import app_rerun

    try:
        results: dict[str, object] = dict(app_rerun.measure(debate_folder(statements), repeat))
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        return {name: f"error: {type(exc).__name__}" for name in app_rerun.ROWS}
    for name in app_rerun.ROWS:
        print(f"  {statements:,}: {name}: {shown(results[name], name)}", file=sys.stderr, flush=True)
    return results


def run_browser_section(statements: int, repeat: int) -> dict[str, object]:
    import browser_repaint

    log = OUT / f"browser-{statements}.log"
    try:
        results: dict[str, object] = dict(browser_repaint.measure(debate_folder(statements), repeat, log))
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        return {name: f"error: {type(exc).__name__}" for name in browser_repaint.ROWS}
    for name in browser_repaint.ROWS:
        print(f"  {statements:,}: {name}: {shown(results[name], name)}", file=sys.stderr, flush=True)
    return results


def section_rows(section: str) -> list[str]:
    if section == "app":
        import app_rerun

        return list(app_rerun.ROWS)
    if section == "browser":
        import browser_repaint

        return list(browser_repaint.ROWS)
    if section == "wide":
        import pages

        return pages.rows()
    return [name for name, _ in OPERATIONS] + ["peak memory (MB)"]


def run_wide_in_fresh_process(shape: str) -> dict[str, object]:
    """Every page on the wide debate of `shape` (see pages.WIDE_SHAPES), in a fresh process."""
    import pages

    done = subprocess.run(
        [sys.executable, str(HERE / "pages.py"), str(pages.wide_folder(shape, OUT))],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {name: "error: crashed" for name in pages.rows()}
    return json.loads(done.stdout)


def shapes_option(text: str) -> list[str]:
    import pages

    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = sorted(set(chosen) - set(pages.WIDE_SHAPES))
    if not chosen or unknown:
        raise argparse.ArgumentTypeError(f"shapes are {', '.join(pages.WIDE_SHAPES)}; not {', '.join(unknown)}")
    return chosen


def shown(value: object, name: str) -> str:
    if not isinstance(value, float):
        return str(value)
    if "(MB)" in name or "(kB)" in name:
        return f"{value:,.0f}"
    if name.startswith("ratio"):
        return f"{value:.2f}×"
    return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"


def _column(size: int | str) -> str:
    return "bundled" if size == BUNDLED else (size if isinstance(size, str) else f"{size:,}")


def table(results: dict[int, dict[str, object]], names: list[str], title: str = "operation") -> str:
    sizes = list(results)
    width = max(len(n) for n in [*names, title])
    cells = {(name, n): shown(results[n].get(name, "-"), name) for name in names for n in sizes}
    column = max([16, *(len(cell) + 2 for cell in cells.values())])  # an error's text must not run into its label
    lines = [f"{title:<{width}}" + "".join(f"{_column(n):>{column}}" for n in sizes)]
    lines.append("-" * len(lines[0]))
    for name in names:
        lines.append(f"{name:<{width}}" + "".join(f"{cells[name, n]:>{column}}" for n in sizes))
    return "\n".join(lines)


def machine() -> str:
    cpuinfo = _read("/proc/cpuinfo").splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )
    memory = next((line.split()[1] for line in _read("/proc/meminfo").splitlines() if line.startswith("MemTotal")), "")
    gib = f", {int(memory) / 2**20:.1f} GiB memory" if memory else ""
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs ({cpu}){gib}, Python {platform.python_version()}, "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    )


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def sizes_option(text: str) -> list[int]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    try:
        sizes = [BUNDLED if part == "bundled" else int(part.replace("_", "")) for part in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like bundled,1000,10000, not {text!r}") from None
    if not sizes or any(n < 1 and n != BUNDLED for n in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive whole numbers or `bundled`")
    return sizes


SECTIONS = ("ops", "app", "browser", "wide")
TITLES = {
    "ops": "operation",
    "app": "app rerun after a filter change (AppTest, median)",
    "browser": "in headless Chromium",
    "wide": "wide debates: each page's server-side run (AppTest)",
}


def sections_option(text: str) -> list[str]:
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if not chosen or unknown:
        raise argparse.ArgumentTypeError(f"sections are {', '.join(SECTIONS)}; not {', '.join(unknown) or text!r}")
    return [s for s in SECTIONS if s in chosen]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", type=sizes_option, default=list(DEFAULT_SIZES), help="statement counts, e.g. 1000,10000"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per operation; the median is shown (default 3)")
    parser.add_argument(
        "--sections",
        type=sections_option,
        default=list(SECTIONS),
        help="what to measure, comma-separated: ops (pure operations), app (AppTest reruns), browser (Chromium)",
    )
    parser.add_argument(
        "--shapes",
        type=shapes_option,
        default=["1000x100", "200x2500", "2000x3000"],
        help="wide debates for the wide section (actors x questions): 1000x100, 200x2500, 2000x3000",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size, JSON out
    parser.add_argument("--section", choices=SECTIONS, default="ops", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        run = {"ops": run_one_size, "app": run_app_section, "browser": run_browser_section}[args.section]
        print(json.dumps(run(args.one, args.repeat)))
        return 0
    skip_browser = None
    if "browser" in args.sections:
        import browser_repaint

        skip_browser = browser_repaint.missing()
    results: dict[str, dict[int, dict[str, object]]] = {section: {} for section in args.sections}
    for statements in args.sizes:
        for section in args.sections:
            if (section == "browser" and skip_browser) or section == "wide":
                continue
            print(f"… {statements:,} statements: {section}", file=sys.stderr, flush=True)
            results[section][statements] = run_in_fresh_process(statements, args.repeat, section)
    if "wide" in args.sections:
        import pages

        for shape in args.shapes:
            print(f"… wide debate {shape}: every page", file=sys.stderr, flush=True)
            results["wide"][pages.label(shape)] = run_wide_in_fresh_process(shape)  # type: ignore[index]
    print(f"stances benchmark: median of up to {args.repeat} runs; {machine()}")
    for section in args.sections:
        print()
        if section == "browser" and skip_browser:
            print(f"Browser section skipped: {skip_browser}.")
            continue
        print(table(results[section], section_rows(section), TITLES[section]))
        if section == "ops":
            for limit, why in MAX_STATEMENTS.values():
                if any(n > limit for n in args.sizes):
                    print(f"* {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
