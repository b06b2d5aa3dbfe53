"""URL fuzzing through AppTest (issue 10): seeded generated links, each opened by a new viewer on one of the app's
pages. No link raises; every bad value the generator wrote is named in the notice and no notice appears for a link
of good values only (the generator knows which values are good, independently of `links`); the notice is exactly
the link check's sentences, escaped; and the sidebar's actor widget holds exactly the link's good actors.

1,000 links by default (`STANCES_FUZZ_LINKS` sets another count). Each link is a fresh AppTest, as a new viewer is
a new session; tests/conftest.py keeps AppTest from re-reading every installed package's metadata at each run, which
was nine tenths of the time.
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
from collections.abc import Callable

import pytest

from stances import links
from stances.cards import shown
from stances.charts import EACH_OWN_QUESTION
from stances.load import load_debate
from stances.names import actor_names, question_labels
from tests.app.test_app import PAGES, TITLES, app, ok

COUNT = int(os.environ.get("STANCES_FUZZ_LINKS", "1000"))
CHUNK = 50
SEED = 20221109
Link = tuple[str, dict[str, list[str]], set[str]]  # page, parameters, the names of those holding a bad value


def value_makers(rng: random.Random) -> dict[str, Callable[[], tuple[str, bool]]]:
    """For every parameter the app reads (and a few it does not): a maker of one value and whether it is good."""
    debate = load_debate()
    names = actor_names(debate).tolist()
    labels = question_labels(debate).tolist()
    first, last = debate.statements["date"].min().date(), debate.statements["date"].max().date()
    ids = debate.actors["actor_id"].astype(str).tolist()
    statement = str(debate.statements["statement_id"].iloc[0])
    story = str(debate.stories["story_id"].iloc[0])
    hostile = ["[x](http://127.0.0.1:9/p)", "![i](http://127.0.0.1:9/x.png)", "<b>x</b>", "²", " "]

    def pick(good: list[str], bad: list[str]) -> Callable[[], tuple[str, bool]]:
        def make() -> tuple[str, bool]:
            is_good = bool(good) and rng.random() < 0.6
            return rng.choice(good if is_good else bad), is_good

        return make

    day_good = [str(first), str(last), "2022-11-09"]
    day_bad = ["2030-01-01", "2022-13-01", str(first)[:7], "09/11/2022", *hostile]
    flag = pick(["true", "false", "True"], ["1", "yes", "TRUE", *hostile])
    makers = {
        "actor": pick(names, ["Nobody", *hostile]),
        "compare": pick(names, ["Nobody", *hostile]),
        "focus": pick(names, ["Nobody", *hostile]),
        "who": pick(names, ["Nobody", *hostile]),
        "question": pick(labels, ["No such question", *hostile]),
        "question_focus": pick(labels, ["No such question", *hostile]),
        "colours": pick([*labels, EACH_OWN_QUESTION], ["No such question", "talks-now", *hostile]),
        "position": pick(["+2 strongly for", "0 neutral / conditional"], ["+3", "2", "0 neutral", *hostile]),
        "evidence": pick(["On-record words"], ["rumour", *hostile]),
        "channel": pick(["Public", "Private"], ["public", *hostile]),
        "outlet": pick(sorted(set(debate.sources["outlet"]))[:5], ["No Such Times", *hostile]),
        "dates": pick(day_good, day_bad),
        "asof": pick(day_good, day_bad),
        "since": pick(day_good, day_bad),
        "onrecord": flag,
        "changes": flag,
        "autoplay": flag,
        "matches": flag,
        "gapmarks": flag,
        "q": pick(["talks", "negotiat", "Putin", "x" * 200], ["x" * 201]),
        "statement": pick([statement], ["nope", *hostile[:4]]),
        "story": pick([story], ["no-such-story", *hostile[:4]]),
        "step": pick(["1", "3"], ["0", "²", "+3", "9" * 30, "abc", "-1", *hostile[:4]]),
        "pace": pick(["2", "30", "7"], ["45", "+3", "05", "x", "1", *hostile[:4]]),
        "measure": pick(["agreement", "jaccard"], ["Agreement", *hostile]),
        "threshold": pick(["0.5", "1", ".75", "0"], ["1.5", "nan", "-0.1", "1e-1", *hostile]),
        "pair": pick(ids[:2], ["nobody", *hostile[:4]]),
        "wsize": pick(["7", "30"], ["8", "-7", *hostile[:4]]),
        "wstep": pick(["1", "14"], ["2", *hostile[:4]]),
        "smooth": pick(["1", "5"], ["2", *hostile[:4]]),
        "debate": pick(["ukraine-talks-2022"], ["../etc", "nope", *hostile[:4]]),
        "colour": pick([], ["red", *hostile]),  # not a parameter of the app
        "[Sign in again](http://127.0.0.1:9/phish)": pick([], ["1"]),
    }
    return makers


def generated_links(count: int, seed: int) -> list[Link]:
    """`count` links, each on a page drawn at random, with 1 to 4 parameters of 1 to 3 values each."""
    rng = random.Random(seed)
    makers = value_makers(rng)
    out: list[Link] = []
    for _ in range(count):
        params: dict[str, list[str]] = {}
        bad: set[str] = set()
        for name in rng.sample(sorted(makers), rng.randint(1, 4)):
            made = [makers[name]() for _ in range(rng.choice([1, 1, 1, 2, 3]))]
            params[name] = [value for value, _ in made]
            if not all(good for _, good in made):
                bad.add(name)
        out.append((rng.choice(PAGES), params, bad))
    return out


LINKS = generated_links(COUNT, SEED)
# Pages whose link path is not their file's name ("/gaps"): AppTest reaches them by a first run on the start page.
FIRST_RUN_ELSEWHERE = {"public_private"}
NOTICE_START = (shown("Ignored from the link: "), shown("Not as written in the link: "))


def named(notice: str) -> set[str]:
    """The parameter names a notice names (each part reads `name 'value' (why)` or `name (why)`)."""
    plain = re.sub(r"\\(.)", r"\1", notice).replace("\u2060", "")  # shown() breaks autolinks with a word joiner
    return {
        name
        for name in {*links.PARAMS, "colour", "[Sign in again](http://127.0.0.1:9/phish)"}
        if re.search(rf"(: |; ){re.escape(name)} ['\"(]", plain)
    }


@pytest.fixture(scope="module")
def vocabulary():
    from stances.app.main import vocabulary as cached

    words = cached(load_debate(), ())[0]
    return dataclasses.replace(words, choices={**words.choices, "debate": frozenset({"ukraine-talks-2022"})})


def test_every_parameter_the_app_reads_is_fuzzed():
    assert set(links.PARAMS) - set(value_makers(random.Random(0))) == set()


@pytest.mark.parametrize("number", range(0, COUNT, CHUNK))
def test_generated_links_never_raise_and_every_bad_value_is_named(number, vocabulary):
    names = actor_names(load_debate())
    for page, params, bad in LINKS[number : number + CHUNK]:
        at = app(**params)
        if page in FIRST_RUN_ELSEWHERE:  # AppTest opens a page by its file name before the first run
            ok(at.run())
        if page != "timeline":
            at.switch_page(f"stances/app/pages/{page}.py")
        ok(at.run())
        if page in TITLES:  # the presenter has no title but its story's (or "Present" when no step is left)
            assert [t.value for t in at.title] == [TITLES[page]], (page, params)
        notices = [w.value for w in at.warning if w.value.startswith(NOTICE_START)]
        predicted = list({(u.name, u.value): u for u in links.unused_values(params, vocabulary)}.values())
        if page == "present" and (beyond := presenter_step_note(params, notices)):
            predicted.append(beyond)
        ran = ["timeline", page] if page in FIRST_RUN_ELSEWHERE else [page]
        filtered_out = [note for name in ran if (note := filtered_out_note(name, params, notices))]
        predicted += filtered_out
        assert notices == ([shown(links.notice(predicted))] if predicted else []), (page, params)
        assert bad <= (named(notices[0]) if notices else set()), (page, params, notices)
        if not bad and notices:
            also = {note.name for note in filtered_out}
            assert named(notices[0]) <= repeated(params) | also, (page, params, notices)
        if _has(at, "actor"):
            good = [v for v in dict.fromkeys(params.get("actor", [])) if v in set(names)]
            assert [names[a] for a in at.multiselect(key="actor").value] == good, (page, params)


def presenter_step_note(params: dict[str, list[str]], notices: list[str]) -> links.Unused | None:
    """The presenter's own note on a step beyond the last (how many steps there are depends on the filters)."""
    found = re.search(r"beyond the last step, ([0-9]+)", re.sub(r"\\(.)", r"\1", notices[0])) if notices else None
    if not found or len(params.get("step", [])) != 1:
        return None
    total = found.group(1)
    return links.Unused(name="step", value=params["step"][0], why=f"beyond the last step, {total}", read_as=total)


# The page's own choice of a question, whose options are the questions the filters leave.
CHOSEN_QUESTION = {"timeline": links.COLOURS, "trends": "question_focus"}


def filtered_out_note(page: str, params: dict[str, list[str]], notices: list[str]) -> links.Unused | None:
    """The page's own note on a question it offers no more (the link's other filters leave no statement on it);
    the page reads the link's last value, as its widget does."""
    name = CHOSEN_QUESTION.get(page)
    if name is None or not notices or not params.get(name):
        return None
    note = links.Unused(name=name, value=params[name][-1], why="no statement on it passes the filters")
    part = links.notice([note]).removeprefix("Ignored from the link: ").removesuffix(".")
    return note if shown(part) in notices[0] else None


def repeated(params: dict[str, list[str]]) -> set[str]:
    """Parameters of good values that a link may still be told about: a value given more than once, or days that
    are not one first and one last day in order."""
    out = {name for name, values in params.items() if len(values) > 1 and name != "pair"}
    if "pair" in params:
        out.add("pair")
    return out


def _has(at, key: str) -> bool:
    try:
        at.multiselect(key=key)
    except KeyError:
        return False
    return True
