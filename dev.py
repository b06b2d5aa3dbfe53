#!/usr/bin/env python3
"""One entry point for newcomers: sets up `.venv` from the lock file, then runs the app or the tests.

    python3 dev.py app  [DEBATE_DIR]            start the dashboard (the bundled debate by default)
    python3 dev.py test [PYTEST_ARGS]           lint (ruff), type-check (mypy) and run every test
    python3 dev.py test --fast [PYTEST_ARGS]    the same without the browser tests, for quick loops

Only the standard library is used here, so it runs on a fresh clone with nothing but Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _fingerprint(extras: str) -> str:
    digest = hashlib.sha256(extras.encode())
    for path in (ROOT / "pyproject.toml", LOCK):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_environment(extras: str) -> None:
    """Create `.venv` and install the project with `extras`, pinned by the lock; skip when nothing changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit(f"stances needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print("dev.py: creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'app'}"
    wanted = _fingerprint(extras)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print(f"dev.py: installing stances{f'[{extras}]' if extras else ''} from {LOCK.name} …", flush=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", str(LOCK), "-e", target],
        cwd=ROOT,
        check=True,
    )
    stamp.write_text(wanted)


def run(argv: list[str]) -> int:
    return subprocess.call(argv, cwd=ROOT)


def main(args: list[str]) -> int:
    if not args or args[0] not in {"app", "test"}:
        print(__doc__)
        return 2
    command, rest = args[0], args[1:]
    if command == "app":
        ensure_environment("")
        debate = ["--", *rest] if rest else []
        return run([str(PYTHON), "-m", "streamlit", "run", str(ROOT / "dashboard.py"), *debate])
    ensure_environment("test")
    fast = "--fast" in rest
    rest = [a for a in rest if a != "--fast"]
    lint = run([str(PYTHON), "-m", "ruff", "check", "."])
    types = run([str(PYTHON), "-m", "mypy"])  # files and options: [tool.mypy] in pyproject.toml
    tests = run([str(PYTHON), "-m", "pytest", *(["-m", "not browser"] if fast else []), *rest])
    return tests or types or lint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
