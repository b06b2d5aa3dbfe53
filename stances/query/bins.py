"""Time bins for dense timelines: statements counted per actor and period."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from stances import scales

BIN_DAYS = {"D": 1, "W": 7, "MS": 30.4, "QS": 91.3, "YS": 365.25}


def bin_width(statements: pd.DataFrame, *, periods: int = 120) -> str:
    """The time bin for a dense timeline: the finest of day, week, month, quarter, year giving at most `periods`
    bins across the statements' span (a year when even that is more)."""
    if statements.empty:
        return "D"
    span = (statements["date"].max() - statements["date"].min()).days + 1
    return next((freq for freq, days in BIN_DAYS.items() if span / days <= periods), "YS")


def period_bounds(dates: pd.Series, freq: str) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of the period holding each date: "D" days, "W" weeks (Monday to Sunday), "MS" months,
    "QS" quarters, "YS" years."""
    days = dates.to_numpy().astype("datetime64[D]")
    if freq == "D":
        return days, days
    if freq == "W":  # 1970-01-01, day 0, was a Thursday
        start = days - ((days.astype("int64") + 3) % 7).astype("timedelta64[D]")
        return start, start + np.timedelta64(6, "D")
    step = {"MS": 1, "QS": 3, "YS": 12}[freq]
    months = days.astype("datetime64[M]")
    months = months - (months.astype("int64") % step).astype("timedelta64[M]")
    return months.astype("datetime64[D]"), (months + step).astype("datetime64[D]") - np.timedelta64(1, "D")


def _five_point(statements: pd.DataFrame, scale_points: pd.DataFrame | None) -> np.ndarray:
    """Positions as floats; placed on -2..+2 by their own question's scale when `scale_points` is given."""
    if scale_points is None or scales.all_five_point(scale_points):
        return statements["position"].astype("float64").to_numpy()
    return (scales.leaning(statements["question_id"], statements["position"], scale_points) * 2).to_numpy()


def timeline_bins(statements: pd.DataFrame, freq: str, *, scale_points: pd.DataFrame | None = None) -> pd.DataFrame:
    """Statements counted per actor and time bin (`freq`: "D", "W" or "MS"), with their mean position.

    One row per non-empty (actor, bin): `actor_id`, `start` and `end` of the bin, `statements`, `mean_position`.
    With `scale_points`, each position is first placed on the five-point -2..+2 range by its own question's scale
    (`stances.scales.leaning` × 2), so positions on different scales average sensibly; on a -2..+2 debate that
    changes nothing.
    """
    if statements.empty:
        return pd.DataFrame(columns=["actor_id", "start", "end", "statements", "mean_position"])
    start, end = period_bounds(statements["date"], freq)
    grouped = (
        pd.DataFrame(
            {
                "actor_id": statements["actor_id"].astype(str).to_numpy(),
                "start": start,
                "end": end,
                "position": _five_point(statements, scale_points),
            }
        )
        .groupby(["actor_id", "start", "end"], sort=True)["position"]
        .agg(["size", "mean"])
        .reset_index()
    )
    return pd.DataFrame(
        {
            "actor_id": grouped["actor_id"],
            "start": pd.to_datetime(grouped["start"]),
            "end": pd.to_datetime(grouped["end"]),
            "statements": grouped["size"].astype("int64"),
            "mean_position": grouped["mean"],
        }
    )


def in_bin(statements: pd.DataFrame, actor_id: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The statements of one actor between `start` and `end` (inclusive): what a clicked timeline bin holds."""
    mask = (
        (statements["actor_id"].astype(str) == actor_id)
        & (statements["date"] >= pd.Timestamp(start))
        & (statements["date"] <= pd.Timestamp(end))
    )
    return statements[mask.to_numpy()]


def last_per_period(statements: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Each actor's last statement in each period (`freq` as in `timeline_bins`), dated at the period's start:
    the points a step line needs when there are too many statements to draw each one."""
    if statements.empty:
        return statements
    start, _ = period_bounds(statements["date"], freq)
    keyed = statements.assign(_period=start).sort_values("date", kind="stable")
    last = keyed.drop_duplicates(["actor_id", "_period"], keep="last")
    return last.assign(date=pd.to_datetime(last["_period"])).drop(columns="_period").sort_values("date", kind="stable")


# The non-colour cue of a dense timeline's bin: the leaning of its mean position (on −2 … +2), as the marker's shape
# and in words, so the mean is read without telling the colours apart. One place: the chart, its key and the list of
# bins use it.
LEANING_AT = 0.5  # a mean at least this far from 0 leans to that side
LEANINGS: dict[int, tuple[str, str, str]] = {  # class: (plotly symbol, the sign in text, the words)
    1: ("triangle-up", "▲", "leans for"),
    0: ("circle", "●", "between"),
    -1: ("triangle-down", "▼", "leans against"),
}


def leaning(mean_position: pd.Series) -> np.ndarray:
    """The leaning class of each bin's mean position: 1 for (≥ +0.5), −1 against (≤ −0.5), 0 between."""
    values = mean_position.astype("float64").to_numpy()
    return np.where(values >= LEANING_AT, 1, np.where(values <= -LEANING_AT, -1, 0))


def leaning_key() -> list[str]:
    """The key of the shapes, from for to against: "▲ mean leans for (+0.5 or more)", "● mean between …"."""
    at = f"{LEANING_AT:g}"
    limits = {1: f"leans for (+{at} or more)", 0: f"between −{at} and +{at}", -1: f"leans against (−{at} or less)"}
    return [f"{sign} mean {limits[c]}" for c, (_, sign, _) in LEANINGS.items()]


def busiest_lanes(bins: pd.DataFrame, max_lanes: int | None) -> pd.DataFrame:
    """The bins of the `max_lanes` actors with most statements (all bins when they are no more): the lanes a dense
    timeline draws."""
    if max_lanes is None or bins["actor_id"].nunique() <= max_lanes:
        return bins
    busiest = bins.groupby("actor_id")["statements"].sum().nlargest(max_lanes).index
    return bins[bins["actor_id"].isin(busiest)]


def bin_key(actor_id: str, start: dt.date, end: dt.date) -> str:
    """One bin named as text, "milley|2022-11-07|2022-11-13": what the chart's click and the list of bins share."""
    return f"{actor_id}|{pd.Timestamp(start):%Y-%m-%d}|{pd.Timestamp(end):%Y-%m-%d}"


def parse_bin_key(key: str) -> tuple[str, dt.date, dt.date] | None:
    """The actor and days of a `bin_key`; None when it is not one."""
    parts = str(key).split("|")
    if len(parts) != 3 or not parts[0]:
        return None
    try:
        return parts[0], dt.date.fromisoformat(parts[1]), dt.date.fromisoformat(parts[2])
    except ValueError:
        return None
