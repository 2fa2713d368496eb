"""From mentions to events, and from events to dyad series.

The stored ``events`` table holds one row per *mention*: one coded event in
one sentence of one article. The same real-world event is usually reported
many times (several sentences, several articles, several publishers), so
:func:`aggregate` clusters mentions into *events*, as GDELT separates its
Events table from its Mentions table:

* mentions match when they have the same source and target actor, the same
  event type (the PLOVER type, or the CAMEO code for PLOVER-less statements)
  and the same negation, and their dates are close: day-precision dates
  within ``window_days`` (default 3) of the event's first date; a
  month-precision date matches an event whose first date lies in that month
  (or other month-precision mentions of it); year-precision dates only match
  each other; undated mentions only match within their own article.
* actor identity is the actor ``code`` (``ISRGOV``; the country, kb id or
  name when there is no code); two mentions with different knowledge-base
  ids (two different leaders of one government) never match, a mention
  without a kb id matches either.
* symmetric events (consult, meet, agree ...) match in either direction.

The result is three derived tables (migration 002): ``aggregated`` (one row
per event with mention, article and source counts, first and last seen),
``event_mentions`` (mention id → event id, doc id, sentence index) and
``aggregation_state``. A rebuild is a full recomputation from ``events``;
:func:`ensure_aggregated` skips it while the events are unchanged, so
readers can call it every time.

The dyad time series over these events (:func:`eventwire.relations.relations`)
live in :mod:`eventwire.relations`; their names are still importable from here.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .errors import E072, E074, EventwireError, StoreError
from .store import Store

logger = logging.getLogger(__name__)

DEFAULT_WINDOW_DAYS = 3

# --------------------------------------------------------------------------- clustering


@dataclass(frozen=True)
class Mention:
    """What matching needs to know about one stored event row."""

    id: str
    doc_id: str
    sentence_index: int
    source: str  # actor identity (code, else country / kb id / name); "" when absent
    target: str
    source_kb_id: str | None
    target_kb_id: str | None
    kind: str  # event type, or "CAMEO:<code>" when PLOVER has none
    negated: bool
    symmetric: bool
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    published: str = ""  # the article's publication date (ISO), to order same-day reports


@dataclass
class _Cluster:
    root: Mention
    anchor: str | None  # the first date (day clusters) or the month / year
    kb: list[str | None]  # kb id per side of the (normalised) dyad
    members: list[tuple[Mention, bool]] = field(default_factory=list)  # (mention, flipped vs. root)
    dates: list[str] = field(default_factory=list)


def actor_identity(code: str | None, country: str | None, kb_id: str | None, name: str | None) -> str:
    """The key that decides whether two actor mentions are the same actor."""
    return code or country or kb_id or (name or "").strip().lower()


def precision_of(value: str | None) -> str | None:
    """``day``, ``month`` or ``year`` for an ISO date string of that precision, else None."""
    if not value:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(value))


def cluster_mentions(mentions: Iterable[Mention], window_days: int = DEFAULT_WINDOW_DAYS) -> dict[str, list[tuple[Mention, bool]]]:
    """Group mentions into events: root mention id → [(mention, flipped)].

    ``flipped`` is True for a symmetric mention coded in the other direction
    than the event's root mention. Pure function: the rules are in the
    module docstring.
    """
    if window_days < 0:
        raise EventwireError(E072.format(value=window_days))
    groups: dict[tuple, list[tuple[Mention, bool]]] = defaultdict(list)
    for m in mentions:
        a, b = m.source, m.target
        # symmetric events have no direction: order the dyad so A→B and B→A meet
        flipped = m.symmetric and b < a
        if flipped:
            a, b = b, a
        groups[(m.kind, m.negated, m.symmetric, a, b)].append((m, flipped))

    clusters: list[_Cluster] = []
    for members in groups.values():
        clusters.extend(_cluster_group(members, window_days))
    return {c.root.id: c.members for c in clusters}


def _sort_key(item: tuple[Mention, bool]) -> tuple:
    m = item[0]
    return (m.date or "", m.published, m.doc_id, m.sentence_index, m.id)


def _cluster_group(members: list[tuple[Mention, bool]], window_days: int) -> list[_Cluster]:
    by_precision: dict[str | None, list[tuple[Mention, bool]]] = defaultdict(list)
    for item in members:
        by_precision[precision_of(item[0].date)].append(item)
    day_clusters: list[_Cluster] = []
    coarse: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)  # (precision, anchor) → clusters

    for item in sorted(by_precision["day"], key=_sort_key):
        d = date.fromisoformat(item[0].date)
        earliest = (d - timedelta(days=window_days)).isoformat()
        # latest compatible cluster whose first date is within the window; clusters
        # are created in date order, so the scan stops at the first one too old
        home = None
        for candidate in reversed(day_clusters):
            if candidate.anchor < earliest:
                break
            if _fits(candidate, item):
                home = candidate
                break
        if home is None:
            home = _new_cluster(item, item[0].date)
            day_clusters.append(home)
        _join(home, item)

    for item in sorted(by_precision["month"], key=_sort_key):
        month = item[0].date
        candidates = [c for c in day_clusters if c.anchor.startswith(month) and _fits(c, item)]
        home = max(candidates, key=lambda c: len(c.members), default=None)  # the best-reported one
        if home is None:
            home = next((c for c in coarse[("month", month)] if _fits(c, item)), None)
        if home is None:
            home = _new_cluster(item, month)
            coarse[("month", month)].append(home)
        _join(home, item)

    # a year is too coarse to say two reports are one event unless both only know the year
    for item in sorted(by_precision["year"], key=_sort_key):
        year = item[0].date
        home = next((c for c in coarse[("year", year)] if _fits(c, item)), None)
        if home is None:
            home = _new_cluster(item, year)
            coarse[("year", year)].append(home)
        _join(home, item)

    for item in sorted(by_precision[None], key=_sort_key):
        key = ("undated", item[0].doc_id)  # no date: only the same article can repeat it
        home = next((c for c in coarse[key] if _fits(c, item)), None)
        if home is None:
            home = _new_cluster(item, None)
            coarse[key].append(home)
        _join(home, item)

    return day_clusters + [c for found in coarse.values() for c in found]


def _sides(item: tuple[Mention, bool]) -> tuple[str | None, str | None]:
    m, flipped = item
    return (m.target_kb_id, m.source_kb_id) if flipped else (m.source_kb_id, m.target_kb_id)


def _fits(cluster: _Cluster, item: tuple[Mention, bool]) -> bool:
    return all(have is None or new is None or have == new for have, new in zip(cluster.kb, _sides(item)))


def _new_cluster(item: tuple[Mention, bool], anchor: str | None) -> _Cluster:
    return _Cluster(root=item[0], anchor=anchor, kb=[None, None])


def _join(cluster: _Cluster, item: tuple[Mention, bool]) -> None:
    m, flipped = item
    root_flipped = cluster.members[0][1] if cluster.members else flipped
    cluster.members.append((m, flipped != root_flipped))
    cluster.kb = [have or new for have, new in zip(cluster.kb, _sides(item))]
    if m.date:
        cluster.dates.append(m.date)


# --------------------------------------------------------------------------- building the tables

_MENTION_SQL = """
SELECT e.id, e.doc_id, e.sentence_index,
       source_code, source_country, source_kb_id, source_name,
       target_code, target_country, target_kb_id, target_name,
       event_type, cameo, coalesce(negated, false), coalesce("symmetric", false), "date",
       coalesce(CAST(a.published AS VARCHAR), '')
