"""The actors knowledge base: countries, places, organisations, people and sector words.

The knowledge lives in YAML files shipped in ``eventwire/data/kb/``
(``countries.yaml``, ``places.yaml``, ``organisations.yaml``, ``people.yaml``,
``sectors.yaml``).
:func:`load_kb` reads and schema-checks them, layers an optional user file
on top, and builds one phrase index (lowercased phrase -> entries) that the
actor resolver turns into a spaCy ``PhraseMatcher``.

A user file has the same keys, all optional::

    countries: [...]        # same fields as countries.yaml; same iso3 replaces
    places: {PSE: [...]}    # regions and cities of a country; names are added
    organisations: [...]    # same id replaces, a new id is added
    people: [...]           # same id replaces, a new id is added
    sectors: {GOV: {titles: [...], bodies: [...], generic: [...]}}  # words are added
    offices: {...}          # same as sectors.yaml 'offices'
"""

from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Union

import yaml

from . import cache, errors
from .errors import KnowledgeBaseError

logger = logging.getLogger(__name__)

KB_ENV_VAR = "EVENTWIRE_KB"

_ISO3 = re.compile(r"^[A-Z]{3}$")
_SECTOR = re.compile(r"^[A-Z]{3}$")
_WORD_KINDS = ("titles", "bodies", "generic")
# the C loader is ~10x faster than the pure-Python one, which is the fallback without libyaml
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that keeps dates as text, so a bad date is reported with its entry (E023)."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
_LOADER = _Loader


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # regions and cities in the country (places.yaml)
    # a state that split off another: until ``part_until`` its names and places are ``part_of``'s
    part_of: str | None = None
    part_until: date | None = None


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    sector: str = "IGO"
    country: str | None = None
    # what an IGO body does, as a sector: the Security Council governs (GOV), NATO and
    # peacekeeping missions fight (MIL), UNHCR looks after refugees (REF); None: just IGO
    agent: str | None = None


@dataclass(frozen=True)
class Role:
    """One post a person held: ``end`` is None while they still hold it."""

    office: str
    title: str
    start: date
    end: date | None = None

    def active(self, on: date | None) -> bool:
        """True if the post was held on ``on`` (None: held now, i.e. no end date)."""
        if on is None:
            return self.end is None
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    roles: tuple[Role, ...] = ()
    sector: str | None = None  # for people with no office (e.g. a rebel leader)


@dataclass(frozen=True)
class Office:
    name: str  # head_of_state | head_of_government | foreign_minister | defence_minister | ...
    sector: str
    rank: int
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectorWord:
    """A role word: ``kind`` is ``title`` (one person), ``body`` or ``generic`` (a group)."""

    phrase: str
    sector: str
    kind: str
    office: str | None = None
    plural: bool = False


Item = Union[Country, Organisation, Person, SectorWord]


@dataclass(frozen=True)
class KbEntry:
    """One thing a phrase can mean.

    ``kind`` is ``country`` (a name of the country), ``adjective``, ``metonym``
    (capital or seat of power), ``place`` (a region or city in it), ``organisation``,
    ``person`` or ``sector_word``.
    """

    phrase: str  # as written in the data file (its capitals matter when matching)
    kind: str
    item: Item

    @property
    def country(self) -> str | None:
        if isinstance(self.item, Country):
            return self.item.iso3
        if isinstance(self.item, (Organisation, Person)):
            return self.item.country
        return None

    @property
    def kb_id(self) -> str | None:
        if isinstance(self.item, Country):
            return self.item.iso3
        if isinstance(self.item, (Organisation, Person)):
            return self.item.id
        return None


# --------------------------------------------------------------------------- the KB


def normalise(phrase: str) -> str:
    """Index key of a phrase: lowercased, whitespace collapsed."""
    return " ".join(phrase.lower().split())


