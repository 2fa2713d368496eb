"""Exports of the stored events: GDELT 2.0-style table, PLOVER JSON, Parquet.

* :func:`write_gdelt` writes one row per *aggregated* event (see
  :mod:`eventwire.aggregate`) in the column order of the GDELT 2.0 event
  table, tab-separated. Columns eventwire has no value for are empty. Two
  deliberate differences from GDELT: country codes (actor and geo) are
  ISO 3166 alpha-3 as everywhere in eventwire (GDELT's geo columns use
  FIPS 10-4), and ``*_FeatureID`` is the GeoNames id. ``Day`` is empty for
  events known only to the month or year (``MonthYear``/``Year`` are set).
* :func:`write_plover` writes one PLOVER JSON record per mention (JSONL),
  with the aggregated event it belongs to in ``event_id``.
* :func:`write_parquet` copies the ``events`` rows (the flat contract
  columns) to a Parquet file with DuckDB's built-in writer.

Filters (``actor``, ``event_type``, ``since``, ``until``) mean what they mean
for ``Store.events``; a GDELT export keeps every event one of whose
mentions passes them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import duckdb

from . import __version__
from .aggregate import aggregated_events, ensure_aggregated
from .errors import E071, StoreError
from .store import EVENT_COLUMNS, Store

logger = logging.getLogger(__name__)

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")  # fmt: skip

GDELT_COLUMNS: tuple[str, ...] = (
    ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR)
    + tuple(f"Actor2{c}" for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO)
    + tuple(f"Actor2Geo_{c}" for c in _GEO)
    + tuple(f"ActionGeo_{c}" for c in _GEO)
    + ("DATEADDED", "SOURCEURL")
)  # fmt: skip
"""The 61 columns of the GDELT 2.0 event table, in the codebook's order."""

# GDELT geo types: 1 country, 4 world city (feature). eventwire places are
# either a geocoded feature (with coordinates) or just a country.
_GEO_COUNTRY, _GEO_WORLD_CITY = 1, 4

PLOVER_FIELDS: tuple[str, ...] = (
    "id", "event_id", "date", "date_resolution", "event_type", "mode", "context",
    "source", "target", "location", "text", "trigger", "negated", "modality", "claimed_by",
    "story_id", "story_date", "headline", "url", "publisher", "confidence",
    "cameo", "quad_class", "goldstein", "coder",
)  # fmt: skip
"""Keys of a PLOVER JSON record (:func:`plover_record`), in order."""
PLOVER_ACTOR_FIELDS: tuple[str, ...] = ("text", "name", "actor", "agent", "code", "kb_id")
"""Keys of a PLOVER actor: ``actor`` is the country (or IGO) code, ``agent`` the sector."""


# --------------------------------------------------------------------------- GDELT


def gdelt_row(event: dict[str, Any]) -> list[str]:
    """One aggregated event (:func:`eventwire.aggregate.aggregated_events`) as GDELT 2.0 cells."""
    row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    row["GlobalEventID"] = event["global_id"]
    when, precision = event["date"], event["date_precision"]
    if precision:
        # first day of the known period: a month-precision event has no Day
        first = date.fromisoformat({"day": when, "month": f"{when}-01"}.get(precision, f"{when}-01-01"))
        if precision == "day":
            row["Day"] = first.strftime("%Y%m%d")
        if precision in ("day", "month"):
            row["MonthYear"] = first.strftime("%Y%m")
        row["Year"] = first.year
        row["FractionDate"] = f"{first.year + first.timetuple().tm_yday / 365:.4f}"
    for n, side in ((1, "source"), (2, "target")):
        row[f"Actor{n}Code"] = event[f"{side}_code"] or ""
        row[f"Actor{n}Name"] = (event[f"{side}_name"] or "").upper()  # GDELT names are upper case
        row[f"Actor{n}CountryCode"] = event[f"{side}_country"] or ""
        row[f"Actor{n}Type1Code"] = event[f"{side}_sector"] or ""
    cameo = event["cameo"] or ""
    row["IsRootEvent"] = int(bool(event["is_root_event"]))
    row["EventCode"] = cameo
    row["EventBaseCode"] = cameo[:3]
    row["EventRootCode"] = event["cameo_root"] or cameo[:2]
    row["QuadClass"] = event["quad_class"]
    row["GoldsteinScale"] = event["goldstein"]
    row["NumMentions"] = event["num_mentions"]
    row["NumSources"] = event["num_sources"]
    row["NumArticles"] = event["num_articles"]
    if event["location_name"] or event["location_country"]:
        has_point = event["location_lat"] is not None and event["location_lon"] is not None
        row["ActionGeo_Type"] = _GEO_WORLD_CITY if has_point else _GEO_COUNTRY
        row["ActionGeo_FullName"] = event["location_name"] or ""
        row["ActionGeo_CountryCode"] = event["location_country"] or ""
        row["ActionGeo_Lat"] = "" if event["location_lat"] is None else event["location_lat"]
        row["ActionGeo_Long"] = "" if event["location_lon"] is None else event["location_lon"]
        row["ActionGeo_FeatureID"] = event["location_geonameid"] or ""
    added = event["date_added"]
    row["DATEADDED"] = added.strftime("%Y%m%d%H%M%S") if isinstance(added, datetime) else ""
    row["SOURCEURL"] = event["source_url"] or ""
    return [_cell(row[c]) for c in GDELT_COLUMNS]


