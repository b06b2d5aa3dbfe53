"""Every page of the app on one debate, through Streamlit's AppTest: the server-side run and the figures' size.

    .venv/bin/python benchmarks/pages.py benchmarks/out/synth-100000-seed-0-1000x100

For each page: the first visit (the debate already loaded and cached by a run of the start page) and a second
visit (what is cached per filter is warm), in seconds, and the largest plotly figure it sends, in MB of JSON (what
the browser receives for that chart). Run by `run.py --sections pages` for the wide shapes.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGES = ("timeline", "grid", "trends", "present", "sources", "table", "about")
RUN_TIMEOUT_S = 900.0


def rows() -> list[str]:
    out = ["load (first run of the app, cold)"]
    for page in PAGES:
        out += [f"{page}: first visit", f"{page}: again", f"{page}: largest figure (MB)"]
    out += ["slowest page run"]
    return out


def measure(folder: Path) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["STANCES_DEBATE"] = str(folder)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=RUN_TIMEOUT_S)
    results: dict[str, float] = {}
    started = time.perf_counter()
    at.run()
    results["load (first run of the app, cold)"] = time.perf_counter() - started
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
        sizes = [len(chart.proto.spec.encode()) / 1e6 for chart in at.get("plotly_chart")]
        results[f"{page}: largest figure (MB)"] = max(sizes, default=0.0)
    results["slowest page run"] = slowest
    return results


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1])), indent=1))
