"""Shared links: which values of a link the app ignores, and the notice that tells the user so."""

from __future__ import annotations

import datetime as dt

import pytest

from stances.links import PARAMS, LinkVocabulary, Unused, notice, parse_count, parse_date, unused_values

VOCABULARY = LinkVocabulary(
    choices={
        "actor": frozenset({"Mark A. Milley", "Jake Sullivan"}),
        "question": frozenset({"Open talks now", "US should press Kyiv"}),
        "question_focus": frozenset({"Open talks now", "US should press Kyiv"}),
        "position": frozenset({"+2 strongly for", "−1 against"}),
        "evidence": frozenset({"On-record words", "Reported by unnamed officials"}),
        "channel": frozenset({"Public", "Private"}),
        "outlet": frozenset({"The White House"}),
        "measure": frozenset({"agreement", "congruence"}),
        "focus": frozenset({"Mark A. Milley", "Jake Sullivan"}),
        "who": frozenset({"Mark A. Milley", "Jake Sullivan"}),
        "compare": frozenset({"Mark A. Milley", "Jake Sullivan"}),
        "pair": frozenset({"milley", "sullivan"}),
        "wsize": frozenset({"30"}),
        "wstep": frozenset({"14"}),
        "smooth": frozenset({"1", "3"}),
        "debate": frozenset({"ukraine-talks-2022", "other-debate"}),
        "colours": frozenset({"Open talks now", "US should press Kyiv", "The position on each mark's own question"}),
    },
    statements=frozenset({"milley-club", "sullivan-view"}),
    stories=frozenset({"milley-vs-advisers"}),
    first=dt.date(2022, 10, 1),
    last=dt.date(2022, 12, 31),
)


def ignored_values(params, vocabulary):
    """(parameter, value, why) of the values ignored outright."""
    return [(u.name, u.value, u.why) for u in unused_values(params, vocabulary) if u.read_as is None]


def read_as(params, vocabulary=None):
    return [(u.name, u.value, u.why, u.read_as) for u in unused_values(params, vocabulary or VOCABULARY)]


SPAN = "outside the debate's days, 2022-10-01 to 2022-12-31"

CLEAN = {
    "actor": ["Mark A. Milley", "Jake Sullivan"],
    "question": ["Open talks now"],
    "dates": ["2022-11-01", "2022-11-30"],
    "position": ["+2 strongly for"],
    "evidence": ["On-record words"],
    "onrecord": ["true"],
    "channel": ["Public"],
    "outlet": ["The White House"],
    "q": ["x" * 200],
    "asof": ["2022-11-10"],
    "since": ["2022-11-01"],
    "changes": ["False"],
    "statement": ["milley-club"],
    "step": ["3"],
    "story": ["milley-vs-advisers"],
    "pace": ["30"],
    "autoplay": ["false"],
    "question_focus": ["US should press Kyiv"],
    "measure": ["congruence"],
    "threshold": ["0.65"],
    "focus": ["Jake Sullivan"],
    "pair": ["milley", "sullivan"],
    "wsize": ["30"],
    "wstep": ["14"],
    "smooth": ["3"],
    "matches": ["true"],
    "who": ["Mark A. Milley"],
    "compare": ["Jake Sullivan"],
    "debate": ["other-debate"],
    "gapmarks": ["true"],
    "colours": ["Open talks now"],
}


def test_clean_link_with_every_parameter_ignores_nothing():
    assert set(CLEAN) == set(PARAMS)
    assert ignored_values(CLEAN, VOCABULARY) == []


