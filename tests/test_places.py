"""Places: toponyms resolved to gazetteer entries, and event locations, on our own sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import nlp as nlp_stage
from eventwire.places import PlaceResolver, event_location, load_gazetteer
from eventwire.records import ActorMention

TRNEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "places" / "TR-News.xml"


@pytest.fixture(scope="module")
def nlp():
    return nlp_stage.load()


@pytest.fixture(scope="module")
def resolver():
    return PlaceResolver()


def places_of(nlp, resolver, text, actors=()):
    doc = next(nlp_stage.parse(nlp, [text]))
    return doc, resolver.resolve(doc, actors)


def by_text(mentions):
    return {m.text: m.place for m in mentions}


def test_capital_country_and_name_inside_an_organisation(nlp, resolver):
    text = ("Delegates met in Moscow on Tuesday to discuss the war in Syria. "
            "The minister later flew to the Paris Peace Forum.")
    _, mentions = places_of(nlp, resolver, text)
    found = by_text(mentions)
    assert found["Moscow"].country == "RUS" and found["Moscow"].geonameid == 524901
    assert found["Syria"].country == "SYR" and found["Syria"].geonameid == 163843
    assert found["Paris"].country == "FRA"
    for m in mentions:  # offsets index the text
        assert text[m.start:m.end] == m.text


def test_ambiguous_town_follows_the_region_the_article_names(nlp, resolver):
    text = ("Floodwaters closed two highways across northeast Texas on Sunday. "
            "Residents of Paris were told to stay home until the water receded.")
    _, mentions = places_of(nlp, resolver, text)
    paris = by_text(mentions)["Paris"]
    assert paris.country == "USA"
    assert 33 < paris.lat < 34.5  # Paris, Texas, not Paris, France


def test_ambiguous_town_follows_the_actors_country(nlp, resolver):
    text = "The mayor of London said the city council would vote on the new bus routes."
    doc = next(nlp_stage.parse(nlp, [text]))
    canadian = [ActorMention(text="Ontario officials", start=0, end=0, country="CAN")] * 3
    assert by_text(resolver.resolve(doc))["London"].country == "GBR"
    assert by_text(resolver.resolve(doc, canadian))["London"].country == "CAN"


def test_capitalised_words_that_are_not_places_are_not_geocoded(nlp, resolver):
    text = "In December the Committee met at Breakfast with Hope Smith, and Parliament agreed in principle."
    _, mentions = places_of(nlp, resolver, text)
    assert mentions == []


def test_demonyms_only_when_asked(nlp):
    text = "A Turkish court sentenced the journalist in Ankara."
    doc = next(nlp_stage.parse(nlp, [text]))
    assert "Turkish" not in by_text(PlaceResolver().resolve(doc))
    assert by_text(PlaceResolver(demonyms=True).resolve(doc))["Turkish"].country == "TUR"


def test_event_location_prefers_in_after_the_trigger_and_skips_actors(nlp, resolver):
    text = "Moscow accused Israel of shelling a school in Aleppo."
    doc, mentions = places_of(nlp, resolver, text)
    sent = next(doc.sents)
    trigger = text.index("accused")
    actors = [(0, len("Moscow")), (text.index("Israel"), text.index("Israel") + len("Israel"))]
    place = event_location(sent, trigger, mentions, exclude_spans=actors)
    assert place is not None and place.name == "Aleppo" and place.country == "SYR"
    # with nothing but the actors in the sentence there is no location
    text2 = "Moscow accused Israel."
    doc2, mentions2 = places_of(nlp, resolver, text2)
    assert event_location(next(doc2.sents), text2.index("accused"), mentions2, exclude_spans=[(0, 6), (15, 21)]) is None


def test_gazetteer_is_built_once():
    assert load_gazetteer() is load_gazetteer()


@pytest.mark.slow
@pytest.mark.skipif(not TRNEWS.exists(), reason="shared/ data not present")
def test_trnews_floor():
    from eventwire.evaluate_places import evaluate_trnews

    scores = evaluate_trnews(TRNEWS)
    # measured 0.899 / 0.953 / 0.806 (cities >= 15,000); pinned a little below
    assert scores["accuracy_161km_found"] >= 0.87
    assert scores["country_accuracy_found"] >= 0.94
    assert scores["recall"] >= 0.78
