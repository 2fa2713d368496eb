"""Checks on the people knowledge base (eventwire/data/kb/people.yaml).

The file is read with plain ``yaml.safe_load`` so that these checks hold no
matter how the loader in ``eventwire.kb`` evolves: what is tested here is the
data a user relies on when "the Prime Minister said" has to become a name.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations
from pathlib import Path

import pytest
import yaml

PEOPLE_FILE = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "kb" / "people.yaml"

ENTRY_KEYS = {"id", "name", "aliases", "country", "roles"}
ROLE_KEYS = {"office", "title", "start", "end"}
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
# The countries the file covers: the G20 members (without the EU) and the Middle
# East with all four offices since 2000, and the countries added since.
COVERED = {
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN",
    "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
    "ISR", "PSE", "IRN", "IRQ", "SYR", "LBN", "JOR", "EGY", "YEM", "OMN", "ARE",
    "QAT", "BHR", "KWT",
} | {
    # heads of state and government 1980-2026 of the rest of the world
    # (see the header of people.yaml for which countries list prime ministers)
    "AFG", "AGO", "ALB", "ARM", "AUT", "AZE", "BDI", "BEL", "BEN", "BFA", "BGD", "BGR", "BHS", "BIH",
    "BLR", "BLZ", "BOL", "BRB", "BRN", "BTN", "BWA", "CAF", "CHL", "CIV", "CMR", "COD", "COG", "COL",
    "COM", "CPV", "CRI", "CUB", "CYP", "CZE", "DJI", "DNK", "DOM", "DZA", "ECU", "ERI", "ESP", "EST",
    "ETH", "FIN", "FJI", "GAB", "GEO", "GHA", "GIN", "GMB", "GNB", "GNQ", "GRC", "GTM", "GUY", "HND",
    "HRV", "HTI", "HUN", "IRL", "ISL", "JAM", "KAZ", "KEN", "KGZ", "KHM", "LAO", "LBR", "LBY", "LKA",
    "LSO", "LTU", "LUX", "LVA", "MAR", "MDA", "MDG", "MDV", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG",
    "MOZ", "MRT", "MUS", "MWI", "MYS", "NAM", "NER", "NGA", "NIC", "NLD", "NOR", "NPL", "NZL", "PAK",
    "PAN", "PER", "PHL", "PNG", "POL", "PRK", "PRT", "PRY", "ROU", "RWA", "SDN", "SEN", "SGP", "SLE",
    "SLV", "SOM", "SRB", "SSD", "STP", "SUR", "SVK", "SVN", "SWE", "SWZ", "SYC", "TCD", "TGO", "THA",
    "TJK", "TKM", "TLS", "TTO", "TUN", "TWN", "TZA", "UGA", "UKR", "URY", "UZB", "VEN", "VNM", "XKX",
    "ZMB", "ZWE",
}
# An open term (end: null) runs to the date the file is current as of.
AS_OF = dt.date(2026, 11, 30)
# Bare surnames shared by many office holders: as aliases they would tag the
# wrong person, so the file must never use them.
AMBIGUOUS_SURNAMES = {
    "kim", "lee", "park", "singh", "khan", "li", "wang", "al-sabah", "al thani",
    "al khalifa", "hariri", "aoun", "salam", "kirchner", "fernandez", "fernández",
    "koizumi", "ivanov", "zayed", "tanaka", "kono", "cho", "sharaa", "al-sharaa",
}


def _load() -> list[dict]:
    with PEOPLE_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _as_date(value) -> dt.date | None:
    """YAML gives dates as date objects; accept ISO strings too."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@pytest.fixture(scope="module")
def people() -> list[dict]:
    return _load()


def holder(people: list[dict], country: str, office: str, day: dt.date) -> str | None:
    """Name of the person holding `office` in `country` on `day`, or None.

    Both ends of a term are inclusive; on a handover day (outgoing end ==
    incoming start) the incoming holder wins.
    """
    best: tuple[dt.date, str] | None = None
    for person in people:
        if person["country"] != country:
            continue
        for role in person["roles"]:
            if role["office"] != office:
                continue
            start = _as_date(role["start"])
            end = _as_date(role["end"]) or AS_OF
            if start <= day <= end and (best is None or start > best[0]):
                best = (start, person["name"])
    return best[1] if best else None


