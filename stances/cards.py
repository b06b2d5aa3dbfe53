"""Detail cards as HTML: every piece of dataset text escaped, every link http(s) only."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from stances.model import DebateMeta, doi_url
from stances.query import EventDetail, SourceRef, StatementDetail
from stances.vocab import NO_POSITION_COLOUR, POSITION_COLOURS, day_text, signed

if TYPE_CHECKING:
    import pandas as pd

SAFE_URL = re.compile(r"^https?://\S+$")

PRECISION_NOTE = {"day": "", "month": " (month only)", "approximate": " (approximate date)"}


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def safe_url(url: object) -> str:
    """`url` when it is http(s), else "": a `javascript:` or `file:` link from the data is never offered."""
    text = "" if url is None else str(url)
    return text if SAFE_URL.match(text) else ""


def link(url: str, text: str) -> str:
    """An escaped link when `url` is http(s); otherwise the escaped text alone."""
    if not SAFE_URL.match(url or ""):
        return esc(text)
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'


def source_line(source: SourceRef) -> str:
    chain = "".join(f", citing {link(s.url, s.outlet)}" for s in source.chain)
    where = f" · {esc(source.locator)}" if source.locator else ""
    unread = "" if source.consulted else " <em>(not read by the curators; known through the reporting chain)</em>"
    return (
        f"<li><strong>{link(source.url, source.outlet)}</strong>{chain}: “{esc(source.title)}”, "
        f"{day_text(source.published)} · {esc(source.source_kind.replace('-', ' '))}{where}{unread}</li>"
    )


def position_colour(detail: StatementDetail) -> str:
    """The card's position colour: by the position's class on its own question's scale."""
    if detail.colour_class is not None:
        return POSITION_COLOURS[detail.colour_class]
    return POSITION_COLOURS.get(detail.position, NO_POSITION_COLOUR)


def detail_html(detail: StatementDetail, *, large: bool = False) -> str:
    """The detail card of one statement: quote, summary, position with its label, evidence, sources and chain."""
    colour = position_colour(detail)
    size = "1.6rem" if large else "1.05rem"
    quote = (
        f'<blockquote class="st-quote" style="font-size:{size};margin:.4em 0;border-left:4px solid {colour};'
        f'padding-left:.7em">“{esc(detail.quote)}”</blockquote>'
        if detail.quote
        else ""
    )
    if detail.span:  # not the actor's own words: no quotation marks, and said so
        quote += (
            f'<div class="st-span" style="margin:.4em 0;border-left:4px dotted {colour};padding-left:.7em">'
            '<span style="color:#555;font-size:.9em">Coded span of the report (the outlet\'s words and the '
            f"actor's reported words, as coded):</span><br>{esc(detail.span)}</div>"
        )
    sources = "".join(source_line(s) for s in detail.sources)
    notes = f"<p style='color:#444'><strong>Notes:</strong> {esc(detail.notes)}</p>" if detail.notes else ""
    return f"""
<div class="stances-card" style="font-size:{"1.25rem" if large else "1rem"};line-height:1.45">
  <p style="margin:0 0 .2em 0"><strong>{esc(detail.actor)}</strong> · {esc(detail.actor_role)}<br>
  {day_text(detail.date)}{PRECISION_NOTE.get(detail.date_precision, "")}</p>
  <p style="margin:.2em 0"><span style="display:inline-block;min-width:2.4em;text-align:center;
  background:{colour};border:1px solid #333;border-radius:4px;padding:0 .3em;font-weight:700">
  {signed(detail.position)}</span> <strong>{esc(detail.question)}</strong>: {esc(detail.position_label)}
  <br><span style="color:#555;font-size:.9em">{esc(detail.proposition)}</span></p>
  {quote}
  <p style="margin:.3em 0">{esc(detail.summary)}</p>
  <p style="margin:.3em 0;color:#333"><strong>How we know:</strong> {esc(detail.evidence_label)} ·
  {esc(detail.channel)} · confidence {esc(detail.confidence)}</p>
  <p style="margin:.3em 0 0 0"><strong>Sources</strong></p>
  <ul style="margin-top:.1em">{sources}</ul>
  {notes}
</div>"""


# Streamlit 1.67 renders Markdown in st.markdown, st.caption, alerts, titles, widget labels, help, radio options,
# expander and tab labels, and adds steps on plain text nodes *after* parsing, which a backslash cannot stop: bare
# URLs, `www.` and e-mail addresses become links, `:smile:` an emoji, `:material/x:` and `:streamlit:` icons, `->`
# an arrow. A WORD JOINER (U+2060, invisible, not copied as a space) breaks each of those patterns.
WORD_JOINER = "\u2060"
_BREAKS = re.compile(r"(?<=:)(?=\S)|(?=\\@)|(?<=www)(?=\\\.)|(?<=[-<>~])(?=\\[->=])", re.IGNORECASE)


