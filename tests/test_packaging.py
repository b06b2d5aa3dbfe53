"""What a non-editable install carries: the wheel built from a clean copy of the repository holds the bundled
debate, the app's icon, its page scripts and its entry script, and the installed CLI finds the bundled debate from
any folder.

Regression (issue 9, defect 9): `pip install .` (not `-e`) installed the modules only; `data/` sits outside the
package, so the installed `stances validate` found no debate and the app had nothing to show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from stances.load import DATA_DIR
from tests.conftest import ROOT

# What a clean clone does not have (the environment, caches, build output) stays out of the copy the wheel is built
# from, so the wheel holds only what the repository's files make it hold.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "test-artifacts", "out"
)


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """The wheel built from a copy of the repository, and a folder it is installed in (`pip install --target`)."""
    base = tmp_path_factory.mktemp("packaging")
    clone = base / "clone"
    shutil.copytree(ROOT, clone, ignore=NOT_IN_A_CLONE)
    wheels = base / "wheels"
    # No build isolation: setuptools comes from the test environment (the lock pins it), so no index is needed.
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), "."],
        cwd=clone,
    )
    (wheel,) = wheels.glob("stances-*.whl")
    site = base / "site"
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(site), str(wheel)])
    return wheel, site


def bundled_files() -> dict[str, bytes]:
    """Every file of every bundled debate, by its path below `data/`."""
    return {path.relative_to(DATA_DIR).as_posix(): path.read_bytes() for path in DATA_DIR.rglob("*") if path.is_file()}


def test_the_wheel_carries_the_bundled_debate_and_the_apps_files(installed):
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        carried = {
            name.removeprefix("stances/_data/"): archive.read(name)
            for name in names
            if name.startswith("stances/_data/") and not name.endswith("/")
        }
    assert carried == bundled_files()
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "stances").rglob("*.py")}
    assert modules - names == set()  # every module and page script, and the installed entry stances/app/dashboard.py
    assert {"stances/app/icon.png", "stances/_config/config.toml"} <= names
    assert archive_text(wheel, "stances/_config/config.toml") == (ROOT / ".streamlit/config.toml").read_text("utf-8")


def archive_text(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name).decode("utf-8")


def test_the_installed_cli_finds_the_bundled_debate_from_any_folder(installed, tmp_path):
    _, site = installed
    env = {**os.environ, "PYTHONPATH": str(site), "STANCES_CACHE": "off"}
    where = _run(
        [sys.executable, "-c", "import stances.load as l; print(l.DEFAULT_DEBATE)"], cwd=tmp_path, env=env
    ).stdout.strip()
    assert Path(where).is_relative_to(site), where
    cli = [sys.executable, "-c", "import sys; from stances.cli import main; sys.exit(main(sys.argv[1:]))"]
    checked = _run([*cli, "validate"], cwd=tmp_path, env=env)
    assert checked.stdout.startswith(f"OK: {where} is a valid debate"), checked.stdout
    (tmp_path / "out").mkdir()
    _run([*cli, "export", "--format", "csv", "--out", "out"], cwd=tmp_path, env=env)
    (exported,) = (tmp_path / "out").glob("ukraine-talks-2022_*.csv")
    assert len(exported.read_text(encoding="utf-8-sig").splitlines()) > 100


def test_the_installed_dashboard_shows_the_bundled_debate(installed, tmp_path):
    _, site = installed
    env = {**os.environ, "PYTHONPATH": str(site), "STANCES_CACHE": "off"}
    script = (
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({str(site / 'stances/app/dashboard.py')!r}, default_timeout=120).run()\n"
        "assert not at.exception, [e.message for e in at.exception]\n"
        "print([t.value for t in at.title], len(at.get('plotly_chart')))\n"
    )
    shown = _run([sys.executable, "-c", script], cwd=tmp_path, env=env).stdout.strip().splitlines()[-1]
    assert shown == "['Timeline'] 1"
