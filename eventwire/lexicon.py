"""The rule lexicon: ``data/verbs.yaml`` read, checked and indexed.

A ``Lexicon`` holds the rules (trigger lemmas, CAMEO code, where the target is
looked for, refinements), the cue word lists every rule shares (speech verbs,
negators, intent and hypothetical markers) and the word forms the cheap filter
looks for before any parsing. ``events.py`` walks the parse with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import yaml

from . import ontology
from .errors import E009, KnowledgeBaseError


# prepositions whose object a rule's object words are read on when the verb has no direct
# object: "took to the streets", "poured into the streets", "went on strike"
_OBJECT_PREPS = {"to", "into", "onto", "on"}


def object_of(token):
    """The token a rule's object words (``objects``, a refinement's ``object``) are read
    on: the direct (or passive) object of ``token``, else the object of a preposition of
    where the verb goes; None when it has neither."""
    objs = ([c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            or [g for c in token.children if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS
                for g in c.children if g.dep_ == "pobj"])
    return _content_noun(objs[0]) if objs else None


# nouns that only count or frame the noun that says what the object is: "a series of
# bombs", "dozens of prisoners", "mediation efforts"
_QUANTITY_NOUNS = {"series", "number", "wave", "string", "dozen", "hundred", "thousand", "couple", "batch",
                   "group", "team"}
_FRAME_NOUNS = {"effort", "bid", "attempt", "process", "mission", "initiative"}


def _content_noun(noun):
    lemma = noun.lemma_.lower()
    if lemma in _FRAME_NOUNS:  # "mediation efforts"
        compound = [c for c in noun.children if c.dep_ == "compound"]
        if compound:
            return compound[-1]
    if lemma in _QUANTITY_NOUNS or lemma in _FRAME_NOUNS:  # "a series of bombs", "a mission of observers"
        of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return of[0] if of else noun
    return noun


# where a rule's needs_word sits: a particle ("called off", "stepped down") or a noun's modifier ("air strike")
_WORD_DEPS = {"prt", "advmod", "compound", "amod"}


def conditions_met(rule: "Rule", token) -> bool:
    """The rule's object, particle and no-object conditions hold on ``token``."""
    if rule.needs_word and not any(c.dep_ in _WORD_DEPS and c.lower_ in rule.needs_word for c in token.children):
        return False
    if rule.intransitive and any(c.dep_ == "dobj" for c in token.children):
        return False
    if rule.needs_request and not any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for")
                                      for c in token.children):
        return False
    if rule.objects:
        obj = object_of(token)
        return obj is not None and obj.lemma_.lower() in rule.objects
    return True


@dataclass(frozen=True)
class Refinement:
    cameo: str
    why: str
    subtree: frozenset[str] = frozenset()
    child: frozenset[str] = frozenset()
    ccomp: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    dep: frozenset[str] = frozenset()
    agent: frozenset[str] = frozenset()  # the lemma of who does it: "troops marched", not "marched against troops"


@dataclass(frozen=True)
class Rule:
    id: str
    lemmas: frozenset[str]
    cameo: str
    target: tuple[str, ...]
    objects: frozenset[str] = frozenset()
    symmetric: bool = False
    needs_target: bool = True
    target_optional: bool = False  # searched for as needs_target does; coded without one if none is found
    clause_target: bool = True
    person_target: bool = False
    refine: tuple[Refinement, ...] = ()
    negated: str | None = None
    intended: str | None = None
    pos: frozenset[str] = frozenset({"VERB"})
    needs_word: frozenset[str] = frozenset()  # a particle or modifier the trigger must have: "called off", "air strike"
    intransitive: bool = False  # fires only with no direct object: "demonstrated in Nairobi", not "demonstrated a missile"
    # fires only with what is asked for: a to-infinitive or a for-phrase ("asked Iran to release the
    # crew", "asked for help"), not a question ("asked Trump a question", "asked whether ...")
    needs_request: bool = False


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[Rule, ...]
    speech: frozenset[str]
    negators: frozenset[str]
    intent: frozenset[str]
    hypothetical: frozenset[str]
    background_heads: frozenset[str]
    positive: frozenset[str]
    model_codes: dict = field(default_factory=dict, compare=False, hash=False)  # PLOVER type -> CAMEO
    stative: frozenset = frozenset()  # "is opposed to": be + participle with an active subject
    embedding_heads: dict = field(default_factory=dict, compare=False, hash=False)  # lemma -> its own type
    trigger_forms: frozenset = frozenset()  # inflected forms of the lemmas of rules with no object condition
    light_forms: frozenset = frozenset()  # forms of light verbs ("hold", "launch"): need an object word too
    object_forms: frozenset = frozenset()  # their objects ("talks", "offensive") and plurals
    by_lemma: dict = field(default_factory=dict, compare=False, hash=False)


