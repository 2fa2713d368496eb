"""Exports: GDELT 2.0-style table, PLOVER JSON records, Parquet (hand-made store, no spaCy model)."""

from __future__ import annotations

import io
import json
from datetime import date

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.exports import (
    GDELT_COLUMNS,
    PLOVER_ENTITY_FIELDS,
    PLOVER_FIELDS,
    PLOVER_LOCATION_FIELDS,
    actor_place,
    gdelt_row,
    write_gdelt,
    write_parquet,
    write_plover,
)
from eventwire.aggregate import AGGREGATED_COLUMNS
from eventwire.records import (
    ActorMention,
    Article,
    CodedArticle,
    DatePrecision,
    DateRef,
    Event,
    Place,
    Span,
    content_id,
)
from eventwire.store import EVENT_COLUMNS, Store

TEXT_1 = "Freedonia's leader phoned the Sylvanian premier on Monday. Sylvania later blamed Freedonia for the floods."
TEXT_2 = "The two leaders of Sylvania and Freedonia spoke by phone, officials said."


def actor(text: str, country: str, sector: str, kb_id: str) -> ActorMention:
    return ActorMention(text=text, start=0, end=len(text), name=f"{country} leader", country=country, sector=sector,
                        code=country + sector, kb_id=kb_id)


FRE = actor("Freedonia's leader", "FRE", "GOV", "Q-fre")
SYL = actor("the Sylvanian premier", "SYL", "GOV", "Q-syl")
A1 = Article(id=content_id(TEXT_1), text=TEXT_1, published=date(2021, 3, 9), title="Leaders talk",
             url="https://news.example/leaders", origin="a1.html")
A2 = Article(id=content_id(TEXT_2), text=TEXT_2, published=date(2021, 3, 10), url=None, origin="corpus.jsonl:4 (id=x)")


def ev(art: Article, index: int, source, target, event_type: str | None, cameo: str, quad: int, goldstein: float,
       when: DateRef | None, symmetric: bool = False, location: Place | None = None, mode: str | None = None) -> Event:
    return Event(doc_id=art.id, sentence_index=index, sentence=art.text.split(". ")[index], trigger=Span("x", index, index + 1),
                 source=source, target=target, event_type=event_type, mode=mode, context=("diplomatic",),
                 cameo=cameo, quad_class=quad, goldstein=goldstein, symmetric=symmetric, date=when, location=location)


CALL_1 = ev(A1, 0, FRE, SYL, "CONSULT", "041", 1, 1.0, DateRef("2021-03-08", DatePrecision.DAY, "Monday"), True,
            Place("Geneva", "CHE", 46.2, 6.14, 2660646), mode="phone")
BLAME = ev(A1, 1, SYL, FRE, "ACCUSE", "112", 3, -2.0, DateRef("2021-03", DatePrecision.MONTH))
CALL_2 = ev(A2, 0, SYL, FRE, "CONSULT", "041", 1, 1.0, DateRef("2021-03-09", DatePrecision.DAY), True, mode="phone")
STATEMENT = ev(A2, 0, SYL, None, None, "010", 1, 0.0, None)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "events.duckdb") as opened:
        opened.add(CodedArticle(A1, (CALL_1, BLAME), n_sentences=2))
        opened.add(CodedArticle(A2, (CALL_2, STATEMENT), n_sentences=1))
        yield opened


def gdelt(store, **filters) -> list[dict[str, str]]:
    out = io.StringIO()
    n = write_gdelt(store, out, **filters)
    header, *lines = out.getvalue().splitlines()
    assert header.split("\t") == list(GDELT_COLUMNS)
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == len(GDELT_COLUMNS) == 61 for row in rows)
    assert n == len(rows)
    return [dict(zip(GDELT_COLUMNS, row)) for row in rows]


# The GDELT 2.0 Event codebook, column by column: readers of GDELT files index by position.
GDELT_2_0 = """GlobalEventID Day MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat
Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat
Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL""".split()


def test_gdelt_columns_are_the_61_of_the_2_0_codebook_in_order():
    assert len(GDELT_2_0) == 61
    assert list(GDELT_COLUMNS) == GDELT_2_0