def test_file_is_a_list_of_entries_with_exactly_the_schema_keys(people):
    assert isinstance(people, list) and len(people) > 100
    for person in people:
        assert set(person) == ENTRY_KEYS, person.get("id")
        assert isinstance(person["aliases"], list), person["id"]
        assert person["roles"], f"{person['id']} has no roles"
        for role in person["roles"]:
            assert set(role) == ROLE_KEYS, person["id"]
            assert role["office"] in OFFICES, (person["id"], role["office"])
            assert isinstance(role["title"], str) and role["title"].strip(), person["id"]


def test_ids_are_unique_lowercase_ascii_slugs(people):
    ids = [p["id"] for p in people]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for person_id in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", person_id), person_id


def test_countries_are_covered_iso3_codes(people):
    for person in people:
        assert person["country"] in COVERED, (person["id"], person["country"])
    # every covered country has at least one head of state or government
    countries = {p["country"] for p in people}
    assert countries == COVERED, COVERED - countries


def test_dates_parse_and_start_precedes_end(people):
    for person in people:
        for role in person["roles"]:
            start = _as_date(role["start"])
            end = _as_date(role["end"])
            assert start is not None, person["id"]
            assert start <= AS_OF, person["id"]
            if end is not None:
                assert start < end, (person["id"], role)
                assert end <= AS_OF, (person["id"], role)
        # the file covers 1980-2026: earlier terms are kept only for people
        # who also held an office in that span (Hafez al-Assad from 1971)
        last_day = max(_as_date(r["end"]) or AS_OF for r in person["roles"])
        assert last_day >= dt.date(1980, 1, 1), person["id"]


def test_no_two_terms_of_one_office_overlap_beyond_the_handover_day(people):
    terms: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = {}
    for person in people:
        for role in person["roles"]:
            key = (person["country"], role["office"])
            start = _as_date(role["start"])
            end = _as_date(role["end"]) or AS_OF
            terms.setdefault(key, []).append((start, end, person["id"]))
    problems = []
    for key, spans in terms.items():
        for (s1, e1, a), (s2, e2, b) in combinations(spans, 2):
            # sharing one calendar day (end == next start) is a handover
            if min(e1, e2) > max(s1, s2):
                problems.append((key, a, s1, e1, b, s2, e2))
    assert not problems, problems


def test_aliases_are_unambiguous(people):
    owner: dict[str, str] = {}
    for person in people:
        owner[person["name"].casefold()] = person["id"]
    for person in people:
        for alias in person["aliases"]:
            folded = alias.casefold()
            assert folded not in AMBIGUOUS_SURNAMES, (person["id"], alias)
            assert owner.get(folded, person["id"]) == person["id"], (
                f"alias {alias!r} of {person['id']} also names {owner[folded]}"
            )
            owner[folded] = person["id"]


# One-word aliases that also appear inside another entry's name, kept on
# purpose because news since 2000 uses them for one person only: Hafez
# al-Assad died in June 2000; "Mubarak" in the other names is a patronymic
# ("bin Mubarak"); Dlamini-Zuma is always written with both names.
# Since the file reaches back to 1980, a few such aliases also appear in the
# names of earlier office holders; they stay with the person news since 2000
# means: "Bush" (not George H. W. Bush), "Herzog" (Isaac, not Chaim or
# Roman), "Trudeau" (Justin, not Pierre), "Karami" (Omar, not Rashid),
# "Maduro" (Nicolás, not Ricardo Maduro of Honduras), "Calderón" (Felipe,
# not the Costa Rican and Salvadoran presidents of the 1990s);
# "Shafik" is only a given name in Shafik Wazzan.
SHARED_WORD_ALIASES = {
    "assad", "al-assad", "mubarak", "zuma",
    "bush", "herzog", "trudeau", "karami", "shafik", "maduro", "calderón", "calderon",
}


def test_one_word_aliases_do_not_name_a_second_person(people):
    words: dict[str, set[str]] = {}
    for person in people:
        for label in [person["name"], *person["aliases"]]:
            if " " in label or label is person["name"]:
                for word in label.casefold().split():
                    words.setdefault(word, set()).add(person["id"])
    for person in people:
        for alias in person["aliases"]:
            folded = alias.casefold()
            if " " in alias or folded in SHARED_WORD_ALIASES:
                continue
            others = words.get(folded, set()) - {person["id"]}
            assert not others, f"alias {alias!r} of {person['id']} is also part of {others}"


def test_aliases_add_something(people):
    for person in people:
        folded = [a.casefold() for a in person["aliases"]]
        assert len(folded) == len(set(folded)), person["id"]
        assert person["name"].casefold() not in folded, person["id"]


