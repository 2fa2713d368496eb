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
    PLOVER_ACTOR_FIELDS,
    PLOVER_FIELDS,
    write_gdelt,
    write_parquet,
    write_plover,
)
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


def test_gdelt_columns_follow_the_2_0_codebook():
    assert GDELT_COLUMNS[:8] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate", "Actor1Code",
                                 "Actor1Name", "Actor1CountryCode")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert "Actor1Geo_ADM2Code" in GDELT_COLUMNS and "ActionGeo_FeatureID" in GDELT_COLUMNS


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
    assert (call["ActionGeo_Type"], call["ActionGeo_FullName"], call["ActionGeo_FeatureID"]) == ("4", "Geneva", "2660646")
    assert call["SOURCEURL"] == "https://news.example/leaders" and len(call["DATEADDED"]) == 14
    blame = next(r for r in rows if r["EventCode"] == "112")
    assert (blame["Day"], blame["MonthYear"], blame["Year"]) == ("", "202103", "2021")  # month precision
    statement = next(r for r in rows if r["EventCode"] == "010")
    assert statement["Actor2Code"] == "" and statement["Day"] == "" and statement["SOURCEURL"] == A2.origin
    assert len({r["GlobalEventID"] for r in rows}) == 3 and all(r["GlobalEventID"].isdigit() for r in rows)


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
        assert list(record["source"]) == list(PLOVER_ACTOR_FIELDS)
    call = next(r for r in records if r["id"] == CALL_1.id)
    assert (call["event_type"], call["mode"], call["context"], call["date"], call["date_resolution"]) == (
        "CONSULT", "phone", ["diplomatic"], "2021-03-08", "day")
    assert (call["source"]["actor"], call["source"]["agent"], call["source"]["code"]) == ("FRE", "GOV", "FREGOV")
    assert call["text"] == CALL_1.sentence and call["location"]["place_name"] == "Geneva"
    assert (call["story_id"], call["story_date"], call["headline"], call["publisher"]) == (
        A1.id, "2021-03-09", "Leaders talk", "news.example")
    other_report = next(r for r in records if r["id"] == CALL_2.id)
    assert other_report["event_id"] == call["event_id"]  # both mentions of one event
    assert other_report["publisher"] == "corpus.jsonl"
    statement = next(r for r in records if r["id"] == STATEMENT.id)
    assert statement["event_type"] is None and statement["target"] is None and statement["cameo"] == "010"


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
