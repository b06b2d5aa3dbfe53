"""cards.shown in Streamlit's real renderer: hostile text comes out as exactly that text, with no link, image,
emphasis, formula, colour, emoji or icon, and the browser fetches nothing for it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from stances.cards import WORD_JOINER

from .conftest import ROOT, AppServer, screenshot, settled

pytestmark = pytest.mark.browser

HOSTILE = (
    "**b** _i_ ~~s~~ `c` [link](http://127.0.0.1:9/phish) ![img](http://127.0.0.1:9/x.png) <b>tag</b> "
    "<img src=http://127.0.0.1:9/h.png> $x^2$ $$y$$ :red[red] :blue-background[bg] :smile: :+1: :material/home: "
    ":streamlit: http://127.0.0.1:9/a www.example.com a@b.org mailto:c@d.org # h -> <- -- >= &amp; &copy; \\ end"
)
ELEMENTS = ("markdown", "caption", "warning", "info", "error", "subheader", "label", "radio", "expander", "tabs")
TEXT = "[data-testid=stMarkdownContainer], [data-testid=stCaptionContainer]"
MARKUP = (
    "a:not([href^='#']), img, strong, em, del, code, b, .katex, span[role=img], [style*='color'], "
    "h1, h2, ul, ol, li, blockquote"
)


@pytest.fixture(scope="module")
def inert_server():
    server = AppServer(script=ROOT / "tests" / "browser" / "inert_app.py")
    server.wait()
    yield server
    server.stop()


def test_shown_text_renders_as_exactly_that_text(page, inert_server, outside_requests):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if ":9/" in request.url else None)
    page.goto(inert_server.url)
    settled(page)
    for element in ELEMENTS:
        expect(page.locator(f".st-key-inert_{element}").locator(TEXT).first).to_be_visible()
        boxes = page.locator(f".st-key-inert_{element}").locator(TEXT).all()
        for box in boxes:  # a radio has its label and its option
            text = box.text_content().replace(WORD_JOINER, "")
            assert " ".join(text.split()) == HOSTILE, element
            expect(box.locator(MARKUP)).to_have_count(0)
    screenshot(page, "inert-text")
    assert fetched == []
    assert outside_requests == []