def test_each_role_is_listed_once_per_person(people):
    for person in people:
        keys = [(r["office"], str(r["start"])) for r in person["roles"]]
        assert len(keys) == len(set(keys)), person["id"]


D = dt.date
SPOT_CHECKS = [
    # (country, office, date, expected name)
    ("ISR", "head_of_government", D(2018, 12, 8), "Benjamin Netanyahu"),
    ("ISR", "head_of_government", D(2021, 6, 12), "Benjamin Netanyahu"),
    ("ISR", "head_of_government", D(2021, 6, 14), "Naftali Bennett"),
    ("ISR", "head_of_government", D(2022, 8, 1), "Yair Lapid"),
    ("ISR", "head_of_government", D(2023, 10, 7), "Benjamin Netanyahu"),
    ("ISR", "head_of_government", D(2001, 3, 6), "Ehud Barak"),
    ("ISR", "head_of_government", D(2001, 3, 8), "Ariel Sharon"),
    ("ISR", "head_of_state", D(2010, 1, 1), "Shimon Peres"),
    ("ISR", "defence_minister", D(2024, 11, 10), "Israel Katz"),
    ("ISR", "defence_minister", D(2023, 11, 1), "Yoav Gallant"),
    ("USA", "head_of_state", D(2015, 6, 1), "Barack Obama"),
    ("USA", "head_of_state", D(2009, 1, 19), "George W. Bush"),
    ("USA", "head_of_state", D(2009, 1, 21), "Barack Obama"),
    ("USA", "head_of_government", D(2021, 6, 1), "Joe Biden"),
    ("USA", "head_of_state", D(2025, 3, 1), "Donald Trump"),
    ("USA", "foreign_minister", D(2006, 1, 1), "Condoleezza Rice"),
    ("USA", "defence_minister", D(2003, 3, 20), "Donald Rumsfeld"),
    ("RUS", "head_of_government", D(2010, 1, 1), "Vladimir Putin"),
    ("RUS", "head_of_state", D(2010, 1, 1), "Dmitry Medvedev"),
    ("RUS", "head_of_state", D(2012, 5, 6), "Dmitry Medvedev"),
    ("RUS", "head_of_state", D(2012, 5, 8), "Vladimir Putin"),
    ("RUS", "head_of_government", D(2015, 1, 1), "Dmitry Medvedev"),
    ("RUS", "foreign_minister", D(2022, 2, 24), "Sergey Lavrov"),
    ("RUS", "defence_minister", D(2024, 5, 1), "Sergei Shoigu"),
    ("RUS", "defence_minister", D(2024, 6, 1), "Andrei Belousov"),
    ("FRA", "head_of_state", D(2007, 5, 15), "Jacques Chirac"),
    ("FRA", "head_of_state", D(2007, 5, 17), "Nicolas Sarkozy"),
    ("FRA", "head_of_government", D(2024, 10, 1), "Michel Barnier"),
    ("FRA", "foreign_minister", D(2003, 2, 14), "Dominique de Villepin"),
    ("GBR", "head_of_government", D(2022, 10, 1), "Liz Truss"),
    ("GBR", "head_of_state", D(2022, 9, 7), "Elizabeth II"),
    ("GBR", "head_of_state", D(2022, 9, 9), "Charles III"),
    ("DEU", "head_of_government", D(2021, 12, 7), "Angela Merkel"),
    ("DEU", "head_of_government", D(2021, 12, 9), "Olaf Scholz"),
    ("IRN", "head_of_state", D(2009, 6, 12), "Ali Khamenei"),
    ("IRN", "head_of_government", D(2009, 6, 12), "Mahmoud Ahmadinejad"),
    ("IRN", "foreign_minister", D(2015, 7, 14), "Mohammad Javad Zarif"),
    ("SYR", "head_of_state", D(2000, 6, 1), "Hafez al-Assad"),
    ("SYR", "head_of_state", D(2011, 3, 15), "Bashar al-Assad"),
    ("SYR", "head_of_state", D(2025, 6, 1), "Ahmed al-Sharaa"),
    ("LBN", "head_of_government", D(2005, 2, 14), "Omar Karami"),
    ("LBN", "head_of_state", D(2015, 6, 1), None),  # vacancy: cabinet exercised the powers
    ("LBN", "head_of_state", D(2025, 3, 1), "Joseph Aoun"),
    ("EGY", "head_of_state", D(2011, 2, 10), "Hosni Mubarak"),
    ("EGY", "head_of_state", D(2013, 1, 1), "Mohamed Morsi"),
    ("EGY", "defence_minister", D(2013, 7, 3), "Abdel Fattah el-Sisi"),
    ("SAU", "head_of_state", D(2010, 1, 1), "Abdullah bin Abdulaziz Al Saud"),
    ("SAU", "head_of_government", D(2023, 1, 1), "Mohammed bin Salman"),
    ("TUR", "head_of_government", D(2010, 1, 1), "Recep Tayyip Erdoğan"),
    ("TUR", "head_of_state", D(2010, 1, 1), "Abdullah Gül"),
    ("TUR", "head_of_government", D(2017, 1, 1), "Binali Yıldırım"),
    ("TUR", "head_of_government", D(2019, 1, 1), "Recep Tayyip Erdoğan"),
    ("CHN", "head_of_state", D(2008, 8, 8), "Hu Jintao"),
    ("CHN", "head_of_government", D(2020, 1, 1), "Li Keqiang"),
    ("JPN", "head_of_government", D(2015, 1, 1), "Shinzo Abe"),
    ("IND", "head_of_government", D(2010, 1, 1), "Manmohan Singh"),
    ("IRQ", "head_of_government", D(2010, 1, 1), "Nouri al-Maliki"),
    ("PSE", "head_of_state", D(2010, 1, 1), "Mahmoud Abbas"),
    ("JOR", "head_of_state", D(2010, 1, 1), "Abdullah II"),
    ("BRA", "head_of_state", D(2010, 1, 1), "Luiz Inácio Lula da Silva"),
    ("KOR", "head_of_state", D(2019, 1, 1), "Moon Jae-in"),
    ("KOR", "head_of_state", D(2017, 4, 1), "Hwang Kyo-ahn"),
    ("ARG", "head_of_state", D(2001, 12, 26), "Adolfo Rodríguez Saá"),
    ("ARG", "head_of_government", D(2024, 1, 1), "Javier Milei"),
    ("MEX", "head_of_state", D(2018, 11, 30), "Enrique Peña Nieto"),
    ("MEX", "head_of_state", D(2018, 12, 2), "Andrés Manuel López Obrador"),
    ("ZAF", "head_of_state", D(2018, 2, 13), "Jacob Zuma"),
    ("ZAF", "head_of_state", D(2018, 2, 16), "Cyril Ramaphosa"),
    ("CAN", "head_of_government", D(2025, 3, 13), "Justin Trudeau"),
    ("CAN", "head_of_government", D(2025, 3, 15), "Mark Carney"),
    ("CAN", "head_of_state", D(2020, 1, 1), None),  # the monarch is listed under GBR
    ("AUS", "head_of_government", D(2013, 7, 1), "Kevin Rudd"),
    ("IDN", "head_of_state", D(2020, 1, 1), "Joko Widodo"),
    ("QAT", "head_of_state", D(2013, 6, 24), "Hamad bin Khalifa Al Thani"),
    ("QAT", "head_of_state", D(2013, 6, 26), "Tamim bin Hamad Al Thani"),
    ("ARE", "head_of_state", D(2023, 1, 1), "Mohamed bin Zayed Al Nahyan"),
    ("KWT", "head_of_state", D(2021, 1, 1), "Nawaf Al-Ahmad Al-Jaber Al-Sabah"),
    ("OMN", "head_of_government", D(2019, 1, 1), "Qaboos bin Said"),
    ("BHR", "head_of_government", D(2021, 1, 1), "Salman bin Hamad Al Khalifa"),
    ("YEM", "head_of_state", D(2015, 3, 26), "Abdrabbuh Mansur Hadi"),
    ("ITA", "head_of_government", D(2011, 11, 15), "Silvio Berlusconi"),
    ("ITA", "head_of_government", D(2011, 11, 17), "Mario Monti"),
    ("IND", "foreign_minister", D(2008, 11, 26), "Pranab Mukherjee"),
    ("JPN", "foreign_minister", D(2016, 1, 1), "Fumio Kishida"),
    ("CHN", "foreign_minister", D(2023, 3, 1), "Qin Gang"),
]


@pytest.mark.parametrize(("country", "office", "day", "expected"), SPOT_CHECKS)
def test_spot_check_who_held_office_on_a_date(people, country, office, day, expected):
    assert holder(people, country, office, day) == expected


def test_one_person_with_several_offices_is_one_entry(people):
    putin = [p for p in people if p["name"] == "Vladimir Putin"]
    assert len(putin) == 1
    offices = [r["office"] for r in putin[0]["roles"]]
    assert offices.count("head_of_state") == 2 and offices.count("head_of_government") == 2
