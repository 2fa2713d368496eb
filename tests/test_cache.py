"""The start-up cache of parsed data: same knowledge base warm or cold, invalidated by edits, never fatal."""

from __future__ import annotations

import gc
import pickle
from datetime import date
from pathlib import Path

import pytest

from eventwire import cache
from eventwire import kb as kb_module
from eventwire.errors import KnowledgeBaseError
from eventwire.kb import load_kb

# a small stand-in for eventwire/data/kb, so a test can edit it
SECTORS = """
sectors:
  GOV: {label: Government, titles: [minister]}
offices:
  head_of_state: {sector: GOV, rank: 1, titles: [president]}
"""
COUNTRIES = """
- {iso3: CHL, name: Chile, adjectives: [Chilean]}
- {iso3: ISR, name: Israel, adjectives: [Israeli]}
"""
PEOPLE = """
- id: ana-example
  name: Ana Example
  country: CHL
  roles: [{office: head_of_state, start: 2018-03-11}]
"""
NEW_PERSON = """
- id: golda-example
  name: Golda Example
  country: ISR
  roles: [{office: head_of_state, start: 2021-07-07}]
"""


def _forget() -> None:
    """Drop this process's copy of the built-in KB, so the next load goes through the cache."""
    kb_module._builtin_kb.cache_clear()
    kb_module._builtin_data.cache_clear()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV_VAR, str(folder))
    monkeypatch.delenv(kb_module.KB_ENV_VAR, raising=False)
    _forget()
    yield folder
    _forget()  # later tests load the real data again, not this test's


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "kb"
    folder.mkdir()
    for name, text in (("sectors.yaml", SECTORS), ("countries.yaml", COUNTRIES),
                       ("organisations.yaml", "[]"), ("people.yaml", PEOPLE)):
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(kb_module, "_BUILTIN_FOLDER", folder)
    return folder


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("kb-*.pickle"))


def _must_not_parse(contents):
    raise AssertionError("parsed the YAML although the cache was warm")


def test_warm_cache_gives_the_same_kb_as_parsing(cache_dir, monkeypatch):
    cold = load_kb()
    assert len(_cache_files(cache_dir)) == 1
    _forget()
    monkeypatch.setattr(kb_module, "_parse_builtin", _must_not_parse)
    warm = load_kb()
    assert warm is not cold
    assert (len(warm.people), len(warm.organisations), len(warm.countries), len(warm.sector_words)) == (
        len(cold.people), len(cold.organisations), len(cold.countries), len(cold.sector_words))
    assert warm.people == cold.people and warm.organisations == cold.organisations
    assert warm.countries == cold.countries and warm.offices == cold.offices
    for phrase in ("Moscow", "Vladimir Putin", "Hamas", "troops", "Israeli", "Gaza"):
        assert warm.lookup(phrase) == cold.lookup(phrase) != []
    assert warm.office_holder("RUS", "head_of_state", date(2000, 6, 1)).name == "Vladimir Putin"


def test_editing_a_data_file_invalidates_the_cache(cache_dir, data_dir):
    assert load_kb().person_by_name("Golda Example") is None
    with (data_dir / "people.yaml").open("a", encoding="utf-8") as file:
        file.write(NEW_PERSON)
    _forget()
    kb = load_kb()
    assert kb.person_by_name("Golda Example").id == "golda-example"
    assert kb.office_holder("ISR", "head_of_state", date(2022, 1, 1)).id == "golda-example"
    assert len(_cache_files(cache_dir)) == 1  # the file of the old data is removed


@pytest.mark.parametrize("damage", [lambda b: b[: len(b) // 2], lambda b: b"", lambda b: b"not a pickle"],
                         ids=["truncated", "empty", "garbage"])
def test_a_damaged_cache_file_is_parsed_again(cache_dir, data_dir, damage):
    first = load_kb()
    [stored] = _cache_files(cache_dir)
    stored.write_bytes(damage(stored.read_bytes()))
    _forget()
    again = load_kb()
    assert again.people == first.people and again.countries == first.countries
    assert again.office_holder("CHL", "head_of_state", date(2020, 1, 1)).id == "ana-example"
    assert pickle.loads(stored.read_bytes()) == kb_module._builtin_data()  # stored again, whole


def test_an_unusable_cache_directory_is_skipped(cache_dir, tmp_path, monkeypatch, data_dir):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv(cache.CACHE_ENV_VAR, str(blocker))
    assert load_kb().person_by_name("Ana Example").id == "ana-example"
    assert blocker.read_text() == ""


def test_a_user_file_over_a_warm_cache_is_still_checked(cache_dir, tmp_path):
    load_kb()
    _forget()
    bad = tmp_path / "bad.yaml"
    bad.write_text("countries:\n  - {iso3: ISRL, name: Israel}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"\[E022\].*ISRL"):
        load_kb(bad)
    good = tmp_path / "good.yaml"
    good.write_text("organisations:\n  - {id: nlf, name: Northern Liberation Front, sector: REB, country: LBN}\n",
                    encoding="utf-8")
    assert load_kb(good).lookup("Northern Liberation Front")[0].item.sector == "REB"
    assert load_kb().lookup("Northern Liberation Front") == []
    assert len(_cache_files(cache_dir)) == 1  # user files are parsed every time, not cached


def test_cache_directory_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV_VAR, str(tmp_path / "own"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "own"
    monkeypatch.delenv(cache.CACHE_ENV_VAR)
    assert cache.cache_dir() == tmp_path / "xdg" / "eventwire"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "eventwire"


def test_no_home_directory_means_no_cache(cache_dir, monkeypatch, data_dir):
    monkeypatch.delenv(cache.CACHE_ENV_VAR)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache.cache_dir() is None
    assert load_kb().person_by_name("Ana Example").id == "ana-example"


def test_collection_resumes_after_a_paused_block():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with cache.paused_gc():
            assert not gc.isenabled()
            with cache.paused_gc():
                pass
            assert not gc.isenabled()  # the inner block does not switch it back on early
            raise ValueError
    assert gc.isenabled()
