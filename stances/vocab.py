"""The debate's vocabulary, once: evidence kinds, channels, how positions and days are shown, when a position is stale.

Everything else (schema, validate, query, charts, cards, the CLI and the app) imports these names; a test walks the
tree for copies. Adding an evidence kind is one edit here plus what `tests/test_vocab.py` then asks for (a label, a
marker shape, a rank, a codebook entry). Only the standard library is used, so any module may import this one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Final


class Evidence(StrEnum):
    """How we know a position."""

    ON_RECORD = "on-record"
    OFFICIAL_DOCUMENT = "official-document"
    UNNAMED_OFFICIALS = "unnamed-officials"
    PARAPHRASE = "paraphrase"
    CODED_SPAN = "coded-span"


EVIDENCE_LABELS: Final[dict[str, str]] = {
    Evidence.ON_RECORD: "On-record words",
    Evidence.OFFICIAL_DOCUMENT: "Official document",
    Evidence.UNNAMED_OFFICIALS: "Reported by unnamed officials",
    Evidence.PARAPHRASE: "Outlet's paraphrase",
    Evidence.CODED_SPAN: "Coded span of a report",
}
# Each evidence kind has its own marker shape (plotly symbol names), so how we know never rests on colour alone.
EVIDENCE_SYMBOLS: Final[dict[str, str]] = {
    Evidence.ON_RECORD: "circle",
    Evidence.OFFICIAL_DOCUMENT: "square",
    Evidence.UNNAMED_OFFICIALS: "diamond",
    Evidence.PARAPHRASE: "triangle-up",
    Evidence.CODED_SPAN: "pentagon",
}
# When two statements of one actor on one question share a date, the stronger evidence (smaller rank) wins.
EVIDENCE_RANK: Final[dict[str, int]] = {
    Evidence.ON_RECORD: 0,
    Evidence.OFFICIAL_DOCUMENT: 1,
    Evidence.PARAPHRASE: 2,
    Evidence.CODED_SPAN: 3,
    Evidence.UNNAMED_OFFICIALS: 4,
}
# The actor's own words: the only evidence kinds that may carry a quote.
OWN_WORDS: Final[frozenset[str]] = frozenset({Evidence.ON_RECORD, Evidence.OFFICIAL_DOCUMENT})
EVIDENCE_KINDS: Final[tuple[str, ...]] = tuple(e.value for e in Evidence)


class Channel(StrEnum):
    """Where a position was held: in public, or in closed meetings (known through others)."""

    PUBLIC = "public"
    PRIVATE = "private"


CHANNEL_LABELS: Final[dict[str, str]] = {Channel.PUBLIC: "Public", Channel.PRIVATE: "Private"}
CHANNELS: Final[tuple[str, ...]] = tuple(c.value for c in Channel)

# Positions are integers in this range; each question's own scale (its rows in scale_points.csv) holds 2 to 11 of
# them, e.g. -1/+1, -1/0/+1, -2..+2 or 0..10. Code that draws or lists one question's points asks for that question's
# scale (`scales.scales`, `scales.colour`) rather than assuming a range.
POSITION_MIN: Final = -10
POSITION_MAX: Final = 10
SCALE_MIN_POINTS: Final = 2
SCALE_MAX_POINTS: Final = 11
# The five-point scale most debates use (the bundled one does): the default where no question's scale is given.
POSITIONS: Final[tuple[int, ...]] = (-2, -1, 0, 1, 2)

# Generic names of the five points, for filters and legends across questions (each question's own labels are data).
POSITION_NAMES: Final[dict[int, str]] = {
    -2: "−2 strongly against",
    -1: "−1 against",
    0: "0 neutral / conditional",
    1: "+1 for",
    2: "+2 strongly for",
}
# ColorBrewer PuOr, 5 classes (colour-blind safe), against to for; the neutral middle is a mid grey on white.
POSITION_PALETTE: Final[tuple[str, ...]] = ("#e66101", "#fdb863", "#bababa", "#b2abd2", "#5e3c99")
NO_POSITION_COLOUR: Final = "#c8c8c8"

# A position older than this at the as-of day is marked as stale in the grid.
STALE_AFTER_DAYS: Final = 60
STALE_NOTE: Final = f"older than {STALE_AFTER_DAYS} days at this date"


def signed(position: int) -> str:
    """A position as people read it: `+2`, `0`, `−1` (a typographic minus, as in the charts and cards)."""
    position = int(position)
    return f"+{position}" if position > 0 else ("0" if position == 0 else f"−{abs(position)}")


def position_name(position: int) -> str:
    """The generic name of a point (`−2 strongly against`), or its signed value for a point outside the names."""
    return POSITION_NAMES.get(int(position), signed(position))


def position_text(position: int, label: str) -> str:
    """A position with its question's label, as in the grid's table and the changes table: `−1 Against talks`."""
    return f"{signed(position)} {label}".rstrip()


# The colour of each of the five classes (most against … most for); `scales.colour` finds a position's class on its
# own question's scale, so a two-point or a 0 … 10 scale uses the ends and middle as the five-point one does.
POSITION_COLOURS: Final[dict[int, str]] = dict(zip(POSITIONS, POSITION_PALETTE, strict=True))


# Days are written one way on every page, card, table and chart: as ISO 8601, the way the date fields take them
# (Streamlit's date fields offer no named months), so what is read is what is typed and sorts as it reads.
DAY_FORMAT: Final = "%Y-%m-%d"
DAY_WIDGET_FORMAT: Final = "YYYY-MM-DD"  # the same, for Streamlit's date fields, sliders and table columns


def day_text(day: dt.date) -> str:
    """A day as every screen writes it: `2022-11-09`."""
    return f"{day:{DAY_FORMAT}}"


def path_text(steps: Iterable[tuple[dt.date, int]]) -> str:
    """Positions in date order as one line: `+2 (2022-11-04) → +1 (2022-11-10) → +2 (2022-11-20)`."""
    return " → ".join(f"{signed(position)} ({day_text(day)})" for day, position in steps)


_TYPED_DAY = r"(\d{4})-(\d{1,2})-(\d{1,2})"


def read_days(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a typed range, in order: `2022-11-05 – 2022-11-20` (any text between the two
    days: "to", a dash, a space), or one day for both; None when the text holds no day or an impossible one."""
    found = re.findall(_TYPED_DAY, text)
    if not 1 <= len(found) <= 2:
        return None
    try:
        days = [dt.date(int(y), int(m), int(d)) for y, m, d in found]
    except ValueError:
        return None
    return min(days), max(days)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: `1 actor`, `2 actors`, `1,000 statements`."""
    number = int(number)
    return f"{number:,} {noun if number == 1 else (plural or noun + 's')}"