class KnowledgeBase:
    """Countries, organisations, people and sector words, with a phrase index.

    Build it with :func:`load_kb`; it is immutable afterwards, so one instance
    can be shared by every resolver and process.
    """

    def __init__(
        self,
        countries: Iterable[Country],
        organisations: Iterable[Organisation],
        people: Iterable[Person],
        sectors: dict[str, str],
        offices: dict[str, Office],
        sector_words: Iterable[SectorWord],
    ) -> None:
        self.countries: dict[str, Country] = {c.iso3: c for c in countries}
        self.organisations: dict[str, Organisation] = {o.id: o for o in organisations}
        self.people: dict[str, Person] = {p.id: p for p in people}
        self.sectors: dict[str, str] = dict(sectors)  # code -> label
        self.offices: dict[str, Office] = dict(offices)
        self.sector_words: dict[str, SectorWord] = {}
        for word in sector_words:
            # first definition wins: titles are listed before bodies, singular before plural
            self.sector_words.setdefault(normalise(word.phrase), word)
        self._index: dict[str, list[KbEntry]] = {}
        self._holders: dict[tuple[str, str], list[tuple[Role, Person]]] = {}
        self._build_index()

    # -- building
    def _add(self, phrase: str, kind: str, item: Item) -> None:
        key = normalise(phrase)
        if not key:
            return
        entries = self._index.setdefault(key, [])
        if not any(e.item is item and e.kind == kind for e in entries):
            entries.append(KbEntry(phrase.strip(), kind, item))

    def _build_index(self) -> None:
        for c in self.countries.values():
            for name in (c.name, *c.names):
                self._add(name, "country", c)
            for adj in c.adjectives:
                self._add(adj, "adjective", c)
                # demonyms as plural nouns name the people: "the Palestinians", "Libyans", "Serbs"
                # (irregular ones, "Turks", "Poles", are listed with the adjectives)
                if " " not in adj and (adj[-1:] in ("n", "i") or adj[-1:].lower() not in "aeiouyhsxz"):
                    self._add(adj + "s", "adjective", c)
            for met in c.metonyms:
                self._add(met, "metonym", c)
            for place in c.places:
                self._add(place, "place", c)
        for o in self.organisations.values():
            for name in (o.name, *o.aliases):
                self._add(name, "organisation", o)
        for p in self.people.values():
            for name in (p.name, *p.aliases):
                self._add(name, "person", p)
            for role in p.roles:
                self._holders.setdefault((p.country or "", role.office), []).append((role, p))
        for w in self.sector_words.values():
            self._add(w.phrase, "sector_word", w)

    # -- queries
    @property
    def phrases(self) -> dict[str, list[KbEntry]]:
        """The phrase index: normalised phrase -> entries (read it, do not change it)."""
        return self._index

    def lookup(self, phrase: str) -> list[KbEntry]:
        """Everything ``phrase`` can name (case-insensitive), e.g. ``lookup("Moscow")``."""
        return list(self._index.get(normalise(phrase), ()))

    def country(self, iso3: str) -> Country | None:
        return self.countries.get(iso3)

    def country_on(self, country: Country, on: date | None) -> Country:
        """The state ``country``'s names stood for on ``on``: Juba is Sudan's in 2000, South Sudan's now."""
        if country.part_of and country.part_until and on is not None and on < country.part_until:
            return self.countries.get(country.part_of, country)
        return country

    def person_by_name(self, name: str) -> Person | None:
        """The person a name or alias identifies; None if unknown or ambiguous."""
        found = {e.item.id: e.item for e in self.lookup(name.lstrip("#")) if e.kind == "person"}
        if len(found) == 1:
            return next(iter(found.values()))
        return None

    def roles_of(self, person: Person, on: date | None) -> tuple[Role, ...]:
        """The posts ``person`` held on ``on`` (None: now), most senior first."""
        active = [r for r in person.roles if r.active(on)]
        return tuple(sorted(active, key=lambda r: self._rank(r.office)))

    def office_holder(self, country: str, office: str, on: date | None) -> Person | None:
        """Who held ``office`` in ``country`` on ``on`` (None: now); None if the KB does not know."""
        holders = [(r, p) for r, p in self._holders.get((country, office), ()) if r.active(on)]
        if not holders:
            return None
        # overlapping terms (a handover day): the one who started last
        return max(holders, key=lambda rp: rp[0].start)[1]

    def person_sector(self, person: Person, on: date | None) -> str:
        """Sector a person codes as on a date: their most senior post then, else their latest post."""
        roles = self.roles_of(person, on)
        if not roles and person.roles:
            roles = (max(person.roles, key=lambda r: r.start),)
        if roles:
            office = self.offices.get(roles[0].office)
            if office is not None:
                return office.sector
        return person.sector or "GOV"

    def sector_of(self, word: str) -> str | None:
        """Sector of a role word ("troops" -> MIL, "prime minister" -> GOV), or None."""
        found = self.sector_words.get(normalise(word))
        return found.sector if found else None

    def sector_word(self, word: str) -> SectorWord | None:
        return self.sector_words.get(normalise(word))

    def _rank(self, office: str) -> int:
        known = self.offices.get(office)
        return known.rank if known else 99

    def __repr__(self) -> str:
        return (
            f"KnowledgeBase({len(self.countries)} countries, {len(self.organisations)} organisations, "
            f"{len(self.people)} people, {len(self.sector_words)} sector words)"
        )


