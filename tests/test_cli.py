"""The command line, driven in-process with typer's CliRunner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire import pipeline as pipeline_module
from eventwire.cli import app

CONTRACT = {"id", "doc_id", "sentence_index", "sentence", "trigger", "source", "target", "event_type", "mode",
            "context", "cameo", "cameo_root", "quad_class", "goldstein", "negated", "modality", "claimed_by",
            "symmetric", "date", "date_precision", "date_text", "location", "confidence", "evidence"}
ACTOR = {"text", "start", "end", "name", "country", "sector", "code", "kb_id"}


@pytest.fixture(autouse=True)
def shared_pipeline(pipeline, monkeypatch):
    # the CLI builds a Pipeline per command; hand it the session's to keep tests fast
    monkeypatch.setattr(pipeline_module, "Pipeline", lambda **_: pipeline)


@pytest.fixture()
def runner():
    return CliRunner()


def test_code_jsonl_prints_the_event_contract(runner, seed_paths):
    article, _ = seed_paths
    result = runner.invoke(app, ["code", str(article), "--published", "2018-12-08", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(events) >= 12
    for ev in events:
        assert set(ev) == CONTRACT
        assert set(ev["source"]) == ACTOR
        assert ev["cameo_root"] == ev["cameo"][:2]
    text = article.read_text(encoding="utf-8")
    call = next(e for e in events if e["cameo"] == "041" and "telephone with" in e["sentence"])
    # offsets index the cleaned text, which keeps this sentence verbatim
    assert call["trigger"]["text"] == "spoke"
    assert call["source"]["name"] == "Benjamin Netanyahu" and call["target"]["name"] == "Vladimir Putin"
    assert call["sentence"] in text


def test_code_table_and_csv(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Brazil's president praised the Argentine government on Monday.\n")
    table = runner.invoke(app, ["code", str(path), "--published", "2021-06-12"])
    assert table.exit_code == 0 and "SUPPORT" in table.stdout and "BRAGOV" in table.stdout
    csv_out = runner.invoke(app, ["code", str(path), "--published", "2021-06-12", "--format", "csv"])
    header, row = csv_out.stdout.splitlines()[:2]
    assert header.startswith("id,doc_id,sentence_index") and ",051," in row


def test_code_reads_stdin(runner):
    result = runner.invoke(app, ["code", "-", "--format", "jsonl"], input="Germany criticized Russia on Monday.\n")
    assert result.exit_code == 0
    [ev] = [json.loads(line) for line in result.stdout.splitlines()]
    assert ev["event_type"] == "ACCUSE" and ev["date"] is None  # no publication date, no guess


def test_ingest_is_idempotent_and_events_are_queryable(runner, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "1", "text": "Israeli jets attacked Hezbollah positions on Friday.", "published": "2020-01-04"}\n'
        '{"id": "2", "text": "not json\n'
        '{"id": "3", "text": "The Kremlin condemned the NATO exercises.", "published": "2020-01-03"}\n'
    )
    db = tmp_path / "ew.duckdb"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "2 articles stored" in first.output and "1 skipped" in first.output and "[E004]" in first.output
    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert "0 articles stored" in second.output and "2 already stored" in second.output
    rows = runner.invoke(app, ["events", "--db", str(db), "--actor", "ISR", "--format", "jsonl"])
    events = [json.loads(line) for line in rows.stdout.splitlines()]
    assert len(events) == 1 and events[0]["event_type"] == "ASSAULT" and events[0]["date"] == "2020-01-03"
    by_type = runner.invoke(app, ["events", "--db", str(db), "--type", "ACCUSE", "--format", "jsonl"])
    assert [json.loads(line)["source"]["code"] for line in by_type.stdout.splitlines()] == ["RUSGOV"]


def test_bad_published_date_is_one_line_error(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Germany criticized Russia.\n")
    result = runner.invoke(app, ["code", str(path), "--published", "08/12/2018"])
    assert result.exit_code == 1
    assert "[E010]" in result.output and len(result.output.strip().splitlines()) == 1


def test_missing_path_is_one_line_error(runner, tmp_path):
    result = runner.invoke(app, ["code", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "[E006]" in result.output


def test_explain_shows_rule_and_actors(runner):
    result = runner.invoke(app, ["explain", "Turkey refused to meet Greek officials."])
    assert result.exit_code == 0
    assert "consult/meet" in result.stdout and "negated by 'refused'" in result.stdout and "GRCGOV" in result.stdout


def test_every_command_has_help(runner):
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert (command.callback.__doc__ or "").strip(), name
        assert runner.invoke(app, [name, "--help"]).exit_code == 0


def test_actors_lookup_is_time_aware(runner):
    result = runner.invoke(app, ["actors", "lookup", "the Israeli premier", "--date", "2018-12-08"])
    assert result.exit_code == 0 and "Benjamin Netanyahu" in result.stdout and "ISRGOV" in result.stdout
    earlier = runner.invoke(app, ["actors", "lookup", "the Israeli premier", "--date", "2007-01-01"])
    assert "Ehud Olmert" in earlier.stdout
    kremlin = runner.invoke(app, ["actors", "lookup", "the Kremlin"])
    assert "RUSGOV" in kremlin.stdout and "metonym" in kremlin.stdout


def test_evaluate_seed_prints_the_score(runner, seed_paths):
    _, gold = seed_paths
    result = runner.invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 0
    found = int(result.stdout.split("seed: ")[1].split("/")[0])
    assert found >= 12


def test_ingest_stores_quotes_queryable_by_speaker(runner, tmp_path):
    path = tmp_path / "q.txt"
    path.write_text('"We will not accept this," Russian President Vladimir Putin said on Friday.\n')
    db = tmp_path / "q.duckdb"
    assert runner.invoke(app, ["ingest", str(path), "--db", str(db), "--published", "2021-06-12"]).exit_code == 0
    rows = runner.invoke(app, ["quotes", "--db", str(db), "--actor", "RUS", "--format", "jsonl"])
    [quote] = [json.loads(line) for line in rows.stdout.splitlines()]
    assert quote["direct"] and quote["speaker"]["name"] == "Vladimir Putin"
    assert quote["content"]["text"].startswith("We will not accept this")
    assert runner.invoke(app, ["quotes", "--db", str(db), "--actor", "USA", "--format", "jsonl"]).stdout.strip() == ""


def test_user_knowledge_base_file(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_KB", raising=False)  # the command sets it; restore afterwards
    kb = tmp_path / "mine.yaml"
    kb.write_text("organisations:\n  - {id: freedonia-front, name: Freedonia Front, aliases: [FLF], sector: REB, country: ISR}\n")
    result = runner.invoke(app, ["actors", "lookup", "the FLF", "--kb", str(kb)])
    assert "ISRREB" in result.stdout and "freedonia-front" in result.stdout
    from eventwire.kb import load_kb

    monkeypatch.setenv("EVENTWIRE_KB", str(kb))
    assert load_kb().lookup("flf")[0].kb_id == "freedonia-front"
    bad = tmp_path / "bad.yaml"
    bad.write_text("people: 3\n")
    broken = runner.invoke(app, ["code", "-", "--kb", str(bad)], input="Germany criticized Russia.\n")
    assert broken.exit_code == 1 and "[E0" in broken.output


def test_explain_reports_a_fault_in_the_coder_in_one_line(runner, monkeypatch):
    class Broken:
        def code_text(self, *args, **kwargs):
            raise ValueError("no head for token 7")

    monkeypatch.setattr("eventwire.cli._pipeline", lambda model: Broken())
    result = runner.invoke(app, ["explain", "Turkey refused to meet Greek officials."])
    assert result.exit_code == 1
    assert "[E015] internal error while coding: ValueError: no head for token 7" in result.output
    assert "Traceback" not in result.output
