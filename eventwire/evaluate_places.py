"""Score the places stage against TR-News (GeoNames-annotated news articles).

``python -m eventwire.evaluate_places PATH/TR-News.xml [--min-population 5000]``
prints the scores. For each gold toponym the predicted mention that overlaps
it is its prediction; a prediction is right within 161 km (100 miles, the
usual geoparsing threshold) of the gold point, and right on country when its
ISO3 country is the gold country's. Scores are given over the gold toponyms
that were found (resolution quality) and over all gold toponyms (end to end).

TR-News annotates demonyms ("Turkish" -> Turkey), so the resolver runs with
``demonyms=True`` here.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .errors import E052, E053, InputError
from .places import MIN_CITY_POPULATION, PlaceResolver, load_gazetteer

log = logging.getLogger(__name__)

ACCURACY_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    text: str
    start: int
    end: int
    lat: float
    lon: float
    country_geonameid: int | None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def read_trnews(path: Path) -> list[tuple[str, str, list[GoldToponym]]]:
    """(doc id, text, gold toponyms) per article; toponyms without coordinates are dropped.

    A few articles' offsets are shifted by some characters; those toponyms are
    re-anchored to the nearest occurrence of their phrase.
    """
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(E052.format(path=path, detail=exc)) from exc
    articles = []
    for art in root.iter("article"):
        text_el = art.find("text")
        if text_el is None or not text_el.text:
            continue
        text = text_el.text
        gold = []
        for top in art.iter("toponym"):
            phrase, gaz = top.findtext("phrase"), top.find("gaztag")
            lat, lon = (gaz.findtext("lat"), gaz.findtext("lon")) if gaz is not None else (None, None)
            if not phrase or lat is None or lon is None:
                continue
            start = int(top.findtext("start") or 0)
            if text[start:start + len(phrase)] != phrase:
                hits = [i for i in _occurrences(text, phrase)]
                if not hits:
                    continue
                start = min(hits, key=lambda i: abs(i - start))
            country = gaz.find("country")
            gid = country.get("geonameid") if country is not None else None
            gold.append(GoldToponym(phrase, start, start + len(phrase), float(lat), float(lon), int(gid) if gid else None))
        articles.append((art.get("docid") or str(len(articles)), text, gold))
    if not articles:
        raise InputError(E053.format(path=path))
    return articles


def _occurrences(text: str, phrase: str):
    i = text.find(phrase)
    while i >= 0:
        yield i
        i = text.find(phrase, i + 1)


def evaluate_trnews(path: Path, nlp=None, resolver: PlaceResolver | None = None, errors: list | None = None) -> dict:
    """Resolve every TR-News article and score it; returns the numbers as a dict.

    ``errors``, if given, collects (doc id, gold text, predicted place, km) of misses.
    """
    from . import nlp as nlp_stage

    articles = read_trnews(Path(path))
    nlp = nlp or nlp_stage.load()
    resolver = resolver or PlaceResolver(demonyms=True)
    gaz = resolver.gazetteer
    country_iso3 = {e.geonameid: iso3 for iso3, e in gaz.countries.items()}
    n_gold = found = within = country_right = n_pred = pred_matched = 0
    texts = [text for _, text, _ in articles]
    for (doc_id, text, gold), doc in zip(articles, nlp_stage.parse(nlp, texts)):
        mentions = resolver.resolve(doc)
        n_pred += len(mentions)
        pred_matched += sum(1 for m in mentions if any(m.start < g.end and g.start < m.end for g in gold))
        for g in gold:
            n_gold += 1
            hit = next((m for m in mentions if m.start < g.end and g.start < m.end), None)
            if hit is None:
                continue
            found += 1
            place = hit.place
            km = distance_km(g.lat, g.lon, place.lat, place.lon) if place.lat is not None else math.inf
            within += km <= ACCURACY_KM
            right_country = country_iso3.get(g.country_geonameid) == place.country if g.country_geonameid else place.country is None
            country_right += right_country
            if errors is not None and (km > ACCURACY_KM or not right_country):
                errors.append((doc_id, g.text, place, round(km)))

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "articles": len(articles),
        "gold_toponyms": n_gold,
        "found": found,
        "recall": ratio(found, n_gold),
        "precision": ratio(pred_matched, n_pred),
        "accuracy_161km_found": ratio(within, found),
        "country_accuracy_found": ratio(country_right, found),
        "accuracy_161km_all": ratio(within, n_gold),
        "country_accuracy_all": ratio(country_right, n_gold),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="TR-News.xml")
    parser.add_argument("--min-population", type=int, default=MIN_CITY_POPULATION,
                        help="smallest city in the gazetteer: 500, 1000, 5000 or 15000")
    parser.add_argument("--errors", action="store_true", help="list the misses")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    misses: list = []
    try:
        resolver = PlaceResolver(load_gazetteer(args.min_population), demonyms=True)
        scores = evaluate_trnews(args.path, resolver=resolver, errors=misses)
    except InputError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    if args.errors:
        for doc_id, text, place, km in misses:
            sys.stdout.write(f"{doc_id}\t{text}\t{place.name} {place.country}\t{km} km\n")
    sys.stdout.write(json.dumps(scores, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