def shown(text: object) -> str:
    """Dataset or URL text for any element that renders Markdown: shown exactly as written, never as markup.

    Every ASCII punctuation character is backslash-escaped (CommonMark: then it is literal), whitespace runs become
    one space (no paragraph, list or code block can start), and a WORD JOINER breaks the patterns Streamlit turns into
    links, emoji or icons on plain text. Use a plain-text element (st.text, st.code, st.dataframe) for longer text.
    """
    flat = " ".join(("" if text is None else str(text)).split())
    escaped = "".join("\\" + c if c.isascii() and not c.isalnum() and not c.isspace() else c for c in flat)
    return _BREAKS.sub(WORD_JOINER, escaped)


_DAY = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b")
NON_BREAKING_HYPHEN = "\u2011"


def shown_cells(table: pd.DataFrame) -> pd.DataFrame:
    """A table for `st.table` (a static table that wraps long cells, and renders Markdown in them): every cell and
    column name as `shown` text, and each day's hyphens non-breaking (Chromium wrapped a day after its month)."""
    whole_day = rf"\1{NON_BREAKING_HYPHEN}\2{NON_BREAKING_HYPHEN}\3"
    return table.map(lambda cell: shown(_DAY.sub(whole_day, str(cell)))).rename(columns=shown)


NO_ADDRESS = (
    "No DOI, web page or repository is recorded for this dataset (its datapackage.json has no id, homepage or "
    "repository), so none is given here: cite it by its title and version, and say when you took your copy."
)


def dataset_links_html(meta: DebateMeta) -> str:
    """Where the dataset lives and under which terms, for the About page: the licence as a link, and the web page,
    repository and persistent identifier the descriptor gives, each escaped and linked only when http(s)."""
    items = []
    if meta.licence or meta.licence_url:
        items.append(f"<li>Licence: {link(meta.licence_url, meta.licence or meta.licence_url)}</li>")
    if meta.identifier:
        doi = doi_url(meta.identifier)
        shown_id = doi.removeprefix("https://doi.org/") if doi else meta.identifier
        label = "DOI" if doi else "Identifier"
        items.append(f"<li>{label}: {link(doi or meta.identifier, shown_id)}</li>")
    if meta.homepage:
        items.append(f"<li>Web page: {link(meta.homepage, meta.homepage)}</li>")
    if meta.repository:
        items.append(f"<li>Repository: {link(meta.repository, meta.repository)}</li>")
    missing = "" if meta.identifier or meta.homepage or meta.repository else f"<p>{esc(NO_ADDRESS)}</p>"
    listed = f'<ul style="margin:.2em 0 .4em 0">{"".join(items)}</ul>' if items else ""
    return f'<div class="stances-dataset-links">{listed}{missing}</div>'


# Projector styling for the Present page: large type, high contrast, nothing that needs scrolling.
PRESENT_CSS = """<style>
.block-container { padding-top: 1.2rem !important; padding-bottom: 0 !important; }
.stances-present { font-size: 1.45rem; line-height: 1.35; color: #000; background: #fff;
  border: 3px solid #000; border-radius: 10px; padding: .8em 1em; }
.stances-present .who { font-size: 2.1rem; font-weight: 700; line-height: 1.2; margin: 0; padding: 0; }
.stances-present .when { font-size: 1.3rem; color: #222; margin: 0 0 .4em 0; }
.stances-present .pos { display: inline-block; font-weight: 700; border: 2px solid #000; border-radius: 6px;
  padding: 0 .35em; margin-right: .3em; }
.stances-present blockquote { font-size: 1.6rem; margin: .4em 0; padding-left: .6em; }
.stances-present .outlet { font-size: 1.1rem; color: #222; margin-top: .5em; }
.stances-present .count { font-size: 1rem; color: #333; float: right; text-align: right; }
</style>"""

HIDE_SIDEBAR_CSS = """<style>
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"] { display: none; }
</style>"""


