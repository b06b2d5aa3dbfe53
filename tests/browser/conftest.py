"""Real-browser fixtures: the app on a free loopback port, driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import ROOT

CHROMIUM = os.environ.get("STANCES_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if IN_CI:
        pytest.fail(message + ": browser tests are required in CI")
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    def __init__(
        self, debate: Path | None = None, script: Path = ROOT / "dashboard.py", *, environ: dict | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        if debate is not None:
            env["STANCES_DEBATE"] = str(debate)
        env.update(environ or {})
        self.log = ARTIFACTS / f"server-{self.port}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        self._log_handle = self.log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
        )

    def wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the app server exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        pytest.fail(f"the app server did not answer within {timeout} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log_handle.close()


@pytest.fixture(scope="session")
def server() -> Iterator[AppServer]:
    chromium_or_skip()
    app = AppServer()
    app.wait()
    yield app
    app.stop()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def outside_requests() -> list[str]:
    """Every request the page makes to a host other than this machine; tests assert it stays empty."""
    return []


@pytest.fixture
def page(browser, outside_requests):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    tab = context.new_page()

    def watch(request) -> None:
        host = request.url.split("/")[2] if "://" in request.url else ""
        if request.url.startswith(("http://", "https://", "ws://", "wss://")) and not host.startswith(
            ("127.0.0.1", "localhost")
        ):
            outside_requests.append(request.url)

    tab.on("request", watch)
    yield tab
    context.close()


def settled(tab, timeout: float = 30_000) -> None:
    """Wait until Streamlit has seen the last action and finished the run it started (never a fixed sleep).

    Right after a click the page still shows the previous run as `notRunning`: Streamlit waits a moment before it
    sends the action and marks the script `running`. So first give the app that moment to start a run (it may not,
    for an action that reruns nothing), then wait for the connection and for the run to end, with no skeleton left.
    """
    with contextlib.suppress(PlaywrightTimeout):  # the action started no run, or it ended already
        tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=1_500)
    tab.wait_for_selector(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]',
        timeout=timeout,
    )
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)


def evaluates_to(tab, script: str, expected, timeout: float = 30_000) -> None:
    """Wait until the page function `script` returns `expected` (compared as JSON), as `expect` waits for a locator;
    when it never does, fail showing the last value."""
    wanted = json.dumps(json.dumps(expected, separators=(",", ":")))
    try:
        tab.wait_for_function(f"() => {{ try {{ return JSON.stringify(({script})()) === {wanted}; }} "
                              "catch (e) { return false; } }", timeout=timeout)
    except PlaywrightTimeout:
        assert tab.evaluate(script) == expected


def screenshot(tab, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path))
    return path
