"""CLI commands over the stored data: aggregation, dyad relations, exports.

Registered on the ``app`` of :mod:`eventwire.cli` when that module imports
this one; each command opens the store, calls a library function from
:mod:`eventwire.aggregate`, :mod:`eventwire.relations` or :mod:`eventwire.exports`, and prints.
"""

from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional, TextIO

import typer
from rich.console import Console
from rich.table import Table

from .cli import Format, _fail, app, err, write_events
from .errors import E070, E071, EventwireError, StoreError

if TYPE_CHECKING:
    from .relations import Relations

_DB_HELP = "DuckDB file (default: $EVENTWIRE_DB or ./eventwire.duckdb)"
_QUADS = ("verbal coop", "material coop", "verbal conflict", "material conflict")


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class RelationsFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(str, Enum):
    gdelt = "gdelt"
    plover = "plover"
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


@app.command("aggregate")
def aggregate_command(
    db: Optional[Path] = typer.Option(None, help=_DB_HELP),
    window: int = typer.Option(3, help="days within which day-precision reports are one event"),
    top: int = typer.Option(0, help="also list the N most-reported events"),
) -> None:
    """Merge mentions of the same event (across sentences and articles) into events."""
    from .aggregate import aggregate, aggregated_events
    from .store import Store

    try:
        with Store(db) as store:
            summary = aggregate(store, window_days=window)
            if top > 0:
                events = sorted(aggregated_events(store), key=lambda e: (-e["num_mentions"], e["date"] or ""))[:top]
                table = Table(header_style="bold")
                for col in ("date", "source", "event", "target", "cameo", "mentions", "articles", "sources"):
                    table.add_column(col)
                for ev in events:
                    table.add_row(ev["date"] or "-", ev["source_code"] or "-", ev["event_type"] or "STATEMENT",
                                  ev["target_code"] or "-", ev["cameo"], str(ev["num_mentions"]),
                                  str(ev["num_articles"]), str(ev["num_sources"]))
                Console(file=sys.stdout, width=160 if not sys.stdout.isatty() else None).print(table)
        err.print(f"{summary.mentions} mentions → {summary.events} events "
                  f"(window {window} days) in {summary.seconds:.2f}s; database {store.path}",
                  highlight=False, soft_wrap=True)
    except EventwireError as exc:
        _fail(exc)


@app.command()
def relations(
    a: str = typer.Argument(..., help="first actor: country (ISR), actor code (ISRGOV) or kb id"),
    b: str = typer.Argument(..., help="second actor, same forms"),
    by: Period = typer.Option(Period.month, "--by", help="period of the series"),
    directed: bool = typer.Option(False, "--directed", help="only events from A to B (symmetric ones count both ways)"),
    since: Optional[str] = typer.Option(None, help="events dated on or after YYYY[-MM[-DD]]"),
    until: Optional[str] = typer.Option(None, help="events dated on or before YYYY[-MM[-DD]]"),
    format: RelationsFormat = typer.Option(RelationsFormat.table, "--format", "-f", help="output format"),
    db: Optional[Path] = typer.Option(None, help=_DB_HELP),
) -> None:
    """The series of events between two actors: QuadClass counts, Goldstein, top types."""
    from .relations import relations as dyad_series
    from .store import Store

    try:
        with Store(db) as store:
            series = dyad_series(store, a, b, by=by.value, directed=directed, since=since, until=until)
    except EventwireError as exc:
        _fail(exc)
        return
    if format is RelationsFormat.json:
        typer.echo(json.dumps(series.to_dict(), ensure_ascii=False, indent=2))
    elif format is RelationsFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["period", "events", "mentions", "quad1", "quad2", "quad3", "quad4",
                         "goldstein_sum", "goldstein_mean", "top_types"])
        for p in series.periods:
            row = p.to_dict()
            writer.writerow([row["period"], row["events"], row["mentions"], *p.quad_class, row["goldstein_sum"],
                             "" if row["goldstein_mean"] is None else row["goldstein_mean"],
                             ";".join(f"{t}:{n}" for t, n in p.top_types)])
    else:
        _print_relations(series)


