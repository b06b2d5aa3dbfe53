"""The benchmark keeps working: a tiny run prints one row per operation (no timing is asserted)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("stances_benchmark", ROOT / "benchmarks" / "run.py")
benchmark = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = benchmark  # dataclasses look their module up there
_spec.loader.exec_module(benchmark)


def test_benchmark_prints_a_row_per_operation():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "300", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    names = [name for name, _ in benchmark.OPERATIONS] + ["peak memory (MB)"]
    rows = {line[: len(max(names, key=len))].strip(): line for line in lines[3:]}
    assert list(rows) == names
    assert [line for line in lines if "error" in line] == [], done.stderr
    assert lines[1].split() == ["operation", "300"]


def test_sizes_option_reads_a_comma_list():
    assert benchmark.sizes_option("1000,10_000") == [1000, 10_000]
