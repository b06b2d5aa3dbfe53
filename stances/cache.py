"""A derived, columnar copy of a loaded debate, so an unchanged debate starts without parsing or validating CSV.

The CSV files stay the source of truth. The cache is keyed by the debate folder, every file's name, size and
modification time (`load.folder_signature`) and the source of the stances package itself, so an edited file, an
added or removed file, or another version of the code all load afresh. Entries are Arrow IPC (Feather) files, one
per table, plus a small JSON file for the metadata and the validator's warnings; they live in the user's cache
folder (`$STANCES_CACHE`, else `$XDG_CACHE_HOME/stances`, else `~/.cache/stances`), never in the debate folder,
which may be read-only. `STANCES_CACHE=off` turns the cache off. A cache that cannot be read or written is
ignored: loading never fails because of it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather

from stances import load
from stances.model import Debate, DebateMeta
from stances.problems import Problem

OFF = frozenset({"off", "0", "no", "false"})
KEEP_ENTRIES = 6
META_FILE = "debate.json"
PACKAGE = Path(__file__).resolve().parent


def cache_root(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where cached debates live, or None when the cache is turned off."""
    chosen = environ.get("STANCES_CACHE", "").strip()
    if chosen.lower() in OFF:
        return None
    if chosen:
        return Path(chosen)
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stances"


def _code_fingerprint() -> str:
    """The stances library's own source (not the app's): loading, validating or typing may change with it."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        if "app" in path.relative_to(PACKAGE).parts[:-1]:
            continue
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(folder: Path) -> str:
    """One key per debate folder, file signature and library source."""
    digest = hashlib.sha256()
    digest.update(str(Path(folder).resolve()).encode())
    digest.update(repr(load.folder_signature(folder)).encode())
    digest.update(_code_fingerprint().encode())
    return digest.hexdigest()[:32]


def _table_fields() -> list[str]:
    return [f.name for f in dataclasses.fields(Debate) if f.name not in {"folder", "meta", "warnings"}]


def write_entry(debate: Debate, entry: Path) -> None:
    """Write `debate` as one cache entry at `entry`, atomically: a reader sees the whole entry or none."""
    entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=entry.parent))
    try:
        for name in _table_fields():
            feather.write_feather(debate.table(name), staging / f"{name}.arrow", compression="lz4")
        info = {
            "folder": str(debate.folder),
            "meta": dataclasses.asdict(debate.meta),
            "warnings": [p.to_dict() for p in debate.warnings],
        }
        (staging / META_FILE).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        os.replace(staging, entry)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def read_entry(entry: Path) -> Debate:
    """The debate stored at `entry` (raises OSError, ValueError or KeyError when it is not a whole entry)."""
    info = json.loads((entry / META_FILE).read_text(encoding="utf-8"))
    tables = {name: feather.read_table(entry / f"{name}.arrow").to_pandas() for name in _table_fields()}
    return Debate(
        folder=Path(info["folder"]),
        meta=DebateMeta(**info["meta"]),
        warnings=tuple(Problem.from_dict(p) for p in info["warnings"]),
        **tables,
    )


def _prune(root: Path, keep: int) -> None:
    entries = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def load_debate(folder: Path | str = load.DEFAULT_DEBATE, *, root: Path | None = None) -> Debate:
    """`load.load_debate`, from the cache when the folder's files and the library are unchanged since last time.

    The cache lives in `root`, by default `cache_root()` (None there: no cache). Raises `DebateError` exactly as
    `load.load_debate` does: an invalid debate is never cached.
    """
    folder = Path(folder)
    where = root or cache_root()
    if where is None or not folder.is_dir():
        return load.load_debate(folder)
    entry = Path(where) / cache_key(folder)
    if entry.is_dir():
        try:
            debate = read_entry(entry)
            os.utime(entry)  # recently used: kept by the pruning below
            return dataclasses.replace(debate, folder=folder)
        except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
            shutil.rmtree(entry, ignore_errors=True)
    debate = load.load_debate(folder)
    try:
        write_entry(debate, entry)
        _prune(Path(where), KEEP_ENTRIES)
    except OSError:
        pass  # a read-only or full disk: the debate is loaded all the same
    return debate