def _print_relations(series: "Relations") -> None:
    from .relations import sparkline

    arrow = "→" if series.directed else "↔"
    out = Console(file=sys.stdout, width=160 if not sys.stdout.isatty() else None)
    if not series.periods:
        out.print(f"no events between {series.a} and {series.b}"
                  + (f" ({series.unplaced} dated too coarsely for --by {series.by})" if series.unplaced else ""),
                  highlight=False)
        return
    table = Table(title=f"{series.a} {arrow} {series.b} by {series.by}", header_style="bold")
    for col in ("period", "events", "mentions", *_QUADS, "Goldstein sum", "mean", "top types"):
        table.add_column(col, justify="left" if col in ("period", "top types") else "right")
    for p in series.periods:
        table.add_row(p.period, str(p.events), str(p.mentions), *(str(n) for n in p.quad_class),
                      f"{p.goldstein_sum:+.1f}", "-" if p.goldstein_mean is None else f"{p.goldstein_mean:+.2f}",
                      ", ".join(f"{t} {n}" for t, n in p.top_types))
    out.print(table)
    out.print(f"events    {sparkline([p.events for p in series.periods])}", highlight=False)
    out.print(f"goldstein {sparkline([p.goldstein_sum for p in series.periods])}", highlight=False)
    total = sum(p.goldstein_sum for p in series.periods)
    top = ", ".join(f"{t} ({n})" for t, n in series.top_types) or "-"
    out.print(f"{series.events} events, Goldstein sum {total:+.1f}; top types: {top}"
              + (f"; {series.unplaced} dated too coarsely for --by {series.by}" if series.unplaced else ""),
              highlight=False)


@contextmanager
def _output(path: Optional[Path]) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise StoreError(E071.format(path=path, detail=exc.strerror or exc)) from exc
    with handle:
        yield handle


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="gdelt (TSV), plover (JSONL), parquet, csv, jsonl"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="file to write (default: standard output; parquet needs one)"),
    db: Optional[Path] = typer.Option(None, help=_DB_HELP),
    actor: Optional[str] = typer.Option(None, help="source or target: country (ISR), actor code (ISRGOV) or kb id"),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. CONSULT"),
    since: Optional[str] = typer.Option(None, help="events dated on or after YYYY[-MM[-DD]]"),
    until: Optional[str] = typer.Option(None, help="events dated on or before YYYY[-MM[-DD]]"),
    header: bool = typer.Option(True, "--header/--no-header", help="gdelt: first line with the column names"),
) -> None:
    """Export stored events: GDELT 2.0 table, PLOVER JSON, Parquet, CSV or JSONL."""
    from .exports import write_gdelt, write_parquet, write_plover
    from .store import Store

    filters = {"actor": actor, "event_type": type, "since": since, "until": until}
    try:
        if format is ExportFormat.parquet and out is None:
            raise EventwireError(E070.format(fmt=format.value))
        with Store(db) as store:
            if format is ExportFormat.parquet:
                n = write_parquet(store, out, **filters)
            else:
                with _output(out) as handle:
                    if format is ExportFormat.gdelt:
                        n = write_gdelt(store, handle, header=header, **filters)
                    elif format is ExportFormat.plover:
                        n = write_plover(store, handle, **filters)
                    else:
                        rows = store.events(**{k: v for k, v in filters.items() if v})
                        n = write_events(rows, Format(format.value), handle)
        unit = "events" if format is ExportFormat.gdelt else "mentions"
        err.print(f"{n} {unit} exported as {format.value}" + (f" to {out}" if out else ""),
                  highlight=False, soft_wrap=True)
    except EventwireError as exc:
        _fail(exc)
