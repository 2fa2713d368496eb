"""The event store: one DuckDB file with articles, events and skipped inputs.

Events are stored as flat rows (``source_country``, ``trigger_start``,
``location_lat`` ...) so they can be queried with plain SQL, and read back as
dicts in exactly the shape of :meth:`eventwire.records.Event.to_dict` (the JSON
contract of DESIGN.md). ``EVENT_SPEC`` is the single description of that
mapping; :func:`event_to_row` and :func:`row_to_event` are its two directions.

Schema changes are SQL files ``eventwire/migrations/NNN_name.sql``, applied in
order when a store is opened and recorded in ``schema_migrations``.

The default database is ``$EVENTWIRE_DB`` when that is set, else
``./eventwire.duckdb`` (:data:`DEFAULT_DB`, relative to the working directory);
see :func:`default_db_path`.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from eventwire.errors import E041, E042, E043, E044, StoreError
from eventwire.records import Article, CodedArticle, Skip

logger = logging.getLogger(__name__)

DEFAULT_DB = Path("eventwire.duckdb")
"""Database used when neither a path nor ``$EVENTWIRE_DB`` is given."""
DB_ENV_VAR = "EVENTWIRE_DB"
MEMORY = ":memory:"

_MIGRATION_NAME = re.compile(r"^(\d{3})_(\w+)\.sql$")
_DATE_FILTER = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# --------------------------------------------------------------------------- row <-> contract

_ACTOR = (
    ("text", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("sector", "VARCHAR"),
    ("code", "VARCHAR"),
    ("kb_id", "VARCHAR"),
)
_SPAN = (("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"))
_PLACE = (
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("geonameid", "BIGINT"),
)

EVENT_SPEC: tuple[tuple[str, str | tuple[tuple[str, str], ...]], ...] = (
    ("id", "VARCHAR"),
    ("doc_id", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("sentence", "VARCHAR"),
    ("trigger", _SPAN),
    ("source", _ACTOR),
    ("target", _ACTOR),
    ("event_type", "VARCHAR"),
    ("mode", "VARCHAR"),
    ("context", "VARCHAR[]"),
    ("cameo", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("negated", "BOOLEAN"),
    ("modality", "VARCHAR"),
    ("claimed_by", _ACTOR),
    ("symmetric", "BOOLEAN"),
    ("date", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    ("date_text", "VARCHAR"),
    ("location", _PLACE),
    ("confidence", "DOUBLE"),
    ("evidence", "VARCHAR"),
)
"""Contract key → SQL type, or → (field, SQL type) pairs for a nested object
stored as ``<key>_<field>`` columns. Order is the contract's key order."""


QUOTE_SPEC: tuple[tuple[str, str | tuple[tuple[str, str], ...]], ...] = (
    ("doc_id", "VARCHAR"),
    ("quote_index", "INTEGER"),
    ("cue", _SPAN),
    ("content", _SPAN),
    ("source", _SPAN),
    ("speaker", _ACTOR),
    ("direct", "BOOLEAN"),
)
"""The ``quotes`` table: ``Quote.to_dict()`` plus its article and position, flattened like events."""


def _columns(spec=EVENT_SPEC) -> list[tuple[str, str]]:
    cols: list[tuple[str, str]] = []
    for key, kind in spec:
        if isinstance(kind, str):
            cols.append((key, kind))
        else:
            cols.extend((f"{key}_{sub}", sub_kind) for sub, sub_kind in kind)
    return cols


EVENT_COLUMNS: tuple[tuple[str, str], ...] = tuple(_columns())
"""(column, SQL type) of the ``events`` table, derived from EVENT_SPEC."""
_COLUMN_LIST = ", ".join(f'"{name}"' for name, _ in EVENT_COLUMNS)
QUOTE_COLUMNS: tuple[tuple[str, str], ...] = tuple(_columns(QUOTE_SPEC))
_QUOTE_COLUMN_LIST = ", ".join(f'"{name}"' for name, _ in QUOTE_COLUMNS)


def event_to_row(event: dict[str, Any], spec=EVENT_SPEC) -> tuple[Any, ...]:
    """Flatten a contract dict (``Event.to_dict()``) into an ``events`` row."""
    row: list[Any] = []
    for key, kind in spec:
        value = event[key]
        if isinstance(kind, str):
            row.append(value)
        else:
            row.extend(value[sub] if value is not None else None for sub, _ in kind)
    return tuple(row)


def row_to_event(row: Sequence[Any], spec=EVENT_SPEC) -> dict[str, Any]:
    """Rebuild the contract dict from an ``events`` row (inverse of event_to_row).

    A nested object whose columns are all NULL is ``None`` (no target, no
    location ...): every nested object of the contract has a non-null field.
    """
    values = iter(row)
    event: dict[str, Any] = {}
    for key, kind in spec:
        if isinstance(kind, str):
            event[key] = next(values)
        else:
            fields = {sub: next(values) for sub, _ in kind}
            event[key] = fields if any(v is not None for v in fields.values()) else None
    if spec is EVENT_SPEC and event["context"] is None:  # the contract's context is always a list
        event["context"] = []
    return event


