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
word is rejected by one cheap pre-check (``date_rules._PRECHECK``). This
module holds the pattern table, in priority order; the resolvers live in
:mod:`eventwire.date_rules` (calendar dates) and :mod:`eventwire.timex_rules`
(quarters, seasons, decades, PRESENT_REF ...).

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

import logging
import re
from collections.abc import Callable, Sequence
from datetime import date

from .date_rules import (
    DAY, MONTH, YEAR, _DAYNUM, _FUZZ, _HEDGE, _MONTH_ABBR, _MONTH_ANY, _MONTH_DOTTED, _MONTH_FULL, _NUM,
    _PRECHECK, _SPELLED_CENTURY_YEAR, _SPELLED_YEAR, _WEEKDAY, _YEAR, Resolved, _ago, _bare_month, _day_word,
    _Found, _iso, _month_day, _month_rel_year, _month_year, _period, _spelled_year, _this_year, _weekday,
    _year, _year_ago_adjective,
)
from .records import DateRef
from .timex_rules import _century, _decade, _half, _quarter, _quarter_anaphor, _reference, _season, _weekend

logger = logging.getLogger(__name__)

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
