"""When did it happen: date expressions normalised against the publication date.

``find_dates`` finds every date expression in a piece of text ("Saturday",
"two months ago", "last month", "on March 9, 2017", "in 2015") and resolves
it to a calendar value with a precision (day, month or year), and to its
TIMEX3 value (``DateRef.timex``: ``2018-W49`` for "this week", ``2018-Q3``
for "the third quarter"). ``find_timexes`` also returns the time
expressions that have no calendar value ("now", "recently", "the 1990s").
``event_date`` picks the one that dates an event in a sentence, falling back
to the publication date when the sentence says nothing.

The rules are compiled regular expressions, not a general date parser: the
stage runs on every sentence of large corpora, and a sentence with no date
word is rejected by one cheap pre-check (:data:`_PRECHECK`).

Conventions (the choices a user may want to know about):

* Past by default. A bare weekday ("Saturday", "on Monday") is the most
  recent one on or before the publication date (the publication day itself
  when it is that weekday). When the clause before the expression carries a
  future marker ("will", "is scheduled to", "plans to", ...) and no
  past-tense verb stands right before it, it is the next one on or after.
* A month ("in September") or month-day ("Dec. 4") without a year follows
  the same tense rule; when the clause is unmarked it is the most recent
  one, unless the next one is at most two months ahead ("payable Dec. 15"
  in a November report): news tells past events more often than future
  ones, but rarely means a date ten months back by a bare "Dec. 15".
  A weekday given with it ("Saturday, April 25") picks the year.
* "last Friday" / "last April" are strictly before the publication date;
  "next Friday" / "next April" strictly after.
* Weeks have no calendar precision, so for events "last week" / "in the
  past week" resolve to the *month* of the day seven days before
  publication, "this week" / "earlier this week" to the month of
  publication and "next week" to the month seven days after (precision
  month); their ``timex`` is the ISO week (``2018-W48``). "the weekend" is
  the most recent one (the next one in a future clause): ``2018-W49-WE``,
  the month of its Saturday for events.
* Quarters ("the third quarter", "third-quarter", "the fourth quarter of
  1997", "next year's first quarter"), halves ("the first half of 2019")
  and seasons ("this summer", "last fall", "the winter of 1994") date an
  event by their *year* (precision year; a quarter is not a month); their
  ``timex`` says which part (``2018-Q3``, ``2019-H1``, ``2018-SU``). With
  no year named, a quarter or half is the latest one begun by the
  publication date, in a future clause the next one not over (a quarter
  stays current three months after it ends: results come out then). "last
  summer" is the previous year's; "this summer" the publication year's.
  Winter is counted with the year of its January.
* Reporting periods: "the quarter", "the latest quarter/period", "the
  year-ago quarter", "the 1988 period", and "a year ago/earlier" or
  "year-earlier" within about two sentences after a quarter, refer to the
  last quarter (or half) named *that is over* by the publication date
  (else the last quarter over by then), moved back a year where they say
  so. This needs the whole article as ``text``; the calendar value is the
  year either way.
* "fiscal 1998" is 1998; "for the year", "the full year", "the fiscal
  year", "by year-end" are the publication year.
* "N days/weeks ago" has day precision, "N months ago" month precision,
  "N years ago" year precision. "earlier" ("a year earlier") is read like
  "ago", against the publication date; "later" / "before" are anaphoric
  (relative to some other event) and are left alone.
* A four-digit number is a year only where the words around it say so
  ("in 2017", "since 2015", "fiscal 1989", "the 2016 election",
  "2016's"), never "1,701 people", "2000 troops" or "Resolution 1701".
* Without a publication date, relative expressions resolve to nothing;
  absolute ones ("March 9, 2017", "2018-12-04", "in 2015") still resolve.
  A month or day without a year ("Dec. 4") needs the publication year.
* Expressions with no calendar value never date an event (so an event in
  "Russia now says ..." still gets the publication date): ``PRESENT_REF``
  ("now", "currently", "current", "these days"), ``PAST_REF``
  ("recently", "recent", "in the past", "a few years ago"),
  ``FUTURE_REF`` ("soon", "the near future", "coming months", "will one
  day"), decades ("the 1990s", "the late '70s" -> ``197``) and centuries
  ("the 20th century" -> ``19``). :func:`find_timexes` returns them with
  ``value`` None. Durations ("for two years") are not dates.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from .records import DatePrecision, DateRef

logger = logging.getLogger(__name__)

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


_UNIT_WORDS = r"(?:days|weeks|months|years|decades|quarters)"

# In priority order: an earlier pattern's span wins over an overlapping later one.
_PATTERNS: list[tuple[re.Pattern, Callable[[re.Match, str, date | None], Resolved]]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    (re.compile(
        rf"\b{_FUZZ}(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH_ANY})\s+(?P<day>{_DAYNUM})\b(?!\s*%|[:.,]\d)"
        rf"(?:,?\s+(?P<year>{_YEAR}))?"), _month_day),
    (re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAYNUM})\s+(?:of\s+)?(?P<mon>{_MONTH_ANY})\b\.?"
        rf"(?:,?\s+(?P<year>{_YEAR}))?"), _month_day),
    (re.compile(
        rf"\b(?:(?:the|its)\s+)?(?:(?P<rel>this|last|next)\s+year's\s+|(?P<ago>year-ago|year-earlier)\s+"
        rf"|(?:(?P<y1>{_YEAR})\s+))?(?:fiscal[-\s]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
        rf"[-\s]+(?:fiscal[-\s]+)?quarter\b(?![-\s]+(?:point|mile|final))"
        rf"(?:,?\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>{_YEAR})|\s+of\s+(?:the\s+)?(?P<rel2>this|last|next)\s+year\b)?",
        re.IGNORECASE), _quarter),
    (re.compile(
        rf"\b(?:the\s+)?(?P<ord>first|second|last|latter)(?:[-\s]+half\b|\s+two\s+quarters\b(?=\s+of))"
        rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year>{_YEAR})\b|(?P<rel>the|this|last|next)\s+year\b)"
        rf"|(?!\s+of\b))", re.IGNORECASE), _half),
    (re.compile(
        rf"\b(?:(?P<det>the|this|that|its|last\s+year's|this\s+year's)\s+)?"
        rf"(?P<mods>(?:(?:latest|current|same|comparable|corresponding|year-ago|year-earlier|prior-year"
        rf"|(?P<year>{_YEAR}))\s+)+)?(?P<unit>quarter|period)\b(?!-|s\b|\s+of\b)"
        rf"(?:\s+(?P<back>a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year))?", re.IGNORECASE),
     _quarter_anaphor),
    (re.compile(rf"\b{_FUZZ}(?P<mon>{_MONTH_DOTTED}),?\s+(?:of\s+)?(?:(?P<year>{_YEAR})|{_SPELLED_CENTURY_YEAR}\b)"),
     _month_year),
    (re.compile(rf"\b{_FUZZ}(?P<mon>{_MONTH_FULL})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b",
                re.IGNORECASE), _month_rel_year),
    (re.compile(
        rf"(?:\b(?P<cue>in|In|during|During|over|Over|by|By|until|Until|through|since|Since|into|for)\s+(?=the\b))?"
        rf"\b(?:(?P<rel>[Tt]his\s+past|[Tt]his\s+coming|[Ll]ast|[Nn]ext|[Tt]his)\s+|(?P<the>[Tt]he)\s+)?"
        rf"(?:(?P<fuzz>early|late|mid)[-\s]+)?(?P<season>spring|summer|fall|autumn|winter)\b(?![-\s]?s\b|\s+(?:after|before|following)\b)"
        rf"(?:\s+(?:of\s+)?(?:(?P<year>{_YEAR})|{_SPELLED_CENTURY_YEAR}\b))?"), _season),
    (re.compile(
        r"\b(?:(?:[Tt]he\s+)?(?:(?:early|late|mid)[-\s]+)?(?P<full>1[89]\d0|20\d0)'?s"
        r"|[Tt]he\s+(?:(?:early|late|mid)[-\s]+)?(?:'(?P<short>\d)0s"
        r"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))\b"), _decade),
    (re.compile(r"\b(?:[Tt]he\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|eighteenth|nineteenth|twentieth|twenty-first)"
                r"[-\s]+century\b"), _century),
    (re.compile(
        r"\b(?P<w>(?:(?:[Ll]ate|[Ee]arly)\s+)?(?:[Tt]he\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
        r"|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night|[Tt]his\s+(?:morning|afternoon|evening)))\b"),
     _day_word),
    (re.compile(
        rf"\b(?:(?:the\s+)?(?P<rel>last|next|this\s+coming|this|previous|Last|Next|This\s+coming|This|Previous)\s+)?"
        rf"(?P<wd>{_WEEKDAY})\b(?!s\b)"), _weekday),
    (re.compile(
        rf"(?:\b(?P<cue>in|In|since|Since|by|By|until|Until|during|During|of|from|From|to|before|after"
        rf"|Before|After)\s+)?\b{_FUZZ}(?P<fuzz>)(?:(?P<rel>last|next|this|Last|Next|This)\s+)?"
        rf"(?P<mon>{_MONTH_FULL})\b(?!\s+\d)"), _bare_month),
    (re.compile(r"\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Tt]he)\s+weekend\b(?!s)"), _weekend),
    (re.compile(
        r"(?:\b(?:(?P<cue>for|For|of|during|During|in|In|through|throughout)\s+|(?:earlier|later)\s+in\s+)"
        r"the\s+(?:(?:full|whole|entire|calendar)\s+)?year\b(?!\s+(?:ago|earlier|before|after|later|since|of|two|\d)|[-'’])"
        r"|\b[Tt]he\s+(?:full|fiscal|calendar)\s+year\b(?![-'’])"
        r"|\b(?:[Tt]he\s+end\s+of\s+the\s+year|year[-\s]end|year's\s+end)\b)"), _this_year),
    (re.compile(
        rf"\b(?:(?:earlier|later)\s+)?(?P<rel>last|this|next|past|previous|current|coming)"
        rf"\s+(?:fiscal\s+)?(?P<unit>week|month|year)\b(?!s)", re.IGNORECASE), _period),
    (re.compile(
        rf"\b{_HEDGE}(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)(?:\s+or\s+so)?\s+"
        rf"(?P<dir>ago|earlier|from\s+now|hence)\b", re.IGNORECASE), _ago),
    (re.compile(r"\b[Yy]ear-(?:ago|earlier)\b"), _year_ago_adjective),
    (re.compile(
        r"\b(?:(?P<present>(?:[Rr]ight\s+)?(?<!\bfrom\s)[Nn]ow\b|[Cc]urrently|(?<!then\s)[Cc]urrent\b"
        r"(?!\s+(?:account|affairs|fiscal|year|quarter|month|week))|[Tt]hese\s+days|[Nn]owadays|[Aa]t\s+present)"
        r"|(?P<past>(?:[Mm]ore\s+|[Uu]ntil\s+)?[Rr]ecently|[Rr]ecent\b|[Tt]hen[-\s]current"
        rf"|(?<=[Ii]n\s)the\s+past\b(?!\s+(?:\d|{_NUM}\b|[a-z]+s\b|few|several|week|month|year|day|decade|quarter|century|half|hour))"
        rf"|[Tt]he\s+(?:past|last)\s+(?:few|several)\s+{_UNIT_WORDS}|past\s+years"
        rf"|(?:a\s+few|several|many)\s+{_UNIT_WORDS}\s+(?:ago|earlier))"
        r"|(?P<future>(?<=\s)the\s+(?:near\s+|distant\s+)?future\b(?!\s+of\b)|(?<!\bas\s)[Ss]oon\b(?!\s+(?:as|after|before))"
        rf"|as\s+soon\s+as\s+possible|(?:the\s+)?coming\s+{_UNIT_WORDS}|future\s+{_UNIT_WORDS}"
        r"|the\s+(?:near|short|long)\s+term\b(?!-)|a\s+later\s+date)"
        r"|(?P<future_only>\bone\s+day\b(?!\s+(?:after|before|later|earlier|of|in|to)\b)))\b"), _reference),
    (re.compile(rf"\b{_FUZZ}(?P<year>{_YEAR})\b(?!\s*[-–]\s*\d)"), _year),
    (re.compile(rf"\b(?:(?:the\s+year\s+|(?<=in\s))(?=two\s+thousand)|(?=eighteen|nineteen)){_SPELLED_YEAR}\b",
                re.IGNORECASE), _spelled_year),
]


# Which pre-check group each rule needs: a sentence is only scanned by the
# rules whose key words it contains.
_NEEDS = {
    _iso: {"num"}, _month_day: {"mon"}, _month_year: {"mon"}, _month_rel_year: {"mon"},
    _day_word: {"day"}, _weekday: {"day"}, _bare_month: {"mon"}, _period: {"unit"}, _ago: {"ago"},
    _year: {"num"}, _spelled_year: {"spelled"}, _quarter: {"period"}, _half: {"period"},
    _quarter_anaphor: {"period"}, _season: {"period"}, _decade: {"period", "num"}, _century: {"period"},
    _weekend: {"unit"}, _this_year: {"unit"}, _year_ago_adjective: {"unit"}, _reference: {"vague", "ago"},
}

# A "year ago" or "last year" belongs to the quarter named before it only when
# that quarter is this close (in characters: about two sentences).
_PERIOD_WINDOW = 400


def _in_context(taken: list[tuple[int, int, _Found]]) -> list[tuple[int, int, _Found]]:
    """Resolve reporting-period anaphors in text order: 'the latest quarter' is the
    quarter named before it, 'the year-ago period' that quarter a year back."""
    period: tuple[str, int] | None = None  # (TIMEX3 quarter or half, where it ended)
    resolved = []
    for start, end, found in taken:
        if (found.shift is not None or found.in_year is not None) and period is not None \
                and (not found.near or start - period[1] <= _PERIOD_WINDOW):
            timex, _ = period
            year = found.in_year if found.in_year is not None else int(timex[:4]) + found.shift
            found = _Found(f"{year:04d}", YEAR, f"{year:04d}{timex[4:]}", anchors=found.anchors)
            period = (timex, end)  # still talking about that period
        if found.anchors:
            period = (found.timex, end)
        resolved.append((start, end, found))
    return resolved


def find_timexes(text: str, published: date | None, *, offset: int = 0) -> list[DateRef]:
    """Every time expression in ``text`` with its TIMEX3 value, resolved against ``published``.

    Like :func:`find_dates`, plus the expressions with no calendar value
    (``value`` None): PRESENT_REF ("now", "currently"), PAST_REF
    ("recently", "in the past"), FUTURE_REF ("soon", "the near future"),
    decades ("the 1990s" -> ``199``) and centuries. Every ref carries its
    TIMEX3 value in ``timex`` ("this week" -> ``2018-W49``, "the third
    quarter" -> ``2018-Q3``, "this summer" -> ``2018-SU``). In financial
    reports "the quarter", "the latest period", "the year-ago quarter" and a
    "year ago" right after a quarter refer to the quarter named before them
    in ``text``, so pass a whole article to get those right.
    """
    if not text:
        return []
    kinds = {m.lastgroup for m in _PRECHECK.finditer(text.lower())}
    if not kinds:
        return []
    taken: list[tuple[int, int, _Found]] = []
    for pattern, resolve in _PATTERNS:
        if not _NEEDS[resolve] & kinds:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < t_end and t_start < end for t_start, t_end, _ in taken):
                continue
            found = resolve(m, text, published)
            if found is None:
                continue
            # The match may carry a leading cue word ("in", "since") that is
            # context, not part of the date.
            if "cue" in pattern.groupindex and m["cue"]:
                start = m.end("cue")
                while text[start].isspace():
                    start += 1
            taken.append((start, end, found))
    taken.sort(key=lambda t: t[:2])
    return [
        DateRef(value=found.value, precision=found.precision, text=text[start:end],
                start=start + offset, end=end + offset, timex=found.timex)
        for start, end, found in _in_context(taken)
    ]


def find_dates(text: str, published: date | None, *, offset: int = 0) -> list[DateRef]:
    """Every date expression in ``text``, resolved against ``published``.

    ``text`` is a sentence or a paragraph; ``offset`` is added to the
    returned ``start``/``end`` (pass the sentence's offset in the article to
    get article offsets). Expressions that cannot be resolved (a relative
    one with no publication date, an impossible day) and those with no
    calendar value ("now", "recently", "the 1990s": see :func:`find_timexes`)
    are left out. The result is in text order and spans never overlap.
    """
    return [ref for ref in find_timexes(text, published, offset=offset) if ref.value is not None]


def event_date(
    sentence: str,
    published: date | None,
    *,
    offset: int = 0,
    context: Sequence[str] = (),
    anchor: int | None = None,
) -> DateRef | None:
    """The date of an event told in ``sentence``.

    When the sentence has several date expressions, the one nearest the
    event's trigger (character position ``anchor``, in the same coordinates
    as the returned offsets, i.e. including ``offset``) wins; ties go to the
    expression after the trigger ("spoke Saturday"). With no anchor, the
    first one. When the sentence has none, the publication date
    (``text=None``, so ``from_publication`` is True); None when there is no
    publication date either.

    ``context`` is the rest of the article (its text, or its sentences). A
    date in another sentence too often belongs to another event, so it only
    refines a count of months back, which is a round figure: when "two
    months ago" lands one month off a month the article names ("in
    September", "Sept. 17") in words about the same thing (a shared content
    word near both: "the downing of a Russian plane in Syria in September"
    / "accused Israel two months ago of downing a Russian spyplane"), the
    named month wins. The ref keeps its text and offsets ("two months ago")
    with the named month as its value.
    """
    found = find_dates(sentence, published, offset=offset)
    if found:
        if anchor is None:
            return found[0]

        def distance(ref: DateRef) -> tuple[int, int]:
            if ref.start <= anchor < ref.end:
                return 0, 0
            gap = ref.start - anchor if ref.start >= anchor else anchor - ref.end + 1
            return gap, 0 if ref.start >= anchor else 1

        best = min(found, key=distance)
        return _named_month(best, sentence, offset, context, published) or best
    if published is None:
        return None
    return DateRef(value=published.isoformat(), precision=DAY, text=None)


_MONTHS_BACK = re.compile(rf"^{_HEDGE}{_NUM}\s+months?\s+(?:ago|earlier)$", re.IGNORECASE)
_MONTH_NAMED = re.compile(rf"\b(?:{_MONTH_FULL}|{_MONTH_ABBR})\b")
# Words too common to say two passages are about the same thing.
_COMMON_WORDS = frozenset(
    "about above after again against among before being between could during every first from have "
    "into later other since still their there these those through under until which while would "
    "should where month months week weeks year years earlier said says told".split()
)
_TOPIC_WIDTH = 8  # words on each side of a date expression


_SENTENCE_BREAK = re.compile(r"(?<=[a-z]{2})[.!?]\s|\n")


def _topic_words(text: str, start: int, end: int) -> set[str]:
    """Lower-case content words (no names) close to ``text[start:end]`` in its sentence."""
    first = max((b.end() for b in _SENTENCE_BREAK.finditer(text, max(0, start - 300), start)),
                default=max(0, start - 300))
    last = next((b.start() for b in _SENTENCE_BREAK.finditer(text, end, end + 300)), end + 300)
    before = re.findall(r"[\w'’-]+", text[first:start])[-_TOPIC_WIDTH:]
    after = re.findall(r"[\w'’-]+", text[end:last])[:_TOPIC_WIDTH]
    return {w for w in before + after if len(w) >= 5 and w.islower() and w not in _COMMON_WORDS}


def _named_month(ref: DateRef, sentence: str, offset: int, context: Sequence[str],
                 published: date | None) -> DateRef | None:
    """The month the article names for what "N months ago" counts back to (see :func:`event_date`)."""
    if not context or ref.text is None or not _MONTHS_BACK.match(ref.text):
        return None
    year, month = map(int, ref.value.split("-"))
    topic = _topic_words(sentence, ref.start - offset, ref.end - offset)
    named = set()
    for text in context:
        for other in find_dates(text, published):
            if other.precision is YEAR or not _MONTH_NAMED.search(other.text):
                continue
            other_year, other_month = map(int, other.value[:7].split("-"))
            if abs((other_year - year) * 12 + other_month - month) == 1 \
                    and topic & _topic_words(text, other.start, other.end):
                named.add(other.value[:7])
    if len(named) != 1:
        return None
    value = named.pop()
    return DateRef(value=value, precision=MONTH, text=ref.text, start=ref.start, end=ref.end, timex=value)
