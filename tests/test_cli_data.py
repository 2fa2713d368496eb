"""`eventwire aggregate | relations | export` on a tmp DuckDB file, via typer's CliRunner."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.records import ActorMention, Article, CodedArticle, DatePrecision, DateRef, Event, Span, content_id
from eventwire.store import Store


def actor(country: str) -> ActorMention:
    return ActorMention(text=country, start=0, end=3, name=country, country=country, sector="GOV", code=f"{country}GOV")


def report(key: str, published: date, *events: tuple[str, str, str, str, int, float, str]) -> CodedArticle:
    text = f"Bulletin {key}: Freedonia and Sylvania traded words and visits all spring."
    art = Article(id=content_id(text), text=text, published=published, url=f"https://{key}.example/story", origin=key)
    coded = tuple(
        Event(doc_id=art.id, sentence_index=i, sentence=text, trigger=Span("traded", 5 * i, 5 * i + 6),
              source=actor(src), target=actor(tgt), event_type=kind, mode=None, context=(), cameo=cameo,
              quad_class=quad, goldstein=goldstein, symmetric=kind == "CONSULT",
              date=DateRef(when, DatePrecision.DAY))
        for i, (src, tgt, kind, cameo, quad, goldstein, when) in enumerate(events)
    )
    return CodedArticle(art, coded, n_sentences=1)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.add(report("one", date(2021, 1, 6), ("FRE", "SYL", "CONSULT", "040", 1, 1.0, "2021-01-05"),
                         ("SYL", "FRE", "ACCUSE", "112", 3, -2.0, "2021-01-06")))
        store.add(report("two", date(2021, 1, 7), ("SYL", "FRE", "CONSULT", "040", 1, 1.0, "2021-01-06")))
        store.add(report("three", date(2021, 3, 2), ("SYL", "FRE", "ASSAULT", "190", 4, -10.0, "2021-03-01")))
    return str(path)


@pytest.fixture
def runner():
    return CliRunner()


def test_every_data_command_has_help(runner):
    for name in ("aggregate", "relations", "export"):
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_aggregate_reports_mentions_and_events(runner, db):
    result = runner.invoke(app, ["aggregate", "--db", db, "--top", "2"])
    assert result.exit_code == 0, result.output
    assert "4 mentions → 3 events" in result.output
    assert "CONSULT" in result.stdout  # the two-mention phone call tops the list


def test_relations_table_has_the_series_and_a_sparkline(runner, db):
    result = runner.invoke(app, ["relations", "FRE", "SYL", "--db", db])
    assert result.exit_code == 0, result.output
    for text in ("FRE ↔ SYL by month", "2021-01", "2021-02", "2021-03", "CONSULT", "material conflict"):
        assert text in result.stdout
    spark = next(line for line in result.stdout.splitlines() if line.startswith("events "))
    assert spark.split()[1] == "█·▅"  # Jan 2 events, Feb none, Mar 1
    assert "3 events, Goldstein sum -11.0" in result.stdout


def test_relations_json_and_csv(runner, db):
    result = runner.invoke(app, ["relations", "FREGOV", "SYLGOV", "--by", "day", "--format", "json", "--db", db,
                                 "--until", "2021-01"])
    assert result.exit_code == 0, result.output
    series = json.loads(result.stdout)
    assert [p["period"] for p in series["periods"]] == ["2021-01-05", "2021-01-06"]
    assert series["periods"][0]["quad1"] == 1 and series["periods"][0]["mentions"] == 2
    directed = runner.invoke(app, ["relations", "SYL", "FRE", "--directed", "--format", "csv", "--db", db])
    header, *rows = directed.stdout.splitlines()
    assert header.startswith("period,events,mentions,quad1,quad2,quad3,quad4,goldstein_sum")
    assert rows[0].startswith("2021-01,2,3,1,0,1,0,-1.0")  # consult (symmetric) + accusation


def test_relations_with_no_events_says_so(runner, db):
    result = runner.invoke(app, ["relations", "FRE", "ZAN", "--db", db])
    assert result.exit_code == 0 and "no events between FRE and ZAN" in result.stdout


def test_export_gdelt_to_stdout(runner, db):
    result = runner.invoke(app, ["export", "--format", "gdelt", "--db", db])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.startswith("GlobalEventID\tDay\tMonthYear\tYear\tFractionDate\tActor1Code")
    assert len(rows) == 3 and all(len(row.split("\t")) == 61 for row in rows)
    assert "3 events exported as gdelt" in result.stderr


def test_export_plover_csv_jsonl_with_filters(runner, db, tmp_path):
    plover = runner.invoke(app, ["export", "-f", "plover", "--db", db, "--type", "consult"])
    records = [json.loads(line) for line in plover.stdout.splitlines()]
    assert len(records) == 2 and [r["event"] for r in records] == [["CONSULT"], ["CONSULT"]]
    out = tmp_path / "events.csv"
    as_csv = runner.invoke(app, ["export", "-f", "csv", "--db", db, "--since", "2021-03", "--out", str(out)])
    assert as_csv.exit_code == 0, as_csv.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,doc_id,sentence_index") and len(lines) == 2 and ",190," in lines[1]
    as_jsonl = runner.invoke(app, ["export", "-f", "jsonl", "--db", db, "--actor", "fre"])
    assert len([json.loads(line) for line in as_jsonl.stdout.splitlines()]) == 4


def test_export_parquet_needs_out_and_writes_it(runner, db, tmp_path):
    missing = runner.invoke(app, ["export", "-f", "parquet", "--db", db])
    assert missing.exit_code == 1 and "[E070]" in missing.stderr
    path = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "-f", "parquet", "--db", db, "--out", str(path)])
    assert result.exit_code == 0, result.output
    (n,) = duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    assert n == 4


def test_bad_filters_fail_with_one_line(runner, db):
    result = runner.invoke(app, ["export", "-f", "gdelt", "--db", db, "--since", "spring"])
    assert result.exit_code == 1 and "[E041]" in result.stderr
    bad_dir = runner.invoke(app, ["export", "-f", "jsonl", "--db", db, "--out", "/nonexistent/dir/x.jsonl"])
    assert bad_dir.exit_code == 1 and "[E071]" in bad_dir.stderr