def _cell(value: Any) -> str:
    # a tab or newline inside a value would shift every later column
    text = "" if value is None else str(value)
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_gdelt(store: Store, out: TextIO, *, header: bool = True, **filters: Any) -> int:
    """Write the aggregated events as a GDELT 2.0 event table (TSV); returns the row count.

    ``header`` adds the column names as a first line (GDELT's own files have none).
    """
    ensure_aggregated(store)
    events = aggregated_events(store, _mention_ids(store, filters))
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    for event in events:
        out.write("\t".join(gdelt_row(event)) + "\n")
    return len(events)


def _mention_ids(store: Store, filters: dict[str, Any]) -> list[str] | None:
    """Ids of the mentions that pass the filters, or None when there are no filters."""
    active = {k: v for k, v in filters.items() if v}
    if not active:
        return None
    return [event["id"] for event in store.events(**active)]


# --------------------------------------------------------------------------- PLOVER


def _plover_actor(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "text": actor["text"],
        "name": actor["name"],
        "actor": actor["country"],
        "agent": actor["sector"],
        "code": actor["code"],
        "kb_id": actor["kb_id"],
    }


def plover_record(event: dict[str, Any], article: dict[str, Any] | None = None, event_id: str | None = None) -> dict[str, Any]:
    """A PLOVER JSON record (keys :data:`PLOVER_FIELDS`) from a contract event dict.

    ``article`` supplies the story fields (``published``, ``title``, ``url``,
    ``publisher``); ``event_id`` is the aggregated event the mention belongs to.
    CAMEO cross-codes (``cameo``, ``quad_class``, ``goldstein``) ride along so
    one file serves both ontologies.
    """
    article = article or {}
    location = event["location"]
    published = article.get("published")
    return {
        "id": event["id"],
        "event_id": event_id,
        "date": event["date"],
        "date_resolution": event["date_precision"],
        "event_type": event["event_type"],
        "mode": event["mode"],
        "context": list(event["context"]),
        "source": _plover_actor(event["source"]),
        "target": _plover_actor(event["target"]),
        "location": None if location is None else {
            "place_name": location["name"], "country": location["country"],
            "lat": location["lat"], "lon": location["lon"], "geonameid": location["geonameid"],
        },
        "text": event["sentence"],
        "trigger": event["trigger"],
        "negated": event["negated"],
        "modality": event["modality"],
        "claimed_by": _plover_actor(event["claimed_by"]),
        "story_id": event["doc_id"],
        "story_date": published.isoformat() if isinstance(published, date) else published,
        "headline": article.get("title"),
        "url": article.get("url"),
        "publisher": article.get("publisher"),
        "confidence": event["confidence"],
        "cameo": event["cameo"],
        "quad_class": event["quad_class"],
        "goldstein": event["goldstein"],
        "coder": f"eventwire {__version__}",
    }  # fmt: skip


def write_plover(store: Store, out: TextIO, **filters: Any) -> int:
    """Write the stored mentions as PLOVER JSON records, one per line; returns the count."""
    ensure_aggregated(store)
    events = store.events(**{k: v for k, v in filters.items() if v})
    doc_ids = sorted({e["doc_id"] for e in events})
    articles = {
        row[0]: {"published": row[1], "title": row[2], "url": row[3], "publisher": row[4]}
        for row in store.con.execute(
            "SELECT id, published, title, url, "
            "coalesce(nullif(regexp_extract(lower(url), '^[a-z][a-z0-9+.-]*://(www\\.)?([^/:?#]+)', 2), ''), "
            "regexp_replace(origin, ':[0-9]+( .*)?$', '')) "
            "FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [doc_ids],
        ).fetchall()
    }
    owner = dict(store.con.execute("SELECT mention_id, event_id FROM event_mentions").fetchall())
    for event in events:
        record = plover_record(event, articles.get(event["doc_id"]), owner.get(event["id"]))
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(events)


# --------------------------------------------------------------------------- Parquet


def write_parquet(store: Store, path: str | Path, **filters: Any) -> int:
    """Copy the stored events (flat ``events`` columns) to a Parquet file; returns the row count.

    Uses DuckDB's built-in Parquet writer (no extension to install). Raises
    StoreError (E071) when the file cannot be written.
    """
    ids: Sequence[str] | None = _mention_ids(store, filters)
    columns = ", ".join(f'"{name}"' for name, _ in EVENT_COLUMNS)
    sql = f"SELECT {columns} FROM events"
    params: list[Any] = []
    if ids is not None:
        sql += " WHERE id IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(ids))
    sql += ' ORDER BY "date" NULLS LAST, doc_id, sentence_index, trigger_start, id'
    try:
        store.con.execute(f"COPY ({sql}) TO ? (FORMAT PARQUET)", params + [str(path)])
    except duckdb.Error as exc:
        lines = str(exc).strip().splitlines()
        raise StoreError(E071.format(path=path, detail=lines[0] if lines else type(exc).__name__)) from exc
    (n,) = store.con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    return int(n)