def test_gdelt_export_has_one_row_per_aggregated_event(store):
    rows = gdelt(store)
    assert len(rows) == 3  # the two phone-call reports are one event
    call = next(r for r in rows if r["EventCode"] == "041")
    assert (call["Day"], call["MonthYear"], call["Year"]) == ("20210308", "202103", "2021")
    assert call["FractionDate"].startswith("2021.18")
    assert (call["Actor1Code"], call["Actor1Name"], call["Actor1CountryCode"], call["Actor1Type1Code"]) == (
        "FREGOV", "FRE LEADER", "FRE", "GOV")
    assert (call["NumMentions"], call["NumArticles"], call["NumSources"]) == ("2", "2", "2")
    assert (call["EventBaseCode"], call["EventRootCode"], call["QuadClass"], call["GoldsteinScale"]) == (
        "041", "04", "1", "1.0")
    assert call["IsRootEvent"] == "1" and call["AvgTone"] == ""
    # Geneva is a world city; GDELT's geo country codes are FIPS 10-4 (Switzerland: SZ, not CHE)
    assert (call["ActionGeo_Type"], call["ActionGeo_FullName"], call["ActionGeo_CountryCode"]) == (
        "4", "Geneva, Switzerland", "SZ")
    assert (call["ActionGeo_Lat"], call["ActionGeo_Long"], call["ActionGeo_FeatureID"]) == ("46.2", "6.14", "2660646")
    assert call["ActionGeo_ADM1Code"] == "" and call["Actor1Geo_Type"] == ""  # "Freedonia's leader" names no place
    assert call["SOURCEURL"] == "https://news.example/leaders" and len(call["DATEADDED"]) == 14
    blame = next(r for r in rows if r["EventCode"] == "112")
    assert (blame["Day"], blame["MonthYear"], blame["Year"]) == ("", "202103", "2021")  # month precision
    statement = next(r for r in rows if r["EventCode"] == "010")
    assert statement["Actor2Code"] == "" and statement["Day"] == "" and statement["SOURCEURL"] == A2.origin
    assert len({r["GlobalEventID"] for r in rows}) == 3 and all(r["GlobalEventID"].isdigit() for r in rows)


def aggregated(**values) -> dict[str, str]:
    event = dict.fromkeys(AGGREGATED_COLUMNS)
    event.update(global_id=1, cameo="190", is_root_event=True, num_mentions=1, num_sources=1, num_articles=1, **values)
    return dict(zip(GDELT_COLUMNS, gdelt_row(event)))


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        # (name, ISO3, lat, lon, geonameid) -> (Type, FullName, CountryCode, ADM1Code)
        (("Ukraine", "UKR", 49.0, 32.0, 690791), ("1", "Ukraine", "UP", "UP")),
        (("Texas", "USA", 31.25, -99.25, 4736286), ("2", "Texas, United States", "US", "USTX")),
        (("Austin", "USA", 30.26715, -97.74306, 4671654), ("3", "Austin, United States", "US", "")),
        (("Kharkiv", "UKR", 49.98177, 36.25475, 706483), ("4", "Kharkiv, Ukraine", "UP", "")),
        (("Europe", None, 48.69096, 9.14062, 6255148), ("", "", "", "")),  # no GDELT type for a continent
    ],
)
def test_gdelt_action_geo_types_follow_the_codebook(place, expected):
    name, country, lat, lon, geonameid = place
    row = aggregated(location_name=name, location_country=country, location_lat=lat, location_lon=lon,
                     location_geonameid=geonameid)
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"],
            row["ActionGeo_ADM1Code"]) == expected
    assert row["ActionGeo_FeatureID"] == ("" if country is None else str(geonameid))


def test_gdelt_fraction_date_stays_in_its_year():
    assert aggregated(date="2020-12-31", date_precision="day")["FractionDate"] == "2020.9973"
    assert aggregated(date="2021-01-01", date_precision="day")["FractionDate"] == "2021.0000"
    assert aggregated(date="2021", date_precision="year")["Day"] == ""


def test_gdelt_filters_keep_events_a_matching_mention_belongs_to(store):
    rows = gdelt(store, event_type="CONSULT")
    assert [r["NumMentions"] for r in rows] == ["2"]
    assert gdelt(store, since="2021-04-01") == []
    out = io.StringIO()
    write_gdelt(store, out, header=False, actor="SYLGOV")
    assert not out.getvalue().startswith("GlobalEventID") and len(out.getvalue().splitlines()) == 3


def test_plover_records_use_the_plover_field_names(store):
    out = io.StringIO()
    assert write_plover(store, out) == 4
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    for record in records:
        assert list(record) == list(PLOVER_FIELDS)
        assert all(list(entity) == list(PLOVER_ENTITY_FIELDS) for entity in record["actor"])
    call = next(r for r in records if r["id"] == CALL_1.id)
    assert (call["has_event"], call["event"], call["mode"], call["context"], call["date"], call["date_precision"]) == (
        True, ["CONSULT"], ["phone"], ["diplomatic"], "2021-03-08", "day")
    [source], [recipient] = call["actor"], call["recipient"]
    assert source == {"code": "FRE", "sector": "GOV", "entity_text": "Freedonia's leader", "identifier_id": "Q-fre",
                      "identifier_text": "FRE leader", "cameo_code": "FREGOV"}
    assert recipient["code"] == "SYL" and recipient["entity_text"] == "the Sylvanian premier"
    assert (call["quad_code"], call["event_scale"], call["cameo"], call["event_text"]) == (1, 1.0, "041", ["x"])
    assert call["text"] == CALL_1.sentence
    assert call["text_info"] == {"sequence": 0, "start": 0, "end": len(CALL_1.sentence)}
    assert TEXT_1[call["text_info"]["start"]:call["text_info"]["end"]] == call["text"]
    assert list(call["event_loc"]) == list(PLOVER_LOCATION_FIELDS)
    assert call["event_loc"] == {"resolved_place": "Geneva", "geonameid": 2660646, "lat": 46.2, "lon": 6.14,
                                 "city": "Geneva", "province": None, "country": "Switzerland",
                                 "country_code": "CHE", "resolution": 4}
    cite = call["cite_info"]
    assert (cite["citation"], cite["published"], cite["title"], cite["publication"], cite["url"]) == (
        A1.id, "2021-03-09", "Leaders talk", "news.example", "https://news.example/leaders")
    assert call["coder"].startswith("eventwire ") and len(call["coded_date"]) == 10
    other_report = next(r for r in records if r["id"] == CALL_2.id)
    assert other_report["event_id"] == call["event_id"]  # both mentions of one event
    assert other_report["cite_info"]["publication"] == "corpus.jsonl"
    statement = next(r for r in records if r["id"] == STATEMENT.id)
    # PLOVER does not code CAMEO 01x statements: the record says so rather than inventing a type
    assert (statement["has_event"], statement["event"], statement["recipient"], statement["cameo"]) == (
        False, [], [], "010")
    assert statement["event_loc"] is None and statement["mode"] == []


