"""The actors knowledge base: shipped data, schema check, user layering, time-aware roles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire import kb as kb_module
from eventwire.errors import KnowledgeBaseError
from eventwire.kb import load_kb

UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI
DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY
HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN
LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()

USER_KB = """
countries:
  - iso3: ISR
    name: Israel
    names: [State of Israel, Zion State]
    adjectives: [Israeli]
    capital: Jerusalem
    metonyms: [Jerusalem, Balfour Street]
organisations:
  - {id: northern-front, name: Northern Liberation Front, aliases: [NLF-North], sector: REB, country: LBN}
people:
  - id: ana-example
    name: Ana Example
    aliases: [Example]
    country: CHL
    roles:
      - {office: foreign_minister, title: Foreign Minister, start: 2015-01-10, end: 2019-03-01}
      - {office: head_of_government, title: Prime Minister, start: 2020-05-01, end: null}
sectors:
  MIL:
    bodies: [drone squadron]
  ENV:
    label: Environmental groups
    generic: [climate activists]
"""


def write(tmp_path: Path, text: str, name: str = "my-kb.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_all_un_members_and_the_extras_are_present():
    kb = load_kb()
    assert len(UN_MEMBERS) == 193
    missing = [c for c in UN_MEMBERS if c not in kb.countries]
    assert missing == []
    for extra in ("PSE", "XKX", "TWN", "VAT", "ESH", "HKG"):
        assert extra in kb.countries


def test_names_adjectives_and_seats_of_power_are_indexed():
    kb = load_kb()
    kinds = lambda phrase: {(e.kind, e.country) for e in kb.lookup(phrase)}  # noqa: E731
    assert ("metonym", "RUS") in kinds("the Kremlin")
    assert ("metonym", "GBR") in kinds("downing street")  # lookup is case-insensitive
    assert ("metonym", "ISR") in kinds("Jerusalem")
    assert ("adjective", "LBN") in kinds("Lebanese")
    assert ("country", "USA") in kinds("U.S.")
    assert ("organisation", "LBN") in kinds("Hezbollah")
    assert {e.item.sector for e in kb.lookup("UNSC")} == {"IGO"}


def test_sector_words_cover_roles_and_plurals():
    kb = load_kb()
    assert kb.sector_of("prime minister") == "GOV"
    assert kb.sector_of("Warplanes") == "MIL"
    assert kb.sector_of("defense ministries") == "MIL"
    assert kb.sector_of("militants") == "REB"
    assert kb.sector_of("riot police") == "COP"
    assert kb.sector_word("premier").office == "head_of_government"
    assert kb.sector_of("sandwich") is None


def test_builtin_load_is_cached():
    # load time and memory are measured by bench/stages.py, not asserted here
    assert load_kb() is load_kb()


def test_user_file_is_layered_over_the_builtin(tmp_path):
    kb = load_kb(write(tmp_path, USER_KB))
    assert [e.country for e in kb.lookup("Zion State")] == ["ISR"]
    assert kb.lookup("Balfour Street")[0].kind == "metonym"
    assert kb.lookup("NLF-North")[0].item.sector == "REB"
    assert kb.sector_of("drone squadron") == "MIL"
    assert kb.sector_of("troops") == "MIL"  # built-in words are kept
    assert kb.sector_of("climate activists") == "ENV"
    assert "RUS" in kb.countries and "hezbollah" in kb.organisations
    # the built-in KB itself is untouched
    assert load_kb().lookup("Zion State") == []


def test_roles_are_time_aware(tmp_path):
    kb = load_kb(write(tmp_path, USER_KB))
    ana = kb.person_by_name("Example")
    assert ana is not None and ana.id == "ana-example"
    assert kb.office_holder("CHL", "head_of_government", date(2021, 6, 1)) == ana
    assert kb.office_holder("CHL", "head_of_government", date(2016, 6, 1)) != ana
    assert [r.office for r in kb.roles_of(ana, date(2016, 6, 1))] == ["foreign_minister"]
    assert kb.roles_of(ana, date(2019, 12, 1)) == ()
    # out of office on the day: coded from their latest post
    assert kb.person_sector(ana, date(2019, 12, 1)) == "GOV"


@pytest.mark.parametrize(
    "text, code, words",
    [
        ("countries:\n  - {iso3: ISRL, name: Israel}\n", "[E022]", ["ISRL", "entry 1"]),
        ("organisations:\n  - {id: x, name: X, sector: PIRATES, country: null}\n", "[E024]", ["PIRATES", "id: x"]),
        ("people:\n  - {id: p, name: P, country: ISR, roles: [{office: head_of_government, start: 2020-13-01}]}\n",
         "[E023]", ["2020-13-01", "id: p"]),
        ("people:\n  - {id: p, name: P, country: ISR, roles: [{office: emperor, start: 2020-01-01}]}\n",
         "[E025]", ["emperor"]),
        ("people:\n  - {id: p, name: P, country: ISR, roles: [{office: head_of_state, start: 2020-01-01, end: 2019-01-01}]}\n",
         "[E028]", ["2019-01-01"]),
        ("organisations:\n  - {id: x, sector: IGO}\n", "[E021]", ["'name'"]),
        ("organisations:\n  - {id: x, name: X, sector: IGO}\n  - {id: x, name: Y, sector: IGO}\n", "[E026]", ["entry 2"]),
        ("countries: [Israel]\n", "[E027]", ["entry 1"]),
        ("countries:\n  - {iso3: XSS, name: X, part_of: SDN}\n", "[E027]", ["part_of", "iso3: XSS"]),
        ("planets: []\n", "[E029]", ["planets"]),
        ("countries: [unclosed\n", "[E020]", []),
    ],
)
def test_bad_user_file_is_rejected_with_a_clear_message(tmp_path, text, code, words):
    path = write(tmp_path, text, "bad-kb.yaml")
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb(path)
    message = str(info.value)
    assert message.startswith(code)
    assert "bad-kb.yaml" in message
    for word in words:
        assert word in message


def test_missing_user_file_is_reported(tmp_path):
    with pytest.raises(KnowledgeBaseError, match=r"\[E020\].*not found"):
        load_kb(tmp_path / "nope.yaml")


def test_places_name_their_country_and_a_user_file_adds_more(tmp_path):
    kb = load_kb()
    kinds = lambda k, phrase: {(e.kind, e.country) for e in k.lookup(phrase)}  # noqa: E731
    assert ("place", "SDN") in kinds(kb, "Darfur")
    assert ("place", "PSE") in kinds(kb, "West Bank")
    assert ("place", "RUS") in kinds(kb, "Chechnya")
    user = load_kb(write(tmp_path, "places:\n  CHL: [Valparaiso Region, Isla Example]\n"))
    assert ("place", "CHL") in kinds(user, "Isla Example")
    assert ("place", "SDN") in kinds(user, "Darfur")  # built-in places are kept


@pytest.mark.parametrize(
    "text, words",
    [
        ("places:\n  XYZ: [Somewhere]\n", ["XYZ", "countries.yaml"]),
        ("places:\n  CHL: [Isla Example]\n  PER: [Isla Example]\n", ["Isla Example", "CHL"]),
        ("places: [Somewhere]\n", ["places"]),
    ],
)
def test_bad_places_are_rejected(tmp_path, text, words):
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb(write(tmp_path, text, "bad-kb.yaml"))
    for word in words:
        assert word in str(info.value)


def test_igo_agents_and_the_new_sectors():
    kb = load_kb()
    assert kb.organisations["unsc"].agent == "GOV"
    assert kb.organisations["nato"].agent == "MIL"
    assert kb.organisations["un"].agent is None
    assert kb.organisations["hezbollah"].agent is None
    assert kb.sector_of("farmers") == "AGR"
    assert kb.sector_of("workers") == "LAB"
    assert kb.sector_of("kidnappers") == "CRM"
    assert kb.sector_of("tribal elders") == "ELI"
    assert kb.sector_of("car bomb") == "UAF"
    # plural demonyms name the people
    assert ("adjective", "SRB") in {(e.kind, e.country) for e in kb.lookup("Serbs")}


def test_a_state_that_split_off_is_its_parent_s_before_it_had_a_government(tmp_path):
    kb = load_kb()
    south_sudan = kb.country("SSD")
    assert kb.country_on(south_sudan, date(2000, 1, 1)).iso3 == "SDN"
    assert kb.country_on(south_sudan, date(2012, 1, 1)).iso3 == "SSD"
    assert kb.country_on(south_sudan, None).iso3 == "SSD"
    assert kb.country_on(kb.country("MNE"), date(2000, 1, 1)).iso3 == "MNE"  # a republic with its own government
    user = load_kb(write(tmp_path, "countries:\n  - {iso3: XSS, name: Southland, part_of: {country: SDN, until: 2005-07-09}}\n"))
    assert user.country_on(user.country("XSS"), date(2001, 5, 5)).iso3 == "SDN"