# --------------------------------------------------------------------------- loading


def load_kb(user_file: Path | str | None = None) -> KnowledgeBase:
    """Load the built-in knowledge base, with ``user_file`` (YAML) layered on top.

    Raises :class:`KnowledgeBaseError` (``[E02x]``) naming the file and entry
    when a file fails its schema check. The built-in part is read once per
    process, from a per-user cache of the parsed files while they are unchanged
    (:mod:`eventwire.cache`). With no ``user_file``, ``$EVENTWIRE_KB`` names one
    (so worker processes see the same knowledge base as the command).
    """
    if user_file is None:
        user_file = os.environ.get(KB_ENV_VAR) or None
    if user_file is None:
        return _builtin_kb()
    base = _builtin_data()
    path = Path(user_file)
    raw = _read_yaml(path, path.read_text if path.is_file() else None)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(
            errors.E029.format(path=path, expected="a mapping with countries/organisations/people/sectors", got=type(raw).__name__)
        )
    unknown = set(raw) - {"countries", "places", "organisations", "people", "sectors", "offices"}
    if unknown:
        raise KnowledgeBaseError(
            errors.E029.format(
                path=path,
                expected="a mapping with keys countries, places, organisations, people, sectors, offices",
                got=f"unknown key(s) {sorted(unknown)}",
            )
        )
    sectors = {code: dict(spec) for code, spec in base["sectors"].items()}
    for code, spec in _parse_sector_map(path, raw.get("sectors") or {}).items():
        merged = sectors.setdefault(code, {"label": spec["label"], "titles": [], "bodies": [], "generic": []})
        for kind in _WORD_KINDS:
            merged[kind] = list(merged[kind]) + [w for w in spec[kind] if w not in merged[kind]]
    offices = dict(base["offices"])
    offices.update(_parse_offices(path, raw.get("offices") or {}, set(sectors)))
    known_sectors = set(sectors)
    countries = {c.iso3: c for c in base["countries"]}
    countries.update({c.iso3: c for c in _parse_countries(path, raw.get("countries") or [])})
    countries = _with_places(countries, base["places"])
    countries = _with_places(countries, _parse_places(path, raw.get("places") or {}, set(countries)))
    orgs = {o.id: o for o in base["organisations"]}
    orgs.update({o.id: o for o in _parse_organisations(path, raw.get("organisations") or [], known_sectors)})
    people = {p.id: p for p in base["people"]}
    people.update({p.id: p for p in _parse_people(path, raw.get("people") or [], set(offices), known_sectors)})
    logger.info("knowledge base: user file %s layered over the built-in data", path)
    return KnowledgeBase(
        countries.values(), orgs.values(), people.values(),
        {c: s["label"] for c, s in sectors.items()}, offices, _sector_words(sectors, offices),
    )


@functools.lru_cache(maxsize=1)
def _builtin_kb() -> KnowledgeBase:
    data = _builtin_data()
    countries = _with_places({c.iso3: c for c in data["countries"]}, data["places"])
    return KnowledgeBase(
        countries.values(), data["organisations"], data["people"],
        {c: s["label"] for c, s in data["sectors"].items()}, data["offices"],
        _sector_words(data["sectors"], data["offices"]),
    )


# name -> required; read in this order, so a missing sectors.yaml is reported first
_BUILTIN_FILES = {"sectors.yaml": True, "countries.yaml": True, "places.yaml": False,
                  "organisations.yaml": True, "people.yaml": False}
_BUILTIN_FOLDER = resources.files("eventwire").joinpath("data", "kb")


@functools.lru_cache(maxsize=1)
def _builtin_data() -> dict[str, Any]:
    """The parsed built-in files, from the user's cache while they and this module are unchanged.

    Parsing the YAML is most of the start-up cost (~0.8 s); unpickling the
    result takes ~20 ms.
    """
    contents = {name: _read_builtin(name, required) for name, required in _BUILTIN_FILES.items()}
    inputs = [Path(__file__).read_bytes()]  # the parsers and record classes
    for name, content in contents.items():
        inputs += [name.encode(), content or b""]
    return cache.cached("kb", inputs, lambda: _parse_builtin(contents))


