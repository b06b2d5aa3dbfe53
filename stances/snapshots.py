"""Figures -> files that travel without the app: one self-contained HTML page, or a static PNG/SVG for slides."""

from __future__ import annotations

import html
import os
import shutil
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

# Browsers a static image can be drawn with, in the order they are tried (kaleido drives one headlessly).
BROWSER_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class NoBrowser(RuntimeError):
    """A static image needs a Chromium or Chrome binary, and none was found."""


def standalone_html(figure: go.Figure, *, title: str, caption: str = "") -> bytes:
    """One HTML file holding the figure and plotly.js itself: opens from a USB stick, offline, with hover and zoom."""
    body = pio.to_html(
        figure,
        include_plotlyjs=True,
        full_html=False,
        config={"displaylogo": False, "responsive": True, "scrollZoom": True},
        default_width="100%",
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>body {{ font-family: "Source Sans Pro", Arial, sans-serif; margin: 1.5rem; color: #1b1f24; }}
h1 {{ font-size: 1.6rem; margin: 0 0 .3rem 0; }} p {{ color: #444; margin: 0 0 1rem 0; }}</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p>{html.escape(caption)}</p>
{body}
</body>
</html>
"""
    return page.encode("utf-8")


def find_browser(environ: dict[str, str] | None = None) -> str | None:
    """The Chromium/Chrome binary for static images: $BROWSER_PATH, else the first candidate found, else None."""
    environ = dict(os.environ) if environ is None else environ
    if environ.get("BROWSER_PATH"):
        return environ["BROWSER_PATH"] if Path(environ["BROWSER_PATH"]).exists() else None
    for candidate in BROWSER_CANDIDATES:
        found = candidate if Path(candidate).is_absolute() and Path(candidate).exists() else shutil.which(candidate)
        if found:
            return found
    return None


def static_image(figure: go.Figure, *, fmt: str = "png", width: int = 1600, height: int | None = None) -> bytes:
    """The figure as PNG or SVG, drawn by kaleido in this machine's Chromium; `NoBrowser` when there is none."""
    if fmt not in {"png", "svg"}:
        raise ValueError(f"unknown image format {fmt!r}; use png or svg")
    browser = find_browser()
    if browser is None:
        raise NoBrowser(
            "A static image needs Chromium or Chrome, and none was found (looked for $BROWSER_PATH and "
            + ", ".join(BROWSER_CANDIDATES)
            + "). Install one (e.g. `apt-get install chromium`) or use the HTML export, which needs no browser binary."
        )
    os.environ.setdefault("BROWSER_PATH", browser)
    return pio.to_image(
        figure,
        format=fmt,
        width=width,
        height=height or int(figure.layout.height or 700),
        scale=1 if fmt == "svg" else 2,
    )
