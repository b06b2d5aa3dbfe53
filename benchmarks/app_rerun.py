"""The whole app's rerun after a filter change, measured with Streamlit's AppTest, next to the bare reference app.

Three apps run side by side on one debate: the stances Timeline page, its Comparison grid page, and
`bare_app.py`. After one warm-up run each (it loads the debate), each round changes the actor filter to one
actor not chosen before (new filters: nothing cached for them) and then clears it (back to every actor:
cached by stances since the warm-up), on each app in turn, so a slow spell of the machine hits all three alike.
The stances pages then toggle "On-record words only" on and off. Every other page of the app then gets a new filter
too (one actor not chosen before on any page, since the filtered statements are cached for every viewer), on one
more app that visits them in turn, so the slowest page's rerun is printed beside the bare app's. AppTest runs the
script in a thread and waits for it: the time around `.run()` is the server-side rerun, including the figures' JSON
and the tables' Arrow.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GRID_PAGE = "stances/app/pages/grid.py"
RUN_TIMEOUT_S = 900.0  # one AppTest run; a cold load of 1M statements takes tens of seconds
# Stop starting new rounds once the measured reruns have taken this long; medians are then of fewer rounds.
BUDGET_S = 150.0

# The pages besides the Timeline and the Grid, by the name the table gives them.
OTHER_PAGES = {
    "Positions over time": "trends.py",
    "Who stands with whom": "alignment.py",
    "Public and private": "public_private.py",
    "Actor profile": "actor.py",
    "Sources": "sources.py",
    "Table & export": "table.py",
}
PAGE_ROWS = tuple(f"{title}: one actor (new filter)" for title in OTHER_PAGES)
# name -> how the table shows it; ratios are ours / bare on the same filter changes.
ROWS = (
    "stances first run (cold load)",
    "Timeline: one actor (new filter)",
    "Timeline: all actors again",
    "Timeline: on-record toggle",
    "Grid: one actor (new filter)",
    "Grid: all actors again",
    "Grid: on-record toggle",
    *PAGE_ROWS,
    "slowest page: one actor (new filter)",
    "stances slowest rerun",
    "bare first run (cold load)",
    "bare: one actor",
    "bare: all actors again",
    "ratio Timeline / bare, one actor",
    "ratio Timeline / bare, all actors",
    "ratio Grid / bare, one actor",
    "ratio Grid / bare, all actors",
    "ratio slowest page / bare, one actor",
)


def _timed(step: Callable[[], object], at) -> float:
    started = time.perf_counter()
    step()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"the app failed: {[e.message for e in at.exception]}")
    return elapsed


def measure(folder: Path, repeat: int) -> dict[str, float]:
    """Median rerun seconds per kind of filter change (and ratios), for the debate in `folder`."""
    from streamlit.testing.v1 import AppTest

    os.environ["STANCES_DEBATE"] = str(folder)
    actors = [str(a) for a in pd.read_csv(folder / "actors.csv", usecols=["actor_id"])["actor_id"]]
    timeline = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=RUN_TIMEOUT_S)
    grid = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=RUN_TIMEOUT_S)
    bare = AppTest.from_file(str(HERE / "bare_app.py"), default_timeout=RUN_TIMEOUT_S)
    results: dict[str, float] = {}
    results["stances first run (cold load)"] = _timed(timeline.run, timeline)
    _timed(grid.run, grid)
    _timed(lambda: grid.switch_page(GRID_PAGE).run(), grid)
    results["bare first run (cold load)"] = _timed(bare.run, bare)

    runs: dict[str, list[float]] = {}
    spent = 0.0
    rounds = 0
    while rounds < min(repeat, len(actors)) and (rounds == 0 or spent < BUDGET_S):
        actor = actors[rounds]
        for page, at in (("Timeline", timeline), ("Grid", grid), ("bare", bare)):
            one = _timed(lambda at=at, actor=actor: at.multiselect(key="actor").set_value([actor]).run(), at)
            back = _timed(lambda at=at: at.multiselect(key="actor").set_value([]).run(), at)
            runs.setdefault(f"{page}: one actor" + ("" if page == "bare" else " (new filter)"), []).append(one)
            runs.setdefault(f"{page}: all actors again", []).append(back)
            spent += one + back
        rounds += 1
    toggles = 0
    while toggles < 2 * repeat and (toggles < 2 or spent < 2 * BUDGET_S):
        for page, at in (("Timeline", timeline), ("Grid", grid)):
            toggle = at.toggle(key="onrecord")
            elapsed = _timed(lambda at=at, toggle=toggle: toggle.set_value(not toggle.value).run(), at)
            runs.setdefault(f"{page}: on-record toggle", []).append(elapsed)
            spent += elapsed
        toggles += 1

    others = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=RUN_TIMEOUT_S)
    _timed(others.run, others)
    unused = [a for a in reversed(actors) if a not in actors[:rounds]]
    for round_number in range(rounds):
        for number, (title, page) in enumerate(OTHER_PAGES.items()):
            if round_number and spent > 3 * BUDGET_S:
                break
            _timed(lambda page=page: others.switch_page(f"stances/app/pages/{page}").run(), others)
            actor = unused[(round_number * len(OTHER_PAGES) + number) % max(len(unused), 1)] if unused else actors[0]
            elapsed = _timed(lambda actor=actor: others.multiselect(key="actor").set_value([actor]).run(), others)
            runs.setdefault(f"{title}: one actor (new filter)", []).append(elapsed)
            spent += elapsed
            _timed(lambda: others.multiselect(key="actor").set_value([]).run(), others)

    for name, values in runs.items():
        results[name] = statistics.median(values)
    new_filter = [name for name in results if name.endswith("one actor (new filter)")]
    results["slowest page: one actor (new filter)"] = max(results[name] for name in new_filter)
    results["stances slowest rerun"] = max(v for name, values in runs.items() if "bare" not in name for v in values)
    for page in ("Timeline", "Grid"):
        results[f"ratio {page} / bare, one actor"] = (
            results[f"{page}: one actor (new filter)"] / results["bare: one actor"]
        )
        results[f"ratio {page} / bare, all actors"] = (
            results[f"{page}: all actors again"] / results["bare: all actors again"]
        )
    results["ratio slowest page / bare, one actor"] = (
        results["slowest page: one actor (new filter)"] / results["bare: one actor"]
    )
    results["rounds"] = float(rounds)
    return results