def _read_builtin(name: str, required: bool) -> bytes | None:
    res = _BUILTIN_FOLDER.joinpath(name)
    path = f"eventwire/data/kb/{name}"
    if not res.is_file():
        if required:
            raise KnowledgeBaseError(errors.E020.format(path=path, detail="file not found"))
        logger.info("knowledge base: %s not found; continuing without it", name)
        return None
    try:
        return res.read_bytes()
    except OSError as exc:
        raise KnowledgeBaseError(errors.E020.format(path=path, detail=exc)) from exc


def _parse_builtin(contents: dict[str, bytes | None]) -> dict[str, Any]:
    def read(name: str) -> Any:
        content = contents[name]
        return None if content is None else _read_yaml(Path(f"eventwire/data/kb/{name}"), content.decode)

    sector_raw = read("sectors.yaml")
    spath = Path("eventwire/data/kb/sectors.yaml")
    if not isinstance(sector_raw, dict) or "sectors" not in sector_raw:
        raise KnowledgeBaseError(errors.E029.format(path=spath, expected="a mapping with 'sectors' and 'offices'", got=type(sector_raw).__name__))
    sectors = _parse_sector_map(spath, sector_raw["sectors"])
    offices = _parse_offices(spath, sector_raw.get("offices") or {}, set(sectors))
    countries = _parse_countries(Path("eventwire/data/kb/countries.yaml"), _listed(read("countries.yaml"), "countries"))
    places_raw = read("places.yaml") or {}
    if isinstance(places_raw, dict) and "places" in places_raw:
        places_raw = places_raw["places"] or {}
    return {
        "sectors": sectors,
        "offices": offices,
        "countries": countries,
        "places": _parse_places(Path("eventwire/data/kb/places.yaml"), places_raw, {c.iso3 for c in countries}),
        "organisations": _parse_organisations(
            Path("eventwire/data/kb/organisations.yaml"), _listed(read("organisations.yaml"), "organisations"), set(sectors)
        ),
        "people": _parse_people(
            Path("eventwire/data/kb/people.yaml"), _listed(read("people.yaml"), "people"), set(offices), set(sectors)
        ),
    }


def _read_yaml(path: Path, reader: Any) -> Any:
    if reader is None:
        raise KnowledgeBaseError(errors.E020.format(path=path, detail="file not found"))
    try:
        return yaml.load(reader(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise KnowledgeBaseError(errors.E020.format(path=path, detail=detail)) from exc


def _listed(raw: Any, key: str) -> Any:
    """Accept both a bare list and ``{key: [...]}`` (people.yaml is a bare list)."""
    if raw is None:
        return []
    if isinstance(raw, dict) and key in raw:
        return raw[key] or []
    return raw


# --------------------------------------------------------------------------- schema checks


def _entry_name(index: int, entry: Any, key: str = "id") -> str:
    if isinstance(entry, dict) and entry.get(key):
        return f"entry {index + 1} ({key}: {entry[key]})"
    return f"entry {index + 1}"


def _require_list(path: Path, raw: Any, what: str) -> list:
    if not isinstance(raw, list):
        raise KnowledgeBaseError(errors.E029.format(path=path, expected=f"a list of {what}", got=type(raw).__name__))
    return raw


def _get(path: Path, entry: dict, name: str, key: str, required: bool = True) -> Any:
    if key not in entry or (required and entry[key] in (None, "")):
        if required:
            raise KnowledgeBaseError(errors.E021.format(path=path, entry=name, key=key))
        return None
    return entry[key]


def _strings(path: Path, name: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeBaseError(
            errors.E027.format(path=path, entry=name, key=key, expected="a list of strings", got=repr(value)[:60])
        )
    return tuple(v.strip() for v in value if v.strip())


def _string(path: Path, name: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key=key, expected="a non-empty string", got=repr(value)[:60]))
    return value.strip()


def _iso3(path: Path, name: str, value: Any, nullable: bool) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not _ISO3.match(value):
        raise KnowledgeBaseError(errors.E022.format(path=path, entry=name, value=value))
    return value


def _date(path: Path, name: str, key: str, value: Any, nullable: bool) -> date | None:
    if value is None and nullable:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise KnowledgeBaseError(errors.E023.format(path=path, entry=name, key=key, value=value))


def _sector(path: Path, name: str, value: Any, known: set[str]) -> str:
    if value not in known:
        raise KnowledgeBaseError(errors.E024.format(path=path, entry=name, value=value, known=", ".join(sorted(known))))
    return value


def _entries(path: Path, raw: Any, what: str, key: str) -> Iterable[tuple[str, dict]]:
    seen: set[str] = set()
    for i, entry in enumerate(_require_list(path, raw, what)):
        name = _entry_name(i, entry, key)
        if not isinstance(entry, dict):
            raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key="the entry", expected="a mapping", got=repr(entry)[:60]))
        ident = _get(path, entry, name, key)
        if ident in seen:
            raise KnowledgeBaseError(errors.E026.format(path=path, entry=name, value=ident))
        seen.add(ident)
        yield name, entry


