"""Attacks whose perpetrator is not named: coded with an unidentified source (CAMEO sector UAF)
of the country where they happened, and only when they did happen, to a named victim."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.errors import KnowledgeBaseError
from eventwire.unidentified import parse_attack_words

DAY = date(2022, 3, 9)


@pytest.fixture(scope="module")
def code(pipeline):
    def run(text: str):
        return [e.to_dict() for e in pipeline.code_text(text, DAY).events]

    return run


def unidentified(events):
    return [ev for ev in events if ev["source"] and ev["source"]["sector"] == "UAF"]


def test_passive_attack_without_agent_has_an_unidentified_source_of_the_place(code):
    [ev] = code("Two Syrian border guards were killed in a roadside bombing near Homs on Friday.")
    assert ev["event_type"] == "ASSAULT" and ev["cameo"] == "1833"  # a roadside bombing
    src = ev["source"]
    assert (src["sector"], src["country"], src["code"]) == ("UAF", "SYR", "SYRUAF")
    assert src["text"] == "roadside bombing" and src["kb_id"] is None and src["name"] is None
    assert (ev["target"]["text"], ev["target"]["code"]) == ("Syrian border guards", "SYRCOP")
    assert ev["location"]["country"] == "SYR"
    assert "source unidentified: passive without agent" in ev["evidence"]


def test_device_as_subject_is_an_unidentified_attacker(code):
    [ev] = code("A blast wounded three Pakistani customs officials in Quetta yesterday.")
    assert (ev["event_type"], ev["source"]["code"], ev["source"]["text"]) == ("ASSAULT", "PAKUAF", "blast")
    assert ev["target"]["country"] == "PAK"
    assert "source unidentified: a device or attack as subject" in ev["evidence"]


def test_self_evident_trigger_needs_no_device_and_uses_the_trigger_as_text(code):
    [ev] = code("A Nigerian army colonel was kidnapped in Kano on Tuesday.")
    assert (ev["cameo"], ev["source"]["code"], ev["source"]["text"]) == ("181", "NGAUAF", "kidnapped")
    assert ev["target"]["code"] == "NGAMIL"


def test_no_place_leaves_the_country_unknown(code):
    [ev] = code("Four Afghan policemen were killed in a suicide bombing, a spokesman said.")
    assert (ev["source"]["code"], ev["source"]["country"]) == ("UAF", None)
    assert ev["cameo"] == "1831"


def test_unidentified_source_is_less_sure_than_a_named_one(code):
    [named] = code("Taliban fighters killed two Afghan policemen in Herat.")
    [unnamed] = code("Two Afghan policemen were killed in an ambush in Herat.")
    assert named["source"]["code"] == "AFGREB" and unnamed["source"]["code"] == "AFGUAF"
    assert unnamed["confidence"] < named["confidence"]


def test_a_named_attacker_wins(code):
    [ev] = code("Two Afghan policemen were killed by Taliban fighters in a bombing in Herat.")
    assert ev["source"]["code"] == "AFGREB"
    assert unidentified(code("Two Iraqi soldiers died after being killed in an al-Qaeda bombing in Mosul.")) == []


@pytest.mark.parametrize("text", [
    "A car bomb did not kill the Iraqi deputy governor in Basra.",  # negated
    "Two Iraqi soldiers could be killed in a bombing in Basra.",  # hypothetical
    "Two Iraqi soldiers will be killed in a bombing in Basra, the militants warned.",  # intended
    "Officials feared that two Iraqi soldiers were killed in a bombing in Basra.",  # feared
    "A plot to assassinate the Iraqi deputy governor in Basra was foiled.",  # not carried out
])
def test_no_unidentified_attack_that_did_not_happen(code, text):
    assert unidentified(code(text)) == []


@pytest.mark.parametrize("text", [
    "The Chilean foreign minister was elected in Santiago.",
    "The Kenyan president was invited to a summit in Nairobi.",
])
def test_no_unidentified_source_for_a_non_violent_passive(code, text):
    assert code(text) == []


@pytest.mark.parametrize("text", [
    "The Iraqi deputy governor was killed in a car crash near Basra.",  # an accident
    "Two Turkish soldiers were injured in a fall during training in Ankara.",
    "The Canadian prime minister was attacked over his budget in Ottawa.",  # words, not weapons
    "Twelve shoppers were wounded in a blast at a market in Peshawar.",  # no victim actor
])
def test_no_attack_without_an_attack_word_or_a_victim_actor(code, text):
    assert unidentified(code(text)) == []


def test_attack_word_list_is_checked():
    with pytest.raises(KnowledgeBaseError, match="E009"):
        parse_attack_words({"devices": ["bomb"]})
    with pytest.raises(KnowledgeBaseError, match="unknown CAMEO code"):
        parse_attack_words({k: [] for k in ("devices", "attacks", "attackers", "self_evident",
                                            "not_carried_out")} | {"bombing_replaces": ["999"]})


def test_unidentified_events_store_aggregate_and_export_like_any_other(pipeline, tmp_path):
    import io

    from eventwire.exports import write_gdelt
    from eventwire.store import Store

    coded = pipeline.code_text("A landmine killed two Sudanese soldiers near Khartoum on Monday.", DAY)
    [ev] = unidentified([e.to_dict() for e in coded.events])
    assert ev["source"]["code"] == "SDNUAF" and ev["target"]["code"] == "SDNMIL"
    with Store(tmp_path / "events.duckdb") as store:
        store.add(coded)
        [stored] = store.events()
        assert stored["source"] == ev["source"]
        out = io.StringIO()
        assert write_gdelt(store, out) == 1
    row = out.getvalue().splitlines()[-1].split("\t")
    assert "SDNUAF" in row and "SDNMIL" in row


# -- protests by an unnamed crowd: civilians (CVL) of the country where they marched ----------

def crowd(events):
    return [ev for ev in events if ev["source"] and ev["source"]["sector"] == "CVL"
            and "unnamed crowd" in ev["evidence"]]


def test_crowd_protest_has_a_civilian_source_of_the_place(code):
    [ev] = code("Tens of thousands of people marched through Accra on Saturday to denounce rising fuel prices.")
    assert (ev["event_type"], ev["cameo"]) == ("PROTEST", "141")
    src = ev["source"]
    assert (src["sector"], src["country"], src["code"]) == ("CVL", "GHA", "GHACVL")
    assert src["text"] == "Tens of thousands of people" and src["kb_id"] is None and src["name"] is None
    assert ev["target"] is None  # no addressee named: none invented
    assert "source an unnamed crowd: the crowd word 'people' as subject" in ev["evidence"]


def test_crowd_as_a_passive_agent_and_a_named_addressee(code):
    [ev] = code("The bridge into Dhaka was blocked by crowds of people on Monday.")
    assert (ev["cameo"], ev["source"]["code"], ev["source"]["text"]) == ("144", "BGDCVL", "crowds of people")
    [ev] = code("Crowds rallied in Yerevan against the Armenian government.")
    assert (ev["source"]["code"], ev["target"]["code"]) == ("ARMCVL", "ARMGOV")


def test_bare_quantity_without_a_place_is_civilians_of_no_country(code):
    [ev] = crowd(code("Thousands marched on Sunday to denounce the new fuel tax."))
    assert (ev["source"]["code"], ev["source"]["country"], ev["source"]["text"]) == ("CVL", None, "Thousands")
    assert "a bare quantity, 'thousands'" in ev["evidence"]


def test_crowd_is_less_sure_than_a_named_protester(code):
    [named] = code("Ghanaian students marched through Accra on Saturday.")
    [unnamed] = code("Thousands of people marched through Accra on Saturday.")
    assert named["source"]["code"] == "GHAEDU" and unnamed["source"]["code"] == "GHACVL"
    assert unnamed["confidence"] < named["confidence"]


@pytest.mark.parametrize("text", [
    "Crowds did not march in Quito on Monday.",  # negated
    "Thousands of people will march through Lima on Friday.",  # intended
    "Thousands of people plan to march through Lusaka next week.",
    "Crowds could rally in Minsk if the vote is rigged.",  # hypothetical
])
def test_no_crowd_protest_that_did_not_happen(code, text):
    assert crowd(code(text)) == []


@pytest.mark.parametrize("text", [
    "Crowds marched through Dublin behind a brass band in the St Patrick's Day parade.",
    "Thousands rallied in Lusaka for the ruling party's candidate.",  # a campaign rally
    "Thousands of people joined a rally in Harare in support of the Zimbabwean president.",
    "Tens of thousands of people packed a stadium in Lagos for a free concert.",
    "Thousands of people in Bogota said the march had been peaceful.",  # speech, not a protest
    "Many people in Quito believe the protesters were right.",
])
def test_no_crowd_protest_for_a_gathering_of_another_kind_or_a_statement(code, text):
    assert crowd(code(text)) == []
    assert [ev for ev in code(text) if ev["event_type"] == "PROTEST"] == []


def test_a_crowd_of_a_nationality_keeps_its_resolved_actor(code):
    [ev] = code("Thousands of Kenyan students marched through Nairobi on Tuesday.")
    assert ev["source"]["code"] == "KENEDU" and ev["source"]["text"] == "Kenyan students"
    assert "unnamed crowd" not in ev["evidence"]


def test_crowd_is_no_source_of_other_event_types(code):
    assert code("Thousands of people welcomed the Ghanaian president in Kumasi.") == []
    assert crowd(code("Hundreds of people were killed in a bombing in Kabul.")) == []


def test_a_sentence_naming_nobody_is_parsed_when_a_crowd_protests():
    import spacy

    from eventwire.events import EventCoder

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    marched, said = nlp("Thousands of people marched through the capital. People said the bill was unfair.").sents
    coder = EventCoder()
    assert coder.can_carry_event(marched, []) and not coder.can_carry_event(said, [])


def test_crowd_word_list_is_checked():
    from eventwire.unidentified import parse_crowd_words

    lists = {k: [] for k in ("crowds", "quantities", "groupings", "not_protest", "for_someone")}
    with pytest.raises(KnowledgeBaseError, match="E009"):
        parse_crowd_words({"crowds": ["people"]})
    with pytest.raises(KnowledgeBaseError, match="no PROTEST code"):
        parse_crowd_words(lists | {"crowd_code": "190"})
    assert parse_crowd_words(lists | {"crowd_code": "141"}).code == "141"


def test_the_models_protest_by_a_crowd_has_a_civilian_source(pipeline):
    # the type model's protest (its label forced here, as where no rule reads the sentence):
    # the crowd is its source
    from eventwire.classifier import TypeScores

    doc = pipeline.nlp("Thousands took to the streets of Tbilisi against the Georgian government's deal with Russia.")
    mentions = pipeline.resolver.resolve(doc, DAY)
    [sent] = list(doc.sents)
    [ev] = pipeline.coder.model_events(TypeScores({"PROTEST": 0.9, "NONE": 0.1}), sent, mentions, doc_id="t",
                                       sentence_index=0)
    assert ev.evidence.startswith("model: PROTEST") and "source an unnamed crowd" in ev.evidence
    assert ev.source.sector == "CVL" and ev.source.text == "Thousands" and ev.target.code == "GEOGOV"