"""Aggregation (mentions → events) and dyad series, on hand-made stores (no spaCy model)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import aggregate as aggregate_module
from eventwire.aggregate import aggregate, aggregated_events, ensure_aggregated, mentions_of
from eventwire.errors import EventwireError, StoreError
from eventwire.records import ActorMention, Article, CodedArticle, DatePrecision, DateRef, Event, Span, content_id
from eventwire.relations import period_of, relations, sparkline
from eventwire.store import Store

# event type -> (CAMEO code, QuadClass, Goldstein, symmetric)
TYPES = {
    "CONSULT": ("040", 1, 1.0, True),
    "AID": ("070", 2, 7.0, False),
    "ACCUSE": ("112", 3, -2.0, False),
    "ASSAULT": ("190", 4, -10.0, False),
}


def article(key: str, published: date, url: str | None = None) -> Article:
    text = f"Dispatch {key}. Freedonia and Sylvania met in the capital. Sylvania blamed Freedonia for the delay."
    return Article(id=content_id(text), text=text, published=published, url=url, origin=f"wire/{key}.txt")


def actor(country: str, sector: str = "GOV", kb_id: str | None = None) -> ActorMention:
    return ActorMention(text=country, start=0, end=len(country), name=f"{country} government", country=country,
                        sector=sector, code=country + sector, kb_id=kb_id)


def event(art: Article, index: int, source: ActorMention, target: ActorMention | None, event_type: str,
          when: str | None, *, precision: DatePrecision = DatePrecision.DAY) -> Event:
    cameo, quad, goldstein, symmetric = TYPES[event_type]
    return Event(doc_id=art.id, sentence_index=index, sentence=f"Sentence {index} of {art.id}.",
                 trigger=Span("met", 10 * index, 10 * index + 3), source=source, target=target,
                 event_type=event_type, mode=None, context=(), cameo=cameo, quad_class=quad, goldstein=goldstein,
                 symmetric=symmetric, date=DateRef(when, precision) if when else None)


def coded(art: Article, *events: Event) -> CodedArticle:
    return CodedArticle(art, tuple(events), n_sentences=3)


FRE, SYL, ZAN = actor("FRE"), actor("SYL"), actor("ZAN")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "events.duckdb") as opened:
        yield opened


def fill(store: Store, *articles: CodedArticle) -> list[dict]:
    for item in articles:
        store.add(item)
    aggregate(store)
    return aggregated_events(store)


# --------------------------------------------------------------------------- mentions -> events


def test_two_articles_one_day_apart_are_one_event_with_two_mentions(store):
    a1 = article("a1", date(2021, 3, 10), "https://www.daily.example/x")
    a2 = article("a2", date(2021, 3, 11), "https://other.example/y")
    m1 = event(a1, 2, SYL, FRE, "ACCUSE", "2021-03-10")
    m2 = event(a2, 0, SYL, FRE, "ACCUSE", "2021-03-11")
    [ev] = fill(store, coded(a1, m1), coded(a2, m2))
    assert (ev["num_mentions"], ev["num_articles"], ev["num_sources"]) == (2, 2, 2)
    assert ev["date"] == "2021-03-10" and ev["date_last"] == "2021-03-11"
    assert (ev["first_seen"], ev["last_seen"]) == (date(2021, 3, 10), date(2021, 3, 11))
    assert (ev["source_code"], ev["target_code"], ev["cameo"]) == ("SYLGOV", "FREGOV", "112")
    assert ev["is_root_event"] is True  # a2 reports it in its lead sentence
    provenance = {(m["mention_id"], m["doc_id"], m["sentence_index"]) for m in mentions_of(store, ev["id"])}
    assert provenance == {(m1.id, a1.id, 2), (m2.id, a2.id, 0)}


def test_reports_ten_days_apart_are_two_events(store):
    a1, a2 = article("a1", date(2021, 3, 1)), article("a2", date(2021, 3, 11))
    events = fill(store, coded(a1, event(a1, 1, SYL, FRE, "ACCUSE", "2021-03-01")),
                  coded(a2, event(a2, 1, SYL, FRE, "ACCUSE", "2021-03-11")))
    assert [e["num_mentions"] for e in events] == [1, 1]
    assert [e["date"] for e in events] == ["2021-03-01", "2021-03-11"]


def test_window_is_configurable(store):
    a1, a2 = article("a1", date(2021, 3, 1)), article("a2", date(2021, 3, 11))
    fill(store, coded(a1, event(a1, 1, SYL, FRE, "ACCUSE", "2021-03-01")),
         coded(a2, event(a2, 1, SYL, FRE, "ACCUSE", "2021-03-11")))
    assert aggregate(store, window_days=10).events == 1
    with pytest.raises(EventwireError, match=r"\[E072\]"):
        aggregate(store, window_days=-1)


def test_a_daily_repeat_does_not_chain_into_one_long_event(store):
    # the window runs from the event's first date, so a week of daily accusations is not one event
    arts = [article(f"d{i}", date(2021, 3, 1 + i)) for i in range(8)]
    events = fill(store, *(coded(a, event(a, 1, SYL, FRE, "ACCUSE", f"2021-03-{1 + i:02d}")) for i, a in enumerate(arts)))
    assert [e["num_mentions"] for e in events] == [4, 4]


def test_symmetric_events_merge_in_either_direction_asymmetric_do_not(store):
    a1, a2 = article("a1", date(2021, 3, 10)), article("a2", date(2021, 3, 10))
    events = fill(
        store,
        coded(a1, event(a1, 1, FRE, SYL, "CONSULT", "2021-03-09"), event(a1, 2, SYL, FRE, "ACCUSE", "2021-03-09")),
        coded(a2, event(a2, 1, SYL, FRE, "CONSULT", "2021-03-10"), event(a2, 2, FRE, SYL, "ACCUSE", "2021-03-10")),
    )
    by_type = {}
    for ev in events:
        by_type.setdefault(ev["event_type"], []).append(ev)
    [talks] = by_type["CONSULT"]
    assert talks["num_mentions"] == 2 and talks["num_articles"] == 2
    assert (talks["source_code"], talks["target_code"]) == ("FREGOV", "SYLGOV")  # the first report's direction
    assert len(by_type["ACCUSE"]) == 2  # who accused whom matters
    flipped = [m["flipped"] for m in mentions_of(store, talks["id"])]
    assert sorted(flipped) == [False, True]


def test_month_precision_joins_an_event_in_that_month_only(store):
    a1, a2, a3 = article("a1", date(2021, 3, 20)), article("a2", date(2021, 4, 2)), article("a3", date(2021, 5, 2))
    events = fill(
        store,
        coded(a1, event(a1, 1, SYL, FRE, "ASSAULT", "2021-03-18")),
        coded(a2, event(a2, 1, SYL, FRE, "ASSAULT", "2021-03", precision=DatePrecision.MONTH)),
        coded(a3, event(a3, 1, SYL, FRE, "ASSAULT", "2021-04", precision=DatePrecision.MONTH)),
    )
    assert [(e["date"], e["date_precision"], e["num_mentions"]) for e in events] == [
        ("2021-03-18", "day", 2),
        ("2021-04", "month", 1),
    ]


def test_different_leaders_stay_apart_unknown_kb_id_merges(store):
    a1, a2, a3 = (article(k, date(2021, 3, 10)) for k in ("a1", "a2", "a3"))
    events = fill(
        store,
        coded(a1, event(a1, 1, actor("FRE", kb_id="Q-firefly"), SYL, "ACCUSE", "2021-03-10")),
        coded(a2, event(a2, 1, actor("FRE", kb_id="Q-other"), SYL, "ACCUSE", "2021-03-10")),
        coded(a3, event(a3, 1, actor("FRE"), SYL, "ACCUSE", "2021-03-10")),
    )
    assert sorted(e["num_mentions"] for e in events) == [1, 2]
    assert {e["source_kb_id"] for e in events} == {"Q-firefly", "Q-other"}


def test_sources_count_publishers_not_articles(store):
    a1 = article("a1", date(2021, 3, 10), "https://www.daily.example/one")
    a2 = article("a2", date(2021, 3, 11), "https://daily.example/two")
    [ev] = fill(store, coded(a1, event(a1, 1, SYL, FRE, "AID", "2021-03-10")),
                coded(a2, event(a2, 1, SYL, FRE, "AID", "2021-03-10")))
    assert (ev["num_articles"], ev["num_sources"]) == (2, 1)
    assert ev["source_url"] == "https://www.daily.example/one"  # the first report's


def test_undated_mentions_only_merge_within_their_article(store):
    a1, a2 = article("a1", date(2021, 3, 10)), article("a2", date(2021, 3, 10))
    events = fill(
        store,
        coded(a1, event(a1, 1, SYL, FRE, "AID", None), event(a1, 2, SYL, FRE, "AID", None)),
        coded(a2, event(a2, 1, SYL, FRE, "AID", None)),
    )
    assert sorted(e["num_mentions"] for e in events) == [1, 2]


def test_rebuild_happens_only_when_events_change(store):
    a1, a2 = article("a1", date(2021, 3, 10)), article("a2", date(2021, 3, 11))
    store.add(coded(a1, event(a1, 1, SYL, FRE, "ACCUSE", "2021-03-10")))
    assert ensure_aggregated(store).rebuilt is True
    assert ensure_aggregated(store).rebuilt is False
    store.add(coded(a2, event(a2, 1, SYL, FRE, "ACCUSE", "2021-03-11")))
    again = ensure_aggregated(store)
    assert again.rebuilt is True and (again.mentions, again.events) == (2, 1)
    assert ensure_aggregated(store, window_days=0).rebuilt is True  # another window, another aggregation
    assert ensure_aggregated(store).rebuilt is False  # the last window sticks


def test_empty_store_aggregates_to_nothing(store):
    summary = aggregate(store)
    assert (summary.mentions, summary.events) == (0, 0)
    assert relations(store, "FRE", "SYL").periods == ()


# --------------------------------------------------------------------------- dyad series


@pytest.fixture
def dyad(store):
    jan, feb, apr = article("jan", date(2021, 1, 5)), article("feb", date(2021, 2, 9)), article("apr", date(2021, 4, 3))
    fill(
        store,
        coded(jan, event(jan, 0, FRE, SYL, "CONSULT", "2021-01-04"), event(jan, 1, SYL, FRE, "ACCUSE", "2021-01-05"),
              event(jan, 2, FRE, SYL, "AID", "2021-01-05")),
        coded(feb, event(feb, 0, FRE, SYL, "ASSAULT", "2021-02-08"), event(feb, 1, FRE, ZAN, "ACCUSE", "2021-02-08")),
        coded(apr, event(apr, 0, SYL, FRE, "CONSULT", "2021-04-02"),
              event(apr, 1, SYL, FRE, "ASSAULT", "2021-04", precision=DatePrecision.MONTH)),
    )
    return store


def test_relations_by_month_counts_quad_classes_and_sums_goldstein(dyad):
    series = relations(dyad, "FRE", "SYL", by="month")
    months = {p.period: p for p in series.periods}
    assert list(months) == ["2021-01", "2021-02", "2021-03", "2021-04"]  # March filled with zeros
    assert months["2021-01"].quad_class == (1, 1, 1, 0)
    assert months["2021-01"].goldstein_sum == pytest.approx(1.0 + 7.0 - 2.0)
    assert months["2021-02"].quad_class == (0, 0, 0, 1)  # FRE→ZAN is another dyad
    assert months["2021-03"].events == 0 and months["2021-03"].goldstein_mean is None
    assert months["2021-04"].quad_class == (1, 0, 0, 1)
    assert months["2021-04"].goldstein_mean == pytest.approx((1.0 - 10.0) / 2)
    assert series.events == 7 - 1  # everything but FRE→ZAN
    assert dict(series.top_types)["CONSULT"] == 2


def test_relations_accept_actor_codes_and_directions(dyad):
    both = relations(dyad, "fregov", "SYL")
    directed = relations(dyad, "FRE", "SYL", directed=True)
    assert both.events == 6
    # FRE→SYL: consult, aid, assault; plus the April consult (symmetric, coded SYL→FRE)
    assert directed.events == 4
    assert relations(dyad, "SYL", "FRE", directed=True).events == 4  # accuse, assault + both consults


def test_relations_by_day_leaves_month_precision_events_unplaced(dyad):
    daily = relations(dyad, "FRE", "SYL", by="day", since="2021-04-01")
    assert [p.period for p in daily.periods] == ["2021-04-02"]
    assert daily.unplaced == 1
    weekly = relations(dyad, "FRE", "SYL", by="week", until="2021-02")
    assert [p.period for p in weekly.periods] == [f"2021-W{w:02d}" for w in range(1, 7)]


def test_relations_reject_bad_input_and_keep_sql_out(dyad):
    with pytest.raises(EventwireError, match=r"\[E073\]"):
        relations(dyad, "FRE", "SYL", by="fortnight")
    with pytest.raises(StoreError, match=r"\[E041\]"):
        relations(dyad, "FRE", "SYL", since="last spring")
    assert relations(dyad, "x' OR '1'='1", "SYL").events == 0


def test_period_labels_and_sparkline():
    assert period_of("2021-01-04", "week") == "2021-W01"
    assert period_of("2021-01-04", "month") == "2021-01"
    assert period_of("2021-01", "day") is None
    assert sparkline([0, 1, 4, 8]) == "·▂▅█"
    assert sparkline([-10.0, 0, 5.0])[0] == "▁" and sparkline([-10.0, 0, 5.0])[2] == "█"
    assert sparkline([0, 0]) == "··"


def test_relations_names_still_import_from_aggregate():
    # eventwire.relations was split out of eventwire.aggregate; old imports keep working
    assert aggregate_module.relations is relations and aggregate_module.sparkline is sparkline
    with pytest.raises(AttributeError):
        aggregate_module.no_such_name
