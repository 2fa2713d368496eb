"""Events by nobody the text names: the unnamed source, of the country where it happened.

Two kinds, one mechanism:

* **attacks** by an unidentified attacker (CAMEO sector ``UAF``): "Three Afghan soldiers
  were killed in a roadside bombing outside Kandahar", "A car bomb killed an Iraqi judge in
  Mosul" have a victim and no perpetrator. Conflict datasets keep them with CAMEO's
  "unidentified armed forces" of the country where it happened: AFGUAF, IRQUAF.
* **protests** by an unnamed crowd (sector ``CVL``): "Tens of thousands of people marched
  through Nairobi", "Thousands took to the streets of Caracas". ACLED, ICEWS and PLOVER
  record them as protests by civilians of that country: KENCVL, VENCVL.

The words that make such a sentence one of these (devices, attack nouns, unnamed
attackers; crowd nouns and quantities) are data, ``data/unidentified.yaml``; ``unnamed_sources.py``
decides where they apply, and this module builds the source actor and gives it the country
of the event's location.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token

from . import ontology
from .actor_refs import actor_code
from .errors import E009, KnowledgeBaseError
from .lexicon import Lexicon, conditions_met
from .records import ActorMention, Event

SECTOR = "UAF"  # an unidentified attacker
KIND = "unidentified"  # ActorMention.kind of an unidentified attacker
CROWD_SECTOR = "CVL"  # an unnamed crowd: civilians
CROWD_KIND = "crowd"  # ActorMention.kind of an unnamed crowd
_PATH = "unidentified.yaml"
_LISTS = ("devices", "attacks", "attackers", "self_evident", "not_carried_out", "bombing_replaces")
_CROWD_LISTS = ("crowds", "quantities", "groupings", "not_protest", "for_someone")
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
    unknown = set(data) - set(_LISTS) - set(_CROWD_LISTS) - {"bombing_codes", "crowd_code"}
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


@dataclass(frozen=True)
class CrowdWords:
    """The crowd lists of ``data/unidentified.yaml`` (see its header)."""

    crowds: frozenset[str]
    quantities: frozenset[str]
    groupings: frozenset[str]
    not_protest: frozenset[str]
    for_someone: frozenset[str]
    code: str  # a crowd's protest with nobody named as its addressee

    @cached_property
    def forms(self) -> frozenset[str]:
        """Word forms that can open a crowd phrase: what the cheap sentence filter looks for."""
        return self.crowds | self.quantities | self.groupings


def parse_crowd_words(data: dict) -> CrowdWords:
    """Build CrowdWords from the YAML structure, checking its keys and CAMEO code."""
    if not isinstance(data, dict):
        raise KnowledgeBaseError(E009.format(path=_PATH, detail="expected a mapping of word lists"))
    missing = [k for k in _CROWD_LISTS if not isinstance(data.get(k), list)]
    if missing:
        raise KnowledgeBaseError(E009.format(path=_PATH, detail=f"missing or not a list {missing}"))
    code = str(data.get("crowd_code"))
    if code not in ontology.codes() or ontology.lookup(code).event_type != "PROTEST":
        raise KnowledgeBaseError(E009.format(path=_PATH, detail=f"crowd_code {code!r} is no PROTEST code"))
    words = {k: frozenset(str(w).lower() for w in data[k]) for k in _CROWD_LISTS}
    return CrowdWords(**words, code=code)


@lru_cache(maxsize=1)
def _default_data() -> dict:
    text = resources.files("eventwire").joinpath("data", _PATH).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def default_attack_words() -> AttackWords:
    """The attack lists shipped in the package (``data/unidentified.yaml``)."""
    return parse_attack_words(_default_data())


@lru_cache(maxsize=1)
def default_crowd_words() -> CrowdWords:
    """The crowd lists shipped in the package (``data/unidentified.yaml``)."""
    return parse_crowd_words(_default_data())


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


def crowd_phrase(token: Token, words: CrowdWords) -> tuple[list[Token], str] | None:
    """The tokens of the unnamed crowd ``token`` heads and the listed word that makes it
    one ("Tens of thousands of people" -> "people", "Thousands" -> "thousands", "angry
    residents" -> "residents"), or None: "Thousands of supporters", "the crowd's anger".
    A crowd is read down its chain of "of" ("crowds of protesters"); every noun in the
    chain but the last must be a quantity or a grouping."""
    chain = [token]
    while True:
        of = next((c for c in chain[-1].children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            break
        chain.append(pobj)
    if any(t.dep_ == "poss" or t.pos_ == "PROPN" for t in chain):
        return None  # "the crowd's anger", "Crowds of Manchester": not a crowd acting
    listed = _listed(chain[-1], words.crowds | words.quantities)  # "a group" alone is no crowd
    if listed is None or any(_listed(t, words.quantities | words.groupings) is None for t in chain[:-1]):
        return None
    # the phrase as written, from the first noun's left modifiers ("Tens of", "Hundreds of
    # angry") through the last
    return list(token.doc[token.left_edge.i:chain[-1].i + 1]), listed


def other_gathering(tokens: Iterable[Token], words: CrowdWords) -> Token | None:
    """The first of ``tokens`` that says a gathering is no protest ("parade", "concert",
    "candidate"), or None."""
    return next((t for t in tokens if t.lower_ in words.not_protest or t.lemma_.lower() in words.not_protest), None)


def rallied_for(tokens: Iterable[Token], words: CrowdWords) -> Iterator[tuple[Token, Token]]:
    """(cue, noun) for what a crowd rallied for among ``tokens``: "for X", "behind X",
    "in support of X", "in favour of X", "to back X". The caller decides whether the noun
    names an actor (a rally for someone) or not ("marched for democracy" is a protest)."""
    for tok in tokens:
        if tok.lower_ not in words.for_someone and tok.lemma_.lower() not in words.for_someone:
            continue
        if tok.dep_ == "prep":
            objs = [c for c in tok.children if c.dep_ == "pobj"]
        elif tok.pos_ == "VERB":
            objs = [c for c in tok.children if c.dep_ == "dobj"]
        else:  # "in support of X"
            objs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"]
        for obj in objs:
            yield tok, obj


def protest_stems(lexicon: Lexicon) -> tuple[str, ...]:
    """Word beginnings of the PROTEST rules' verbs, or of their object nouns where they need
    one ("march", "rall", "demonstrat", "street"): the cheap sentence filter's sign that a
    crowd may be protesting (over-matching only costs a parse)."""
    return tuple(sorted({w[:-1] if w.endswith(("e", "y")) else w
                         for r in lexicon.rules if ontology.lookup(r.cameo).event_type == "PROTEST"
                         for w in (r.objects or r.lemmas)}))


def is_protest_verb(pred: Token, lexicon: Lexicon) -> bool:
    """``pred`` is the verb of a PROTEST rule whose conditions hold on it (its object word
    where it needs one: "took to the streets")."""
    return any(ontology.lookup(r.cameo).event_type == "PROTEST" and conditions_met(r, pred)
               for r in lexicon.by_lemma.get(pred.lemma_.lower(), ()))


def _listed(token: Token, entries: frozenset[str]) -> str | None:
    """The entry of ``entries`` that ``token`` is (word form or lemma; any number counts
    as a quantity: "some 2,000 marched"), or None."""
    for form in (token.lower_, token.lemma_.lower()):
        if form in entries:
            return form
    return token.lower_ if token.like_num and token.pos_ == "NUM" else None


def source_actor(text: str, tokens: list[Token], country: str | None, *, sector: str = SECTOR,
                 kind: str = KIND) -> ActorMention:
    """The unnamed source: the device, attack or crowd phrase as written (for an attack, the
    trigger when the sentence names none), of ``sector`` (UAF; CVL for a crowd) and
    ``country`` when it is known."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return ActorMention(text=text[start:end], start=start, end=end, country=country, sector=sector,
                        code=actor_code(country, sector), kind=kind)


def crowd_actor(text: str, tokens: list[Token], country: str | None) -> ActorMention:
    """An unnamed crowd: civilians (sector CVL) of ``country`` when it is known."""
    return source_actor(text, tokens, country, sector=CROWD_SECTOR, kind=CROWD_KIND)


def is_unidentified(actor: ActorMention | None) -> bool:
    """An unidentified attacker this module made."""
    return actor is not None and actor.kind == KIND


def is_unnamed(actor: ActorMention | None) -> bool:
    """A source this module made: an unidentified attacker or an unnamed crowd."""
    return actor is not None and actor.kind in (KIND, CROWD_KIND)


def locate(event: Event) -> Event:
    """An unnamed source is of the country where its event happened (a bomb in Baghdad is
    IRQUAF, a crowd marching in Nairobi KENCVL): the event's location, once the places stage
    has found it. That holds for a device the knowledge base knows ("car bomb", sector UAF)
    when nothing else gave it a country."""
    source = event.source
    if source is None or event.location is None or not event.location.country:
        return event
    if not is_unnamed(source) and not (source.sector == SECTOR and source.country is None):
        return event
    country = event.location.country
    return replace(event, source=replace(source, country=country, code=actor_code(country, source.sector)))
