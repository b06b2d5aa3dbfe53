"""The alignment's results as tables for people: names instead of ids, labels instead of codes, one row a line.

Pure functions below the app: the pages show these frames as they are (plain text cells, nothing rendered).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from stances import alignment as al
from stances import query
from stances.model import Debate
from stances.names import actor_names, question_labels
from stances.vocab import counted, path_text, signed


def _position(debate: Debate, question: str, position: int) -> str:
    label = query.position_labels(debate).get((question, int(position)), "")
    return f"{signed(int(position))} {label}".strip()


def busiest(result: al.Alignment, limit: int) -> al.Alignment:
    """The alignment restricted to the `limit` actors with most positions in the window (ties: clustering order),
    keeping the clustering order."""
    if len(result.actors) <= limit:
        return result
    counts = result.positions["actor_id"].astype(str).value_counts()
    ranked = sorted(result.actors, key=lambda a: (-int(counts.get(a, 0)), result.actors.index(a)))
    keep = set(ranked[:limit])
    index = [i for i, a in enumerate(result.actors) if a in keep]
    actors = [result.actors[i] for i in index]
    pairs = result.pairs[result.pairs["actor_a"].isin(keep) & result.pairs["actor_b"].isin(keep)]
    return al.Alignment(
        start=result.start,
        end=result.end,
        positions=result.positions[result.positions["actor_id"].astype(str).isin(keep).to_numpy()],
        actors=actors,
        pairs=pairs,
        matrix=result.matrix[np.ix_(index, index)],
        shared=result.shared[np.ix_(index, index)],
        tree=result.tree,
    )


def pair_table(debate: Debate, rows: pd.DataFrame, actor_a: str, actor_b: str) -> pd.DataFrame:
    """`alignment.pair_questions` for people: question, each actor's position with its label and date."""
    names = actor_names(debate)
    labels = question_labels(debate)
    a, b = names.get(actor_a, actor_a), names.get(actor_b, actor_b)
    return pd.DataFrame(
        {
            "Question": [labels.get(q, q) for q in rows["question_id"]],
            a: [_position(debate, q, p) for q, p in zip(rows["question_id"], rows["position_a"], strict=True)],
            f"{a}: said on": rows["date_a"].dt.date.to_numpy(),
            b if b != a else f"{b} (2)": [
                _position(debate, q, p) for q, p in zip(rows["question_id"], rows["position_b"], strict=True)
            ],
            f"{b}: said on": rows["date_b"].dt.date.to_numpy(),
            "Agreement": rows["agreement"].to_numpy(),
        }
    )


def camp_table(debate: Debate, camps: pd.Series) -> pd.DataFrame:
    """One row per camp: its number, size and members' names (in the matrix's order)."""
    names = actor_names(debate)
    grouped = camps.groupby(camps, sort=True)
    return pd.DataFrame(
        {
            "Camp": [int(c) for c, _ in grouped],
            "Actors": [len(g) for _, g in grouped],
            "Members": ["; ".join(names.get(a, a) for a in g.index) for _, g in grouped],
        }
    )


def neighbour_table(
    debate: Debate,
    result: al.Alignment,
    actor: str,
    *,
    measure: al.Measure | str = al.Measure.AGREEMENT,
    closest: bool = True,
    limit: int = 5,
) -> pd.DataFrame:
    """The `limit` actors standing closest to (or furthest from) `actor` by `measure`, with the questions behind
    each as "question: own position / their position"."""
    names = actor_names(debate)
    labels = question_labels(debate)
    mine = result.pairs[(result.pairs["actor_a"] == actor) | (result.pairs["actor_b"] == actor)]
    other = np.where(mine["actor_a"] == actor, mine["actor_b"], mine["actor_a"]).astype(str)
    value = al.pair_value(mine, measure).to_numpy()
    # Closest: high agreement, congruence or Jaccard, but low conflict.
    high_is_close = al.Measure(measure) != al.Measure.CONFLICT
    key = value if high_is_close == closest else -value
    frame = pd.DataFrame(
        {"other": other, "value": value, "key": key, "shared": mine["shared_questions"].to_numpy()}
    ).sort_values(["key", "shared", "other"], ascending=[False, False, True], kind="stable")
    frame = frame.head(limit)
    questions = []
    for other_id in frame["other"]:
        rows = al.pair_questions(result, debate.scale_points, actor, other_id)
        questions.append(
            "; ".join(
                f"{labels.get(q, q)}: {signed(int(p))} / {signed(int(o))}"
                for q, p, o in zip(rows["question_id"], rows["position_a"], rows["position_b"], strict=True)
            )
        )
    return pd.DataFrame(
        {
            "Actor": [names.get(o, o) for o in frame["other"]],
            al.Measure(measure).value.capitalize(): frame["value"].to_numpy(),
            "Shared questions": frame["shared"].to_numpy(),
            "Questions (own / their position)": questions,
        }
    )


