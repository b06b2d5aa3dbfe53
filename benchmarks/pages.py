"""Every page of the app on wide debates, through Streamlit's AppTest: the server-side run and the figures' size.

    .venv/bin/python benchmarks/run.py --sections wide --shapes 1000x100,200x2500
    .venv/bin/python benchmarks/pages.py benchmarks/out/synth-100000-seed-0-1000x100      # one folder, JSON out

For each page: the first visit (the debate already loaded and cached by a run of the start page) and a second
visit (what is cached per filter is warm), in seconds, and the largest plotly figure it sends, in kB of JSON (what
the browser receives for that chart). The shapes are synthetic debates (`stances synth --actors --questions
--skew 1`) modelled on real coded debates: a newspaper-claims corpus (~1,000 actors × ~110 categories), a
voting-advice dataset (~200 parties × ~2,500 theses), and the largest shape the views promise to hold.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGES = ("timeline", "grid", "trends", "alignment", "public_private", "actor", "present", "sources", "table", "about")
RUN_TIMEOUT_S = 900.0


# name -> (statements, actors, questions); every shape with skewed activity (a few actors say most).
WIDE_SHAPES: dict[str, tuple[int, int, int]] = {
    "1000x100": (100_000, 1_000, 100),
    "200x2500": (500_000, 200, 2_500),
    "2000x3000": (1_000_000, 2_000, 3_000),
}
SKEW = 1.0
SEED = 0


def wide_folder(name: str, out: Path) -> Path:
    """The cached synthetic debate of the shape `name`, generated on first use."""
    from stances.synth import Shape, write_synthetic

    statements, actors, questions = WIDE_SHAPES[name]
    folder = out / f"synth-{statements}-seed-{SEED}-{actors}x{questions}"
    if not (folder / "datapackage.json").is_file():
        shape = Shape(actors=actors, questions=questions, skew=SKEW)
        write_synthetic(folder, statements, SEED, shape=shape, force=True)
    return folder


def label(name: str) -> str:
    """The table's column for a shape: actors × questions (the statements are in the README)."""
    return name.replace("x", " × ")


def rows() -> list[str]:
    out = ["start: Timeline, cold load"]
    for page in PAGES:
        out += [f"{page}: first visit", f"{page}: again", f"{page}: largest figure (kB)"]
    out += ["slowest page run (not the start)", "largest figure (kB)"]
    return out


def measure(folder: Path) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["STANCES_DEBATE"] = str(folder)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=RUN_TIMEOUT_S)
    results: dict[str, float] = {}
    started = time.perf_counter()
    at.run()
    results["start: Timeline, cold load"] = time.perf_counter() - started
    slowest = 0.0
    for page in PAGES:
        for visit in ("first visit", "again"):
            started = time.perf_counter()
            at.switch_page(f"stances/app/pages/{page}.py").run()
            elapsed = time.perf_counter() - started
            if at.exception:
                raise RuntimeError(f"{page}: {[e.message for e in at.exception]}")
            results[f"{page}: {visit}"] = elapsed
            slowest = max(slowest, elapsed)
        sizes = [len(chart.proto.spec.encode()) / 1e3 for chart in at.get("plotly_chart")]
        results[f"{page}: largest figure (kB)"] = max(sizes, default=0.0)
    results["slowest page run (not the start)"] = slowest
    results["largest figure (kB)"] = max(v for k, v in results.items() if k.endswith("figure (kB)"))
    return results


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1])), indent=1))
