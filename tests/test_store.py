"""The DuckDB store: migrations, idempotent adds, events back in the JSON contract shape."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.errors import StoreError
from eventwire.records import (
    ActorMention,
    Article,
    CodedArticle,
    DatePrecision,
    DateRef,
    Event,
    Modality,
    Place,
    Skip,
    Span,
    content_id,
)
from eventwire.store import DEFAULT_DB, EVENT_COLUMNS, Store, default_db_path, event_to_row, row_to_event

TEXT = (
    "Freedonian President Rufus Firefly spoke by telephone with Sylvanian Prime Minister Anna Trentino. "
    "Sylvania accused Freedonia of massing troops, state radio said. "
    "Protesters marched in Freedonia."
)


def actor(text: str, name: str | None, country: str | None, sector: str | None, kb_id: str | None = None):
    start = TEXT.index(text)
    return ActorMention(
        text=text,
        start=start,
        end=start + len(text),
        name=name,
        country=country,
        sector=sector,
        code=(country or "") + (sector or "") or None,
        kb_id=kb_id,
    )


def trigger(word: str) -> Span:
    start = TEXT.index(word)
    return Span(word, start, start + len(word))


ARTICLE = Article(
    id=content_id(TEXT), text=TEXT, published=date(2021, 3, 14), title="Leaders talk", url=None, origin="t.txt"
)
FIREFLY = actor("Freedonian President Rufus Firefly", "Rufus Firefly", "FRE", "GOV", "Q1")
TRENTINO = actor("Sylvanian Prime Minister Anna Trentino", "Anna Trentino", "SYL", "GOV", "Q2")

PHONE_CALL = Event(
    doc_id=ARTICLE.id,
    sentence_index=0,
    sentence=TEXT.split(". ")[0] + ".",
    trigger=trigger("spoke"),
    source=FIREFLY,
    target=TRENTINO,
    event_type="CONSULT",
    mode="phone",
    context=("military", "diplomatic"),
    cameo="041",
    quad_class=1,
    goldstein=1.0,
    symmetric=True,
    date=DateRef("2021-03-13", DatePrecision.DAY, "Saturday", 10, 18),
    location=Place("Geneva", "CHE", 46.2022, 6.14569, 2660646),
    confidence=0.9134,
    evidence="rule consult/phone",
)
ACCUSATION = Event(
    doc_id=ARTICLE.id,
    sentence_index=1,
    sentence="Sylvania accused Freedonia of massing troops, state radio said.",
    trigger=trigger("accused"),
    source=actor("Sylvania", None, "SYL", None),
    target=actor("Freedonia of", None, "FRE", None),
    event_type="ACCUSE",
    mode=None,
    context=(),
    cameo="112",
    quad_class=3,
    goldstein=-2.0,
    negated=True,
    modality=Modality.REPORTED,
    claimed_by=actor("state radio", None, "SYL", "MED"),
    date=DateRef("2021-02", DatePrecision.MONTH),
)
PROTEST = Event(  # no target, no date, no location
    doc_id=ARTICLE.id,
    sentence_index=2,
    sentence="Protesters marched in Freedonia.",
    trigger=trigger("marched"),
    source=actor("Protesters", None, "FRE", "CVL"),
    target=None,
    event_type="PROTEST",
    mode="demonstrate",
    context=(),
    cameo="141",
    quad_class=3,
    goldstein=-6.5,
)
CODED = CodedArticle(ARTICLE, (PHONE_CALL, ACCUSATION, PROTEST), n_sentences=3)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "events.duckdb") as opened:
        yield opened


def test_migration_is_applied_once_and_recorded(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as first:
        assert first.schema_version() >= 1
        rows = first.con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert rows[0] == (1, "initial")
    with Store(path) as again:
        assert again.migrate() == []  # nothing new to apply
        again_rows = again.con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert again_rows == rows


def test_events_table_matches_the_column_spec(store):
    described = store.con.execute("DESCRIBE events").fetchall()
    assert [(name, kind) for name, kind, *_ in described] == list(EVENT_COLUMNS)


def test_adding_the_same_article_twice_stores_it_once(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        assert store.add(CODED) is True
        assert store.add(CODED) is False
        assert store.has_article(ARTICLE.id)
    with Store(path) as reopened:  # idempotent across runs too
        assert reopened.add(CODED) is False
        assert reopened.counts() == {"articles": 1, "events": 3, "skips": 0}
        assert reopened.article(ARTICLE.id) == ARTICLE


def test_a_batch_stores_each_new_article_once_in_one_write(store):
    other_text = "Sylvania and Freedonia signed a trade pact on Monday."
    other = Article(id=content_id(other_text), text=other_text, published=date(2021, 3, 15), origin="u.txt")
    store.add(CODED)
    # already stored, new, and the new one again in the same batch
    assert store.add_many([CODED, CodedArticle(other), CodedArticle(other)]) == [False, True, False]
    assert store.counts() == {"articles": 2, "events": 3, "skips": 0}
    assert store.article(other.id) == other


def test_events_round_trip_to_exactly_the_json_contract(store):
    store.add(CODED)
    stored = {event["id"]: event for event in store.events()}
    for event in CODED.events:
        assert stored[event.id] == event.to_dict()
        assert list(stored[event.id]) == list(event.to_dict())  # same key order too
    assert stored[PROTEST.id]["target"] is None and stored[PROTEST.id]["location"] is None
    assert stored[PROTEST.id]["context"] == []


def test_row_mapping_is_its_own_inverse():
    for event in CODED.events:
        assert row_to_event(event_to_row(event.to_dict())) == event.to_dict()


def test_filters_by_actor_type_cameo_date_and_doc(store):
    store.add(CODED)

    def ids(**filters):
        return {e["id"] for e in store.events(**filters)}

    assert ids(actor="SYL") == {PHONE_CALL.id, ACCUSATION.id}  # country, source or target
    assert ids(actor="FREGOV") == {PHONE_CALL.id}  # actor code
    assert ids(actor="Q2") == {PHONE_CALL.id}  # knowledge-base id
    assert ids(actor="fre") == {PHONE_CALL.id, ACCUSATION.id, PROTEST.id}
    assert ids(event_type="ACCUSE") == {ACCUSATION.id}
    assert ids(cameo="04") == {PHONE_CALL.id}
    assert ids(since="2021-03-01") == {PHONE_CALL.id}
    assert ids(since="2021-02-20", until="2021-02-28") == {ACCUSATION.id}  # month overlaps
    assert ids(until="2021-02") == {ACCUSATION.id}
    assert ids(doc_id="nope") == set()
    assert len(store.events(limit=2)) == 2
    assert [e["id"] for e in store.events()][:2] == [ACCUSATION.id, PHONE_CALL.id]  # by date


def test_bad_date_filter_is_a_clear_error(store):
    with pytest.raises(StoreError, match=r"\[E041\]"):
        store.events(since="March 2021")


def test_filter_values_are_parameters_not_sql(store):
    store.add(CODED)
    assert store.events(actor="x' OR '1'='1") == []


def test_skip_is_recorded_once(store):
    skip = Skip("bad.txt", "[E001] bad.txt: file is empty")
    store.add_skip(skip)
    store.add_skip(skip)
    assert store.skips() == [skip]
    assert store.counts()["skips"] == 1


def test_default_db_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    assert default_db_path() == DEFAULT_DB
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "x.duckdb"))
    assert default_db_path() == tmp_path / "x.duckdb"


def test_store_in_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match=r"\[E042\]"):
        Store(tmp_path / "no" / "such" / "events.duckdb")