def _insert_many(con: duckdb.DuckDBPyConnection, table: str, columns: str, rows: list[tuple], *,
                 ignore: bool = True) -> None:
    """One multi-row INSERT (DuckDB's executemany runs row by row and dominated ingest time)."""
    width = len(rows[0])
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    for i in range(0, len(rows), 200):
        chunk = rows[i:i + 200]
        values = ", ".join("(" + ", ".join("?" * width) + ")" for _ in chunk)
        con.execute(f"{verb} INTO {table} ({columns}) VALUES {values}", [v for r in chunk for v in r])


# --------------------------------------------------------------------------- store


def default_db_path() -> Path:
    """``$EVENTWIRE_DB`` if set (read at call time), else :data:`DEFAULT_DB`."""
    env = os.environ.get(DB_ENV_VAR)
    return Path(env) if env else DEFAULT_DB


def _migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of the packaged migrations, in version order."""
    found = []
    for entry in resources.files("eventwire").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    return sorted(found)


class Store:
    """A DuckDB event store (one file). Use as a context manager or call close().

    ``Store(":memory:")`` gives a throwaway in-memory store.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else str(default_db_path())
        if self.path != MEMORY and not Path(self.path).parent.exists():
            raise StoreError(E042.format(path=self.path, detail="its folder does not exist"))
        try:
            self._con = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise StoreError(E042.format(path=self.path, detail=_first_line(exc))) from exc
        self.migrate()

    # context manager -----------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database file (safe to call twice)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The underlying DuckDB connection, for ad-hoc SQL (read-only use advised)."""
        if self._con is None:
            raise StoreError(E042.format(path=self.path, detail="the store is closed"))
        return self._con

    # migrations ----------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply migrations not yet recorded in ``schema_migrations``; return their versions."""
        con = self.con
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        done = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, name, sql in _migrations():
            if version in done:
                continue
            try:
                con.execute("BEGIN TRANSACTION")
                con.execute(sql)
                con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, current_timestamp)", [version, name]
                )
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                current = max(done | set(applied), default=0)
                raise StoreError(
                    E043.format(path=self.path, name=f"{version:03d}_{name}", detail=_first_line(exc), version=current)
                ) from exc
            logger.info("%s: applied migration %03d_%s", self.path, version, name)
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        """The highest applied migration (0 for none)."""
        (version,) = self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        return int(version)

    # writing -------------------------------------------------------------
    def has_article(self, doc_id: str) -> bool:
        """True when an article with this id (content hash) is stored."""
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [doc_id]).fetchone() is not None

    def add(self, coded: CodedArticle) -> bool:
        """Store an article and its events in one transaction.

        Returns False (and writes nothing) when the article id is already
        stored, so re-ingesting the same text is a no-op. Raises StoreError
        (E044) when the write fails; nothing of the article is then stored.
        """
        return self.add_many([coded])[0]

    def add_many(self, batch: Sequence[CodedArticle]) -> list[bool]:
        """Store several articles with their events and quotes in one transaction: what
        ``add`` does for each (the list says which were new), at a fraction of the cost
        of a transaction per article. If the write fails, the articles are stored one
        by one, so only the one that cannot be written raises StoreError (E044)."""
        ids = [c.article.id for c in batch]
        if not ids:
            return []
        stored = {row[0] for row in self.con.execute(
            f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(ids))})", ids).fetchall()}
        fresh: dict[str, CodedArticle] = {}
        for coded in batch:
            if coded.article.id in stored or coded.article.id in fresh:
                logger.debug("article %s already stored", coded.article.id)
            else:
                fresh[coded.article.id] = coded
        if not fresh:
            return [False] * len(batch)
        articles, events, quotes = [], {}, []
        for coded in fresh.values():
            a = coded.article
            articles.append((a.id, a.origin, a.title, a.url, a.published, a.text, coded.n_sentences))
            # one row per id: two mentions coded identically in one sentence share an id
            events.update((row[0], row) for row in (event_to_row(e.to_dict()) for e in coded.events))
            quotes.extend(event_to_row({"doc_id": a.id, "quote_index": i, **q.to_dict()}, QUOTE_SPEC)
                          for i, q in enumerate(coded.quotes))
        con = self.con
        try:
            con.execute("BEGIN TRANSACTION")
            _insert_many(con, "articles", "id, origin, title, url, published, text, n_sentences", articles,
                         ignore=False)
            if events:
                _insert_many(con, "events", _COLUMN_LIST, list(events.values()))
            if quotes:
                _insert_many(con, "quotes", _QUOTE_COLUMN_LIST, quotes)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            if len(fresh) > 1:
                return [fresh.get(c.article.id) is c and self.add(c) for c in batch]
            raise StoreError(E044.format(path=self.path, doc_id=next(iter(fresh)), detail=_first_line(exc))) from exc
        return [fresh.get(c.article.id) is c for c in batch]

    def add_skip(self, skip: Skip) -> None:
        """Record an input that was not coded (once per origin and reason)."""
        self.con.execute(
            "INSERT INTO skips (origin, reason, recorded_at) SELECT ?, ?, current_timestamp "
            "WHERE NOT EXISTS (SELECT 1 FROM skips WHERE origin = ? AND reason = ?)",
            [skip.origin, skip.reason, skip.origin, skip.reason],
        )

    # reading -------------------------------------------------------------
    def article(self, doc_id: str) -> Article | None:
        """The stored article with this id, or None."""
        row = self.con.execute(
            "SELECT id, text, published, title, url, origin FROM articles WHERE id = ?", [doc_id]
        ).fetchone()
        if row is None:
            return None
        return Article(id=row[0], text=row[1], published=row[2], title=row[3], url=row[4], origin=row[5])

    def events(
        self,
        *,
        actor: str | None = None,
        event_type: str | None = None,
        cameo: str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events as contract dicts (``Event.to_dict()`` shape), filtered.

        ``actor`` matches the source or target by country (``ISR``), actor code
        (``ISRGOV``) or knowledge-base id; ``cameo`` is a code prefix (``"04"``
        matches 040-046); ``since``/``until`` (YYYY, YYYY-MM or YYYY-MM-DD,
        inclusive) keep events whose date overlaps the range, so a month-precision
        ``2018-12`` event is kept by ``since="2018-12-15"``; undated events are
        dropped by a date filter. Ordered by date, then article and position.
        """
        where: list[str] = []
        params: list[Any] = []
        if actor:
            code = actor.upper()
            where.append(
                "(source_country = ? OR source_code = ? OR source_kb_id = ? "
                "OR target_country = ? OR target_code = ? OR target_kb_id = ?)"
            )
            params += [code, code, actor, code, code, actor]
        if event_type:
            where.append("event_type = ?")
            params.append(event_type.upper())
        if cameo:
            where.append("starts_with(cameo, ?)")
            params.append(cameo)
        # ISO strings compare like dates; "~" sorts after every digit, so
        # "2018-12~" is the end of a month-precision date (and of the filter).
        if since:
            where.append("\"date\" || '~' >= ?")
            params.append(_date_filter(since))
        if until:
            where.append("\"date\" <= ? || '~'")
            params.append(_date_filter(until))
        if doc_id:
            where.append("doc_id = ?")
            params.append(doc_id)
        return self._select("events", EVENT_SPEC, where, params,
                            '"date" NULLS LAST, doc_id, sentence_index, trigger_start, id', limit)

    def quotes(self, *, actor: str | None = None, doc_id: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Stored quotes as ``Quote.to_dict()`` dicts plus ``doc_id`` and ``quote_index``;
        ``actor`` matches the speaker's country, code or knowledge-base id."""
        where, params = [], []
        if actor:
            where.append("(speaker_country = ? OR speaker_code = ? OR speaker_kb_id = ?)")
            params += [actor.upper(), actor.upper(), actor]
        if doc_id:
            where.append("doc_id = ?")
            params.append(doc_id)
        return self._select("quotes", QUOTE_SPEC, where, params, "doc_id, quote_index", limit)

    def _select(self, table: str, spec, where: list[str], params: list[Any], order: str,
                limit: int | None) -> list[dict[str, Any]]:
        """Rows of ``table`` as nested dicts (``spec``), filtered by parameterised ``where`` clauses."""
        columns = _COLUMN_LIST if spec is EVENT_SPEC else _QUOTE_COLUMN_LIST
        sql = f"SELECT {columns} FROM {table}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, int(limit)]
        return [row_to_event(row, spec) for row in self.con.execute(sql, params).fetchall()]

    def skips(self, limit: int | None = None) -> list[Skip]:
        """Recorded skips, oldest first."""
        sql = "SELECT origin, reason FROM skips ORDER BY recorded_at, origin"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [Skip(origin, reason) for origin, reason in self.con.execute(sql, params).fetchall()]

    def counts(self) -> dict[str, int]:
        """Numbers of stored articles, events and skips."""
        row = self.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM skips)"
        ).fetchone()
        return {"articles": int(row[0]), "events": int(row[1]), "skips": int(row[2])}


def _date_filter(value: str) -> str:
    if not _DATE_FILTER.match(value):
        raise StoreError(E041.format(value=value))
    return value


def _first_line(exc: BaseException) -> str:
    """DuckDB messages span lines; error templates are one line."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
