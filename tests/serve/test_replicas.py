"""Serving for a team, on loopback: two replicas behind Debian's nginx with deploy/nginx.conf. A replica killed
mid-session brings the viewer back to the same view and step from the URL, and the next click is not lost; a
foreign Host header is refused (DNS rebinding). Bounded: two app servers and one nginx, about half a minute."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import signal
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

from benchmarks.load import free_port, nginx_config, rerun, start_app, wait_for
from stances import query
from stances.load import load_debate
from stances.names import actor_names
from tests.browser.conftest import IN_CI


def run(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright session keeps an event loop running in this
    one when the whole suite runs in one process."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def established(port: int) -> int:
    """Established TCP connections to 127.0.0.1:`port` (from /proc/net/tcp)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if int(local.split(":")[1], 16) == port and state == "01":
            count += 1
    return count


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    if not Path(NGINX).exists():
        message = "nginx not found (apt-get install nginx)"
        if IN_CI:
            pytest.fail(message + ": the replica tests are required in CI")
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("replicas")
    ports = [free_port(), free_port()]
    apps = {p: start_app(p, folder / f"app-{p}.log") for p in ports}
    listen = free_port()
    proxy = subprocess.Popen(  # in the foreground, so that stopping this process stops nginx
        [NGINX, "-g", "daemon off;", "-c", str(nginx_config(listen, ports, folder)), "-p", str(folder)]
    )
    try:
        for p in ports:
            wait_for(f"http://127.0.0.1:{p}")
        wait_for(f"http://127.0.0.1:{listen}")
        yield {"apps": apps, "url": f"http://127.0.0.1:{listen}", "ports": ports}
    finally:
        for process in [proxy, *apps.values()]:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)


def link() -> tuple[str, int]:
    debate = load_debate()
    names = actor_names(debate)
    actors = ("milley", "sullivan")
    expected = len(query.apply(debate, query.Filters(actors=actors)))
    return urlencode({"actor": [names[a] for a in actors], "step": "5"}, doseq=True), expected


async def session(url: str, cookie: str, steps: list[tuple[str, str]]) -> list[list[str]]:
    """One websocket session through nginx: a rerun per (query string, page); the texts each shows."""
    import websockets
    import websockets.exceptions

    shown = []
    async with websockets.connect(
        url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
        additional_headers={"Cookie": cookie}, max_size=2**26, open_timeout=30,
    ) as ws:  # fmt: skip
        for query_string, page in steps:
            _, texts, exceptions = await rerun(ws, query_string, page)
            assert exceptions == 0
            shown.append(texts)
    return shown


def test_a_killed_replica_brings_the_viewer_back_to_the_same_view_and_step(replicas):
    query_string, expected = link()
    cookie = "stances_route=viewer-1"
    first = run(session(replicas["url"], cookie, [(query_string, "table")]))
    assert any(t.startswith(f"{expected:,} statements") for t in first[0])
    # Which replica holds this viewer: the one nginx keeps a connection to (it keeps alive only upstream sockets
    # in use, so open the session again and look while it is open).

    async def hold_and_find() -> int:
        import websockets
        import websockets.exceptions

        async with websockets.connect(
            replicas["url"].replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
            additional_headers={"Cookie": cookie}, open_timeout=30,
        ):  # fmt: skip
            await asyncio.sleep(0.5)
            return max(replicas["ports"], key=established)

    holder = run(hold_and_find())
    os.kill(replicas["apps"][holder].pid, signal.SIGKILL)
    replicas["apps"][holder].wait(timeout=10)
    # The viewer's browser reconnects with the same URL and cookie; nginx sends it to the live replica.
    after = run(session(replicas["url"], cookie, [(query_string, "table"), (query_string, "present")]))
    assert any(t.startswith(f"{expected:,} statements") for t in after[0]), after[0][:5]
    assert any("step 5 of" in t for t in after[1])  # the next click, to the presenter, at the link's step


def test_a_foreign_host_header_is_refused(replicas):
    import websockets
    import websockets.exceptions

    port = next(p for p, app in replicas["apps"].items() if app.poll() is None)

    async def connect() -> None:
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
            additional_headers={"Host": "rebind.example.com"}, open_timeout=10,
        ):  # fmt: skip
            pass

    with pytest.raises((websockets.exceptions.InvalidStatus, websockets.exceptions.InvalidHandshake, OSError)):
        run(connect())
