"""Detail and presenter cards: every piece of dataset text escaped, links http(s) only, chains and unread sources."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from stances import cards, query
from stances.load import load_debate
from stances.model import DebateMeta, doi_url
from stances.query import SourceRef, StatementDetail
from stances.vocab import day_text

SCRIPT = "<script>alert(1)</script>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
ATTRIBUTE = '"onmouseover=alert(1) x="'
ATTRIBUTE_ESCAPED = "&quot;onmouseover=alert(1) x=&quot;"

LINK = 'target="_blank" rel="noopener noreferrer"'


@pytest.fixture
def debate(tiny_debate):
    return load_debate(tiny_debate)


def source(**changes) -> SourceRef:
    values = {
        "source_id": "a",
        "outlet": "Outlet A",
        "title": "Title A",
        "url": "https://a.example/story",
        "published": dt.date(2022, 11, 11),
        "source_kind": "news-report",
        "consulted": True,
        "locator": "para. 4",
    }
    return SourceRef(**{**values, **changes})


def detail(**changes) -> StatementDetail:
    values = {
        "statement_id": "s1",
        "actor": "Mark A. Milley",
        "actor_role": "Chairman",
        "question": "Open talks now",
        "proposition": "Talks should open now.",
        "date": dt.date(2022, 11, 9),
        "date_precision": "day",
        "position": 1,
        "position_label": "For talks",
        "position_meaning": "Favours talks.",
        "summary": "Saw a window for talks.",
        "quote": "Seize the moment.",
        "evidence": "on-record",
        "evidence_label": "On-record words",
        "channel": "public",
        "confidence": "high",
        "notes": "A note.",
        "sources": (source(),),
    }
    return StatementDetail(**{**values, **changes})


DETAIL_FIELDS = (
    "actor",
    "actor_role",
    "question",
    "proposition",
    "position_label",
    "summary",
    "quote",
    "evidence_label",
    "channel",
    "confidence",
    "notes",
    "span",
)
SOURCE_FIELDS = ("outlet", "title", "locator", "source_kind")


@pytest.mark.parametrize(("payload", "escaped"), [(SCRIPT, SCRIPT_ESCAPED), (ATTRIBUTE, ATTRIBUTE_ESCAPED)])
@pytest.mark.parametrize("field", DETAIL_FIELDS)
def test_detail_card_escapes_every_statement_field(field, payload, escaped):
    card = cards.detail_html(detail(**{field: payload}))
    assert escaped in card
    assert payload not in card


@pytest.mark.parametrize(("payload", "escaped"), [(SCRIPT, SCRIPT_ESCAPED), (ATTRIBUTE, ATTRIBUTE_ESCAPED)])
@pytest.mark.parametrize("field", SOURCE_FIELDS)
def test_detail_card_escapes_every_source_field(field, payload, escaped):
    card = cards.detail_html(detail(sources=(source(**{field: payload}),)))
    assert escaped in card
    assert payload not in card


@pytest.mark.parametrize(("payload", "escaped"), [(SCRIPT, SCRIPT_ESCAPED), (ATTRIBUTE, ATTRIBUTE_ESCAPED)])
def test_detail_card_escapes_the_outlets_of_the_reporting_chain(payload, escaped):
    card = cards.detail_html(detail(sources=(source(chain=(source(outlet=payload),)),)))
    assert f', citing <a href="https://a.example/story" {LINK}>{escaped}</a>' in card
    assert payload not in card


def test_detail_card_escapes_quotes_inside_a_link_address():
    card = cards.detail_html(detail(sources=(source(url='https://a.example/"onmouseover=alert(1)'),)))
    assert f'<a href="https://a.example/&quot;onmouseover=alert(1)" {LINK}>Outlet A</a>' in card
    assert '"onmouseover' not in card


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/x?y=1&z=2", f'<a href="https://a.example/x?y=1&amp;z=2" {LINK}>A &amp; B</a>'),
        ("http://a.example/", f'<a href="http://a.example/" {LINK}>A &amp; B</a>'),
        ("javascript:alert(1)", "A &amp; B"),
        ("data:text/html,<script>alert(1)</script>", "A &amp; B"),
        ("//a.example/x", "A &amp; B"),
        ("https://a.example/x y", "A &amp; B"),
        ("", "A &amp; B"),
        (None, "A &amp; B"),
    ],
)
def test_link_is_a_link_only_for_http_addresses(url, expected):
    assert cards.link(url, "A & B") == expected


def test_source_line_renders_the_reporting_chain():
    line = cards.source_line(
        source(chain=(source(source_id="b", outlet="Outlet B", url="https://b.example/", consulted=False),))
    )
    assert line == (
        f'<li><strong><a href="https://a.example/story" {LINK}>Outlet A</a></strong>, '
        f'citing <a href="https://b.example/" {LINK}>Outlet B</a>: “Title A”, 2022-11-11 · news report · para. 4</li>'
    )


def test_source_line_marks_sources_the_curators_did_not_read():
    line = cards.source_line(source(consulted=False, url="", locator=""))
    assert line == (
        "<li><strong>Outlet A</strong>: “Title A”, 2022-11-11 · news report"
        " <em>(not read by the curators; known through the reporting chain)</em></li>"
    )


def test_detail_card_lists_the_sources_of_a_statement_with_their_chain(debate):
    card = cards.detail_html(query.statement_detail(debate, "milley-private"))
    assert (
        '<ul style="margin-top:.1em">'
        f'<li><strong><a href="https://example.org/nv" {LINK}>New Voice of Ukraine</a></strong>, citing The New York '
        "Times: “General urges talks, advisers resist”, 2022-11-11 · news report · para. 1</li>"
        "<li><strong>The New York Times</strong>: “General urges talks”, 2022-11-10 · news report"
        " <em>(not read by the curators; known through the reporting chain)</em></li>"
        "</ul>"
    ) in card


def test_detail_card_shows_the_quote_only_when_there_is_one():
    assert "<blockquote" in cards.detail_html(detail())
    assert "<blockquote" not in cards.detail_html(detail(quote=""))


@pytest.mark.parametrize(
    ("precision", "expected"),
    [("day", "2022-11-09</p>"), ("month", "2022-11-09 (month only)</p>")],
)
def test_detail_card_says_how_precise_the_date_is(precision, expected):
    assert expected in cards.detail_html(detail(date_precision=precision))


# present_html --------------------------------------------------------------------------------------------------


def test_present_card_shows_the_quote_instead_of_the_summary():
    card = cards.present_html(detail(), 3, 7)
    assert '<blockquote style="border-left:6px solid #b2abd2">“Seize the moment.”</blockquote>' in card
    assert "Saw a window for talks." not in card


def test_present_card_shows_the_summary_when_there_is_no_quote():
    card = cards.present_html(detail(quote=""), 3, 7)
    assert "<p>Saw a window for talks.</p>" in card
    assert "<blockquote" not in card


def test_present_card_names_its_actor_in_a_heading():
    # the Present page had no heading at all (issue 16, accessibility): the card's actor is one, under the story's
    assert '<h2 class="who">Mark A. Milley</h2>' in cards.present_html(detail(), 3, 7)


def test_story_header_is_the_present_page_heading():
    head = cards.story_header_html("Milley <against> the advisers", 2, 9)
    assert head.startswith('<h1 class="stances-story-head"')
    assert "<strong>Milley &lt;against&gt; the advisers</strong>" in head
    assert head.endswith('<span class="stances-step-count">Step 2 of 9</span></h1>')


def test_present_card_says_which_step_it_is():
    assert '<span class="count">step 3 of 7<br>grid as of this day</span>' in cards.present_html(detail(), 3, 7)


def test_present_card_names_the_consulted_sources_with_their_chain(debate):
    card = cards.present_html(query.statement_detail(debate, "milley-private"), 1, 4)
    assert (
        '<p class="outlet">Reported by unnamed officials · New Voice of Ukraine, citing The New York Times</p>'
    ) in card


def test_present_card_names_unread_sources_when_nothing_was_read():
    unread = (source(consulted=False), source(outlet="Outlet B", consulted=False))
    card = cards.present_html(detail(sources=unread), 1, 1)
    assert '<p class="outlet">On-record words · Outlet A; Outlet B</p>' in card


@pytest.mark.parametrize(("payload", "escaped"), [(SCRIPT, SCRIPT_ESCAPED), (ATTRIBUTE, ATTRIBUTE_ESCAPED)])
@pytest.mark.parametrize("field", ("actor", "actor_role", "question", "position_label", "quote", "evidence_label"))
def test_present_card_escapes_dataset_text(field, payload, escaped):
    card = cards.present_html(detail(**{field: payload}), 1, 1)
    assert escaped in card
    assert payload not in card


@pytest.mark.parametrize(("payload", "escaped"), [(SCRIPT, SCRIPT_ESCAPED), (ATTRIBUTE, ATTRIBUTE_ESCAPED)])
def test_present_card_escapes_the_summary_and_outlets(payload, escaped):
    card = cards.present_html(detail(quote="", summary=payload, sources=(source(outlet=payload),)), 1, 1)
    assert f"<p>{escaped}</p>" in card
    assert f"On-record words · {escaped}</p>" in card
    assert payload not in card


# shown, long_date ------------------------------------------------------------------------------------------

J = cards.WORD_JOINER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("**bold**", r"\*\*bold\*\*"),
        ("_it_", r"\_it\_"),
        ("[x](javascript:alert(1))", rf"\[x\]\(javascript\:{J}alert\(1\)\)"),
        (":red[x]", rf"\:{J}red\[x\]"),
        ("$x$", r"\$x\$"),
        ("# heading", r"\# heading"),
        ("1. item", r"1\. item"),
        ("- item", r"\- item"),
        ("<b>x</b>", r"\<b\>x\<\/b\>"),
        ("`code`", r"\`code\`"),
        ("a \\ b", r"a \\ b"),
        ("~~gone~~ | &amp; ~=", rf"\~\~gone\~\~ \| \&amp\; \~{J}\="),
        ("see http://x.org", rf"see http\:{J}\/\/x\.org"),
        ("WWW.x.org", rf"WWW{J}\.x\.org"),
        ("a@b.org", rf"a{J}\@b\.org"),
        (":smile: :material/home:", rf"\:{J}smile\: \:{J}material\/home\:"),
        ("Note: plain", r"Note\: plain"),
        ("a -> b <- c -- d >= e", rf"a \-{J}\> b \<{J}\- c \-{J}\- d \>{J}\= e"),
        ("two\n\n    lines\t here", "two lines here"),
        ("Зеленський “quoted”", "Зеленський “quoted”"),
        (None, ""),
        (12, "12"),
    ],
)
def test_shown_makes_every_markdown_construct_literal(text, expected):
    assert cards.shown(text) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [(dt.date(2022, 11, 9), "2022-11-09"), (pd.Timestamp("2023-01-01"), "2023-01-01")],
)
def test_the_card_writes_days_as_every_page_does(day, expected):
    """Regression (issue 16, item 9): the card wrote "9 November 2022" beside "09 Nov 2022" and "2022-11-09"."""
    assert day_text(day) == expected
    card = cards.detail_html(detail(date=day, date_precision="day", sources=(source(published=day),)))
    assert card.count(expected) == 2  # the statement's day and its source's


def test_a_coded_span_is_shown_apart_from_the_quote_and_said_to_mix_voices():
    card = cards.detail_html(detail(quote="", evidence="coded-span", span="The minister, the paper said, was open."))
    assert "<blockquote" not in card  # not set as a quote: the span is not the actor's own words
    assert (
        "Coded span of the report (the outlet's words and the actor's reported words, as coded):</span>"
        "<br>The minister, the paper said, was open.</div>"
    ) in card


def test_the_card_colour_follows_the_position_on_its_own_scale():
    assert "background:#5e3c99" in cards.detail_html(detail(position=10, colour_class=2))
    assert "background:#bababa" in cards.detail_html(detail(position=5, colour_class=0))


# dataset_links_html ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ("10.5281/zenodo.123", "https://doi.org/10.5281/zenodo.123"),
        ("doi:10.5281/zenodo.123", "https://doi.org/10.5281/zenodo.123"),
        ("https://doi.org/10.5281/zenodo.123", "https://doi.org/10.5281/zenodo.123"),
        ("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", ""),
        ("", ""),
    ],
)
def test_doi_url_links_only_a_doi_that_is_given(identifier, expected):
    assert doi_url(identifier) == expected


def test_dataset_links_link_the_licence_and_say_when_no_address_exists():
    meta = DebateMeta(name="d", title="D", licence="CC BY 4.0", licence_url="https://creativecommons.org/x/")
    assert cards.dataset_links_html(meta) == (
        '<div class="stances-dataset-links"><ul style="margin:.2em 0 .4em 0"><li>Licence: <a '
        'href="https://creativecommons.org/x/" target="_blank" rel="noopener noreferrer">CC BY 4.0</a></li></ul>'
        f"<p>{cards.esc(cards.NO_ADDRESS)}</p></div>"
    )


def test_dataset_links_never_link_a_non_http_address_and_escape_every_text():
    meta = DebateMeta(
        name="d",
        title="D",
        licence="<b>mine</b>",
        licence_url="javascript:alert(1)",
        homepage="file:///etc/passwd",
        repository="https://example.org/<x>",
        identifier="<i>id</i>",
    )
    out = cards.dataset_links_html(meta)
    assert "<li>Licence: &lt;b&gt;mine&lt;/b&gt;</li>" in out
    assert "<li>Web page: file:///etc/passwd</li>" in out
    assert '<li>Repository: <a href="https://example.org/&lt;x&gt;"' in out
    assert "<li>Identifier: &lt;i&gt;id&lt;/i&gt;</li>" in out
    assert "javascript" not in out and cards.esc(cards.NO_ADDRESS) not in out


def test_shown_cells_escapes_every_cell_and_column_name_for_a_markdown_table():
    table = pd.DataFrame({"Actor": ["**Milley**", "[x](http://127.0.0.1:9/)"], "Path": ["+1 (2022-09-08)", ""]})
    assert cards.shown_cells(table).to_dict("list") == {
        "Actor": [cards.shown("**Milley**"), cards.shown("[x](http://127.0.0.1:9/)")],
        "Path": ["\\+1 \\(2022\u201109\u201108\\)", ""],  # a day's hyphens do not break
    }
