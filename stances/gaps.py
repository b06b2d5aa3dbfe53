"""Said in public, signalled in private: an actor's own public words beside what was reported of it in private.

Only what the coded statements say, nothing inferred:

- **said in public**: a statement in the actor's own words (on-record or an official document) on the public
  channel;
- **signalled in private**: a statement on the private channel, or one known only from unnamed officials;
- the two sides are compared when they are on the same question and the actors are the same or linked by
  `speaks_for` (one speaks for the other, or both speak for the same actor);
- the public position compared is the one standing on the day of the signal (the actor's latest public words on
  or before it, by the grid's tie rule), else the first public words after it, all inside the window.

The gap is |public − private| in scale points; `gap_share` divides it by the question's scale range.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from stances import query
from stances.alignment import scale_ranges
from stances.model import Debate
from stances.vocab import OWN_WORDS, Channel, Evidence, signed

GAP_COLUMNS = (
    "question_id",
    "public_actor",
    "public_statement",
    "public_date",
    "public_position",
    "private_actor",
    "private_statement",
    "private_date",
    "private_position",
    "gap",
    "gap_share",
    "direction",
    "link",
    "days_apart",
)
LINKS = {
    "same": "the same actor",
    "speaks-for": "the public actor speaks for the private one",
    "spoken-for": "the private actor speaks for the public one",
    "same-principal": "both speak for the same actor",
}


def is_public(statements: pd.DataFrame) -> np.ndarray:
    """The actor's own words, said in public."""
    return (statements["evidence"].isin(OWN_WORDS) & (statements["channel"] == "public")).to_numpy(dtype=bool)


def is_private(statements: pd.DataFrame) -> np.ndarray:
    """Signalled in private: on the private channel, or known only from unnamed officials."""
    return (
        (statements["channel"] == Channel.PRIVATE) | (statements["evidence"] == Evidence.UNNAMED_OFFICIALS)
    ).to_numpy(dtype=bool)


def linked_actors(actors: pd.DataFrame) -> pd.DataFrame:
    """Every ordered pair of actors whose public and private words are compared: (public_actor, private_actor, link).

    The same actor; one speaking for the other (`speaks_for`); or both speaking for the same actor.
    """
    ids = actors["actor_id"].astype(str)
    speaks_for = actors["speaks_for"].astype(str) if "speaks_for" in actors else pd.Series("", index=actors.index)
    links = pd.DataFrame({"actor": ids.to_numpy(), "principal": speaks_for.to_numpy()})
    links = links[links["principal"] != ""]
    rows = [pd.DataFrame({"public_actor": ids, "private_actor": ids, "link": "same"})]
    rows.append(
        pd.DataFrame({"public_actor": links["actor"], "private_actor": links["principal"], "link": "speaks-for"})
    )
    rows.append(
        pd.DataFrame({"public_actor": links["principal"], "private_actor": links["actor"], "link": "spoken-for"})
    )
    siblings = links.merge(links, on="principal", suffixes=("_public", "_private"))
    siblings = siblings[siblings["actor_public"] != siblings["actor_private"]]
    rows.append(
        pd.DataFrame(
            {
                "public_actor": siblings["actor_public"],
                "private_actor": siblings["actor_private"],
                "link": "same-principal",
            }
        )
    )
    out = pd.concat(rows, ignore_index=True).drop_duplicates(["public_actor", "private_actor"], keep="first")
    return out.reset_index(drop=True)


def _day_winners(statements: pd.DataFrame) -> pd.DataFrame:
    """One statement per actor, question and day, chosen by the grid's same-day rule.

    `query.as_of` picks one statement per (actor, question); keying the actor by day as well makes it pick one per
    (actor, question, day) with the very same rule.
    """
    if statements.empty:
        return statements
    keyed = statements.assign(
        _actor=statements["actor_id"].astype(str),
        actor_id=statements["actor_id"].astype(str) + "|" + statements["date"].dt.strftime("%Y-%m-%d"),
    )
    winners = query.as_of(keyed, keyed["date"].max())
    return winners.assign(actor_id=winners["_actor"]).drop(columns=["_actor", "age_days", "stale"])


