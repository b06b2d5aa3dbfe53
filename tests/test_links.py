"""Shared links: which values of a link the app ignores, and the notice that tells the user so."""

from __future__ import annotations

import pytest

from stances.links import PARAMS, LinkVocabulary, ignored_values, notice

VOCABULARY = LinkVocabulary(
    choices={
        "actor": frozenset({"Mark A. Milley", "Jake Sullivan"}),
        "question": frozenset({"Open talks now", "US should press Kyiv"}),
        "question_focus": frozenset({"Open talks now", "US should press Kyiv"}),
        "position": frozenset({"+2 strongly for", "−1 against"}),
        "evidence": frozenset({"On-record words", "Reported by unnamed officials"}),
        "channel": frozenset({"Public", "Private"}),
        "outlet": frozenset({"The White House"}),
    },
    statements=frozenset({"milley-club", "sullivan-view"}),
)

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
    "pace": ["60"],
    "autoplay": ["false"],
    "question_focus": ["US should press Kyiv"],
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
        ({"position": ["+3"]}, [("position", "+3", "unknown position")]),
        ({"evidence": ["rumour"]}, [("evidence", "rumour", "unknown evidence kind")]),
        ({"channel": ["public"]}, [("channel", "public", "not Public or Private")]),
        ({"outlet": ["The Onion"]}, [("outlet", "The Onion", "unknown outlet")]),
        ({"dates": ["2022-13-01", "2022-11-30"]}, [("dates", "2022-13-01", "not a date (YYYY-MM-DD)")]),
        ({"dates": ["2022-1-1"]}, [("dates", "2022-1-1", "not a date (YYYY-MM-DD)")]),
        ({"dates": ["20221101"]}, [("dates", "20221101", "not a date (YYYY-MM-DD)")]),
        ({"asof": ["2022-02-30"]}, [("asof", "2022-02-30", "not a date (YYYY-MM-DD)")]),
        ({"since": ["yesterday"]}, [("since", "yesterday", "not a date (YYYY-MM-DD)")]),
        ({"step": ["0"]}, [("step", "0", "not a step number")]),
        ({"step": ["abc"]}, [("step", "abc", "not a step number")]),
        ({"step": ["1.5"]}, [("step", "1.5", "not a step number")]),
        ({"step": [""]}, [("step", "", "not a step number")]),
        ({"pace": ["99"]}, [("pace", "99", "not a number of seconds from 1 to 60")]),
        ({"pace": ["0"]}, [("pace", "0", "not a number of seconds from 1 to 60")]),
        ({"onrecord": ["yes"]}, [("onrecord", "yes", "not true or false")]),
        ({"changes": ["1"]}, [("changes", "1", "not true or false")]),
        ({"autoplay": ["on"]}, [("autoplay", "on", "not true or false")]),
        ({"statement": ["nope"]}, [("statement", "nope", "unknown statement")]),
        ({"q": ["x" * 201]}, [("q", "x" * 201, "longer than 200 characters")]),
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


def test_notice_names_each_ignored_value_and_why():
    ignored = [("actor", "Milly", "unknown actor"), ("pace", "99", "not a number of seconds from 1 to 60")]
    assert notice(ignored) == (
        "Ignored from the link: actor='Milly' (unknown actor); pace='99' (not a number of seconds from 1 to 60)."
    )


def test_notice_leaves_out_empty_values():
    ignored = [("step", "", "not a step number"), ("colour", "", "not a setting of this app")]
    assert notice(ignored) == "Ignored from the link: step (not a step number); colour (not a setting of this app)."


def test_notice_of_a_real_link():
    params = {"actor": ["Milly"], "step": [""]}
    assert notice(ignored_values(params, VOCABULARY)) == (
        "Ignored from the link: actor='Milly' (unknown actor); step (not a step number)."
    )
