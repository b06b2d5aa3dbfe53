"""Which debates the app offers: the folders of a data folder, named by their folder name, one of them the default.

`data/` (or the folder `$STANCES_DATA` names) may hold several debates, one folder each. A link names a debate by
its folder name (`?debate=ukraine-talks-2022`); that name is only ever looked up among the folders listed here,
never joined onto a path, so no link can reach a folder outside the data folder. `$STANCES_DEBATE` or a folder
after `streamlit run dashboard.py --` still opens that one debate alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from stances import schema
from stances.load import DATA_DIR, DEFAULT_DEBATE, DESCRIPTOR

NAME = re.compile(schema.SLUG)
BUNDLED = DEFAULT_DEBATE.name


@dataclass(frozen=True, kw_only=True)
class Catalogue:
    """The debates on offer: folder name -> folder, in name order, and the one shown when a link names none."""

    folders: Mapping[str, Path]
    default: str
    root: Path | None = None  # the data folder they were found in; None for one debate given directly

    @property
    def names(self) -> list[str]:
        return list(self.folders)

    def pick(self, name: str | None) -> str:
        """`name` when it is one of the debates on offer, else the default."""
        return name if name is not None and name in self.folders else self.default


def is_debate(folder: Path) -> bool:
    return (folder / DESCRIPTOR).is_file() or (folder / schema.file_name("statements")).is_file()


def debates_in(root: Path) -> dict[str, Path]:
    """The debate folders directly inside `root`: real folders (no symlinks) whose name is a slug and that hold a
    descriptor or a statements table, by name."""
    root = Path(root).resolve()
    try:
        children = sorted(root.iterdir())
    except OSError:
        return {}
    found: dict[str, Path] = {}
    for child in children:
        if child.is_symlink() or not child.is_dir() or not NAME.fullmatch(child.name):
            continue
        if child.resolve().parent != root or not is_debate(child):
            continue
        found[child.name] = child
    return found


def catalogue(argv: Sequence[str], environ: Mapping[str, str]) -> Catalogue:
    """The debates to offer: $STANCES_DEBATE or the folder after `streamlit run dashboard.py --` alone; else
    every debate in $STANCES_DATA, else in the bundled data folder. The bundled debate is the default when it is
    on offer, else the first by name."""
    single = _single_debate(argv, environ)
    if single is not None:
        return Catalogue(folders={single.name: single}, default=single.name)
    root = Path(environ["STANCES_DATA"]).resolve() if environ.get("STANCES_DATA") else DATA_DIR
    folders = debates_in(root)
    if not folders:  # an empty or missing data folder: the bundled debate, so the app still opens
        return Catalogue(folders={BUNDLED: DEFAULT_DEBATE}, default=BUNDLED, root=root)
    default = BUNDLED if BUNDLED in folders else next(iter(folders))
    return Catalogue(folders=folders, default=default, root=root)


def _single_debate(argv: Sequence[str], environ: Mapping[str, str]) -> Path | None:
    """Arguments count only when the script itself was started with them (not, say, pytest's in AppTest)."""
    if environ.get("STANCES_DEBATE"):
        return Path(environ["STANCES_DEBATE"]).resolve()
    started_as_app = bool(argv) and Path(argv[0]).name == "dashboard.py"
    args = [a for a in argv[1:] if not a.startswith("-")] if started_as_app else []
    return Path(args[0]).resolve() if args else None
