"""Load benchmark: N simulated viewers on loopback, each opening its own shared link, then changing page every ~2 s.

Each viewer speaks Streamlit's websocket protocol directly (BackMsg rerun_script / ForwardMsg script_finished on
/_stcore/stream, as the browser client does), so a viewer costs a few kB and little CPU; the app runs for real.
Printed: p50/p95 time from request to a finished rerun, errors, exception elements, link fidelity (the Table page
shows exactly the number of statements the viewer's link selects) and the server's RSS per session.

  python benchmarks/load.py --viewers 20 --seconds 60                       # starts one server (direct)
  python benchmarks/load.py --viewers 20 --seconds 60 --replicas 2          # two servers behind nginx
  python benchmarks/load.py --url http://127.0.0.1:8080 --viewers 20        # an app already running

Not a test: it prints figures (benchmarks/README.md holds a run with the machine it ran on).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from stances import query  # noqa: E402
from stances.load import load_debate  # noqa: E402
from stances.names import actor_names  # noqa: E402

PAGES = ("", "grid", "table", "sources")  # "" is the timeline, the default page
COUNT = re.compile(r"^([\d,]+) statements?\b")  # "1 statement", "152 statements"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def links(count: int, seed: int) -> list[tuple[dict[str, list[str]], int]]:
    """`count` shared links (actor and on-record filters drawn at random) with the statements each selects."""
    debate = load_debate()
    names = actor_names(debate)
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        actors = rng.sample(list(names.index), rng.randint(1, 3))
        on_record = rng.random() < 0.5
        params = {"actor": [names[a] for a in actors]}
        if on_record:
            params["onrecord"] = ["true"]
        shown = query.apply(debate, query.Filters(actors=tuple(actors), on_record_only=on_record))
        out.append((params, len(shown)))
    return out


@dataclass
class Viewer:
    params: dict[str, list[str]]
    expected: int
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    exceptions: int = 0
    table_checks: int = 0
    table_faithful: int = 0


async def rerun(ws, query_string: str, page: str) -> tuple[float, list[str], int]:
    """One rerun: seconds to script_finished, the Markdown and HTML bodies shown, exception elements."""
    msg = BackMsg()
    msg.rerun_script.query_string = query_string
    msg.rerun_script.page_name = page
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    texts, exceptions = [], 0
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=60)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            which = element.WhichOneof("type")
            if which == "markdown":
                texts.append(element.markdown.body)
            elif which == "html":
                texts.append(element.html.body)
            elif which == "exception":
                exceptions += 1
        elif kind == "script_finished":
            return time.perf_counter() - start, texts, exceptions


async def view(viewer: Viewer, base: str, until: float, rng: random.Random, cookie: str | None) -> None:
    import websockets

    url = base.replace("http", "ws", 1) + "/_stcore/stream"
    headers = {"Cookie": cookie} if cookie else {}
    query_string = urlencode(viewer.params, doseq=True)
    try:
        async with websockets.connect(
            url, subprotocols=["streamlit"], additional_headers=headers, max_size=2**26, open_timeout=60
        ) as ws:
            page = "table"
            while True:
                seconds, texts, exceptions = await rerun(ws, query_string, page)
                viewer.times.append(seconds)
                viewer.exceptions += exceptions
                if page == "table":
                    counts = [int(m.group(1).replace(",", "")) for t in texts if (m := COUNT.match(t))]
                    viewer.table_checks += 1
                    viewer.table_faithful += counts[:1] == [viewer.expected]
                if time.monotonic() > until:
                    return
                await asyncio.sleep(rng.uniform(1.5, 2.5))
                page = rng.choice(PAGES)
    except Exception as exc:
        viewer.errors.append(f"{type(exc).__name__}: {exc}"[:200])


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def start_app(port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "STANCES_CACHE": "off"}
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url}")


def nginx_config(listen: int, upstreams: list[int], folder: Path) -> Path:
    """deploy/nginx.conf with the replicas and the port filled in, its paths in `folder`."""
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    servers = "\n".join(f"    server 127.0.0.1:{p};" for p in upstreams)
    for marker, local in (
        ("    server app:8501;  # REPLICAS\n", servers + "\n"),
        ("listen 8080;", f"listen 127.0.0.1:{listen};"),
        ("/tmp/nginx", str(folder)),
    ):
        if marker not in text:  # the tests would otherwise run some other configuration than the deployed one
            raise ValueError(f"deploy/nginx.conf no longer holds {marker.strip()!r}; update benchmarks/load.py")
        text = text.replace(marker, local)
    path = folder / "nginx.conf"
    path.write_text(text, encoding="utf-8")
    return path


async def run(base: str, viewers: list[Viewer], seconds: float, seed: int, sticky: bool) -> None:
    until = time.monotonic() + seconds
    tasks = []
    for i, viewer in enumerate(viewers):
        cookie = f"stances_route=viewer-{seed}-{i}" if sticky else None
        tasks.append(asyncio.create_task(view(viewer, base, until, random.Random(seed * 1000 + i), cookie)))
        await asyncio.sleep(0.1)  # viewers arrive over two seconds, not in one burst
    await asyncio.gather(*tasks)


def report(label: str, viewers: list[Viewer], rss: tuple[float, float] | None) -> None:
    times = sorted(t for v in viewers for t in v.times)
    checks = sum(v.table_checks for v in viewers)
    faithful = sum(v.table_faithful for v in viewers)
    errors = [e for v in viewers for e in v.errors]
    print(f"\n## {label}: {len(viewers)} viewers")
    if times:
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"reruns: {len(times):,}  p50 {statistics.median(times):.3f} s  p95 {p95:.3f} s  max {times[-1]:.3f} s")
    print(f"errors: {len(errors)}  exception elements: {sum(v.exceptions for v in viewers)}")
    print(f"link fidelity: {faithful}/{checks} Table views showed the link's statement count")
    if rss:
        print(
            f"server RSS: {rss[0]:.0f} MB after warm-up (one session per server), {rss[1]:.0f} MB with "
            f"{len(viewers)}: {(rss[1] - rss[0]) / max(len(viewers), 1):.1f} MB per further session"
        )
    for error in errors[:5]:
        print("  error:", error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--replicas", type=int, default=0, help="start this many servers behind nginx (0: one, direct)")
    parser.add_argument("--url", help="an app already running (nothing is started)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    chosen = links(args.viewers, args.seed)
    viewers = [Viewer(params=p, expected=n) for p, n in chosen]
    started: list[subprocess.Popen] = []
    folder = Path(tempfile.mkdtemp(prefix="stances-load-"))
    try:
        ports: list[int] = []
        if args.url:
            base, pids = args.url.rstrip("/"), []
        else:
            ports = [free_port() for _ in range(max(args.replicas, 1))]
            started = [start_app(p, folder / f"app-{p}.log") for p in ports]
            for p in ports:
                wait_for(f"http://127.0.0.1:{p}")
            pids = [s.pid for s in started]
            base = f"http://127.0.0.1:{ports[0]}"
            if args.replicas:
                listen = free_port()
                config = nginx_config(listen, ports, folder)
                started.append(subprocess.Popen(["nginx", "-g", "daemon off;", "-c", str(config), "-p", str(folder)]))
                base = f"http://127.0.0.1:{listen}"
                wait_for(base)
        # Warm-up: one session on every server (straight to each replica, not through nginx), so each has loaded
        # the debate and its caches before "before" is read; growth after it is what further sessions cost.
        for server in [f"http://127.0.0.1:{p}" for p in ports] if not args.url else [base]:
            warm = [Viewer(params=viewers[0].params, expected=viewers[0].expected)]
            asyncio.run(run(server, warm, 5, args.seed + 1, sticky=False))
        before = rss_mb(pids) if pids else None
        asyncio.run(run(base, viewers, args.seconds, args.seed, sticky=bool(args.replicas)))
        after = rss_mb(pids) if pids else None
        label = f"{args.replicas} replicas behind nginx" if args.replicas else ("direct" if not args.url else base)
        report(label, viewers, (before, after) if before is not None else None)
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