FROM events e LEFT JOIN articles a ON a.id = e.doc_id
"""

# One row per event: the root mention gives type, codes and date; counts and
# first/last seen come from all mentions. `o` orients symmetric mentions like the root.
_AGGREGATE_SQL = """
INSERT INTO aggregated
WITH m AS (
    SELECT em.event_id, em.flipped, e.*,
           a.url, a.origin, a.ingested_at,
           coalesce(a.published, CAST(a.ingested_at AS DATE)) AS seen,
           coalesce(nullif(regexp_extract(lower(a.url), '^[a-z][a-z0-9+.-]*://(www\\.)?([^/:?#]+)', 2), ''),
                    regexp_replace(a.origin, ':[0-9]+( .*)?$', ''), e.doc_id) AS publisher,
           CASE WHEN em.flipped THEN e.target_name ELSE e.source_name END AS o_source_name,
           CASE WHEN em.flipped THEN e.target_kb_id ELSE e.source_kb_id END AS o_source_kb_id,
           CASE WHEN em.flipped THEN e.source_name ELSE e.target_name END AS o_target_name,
           CASE WHEN em.flipped THEN e.source_kb_id ELSE e.target_kb_id END AS o_target_kb_id
    FROM event_mentions em
    JOIN events e ON e.id = em.mention_id
    LEFT JOIN articles a ON a.id = e.doc_id
),
s AS (
    SELECT event_id,
           mode(o_source_name) AS source_name, max(o_source_kb_id) AS source_kb_id,
           mode(o_target_name) AS target_name, max(o_target_kb_id) AS target_kb_id,
           arg_min({'name': location_name, 'country': location_country, 'lat': location_lat,
                    'lon': location_lon, 'geonameid': location_geonameid},
                   coalesce("date", '~') || doc_id || lpad(CAST(sentence_index AS VARCHAR), 6, '0'))
               FILTER (WHERE location_name IS NOT NULL) AS loc,
           count(*) AS num_mentions, count(DISTINCT doc_id) AS num_articles,
           count(DISTINCT publisher) AS num_sources,
           min(seen) AS first_seen, max(seen) AS last_seen, min(ingested_at) AS date_added,
           bool_or(sentence_index = 0) AS is_root_event, avg(confidence) AS confidence
    FROM m GROUP BY event_id
)
SELECT c.id, c.global_id, c.root_mention_id, c.date, c.date_precision, c.date_last,
       s.source_name, r.source_country, r.source_sector, r.source_code, s.source_kb_id,
       s.target_name, r.target_country, r.target_sector, r.target_code, s.target_kb_id,
       r.event_type, r.mode, r.cameo, r.cameo_root, r.quad_class, r.goldstein,
       coalesce(r.negated, false), coalesce(r."symmetric", false),
       s.loc.name, s.loc.country, s.loc.lat, s.loc.lon, s.loc.geonameid,
       s.num_mentions, s.num_articles, s.num_sources, s.first_seen, s.last_seen, s.date_added,
       s.is_root_event, coalesce(r.url, r.origin), s.confidence