def public_private_gaps(
    debate: Debate, statements: pd.DataFrame, *, start: dt.date | None = None, end: dt.date | None = None
) -> pd.DataFrame:
    """One row per private signal in the window and linked actor with public words on that question (columns
    `GAP_COLUMNS`): biggest gap first, then the most recent signal."""
    mask = np.ones(len(statements), dtype=bool)
    if start is not None:
        mask &= (statements["date"] >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        mask &= (statements["date"] <= pd.Timestamp(end)).to_numpy()
    inside = statements[mask]
    columns = ["statement_id", "actor_id", "question_id", "date", "position"]
    private = inside.loc[is_private(inside), columns]
    public = _day_winners(inside[is_public(inside)])[columns] if is_public(inside).any() else inside.iloc[:0][columns]
    if private.empty or public.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in GAP_COLUMNS})
    private = private.astype({"actor_id": str, "question_id": str}).rename(
        columns={
            "statement_id": "private_statement",
            "actor_id": "private_actor",
            "date": "private_date",
            "position": "private_position",
        }
    )
    public = public.astype({"actor_id": str, "question_id": str}).rename(
        columns={
            "statement_id": "public_statement",
            "actor_id": "public_actor",
            "date": "public_date",
            "position": "public_position",
        }
    )
    signals = private.merge(linked_actors(debate.actors), on="private_actor").sort_values("private_date")
    public = public.sort_values("public_date")
    # The public words standing on the signal's day: the latest on or before it, else the first after it (one
    # public statement per actor, question and day, so neither side has ties). As-of joins on the sorted days:
    # pairing every signal with every public statement of its cell first grew to millions of rows.
    found = {
        direction: pd.merge_asof(
            signals,
            public,
            left_on="private_date",
            right_on="public_date",
            by=["public_actor", "question_id"],
            direction=direction,
        )
        for direction in ("backward", "forward")
    }
    before = found["backward"]["public_statement"].notna().to_numpy()
    chosen = pd.concat([found["backward"][before], found["forward"][~before]])
    chosen = chosen[chosen["public_statement"].notna()]
    if chosen.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in GAP_COLUMNS})
    chosen = chosen.assign(_distance=(chosen["public_date"] - chosen["private_date"]).dt.days.abs())
    span = chosen["question_id"].map(scale_ranges(debate.scale_points)["range"]).replace(0, np.nan)
    difference = chosen["private_position"].astype("int64") - chosen["public_position"].astype("int64")
    out = pd.DataFrame(
        {
            "question_id": chosen["question_id"],
            "public_actor": chosen["public_actor"],
            "public_statement": chosen["public_statement"].astype(str),
            "public_date": chosen["public_date"],
            "public_position": chosen["public_position"].astype("int64"),
            "private_actor": chosen["private_actor"],
            "private_statement": chosen["private_statement"].astype(str),
            "private_date": chosen["private_date"],
            "private_position": chosen["private_position"].astype("int64"),
            "gap": difference.abs(),
            "gap_share": (difference.abs() / span).fillna(0.0).round(6),
            "direction": np.sign(difference).astype("int64"),
            "link": chosen["link"],
            "days_apart": chosen["_distance"].astype("int64"),
        }
    )
    return out.sort_values(
        ["gap", "private_date", "private_statement", "public_actor"],
        ascending=[False, False, True, True],
        kind="stable",
    ).reset_index(drop=True)[list(GAP_COLUMNS)]


def differing_cells(gaps: pd.DataFrame, day: dt.date | pd.Timestamp) -> set[tuple[str, str]]:
    """The grid cells (actor, question) where, as of `day`, public words and a private signal differ: both the
    public and the private actor's cells of every gap above zero whose two statements are dated on or before it."""
    day = pd.Timestamp(day)
    known = gaps[(gaps["gap"] > 0) & (gaps["public_date"] <= day) & (gaps["private_date"] <= day)]
    cells = set(zip(known["public_actor"], known["question_id"], strict=True))
    return cells | set(zip(known["private_actor"], known["question_id"], strict=True))


def gap_table(debate: Debate, gaps: pd.DataFrame) -> pd.DataFrame:
    """The gaps for people to read: names, labels, both positions with their labels and dates, and each side's
    sources with their reporting chain."""
    names = debate.actors.set_index("actor_id")["name"]
    labels = debate.questions.set_index("question_id")["label"]
    points = query.position_labels(debate)

    def position(question: pd.Series, value: pd.Series) -> list[str]:
        return [f"{signed(int(p))} {points.get((q, int(p)), '')}".strip() for q, p in zip(question, value, strict=True)]

    ids = pd.concat([gaps["public_statement"], gaps["private_statement"]], ignore_index=True)
    sources = query.source_columns(debate, ids) if len(ids) else None

    def cited(statement_ids: pd.Series, column: str) -> list[str]:
        if sources is None:
            return []
        return [str(sources[column].get(s, "")) for s in statement_ids]

    return pd.DataFrame(
        {
            "Question": gaps["question_id"].map(labels).to_numpy(),
            "Gap": gaps["gap"].to_numpy(),
            "Said in public by": gaps["public_actor"].map(names).to_numpy(),
            "In public": position(gaps["question_id"], gaps["public_position"]),
            "Public date": gaps["public_date"].dt.date.to_numpy(),
            "Signalled in private for": gaps["private_actor"].map(names).to_numpy(),
            "In private": position(gaps["question_id"], gaps["private_position"]),
            "Private date": gaps["private_date"].dt.date.to_numpy(),
            "Link": gaps["link"].map(LINKS).to_numpy(),
            "Public sources": cited(gaps["public_statement"], "source_outlets"),
            "Private sources": cited(gaps["private_statement"], "source_outlets"),
            "Private reporting chain": cited(gaps["private_statement"], "reporting_chain"),
            "Private source links": cited(gaps["private_statement"], "source_urls"),
            "public_statement": gaps["public_statement"].to_numpy(),
            "private_statement": gaps["private_statement"].to_numpy(),
        }
    )
