"""Quality floors on the PLOVER GSR dev set (CC BY-SA 4.0, OEDA), pinned a little under
what was measured so quality never silently drops. Measured 2026-11-25: actor-matched
macro-F1 0.542, gold sentences with no event 34%; actor country 0.937, sector 0.816 (issue #4, after the
resolver and KB work; the rest of the gap is GSR text that is not in its sentence and GSR coding quirks).
The issue's targets (0.85 / 10% / 0.95 / 0.85) are not met yet; see the README."""

from __future__ import annotations

import pytest

from eventwire.evaluate import gsr_actor_accuracy, load_gsr, score_gsr
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
    assert scores.macro_f1 >= 0.60
    assert scores.no_event_rate <= 0.29


def test_gsr_actor_floor(gsr):
    items, coded = gsr
    actors = gsr_actor_accuracy(items, [[a.to_dict() for a in c.actors] for c in coded])
    print(actors)
    assert actors["country_accuracy"] >= 0.93
    assert actors["sector_accuracy"] >= 0.81


def test_gsr_loader_maps_plover_05_names():
    if not GSR.exists():
        pytest.skip("../shared/data/plover is not present")
    types = {i.event_type for i in load_gsr(GSR)}
    assert not types & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "DOCUMENT"}
    assert {"REQUEST", "ACCUSE", "ASSAULT"} <= types
