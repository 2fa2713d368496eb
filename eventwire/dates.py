"""When did it happen: date expressions normalised against the publication date.

``find_dates`` finds every date expression in a piece of text ("Saturday",
"two months ago", "last month", "on March 9, 2017", "in 2015") and resolves
it to a calendar value with a precision (day, month or year).
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
* Weeks have no calendar value in :class:`~eventwire.records.DateRef`, so
  "last week" / "in the past week" resolve to the *month* of the day seven
  days before publication, "this week" / "earlier this week" to the month of
  publication and "next week" to the month seven days after (precision month).
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
* Vague expressions ("recently", "now", "a few years ago", "the weekend",
  quarters, seasons, decades) and durations ("for two years") are not dates.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta

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
# speed matters, the stage runs on every sentence of a corpus).
_PRECHECK = re.compile(
    r"(?P<mon>\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec))"
    r"|(?P<day>day\b|\b(?:tonight|tomorrow|yesterday|night|morning|afternoon|evening))"
    r"|(?P<unit>\b(?:week|month|year))"
    r"|(?P<ago>\b(?:ago|earlier|hence)\b|\bfrom\s+now\b)"
    r"|(?P<num>(?<![\d,.])(?:1[89]|20)\d\d(?!\d))"
    r"|(?P<spelled>\b(?:eighteen|nineteen|thousand))",
    re.IGNORECASE,
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


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_ref(year: int, month: int) -> tuple[str, DatePrecision]:
    return f"{year:04d}-{month:02d}", MONTH


def _day_ref(day: date) -> tuple[str, DatePrecision]:
    return day.isoformat(), DAY


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


# Handlers: (match, text, published) -> (value, precision) or None.
Resolved = tuple[str, DatePrecision] | None


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
    return _month_ref(int(m["year"]), _month_of(m["mon"]))


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
    if rel == "last":
        year -= 1 if month >= published.month else 0
    elif rel == "next":
        year += 1 if month <= published.month else 0
    elif rel == "this":
        pass
    elif month > published.month:
        ahead = month - published.month
        tense = _tense(text, m.start())
        if tense == "past" or (tense is None and ahead > _AHEAD_MONTHS):
            year -= 1
    elif month < published.month:
        ahead = month + 12 - published.month
        tense = _tense(text, m.start())
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
    rel = (m["rel"] or "").lower()
    back = (published.weekday() - target) % 7  # days back to the most recent one, 0 = today
    if rel in ("last", "previous"):
        return _day_ref(published - timedelta(days=back or 7))
    ahead = (target - published.weekday()) % 7
    if rel == "next":
        return _day_ref(published + timedelta(days=ahead or 7))
    if _is_future(text, m.start()):
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
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0,
            "next": 1, "coming": 1}[rel]
    if unit == "week":
        day = published + timedelta(days=7 * step)
        return _month_ref(day.year, day.month)
    if unit == "month":
        return _month_ref(*_add_months(published.year, published.month, step))
    return f"{published.year + step:04d}", YEAR


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
    return f"{published.year + sign * n:04d}", YEAR


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


def _spelled_number(words: str) -> int:
    words = re.sub(r"[\s-]+", " ", words.lower()).strip()
    words = re.sub(r"^(?:oh|o) ", "", words)
    return _SPELLED_SMALL[words]


def _spelled_year(m: re.Match, text: str, published: date | None) -> Resolved:
    """'nineteen ninety-six', 'the year two thousand' (broadcast transcripts spell years out)."""
    if m["century"]:
        return f"{(18 if m['century'].lower() == 'eighteen' else 19) * 100 + _spelled_number(m['rest'])}", YEAR
    return f"{2000 + (_spelled_number(m['small']) if m['small'] else 0)}", YEAR


def _year(m: re.Match, text: str, published: date | None) -> Resolved:
    start, end = m.start("year"), m.end("year")
    if start and text[start - 1] in "$#€£,./-:" and not _YEAR_CUE_LEFT.search(text[max(0, start - 12) : start]):
        return None
    left = text[max(0, start - 30) : start]
    right = text[end : end + 30]
    if _NOT_YEAR_RIGHT.match(right) and not _YEAR_CUE_RIGHT.match(right):
        return None
    if _YEAR_CUE_RIGHT.match(right) and not _QUANTITY_LEFT.search(left):
        return m["year"], YEAR
    if _YEAR_CUE_LEFT.search(left) and not _QUANTITY_LEFT.search(left):
        return m["year"], YEAR
    return None


# In priority order: an earlier pattern's span wins over an overlapping later one.
_PATTERNS: list[tuple[re.Pattern, Callable[[re.Match, str, date | None], Resolved]]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    (re.compile(
        rf"\b{_FUZZ}(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH_ANY})\s+(?P<day>{_DAYNUM})\b(?!\s*%|[:.,]\d)"
        rf"(?:,?\s+(?P<year>{_YEAR}))?"), _month_day),
    (re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAYNUM})\s+(?:of\s+)?(?P<mon>{_MONTH_ANY})\b\.?"
        rf"(?:,?\s+(?P<year>{_YEAR}))?"), _month_day),
    (re.compile(rf"\b{_FUZZ}(?P<mon>{_MONTH_DOTTED}),?\s+(?:of\s+)?(?P<year>{_YEAR})"), _month_year),
    (re.compile(rf"\b{_FUZZ}(?P<mon>{_MONTH_FULL})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b",
                re.IGNORECASE), _month_rel_year),
    (re.compile(
        r"\b(?P<w>(?:(?:[Ll]ate|[Ee]arly)\s+)?(?:[Tt]he\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
        r"|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night|[Tt]his\s+(?:morning|afternoon|evening)))\b"),
     _day_word),
    (re.compile(
        rf"\b(?:(?:the\s+)?(?P<rel>last|next|this|previous|Last|Next|This|Previous)\s+)?(?P<wd>{_WEEKDAY})\b(?!s\b)"),
     _weekday),
    (re.compile(
        rf"(?:\b(?P<cue>in|In|since|Since|by|By|until|Until|during|During|of|from|From|to|before|after"
        rf"|Before|After)\s+)?\b{_FUZZ}(?P<fuzz>)(?:(?P<rel>last|next|this|Last|Next|This)\s+)?"
        rf"(?P<mon>{_MONTH_FULL})\b(?!\s+\d)"), _bare_month),
    (re.compile(
        rf"\b(?:(?:earlier|later)\s+)?(?P<rel>last|this|next|past|previous|current|coming)"
        rf"\s+(?:fiscal\s+)?(?P<unit>week|month|year)\b(?!s)", re.IGNORECASE), _period),
    (re.compile(
        rf"\b{_HEDGE}(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+"
        rf"(?P<dir>ago|earlier|from\s+now|hence)\b", re.IGNORECASE), _ago),
    (re.compile(rf"\b{_FUZZ}(?P<year>{_YEAR})\b(?!\s*[-–]\s*\d)"), _year),
    (re.compile(
        rf"\b(?:(?P<century>eighteen|nineteen)[\s-]+(?P<rest>{_SPELLED_TWO_DIGITS})"
        rf"|(?:the\s+year\s+|(?<=in\s))two\s+thousand"
        rf"(?:(?:\s+and)?[\s-]+(?P<small>{_SPELLED_TWO_DIGITS}|{'|'.join(_UNITS)}))?)\b",
        re.IGNORECASE), _spelled_year),
]


# Which pre-check group each rule needs: a sentence is only scanned by the
# rules whose key words it contains.
_NEEDS = {
    _iso: "num", _month_day: "mon", _month_year: "mon", _month_rel_year: "mon",
    _day_word: "day", _weekday: "day", _bare_month: "mon", _period: "unit", _ago: "ago",
    _year: "num", _spelled_year: "spelled",
}


def find_dates(text: str, published: date | None, *, offset: int = 0) -> list[DateRef]:
    """Every date expression in ``text``, resolved against ``published``.

    ``text`` is a sentence or a paragraph; ``offset`` is added to the
    returned ``start``/``end`` (pass the sentence's offset in the article to
    get article offsets). Expressions that cannot be resolved (a relative
    one with no publication date, an impossible day) are left out. The
    result is in text order and spans never overlap.
    """
    if not text:
        return []
    kinds = {m.lastgroup for m in _PRECHECK.finditer(text)}
    if not kinds:
        return []
    taken: list[tuple[int, int, str, DatePrecision]] = []
    for pattern, resolve in _PATTERNS:
        if _NEEDS[resolve] not in kinds:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < t_end and t_start < end for t_start, t_end, _, _ in taken):
                continue
            resolved = resolve(m, text, published)
            if resolved is None:
                continue
            # The match may carry a leading cue word ("in", "since") that is
            # context, not part of the date.
            if "cue" in pattern.groupindex and m["cue"]:
                start = m.end("cue")
                while text[start].isspace():
                    start += 1
            taken.append((start, end, *resolved))
    taken.sort()
    return [
        DateRef(value=value, precision=precision, text=text[start:end],
                start=start + offset, end=end + offset)
        for start, end, value, precision in taken
    ]


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

    ``context`` (neighbouring sentences) is accepted for future use and not
    read yet: a date in another sentence too often belongs to another event.
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

        return min(found, key=distance)
    if published is None:
        return None
    return DateRef(value=published.isoformat(), precision=DAY, text=None)
