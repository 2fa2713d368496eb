"""Scoring coded events against gold files.

``score_seed`` implements the matching rule stated in the seed gold file's
``notes``: an extracted event matches a gold event when its sentence contains
the gold text (whitespace aside), its source and target countries are the
gold ones in the gold direction (either direction when the gold is
symmetric; a gold actor given only by name matches that actor), and its
CAMEO code is in the gold list. Each gold event is matched at most once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text.replace("\xa0", " ")).strip()


@dataclass
class SeedScore:
    gold: int
    matched: list[tuple[str, dict]] = field(default_factory=list)  # (gold id, event)
    missed: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)
    no_event_hits: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        return (f"seed: {len(self.matched)}/{self.gold} gold events found, "
                f"{len(self.extras)} unmatched extra events, "
                f"{len(self.no_event_hits)} events from no_event lines")


def _actor_matches(gold: dict | None, actor: dict | None) -> bool:
    if not gold:
        return True
    if actor is None:
        return False
    if "country" in gold:
        return actor.get("country") == gold["country"]
    name = gold.get("name", "").lower()
    return bool(name) and name in " ".join(str(actor.get(k) or "") for k in ("name", "text", "kb_id")).lower()


def _event_matches(gold: dict, event: dict) -> bool:
    if _norm(gold["text"]) not in _norm(event["sentence"]):
        return False
    if event["cameo"] not in [str(c) for c in gold["cameo"]]:
        return False
    src, tgt = gold.get("source"), gold.get("target")
    if _actor_matches(src, event["source"]) and _actor_matches(tgt, event["target"]):
        return True
    return bool(gold.get("symmetric")) and _actor_matches(src, event["target"]) and _actor_matches(tgt, event["source"])


def load_seed_gold(path: str | Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def score_seed(gold: dict, events: list[dict]) -> SeedScore:
    """Match event dicts (the JSON contract) to the seed gold events."""
    score = SeedScore(gold=len(gold["events"]))
    free = list(events)
    for g in gold["events"]:
        hit = next((e for e in free if _event_matches(g, e)), None)
        if hit is None:
            score.missed.append(g)
        else:
            free.remove(hit)
            score.matched.append((g["id"], hit))
    for e in free:
        if any(_norm(line) in _norm(e["sentence"]) for line in gold.get("no_event", [])):
            score.no_event_hits.append(e)
        else:
            score.extras.append(e)
    return score


# --------------------------------------------------------------------------- PLOVER GSR

# PLOVER 0.5 names in the GSR file -> PLOVER 0.8 types
GSR_TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# non-ISO country codes used by the GSR coders
GSR_CODE_MAP = {"JAP": "JPN", "ITL": "ITA", "GMY": "DEU", "UKG": "GBR", "VTN": "VNM"}
# GSR sector codes that name one of our sectors differently: its MED is medical
# (doctors, the Red Cross), CAMEO's HLH; its JRN is the press, CAMEO's MED;
# its CIV is civilians, CAMEO's CVL; its PTY (CAMEO's party code) is our POL
GSR_SECTOR_MAP = {"MED": "HLH", "JRN": "MED", "CIV": "CVL", "PTY": "POL"}
# our actor codes that GSR's actor vocabulary (also) spells otherwise (see _gsr_match)
GSR_ACTOR_MAP = {"NGO": "IGO"}
_ELLIPSIS = re.compile(r"\s*(?:\.{2,}|…)\s*")


@dataclass(frozen=True)
class GsrItem:
    id: str
    text: str
    event_type: str
    sources: tuple[tuple[str, str | None, str], ...]  # (code, sector, actorText)
    targets: tuple[tuple[str, str | None, str], ...]
    date: str | None


def _gsr_actors(value) -> tuple[tuple[str, str | None, str], ...]:
    if not value:
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for a in items:
        if isinstance(a, dict) and a.get("code"):
            code = GSR_CODE_MAP.get(a["code"], a["code"])
            sector = a.get("sector")
            out.append((code, GSR_SECTOR_MAP.get(sector, sector), a.get("actorText", "")))
    return tuple(out)


def load_gsr(path: str | Path) -> list[GsrItem]:
    """The gold sentences of a PLOVER-GSR JSON file (documentation records dropped)."""
    import json

    with open(path, encoding="utf-8") as fh:
        records = json.load(fh)
    return [
        GsrItem(r["id"], r["text"].strip(), GSR_TYPE_MAP.get(r["event"], r["event"]),
                _gsr_actors(r.get("source")), _gsr_actors(r.get("target")), r.get("date"))
        for r in records
        if r.get("event") and r["event"] != "DOCUMENT" and r.get("text")
    ]


def _actor_code(actor: dict | None) -> str | None:
    if not actor:
        return None
    if actor.get("sector") in ("IGO", "NGO") and not actor.get("country"):
        return actor["sector"]
    return actor.get("country") or actor.get("code")


def _gsr_match(item: GsrItem, ev: dict) -> bool:
    src = {c for c, _, _ in item.sources}
    tgt = {c for c, _, _ in item.targets}
    # GSR codes most international organisations IGO (Amnesty, the Red Cross), a few NGO
    s, t = ({c, GSR_ACTOR_MAP.get(c, c)} for c in (_actor_code(ev["source"]), _actor_code(ev["target"])))
    forward = (not src or s & src) and (not tgt or t & tgt)
    backward = ev.get("symmetric") and (not src or t & src) and (not tgt or s & tgt)
    return bool(forward or backward)


@dataclass
class TypeScores:
    per_type: dict[str, tuple[float, float, float, int]]  # type -> (P, R, F1, support)
    macro_f1: float
    no_event_rate: float
    accuracy: float
    confusion: dict[tuple[str, str], int]
    n: int

    def table(self) -> str:
        lines = [f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}"]
        for t, (p, r, f, n) in sorted(self.per_type.items()):
            lines.append(f"{t:<10} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
        lines.append(f"macro-F1 {self.macro_f1:.3f}; accuracy {self.accuracy:.3f}; "
                     f"gold sentences with no event {self.no_event_rate:.1%} (n={self.n})")
        return "\n".join(lines)


def score_gsr(items: list[GsrItem], predictions: list[list[dict]], *, actor_matched: bool = True) -> TypeScores:
    """Sentence-level scoring: each gold sentence carries one event; the system's
    answer is its most confident event with the gold actors (any event when
    ``actor_matched`` is False), else its most confident event, else NONE."""
    from collections import Counter

    confusion: Counter = Counter()
    none = 0
    for item, events in zip(items, predictions):
        typed = [e for e in events if e["event_type"]]
        if not typed:
            none += 1
            confusion[(item.event_type, "NONE")] += 1
            continue
        good = [e for e in typed if _gsr_match(item, e)] if actor_matched else typed
        if good:
            best = max(good, key=lambda e: (e["event_type"] == item.event_type, e["confidence"]))
            confusion[(item.event_type, best["event_type"])] += 1
        else:
            best = max(typed, key=lambda e: e["confidence"])
            confusion[(item.event_type, f"{best['event_type']}*")] += 1  # * = wrong actors
    types = sorted({i.event_type for i in items})
    per_type = {}
    for t in types:
        tp = confusion[(t, t)]
        fp = sum(v for (g, p), v in confusion.items() if p == t and g != t)
        fn = sum(v for (g, p), v in confusion.items() if g == t and p != t)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_type[t] = (prec, rec, f1, tp + fn)
    correct = sum(confusion[(t, t)] for t in types)
    return TypeScores(per_type, sum(v[2] for v in per_type.values()) / len(per_type), none / len(items),
                      correct / len(items), dict(confusion), len(items))


def _gold_spans(text: str, sentence: str) -> list[tuple[int, int]]:
    """Where a gold actor text lies in its sentence, whitespace and case aside.
    GSR writes a discontinuous span as "U.S. ... negotiators"; each fragment is
    located in turn, after the previous one."""
    spans, pos = [], 0
    for fragment in _ELLIPSIS.split(text.strip()):
        if not fragment:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, fragment.split())) + r"(?!\w)"
        m = re.compile(pattern).search(sentence, pos) or re.compile(pattern, re.IGNORECASE).search(sentence, pos)
        if not m:
            return []
        spans.append(m.span())
        pos = m.end()
    return spans


def gsr_actor_accuracy(items: list[GsrItem], actor_lists: list[list[dict]]) -> dict:
    """Country and sector accuracy of the resolver on the GSR gold actors: for each
    gold actor, the resolved mention overlapping its text in the sentence."""
    country_ok = country_n = sector_ok = sector_n = found = total = 0
    for item, actors in zip(items, actor_lists):
        for code, sector, text in item.sources + item.targets:
            if not text:
                continue
            total += 1
            hit = next((a for start, end in _gold_spans(text, item.text)
                        for a in actors if a["start"] < end and a["end"] > start), None)
            found += hit is not None
            if code not in ("IGO", "NGO") and len(code) == 3:
                country_n += 1
                country_ok += bool(hit and hit.get("country") == code)
            if sector and sector.isalpha() and sector.isupper() and len(sector) == 3:
                sector_n += 1
                sector_ok += bool(hit and hit.get("sector") == sector)
    return {"actors": total, "found": found / total if total else 0.0,
            "country_accuracy": country_ok / country_n if country_n else 0.0, "country_n": country_n,
            "sector_accuracy": sector_ok / sector_n if sector_n else 0.0, "sector_n": sector_n}
