"""TIMEX3 rules of the dates stage for what is not a calendar day, month or year.

Quarters, halves, seasons, weekends, decades, centuries and the vague
references PRESENT_REF / PAST_REF / FUTURE_REF. Each resolver gives the
TIMEX3 value and, where there is one, the calendar value an event gets
(see the conventions in :mod:`eventwire.dates`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from .date_rules import (
    YEAR, Resolved, _add_months, _Found, _is_future, _spelled_year_value, _tense, _vague, _week, _week_ref,
    _year_ref,
)

# Quarters, halves and seasons, by TIMEX3 letter: (first month, months long).
_QUARTERS = {1: (1, 3), 2: (4, 3), 3: (7, 3), 4: (10, 3)}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "last": 2, "latter": 2}
# Winter straddles two years; it is counted with the year of its January.
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 1)}


def _period_year(first_month: int, months: int, published: date, tense: str | None, grace: int = 0) -> int:
    """Year of an unnamed-year quarter/half/season: the latest one begun by the
    publication date; in a future clause, the next one not over yet (``grace``
    months after its end still count: a quarter's results come out after it)."""
    year = published.year if first_month <= published.month else published.year - 1
    if tense == "future" and _over(year, first_month, months + grace, published):
        year += 1
    return year


def _over(year: int, first_month: int, months: int, published: date) -> bool:
    """Whether the period of ``months`` from ``first_month`` of ``year`` ended before the publication month."""
    return _add_months(year, first_month, months) <= (published.year, published.month)


def _explicit_year(m: re.Match, published: date | None, relative: Sequence[str] = ("rel",)) -> int | None:
    """The year written with a period: '1984', 'nineteen ninety-four', 'last year's', 'of the year'."""
    names = m.re.groupindex
    for name in ("year", "y1"):
        if name in names and m[name]:
            return int(m[name])
    if "century" in names and m["century"]:
        return _spelled_year_value(m)
    for name in relative:
        if m[name] and published is not None:
            return published.year + {"last": -1, "this": 0, "the": 0, "next": 1}[m[name].lower()]
    return None


def _quarter(m: re.Match, text: str, published: date | None) -> Resolved:
    """'the third quarter', 'third-quarter', 'the fourth quarter of 1997', 'next year's first quarter'."""
    number = _ORDINALS[m["ord"].lower()]
    first, months = _QUARTERS[number]
    year = _explicit_year(m, published, ("rel", "rel2"))
    if year is None:
        if published is None:
            return None
        year = _period_year(first, months, published, _tense(text, m.start()), grace=3) - (1 if m["ago"] else 0)
    # Later "the quarter", "a year earlier" refer to the quarter reported on:
    # one that is over ("will take a charge in the fourth quarter" is not it).
    anchors = not m["ago"] and published is not None and _over(year, first, months, published)
    return _Found(f"{year:04d}", YEAR, f"{year:04d}-Q{number}", anchors=anchors)


def _half(m: re.Match, text: str, published: date | None) -> Resolved:
    """'the first half of 1990', 'the second half', 'first-half', 'the first two quarters of 1990'."""
    number = 1 if _ORDINALS[m["ord"].lower()] == 1 else 2
    year = _explicit_year(m, published)
    if year is None:
        if published is None:
            return None
        year = _period_year(1 if number == 1 else 7, 6, published, _tense(text, m.start()), grace=3)
    anchors = published is not None and _over(year, 1 if number == 1 else 7, 6, published)
    return _Found(f"{year:04d}", YEAR, f"{year:04d}-H{number}", anchors=anchors)


def _quarter_anaphor(m: re.Match, text: str, published: date | None) -> Resolved:
    """'the quarter', 'the latest period', 'the year-ago quarter', 'the 1988 period',
    'the corresponding period last year': the quarter the article reports on, by
    default the last one over by the publication date."""
    mods = (m["mods"] or "").lower()
    det = re.sub(r"\s+", " ", (m["det"] or "").lower())
    if published is None or not m["unit"].islower() or not (det or mods or m["back"]):
        return None  # "the French Quarter"; "one quarter"
    if m["unit"] == "period" and not (mods or m["back"] or det.endswith("year's")):
        return None  # "the period" alone is any period
    if "current" in mods:
        quarter = (published.month - 1) // 3 + 1
        return _Found(f"{published.year:04d}", YEAR, f"{published.year:04d}-Q{quarter}")
    if det == "this":
        year, month = published.year, published.month  # unless a quarter was named before
    else:
        year, month = _add_months(published.year, published.month, -3)
    default = _Found(f"{year:04d}", YEAR, f"{year:04d}-Q{(month - 1) // 3 + 1}")
    if m["year"]:
        # "the 1988 period": the reported quarter in 1988; just 1988 when none is named
        return _year_ref(m["year"])._replace(in_year=int(m["year"]))
    back = -1 if (m["back"] or "year-" in mods or "prior" in mods or det == "last year's") else 0
    shifted = default._replace(value=f"{year + back:04d}", timex=f"{year + back:04d}{default.timex[4:]}")
    return shifted._replace(shift=back, anchors=back == 0)


def _season(m: re.Match, text: str, published: date | None) -> Resolved:
    """'this summer', 'last fall', 'the winter of 1994', 'over the summer': TIMEX3 seasons."""
    season = m["season"].lower()
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    named_year = m["year"] or m["century"]
    if not (rel or m["the"] or m["fuzz"] or named_year):
        return None  # "a hot summer", "summer camp"
    if season in ("fall", "spring") and not (rel or m["cue"] or m["fuzz"] or named_year):
        return None  # "the fall of Saigon", "the spring water"
    code, first = _SEASONS[season]
    year = _explicit_year(m, published, relative=())
    if year is None:
        if published is None:
            return None
        if rel == "last":
            year = published.year - 1
        elif rel == "next":
            year = published.year + (1 if first <= published.month else 0)
        elif rel == "this past":
            year = _period_year(first, 3, published, "past")
        elif rel in ("this coming", ""):
            year = _period_year(first, 3, published, "future" if rel else _tense(text, m.start()))
        else:
            year = published.year
    return _Found(f"{year:04d}", YEAR, f"{year:04d}-{code}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _decade(m: re.Match, text: str, published: date | None) -> Resolved:
    """'the 1990s', 'the late '70s', 'the nineties' -> TIMEX3 '199' (no calendar value)."""
    if m["full"]:
        return _vague(m["full"][:3])
    digit = int(m["short"]) if m["short"] else _DECADE_WORDS[m["word"].lower()]
    now = published.year if published else 1999
    century = now // 100 if digit * 10 <= now % 100 else now // 100 - 1
    return _vague(f"{century:02d}{digit}")


_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def _century(m: re.Match, text: str, published: date | None) -> Resolved:
    """'the 20th century' -> TIMEX3 '19' (no calendar value)."""
    n = int(m["n"][:-2]) if m["n"][0].isdigit() else _CENTURY_WORDS[m["n"].lower()]
    return _vague(f"{n - 1:02d}")


def _weekend(m: re.Match, text: str, published: date | None) -> Resolved:
    """'the weekend', 'last weekend': TIMEX3 '2018-W48-WE'; for events, the month of its Saturday."""
    if published is None:
        return None
    rel = m["rel"].lower()
    back = (published.weekday() - 5) % 7  # days back to the most recent Saturday
    if rel == "next" or (rel != "last" and _is_future(text, m.start())):
        saturday = published + timedelta(days=(5 - published.weekday()) % 7 or (7 if rel == "next" else 0))
    else:
        saturday = published - timedelta(days=back + (7 if rel == "last" and back < 2 else 0))
    return _week_ref(saturday)._replace(timex=f"{_week(saturday)}-WE")


def _reference(m: re.Match, text: str, published: date | None) -> Resolved:
    """'now', 'currently', 'recently', 'in the past', 'the near future', 'soon' ...: TIMEX3
    PRESENT_REF / PAST_REF / FUTURE_REF, no calendar value."""
    if m["future_only"] and not _is_future(text, m.start()):
        return None  # "one day" is only a time in "will one day be"
    kind = next(k for k in ("present", "past", "future", "future_only") if m[k])
    return _vague("FUTURE_REF" if kind == "future_only" else f"{kind.upper()}_REF")
