"""The vocabulary is declared once and complete: every evidence kind and channel has what every view needs."""

from __future__ import annotations

import datetime as dt

import pytest

from stances import scales, schema, vocab
from stances.vocab import CHANNELS, EVIDENCE_KINDS, POSITION_COLOURS, Channel, Evidence
from tests.conftest import ROOT

CODEBOOK = ROOT / "data" / "ukraine-talks-2022" / "codebook.md"


@pytest.mark.parametrize("kind", list(Evidence))
def test_every_evidence_kind_has_a_label_a_marker_a_rank_and_a_codebook_entry(kind):
    assert vocab.EVIDENCE_LABELS[kind]
    assert vocab.EVIDENCE_SYMBOLS[kind]
    assert kind in vocab.EVIDENCE_RANK
    assert f"| `{kind}` |" in CODEBOOK.read_text(encoding="utf-8")


def test_evidence_marker_shapes_are_distinct_so_evidence_never_rests_on_colour():
    assert len(set(vocab.EVIDENCE_SYMBOLS.values())) == len(Evidence)


@pytest.mark.parametrize("channel", list(Channel))
def test_every_channel_has_a_label(channel):
    assert vocab.CHANNEL_LABELS[channel] == channel.value.capitalize()


def test_the_schema_takes_its_enums_from_the_vocabulary():
    fields = {f["name"]: f for f in schema.fields("statements")}
    assert fields["evidence"]["constraints"]["enum"] == list(EVIDENCE_KINDS)
    assert fields["channel"]["constraints"]["enum"] == list(CHANNELS)
    assert (fields["position"]["constraints"]["minimum"], fields["position"]["constraints"]["maximum"]) == (
        vocab.POSITION_MIN,
        vocab.POSITION_MAX,
    )


@pytest.mark.parametrize(("position", "expected"), [(2, "+2"), (1, "+1"), (0, "0"), (-1, "\u22121"), (-2, "\u22122")])
def test_signed_writes_a_typographic_minus(position, expected):
    assert vocab.signed(position) == expected


def test_position_text_joins_the_signed_point_and_its_label():
    assert vocab.position_text(-1, "Against talks") == "\u22121 Against talks"


@pytest.mark.parametrize(
    ("scale", "expected"),
    [
        ((-2, -1, 0, 1, 2), ["#e66101", "#fdb863", "#bababa", "#b2abd2", "#5e3c99"]),
        ((0, 1), ["#e66101", "#5e3c99"]),
        ((-3, -2, -1, 0, 1, 2, 3), ["#e66101", "#fdb863", "#fdb863", "#bababa", "#b2abd2", "#b2abd2", "#5e3c99"]),
    ],
    ids=["five-point", "two-point", "seven-point"],
)
def test_position_colours_spread_over_any_scale(scale, expected):
    assert [POSITION_COLOURS[scales.point_class(p, scale)] for p in scale] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-11-05 to 2022-11-20", (dt.date(2022, 11, 5), dt.date(2022, 11, 20))),
        ("2022-11-20 – 2022-11-05", (dt.date(2022, 11, 5), dt.date(2022, 11, 20))),
        ("2022-11-05 2022-11-20", (dt.date(2022, 11, 5), dt.date(2022, 11, 20))),
        ("2022-11-05", (dt.date(2022, 11, 5), dt.date(2022, 11, 5))),
        ("2022-1-5 to 2022-2-1", (dt.date(2022, 1, 5), dt.date(2022, 2, 1))),
        ("2022-13-05 to 2022-11-20", None),
        ("2022-02-30", None),
        ("the fifth of November", None),
        ("", None),
        ("2022-11-05 2022-11-06 2022-11-07", None),
    ],
)
def test_read_days_takes_a_typed_range_in_order(text, expected):
    assert vocab.read_days(text) == expected


def test_days_are_written_one_way_and_a_path_joins_them():
    assert vocab.day_text(dt.date(2022, 11, 9)) == "2022-11-09"
    assert vocab.path_text([(dt.date(2022, 11, 4), 2), (dt.date(2022, 11, 10), 0), (dt.date(2022, 11, 20), -1)]) == (
        "+2 (2022-11-04) → 0 (2022-11-10) → −1 (2022-11-20)"
    )


@pytest.mark.parametrize(
    ("number", "noun", "expected"),
    [
        (1, "actor", "1 actor"),
        (2, "actor", "2 actors"),
        (0, "statement", "0 statements"),
        (1000, "cell", "1,000 cells"),
    ],
)
def test_counted_puts_the_noun_in_the_right_number(number, noun, expected):
    """Regression (issue 16, item 9): "by 1 actors"."""
    assert vocab.counted(number, noun) == expected
