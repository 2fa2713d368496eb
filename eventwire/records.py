"""Typed records passed between the stages.

Character offsets (``start``/``end``) are always into ``Article.text``, the
article's cleaned text, so a highlighted span in any output can be found
again in the stored article.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import Enum


class DatePrecision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Modality(str, Enum):
    ASSERTED = "asserted"
    INTENDED = "intended"
    HYPOTHETICAL = "hypothetical"
    REPORTED = "reported"


def content_id(text: str) -> str:
    """Stable article id: a hash of the cleaned text, so re-ingesting is idempotent."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article after ingest: cleaned main text plus metadata."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = None  # where it came from: path, path:line, "-"


@dataclass(frozen=True)
class Skip:
    """An input that was not coded, with the reason (kept, never silently lost)."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ActorMention:
    """A stretch of text that names an actor, resolved against the knowledge base.

    ``country`` is ISO 3166 alpha-3 (or None for actors with no country, e.g. an IGO),
    ``sector`` a CAMEO/PLOVER-style sector (GOV, MIL, REB, IGO, ...),
    ``code`` their concatenation in CAMEO style (``ISRGOV``; ``IGO`` for IGOs).
    ``members`` is set for a plural mention ("the two", "both leaders") that
    stands for several actors; ``antecedent`` says how a pronoun or role was resolved.
    """

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    kb_id: str | None = None
    kind: str = "name"  # name | role | metonym | adjective | pronoun | group | place
    members: tuple["ActorMention", ...] = ()
    person: bool = False  # True when it names one person (a leader), not an institution

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "kb_id": self.kb_id,
        }


@dataclass(frozen=True)
class DateRef:
    """A date expression normalised against the publication date.

    ``value`` is ISO ``YYYY-MM-DD`` (day), ``YYYY-MM`` (month) or ``YYYY`` (year):
    the calendar date an event gets. ``timex`` is the TIMEX3 value of the
    expression, which can say more: a week ``2018-W49``, a weekend
    ``2018-W49-WE``, a quarter ``2018-Q3``, a half ``2018-H1``, a season
    ``2018-SU``, a decade ``199``, a century ``19``, or ``PRESENT_REF`` /
    ``PAST_REF`` / ``FUTURE_REF``. Expressions with no calendar value (the
    last three kinds, decades, centuries) have ``value`` and ``precision``
    None; only :func:`eventwire.dates.find_timexes` returns those, never an
    event. ``start``/``end``/``text``/``timex`` are None when the date is the
    publication date by default.
    """

    value: str | None
    precision: DatePrecision | None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    timex: str | None = None

    @property
    def from_publication(self) -> bool:
        return self.text is None


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class Event:
    """One coded event; ``to_dict`` gives the public JSON contract of DESIGN.md."""

    doc_id: str
    sentence_index: int
    sentence: str
    trigger: Span
    source: ActorMention | None
    target: ActorMention | None
    event_type: str | None
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_class: int
    goldstein: float
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    claimed_by: ActorMention | None = None
    symmetric: bool = False
    date: DateRef | None = None
    location: Place | None = None
    confidence: float = 1.0
    evidence: str = ""

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]

    @property
    def id(self) -> str:
        key = "|".join(
            [
                self.doc_id,
                str(self.sentence_index),
                self.source.code or "" if self.source else "",
                self.target.code or "" if self.target else "",
                self.event_type or "",
                self.cameo,
                str(self.trigger.start),
            ]
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict:
        """The event JSON contract: every field present, None where unknown."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "trigger": asdict(self.trigger),
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "negated": self.negated,
            "modality": self.modality.value,
            "claimed_by": self.claimed_by.to_dict() if self.claimed_by else None,
            "symmetric": self.symmetric,
            "date": self.date.value if self.date else None,
            "date_precision": self.date.precision.value if self.date else None,
            "date_text": self.date.text if self.date else None,
            "location": asdict(self.location) if self.location else None,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class CodedArticle:
    """An article with everything the pipeline found in it."""

    article: Article
    events: tuple[Event, ...] = ()
    actors: tuple[ActorMention, ...] = field(default=())
    n_sentences: int = 0
    places: tuple["PlaceMention", ...] = ()  # toponyms of the sentences that have events
    quotes: tuple["Quote", ...] = ()


@dataclass(frozen=True)
class PlaceMention:
    """A toponym in the text resolved to a gazetteer entry."""

    text: str
    start: int
    end: int
    place: Place


@dataclass(frozen=True)
class Quote:
    """Direct or reported speech: who said what, with character offsets.

    ``speaker`` is the resolved actor (None when the source is not an actor
    the knowledge base can code, e.g. "a witness"); ``source`` is the source
    span as written ("Netanyahu", "he", "according to officials").
    """

    cue: Span  # "said", "tweeted", "according to"
    content: Span  # the quoted or reported content
    source: Span | None
    speaker: ActorMention | None
    direct: bool  # inside quotation marks

    def to_dict(self) -> dict:
        return {
            "cue": asdict(self.cue),
            "content": asdict(self.content),
            "source": asdict(self.source) if self.source else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "direct": self.direct,
        }
