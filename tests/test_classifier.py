"""The learned event-type model: the shipped file, how it reads sentences it never saw,
and the trainer that writes it."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.classifier import NONE, EventClassifier, TypeModel, default_model
from eventwire.train import load_corpus

# one fresh sentence per type, none of them in the training corpus
UNSEEN = {
    "ASSAULT": "Gunmen on motorbikes opened fire on a police checkpoint outside Maiduguri, killing four officers.",
    "PROTEST": "Thousands of nurses marched on the health ministry in Lagos to denounce months of unpaid wages.",
    "SANCTION": "Japan suspended its development loans to Laos after the disputed election.",
    "AGREE": "Nepal pledged to reopen its border crossings with India to fuel trucks by the end of the month.",
    "RETREAT": "Ethiopian troops pulled out of three towns in the Tigray region on Thursday, residents said.",
    "COERCE": "Police in Harare detained eleven opposition activists ahead of a planned march.",
    "CONSULT": "The Kenyan president hosted his Ugandan counterpart for talks on the oil pipeline.",
    "SUPPORT": "Chile restored full diplomatic relations with Bolivia after a decade-long rupture.",
    "COOPERATE": "Ghanaian and Togolese police began joint patrols along their border to curb cattle rustling.",
    "AID": "Qatar flew forty tonnes of medical supplies to flood-stricken Libya on Wednesday.",
    "CONCEDE": "The junta in Conakry lifted the nightly curfew it had imposed on the capital after the riots.",
    "REQUEST": "The African Union urged Sudan's warring generals to open humanitarian corridors in Darfur.",
    "ACCUSE": "Rwanda accused Burundi of harbouring rebels who attacked a border village last week.",
    "REJECT": "Hungary vetoed the bloc's proposed statement criticising Beijing's human rights record.",
    "THREATEN": "Azerbaijan warned Armenia it would respond with force to any further shelling of its positions.",
    "MOBILIZE": "Pakistan put its air force on high alert along the Line of Control on Friday.",
    NONE: "Maize prices in eastern Zambia rose for a third straight month, the statistics office said.",
}
# a floor, not a perfect score: a model that typed these at chance would get one or two
MIN_UNSEEN_RIGHT = 15


@pytest.fixture(scope="module")
def model():
    found = default_model()
    if found is None:
        pytest.skip("no trained model")
    return found


def test_unseen_sentences_are_typed_by_the_fine_tuned_encoder(model):
    texts = {r["text"] for r in load_corpus()}
    assert not texts & set(UNSEEN.values())
    assert model.layers, "the shipped model carries its fine-tuned encoder layers"
    probs = model.predict_proba(model.encode(list(UNSEEN.values())))
    typed = [model.labels[row.argmax()] for row in probs]
    wrong = [(gold, got) for gold, got in zip(UNSEEN, typed) if gold != got]
    assert len(UNSEEN) - len(wrong) >= MIN_UNSEEN_RIGHT, wrong


def test_saved_model_reads_as_the_trained_one(model, tmp_path):
    # the layers are stored in half precision; the probabilities barely move
    model.save(tmp_path / "m.npz")
    again = TypeModel.load(tmp_path / "m.npz")
    texts = list(UNSEEN.values())
    assert sorted(again.layers) == sorted(model.layers)
    assert np.abs(again.predict_proba(again.encode(texts)) - model.predict_proba(model.encode(texts))).max() < 0.01


def test_trainer_writes_a_model_the_classifier_reads(tmp_path, monkeypatch):
    import eventwire.train as train

    monkeypatch.setattr(train, "EPOCHS", 1)
    records = load_corpus()[::60]  # a small slice: that the whole path runs, not how well
    model, held = train.train(records, check=True)
    assert held["n"] == len(records[::5]) and 0.0 <= held["type_macro_f1"] <= 1.0
    model.save(tmp_path / "small.npz")
    scores = EventClassifier(TypeModel.load(tmp_path / "small.npz")).score(list(UNSEEN.values()))
    read = [s for s in scores if s.probs]
    assert read and all(abs(sum(s.probs.values()) - 1) < 1e-5 for s in read)
    assert len(model.layers) == len(default_model().layers)
