"""Calendar rules of the dates stage: what each date expression resolves to.

The regular-expression building blocks, the tense of a clause, and one
resolver per kind of calendar expression (weekdays, months, "two months
ago", years ...). :mod:`eventwire.dates` holds the pattern table that runs
them, in priority order, and documents the conventions.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import NamedTuple

from .records import DatePrecision

DAY = DatePrecision.DAY
MONTH = DatePrecision.MONTH
YEAR = DatePrecision.YEAR

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}

# Month names are matched capitalised ("March", not "march" the verb). Full
# names stand alone; abbreviations need their dot or a following day number
# ("Jan" alone is a first name). "May" alone needs a cue word (see _bare_month).
_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST"
    r"|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_MONTH_ANY = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\.?)"
_MONTH_DOTTED = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}\.)"
# 1800-2099: "1701" is a resolution number far more often than a year in news.
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d,.]?\d)"
_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
# "early", "mid-", "the end of" ... widen the span but keep the value.
_FUZZ = r"(?:(?:[Ee]arly|[Ll]ate|[Mm]id|[Tt]he\s+(?:end|middle|beginning|start)\s+of)[-\s]+)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\d{1,3})"
_HEDGE = r"(?:(?:about|almost|nearly|some|around|roughly|more\s+than|less\s+than|over|just|barely|only)\s+)?"

# Cheap gate: a sentence with none of these words has no date (measured
# speed matters, the stage runs on every sentence of a corpus). It reads the
# lower-cased text: one anchored, case-sensitive scan is several times
# faster than an IGNORECASE one.
_PRECHECK = re.compile(
    r"\b(?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)"
    r"|(?P<day>tonight|tomorrow|yesterday|night|morning|afternoon|evening|\w*day\b)"
    r"|(?P<unit>week|month|year)"
    r"|(?P<ago>(?:ago|earlier|hence)\b|from\s+now\b)"
    r"|(?P<num>(?:1[89]|20)\d\d(?!\d)|\d0'?s\b)"
    r"|(?P<spelled>eighteen|nineteen|thousand)"
    r"|(?P<period>quarter|period|half|spring|summer|fall|autumn|winter|century"
    r"|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
    r"|(?P<vague>now|current|recent|soon|past|future|nowadays|these\s+days|term|later\s+date|one\s+day))"
)

# Words that make a clause future: the expression then resolves forward.
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|is\s+to|are\s+to|going\s+to|to\s+be|plans?\s+to|planning"
    r"|intends?\s+to|upcoming|would|next"
    # "was scheduled to" is a future seen from the past: no marker.
    r"|(?<!was\s)(?<!were\s)(?:schedule[ds]?|expected|due|set\s+to|slated|planned))\b",
    re.IGNORECASE,
)
# A past-tense verb right before the date overrides a future marker further
# left: "he will go, officials said Friday".
_PAST_VERB_BEFORE = re.compile(
    r"(?<!\bbe\s)(?<!\bbeen\s)\b(?:said|told|met|was|were|did|had|began|fell|rose|held|took|gave|made|went|came|left"
    r"|(?!(?:scheduled|expected|planned|slated|proposed|needed|delayed|postponed)\b)\w+ed)"
    r"\s+(?:(?:on|in|since|during|from)\s+)?$",
    re.IGNORECASE,
)
# Sentence or clause ends; a dot after "Mr" or an initial ("Daniel P.") is not one.
_CLAUSE_BREAK = re.compile(r"(?<=[a-z]{2})[.!?:]\s|;\s|[\"“”]")

# Left contexts that make a four-digit number a year ...
_YEAR_CUE_LEFT = re.compile(
    r"(?:\b(?:in|since|by|until|till|before|after|from|during|through|throughout|fiscal"
    r"|early|late|mid|circa|between|the|of\s+the|as\s+of|for|of|with|than|to|and|or|into|both|due"
    r"|an?|that|its|his|her|their|our|'s"
    r"|(?:spring|summer|autumn|fall|winter|end|beginning|start|middle|half|part|year)\s+of)"
    r"|\d{4}\s*(?:and|or|to|through|,)|\d{4}\s*[-–])\s*-?\s*$",
    re.IGNORECASE,
)
# ... unless they are quantities in disguise.
_QUANTITY_LEFT = re.compile(
    r"\b(?:total|number|sum|tally|count|some|about|nearly|almost|over|than|up|least"
    r"|estimated|resolution|no|rs)\.?\s*(?:of\s+|to\s+)?$",
    re.IGNORECASE,
)
_NOT_YEAR_RIGHT = re.compile(
    r"^(?:\s*(?:%|#|percent|per\b|[-–]\d|:\d|\d)|\s+(?!(?:was|has|is|as|its|this|his|always|'s)\b)[a-z]+s\b"
    r"|\s+(?:people|men|women|children|troops|feet|meters|metres|miles|km|kilometers"
    r"|tons|tonnes|dollars|euros|pounds|yuan|rupees|hours|minutes|times|member|members)\b)"
)
_YEAR_CUE_RIGHT = re.compile(
    r"^(?:'s\b|\s+(?:election|elections|budget|census|campaign|season|Olympics|World\s+Cup"
    r"|war|vote|referendum|summit|agreement|accord|deal|law|coup|crisis|attack|attacks"
    r"|uprising|revolution|invasion|ceasefire|talks|report|fiscal|presidential"
    r"|parliamentary|general|midterm|levels?)\b)"
)


class _Found(NamedTuple):
    """What a rule makes of one expression, before the text-order pass of :func:`find_timexes`."""

    value: str | None  # calendar value (None: none, e.g. PRESENT_REF or a decade)
    precision: DatePrecision | None
    timex: str  # TIMEX3 value
    # A reporting-period anaphor ("the latest quarter", "the year-ago period",
    # "a year earlier" after a quarter) takes the quarter or half named before
    # it, moved by ``shift`` years or into ``in_year``; ``near`` when that
    # period must be close before it (see _PERIOD_WINDOW).
    shift: int | None = None
    in_year: int | None = None
    near: bool = False
    anchors: bool = False  # this quarter or half becomes the period in context


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_ref(year: int, month: int) -> _Found:
    value = f"{year:04d}-{month:02d}"
    return _Found(value, MONTH, value)


def _day_ref(day: date) -> _Found:
    return _Found(day.isoformat(), DAY, day.isoformat())


def _year_ref(year: int | str) -> _Found:
    value = f"{int(year):04d}"
    return _Found(value, YEAR, value)


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _week_ref(day: date) -> _Found:
    """A week: TIMEX3 ISO week; for events, the month of ``day`` (weeks have no calendar precision)."""
    return _Found(f"{day.year:04d}-{day.month:02d}", MONTH, _week(day))


def _vague(timex: str) -> _Found:
    """PRESENT_REF, PAST_REF, FUTURE_REF, a decade or a century: no calendar value."""
    return _Found(None, None, timex)


def _tense(text: str, start: int) -> str | None:
    """Tense of the clause before ``start``: "past", "future" or None (unmarked)."""
    left = text[max(0, start - 120) : start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    if breaks:
        left = left[breaks[-1].end() :]
    if _PAST_VERB_BEFORE.search(left):
        return "past"
    if _FUTURE.search(left):
        return "future"
    return None


def _is_future(text: str, start: int) -> bool:
    return _tense(text, start) == "future"


def _valid_day(year: int, month: int, day: int) -> date | None:
    if 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


# An unmarked month or day without a year is the most recent one, unless the
# next one is this close ahead: "payable Dec. 15" in a November report, the
# "elections in January" of a November report. Past events told in news are
# more common than future ones, hence the short window.
_AHEAD_DAYS = 62
_AHEAD_MONTHS = 2


def _month_day_nearest(
    month: int, day: int, published: date, tense: str | None, weekday: int | None = None
) -> date | None:
    """The ``month``/``day`` nearest the publication date, by tense (see _AHEAD_DAYS)."""
    candidates = [
        found
        for year in (published.year - 1, published.year, published.year + 1)
        if (found := _valid_day(year, month, day)) is not None
    ]
    if weekday is not None:
        # "Saturday, April 25": the weekday says which year is meant.
        matching = [c for c in candidates if c.weekday() == weekday]
        if matching:
            return min(matching, key=lambda c: abs((c - published).days))
    past = [c for c in candidates if c <= published]
    ahead = [c for c in candidates if c >= published]
    last = max(past) if past else None
    following = min(ahead) if ahead else None
    if tense == "past" or following is None:
        return last
    if tense == "future" or last is None or (following - published).days <= _AHEAD_DAYS:
        return following
    return last


# Handlers: (match, text, published) -> _Found or None (not a date after all).
Resolved = _Found | None


def _iso(m: re.Match, text: str, published: date | None) -> Resolved:
    found = _valid_day(int(m["y"]), int(m["m"]), int(m["d"])) if 1 <= int(m["m"]) <= 12 else None
    return _day_ref(found) if found else None


def _month_of(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _month_day(m: re.Match, text: str, published: date | None) -> Resolved:
    month = _month_of(m["mon"])
    day = int(re.match(r"\d+", m["day"]).group())
    if m["year"]:
        found = _valid_day(int(m["year"]), month, day)
    elif published is None:
        return None
    else:
        weekday = _WEEKDAYS[m["wd"].lower()] if m["wd"] else None
        found = _month_day_nearest(month, day, published, _tense(text, m.start()), weekday)
    return _day_ref(found) if found else None


def _month_year(m: re.Match, text: str, published: date | None) -> Resolved:
    year = int(m["year"]) if m["year"] else _spelled_year_value(m)
    return _month_ref(year, _month_of(m["mon"]))


def _bare_month(m: re.Match, text: str, published: date | None) -> Resolved:
    month = _month_of(m["mon"])
    rel = (m["rel"] or "").lower()
    bare = not (rel or m["cue"] or m["fuzz"])
    if bare and m["mon"].lower() == "may":
        return None  # "may" the modal verb, capitalised at a sentence start
    if bare and re.search(r"\b[A-Z][\w'’]*\s+$", text[max(0, m.start() - 25) : m.start()]):
        return None  # part of a name: "the Pride March", "the Women's March"
    if published is None:
        return None
    year = published.year
    # "since March" is always the one before publication
    tense = "past" if (m["cue"] or "").lower() == "since" else _tense(text, m.start())
    if rel == "last":
        year -= 1 if month >= published.month else 0
    elif rel == "next":
        year += 1 if month <= published.month else 0
    elif rel == "this":
        pass
    elif month > published.month:
        ahead = month - published.month
        if tense == "past" or (tense is None and ahead > _AHEAD_MONTHS):
            year -= 1
    elif month < published.month:
        ahead = month + 12 - published.month
        if tense == "future" or (tense is None and ahead <= _AHEAD_MONTHS):
            year += 1
    return _month_ref(year, month)


def _month_rel_year(m: re.Match, text: str, published: date | None) -> Resolved:
    """'June last year', 'January this year', 'March of next year'."""
    if published is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _month_ref(published.year + step, _month_of(m["mon"]))


def _weekday(m: re.Match, text: str, published: date | None) -> Resolved:
    if published is None:
        return None
    target = _WEEKDAYS[m["wd"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    back = (published.weekday() - target) % 7  # days back to the most recent one, 0 = today
    if rel in ("last", "previous"):
        return _day_ref(published - timedelta(days=back or 7))
    ahead = (target - published.weekday()) % 7
    if rel == "next":
        return _day_ref(published + timedelta(days=ahead or 7))
    if rel == "this coming" or _is_future(text, m.start()):
        return _day_ref(published + timedelta(days=ahead))
    return _day_ref(published - timedelta(days=back))


_DAY_WORDS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}


def _day_word(m: re.Match, text: str, published: date | None) -> Resolved:
    if published is None:
        return None
    key = re.sub(r"^(?:late|early) ", "", re.sub(r"\s+", " ", m["w"].lower()))
    return _day_ref(published + timedelta(days=_DAY_WORDS[key]))


def _period(m: re.Match, text: str, published: date | None) -> Resolved:
    if published is None:
        return None
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if unit != m["unit"]:
        return None  # ABC's "This Week"
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0,
            "next": 1, "coming": 1}[rel]
    if unit == "week":
        return _week_ref(published + timedelta(days=7 * step))
    if unit == "month":
        return _month_ref(*_add_months(published.year, published.month, step))
    return _year_ref(published.year + step)


def _ago(m: re.Match, text: str, published: date | None) -> Resolved:
    if published is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
    unit = m["unit"].lower().rstrip("s")
    sign = 1 if m["dir"].lower() in ("from now", "hence") else -1
    if unit == "day":
        return _day_ref(published + timedelta(days=sign * n))
    if unit == "week":
        return _day_ref(published + timedelta(days=sign * 7 * n))
    if unit == "month":
        return _month_ref(*_add_months(published.year, published.month, sign * n))
    found = _year_ref(published.year + sign * n)
    if n == 1 and sign < 0:
        # "net income of $1.8 million a year ago", right after a quarter: that quarter a year back
        return found._replace(shift=-1, near=True)
    return found


_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SPELLED_SMALL = {w: i + 1 for i, w in enumerate(_UNITS)} | {w: i + 10 for i, w in enumerate(_TEENS)}
_SPELLED_SMALL |= {t: 20 + 10 * i for i, t in enumerate(_TENS)}
_SPELLED_SMALL |= {f"{t} {u}": 20 + 10 * i + j + 1 for i, t in enumerate(_TENS) for j, u in enumerate(_UNITS)}
_SPELLED_TWO_DIGITS = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[\s-]+(?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}"
    rf"|(?:oh|o)[\s-]+(?:{'|'.join(_UNITS)}))"
)
# "nineteen ninety-six" (groups: century, rest); "two thousand and one" (thousand, small)
_SPELLED_CENTURY_YEAR = rf"(?P<century>eighteen|nineteen)[\s-]+(?P<rest>{_SPELLED_TWO_DIGITS})"
_SPELLED_YEAR = (
    rf"(?:{_SPELLED_CENTURY_YEAR}"
    rf"|(?P<thousand>two\s+thousand)(?:(?:\s+and)?[\s-]+(?P<small>{_SPELLED_TWO_DIGITS}|{'|'.join(_UNITS)}))?)"
)


def _spelled_number(words: str) -> int:
    words = re.sub(r"[\s-]+", " ", words.lower()).strip()
    words = re.sub(r"^(?:oh|o) ", "", words)
    return _SPELLED_SMALL[words]


def _spelled_year_value(m: re.Match) -> int:
    if m["century"]:
        return (18 if m["century"].lower() == "eighteen" else 19) * 100 + _spelled_number(m["rest"])
    return 2000 + (_spelled_number(m["small"]) if m["small"] else 0)  # "two thousand (and) ..."


def _spelled_year(m: re.Match, text: str, published: date | None) -> Resolved:
    """'nineteen ninety-six', 'the year two thousand' (broadcast transcripts spell years out)."""
    return _year_ref(_spelled_year_value(m))


def _year(m: re.Match, text: str, published: date | None) -> Resolved:
    start, end = m.start("year"), m.end("year")
    if start and text[start - 1] in "$#€£,./-:" and not _YEAR_CUE_LEFT.search(text[max(0, start - 12) : start]):
        return None
    left = text[max(0, start - 30) : start]
    right = text[end : end + 30]
    if re.search(r"\bfiscal\s+$", left, re.IGNORECASE):
        return _year_ref(m["year"])  # "fiscal 1989 sales"
    if _NOT_YEAR_RIGHT.match(right) and not _YEAR_CUE_RIGHT.match(right):
        return None
    if _YEAR_CUE_RIGHT.match(right) and not _QUANTITY_LEFT.search(left):
        return _year_ref(m["year"])
    if _YEAR_CUE_LEFT.search(left) and not _QUANTITY_LEFT.search(left):
        return _year_ref(m["year"])
    return None


def _this_year(m: re.Match, text: str, published: date | None) -> Resolved:
    """'for the year', 'the full year', 'the fiscal year', 'by year-end': the publication year."""
    return None if published is None else _year_ref(published.year)


def _year_ago_adjective(m: re.Match, text: str, published: date | None) -> Resolved:
    """'year-earlier profit', 'the year-ago results': the year before (or the quarter in context)."""
    if published is None:
        return None
    return _year_ref(published.year - 1)._replace(shift=-1, near=True)
