"""CAMEO codes and their PLOVER 0.8 mapping."""

from eventwire import ontology


def test_every_cameo_code_is_loaded_with_goldstein_and_quad_class():
    codes = ontology.codes()
    assert len(codes) == 312
    assert all(-10 <= c.goldstein <= 10 and c.quad_class in (1, 2, 3, 4) for c in codes.values())


def test_statements_have_no_plover_type_and_appeals_are_requests():
    assert ontology.lookup("010").event_type is None
    assert ontology.lookup("026").event_type == "REQUEST"
    assert ontology.lookup("026").mode == "meet"


def test_plover_types_and_modes_follow_the_oeda_table():
    assert (ontology.lookup("041").event_type, ontology.lookup("041").mode) == ("CONSULT", "phone")
    assert ontology.lookup("125").event_type == "REJECT"
    assert ontology.lookup("190").event_type == "ASSAULT"
    assert {c.event_type for c in ontology.codes().values()} - {None} == set(ontology.PLOVER_TYPES)


def test_quad_class_follows_cameo_root():
    assert [ontology.quad_class(c) for c in ("040", "057", "112", "190")] == [1, 2, 3, 4]
