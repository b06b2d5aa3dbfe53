"""Alignment on hand-built debates whose agreement, camps, windows and ties are worked out by hand."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd
import pytest

from stances import alignment as al

DAY = dt.date(2022, 11, 1)


def scale(**points: tuple[int, ...]) -> pd.DataFrame:
    """scale_points rows: scale(q1=(-2, -1, 0, 1, 2), q2=(0, 1, 2))."""
    rows = [(q, p) for q, values in points.items() for p in values]
    return pd.DataFrame(
        {
            "question_id": [q for q, _ in rows],
            "position": pd.array([p for _, p in rows], dtype="int64"),
            "label": [f"{q} {p}" for q, p in rows],
            "meaning": "",
        }
    )


def said(*rows: tuple) -> pd.DataFrame:
    """statements from (actor, question, position, day offset[, evidence[, channel]]) tuples, in date order."""
    records = []
    for i, row in enumerate(rows):
        actor, question, position, offset, *rest = row
        evidence = rest[0] if rest else "on-record"
        channel = rest[1] if len(rest) > 1 else "public"
        records.append(
            {
                "statement_id": f"s{i:02d}-{actor}-{question}",
                "actor_id": actor,
                "question_id": question,
                "date": pd.Timestamp(DAY + dt.timedelta(days=offset)),
                "position": position,
                "evidence": pd.Categorical([evidence], categories=al_evidence())[0],
                "channel": channel,
            }
        )
    frame = pd.DataFrame(records)
    frame["evidence"] = pd.Categorical(frame["evidence"], categories=al_evidence())
    frame["position"] = frame["position"].astype("int8")
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def al_evidence() -> list[str]:
    return ["on-record", "official-document", "unnamed-officials", "paraphrase"]


FIVE = (-2, -1, 0, 1, 2)


def pair(result: al.Alignment, a: str, b: str) -> dict:
    rows = result.pairs[(result.pairs["actor_a"] == a) & (result.pairs["actor_b"] == b)]
    assert len(rows) == 1, result.pairs
    return rows.iloc[0].to_dict()


def test_agreement_uses_each_questions_own_scale_range():
    # q1 runs -2..+2 (range 4), q2 runs 0..2 (range 2)
    statements = said(("a", "q1", 2, 0), ("a", "q2", 0, 0), ("b", "q1", 1, 0), ("b", "q2", 2, 0), ("c", "q1", -2, 0))
    result = al.alignment(statements, scale(q1=FIVE, q2=(0, 1, 2)), actor_order=["a", "b", "c"])
    assert pair(result, "a", "b") == {
        "actor_a": "a",
        "actor_b": "b",
        "shared_questions": 2,
        "agreement": 0.375,  # mean(1 - 1/4, 1 - 2/2)
        "congruence": 1,  # q1: both above the middle 0
        "conflict": 1,  # q2: 0 below the middle 1, 2 above it
        "either_questions": 2,
        "jaccard": 0.5,
    }
    assert (pair(result, "a", "c")["agreement"], pair(result, "a", "c")["shared_questions"]) == (0.0, 1)
    assert pair(result, "b", "c")["agreement"] == 0.25


def test_uneven_scale_points_count_their_distance():
    # points 0, 1, 5: range 5, so 0 against 1 is 1/5 apart
    statements = said(("a", "q", 0, 0), ("b", "q", 1, 0), ("c", "q", 5, 0))
    result = al.alignment(statements, scale(q=(0, 1, 5)), actor_order=["a", "b", "c"])
    assert result.pairs[["actor_a", "actor_b", "agreement"]].values.tolist() == [
        ["a", "b", 0.8],
        ["a", "c", 0.0],
        ["b", "c", 0.2],
    ]


@pytest.mark.parametrize("products", ["dense", "sparse"])
def test_agreement_equals_the_definition_on_random_debates(products, monkeypatch):
    # Both ways of taking the products (dense where actors hold many cells, sparse where few) give the definition.
    monkeypatch.setattr(al, "SPARSE_BELOW", 0.0 if products == "dense" else 1.01)
    rng = np.random.default_rng(3)
    scales = {"q1": FIVE, "q2": (0, 1, 2), "q3": (-3, 0, 1, 4), "q4": (1, 2)}
    rows = [
        (f"a{rng.integers(12)}", q, int(rng.choice(scales[q])), int(rng.integers(30)))
        for q in rng.choice(list(scales), 150)
    ]
    statements = said(*rows)
    points = scale(**scales)
    result = al.alignment(statements, points)
    latest = al.window_positions(statements, None, None)
    held = {(r.actor_id, r.question_id): int(r.position) for r in latest.itertuples()}
    span = {q: max(v) - min(v) for q, v in scales.items()}
    expected = {}
    for a, b in itertools.combinations(sorted({a for a, _ in held}), 2):
        both = [q for q in scales if (a, q) in held and (b, q) in held]
        if both:
            value = np.mean([1 - abs(held[a, q] - held[b, q]) / span[q] for q in both])
            expected[a, b] = (len(both), round(float(value), 6))
    got = {(r.actor_a, r.actor_b): (r.shared_questions, r.agreement) for r in result.pairs.itertuples()}
    assert sorted(got) == sorted(expected)
    assert [got[k][0] for k in expected] == [expected[k][0] for k in expected]
    assert [got[k][1] for k in expected] == pytest.approx([expected[k][1] for k in expected], abs=1e-6)


def test_latest_position_inside_the_window_counts_and_later_ones_do_not():
    statements = said(("a", "q", -2, 0), ("b", "q", 2, 0), ("a", "q", 2, 5), ("a", "q", -2, 20))
    result = al.alignment(statements, scale(q=FIVE), start=DAY, end=DAY + dt.timedelta(days=10))
    assert result.pairs["agreement"].tolist() == [1.0]
    early = al.alignment(statements, scale(q=FIVE), start=DAY, end=DAY + dt.timedelta(days=2))
    assert early.pairs["agreement"].tolist() == [0.0]


def test_window_start_drops_earlier_statements():
    statements = said(("a", "q", 2, 0), ("b", "q", 2, 0), ("b", "q2", 1, 8))
    result = al.alignment(statements, scale(q=FIVE, q2=FIVE), start=DAY + dt.timedelta(days=5))
    assert (result.actors, len(result.pairs)) == (["b"], 0)


def test_same_day_tie_goes_to_the_stronger_evidence_as_in_the_grid():
    statements = said(
        ("a", "q", -2, 3, "unnamed-officials", "private"),
        ("a", "q", 2, 3, "on-record"),
        ("b", "q", 2, 0),
    )
    result = al.alignment(statements, scale(q=FIVE))
    assert result.pairs["agreement"].tolist() == [1.0]
    assert al.pair_questions(result, scale(q=FIVE), "a", "b")["statement_a"].tolist() == ["s01-a-q"]


def test_pairs_without_a_shared_question_are_left_out():
    statements = said(("a", "q1", 2, 0), ("b", "q2", 2, 0))
    assert al.alignment(statements, scale(q1=FIVE, q2=FIVE)).pairs.empty


def two_camps_debate() -> pd.DataFrame:
    return said(
        ("a", "q1", 2, 0),
        ("a", "q2", 2, 0),
        ("c", "q1", -2, 0),
        ("c", "q2", -2, 0),
        ("b", "q1", 2, 0),
        ("b", "q2", 1, 0),
        ("d", "q1", -2, 0),
        ("d", "q2", -1, 0),
    )


def test_matrix_order_keeps_camps_together_and_camps_are_found():
    result = al.alignment(two_camps_debate(), scale(q1=FIVE, q2=FIVE), actor_order=["a", "c", "b", "d"])
    order = result.actors
    assert {frozenset(order[:2]), frozenset(order[2:])} == {frozenset("ab"), frozenset("cd")}
    camps = al.two_camps(result)
    assert camps["a"] == camps["b"] != camps["c"] == camps["d"]
    # within camps agreement is 0.875, across them 0.125 or 0
    assert al.polarisation(result) == pytest.approx(0.875 - np.mean([0.0, 0.125, 0.125, 0.25]))


def test_threshold_camps_split_only_below_the_threshold():
    result = al.alignment(two_camps_debate(), scale(q1=FIVE, q2=FIVE))
    assert al.camps(result, 0.8).nunique() == 2
    assert al.camps(result, 0.9).nunique() == 4
    assert al.camps(result, 0.05).nunique() == 1


def test_matrix_holds_agreement_and_shared_counts_in_actor_order():
    result = al.alignment(two_camps_debate(), scale(q1=FIVE, q2=FIVE))
    i, j = result.actors.index("a"), result.actors.index("b")
    assert (result.matrix[i, j], result.shared[i, j], result.matrix[i, i]) == (0.875, 2, 1.0)


def test_polarisation_is_nan_without_pairs_across_camps():
    statements = said(("a", "q", 2, 0), ("b", "q", 2, 0))
    assert np.isnan(al.polarisation(al.alignment(statements, scale(q=FIVE))))


def test_question_spread_sorts_what_divides_first():
    statements = said(("a", "q1", 2, 0), ("b", "q1", 1, 0), ("c", "q1", -2, 0), ("a", "q2", 1, 0), ("b", "q2", 1, 0))
    spread = al.question_spread(al.window_positions(statements, None, None), scale(q1=FIVE, q2=FIVE, q3=FIVE))
    assert spread[["question_id", "actors", "lowest", "highest", "spread"]].values.tolist() == [
        ["q1", 3, -2, 2, pytest.approx((1 + 4 + 3) / 3 / 4)],
        ["q2", 2, 1, 1, 0.0],
    ]


def test_question_spread_of_no_positions_is_an_empty_table_with_its_columns():
    spread = al.question_spread(
        al.window_positions(said(("a", "q1", 2, 0)), DAY, DAY - dt.timedelta(days=1)), scale(q1=FIVE)
    )
    assert spread.empty
    assert list(spread.columns) == ["question_id", "actors", "lowest", "highest", "std", "spread"]


def test_neighbours_closest_first_with_shared_counts():
    result = al.alignment(two_camps_debate(), scale(q1=FIVE, q2=FIVE))
    assert al.neighbours(result, "a").values.tolist() == [["b", 0.875, 2], ["d", 0.125, 2], ["c", 0.0, 2]]


def test_edge_list_columns_follow_the_measure():
    result = al.alignment(two_camps_debate(), scale(q1=FIVE, q2=FIVE))
    assert list(al.edge_list(result)) == ["actor_a", "actor_b", "shared_questions", "agreement"]
    assert list(al.edge_list(result, "congruence"))[4:] == ["congruence", "conflict"]
    assert list(al.edge_list(result, "jaccard"))[4:] == ["congruence", "either_questions", "jaccard"]


def test_windows_step_through_the_period_and_stop_at_the_last_day():
    first = dt.date(2022, 11, 1)
    assert al.windows(first, dt.date(2022, 11, 20), size_days=10, step_days=5) == [
        (dt.date(2022, 11, 1), dt.date(2022, 11, 10)),
        (dt.date(2022, 11, 6), dt.date(2022, 11, 15)),
        (dt.date(2022, 11, 11), dt.date(2022, 11, 20)),
    ]
    with pytest.raises(ValueError):
        al.windows(first, first, size_days=0, step_days=1)


def test_moving_windows_show_camps_forming():
    # first ten days: everyone agrees; next ten: a, b against c, d
    statements = said(
        ("a", "q", 1, 0),
        ("b", "q", 1, 1),
        ("c", "q", 1, 2),
        ("d", "q", 1, 3),
        ("a", "q", 2, 12),
        ("b", "q", 2, 13),
        ("c", "q", -2, 14),
        ("d", "q", -2, 15),
    )
    moving = al.moving_alignment(statements, scale(q=FIVE), size_days=10, step_days=10)
    assert moving[["start", "actors", "pairs", "mean_agreement"]].values.tolist() == [
        [DAY, 4, 6, 1.0],
        [DAY + dt.timedelta(days=10), 4, 6, pytest.approx(2 / 6)],
    ]
    assert np.isnan(moving["polarisation"].iloc[0])
    assert moving["polarisation"].iloc[1] == 1.0
    assert {moving["camp_1"].iloc[1], moving["camp_2"].iloc[1]} == {"a; b", "c; d"}


def test_each_moving_window_is_the_alignment_of_that_window_with_the_grids_tie_rule():
    # Same-day statements of one actor on one question with other evidence, and ties broken by the statement id:
    # the windows' own fast path must take the position `alignment` (and the grid) would.
    rng = np.random.default_rng(7)
    kinds = al_evidence()
    rows = [
        (
            f"a{rng.integers(9)}",
            f"q{rng.integers(3)}",
            int(rng.choice(FIVE)),
            int(rng.integers(40)),
            kinds[rng.integers(4)],
        )
        for _ in range(400)
    ]
    statements = said(*rows)
    points = scale(q0=FIVE, q1=FIVE, q2=FIVE)
    order = [f"a{i}" for i in range(9)]
    moving = al.moving_alignment(statements, points, size_days=7, step_days=3, actor_order=order)
    assert len(moving) > 5
    for row in moving.itertuples():
        result = al.alignment(statements, points, start=row.start, end=row.end, actor_order=order)
        assert (row.actors, row.pairs) == (len(result.actors), len(result.pairs))
        assert row.mean_agreement == pytest.approx(round(float(result.pairs["agreement"].mean()), 6))
        assert row.polarisation == pytest.approx(al.polarisation(result), nan_ok=True)


def test_smoothing_averages_neighbouring_windows():
    statements = said(
        *[
            (a, "q", p, d)
            for d, pos in ((0, (2, 2, -2)), (10, (2, 1, 1)), (20, (2, 2, -2)))
            for a, p in zip("abc", pos, strict=True)
        ]
    )
    moving = al.moving_alignment(statements, scale(q=FIVE), size_days=10, step_days=10, smooth=3)
    raw = moving["polarisation"].to_numpy()
    assert moving["smoothed"].iloc[1] == pytest.approx(np.nanmean(raw[:3]))


@pytest.mark.parametrize("measure", list(al.Measure))
def test_every_measure_is_explained_in_the_readme_and_the_codebook(measure):
    from stances.load import DEFAULT_DEBATE

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codebook = (DEFAULT_DEBATE / "codebook.md").read_text(encoding="utf-8")
    assert f"- `{measure}`" in codebook
    assert f"`{measure}`" in readme.split("### Alignment", 1)[1]
    assert measure in al.MEASURE_LABELS and measure in al.MEASURE_MEANINGS and measure in al.MEASURE_COLUMNS


def test_pairs_sharing_no_question_count_as_halfway_for_the_camps():
    statements = said(("a", "q1", 2, 0), ("b", "q1", 2, 0), ("c", "q2", -2, 0), ("d", "q2", -2, 0))
    result = al.alignment(statements, scale(q1=FIVE, q2=FIVE))
    assert al.camps(result, 0.75).nunique() == 2  # a with b, c with d: nothing is known across
    assert al.camps(result, 0.5).nunique() == 1  # halfway reaches a threshold of one half
    assert np.isnan(al.polarisation(result))  # and no pair across the camps to say they disagree


def test_a_long_period_widens_the_step_to_at_most_sixty_windows():
    first = dt.date(2020, 1, 1)
    assert al.bounded_step(first, dt.date(2020, 3, 1), step_days=14) == 14
    wide = al.bounded_step(first, dt.date(2025, 12, 31), step_days=14)
    assert wide == 37 and len(al.windows(first, dt.date(2025, 12, 31), size_days=30, step_days=wide)) <= al.MAX_WINDOWS