def _parse_countries(path: Path, raw: Any) -> list[Country]:
    out = []
    for name, e in _entries(path, raw, "countries", "iso3"):
        out.append(
            Country(
                iso3=_iso3(path, name, e["iso3"], nullable=False),
                name=_string(path, name, "name", _get(path, e, name, "name")),
                names=_strings(path, name, "names", e.get("names")),
                adjectives=_strings(path, name, "adjectives", e.get("adjectives")),
                capital=_string(path, name, "capital", e["capital"]) if e.get("capital") else None,
                metonyms=_strings(path, name, "metonyms", e.get("metonyms")),
                **_part_of(path, name, e.get("part_of")),
            )
        )
    return out


def _part_of(path: Path, name: str, value: Any) -> dict[str, Any]:
    """``part_of: {country: SDN, until: 2005-07-09}`` -> Country fields."""
    if value is None:
        return {}
    if not isinstance(value, dict) or set(value) != {"country", "until"}:
        raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key="part_of",
                                                    expected="a mapping with 'country' and 'until'", got=repr(value)[:60]))
    return {"part_of": _iso3(path, name, value["country"], nullable=False),
            "part_until": _date(path, name, "part_of.until", value["until"], nullable=False)}


def _parse_organisations(path: Path, raw: Any, sectors: set[str]) -> list[Organisation]:
    out = []
    for name, e in _entries(path, raw, "organisations", "id"):
        out.append(
            Organisation(
                id=_string(path, name, "id", e["id"]),
                name=_string(path, name, "name", _get(path, e, name, "name")),
                aliases=_strings(path, name, "aliases", e.get("aliases")),
                sector=_sector(path, name, _get(path, e, name, "sector"), sectors),
                country=_iso3(path, name, e.get("country"), nullable=True),
                agent=_sector(path, name, e["agent"], sectors) if e.get("agent") else None,
            )
        )
    return out


def _parse_places(path: Path, raw: Any, countries: set[str]) -> dict[str, tuple[str, ...]]:
    """``{iso3: [place, ...]}``; a place named under two countries is an error (it would be nobody's)."""
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(errors.E029.format(path=path, expected="'places' as a mapping of iso3 -> list of names", got=type(raw).__name__))
    out: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for iso3, names in raw.items():
        name = f"places of {iso3}"
        if _iso3(path, name, iso3, nullable=False) not in countries:
            raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key="the country", expected="a country of countries.yaml", got=repr(iso3)))
        out[iso3] = _strings(path, name, "places", names)
        for place in out[iso3]:
            other = owner.setdefault(normalise(place), iso3)
            if other != iso3:
                raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key=repr(place), expected="a place of one country", got=f"also listed under {other}"))
    return out


def _with_places(countries: dict[str, Country], places: dict[str, tuple[str, ...]]) -> dict[str, Country]:
    """Countries with the places of ``places`` added to their own."""
    out = dict(countries)
    for iso3, names in places.items():
        c = out[iso3]
        out[iso3] = replace(c, places=c.places + tuple(n for n in names if n not in c.places))
    return out


def _parse_people(path: Path, raw: Any, offices: set[str], sectors: set[str]) -> list[Person]:
    out = []
    for name, e in _entries(path, raw, "people", "id"):
        roles = []
        raw_roles = e.get("roles") or []
        if not isinstance(raw_roles, list):
            raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key="roles", expected="a list", got=repr(raw_roles)[:60]))
        for j, r in enumerate(raw_roles):
            rname = f"{name} role {j + 1}"
            if not isinstance(r, dict):
                raise KnowledgeBaseError(errors.E027.format(path=path, entry=rname, key="the role", expected="a mapping", got=repr(r)[:60]))
            office = _get(path, r, rname, "office")
            if office not in offices:
                raise KnowledgeBaseError(errors.E025.format(path=path, entry=rname, value=office, known=", ".join(sorted(offices))))
            start = _date(path, rname, "start", _get(path, r, rname, "start"), nullable=False)
            end = _date(path, rname, "end", r.get("end"), nullable=True)
            if end is not None and start is not None and end < start:
                raise KnowledgeBaseError(errors.E028.format(path=path, entry=rname, start=start, end=end))
            title = r.get("title") or office.replace("_", " ")
            roles.append(Role(office=office, title=_string(path, rname, "title", title), start=start, end=end))
        out.append(
            Person(
                id=_string(path, name, "id", e["id"]),
                name=_string(path, name, "name", _get(path, e, name, "name")),
                aliases=_strings(path, name, "aliases", e.get("aliases")),
                country=_iso3(path, name, e.get("country"), nullable=True),
                roles=tuple(roles),
                sector=_sector(path, name, e["sector"], sectors) if e.get("sector") else None,
            )
        )
    return out