def test_empty_link_ignores_nothing():
    assert ignored_values({}, VOCABULARY) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"colour": ["red"]}, [("colour", "red", "not a setting of this app")]),
        ({"colour": ["red", "blue"]}, [("colour", "red, blue", "not a setting of this app")]),
        ({"actor": ["Mark A. Milley", "Milly"]}, [("actor", "Milly", "unknown actor")]),
        ({"actor": ["milley"]}, [("actor", "milley", "unknown actor")]),  # ids are not labels
        ({"question": ["talks-now"]}, [("question", "talks-now", "unknown question")]),
        ({"question_focus": ["Nope"]}, [("question_focus", "Nope", "unknown question")]),
        ({"colours": ["talks-now"]}, [("colours", "talks-now", "unknown question")]),  # labels, not ids
        ({"position": ["+3"]}, [("position", "+3", "unknown position")]),
        ({"evidence": ["rumour"]}, [("evidence", "rumour", "unknown evidence kind")]),
        ({"channel": ["public"]}, [("channel", "public", "not Public or Private")]),
        ({"outlet": ["The Onion"]}, [("outlet", "The Onion", "unknown outlet")]),
        ({"dates": ["2022-13-01", "2022-11-30"]}, [("dates", "2022-13-01, 2022-11-30", "not a date (YYYY-MM-DD)")]),
        ({"dates": ["2022-1-1"]}, [("dates", "2022-1-1", "not a date (YYYY-MM-DD)")]),
        ({"dates": ["２０２２-11-01"]}, [("dates", "２０２２-11-01", "not a date (YYYY-MM-DD)")]),
        ({"dates": ["20221101"]}, [("dates", "20221101", "not a date (YYYY-MM-DD)")]),
        ({"asof": ["2022-02-30"]}, [("asof", "2022-02-30", "not a date (YYYY-MM-DD)")]),
        ({"since": ["yesterday"]}, [("since", "yesterday", "not a date (YYYY-MM-DD)")]),
        ({"step": ["0"]}, [("step", "0", "not a step number")]),
        ({"story": ["Milley-vs-advisers"]}, [("story", "Milley-vs-advisers", "unknown story")]),
        ({"story": ["milley-vs-advisers "]}, [("story", "milley-vs-advisers ", "unknown story")]),
        ({"step": ["abc"]}, [("step", "abc", "not a step number")]),
        ({"step": ["1.5"]}, [("step", "1.5", "not a step number")]),
        ({"step": [""]}, [("step", "", "not a step number")]),
        ({"pace": ["99"]}, [("pace", "99", "not a number of seconds from 2 to 30")]),
        ({"pace": ["45"]}, [("pace", "45", "not a number of seconds from 2 to 30")]),
        ({"pace": ["1"]}, [("pace", "1", "not a number of seconds from 2 to 30")]),
        ({"step": ["²"]}, [("step", "²", "not a step number")]),
        ({"step": ["9" * 4301]}, [("step", "9" * 4301, "not a step number")]),
        ({"step": ["+3"]}, [("step", "+3", "not a step number")]),
        ({"step": ["03"]}, [("step", "03", "not a step number")]),
        ({"dates": ["2030-01-01", "2031-01-01"]}, [("dates", "2030-01-01, 2031-01-01", SPAN)]),
        ({"dates": ["2022-09-30", "2022-11-01"]}, [("dates", "2022-09-30, 2022-11-01", SPAN)]),
        ({"asof": ["2030-12-31"]}, [("asof", "2030-12-31", SPAN)]),
        ({"since": ["2022-09-30"]}, [("since", "2022-09-30", SPAN)]),
        ({"onrecord": ["true", "false"]}, [("onrecord", "true, false", "given more than once")]),
        ({"pace": ["7", "9"]}, [("pace", "7, 9", "given more than once")]),
        ({"step": ["2", "x"]}, [("step", "2, x", "given more than once; the last, not a step number")]),
        ({"onrecord": ["yes"]}, [("onrecord", "yes", "not true or false")]),
        ({"changes": ["1"]}, [("changes", "1", "not true or false")]),
        ({"autoplay": ["on"]}, [("autoplay", "on", "not true or false")]),
        ({"statement": ["nope"]}, [("statement", "nope", "unknown statement")]),
        ({"threshold": ["1.5"]}, [("threshold", "1.5", "not a number from 0 to 1")]),
        ({"threshold": ["nan"]}, [("threshold", "nan", "not a number from 0 to 1")]),
        ({"measure": ["Agreement"]}, [("measure", "Agreement", "not agreement, congruence, conflict or jaccard")]),
        ({"pair": ["Mark A. Milley"]}, [("pair", "Mark A. Milley", "unknown actor id")]),  # ids, not names
        ({"who": ["milley"]}, [("who", "milley", "unknown actor")]),
        ({"wsize": ["13"]}, [("wsize", "13", "not one of the window sizes offered")]),
        ({"matches": ["1"]}, [("matches", "1", "not true or false")]),
        ({"threshold": ["1e-1"]}, [("threshold", "1e-1", "not a number from 0 to 1")]),
        ({"pair": ["milley"]}, [("pair", "milley", "not two different actors")]),
        ({"pair": ["milley", "milley"]}, [("pair", "milley, milley", "not two different actors")]),
    ],
)
def test_ignored_values(params, expected):
    assert ignored_values(params, VOCABULARY) == expected