FROM _clusters c
JOIN s ON s.event_id = c.id
JOIN m r ON r.id = c.root_mention_id
"""


@dataclass(frozen=True)
class AggregationSummary:
    """What a call to :func:`aggregate` / :func:`ensure_aggregated` did."""

    mentions: int
    events: int
    rebuilt: bool
    seconds: float


def aggregate(store: Store, window_days: int = DEFAULT_WINDOW_DAYS) -> AggregationSummary:
    """Rebuild ``aggregated`` and ``event_mentions`` from the stored mentions.

    One transaction: readers see the old tables or the new ones. Raises
    StoreError (E074) when the write fails.
    """
    started = time.perf_counter()
    con = store.con
    mentions = [_mention(row) for row in con.execute(_MENTION_SQL).fetchall()]
    clusters = cluster_mentions(mentions, window_days)

    cols: dict[str, list[Any]] = defaultdict(list)  # event_mentions columns
    ccols: dict[str, list[Any]] = defaultdict(list)  # _clusters columns
    for root_id, members in clusters.items():
        digest = hashlib.sha1(f"event|{root_id}".encode()).hexdigest()
        event_id = digest[:16]
        dates = sorted(m.date for m, _ in members if m.date)
        root_date = members[0][0].date
        ccols["id"].append(event_id)
        ccols["global_id"].append(int(digest[:15], 16))  # 60 bits: fits BIGINT
        ccols["root"].append(root_id)
        ccols["date"].append(root_date)
        ccols["precision"].append(precision_of(root_date))
        ccols["date_last"].append(dates[-1] if dates else None)
        for m, flipped in members:
            cols["mention_id"].append(m.id)
            cols["event_id"].append(event_id)
            cols["doc_id"].append(m.doc_id)
            cols["sentence_index"].append(m.sentence_index)
            cols["flipped"].append(flipped)
    n_events, checksum = _events_signature(store)
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM event_mentions")
        con.execute("DELETE FROM aggregated")
        con.execute("DELETE FROM aggregation_state")
        if mentions:
            # unnest of list parameters: one statement instead of thousands of inserts
            con.execute(
                "INSERT INTO event_mentions (mention_id, event_id, doc_id, sentence_index, flipped) "
                "SELECT unnest(?), unnest(?), unnest(?), unnest(?), unnest(?)",
                [cols["mention_id"], cols["event_id"], cols["doc_id"], cols["sentence_index"], cols["flipped"]],
            )
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _clusters AS SELECT unnest(?::VARCHAR[]) AS id, "
                "unnest(?::BIGINT[]) AS global_id, unnest(?::VARCHAR[]) AS root_mention_id, "
                "unnest(?::VARCHAR[]) AS date, unnest(?::VARCHAR[]) AS date_precision, "
                "unnest(?::VARCHAR[]) AS date_last",
                [ccols["id"], ccols["global_id"], ccols["root"], ccols["date"], ccols["precision"], ccols["date_last"]],
            )
            con.execute(_AGGREGATE_SQL)
            con.execute("DROP TABLE _clusters")
        con.execute(
            "INSERT INTO aggregation_state VALUES (?, ?, ?, current_timestamp)", [window_days, n_events, checksum]
        )
        con.execute("COMMIT")
    except Exception as exc:  # duckdb.Error and conversion errors alike: undo, then report
        con.execute("ROLLBACK")
        lines = str(exc).strip().splitlines()
        raise StoreError(E074.format(path=store.path, detail=lines[0] if lines else type(exc).__name__)) from exc
    seconds = time.perf_counter() - started
    logger.info("aggregated %d mentions into %d events in %.2fs", len(mentions), len(clusters), seconds)
    return AggregationSummary(len(mentions), len(clusters), True, seconds)


def ensure_aggregated(store: Store, window_days: int | None = None) -> AggregationSummary:
    """Rebuild the aggregated tables only when the events (or the window) changed.

    ``window_days=None`` keeps the window of the last build (so a window set
    with ``eventwire aggregate --window N`` sticks), or the default for a first build.
    """
    started = time.perf_counter()
    state = store.con.execute("SELECT window_days, n_events, checksum FROM aggregation_state").fetchone()
    if window_days is None:
        window_days = int(state[0]) if state is not None else DEFAULT_WINDOW_DAYS
    if state is not None and tuple(state) == (window_days, *_events_signature(store)):
        (n_agg,) = store.con.execute("SELECT count(*) FROM aggregated").fetchone()
        return AggregationSummary(int(state[1]), int(n_agg), False, time.perf_counter() - started)
    return aggregate(store, window_days)


def _events_signature(store: Store) -> tuple[int, int]:
    # order-free checksum of the mention ids: any add or delete changes it
    n, checksum = store.con.execute("SELECT count(*), coalesce(bit_xor(hash(id)), 0) FROM events").fetchone()
    return int(n), int(checksum)


def _mention(row: Sequence[Any]) -> Mention:
    (mid, doc_id, sentence_index, s_code, s_country, s_kb, s_name,
     t_code, t_country, t_kb, t_name, event_type, cameo, negated, symmetric, when, published) = row
    return Mention(
        id=mid,
        doc_id=doc_id,
        sentence_index=sentence_index or 0,
        source=actor_identity(s_code, s_country, s_kb, s_name),
        target=actor_identity(t_code, t_country, t_kb, t_name),
        source_kb_id=s_kb,
        target_kb_id=t_kb,
        kind=event_type or f"CAMEO:{cameo}",
        negated=bool(negated),
        symmetric=bool(symmetric),
        date=when if precision_of(when) else None,
        published=published,
    )


# --------------------------------------------------------------------------- reading events back

AGGREGATED_COLUMNS = (
    "id", "global_id", "root_mention_id", "date", "date_precision", "date_last",
    "source_name", "source_country", "source_sector", "source_code", "source_kb_id",
    "target_name", "target_country", "target_sector", "target_code", "target_kb_id",
    "event_type", "mode", "cameo", "cameo_root", "quad_class", "goldstein", "negated", "symmetric",
    "location_name", "location_country", "location_lat", "location_lon", "location_geonameid",
    "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen", "date_added",
    "is_root_event", "source_url", "confidence",
)  # fmt: skip
"""Columns of the ``aggregated`` table (migration 002), in order."""
_AGG_SELECT = ", ".join(f'"{c}"' for c in AGGREGATED_COLUMNS)


def aggregated_events(store: Store, mention_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Aggregated events as flat dicts (keys: :data:`AGGREGATED_COLUMNS`), by date.

    With ``mention_ids``, only the events those mentions belong to (use
    ``store.events(...)`` filters to pick them).
    """
    sql = f"SELECT {_AGG_SELECT} FROM aggregated"
    params: list[Any] = []
    if mention_ids is not None:
        sql += " WHERE id IN (SELECT event_id FROM event_mentions WHERE mention_id IN (SELECT unnest(?::VARCHAR[])))"
        params.append(list(mention_ids))
    sql += ' ORDER BY "date" NULLS LAST, first_seen, id'
    return [dict(zip(AGGREGATED_COLUMNS, row)) for row in store.con.execute(sql, params).fetchall()]


def mentions_of(store: Store, event_id: str) -> list[dict[str, Any]]:
    """The mentions (provenance) of one aggregated event: mention id, doc id, sentence."""
    rows = store.con.execute(
        "SELECT em.mention_id, em.doc_id, em.sentence_index, e.sentence, e.\"date\", em.flipped "
        "FROM event_mentions em JOIN events e ON e.id = em.mention_id WHERE em.event_id = ? "
        "ORDER BY e.\"date\" NULLS LAST, em.doc_id, em.sentence_index",
        [event_id],
    ).fetchall()
    keys = ("mention_id", "doc_id", "sentence_index", "sentence", "date", "flipped")
    return [dict(zip(keys, row)) for row in rows]


# The dyad series moved to eventwire.relations (which imports this module); the
# old names resolve lazily so `from eventwire.aggregate import relations` keeps working.
_MOVED = frozenset({"PERIODS", "SPARKS", "Period", "Relations", "period_of", "relations", "sparkline"})


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        from . import relations as series

        return getattr(series, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
