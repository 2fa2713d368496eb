"""Dyad series: the aggregated events between two actors, period by period.

:func:`relations` reads the ``aggregated`` table (one row per event, see
:mod:`eventwire.aggregate`) and returns, for each day, ISO week, month or
year, the number of events and mentions, events per QuadClass, the Goldstein
sum and mean, and the most frequent event types. :func:`sparkline` draws a
series on one line for the CLI.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .aggregate import ensure_aggregated, precision_of
from .errors import E041, E073, EventwireError, StoreError
from .store import Store

PERIODS = ("day", "week", "month", "year")
_DATE_FILTER = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

@dataclass(frozen=True)
class Period:
    """One step of a dyad series."""

    period: str  # 2018-12-08, 2018-W49, 2018-12 or 2018
    events: int
    mentions: int
    quad_class: tuple[int, int, int, int]  # events per QuadClass 1-4
    goldstein_sum: float
    goldstein_mean: float | None
    top_types: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "events": self.events,
            "mentions": self.mentions,
            **{f"quad{i}": n for i, n in enumerate(self.quad_class, 1)},
            "goldstein_sum": round(self.goldstein_sum, 3),
            "goldstein_mean": None if self.goldstein_mean is None else round(self.goldstein_mean, 3),
            "top_types": [{"type": t, "events": n} for t, n in self.top_types],
        }


@dataclass(frozen=True)
class Relations:
    """The series of events between two actors (see :func:`relations`)."""

    a: str
    b: str
    by: str
    directed: bool
    periods: tuple[Period, ...]
    top_types: tuple[tuple[str, int], ...]
    unplaced: int  # events whose date is coarser than `by` (or missing)

    @property
    def events(self) -> int:
        return sum(p.events for p in self.periods)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "by": self.by,
            "directed": self.directed,
            "events": self.events,
            "goldstein_sum": round(sum(p.goldstein_sum for p in self.periods), 3),
            "top_types": [{"type": t, "events": n} for t, n in self.top_types],
            "unplaced": self.unplaced,
            "periods": [p.to_dict() for p in self.periods],
        }


def _side(prefix: str) -> str:
    return f"({prefix}_country = ? OR {prefix}_code = ? OR {prefix}_kb_id = ?)"


def _check_date(value: str) -> str:
    if not _DATE_FILTER.match(value):
        raise StoreError(E041.format(value=value))
    return value


def relations(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "month",
    directed: bool = False,
    since: str | None = None,
    until: str | None = None,
    window_days: int | None = None,
    top: int = 3,
) -> Relations:
    """The dyad series between ``a`` and ``b`` over aggregated events.

    ``a``/``b`` are countries (``ISR``), actor codes (``ISRGOV``) or kb ids.
    Both directions count unless ``directed`` (then A→B only, plus symmetric
    events coded B→A, which have no direction). Periods with no events
    between the first and the last are filled with zeros. Events dated more
    coarsely than ``by`` (a month-precision event in a daily series) are
    counted in ``unplaced``, not spread over days. ``window_days`` as for
    :func:`ensure_aggregated`.
    """
    if by not in PERIODS:
        raise EventwireError(E073.format(value=by, known=", ".join(PERIODS)))
    for value in (a, b):
        if not value or not value.strip():
            raise EventwireError(E073.format(value=value, known="a country, actor code or kb id"))
    ensure_aggregated(store, window_days)
    side_a = [a.upper(), a.upper(), a]
    side_b = [b.upper(), b.upper(), b]
    forward = f"({_side('source')} AND {_side('target')})"
    if directed:
        where = f'({forward} OR ("symmetric" AND {forward}))'
        params: list[Any] = side_a + side_b + side_b + side_a
    else:
        where = f"({forward} OR {forward})"
        params = side_a + side_b + side_b + side_a
    if since:
        where += " AND \"date\" || '~' >= ?"  # "~" sorts after digits: 2018-12~ ends the month
        params.append(_check_date(since))
    if until:
        where += " AND \"date\" <= ? || '~'"
        params.append(_check_date(until))
    rows = store.con.execute(
        f"SELECT \"date\", quad_class, goldstein, coalesce(event_type, 'CAMEO ' || cameo), num_mentions "
        f"FROM aggregated WHERE {where}",
        params,
    ).fetchall()

    buckets: dict[str, list[tuple]] = defaultdict(list)
    unplaced = 0
    for row in rows:
        key = period_of(row[0], by)
        if key is None:
            unplaced += 1
        else:
            buckets[key].append(row)
    periods = []
    for key in _fill(sorted(buckets), by):
        found = buckets.get(key, [])
        quads = Counter(r[1] for r in found)
        gold = [r[2] for r in found if r[2] is not None]
        periods.append(
            Period(
                period=key,
                events=len(found),
                mentions=sum(r[4] or 0 for r in found),
                quad_class=tuple(quads.get(q, 0) for q in (1, 2, 3, 4)),
                goldstein_sum=float(sum(gold)),
                goldstein_mean=sum(gold) / len(gold) if gold else None,
                top_types=tuple(Counter(r[3] for r in found).most_common(top)),
            )
        )
    overall = Counter(r[3] for key in buckets for r in buckets[key])
    return Relations(a, b, by, directed, tuple(periods), tuple(overall.most_common(top)), unplaced)


def period_of(value: str | None, by: str) -> str | None:
    """The period label of an ISO date string, or None when the date is too coarse."""
    precision = precision_of(value)
    rank = {"day": 0, "week": 0, "month": 1, "year": 2}
    if precision is None or rank[precision] > rank[by]:
        return None
    if by == "day":
        return value
    if by == "week":
        year, week, _ = date.fromisoformat(value).isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return value[:7]
    return value[:4]


def _fill(keys: list[str], by: str) -> list[str]:
    """Every period label from the first key to the last (empty periods included)."""
    if not keys:
        return []
    first, last = keys[0], keys[-1]
    out = []
    if by == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    if by == "month":
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    if by == "week":
        day = date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
        while (label := period_of(day.isoformat(), "week")) <= last:
            out.append(label)
            day += timedelta(days=7)
        return out
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    while day <= end:
        out.append(day.isoformat())
        day += timedelta(days=1)
    return out


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None], *, zero: str = "·") -> str:
    """A one-line Unicode chart: counts scaled from 0 to their max, signed values from min to max.

    Zero (or missing) values print as ``zero`` so empty periods stand out.
    """
    present = [v for v in values if v]
    if not present:
        return zero * len(values)
    low = min(0.0, min(present))
    high = max(present)
    span = (high - low) or 1.0
    out = []
    for v in values:
        if not v:
            out.append(zero)
        else:
            out.append(SPARKS[min(len(SPARKS) - 1, int((v - low) / span * (len(SPARKS) - 1) + 0.5))])
    return "".join(out)