def present_html(detail: StatementDetail, number: int, total: int) -> str:
    """The presenter's large card: actor, date, position label, the quote (else the summary) and the outlets."""
    colour = position_colour(detail)
    body = (
        f'<blockquote style="border-left:6px solid {colour}">“{esc(detail.quote)}”</blockquote>'
        if detail.quote
        else f"<p>{esc(detail.summary)}</p>"
    )
    outlets = "; ".join(s.cites() for s in detail.sources if s.consulted) or "; ".join(s.outlet for s in detail.sources)
    return f"""
<div class="stances-present">
  <span class="count">step {number} of {total}<br>grid as of this day</span>
  <h2 class="who">{esc(detail.actor)}</h2>
  <p class="when">{day_text(detail.date)}{PRECISION_NOTE.get(detail.date_precision, "")} · {esc(detail.actor_role)}</p>
  <p><span class="pos" style="background:{colour}">{signed(detail.position)}</span>
  <strong>{esc(detail.question)}</strong>: {esc(detail.position_label)}</p>
  {body}
  <p class="outlet">{esc(detail.evidence_label)} · {esc(outlets)}</p>
</div>"""


def event_present_html(detail: EventDetail, number: int, total: int) -> str:
    """The presenter's large card for a story's context-event step: what happened, when, and who reports it."""
    description = f"<p>{esc(detail.description)}</p>" if detail.description else ""
    outlets = "; ".join(s.cites() for s in detail.sources)
    return f"""
<div class="stances-present stances-event">
  <span class="count">step {number} of {total}<br>grid as of this day</span>
  <p class="kind">Context event · {esc(detail.event_kind)}</p>
  <h2 class="who">{esc(detail.label)}</h2>
  <p class="when">{day_text(detail.date)}</p>
  {description}
  <p class="outlet">Reported by {esc(outlets or "no source on record")}</p>
</div>"""


def event_detail_html(detail: EventDetail) -> str:
    """A context event's card with its source and reporting chain, every link http(s) only."""
    sources = "".join(source_line(s) for s in detail.sources)
    description = f'<p style="margin:.3em 0">{esc(detail.description)}</p>' if detail.description else ""
    return f"""
<div class="stances-card stances-event-card" style="font-size:1rem;line-height:1.45">
  <p style="margin:0 0 .2em 0"><strong>{esc(detail.label)}</strong> · context event ({esc(detail.event_kind)})<br>
  {day_text(detail.date)}</p>
  {description}
  <p style="margin:.3em 0 0 0"><strong>Sources</strong></p>
  <ul style="margin-top:.1em">{sources}</ul>
</div>"""


def story_header_html(title: str, number: int, total: int) -> str:
    """The story's title and the step counter, always on screen while presenting: the page's heading."""
    return (
        '<h1 class="stances-story-head" style="font-size:1.2rem;font-weight:400;line-height:1.4;margin:0;'
        f'padding:0"><strong>{esc(title)}</strong> · <span class="stances-step-count">Step {number} of {total}</span>'
        "</h1>"
    )


def narration_html(text: str) -> str:
    """The presenter's narration for a step: plain text, escaped, large."""
    return f'<p class="stances-narration" style="font-size:1.25rem;line-height:1.3;margin:0 0 .4em 0">{esc(text)}</p>'


def notes_html(text: str) -> str:
    """A step's speaker notes, escaped."""
    return f'<p class="stances-notes" style="background:#fff8d6;padding:.3em .6em;border-radius:6px">{esc(text)}</p>'


def grid_key_html(class_names: dict[int, str], *, changes: bool, gaps: bool, stale_after: int) -> str:
    """The comparison grid's key, on screen beside it: each colour with its class, the empty cell, the asterisk,
    and (when shown) the framed cells of the change view and the ≠ of a gap."""
    swatch = (
        '<span style="display:inline-block;width:1em;height:1em;vertical-align:-.15em;margin-right:.3em;'
        'background:{colour};border:{border}"></span>'
    )
    items = [
        swatch.format(colour=POSITION_COLOURS[p], border="1px solid #9a9a9a") + esc(name)
        for p, name in class_names.items()
        if p in POSITION_COLOURS
    ]
    items.append(swatch.format(colour="#ffffff", border=f"1px solid {NO_POSITION_COLOUR}") + "no known position")
    items.append(f"<strong>*</strong> said more than {int(stale_after)} days before the day")
    if changes:
        items.append(
            swatch.format(colour="#ffffff", border="3px solid #000000")
            + "changed since the earlier day: ▲ up the scale, ▼ down, ◆ new"
        )
    if gaps:
        items.append("<strong>≠</strong> public words and a private signal differ")
    spans = "".join(f'<span style="margin-right:1.2em;white-space:nowrap">{item}</span>' for item in items)
    return f'<div class="stances-grid-key" style="line-height:1.9;font-size:.9rem">Key: {spans}</div>'
