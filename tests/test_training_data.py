"""The event-type training corpus, ``eventwire/data/training/*.jsonl``, as the trainer reads it.

One JSON object per line with exactly the keys in ``KEYS``. An event carries a
PLOVER ``event_type``, ``mode`` and CAMEO ``cameo`` that agree with
``eventwire.ontology``; a hard negative has those three null and names its
``negative`` kind. ``source``/``target`` are exact substrings of ``text`` or null.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eventwire.ontology import PLOVER_TYPES, lookup
from eventwire.train import load_corpus

KEYS = {"id", "text", "source", "target", "event_type", "mode", "cameo", "negative"}
# the twelve kinds of the corpus brief, plus nine that slices a-e introduced
NEGATIVE_KINDS = {
    "opinion", "statistic", "sports", "disaster", "business", "negated", "hypothetical",
    "no_target", "background", "quote", "campaign", "other",
    "biography", "media", "poll", "schedule", "speculation", "culture", "procedure", "crime", "court",
}
GSR = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.json"
MIN_SENTENCES, MIN_NEGATIVES, MIN_PER_TYPE = 2500, 500, 100


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def _events(corpus):
    return [r for r in corpus if r["negative"] is None]


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def test_every_record_has_exactly_the_corpus_keys(corpus):
    assert [r.get("id") for r in corpus if set(r) != KEYS] == []


def test_ids_are_unique(corpus):
    assert [i for i, n in Counter(r["id"] for r in corpus).items() if n > 1] == []


def test_texts_are_unique(corpus):
    assert [t for t, n in Counter(r["text"] for r in corpus).items() if n > 1] == []


def test_source_and_target_are_substrings_of_the_text(corpus):
    bad = [(r["id"], k) for r in corpus for k in ("source", "target") if r[k] is not None and r[k] not in r["text"]]
    assert bad == []


def test_events_agree_with_the_ontology(corpus):
    bad = []
    for r in _events(corpus):
        code = lookup(r["cameo"])  # KeyError names an unknown code
        if r["event_type"] not in PLOVER_TYPES or (r["event_type"], r["mode"]) != (code.event_type, code.mode):
            bad.append((r["id"], r["cameo"], r["event_type"], r["mode"]))
    assert bad == []


def test_negatives_have_no_event_label_and_a_known_kind(corpus):
    bad = [
        r["id"] for r in corpus if r["negative"] is not None
        and (r["negative"] not in NEGATIVE_KINDS or (r["event_type"], r["mode"], r["cameo"]) != (None, None, None))
    ]
    assert bad == []


def test_corpus_meets_the_size_floors(corpus):
    per_type = Counter(r["event_type"] for r in _events(corpus))
    assert len(corpus) >= MIN_SENTENCES
    assert len(corpus) - len(_events(corpus)) >= MIN_NEGATIVES
    assert {t: per_type[t] for t in PLOVER_TYPES if per_type[t] < MIN_PER_TYPE} == {}


@pytest.mark.skipif(not GSR.exists(), reason="../shared/data/plover is not present")
def test_no_corpus_sentence_is_taken_from_the_plover_gsr(corpus):
    # the GSR is the evaluation set: a training sentence found there would inflate every score
    records = json.loads(GSR.read_text(encoding="utf-8"))
    gsr = {_norm(r["text"]) for r in records if r.get("text")}
    assert gsr, "no texts read from the GSR: has its format changed?"
    assert [r["id"] for r in corpus if _norm(r["text"]) in gsr] == []
