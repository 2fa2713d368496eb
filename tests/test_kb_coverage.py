"""Coverage of the shipped knowledge base: who held office when, and who the armed groups are.

These tests go through ``eventwire.kb.load_kb()`` (the loader and its schema
check), so they hold for what the resolver actually sees: "the president"
in a 1995 Harare story is Robert Mugabe, "Tamil Tigers" is the LTTE.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from eventwire import kb as kb_module
from eventwire.kb import load_kb

D = date


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# (country, office, date, expected holder) -- handovers are checked on the
# day before and the day after, since the handover day itself is shared.
HOLDERS = [
    # G20 and Middle East before 2000
    ("USA", "head_of_state", D(1985, 1, 1), "Ronald Reagan"),
    ("USA", "head_of_state", D(1989, 1, 19), "Ronald Reagan"),
    ("USA", "head_of_state", D(1989, 1, 21), "George H. W. Bush"),
    ("USA", "head_of_government", D(1992, 6, 1), "George H. W. Bush"),
    ("USA", "head_of_state", D(1993, 1, 21), "Bill Clinton"),
    ("GBR", "head_of_government", D(1982, 4, 2), "Margaret Thatcher"),
    ("GBR", "head_of_government", D(1990, 11, 29), "John Major"),
    ("FRA", "head_of_state", D(1990, 1, 1), "François Mitterrand"),
    ("FRA", "head_of_government", D(1987, 1, 1), "Jacques Chirac"),
    ("DEU", "head_of_government", D(1990, 10, 3), "Helmut Kohl"),
    ("DEU", "head_of_government", D(1982, 9, 30), "Helmut Schmidt"),
    ("RUS", "head_of_state", D(1990, 6, 1), "Mikhail Gorbachev"),
    ("RUS", "head_of_state", D(1993, 10, 4), "Boris Yeltsin"),
    ("RUS", "head_of_state", D(2000, 6, 1), "Vladimir Putin"),
    ("RUS", "head_of_government", D(1998, 10, 1), "Yevgeny Primakov"),
    ("CHN", "head_of_government", D(1989, 6, 4), "Li Peng"),
    ("JPN", "head_of_state", D(1988, 1, 1), "Hirohito"),
    ("IND", "head_of_government", D(1984, 11, 1), "Rajiv Gandhi"),
    ("IDN", "head_of_state", D(1998, 5, 20), "Suharto"),
    ("IDN", "head_of_state", D(1998, 5, 22), "B. J. Habibie"),
    ("ARG", "head_of_state", D(1995, 1, 1), "Carlos Menem"),
    ("ZAF", "head_of_state", D(1992, 3, 17), "F. W. de Klerk"),
    ("ZAF", "head_of_state", D(1995, 6, 24), "Nelson Mandela"),
    ("ISR", "head_of_government", D(1993, 9, 13), "Yitzhak Rabin"),
    ("ISR", "head_of_government", D(1995, 11, 3), "Yitzhak Rabin"),
    ("ISR", "head_of_government", D(1995, 11, 5), "Shimon Peres"),
    ("ISR", "head_of_government", D(1982, 6, 6), "Menachem Begin"),
    ("ISR", "head_of_government", D(1990, 1, 1), "Yitzhak Shamir"),
    ("IRN", "head_of_state", D(1985, 1, 1), "Ruhollah Khomeini"),
    ("IRN", "head_of_state", D(1990, 1, 1), "Ali Khamenei"),
    ("IRN", "head_of_government", D(1985, 1, 1), "Ali Khamenei"),
    ("IRN", "head_of_government", D(1995, 1, 1), "Akbar Hashemi Rafsanjani"),
    ("IRN", "head_of_government", D(2000, 1, 1), "Mohammad Khatami"),
    ("IRQ", "head_of_state", D(1990, 8, 2), "Saddam Hussein"),
    ("SYR", "head_of_state", D(1990, 8, 2), "Hafez al-Assad"),
    ("EGY", "head_of_state", D(1981, 10, 5), "Anwar Sadat"),
    ("EGY", "head_of_state", D(1981, 10, 15), "Hosni Mubarak"),
    ("PSE", "head_of_state", D(1993, 9, 13), "Yasser Arafat"),
    ("JOR", "head_of_state", D(1994, 10, 26), "Hussein of Jordan"),
    ("SAU", "head_of_state", D(1981, 1, 1), "Khalid bin Abdulaziz"),
    # Africa
    ("ZWE", "head_of_state", D(1995, 1, 1), "Robert Mugabe"),
    ("ZWE", "head_of_state", D(1985, 1, 1), "Canaan Banana"),
    ("ZWE", "head_of_government", D(1985, 1, 1), "Robert Mugabe"),
    ("ZWE", "head_of_state", D(2017, 11, 25), "Emmerson Mnangagwa"),
    ("DZA", "head_of_state", D(2005, 1, 1), "Abdelaziz Bouteflika"),
    ("DZA", "head_of_state", D(1995, 1, 1), "Liamine Zéroual"),
    ("LBY", "head_of_state", D(2005, 1, 1), "Muammar Gaddafi"),
    ("LBY", "head_of_state", D(1986, 4, 15), "Muammar Gaddafi"),
    ("MAR", "head_of_state", D(1990, 1, 1), "Hassan II"),
    ("MAR", "head_of_state", D(2005, 1, 1), "Mohammed VI"),
    ("TUN", "head_of_state", D(2011, 1, 13), "Zine El Abidine Ben Ali"),
    ("UGA", "head_of_state", D(2000, 1, 1), "Yoweri Museveni"),
    ("RWA", "head_of_state", D(1994, 4, 5), "Juvénal Habyarimana"),
    ("RWA", "head_of_state", D(2010, 1, 1), "Paul Kagame"),
    ("CIV", "head_of_state", D(2005, 1, 1), "Laurent Gbagbo"),
    ("CIV", "head_of_state", D(2015, 1, 1), "Alassane Ouattara"),
    ("NGA", "head_of_state", D(1995, 1, 1), "Sani Abacha"),
    ("NGA", "head_of_state", D(1984, 6, 1), "Muhammadu Buhari"),
    ("NGA", "head_of_state", D(2016, 6, 1), "Muhammadu Buhari"),
    ("COD", "head_of_state", D(1990, 1, 1), "Mobutu Sese Seko"),
    ("COD", "head_of_state", D(2010, 1, 1), "Joseph Kabila"),
    ("ETH", "head_of_government", D(2000, 1, 1), "Meles Zenawi"),
    ("SDN", "head_of_state", D(2004, 1, 1), "Omar al-Bashir"),
    ("KEN", "head_of_state", D(1990, 1, 1), "Daniel arap Moi"),
    ("LBR", "head_of_state", D(2000, 1, 1), "Charles Taylor"),
]


@pytest.mark.parametrize(("country", "office", "day", "expected"), HOLDERS)
def test_office_holder_on_a_date(kb, country, office, day, expected):
    person = kb.office_holder(country, office, day)
    assert person is not None, f"nobody holds {country} {office} on {day}"
    assert person.name == expected


def test_a_person_who_came_back_holds_the_office_only_in_their_terms(kb):
    # Buhari: military ruler 1983-85, elected president 2015-23
    assert kb.office_holder("NGA", "head_of_state", D(1990, 1, 1)).name == "Ibrahim Babangida"
    # Shamir was prime minister twice, Peres in between
    assert kb.office_holder("ISR", "head_of_government", D(1985, 6, 1)).name == "Shimon Peres"


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Gaddafi", "Muammar Gaddafi"),
        ("Qaddafi", "Muammar Gaddafi"),
        ("Kadhafi", "Muammar Gaddafi"),
        ("Bouteflika", "Abdelaziz Bouteflika"),
        ("Gbagbo", "Laurent Gbagbo"),
        ("Reagan", "Ronald Reagan"),
        ("Thatcher", "Margaret Thatcher"),
        ("Gorbachev", "Mikhail Gorbachev"),
        ("Khomeini", "Ruhollah Khomeini"),
        ("Mugabe", "Robert Mugabe"),
    ],
)
def test_people_are_found_by_their_aliases(kb, alias, name):
    person = kb.person_by_name(alias)
    assert person is not None and person.name == name


def _org(kb, phrase):
    found = [e.item for e in kb.lookup(phrase) if e.kind == "organisation"]
    assert found, f"{phrase!r} names no organisation"
    return found[0]


@pytest.mark.parametrize(
    ("phrase", "org_id", "sector", "country"),
    [
        ("Tamil Tigers", "ltte", "REB", "LKA"),
        ("LTTE", "ltte", "REB", "LKA"),
        ("UNITA", "unita", "REB", "AGO"),
        ("Islamic Salvation Front", "fis", "OPP", "DZA"),
        ("GIA", "gia", "REB", "DZA"),
        ("SPLA", "splm", "REB", "SDN"),
        ("Revolutionary United Front", "ruf", "REB", "SLE"),
        ("Moro Islamic Liberation Front", "milf", "REB", "PHL"),
        ("Abu Sayyaf", "abu-sayyaf", "REB", "PHL"),
        ("New People's Army", "npa", "REB", "PHL"),
        ("Shining Path", "shining-path", "REB", "PER"),
        ("Zapatistas", "ezln", "REB", "MEX"),
        ("ETA", "eta", "REB", "ESP"),
        ("Provisional IRA", "ira", "REB", "GBR"),
        ("Kosovo Liberation Army", "kla", "REB", "XKX"),
        ("Hizballah", "hezbollah", "REB", "LBN"),
        ("Janjaweed", "janjaweed", "REB", "SDN"),
        ("Lord's Resistance Army", "lra", "REB", "UGA"),
        ("Polisario Front", "polisario", "REB", "ESH"),
        ("Seleka", "seleka", "REB", "CAF"),
        ("Nusra Front", "hts", "REB", "SYR"),
    ],
)
def test_armed_groups_are_found_by_name_and_alias(kb, phrase, org_id, sector, country):
    org = _org(kb, phrase)
    assert (org.id, org.sector, org.country) == (org_id, sector, country)


@pytest.mark.parametrize(
    ("phrase", "org_id", "sector"),
    [
        ("OAU", "oau", "IGO"),
        ("Organization of African Unity", "oau", "IGO"),
        ("European Community", "european-community", "IGO"),
        ("CSCE", "osce", "IGO"),
        ("ICRC", "icrc", "NGO"),
        ("Red Cross", "icrc", "NGO"),
        ("Amnesty International", "amnesty-international", "NGO"),
        ("Human Rights Watch", "human-rights-watch", "NGO"),
        ("Doctors Without Borders", "msf", "NGO"),
    ],
)
def test_international_bodies_are_found(kb, phrase, org_id, sector):
    org = _org(kb, phrase)
    assert (org.id, org.sector, org.country) == (org_id, sector, None)


def test_the_full_kb_loads_in_a_fresh_process():
    # its load time and memory are measured by bench/stages.py
    code = "from eventwire.kb import load_kb; print(len(load_kb().people))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert int(out.stdout) > 1000


def test_reloading_after_clearing_the_cache_gives_the_same_kb(kb):
    kb_module._builtin_kb.cache_clear()
    kb_module._builtin_data.cache_clear()
    fresh = load_kb()
    assert fresh is not kb
    assert set(fresh.people) == set(kb.people)
    assert set(fresh.organisations) == set(kb.organisations)
