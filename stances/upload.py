"""A debate brought in through the browser: unpacked into a private temporary folder, validated, never kept.

The app's start page takes a zipped debate folder, a workbook with one sheet per table, or a flat table of one
statement per row (with the columns mapped on screen). Everything lands in a fresh folder under the system's
temporary directory, never in the data folder; a zip is unpacked only when it is small enough, holds few enough
files, and every member is a plain file whose path stays inside that folder (no absolute paths, no `..`, no
symlinks). The result is a folder to explore, or the list of problems that keep it from being explored.
"""

from __future__ import annotations

import io
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from stances import debates
from stances.load import DATA_DIR, check_debate
from stances.problems import Code, Problem, declare, errors

MAX_UPLOAD_MB = 20  # the largest file the browser may send (`.streamlit/config.toml` says the same: a test checks)
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 40  # a debate is a dozen files
CHUNK = 1024 * 1024
PREFIX = "stances-upload-"
# Files a zipped folder may carry that are no part of a debate; skipped without a word.
CLUTTER = ("__MACOSX/", ".DS_Store", "Thumbs.db")

UPLOAD_CODES: dict[str, str] = {
    "upload-too-large": f"The file is larger than the {MAX_UPLOAD_MB} MB an upload may be, or unpacks to more than "
    f"{MAX_UNPACKED_BYTES // 2**20} MB.",
    "not-a-zip": "The file is not a zip archive (or it is damaged).",
    "too-many-files": f"The zip holds more than {MAX_MEMBERS} files; a debate is a dozen.",
    "unsafe-member": "A member of the zip would land outside the upload's folder (an absolute path, `..`, a drive "
    "letter), or is a link or device rather than a plain file.",
    "no-debate": "Neither the zip's top level nor its one folder holds a debate (datapackage.json or statements.csv).",
    "unknown-upload": "The file is neither a zip, a workbook (.xlsx) nor a table (.csv).",
}
declare({code: Code(severity="error", about="upload", meaning=meaning) for code, meaning in UPLOAD_CODES.items()})


@dataclass(frozen=True, kw_only=True)
class Received:
    """What became of an upload: the debate folder to explore (None when there is nothing to explore), every
    problem found, and the temporary folder that holds it all (remove it with `discard`)."""

    name: str
    folder: Path | None
    problems: tuple[Problem, ...] = ()
    workspace: Path | None = None
    mapped: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.folder is not None and not errors(self.problems)


def workspace() -> Path:
    """A fresh private folder for one upload, under the system's temporary directory (never inside data/)."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX)).resolve()
    if folder.is_relative_to(DATA_DIR.resolve()):  # pragma: no cover: only if TMPDIR pointed into data/
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError("the temporary directory is inside the data folder; set TMPDIR elsewhere")
    return folder


def discard(received: Received | None) -> None:
    """Remove an upload's temporary folder and everything in it."""
    if received is not None and received.workspace is not None:
        shutil.rmtree(received.workspace, ignore_errors=True)


def _problem(code: str, file: str, message: str, value: str | None = None) -> Problem:
    return Problem(code=code, file=file, value=value, message=message)


