"""Quality floors on the PLOVER GSR dev set (CC BY-SA 4.0, OEDA), so quality never silently
drops. Measured 2026-11-26 without publication dates: actor-matched macro-F1 0.859, gold
sentences with no event 9.0% (0.860 / 9.0% with them, as `eventwire evaluate` runs); actor
country 0.955, sector 0.856. The floors are the issues' targets, pinned as they are: 0.85 / 10%
(issue #3) and 0.95 / 0.85 (issue #4)."""

from __future__ import annotations

import pytest

from eventwire.evaluate import GsrItem, gsr_actor_accuracy, load_gsr, score_gsr
from eventwire.records import Article, CodedArticle, content_id

from pathlib import Path

GSR = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.json"


@pytest.fixture(scope="module")
def gsr(pipeline):
    if not GSR.exists():
        pytest.skip("../shared/data/plover is not present")
    items = load_gsr(GSR)
    articles = [Article(id=content_id(i.text), text=i.text) for i in items]
    coded = [c for c in pipeline.code(articles) if isinstance(c, CodedArticle)]
    assert len(coded) == len(items)
    return items, coded


def test_gsr_event_types_floor(gsr):
    items, coded = gsr
    scores = score_gsr(items, [[e.to_dict() for e in c.events] for c in coded])
    print(scores.table())
    assert scores.macro_f1 >= 0.85
    assert scores.no_event_rate <= 0.10


def test_gsr_actor_floor(gsr):
    items, coded = gsr
    actors = gsr_actor_accuracy(items, [[a.to_dict() for a in c.actors] for c in coded])
    print(actors)
    assert actors["country_accuracy"] >= 0.95
    assert actors["sector_accuracy"] >= 0.85


def test_gsr_loader_maps_plover_05_names():
    if not GSR.exists():
        pytest.skip("../shared/data/plover is not present")
    types = {i.event_type for i in load_gsr(GSR)}
    assert not types & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "DOCUMENT"}
    assert {"REQUEST", "ACCUSE", "ASSAULT"} <= types


def _actor(text: str, sentence: str, country: str | None, sector: str | None) -> dict:
    start = sentence.index(text)
    return {"text": text, "start": start, "end": start + len(text), "country": country, "sector": sector}


def test_gold_actor_text_is_found_whitespace_case_and_ellipsis_aside():
    sentence = "Chilean and Peruvian negotiators met in Lima, and the Red Cross  said nothing."
    got = [_actor("Chilean", sentence, "CHL", "GOV"), _actor("Peruvian negotiators", sentence, "PER", "GOV"),
           _actor("Red Cross", sentence, None, "HLH")]
    item = GsrItem("x", sentence, "CONSULT",
                   sources=(("CHL", "GOV", "Chilean ... negotiators"),),  # GSR's discontinuous span
                   targets=(("IGO", "HLH", "the red  Cross"),), date=None)
    scores = gsr_actor_accuracy([item], [got])
    assert scores["found"] == 1.0
    assert (scores["country_accuracy"], scores["sector_accuracy"]) == (1.0, 1.0)
    # "Iran" is a word, not the start of "Iranian"
    sentence = "Iranian dissidents denounced Iran."
    got = [_actor("Iranian dissidents", sentence, "IRN", "OPP"), _actor("Iran.", sentence, "IRN", "GOV")]
    item = GsrItem("y", sentence, "ACCUSE", (), (("IRN", "GOV", "Iran"),), None)
    assert gsr_actor_accuracy([item], [got])["sector_accuracy"] == 1.0


def test_gsr_sector_codes_are_read_in_cameo_terms(tmp_path):
    records = [{"id": "1", "text": "Kenyan doctors treated Somali reporters.", "event": "AID",
                "source": {"code": "KEN", "sector": "MED", "actorText": "Kenyan doctors"},
                "target": {"code": "SOM", "sector": "JRN", "actorText": "Somali reporters"}}]
    path = tmp_path / "gsr.json"
    path.write_text(__import__("json").dumps(records), encoding="utf-8")
    item = load_gsr(path)[0]
    assert item.sources[0][1] == "HLH" and item.targets[0][1] == "MED"


def test_an_ngo_is_gsr_igo_or_ngo_in_actor_matched_scoring():
    # GSR codes most international organisations IGO, a few NGO; our coder tells NGOs apart
    item = GsrItem("z", "Oxfam urged Chad to open its border.", "REQUEST", (("IGO", None, "Oxfam"),),
                   (("TCD", None, "Chad"),), None)
    event = {"event_type": "REQUEST", "confidence": 0.9, "symmetric": False,
             "source": {"text": "Oxfam", "country": None, "sector": "NGO", "code": "NGO"},
             "target": {"text": "Chad", "country": "TCD", "sector": None, "code": "TCD"}}
    assert score_gsr([item], [[event]]).accuracy == 1.0
    as_ngo = GsrItem("z", item.text, "REQUEST", (("NGO", None, "Oxfam"),), item.targets, None)
    assert score_gsr([as_ngo], [[event]]).accuracy == 1.0
    wrong = dict(event, source={"text": "Kenya", "country": "KEN", "sector": None, "code": "KEN"})
    assert score_gsr([item], [[wrong]]).accuracy == 0.0