def test_ignored_values_come_in_link_order_and_keep_the_good_ones():
    params = {
        "step": ["abc"],
        "actor": ["Milly", "Jake Sullivan", "Bob"],
        "colour": ["red"],
        "asof": ["2022-11-10"],
    }
    assert ignored_values(params, VOCABULARY) == [
        ("step", "abc", "not a step number"),
        ("actor", "Milly", "unknown actor"),
        ("actor", "Bob", "unknown actor"),
        ("colour", "red", "not a setting of this app"),
    ]


def test_choice_without_a_vocabulary_accepts_nothing():
    vocabulary = LinkVocabulary(choices={}, statements=frozenset())
    assert ignored_values({"actor": ["Mark A. Milley"]}, vocabulary) == [("actor", "Mark A. Milley", "unknown actor")]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": ["x" * 201]}, [("q", "x" * 201, "longer than 200 characters", "its first 200")]),
        ({"q": ["talks", "Putin"]}, [("q", "talks, Putin", "given more than once", "'Putin'")]),
        ({"pace": ["+3"]}, [("pace", "+3", "not written as a whole number", "3")]),
        ({"pace": ["05"]}, [("pace", "05", "not written as a whole number", "5")]),
        ({"pace": ["7.5"]}, [("pace", "7.5", "not written as a whole number", "7")]),
        (
            {"dates": ["2022-11-20", "2022-11-05"]},
            [("dates", "2022-11-20, 2022-11-05", "last day before the first", "2022-11-05 to 2022-11-20")],
        ),
        (
            {"dates": ["2022-11-01", "2022-11-05", "2022-11-07"]},
            [("dates", "2022-11-01, 2022-11-05, 2022-11-07", "more than two days", "2022-11-01 to 2022-11-07")],
        ),
        ({"actor": ["Jake Sullivan", "Jake Sullivan"]}, [("actor", "Jake Sullivan", "given more than once", None)]),
    ],
)
def test_values_read_differently_say_how_they_were_read(params, expected):
    assert read_as(params) == expected


def test_a_cleared_choice_is_a_valid_link():
    assert read_as({"actor": [""], "dates": [""]}) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        ("42", 42),
        ("999999999", 999999999),
        ("0", None),
        ("01", None),
        ("+1", None),
        ("-1", None),
        ("1.0", None),
        ("²", None),
        ("١", None),
        (" 1", None),
        ("1\n", None),
        ("9" * 10, None),
        ("9" * 4301, None),
    ],
)
def test_parse_count_reads_only_plain_ascii_numbers(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-11-09", dt.date(2022, 11, 9)),
        ("2022-02-30", None),
        ("2022-11-9", None),
        ("20221109", None),
        ("2022-11-09T00:00", None),
        ("+2022-11-09", None),
        ("", None),
    ],
)
def test_parse_date_reads_only_iso_days(value, expected):
    assert parse_date(value) == expected


def test_notice_names_each_ignored_value_and_why():
    unused = [
        Unused(name="actor", value="Milly", why="unknown actor"),
        Unused(name="pace", value="99", why="not a number of seconds from 2 to 30"),
        Unused(name="q", value="x" * 201, why="longer than 200 characters", read_as="its first 200"),
    ]
    assert notice(unused) == (
        "Ignored from the link: actor 'Milly' (unknown actor); pace '99' (not a number of seconds from 2 to 30). "
        f"Not as written in the link: q '{'x' * 60}… (201 characters)' (longer than 200 characters), read as its "
        "first 200."
    )


def test_notice_leaves_out_empty_values():
    unused = [Unused(name="step", value="", why="not a step number"), Unused(name="x", value="", why="not a setting")]
    assert notice(unused) == "Ignored from the link: step (not a step number); x (not a setting)."


def test_notice_of_a_real_link():
    params = {"actor": ["Milly"], "step": [""]}
    assert notice(unused_values(params, VOCABULARY)) == (
        "Ignored from the link: actor 'Milly' (unknown actor); step (not a step number)."
    )


@pytest.mark.parametrize("value", ["../other-debate", "/etc", "Other-Debate", "", "other-debate/"])
def test_a_debate_not_on_offer_is_ignored(value):
    assert ignored_values({"debate": [value]}, VOCABULARY) == [("debate", value, "unknown debate")]
