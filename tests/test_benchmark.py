"""The benchmark keeps working: a tiny run prints one row per measurement (no timing is asserted)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("stances_benchmark", ROOT / "benchmarks" / "run.py")
benchmark = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = benchmark  # dataclasses look their module up there
_spec.loader.exec_module(benchmark)


def _tables(stdout: str) -> list[list[str]]:
    """The printed tables, each as its lines (header, rule, rows), after the one-line title."""
    return [block.splitlines() for block in stdout.split("\n\n")[1:]]


def test_benchmark_prints_a_row_per_operation_and_app_measurement():
    # The browser section needs Chromium and a served app; the browser tests cover that path's machinery.
    tiny = ["--sizes", "300", "--repeat", "1", "--sections", "ops,app"]
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), *tiny],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    operations, app = _tables(done.stdout)
    for lines, names in ((operations, benchmark.section_rows("ops")), (app, benchmark.section_rows("app"))):
        rows = [line[: len(max(names, key=len))].strip() for line in lines[2:]]
        assert rows == names
        assert lines[0].split()[-1] == "300"
    assert [line for line in done.stdout.splitlines() if "error" in line] == [], done.stderr


def test_sizes_option_reads_a_comma_list():
    assert benchmark.sizes_option("1000,10_000") == [1000, 10_000]


def test_sections_option_keeps_the_benchmark_order():
    assert benchmark.sections_option("browser,ops") == ["ops", "browser"]


def test_the_wide_pages_benchmark_measures_every_page_of_a_wide_debate(tmp_path):
    import json

    from stances.synth import Shape, write_synthetic

    folder = write_synthetic(tmp_path / "wide", 3_000, seed=1, shape=Shape(actors=100, questions=40, skew=1.0))
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "pages.py"), str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert list(results) == benchmark.section_rows("wide")
    assert 0 < results["largest figure (kB)"] < 2_000
