"""Attacks by nobody the text names: the unidentified source (CAMEO sector UAF).

"Three Afghan soldiers were killed in a roadside bombing outside Kandahar" and "A car bomb
killed an Iraqi judge in Mosul" are attacks with a victim and no perpetrator. Conflict
datasets keep them with an *unidentified* source, CAMEO's "unidentified armed forces"
(sector ``UAF``) of the country where it happened: AFGUAF, IRQUAF. The words that
make such a sentence an attack (devices, attack nouns, unnamed attackers) are data,
``data/unidentified.yaml``; ``events.py`` decides where they apply and this module
builds the source actor and gives it the country of the event's location.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token

from . import ontology
from .actor_refs import actor_code
from .errors import E009, KnowledgeBaseError
from .records import ActorMention, Event

SECTOR = "UAF"
KIND = "unidentified"  # ActorMention.kind of the source this module makes
_PATH = "unidentified.yaml"
_LISTS = ("devices", "attacks", "attackers", "self_evident", "not_carried_out", "bombing_replaces")
# modifiers a device phrase is read with even when they are not compounds ("improvised explosive device")
_MODIFIER_DEPS = {"compound", "amod", "nmod"}


@dataclass(frozen=True)
class AttackWords:
    """The lists of ``data/unidentified.yaml`` (see its header)."""

    devices: frozenset[str]
    attacks: frozenset[str]
    attackers: frozenset[str]
    self_evident: frozenset[str]
    not_carried_out: frozenset[str]
    bombing_codes: dict
    bombing_replaces: frozenset[str]

    @cached_property
    def cues(self) -> frozenset[str]:
        """Every word that says a violent attack happened."""
        return self.devices | self.attacks | self.attackers

    @cached_property
    def modifiers(self) -> frozenset[str]:
        """Words that open a listed phrase ("improvised", "explosive", "suicide")."""
        return frozenset(w for phrase in self.cues for w in phrase.split()[:-1])


def parse_attack_words(data: dict) -> AttackWords:
    """Build AttackWords from the YAML structure, checking its keys and CAMEO codes."""
    if not isinstance(data, dict):
        raise KnowledgeBaseError(E009.format(path=_PATH, detail="expected a mapping of word lists"))
    unknown = set(data) - set(_LISTS) - {"bombing_codes"}
    missing = [k for k in _LISTS if not isinstance(data.get(k), list)]
    if unknown or missing:
        raise KnowledgeBaseError(E009.format(path=_PATH, detail=f"unknown keys {sorted(unknown)}, "
                                             f"missing or not a list {missing}"))
    codes = {str(k).lower(): str(v) for k, v in (data.get("bombing_codes") or {}).items()}
    for code in [*codes.values(), *map(str, data["bombing_replaces"])]:
        if code not in ontology.codes():
            raise KnowledgeBaseError(E009.format(path=_PATH, detail=f"unknown CAMEO code {code!r}"))
    words = {k: frozenset(str(w).lower() for w in data[k]) for k in _LISTS}
    return AttackWords(**words, bombing_codes=codes)


@lru_cache(maxsize=1)
def default_attack_words() -> AttackWords:
    """The lists shipped in the package (``data/unidentified.yaml``)."""
    text = resources.files("eventwire").joinpath("data", _PATH).read_text(encoding="utf-8")
    return parse_attack_words(yaml.safe_load(text))


def attack_phrase(token: Token, words: AttackWords, kinds: frozenset[str] | None = None) -> tuple[list[Token], str] | None:
    """The tokens and the listed entry of the device, attack or attacker phrase headed by
    ``token`` ("a roadside bombing" -> [roadside, bombing], "roadside bombing"), or None.
    ``kinds`` limits the entries (default: all cues)."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    listed = words.cues if kinds is None else kinds
    mods: list[Token] = []
    for left in reversed(list(token.lefts)):  # nearest first, while they stay adjacent
        if left.i != (mods[0].i if mods else token.i) - 1 or left.dep_ not in _MODIFIER_DEPS:
            break
        if left.dep_ != "compound" and left.lower_ not in words.modifiers:
            break
        mods.insert(0, left)
    tokens = [*mods, token]
    lemmas = [t.lemma_.lower() for t in mods] + [token.lemma_.lower()]
    for i in range(len(tokens)):  # the longest listed ending: "Kandahar roadside bombing" -> "roadside bombing"
        for entry in (" ".join(lemmas[i:]), " ".join(t.lower_ for t in tokens[i:])):
            if entry in listed:
                return tokens[i:], entry
    return None


def source_actor(text: str, tokens: list[Token], country: str | None) -> ActorMention:
    """The unidentified source: the device or attack phrase as written (the trigger when
    the sentence names none), sector UAF of ``country`` when it is known."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return ActorMention(text=text[start:end], start=start, end=end, country=country, sector=SECTOR,
                        code=actor_code(country, SECTOR), kind=KIND)


def is_unidentified(actor: ActorMention | None) -> bool:
    return actor is not None and actor.kind == KIND


def locate(event: Event) -> Event:
    """An unidentified source is of the country where its event happened (a bomb in
    Baghdad is IRQUAF): the event's location, once the places stage has found it. That
    holds for a device the knowledge base knows ("car bomb", sector UAF) when nothing
    else gave it a country."""
    source = event.source
    if source is None or event.location is None or not event.location.country:
        return event
    if not is_unidentified(source) and not (source.sector == SECTOR and source.country is None):
        return event
    country = event.location.country
    return replace(event, source=replace(source, country=country, code=actor_code(country, SECTOR)))