def member_path(name: str) -> PurePosixPath | None:
    """The relative path a zip member may be unpacked to, or None when it would leave the folder."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return None
    path = PurePosixPath(name)
    if any(part in ("..", "") for part in path.parts) or (path.parts and ":" in path.parts[0]):
        return None
    return path


def _is_plain(info: zipfile.ZipInfo) -> bool:
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip records no Unix file type (Windows, Python)
    return kind in (0, stat.S_IFREG, stat.S_IFDIR)


def unpack_zip(data: bytes, into: Path, *, name: str = "upload.zip") -> tuple[Path | None, list[Problem]]:
    """Unpack a zipped debate into the empty folder `into`; return the debate folder inside it, or the problems."""
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        return None, [_problem("upload-too-large", name, UPLOAD_CODES["upload-too-large"])]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return None, [_problem("not-a-zip", name, "is not a zip archive, or it is damaged")]
    with archive:
        members = [m for m in archive.infolist() if not any(c in m.filename for c in CLUTTER)]
        files = [m for m in members if not m.is_dir()]
        if len(files) > MAX_MEMBERS:
            message = f"holds {len(files)} files; an upload may hold {MAX_MEMBERS}"
            return None, [_problem("too-many-files", name, message)]
        if sum(m.file_size for m in files) > MAX_UNPACKED_BYTES:
            message = f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB"
            return None, [_problem("upload-too-large", name, message)]
        unsafe = [m.filename for m in members if member_path(m.filename) is None or not _is_plain(m)]
        if unsafe:
            return None, [
                _problem("unsafe-member", name, "would be unpacked outside the upload's folder, or is a link", m)
                for m in unsafe
            ]
        root = into.resolve()
        budget = MAX_UNPACKED_BYTES
        for member in files:
            relative = member_path(member.filename)
            assert relative is not None
            target = (root / relative).resolve()
            if not target.is_relative_to(root):  # pragma: no cover: member_path already refused it
                return None, [_problem("unsafe-member", name, "would be unpacked outside the folder", member.filename)]
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(member) as source, target.open("xb") as out:
                    while chunk := source.read(CHUNK):
                        budget -= len(chunk)
                        if budget < 0:  # the sizes the zip declares can lie
                            return None, [_problem("upload-too-large", name, UPLOAD_CODES["upload-too-large"])]
                        out.write(chunk)
            except FileExistsError:
                return None, [_problem("unsafe-member", name, "appears twice in the zip", member.filename)]
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                return None, [_problem("not-a-zip", name, f"cannot be unpacked: {exc}", member.filename)]
    folder = _debate_folder(root)
    if folder is None:
        return None, [_problem("no-debate", name, UPLOAD_CODES["no-debate"])]
    return folder, []


def _debate_folder(root: Path) -> Path | None:
    """The debate in an unpacked zip: at its top level, or in its one folder (a zipped folder)."""
    if debates.is_debate(root):
        return root
    children = [c for c in root.iterdir() if not c.name.startswith(".")]
    if len(children) == 1 and children[0].is_dir() and debates.is_debate(children[0]):
        return children[0]
    return None


def receive_zip(name: str, data: bytes) -> Received:
    """A zipped debate folder, unpacked and validated."""
    space = workspace()
    unpacked = space / "unpacked"
    unpacked.mkdir()
    folder, problems = unpack_zip(data, unpacked, name=name)
    if folder is None:
        return Received(name=name, folder=None, problems=tuple(problems), workspace=space)
    return Received(name=name, folder=folder, problems=tuple(check_debate(folder)), workspace=space)


def receive_import(name: str, data: bytes, read) -> Received:
    """A workbook or flat table: saved in a private folder, read by an importer (`read(path) -> Imported`), and
    written there as a debate folder if it validates."""
    from stances.importers.folder import InputError, write_debate

    space = workspace()
    source = space / ("upload" + Path(name).suffix.lower())
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        return Received(
            name=name,
            folder=None,
            problems=(_problem("upload-too-large", name, UPLOAD_CODES["upload-too-large"]),),
            workspace=space,
        )
    source.write_bytes(data)
    try:
        imported = read(source)
    except InputError as exc:
        problems = tuple(_renamed(p, source.name, name) for p in exc.problems)
        return Received(name=name, folder=None, problems=problems, workspace=space)
    out = space / "debate"
    problems = tuple(write_debate(imported, out))
    folder = out if out.is_dir() and not errors(problems) else None
    return Received(name=name, folder=folder, problems=problems, workspace=space, mapped=imported.mapped)


def _renamed(problem: Problem, saved: str, name: str) -> Problem:
    """A problem about the saved copy, said of the file the user uploaded."""
    if problem.file != saved:
        return problem
    return Problem(
        code=problem.code,
        file=name,
        line=problem.line,
        field=problem.field,
        value=problem.value,
        message=problem.message,
    )