def _parse_sector_map(path: Path, raw: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(errors.E029.format(path=path, expected="'sectors' as a mapping of sector code -> words", got=type(raw).__name__))
    out = {}
    for code, spec in raw.items():
        name = f"sector {code}"
        if not isinstance(code, str) or not _SECTOR.match(code):
            raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key="the code", expected="three capital letters (e.g. GOV)", got=repr(code)))
        spec = spec or {}
        if not isinstance(spec, dict):
            raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key="the definition", expected="a mapping", got=repr(spec)[:60]))
        out[code] = {"label": str(spec.get("label") or code)}
        for kind in _WORD_KINDS:
            out[code][kind] = list(_strings(path, name, kind, spec.get(kind)))
    return out


def _parse_offices(path: Path, raw: Any, sectors: set[str]) -> dict[str, Office]:
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(errors.E029.format(path=path, expected="'offices' as a mapping", got=type(raw).__name__))
    out = {}
    for office, spec in raw.items():
        name = f"office {office}"
        if not isinstance(spec, dict):
            raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key="the definition", expected="a mapping", got=repr(spec)[:60]))
        rank = spec.get("rank", 50)
        if not isinstance(rank, int):
            raise KnowledgeBaseError(errors.E027.format(path=path, entry=name, key="rank", expected="an integer", got=repr(rank)))
        out[office] = Office(
            name=office,
            sector=_sector(path, name, _get(path, spec, name, "sector"), sectors),
            rank=rank,
            titles=_strings(path, name, "titles", spec.get("titles")),
        )
    return out


# --------------------------------------------------------------------------- sector words


def plural(phrase: str) -> str | None:
    """English plural of a role phrase ("defense ministry" -> "defense ministries"); None if unsure."""
    words = phrase.split()
    # "chief of staff" -> "chiefs of staff": the head noun is before "of"
    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    w = words[head]
    low = w.lower()
    if not low.isalpha() or low.endswith("s") or low in _UNCOUNTABLE:
        return None
    if low.endswith("man"):
        new = w[:-3] + ("MEN" if w.isupper() else "men")
    elif low.endswith("person"):
        new = w[:-6] + "people"
    elif low.endswith("y") and low[-2:-1] not in "aeiou":
        new = w[:-1] + "ies"
    elif low.endswith(("x", "z", "ch", "sh")):
        new = w + "es"
    else:
        new = w + ("S" if w.isupper() else "s")
    words[head] = new
    return " ".join(words)


_UNCOUNTABLE = {"police", "military", "media", "press", "people", "intelligence", "clergy", "public",
                "artillery", "staff", "leadership", "opposition", "judiciary", "gendarmerie", "industry",
                "population", "cabinet", "administration", "presidency", "congress", "parliament"}


def _sector_words(sectors: dict[str, dict[str, Any]], offices: dict[str, Office]) -> list[SectorWord]:
    words: list[SectorWord] = []
    for office in sorted(offices.values(), key=lambda o: o.rank):
        for t in office.titles:
            words.append(SectorWord(t, office.sector, "title", office=office.name))
    for code, spec in sectors.items():
        for t in spec["titles"]:
            words.append(SectorWord(t, code, "title"))
        for g in spec["generic"]:
            words.append(SectorWord(g, code, "generic"))
        for b in spec["bodies"]:
            words.append(SectorWord(b, code, "body"))
    # plurals: a plural title names several people, so it is a body, not a person
    plurals = []
    for w in words:
        p = plural(w.phrase)
        if p:
            kind = "generic" if w.kind == "generic" else "body"
            plurals.append(SectorWord(p, w.sector, kind, office=w.office, plural=True))
    return words + plurals
