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