def _check_code(code: str, where: str) -> str:
    if code not in ontology.codes():
        raise KnowledgeBaseError(E009.format(path="verbs.yaml", detail=f"{where}: unknown CAMEO code {code!r}"))
    return code


def parse_lexicon(data: dict) -> Lexicon:
    """Build a Lexicon from the YAML structure, checking every code and key."""
    allowed = set(Rule.__dataclass_fields__) | {"refine"}
    rules = []
    for raw in data.get("rules", []):
        rid = raw.get("id", "?")
        unknown = set(raw) - allowed
        if unknown or "lemmas" not in raw or "cameo" not in raw:
            raise KnowledgeBaseError(E009.format(path="verbs.yaml", detail=f"rule {rid}: bad keys {sorted(unknown)}"))
        refine = tuple(
            Refinement(
                cameo=_check_code(str(r["cameo"]), f"rule {rid}"),
                why=r.get("why", ""),
                **{k: frozenset(r.get(k, ())) for k in ("subtree", "child", "ccomp", "object", "dep", "agent")},
            )
            for r in raw.get("refine") or ()
        )
        rules.append(
            Rule(
                id=rid,
                lemmas=frozenset(raw["lemmas"]),
                cameo=_check_code(str(raw["cameo"]), f"rule {rid}"),
                target=tuple(raw.get("target", ())),
                objects=frozenset(raw.get("objects", ())),
                symmetric=bool(raw.get("symmetric", False)),
                needs_target=bool(raw.get("needs_target", True)),  # "optional" is true, and:
                target_optional=raw.get("needs_target") == "optional",
                clause_target=bool(raw.get("clause_target", True)),
                person_target=bool(raw.get("person_target", False)),
                refine=refine,
                negated=_check_code(str(raw["negated"]), f"rule {rid}") if raw.get("negated") else None,
                intended=_check_code(str(raw["intended"]), f"rule {rid}") if raw.get("intended") else None,
                pos=frozenset(raw.get("pos", ["VERB"])),
                needs_word=frozenset(raw.get("needs_word", ())),
                intransitive=bool(raw.get("intransitive", False)),
                needs_request=bool(raw.get("needs_request", False)),
            )
        )
    cues = data.get("cues", {})
    lexicon = Lexicon(tuple(rules), *(frozenset(cues.get(k, ())) for k in
                      ("speech", "negators", "intent", "hypothetical", "background_heads", "positive")),
                      stative=frozenset(cues.get("stative", ())))
    irregular = data.get("irregular_forms") or {}
    forms, light, objects = set(), set(), set()
    for rule in rules:
        for lemma in rule.lemmas:
            inflected = _inflections(lemma) | set(irregular.get(lemma, ()))
            (light if rule.objects or rule.needs_word else forms).update(inflected)
        objects.update(rule.objects | {o + "s" for o in rule.objects} | {o + "es" for o in rule.objects})
        objects.update(rule.needs_word)
    # speech verbs: a sentence where an actor speaks is parsed for its quote and claims
    for lemma in lexicon.speech:
        forms |= _inflections(lemma) | set(irregular.get(lemma, ()))
    lexicon = replace(lexicon, trigger_forms=frozenset(forms), light_forms=frozenset(light - forms),
                      object_forms=frozenset(objects))
    for event_type, lemmas in (cues.get("embedding_heads") or {}).items():
        for lemma in lemmas:
            lexicon.embedding_heads[lemma] = event_type
    for event_type, code in (data.get("model_codes") or {}).items():
        lexicon.model_codes[event_type] = _check_code(str(code), f"model_codes {event_type}")
    for rule in rules:
        for lemma in rule.lemmas:
            lexicon.by_lemma.setdefault(lemma, []).append(rule)
    return lexicon


_DOUBLING = re.compile(r"[^aeiou][aeiou][bdglmnprt]$")


def _inflections(lemma: str) -> set[str]:
    """Regular English inflections of a verb (over-generating is harmless: they only
    decide which sentences are worth parsing)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if _DOUBLING.search(lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped in the package (``data/verbs.yaml``)."""
    text = resources.files("eventwire").joinpath("data", "verbs.yaml").read_text(encoding="utf-8")
    return parse_lexicon(yaml.safe_load(text))
