"""Take-away files: self-contained HTML and static images."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from stances import snapshots


def figure() -> go.Figure:
    return go.Figure(go.Scatter(x=[1, 2], y=[3, 4], hovertext=["a", "b"]))


def test_html_embeds_plotly_js_and_loads_nothing_from_the_network():
    page = snapshots.standalone_html(figure(), title="Timeline").decode("utf-8")
    assert re.findall(r"<script[^>]+src=", page) == []
    assert "Plotly.newPlot" in page
    assert len(page) > 1_000_000  # plotly.js itself is inside


def test_html_escapes_the_title_and_caption():
    page = snapshots.standalone_html(figure(), title="<script>x</script>", caption="a & b").decode("utf-8")
    assert "<title>&lt;script&gt;x&lt;/script&gt;</title>" in page
    assert "<p>a &amp; b</p>" in page


def test_find_browser_honours_browser_path(tmp_path):
    binary = tmp_path / "chrome"
    binary.write_text("")
    assert snapshots.find_browser({"BROWSER_PATH": str(binary)}) == str(binary)
    assert snapshots.find_browser({"BROWSER_PATH": str(tmp_path / "missing")}) is None


def test_static_image_without_a_browser_says_what_to_do(monkeypatch):
    monkeypatch.setattr(snapshots, "find_browser", lambda environ=None: None)
    with pytest.raises(snapshots.NoBrowser, match="apt-get install chromium"):
        snapshots.static_image(figure())


def test_static_image_rejects_unknown_formats():
    with pytest.raises(ValueError, match="png or svg"):
        snapshots.static_image(figure(), fmt="gif")