def test_actor_geo_only_for_actors_named_by_a_place_of_their_country():
    assert actor_place("Moscow", "RUS") == "RUS"  # a capital as metonym
    assert actor_place("the Kremlin", "RUS") == "RUS"  # a seat of government
    assert actor_place("Israel", "ISR") == "ISR"
    assert actor_place("Russian troops", "RUS") is None  # affiliation, not location
    assert actor_place("Moscow", "ISR") is None
    assert actor_place(None, "RUS") is None


@pytest.mark.slow
def test_coded_news_exports_gdelt_geography(pipeline, seed_paths, tmp_path):
    kharkiv = "Russian troops attacked Ukrainian positions in Kharkiv on Monday."
    seed = seed_paths[0].read_text(encoding="utf-8")
    with Store(tmp_path / "coded.duckdb") as coded:
        for text in (kharkiv, seed):
            art = Article(id=content_id(text), text=text, published=date(2018, 12, 8), origin="news.txt")
            for result in pipeline.code([art]):
                coded.add(result)
        rows = gdelt(coded)
        records = [json.loads(line) for line in _plover_lines(coded)]
    attack = next(r for r in rows if r["ActionGeo_FeatureID"] == "706483")
    assert (attack["ActionGeo_Type"], attack["ActionGeo_FullName"], attack["ActionGeo_CountryCode"]) == (
        "4", "Kharkiv, Ukraine", "UP")  # FIPS 10-4, as in GDELT
    assert attack["ActionGeo_Lat"].startswith("49.98") and attack["ActionGeo_Long"].startswith("36.25")
    assert attack["Actor1CountryCode"] == "RUS" and attack["Actor1Geo_Type"] == ""  # troops: affiliation, not place
    moscow = next(r for r in rows if r["ActionGeo_FeatureID"] == "524901")  # the seed's caption: a meeting in Moscow
    assert (moscow["ActionGeo_Type"], moscow["ActionGeo_FullName"], moscow["ActionGeo_CountryCode"]) == (
        "4", "Moscow, Russia", "RS")
    # "Moscow accused Israel": both actors are named by places of their countries
    placed = [r for r in rows if r["Actor1Geo_Type"]]
    assert placed and all(r["Actor1Geo_Type"] == "1" for r in placed)
    assert {(r["Actor1CountryCode"], r["Actor1Geo_CountryCode"]) for r in placed} <= {("RUS", "RS"), ("ISR", "IS")}
    located = next(r for r in records if r["event_loc"] and r["event_loc"]["geonameid"] == 706483)
    assert located["event_loc"]["country_code"] == "UKR" and located["event_loc"]["resolution"] == 4
    assert located["event"] == ["ASSAULT"] and located["actor"][0]["code"] == "RUS"


def _plover_lines(store) -> list[str]:
    out = io.StringIO()
    write_plover(store, out)
    return out.getvalue().splitlines()


def test_parquet_round_trips_through_duckdb(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert write_parquet(store, path) == 4
    con = duckdb.connect()
    columns = [row[0] for row in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()]
    assert columns == [name for name, _ in EVENT_COLUMNS]
    back = con.execute("SELECT id, cameo, context, location_geonameid FROM read_parquet(?) ORDER BY id",
                       [str(path)]).fetchall()
    assert {row[0] for row in back} == {CALL_1.id, CALL_2.id, BLAME.id, STATEMENT.id}
    assert (CALL_1.id, "041", ["diplomatic"], 2660646) in back
    assert write_parquet(store, tmp_path / "consult.parquet", event_type="CONSULT") == 2


def test_parquet_to_an_unwritable_place_is_a_clear_error(store, tmp_path):
    with pytest.raises(StoreError, match=r"\[E071\]"):
        write_parquet(store, tmp_path / "no" / "such" / "dir" / "x.parquet")