def spread_table(debate: Debate, spread: pd.DataFrame) -> pd.DataFrame:
    """`alignment.question_spread` for people."""
    labels = question_labels(debate)
    return pd.DataFrame(
        {
            "Question": [labels.get(q, q) for q in spread["question_id"]],
            "Spread (0 united, 1 split)": spread["spread"].to_numpy(),
            "Actors": spread["actors"].to_numpy(),
            "From": [_position(debate, q, p) for q, p in zip(spread["question_id"], spread["lowest"], strict=True)],
            "To": [_position(debate, q, p) for q, p in zip(spread["question_id"], spread["highest"], strict=True)],
        }
    )


def window_table(debate: Debate, moving: pd.DataFrame) -> pd.DataFrame:
    """`alignment.moving_alignment` for people: each window with its camps by name and what divides or unites."""
    names = actor_names(debate)
    labels = question_labels(debate)

    def members(text: str) -> str:
        return "; ".join(names.get(a, a) for a in text.split("; ") if a)

    return pd.DataFrame(
        {
            "From": moving["start"].to_numpy(),
            "To": moving["end"].to_numpy(),
            "Actors": moving["actors"].to_numpy(),
            "Polarisation": moving["polarisation"].to_numpy(),
            "Smoothed": moving["smoothed"].to_numpy(),
            "Mean agreement": moving["mean_agreement"].to_numpy(),
            "Camp 1": [members(t) for t in moving["camp_1"]],
            "Camp 2": [members(t) for t in moving["camp_2"]],
            "Divides most": [labels.get(q, q) for q in moving["divides"]],
            "Unites most": [labels.get(q, q) for q in moving["unites"]],
        }
    )


def who_table(debate: Debate, actor: str) -> pd.DataFrame:
    """Who the actor is: name, role, affiliation, country, kind, aliases, whom they speak for and who speaks for
    them (two columns: field, value)."""
    names = actor_names(debate)
    actors = debate.actors.astype({"actor_id": str}).set_index("actor_id")
    row = actors.loc[actor]
    speaks_for = str(row.get("speaks_for", "") or "")
    spoken_by = (
        actors.index[actors["speaks_for"].astype(str) == actor].tolist() if "speaks_for" in actors.columns else []
    )
    fields = [
        ("Name", str(row["name"])),
        ("Role", str(row["role"])),
        ("Affiliation", str(row["affiliation"])),
        ("Country", str(row["country"])),
        ("Kind", str(row["actor_kind"])),
        ("Other names", str(row.get("aliases", "") or "")),
        ("Speaks for", names.get(speaks_for, speaks_for) if speaks_for else ""),
        ("Spoken for by", "; ".join(names.get(a, a) for a in spoken_by)),
    ]
    return pd.DataFrame({"": [f for f, v in fields if v], "Value": [v for f, v in fields if v]})


def position_paths(debate: Debate, statements: pd.DataFrame) -> pd.DataFrame:
    """One row per question the statements touch: each position in date order, "−2 (2022-09-30) → +1 (2022-11-07)",
    with how many statements and how many were private signals."""
    labels = question_labels(debate)
    ordered = statements.sort_values(["date", "statement_id"], kind="stable")
    rows = []
    for question in query.questions_in(debate, ordered["question_id"]):
        theirs = ordered[(ordered["question_id"].astype(str) == question).to_numpy()]
        rows.append(
            {
                "Question": labels.get(question, question),
                "Path": path_text(zip(theirs["date"], theirs["position"].astype(int), strict=True)),
                "Statements": len(theirs),
                "Private": int((theirs["channel"] == "private").sum()),
                "Latest": _position(debate, question, int(theirs["position"].iloc[-1])),
            }
        )
    return pd.DataFrame(rows, columns=["Question", "Path", "Statements", "Private", "Latest"])


def pairs_among(debate: Debate, result: al.Alignment, actors: list[str]) -> pd.DataFrame:
    """The pairs among a few chosen actors: agreement and shared questions (pairs sharing none are listed too)."""
    names = actor_names(debate)
    by_pair = {(r.actor_a, r.actor_b): r for r in result.pairs.itertuples(index=False)}
    rows = []
    for i, a in enumerate(actors):
        for b in actors[i + 1 :]:
            row = by_pair.get((a, b)) or by_pair.get((b, a))
            rows.append(
                {
                    "Pair": f"{names.get(a, a)} – {names.get(b, b)}",
                    "Agreement": None if row is None else row.agreement,
                    "Shared questions": 0 if row is None else int(str(row.shared_questions)),
                }
            )
    return pd.DataFrame(rows, columns=["Pair", "Agreement", "Shared questions"])


def pair_choices(debate: Debate, result: al.Alignment) -> pd.DataFrame:
    """One row per pair of the agreement matrix that shares a question, in its reading order (row by row, each pair
    once): `pair` ("a|b", the two actor ids) and a line to read and choose it by, the agreement as a number:
    "Jake Sullivan and Mark A. Milley · agreement 75% · 3 shared questions" (plain text, never markup)."""
    names = actor_names(debate)
    rows = [
        (
            f"{a}|{b}",
            f"{names.get(a, a)} and {names.get(b, b)} · agreement {round(100 * float(result.matrix[i, j]))}% · "
            f"{counted(int(result.shared[i, j]), 'shared question')}",
        )
        for i, a in enumerate(result.actors)
        for j, b in enumerate(result.actors)
        if j > i and result.shared[i, j] > 0
    ]
    return pd.DataFrame(rows, columns=["pair", "label"], dtype=object)
