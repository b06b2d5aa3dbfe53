"""What a person waits for in a real browser: the app served by Streamlit, driven in Debian's headless Chromium.

The app runs as `streamlit run dashboard.py` on a free loopback port with STANCES_DEBATE set (as the browser tests
start it). The tab opens it, waits for the timeline's plot, then toggles "On-record words only" and times the
click until the script has finished and the timeline's plot holds the new figure (plotly's `data` replaced and one
animation frame drawn). Also read: the tab's JS heap (CDP Performance.getMetrics) and the app process's peak
resident memory (VmHWM in /proc/<pid>/status).

`side_by_side` serves the stances app and the bare reference app (`bare_app.py`, which has the same "On-record
words only" toggle) at once and measures both in one browser, alternating app by app in every round so that a slow
spell of the machine hits both alike: a warm page load (a new tab session on a server that has the debate loaded,
until the script is done and the plot drawn) and the repaint after the toggle. Medians and ratios stances / bare.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # reported by missing()
    PlaywrightTimeout = TimeoutError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHROMIUM = os.environ.get("STANCES_CHROMIUM", "/usr/bin/chromium")
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SWITCH = ".st-key-onrecord input"
PLOT = ".st-key-timeline_bins .js-plotly-plot, .st-key-timeline_chart .js-plotly-plot"
BARE_PLOT = ".st-key-scatter .js-plotly-plot"
BUDGET_S = 60.0  # stop toggling once the repaints have taken this long (at least two: on and off)
TIMEOUT_MS = 600_000  # opening a 1M debate loads it first (tens of seconds on a 2-core machine)

ROWS = (
    "open the app until the timeline is drawn",
    "repaint after the on-record toggle (median)",
    "repaint after the on-record toggle (first, new filter)",
    "repaint after the on-record toggle (slowest)",
    "tab JS heap used (MB)",
    "tab JS heap total (MB)",
    "app process peak RSS (MB)",
    # side_by_side: both apps in one run
    "bare: warm page load (median)",
    "stances: warm page load (median)",
    "ratio warm page load, stances / bare",
    "bare: toggle repaint (median)",
    "stances: toggle repaint (median)",
    "ratio toggle repaint, stances / bare",
)


def missing() -> str | None:
    """Why the browser section cannot run here, or None."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set STANCES_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


def start_app(folder: Path, log: Path, script: Path = ROOT / "dashboard.py") -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "STANCES_DEBATE": str(folder)}
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"the app did not answer within 60 s:\n{log.read_text()}")


def _repaint(tab, toggle, plot: str = PLOT) -> float:
    """Click the toggle; seconds until the script is done and the timeline shows a new figure, drawn.

    A redraw just after a paint can swallow a click (the browser tests saw it too): when the switch has not flipped
    within two seconds, click again, as a person would, and time from that click.
    """
    tab.evaluate(f"() => {{ window.__before = document.querySelector({plot!r}).data; }}")
    was_on = tab.locator(SWITCH).is_checked()
    for _ in range(3):
        started = time.perf_counter()
        toggle.click()
        try:
            tab.wait_for_function(
                f"() => document.querySelector({SWITCH!r}).checked === {'false' if was_on else 'true'}", timeout=2_000
            )
            break
        except PlaywrightTimeout:
            continue
    tab.wait_for_function(
        f"""() => {{
            const app = document.querySelector('{SETTLED}');
            const plot = document.querySelector({plot!r});
            return Boolean(app && plot && plot.data && plot.data !== window.__before && plot._fullLayout);
        }}""",
        timeout=TIMEOUT_MS,
    )
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return time.perf_counter() - started


def _open(tab, url: str, plot: str) -> float:
    """Seconds from navigating to `url` until the script is done and `plot` is drawn."""
    started = time.perf_counter()
    tab.goto(url, timeout=TIMEOUT_MS)
    tab.wait_for_selector(SETTLED, timeout=TIMEOUT_MS)
    tab.wait_for_function(
        f"() => {{ const p = document.querySelector({plot!r}); return Boolean(p && p._fullLayout); }}",
        timeout=TIMEOUT_MS,
    )
    return time.perf_counter() - started


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    )


def side_by_side(folder: Path, repeat: int, log_dir: Path) -> dict[str, float]:
    """Warm page load and toggle repaint of the stances app and the bare app, alternating, in one run."""
    from playwright.sync_api import sync_playwright

    apps = {"bare": (HERE / "bare_app.py", BARE_PLOT), "stances": (ROOT / "dashboard.py", PLOT)}
    served: dict[str, tuple[subprocess.Popen, str]] = {}
    loads: dict[str, list[float]] = {name: [] for name in apps}
    repaints: dict[str, list[float]] = {name: [] for name in apps}
    try:
        for name, (script, _) in apps.items():
            served[name] = start_app(folder, log_dir / f"side-by-side-{name}.log", script)
        with sync_playwright() as playwright:
            browser = _launch(playwright)
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            for name, (_, plot) in apps.items():  # a first, cold load each: the servers read the debate
                tab = context.new_page()
                _open(tab, served[name][1], plot)
                tab.close()
            for _ in range(max(repeat, 3)):
                for name, (_, plot) in apps.items():
                    tab = context.new_page()
                    loads[name].append(_open(tab, served[name][1], plot))
                    toggle = tab.get_by_text("On-record words only")
                    repaints[name].append(_repaint(tab, toggle, plot))
                    repaints[name].append(_repaint(tab, toggle, plot))
                    tab.close()
            browser.close()
    finally:
        for process, _ in served.values():
            _stop(process)
    results = {
        "bare: warm page load (median)": statistics.median(loads["bare"]),
        "stances: warm page load (median)": statistics.median(loads["stances"]),
        "bare: toggle repaint (median)": statistics.median(repaints["bare"]),
        "stances: toggle repaint (median)": statistics.median(repaints["stances"]),
    }
    results["ratio warm page load, stances / bare"] = (
        results["stances: warm page load (median)"] / results["bare: warm page load (median)"]
    )
    results["ratio toggle repaint, stances / bare"] = (
        results["stances: toggle repaint (median)"] / results["bare: toggle repaint (median)"]
    )
    return results


def measure(folder: Path, repeat: int, log: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    process, url = start_app(folder, log)
    results: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = _launch(playwright)
            tab = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            results["open the app until the timeline is drawn"] = _open(tab, url, PLOT)
            toggle = tab.get_by_text("On-record words only")
            repaints: list[float] = []
            while len(repaints) < max(repeat, 2) and (len(repaints) < 2 or sum(repaints) < BUDGET_S):
                repaints.append(_repaint(tab, toggle))
            results["repaint after the on-record toggle (median)"] = statistics.median(repaints)
            results["repaint after the on-record toggle (first, new filter)"] = repaints[0]
            results["repaint after the on-record toggle (slowest)"] = max(repaints)
            cdp = tab.context.new_cdp_session(tab)
            cdp.send("Performance.enable")
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            results["tab JS heap used (MB)"] = metrics["JSHeapUsedSize"] / 2**20
            results["tab JS heap total (MB)"] = metrics["JSHeapTotalSize"] / 2**20
            browser.close()
        results["app process peak RSS (MB)"] = peak_rss_mb(process.pid)
    finally:
        _stop(process)
    results.update(side_by_side(folder, repeat, log.parent))
    return results
