"""The events stage: (source, predicate, target) triples typed in PLOVER + CAMEO.

A transparent rule coder over the dependency parse. Rules live in
``data/verbs.yaml`` (see its header for the format), read by ``lexicon.py``;
this module only knows how to walk a parse:

* the **source** is the predicate's subject, found by climbing from
  infinitives, gerunds and relative clauses to the clause that has one
  ("the military launched an operation to destroy ..." -> destroy's source
  is the military); in the passive it is the ``by`` agent;
* the **target** is looked for where the rule says (object, a preposition's
  object, or anywhere under the object);
* **negation** ("had no intention of meeting"), **intent** ("agreed to
  meet", "will meet"), **hypotheticals** and **reported speech** are read
  off the predicate's ancestors within its clause.

Every event keeps the rule and the cues that decided it in ``evidence``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from . import ontology
from .lexicon import Lexicon, Refinement, Rule, conditions_met, default_lexicon, object_of
from .lexicon import parse_lexicon  # noqa: F401 (part of this module's API before lexicon.py)
from .records import ActorMention, Event, Modality, Span
from .unidentified import SECTOR as UNIDENTIFIED
from .unidentified import (AttackWords, CrowdWords, attack_phrase, crowd_actor, crowd_phrase, default_attack_words,
                           default_crowd_words, is_protest_verb, other_gathering, protest_stems, rallied_for,
                           source_actor)

log = logging.getLogger(__name__)

# dependency arcs a subject search may climb: the predicate's own clause has no subject
_CLIMB = {"xcomp", "acl", "relcl", "advcl", "conj", "dobj", "pobj", "pcomp", "prep", "attr", "oprd", "appos", "acomp"}
# arcs that end a clause when reading negation or modality upwards
_CLAUSE_TOP = {"ccomp", "ROOT", "parataxis"}
_RELATIVE = {"who", "which", "that"}
# intent words that report an attempt: "tried to assassinate" is the assault, not a threat
_ATTEMPTS = {"try", "tried", "tries", "trying", "seek", "sought", "seeks", "seeking"}
# verbs whose subject, not object, does what their infinitive says: "X promised Y to leave"
_SUBJECT_CONTROL = {"promise", "vow", "pledge", "threaten"}
# The type model's least probability for an event of its own, chosen for typed precision
# of at least 0.9 on the fifth of the training corpus (7,040 sentences) the model was not
# fitted on (``python -m eventwire.train`` prints the table), on the sentences the gate
# (classifier.GATE_THRESHOLD) lets the encoder read: 0.45 P 0.88 R 0.85; 0.5 P 0.89
# R 0.85; 0.55 P 0.90 R 0.83; 0.6 P 0.90 R 0.82. The fine-tuned model is surer of itself
# than the softmax regression it replaced (0.45 gave that P 0.81), and ordinary news is
# further from the corpus than its held-out fifth: a coder that over-codes is what users
# of this field have learned to distrust.
MODEL_THRESHOLD = 0.55
# ... and when the sentence has a trigger word of the model's type that the rules could
# not turn into an event (its actors were not where the rule looks): two weak signals
CUED_THRESHOLD = 0.3
# how deep under the predicate's complement a fallback target may sit: "resume [attacks
# [in [Israel]]]" is three arcs below "resume"
_CLAUSE_DEPTH = 3
# negating verbs that make a refusal, coded as one when the negated rule has no code of its own
_REFUSALS = {"refuse", "refused", "refuses", "refusing", "decline", "declined", "declines", "declining"}
# nouns that frame an event noun as not (yet) having happened: "fears of a Russian invasion",
# "talks on an Israeli pullback"
_NOT_HAPPENED = {"fear", "threat", "risk", "possibility", "prospect", "danger", "plan", "warning", "rumour",
                 "rumor", "speculation", "spectre", "specter", "anniversary", "memory", "commemoration",
                 "call", "demand", "preparation", "likelihood", "chance", "scenario", "case", "negotiation",
                 "talk", "agreement", "deal", "accord", "proposal", "offer", "request", "condition", "timetable",
                 "schedule", "option", "idea", "question", "issue", "debate", "vote", "resolution", "invitation"}
# verbs whose object is an event their subject carries out: "completed the withdrawal"
_CARRY_OUT = {"complete", "begin", "start", "launch", "conduct", "mount", "stage", "carry", "continue",
              "resume", "finish", "accelerate", "speed", "order", "undertake", "execute", "step",
              "reiterate", "repeat", "renew", "issue", "make", "press", "voice", "deliver", "present"}
# (preposition, verb) where "<verb> <preposition> <event noun>" names what the verb's subject
# does: "arrived on a visit", "insisted on its demand", "were engaged in ethnic cleansing"
_DOING_IN = {("on", v) for v in ("arrive", "go", "travel", "fly", "leave", "head", "set", "come", "be", "embark",
                                 "insist")} | {("in", v) for v in ("engage", "participate", "involve")}
# PLOVER types of what can be done to a place (to its people): their target may be a place
_PLACE_TARGET_TYPES = {"ASSAULT", "COERCE", "SANCTION", "THREATEN", "CONCEDE", "RETREAT", "AID"}
# ... and a visit (CAMEO 042) is to the country of the place visited; elsewhere a place is a venue
_VISIT = "042"
# people named by whom they stand with or against, who are not that actor: "supporters of X"
_OTHER_PARTY = {"supporter", "opponent", "critic", "relative", "family", "victim", "follower", "lawyer",
                "fan", "admirer", "detractor", "sympathizer", "sympathiser"}
# where a predicate's target can sit when its rule names no slot that holds one
_COMPLEMENTS = {"dobj", "dative", "prep", "xcomp", "ccomp", "attr", "oprd", "pobj"}
_TARGET_SPEC_DEPS = {"dobj", "dative", "nsubjpass", "ccomp", "poss"}
# how a target was found that does not make it the victim of an attack by someone unnamed:
# "killed in an attack near the Pakistani border" says nothing was done to Pakistan
_NOT_A_VICTIM = {"subtree:clause", "place in clause", "place as object"}
# how deep a crowd phrase is read for a named actor: "tens of thousands of people in Hong Kong"
_PHRASE_DEPTH = 6
# prepositions of where an attack happened
_SPATIAL = {"in", "at", "near", "outside", "inside", "around"}
# how much less sure an attack by an unidentified source (or a protest by an unnamed crowd)
# is than one whose source is named
_UNIDENTIFIED_PENALTY = 0.2


class EventCoder:
    """Codes the events of parsed sentences, given the actor mentions found in them."""

    def __init__(self, lexicon: Lexicon | None = None, *, two_actor_sentences: bool = False,
                 attack_words: AttackWords | None = None, crowd_words: CrowdWords | None = None):
        self.lexicon = lexicon or default_lexicon()
        # what makes an attack by nobody named an event, and a crowd an unnamed protester
        # (data/unidentified.yaml)
        self.attack_words = attack_words or default_attack_words()
        self.crowd_words = crowd_words or default_crowd_words()
        # with a crowd word, these make a sentence that names nobody worth parsing
        self._protest_stems = protest_stems(self.lexicon)
        # parse sentences naming two actors even with no trigger word, for the model to read
        self.two_actor_sentences = two_actor_sentences

    # -- public ------------------------------------------------------------
    def code_sentence(
        self,
        sent: SpacySpan,
        mentions: Sequence[ActorMention],
        *,
        doc_id: str,
        sentence_index: int,
        text: str | None = None,
        trace: list[str] | None = None,
    ) -> list[Event]:
        """All events of one sentence. ``text`` is the article text (for display
        spans; the Doc may hold a re-cased copy); ``trace`` collects explain lines."""
        text = text if text is not None else sent.doc.text
        ctx = _Sentence(sent, mentions, text, self.lexicon, trace, self.attack_words, self.crowd_words)
        events: list[Event] = []
        for token in sent:
            rules = [r for r in self.lexicon.by_lemma.get(token.lemma_.lower(), ())
                     if _fires_on(r, token) and conditions_met(r, token)]
            # a reading that names its object or particle wins over the verb's generic readings
            # of other types: "met the strikers' demands" is no meeting, "called off the strike"
            # no call
            specific = [r for r in rules if r.objects or r.needs_word]
            if specific:
                kinds = {ontology.lookup(r.cameo).event_type for r in specific}
                rules = [r for r in rules if ontology.lookup(r.cameo).event_type in kinds]
            for rule in rules:
                events.extend(ctx.apply(rule, token, doc_id, sentence_index))
        events.extend(ctx.statements(doc_id, sentence_index, praise=not events))
        return _dedupe(events)


    def cued_types(self, sent: SpacySpan) -> set[str]:
        """PLOVER types whose trigger words the sentence has (rules that need a
        particular object aside), whether or not their rule found its actors."""
        return {ontology.lookup(rule.cameo).event_type
                for t in sent for rule in self.lexicon.by_lemma.get(t.lemma_.lower(), ())
                if not rule.objects and _fires_on(rule, t)}

    def can_carry_event(self, sent: SpacySpan, named: Sequence[int], references: Sequence[int] = ()) -> bool:
        """The cheap filter run before any parsing, on word forms alone: a sentence is
        worth parsing when it has a trigger word and names an actor (or refers back to
        one: "he", "the two"), or names two actors outright (the model may find an event
        no rule covers). ``named``/``references``: token indices where they start."""
        n_named = sum(1 for i in named if sent.start <= i < sent.end)
        if n_named >= 2 and self.two_actor_sentences:
            return True
        words = {t.lower_ for t in sent}
        if n_named == 0 and not any(sent.start <= i < sent.end for i in references):
            # a crowd that protests names nobody: "Thousands marched through the capital"
            return bool(words & self.crowd_words.forms) and any(w.startswith(self._protest_stems) for w in words)
        lex = self.lexicon
        return bool(words & lex.trigger_forms) or bool(words & lex.light_forms and words & lex.object_forms)

    def model_events(
        self,
        scores,
        sent: SpacySpan,
        mentions: Sequence[ActorMention],
        *,
        doc_id: str,
        sentence_index: int,
        text: str | None = None,
        threshold: float = MODEL_THRESHOLD,
        trace: list[str] | None = None,
    ) -> list[Event]:
        """The model's event for a sentence no rule explained: a confident type label
        becomes an event whose actors are read off the parse."""
        if not scores.probs:
            if trace is not None and scores.gate is not None:
                trace.append(f"  gate: no event p={scores.gate:.2f}, the model did not read it")
            return []
        label, p = scores.best
        if trace is not None:
            trace.append(f"  model: {label} p={p:.2f}")
        if label == "NONE" or label not in self.lexicon.model_codes:
            return []
        cued = label in self.cued_types(sent)
        if p < (CUED_THRESHOLD if cued else threshold):
            return []
        cameo, why = self.lexicon.model_codes[label], ""
        coded = scores.best_code(label)
        if coded is not None:
            cameo, code_p = coded
            mode = ontology.lookup(cameo).mode
            why = f"; code {cameo}{f' ({mode})' if mode else ''} p={code_p:.2f}"
        if cued:
            why += f"; a {label} trigger word agrees"
        ctx = _Sentence(sent, mentions, text if text is not None else sent.doc.text, self.lexicon, trace,
                        self.attack_words, self.crowd_words)
        event = ctx.model_event(label, p, cameo, doc_id, sentence_index, why)
        return [event] if event else []


def _fires_on(rule: Rule, token: Token) -> bool:
    """Whether ``rule`` may fire on ``token`` by its part of speech (an auxiliary counts as a
    verb; a participle used as a noun, "evacuated the wounded", does not)."""
    if token.pos_ == "VERB" and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") \
            and any(c.dep_ == "det" for c in token.children):
        return "NOUN" in rule.pos
    return token.pos_ in rule.pos or (token.pos_ == "AUX" and "VERB" in rule.pos)


def _by_phrase(pred: Token) -> Token | None:
    """The noun of a passive's by-phrase ("was indicted by the court"), or None."""
    return next((g for c in pred.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _patient(pred: Token) -> Token | None:
    """What a passive ``pred`` was done to: its passive subject, or the noun a participle
    follows ("parishioners killed at a church")."""
    subject = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
    return pred.head if subject is None and _reduced_relative(pred) else subject


def _reduced_relative(token: Token) -> bool:
    """A past participle after its noun ("East Jerusalem, captured by Israel in 1967",
    "parishioners killed at a church"): passive, and a clause of its own."""
    return token.dep_ == "acl" and token.tag_ == "VBN"


def _shares_passive(conj: Token) -> bool:
    """A conjoined participle with no auxiliary of its own ("was indicted and jailed")
    is passive like its head; "was indicted and will resign" is not."""
    return conj.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in conj.children)


def _frame(noun: Token) -> Token | None:
    """A noun that frames an event noun as not (yet) having happened: "fears of an invasion",
    and "renewed negotiations today on a pullback", where the parser hangs "on" off the verb."""
    frames = [n for n in noun.ancestors if n.pos_ == "NOUN"]
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("on", "about", "over", "for"):
        frames += [c for c in noun.head.head.children if c.dep_ == "dobj"]
    return next((n for n in frames if n.lemma_.lower() in _NOT_HAPPENED), None)


def _is_infinitive(token: Token) -> bool:
    """An adverbial clause in the to-infinitive: "threatened on Monday to resume"."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _where(token: Token, actor: ActorMention) -> bool:
    """The actor ``token`` belongs to is the object of a preposition of place ("near the
    town of Samarra", "outside of the Iraqi city of Basra", "at the Iraqi embassy"): it
    says where something happened, not who did it ("in a Taliban attack" does)."""
    root = token
    while root.head.i != root.i and actor.start <= root.head.idx < actor.end:
        root = root.head
    prep = root.head
    return root.dep_ == "pobj" and (prep.lower_ in _SPATIAL or (prep.lower_ == "of" and prep.head.lower_ in _SPATIAL))


def _clause_subtree(token: Token, depth: int = _CLAUSE_DEPTH) -> Iterator[Token]:
    """``token``'s subtree down to ``depth`` arcs, without the clauses that hang off
    nouns in it: in "capture towns held by Ukrainian forces" the forces are not what
    is captured, and an actor buried deep in a long sentence is not what it is about."""
    yield token
    if depth == 0:
        return
    for child in token.children:
        if child.dep_ not in ("relcl", "acl"):
            yield from _clause_subtree(child, depth - 1)


def _object_of_clause(clause: Token) -> Token | None:
    """The verb's object that a that-clause belongs to, where the parser hung the clause
    on the verb: "reiterated its demand today [that Israel ease restrictions]"."""
    if clause.dep_ != "ccomp" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    return next((c for c in clause.head.children if c.dep_ == "dobj" and c.i < clause.i), None)


def _protest_scope(pred: Token) -> Iterator[Token]:
    """Where a protest names whom it is against: its clause with the purpose it was held
    for, however deep ("staged demonstrations to demand reforms by President X's
    government", "rioted following a rally calling for the removal of X"), but not who
    protested or who reported it. (Read this deep for the model's events, it finds
    targets in ordinary news that are not what was done to.)"""
    yield pred
    for child in pred.children:
        if child.dep_ not in ("nsubj", "nsubjpass", "parataxis", "punct"):
            yield from child.subtree


def _dedupe(events: Iterable[Event]) -> list[Event]:
    """One event per country dyad and PLOVER type per sentence: "launched an
    operation to destroy" is one assault, coded by the governing predicate (the
    first); "the two agreed that delegations from the two countries will meet"
    is one agreement."""
    seen: set[tuple] = set()
    kept = []
    for ev in events:
        ends = [_dyad_end(ev.source), _dyad_end(ev.target)]
        if ev.symmetric:
            ends.sort(key=str)
        key = (*ends, ev.event_type or ev.cameo)
        if key not in seen:
            seen.add(key)
            kept.append(ev)
    # a one-sided reading is dropped where another names the target ("began a hunger strike to
    # protest against Norway's order")
    targeted = {(_dyad_end(ev.source), ev.event_type) for ev in kept if ev.target is not None}
    return [ev for ev in kept if ev.target is not None or (_dyad_end(ev.source), ev.event_type) not in targeted]


def _dyad_end(actor: ActorMention | None):
    return actor.country or _actor_key(actor) if actor else None


def _actor_key(actor: ActorMention | None):
    if actor is None:
        return None
    return actor.kb_id or actor.name or actor.code or actor.text


class _Sentence:
    """Per-sentence working state: which tokens carry which actors."""

    def __init__(self, sent: SpacySpan, mentions: Sequence[ActorMention], text: str, lexicon: Lexicon, trace,
                 attack_words: AttackWords | None = None, crowd_words: CrowdWords | None = None):
        self.sent = sent
        self.text = text
        self.lex = lexicon
        self.attack_words = attack_words or default_attack_words()
        self.crowd_words = crowd_words or default_crowd_words()
        self.trace = trace
        self.by_token: dict[int, ActorMention] = {}
        self.places: dict[int, ActorMention] = {}
        for m in mentions:
            if m.end <= sent.start_char or m.start >= sent.end_char:
                continue
            # a capital named as a place ("talks in Moscow") says where, not who
            index = self.places if m.kind == "place" else self.by_token
            for tok in sent:
                if tok.idx < m.end and tok.idx + len(tok.text) > m.start:
                    index.setdefault(tok.i, m)

    def log(self, line: str) -> None:
        if self.trace is not None:
            self.trace.append(line)

    # -- actors of a token ------------------------------------------------
    def actors_of(self, token: Token) -> list[ActorMention]:
        """The actors a noun phrase headed by ``token`` names (conjuncts and groups expanded)."""
        found = self._head_actor(token)
        out = list(found.members) if found and found.members else ([found] if found else [])
        for mod in token.lefts:  # "Hungarian and Romanian officials": one head, two sides
            other = self.by_token.get(mod.i)
            if (mod.dep_ in ("amod", "compound", "nmod") and other is not None and other is not found
                    and any(c.dep_ == "conj" for c in mod.children)):
                out.insert(0, other)
        for conj in token.children:
            if conj.dep_ == "conj":
                out.extend(self.actors_of(conj))
        return out

    def _head_actor(self, token: Token, depth: int = 0) -> ActorMention | None:
        if token.i in self.by_token:
            return self.by_token[token.i]
        for child in token.lefts:  # "the Israeli military", "Hezbollah fighters"
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i in self.by_token:
                return self.by_token[child.i]
        if depth == 0:  # "US Predator attacks": the actor modifies the modifier
            for child in token.lefts:
                if child.dep_ == "compound":
                    found = self._head_actor(child, 1)
                    if found is not None:
                        return found
        for child in token.rights:  # "the embassy of Russia", "officials from Iran", "shelling by Syrian forces"
            if child.dep_ == "prep" and child.lemma_ in ("of", "from", "by"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in self.by_token:
                        found = self.by_token[pobj.i]
                        if token.lemma_ in _OTHER_PARTY and child.lemma_ == "of" and found.country:
                            return self._people_around(token, found)
                        return found
        for child in token.rights:  # "the International Labour Office (ILO)": the name in apposition
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i]
        return None

    def defied(self, pred: Token) -> ActorMention | None:
        """Whose pressure or calls a refusal defies: "declined to resign despite growing
        pressure by the anti-corruption commission"."""
        for node in [pred, *self.clause_ancestors(pred)]:
            for prep in node.children:
                if prep.dep_ == "prep" and prep.lower_ == "despite":
                    for noun in (p for p in prep.children if p.dep_ == "pobj"):
                        whose = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
                                 for g in c.children if g.dep_ == "pobj"]
                        found = [a for n in (noun, *whose) for a in self.actors_of(n)]
                        if found:
                            return found[0]
        return None

    def _people_around(self, noun: Token, actor: ActorMention) -> ActorMention:
        """"supporters of former President X": people of X's country, not X."""
        start = noun.left_edge.idx
        return replace(actor, text=self.text[start:actor.end], start=start, name=None,
                       sector="CVL", code=f"{actor.country}CVL", kb_id=None, kind="role", members=(), person=False)

    def _direct_actors(self, child: Token) -> list[ActorMention]:
        """The actors a verb's object or addressee names itself ("attacked Iraq", "sent a
        letter to Iraq"), not ones deeper in the phrase."""
        if child.dep_ == "dobj":
            return self.actors_of(child)
        if child.dep_ == "dative" or (child.dep_ == "prep" and child.lower_ == "to"):
            return [a for p in child.children if p.dep_ == "pobj" for a in self.actors_of(p)]
        return []

    def first_actor_under(self, token: Token, avoid: Sequence[ActorMention]) -> ActorMention | None:
        """The first actor anywhere under ``token`` whose country is none of ``avoid``'s."""
        return self._first_foreign(token.subtree, avoid)

    def _first_foreign(self, tokens: Iterable[Token], avoid: Sequence[ActorMention]) -> ActorMention | None:
        """The first actor on ``tokens`` whose country (or identity, without one) is none of ``avoid``'s."""
        avoid_keys = {a.country or _actor_key(a) for a in avoid}
        for tok in tokens:
            m = self.by_token.get(tok.i)
            if m is None:
                continue
            for actor in m.members or (m,):
                if (actor.country or _actor_key(actor)) not in avoid_keys:
                    return actor
        return None

    def place_under(self, pred: Token, sources: Sequence[ActorMention], *, own: bool) -> ActorMention | None:
        """The first place in the predicate's complements, or in a clause of when or how it
        happened ("killed 23 people when they blew themselves up in Tel Aviv"), in a country
        none of ``sources`` is of, else (with ``own``) the first place there of the sources'
        own country."""
        countries = {s.country for s in sources}
        tokens = self._complement_tokens(pred) + [t for c in pred.children if c.dep_ == "advcl"
                                                  for t in _clause_subtree(c)]
        if pred.pos_ == "NOUN":  # "arrived in Amman on a visit": the verb that carries the event
            verb = pred.head.head if pred.dep_ == "pobj" else pred.head if pred.dep_ == "dobj" else None
            tokens += self._complement_tokens(verb) if verb is not None and verb.pos_ == "VERB" else []
        places = [p for p in (self.places.get(t.i) for t in tokens) if p and p.country]
        return next((p for p in places if p.country not in countries), places[0] if places and own else None)

    def _complement_tokens(self, pred: Token) -> list[Token]:
        """The tokens of the predicate's complements in text order (``_clause_subtree``):
        where clause_target and place_under look for a target."""
        # a to-infinitive the parser hung on as an adverbial is what a threat or request is of
        # ("threatened on Monday to resume attacks"), but elsewhere a purpose ("fought to win")
        embeds = pred.lemma_ in self.lex.embedding_heads
        complements = [c for c in pred.children if c.dep_ in _COMPLEMENTS or (embeds and _is_infinitive(c))]
        return sorted((t for c in complements for t in _clause_subtree(c)), key=lambda t: t.i)

    def place_target(self, pred: Token, sources: Sequence[ActorMention], cameo: str) -> ActorMention | None:
        """What is done to a place is done to its people, as CAMEO codes it: another
        country's first ("mounted an invasion of South Lebanon", "withdrew from Gaza"), else,
        for a measure rather than an attack or a withdrawal, one of the source's own
        ("threatened to impose a curfew in Algiers"; an offensive around one's own city is
        against someone else there). None for event types not done to places."""
        code = ontology.lookup(cameo)
        if code.event_type not in _PLACE_TARGET_TYPES and code.cameo != _VISIT:
            return None
        return self.place_under(pred, sources, own=code.event_type not in ("ASSAULT", "RETREAT", "AID", "CONSULT"))

    def clause_target(self, pred: Token, sources: Sequence[ActorMention]) -> ActorMention | None:
        """When the rule's own slots are empty, the first actor in the predicate's
        complements ("threatened to resume attacks in Israel", "denounced Serbia's
        crackdown"): another country's first, else another actor of the same one
        ("the army detained opposition leaders")."""
        return self._other_actor(self._complement_tokens(pred), sources)

    def _other_actor(self, tokens: list[Token], sources: Sequence[ActorMention]) -> ActorMention | None:
        """The first actor on ``tokens`` of another country than ``sources``, else the first
        other actor of the same country that is not a place ("the rebels said the government must ...")."""
        foreign = self._first_foreign(tokens, sources)
        if foreign is not None:
            return foreign
        source_keys = {_actor_key(s) for s in sources}
        for tok in tokens:
            m = self.by_token.get(tok.i)
            if m is not None and m.kind != "place" and _actor_key(m) not in source_keys:
                return m
        return None

    # -- source, target ---------------------------------------------------
    def source_of(self, pred: Token) -> tuple[list[ActorMention], int, bool]:
        """(actors, hops climbed, passive) for the predicate's agent."""
        agent, hops, passive = self.agent_of(pred)
        return (self.actors_of(agent) if agent is not None else []), hops, passive

    def agent_of(self, pred: Token) -> tuple[Token | None, int, bool]:
        """(the noun that names who does it, hops climbed, passive): the subject, the
        passive's by-phrase, or None where the clause names nobody."""
        if _reduced_relative(pred):
            # "parishioners killed at a church", "civilians killed by Russian shelling": only a
            # by-phrase names who did it
            return _by_phrase(pred), 0, True
        cur, hops, below = pred, 0, None
        while True:
            if below is not None and _reduced_relative(cur):
                # "a demonstration staged by students to protest the decision": who staged it protests
                return _by_phrase(cur), hops, False
            passive_subj = [c for c in cur.children if c.dep_ == "nsubjpass"]
            if passive_subj:
                if below is not None and below.dep_ == "conj" and not _shares_passive(below):
                    # "the minister was indicted by the court and will resign": the minister resigns
                    return passive_subj[0], hops, False
                by = _by_phrase(cur)
                if by is None and cur.lemma_.lower() in self.lex.stative:
                    # "Israel is opposed to French mediation": a stance, not a passive
                    return passive_subj[0], hops, False
                return by, hops, True
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")]
            if subj:
                if subj[0].lower_ in _RELATIVE and cur.dep_ == "relcl":
                    return cur.head, hops, False
                return subj[0], hops, False
            if cur.dep_ == "xcomp" and cur.head.lemma_ not in _SUBJECT_CONTROL:
                # object control: in "Xi invited Macron to visit Beijing" Macron visits
                controller = [c for c in cur.head.children if c.dep_ in ("dobj", "dative")]
                if controller and self.actors_of(controller[0]):
                    return controller[0], hops + 1, False
            if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "NOUN":
                # a gerund that a noun is about ("protest the decision of sending troops"): its
                # doer is the noun's owner, if it says ("Ankara's decision of sending"), not
                # whoever's clause the noun sits in
                owner = next((c for c in cur.head.head.children if c.dep_ == "poss"), None)
                return owner, hops + 2, False
            if cur.dep_ in _CLIMB and cur.head.i != cur.i and cur.head.i >= self.sent.start:
                below, cur, hops = cur, cur.head, hops + 1
                continue
            return None, hops, False

    def nominal_source(self, noun: Token, rule: Rule) -> list[ActorMention]:
        """Who did what an event noun names: its possessor ("the coalition's bombing"), an
        adjective or a name before it ("Israeli air strikes", "US drone strikes", "Hamas
        attacks"; a place or a country's name there is where, "Gaza air strikes"), a
        by-phrase ("shelling by Syrian forces"), an of-phrase where the rule does not look
        there for its target ("the withdrawal of Russian troops"), or the subject of a verb
        that carries it out ("completed the withdrawal", "arrived on a visit"; not
        "condemned the offensive")."""
        for child in noun.lefts:
            if child.dep_ == "poss" and self.actors_of(child):
                return self.actors_of(child)
            m = self.by_token.get(child.i)
            # a country's name before the noun is as often where as who ("a Mali hotel
            # assault"); an adjective, an organisation or "US" is who ("Hamas attacks")
            if m is not None and (child.dep_ == "amod" or (child.dep_ in ("compound", "nmod")
                                                          and (m.sector or child.text.isupper()))):
                return [m]
        def phrase(prep: str) -> list[ActorMention]:
            return [a for c in noun.rights if c.dep_ in ("prep", "agent") and c.lower_ == prep
                    for p in c.children if p.dep_ == "pobj" for a in self.actors_of(p)]

        found = phrase("by")
        if not found and noun.dep_ == "dobj" and noun.head.lemma_ in _CARRY_OUT:
            found = self.source_of(noun.head)[0]
        if not found and noun.dep_ == "pobj" and (noun.head.lower_, noun.head.head.lemma_) in _DOING_IN:
            # "arrived in Amman on a visit", "insisted on its demand", "were engaged in ethnic cleansing"
            found = self.source_of(noun.head.head)[0]
        if not found and "prep:of" not in rule.target:
            found = phrase("of")
        return found

    def target_of(self, pred: Token, rule: Rule, sources: Sequence[ActorMention]) -> tuple[list[ActorMention], str]:
        """The target actors (conjuncts give several: "urged Serbia and Kosovo") and the spec that found them."""
        source_keys = {_actor_key(s) for s in sources}
        for spec in rule.target:
            for node, how in self._spec_nodes(pred, spec):
                if how == "subtree":
                    actor = self.first_actor_under(node, sources)
                    if actor:
                        return [actor], spec
                    continue
                found = [a for a in self.actors_of(node)
                         if _actor_key(a) not in source_keys and (a.person or not rule.person_target)]
                if found:
                    return found, spec
        return [], ""

    def _spec_nodes(self, pred: Token, spec: str):
        head = pred
        *path, last = spec.split("/")
        how = "direct"
        if last.startswith("subtree:"):
            how, last = "subtree", last.split(":", 1)[1]
        for step in path:  # e.g. "dobj/prep:with": move to the object first
            nxt = [c for c in head.children if _matches(c, step)]
            if not nxt and step == "ccomp":
                nxt = [c for c in head.head.children if _object_of_clause(c) == head]
            if not nxt:
                return
            head = nxt[0]
        candidates = list(head.children)
        if last.startswith("prep:"):
            # parsers often hang the PP off the verb's object when that names nobody ("break
            # off [relations [with Congo]]"; but "demanded the withdrawal of Serbian forces
            # from Bosnia" is a demand of the forces) or off another PP's object ("spoke [by
            # telephone [with Putin]]"); the object's comes first: "break off relations with
            # Congo over its ties with Israel"
            candidates += [g for c in head.children if c.dep_ == "dobj" and not self.actors_of(c)
                           for g in c.children if g.dep_ == "prep"]
            candidates += [g for c in head.children if c.dep_ == "prep"
                           for p in c.children if p.dep_ == "pobj" for g in p.children if g.dep_ == "prep"]
        for child in candidates:
            if _matches(child, last):
                if child.dep_ == "prep":
                    for pobj in child.children:
                        if pobj.dep_ in ("pobj", "pcomp"):
                            yield pobj, how
                else:
                    yield child, how

    # -- modality ------------------------------------------------------------
    def clause_ancestors(self, pred: Token) -> list[Token]:
        """Ancestors of ``pred`` up to and including the top of its clause."""
        out = []
        cur = pred
        # a participle after its noun does not inherit the sentence's intent or negation
        while cur.dep_ not in _CLAUSE_TOP and not _reduced_relative(cur) and cur.head.i != cur.i:
            cur = cur.head
            out.append(cur)
        return out

    def is_negated(self, pred: Token) -> str | None:
        for node in [pred, *self.clause_ancestors(pred)]:
            for c in node.children:
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                    return f"{c.text} {node.text}"
            if node.i != pred.i and node.lemma_ in self.lex.negators:
                return node.text
        return None

    def modality(self, pred: Token) -> tuple[Modality, str | None]:
        ups = self.clause_ancestors(pred)
        reported_future = None
        for node in [pred, *ups]:
            for c in node.children:
                if c.dep_ in ("mark", "aux") and c.lower_ in self.lex.hypothetical:
                    if c.lower_ == "would" and self.speaker(pred)[1] is not None:
                        # "they said they would boycott", "saying he would be ready to host":
                        # the future of reported speech
                        reported_future = c
                        continue
                    return Modality.HYPOTHETICAL, c.text
        if reported_future is not None:
            return Modality.INTENDED, reported_future.text
        if self.sent[-1].text == "?" or (len(self.sent) > 1 and self.sent[-2].text == "?"):
            return Modality.HYPOTHETICAL, "?"  # "Will you resign?" asks, it does not report
        for c in pred.children:
            if c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll"):
                return Modality.INTENDED, c.text
        for node in ups:
            if node.lemma_ in self.lex.intent:
                return Modality.INTENDED, node.text
        return Modality.ASSERTED, None

    def speaker(self, pred: Token) -> tuple[ActorMention | None, Token | None]:
        """The actor of the nearest speech verb above the predicate's clause."""
        cur = pred
        while cur.head.i != cur.i:
            was_ccomp = cur.dep_ in ("ccomp", "parataxis")
            cur = cur.head
            if was_ccomp and cur.lemma_ in self.lex.speech:
                actors, _, _ = self.source_of(cur)
                return (actors[0] if actors else None), cur
        return None, None

    # -- rules -------------------------------------------------------------
    def apply(self, rule: Rule, pred: Token, doc_id: str, sentence_index: int) -> list[Event]:
        """The events of ``rule`` on ``pred``, whose part of speech and object or particle
        conditions the caller has checked (``_fires_on``, ``conditions_met``)."""
        if pred.dep_ == "relcl" and pred.head.lemma_ in self.lex.background_heads:
            self.log(f"  {rule.id} on {pred.text!r}: skipped, background clause of {pred.head.text!r}")
            return []
        own_type = ontology.lookup(rule.cameo).event_type
        heads = self.clause_ancestors(pred)
        if pred.dep_ in ("ccomp", "acl") and pred.head.pos_ == "NOUN":
            heads.append(pred.head)  # "its demand that Israel ease restrictions"
        elif (noun := _object_of_clause(pred)) is not None:
            heads.append(noun)  # "reiterated its demand today that Israel ease restrictions"
        head = next((n for n in heads if n.lemma_ in self.lex.embedding_heads), None)
        if head is not None and self.lex.embedding_heads[head.lemma_] != own_type:
            self.log(f"  {rule.id} on {pred.text!r}: only {head.lemma_}-ed ({head.text!r}), no event of its own")
            return []
        nominal = pred.pos_ == "NOUN"
        if nominal and pred.dep_ in ("amod", "compound", "nmod"):
            return []  # "Jordan's visiting King": a modifier, not an event
        if nominal:
            frame = _frame(pred)
            if frame is not None:
                self.log(f"  {rule.id} on {pred.text!r}: only a {frame.text!r} of it, no event")
                return []
        sources, hops, passive = (self.nominal_source(pred, rule), 0, False) if nominal else self.source_of(pred)
        unidentified = None
        if not sources and own_type == "ASSAULT" and not nominal:
            unidentified = self.unidentified_source(pred)
            sources = [unidentified[0]] if unidentified else []
        crowd = None
        if not sources and own_type == "PROTEST" and not nominal:
            crowd = self.crowd_source(pred)
            sources = [crowd[0]] if crowd else []
        if not sources:
            self.log(f"  {rule.id} on {pred.text!r}: no source actor")
            return []
        if own_type == "PROTEST" and all(s.sector == "GOV" for s in sources):
            # "Trump will hold a rally in Salem": a government's (or a candidate's) rally is
            # a campaign event, not dissent
            self.log(f"  {rule.id} on {pred.text!r}: a rally by {sources[0].text!r}, the government, is no protest")
            return []
        refined = next((ref for ref in rule.refine if self._refine_matches(ref, pred)), None)
        targets, how = self.target_of(pred, rule, sources)
        if not targets and rule.target and rule.target[0] in ("dobj", "subtree:dobj"):
            # the object slot, read once more: the passive subject ("was shelled by ..."), and a
            # place as the object is what is acted on ("shelled Kharkiv", "captured Mosul")
            obj = _patient(pred) if passive else next((c for c in pred.children if c.dep_ == "dobj"), None)
            if passive and obj is not None:
                targets, how = self.actors_of(obj), "passive subject"
            if not targets and obj is not None and obj.i in self.places and not rule.person_target:
                targets, how = [self.places[obj.i]], "place as object"
        # a one-sided undertaking ("Ethiopia agreed to reopen its border to UN peacekeepers")
        # is towards whom its infinitive names (but "discussed the Syrian crisis" is no talk with Syria)
        one_sided = rule.symmetric and len(sources) < 2 and any(c.dep_ == "xcomp" for c in pred.children)
        if not targets and rule.clause_target and (one_sided or (not rule.symmetric and rule.needs_target)):
            fallback = self.clause_target(pred, sources)
            if fallback is not None:
                targets, how = [fallback], "subtree:clause"
        if not targets and rule.clause_target and not rule.symmetric:
            fallback = self.place_target(pred, sources, refined.cameo if refined else rule.cameo)
            if fallback is not None:
                targets, how = [fallback], "place in clause"
        if not targets and not rule.needs_target and own_type == "PROTEST":
            # a protest is against whoever the sentence names after it, as the model reads it:
            # "blocked a road to show their disapproval of the United States", "began a hunger
            # strike to protest Sweden's decision"
            fallback = self._first_foreign((t for t in self.sent if t.i > pred.i), sources) \
                or self._other_actor([t for t in _protest_scope(pred) if t.i != pred.i], sources)
            if fallback is not None and fallback.kind != "place":
                targets, how = [fallback], "subtree:clause"
        if unidentified is not None:
            if passive or how in _NOT_A_VICTIM:
                # the victim of an attack by nobody named is what the passive was done to
                # ("an Iraqi general was shot dead"), whatever slots the rule reads otherwise
                patient = _patient(pred) if passive else None
                targets, how = (self.actors_of(patient), "passive subject") if patient is not None else ([], "")
            targets = [t for t in targets if t.kind != "place"]
            blocked = self.unidentified_blocked(pred, targets)
            if blocked:
                self.log(f"  {rule.id} on {pred.text!r}: no source actor, and no attack by an unidentified one: {blocked}")
                return []
        if crowd is not None:
            blocked = self.crowd_blocked(pred)
            if blocked:
                self.log(f"  {rule.id} on {pred.text!r}: no source actor, and no protest by an unnamed crowd: {blocked}")
                return []
        pairs: list[tuple[ActorMention, ActorMention | None, bool]] = []
        if targets:
            pairs = [(s, t, rule.symmetric) for s in sources for t in targets]
        elif rule.symmetric and len(sources) >= 2:
            pairs = [(sources[0], sources[1], True)]
            how = "plural subject"
        elif not rule.needs_target or crowd is not None:
            # (an unnamed crowd as the subject says "demonstrated" is a protest with or without
            # an addressee: see crowd_code in data/unidentified.yaml)
            pairs = [(s, None, False) for s in sources] if not rule.symmetric else []
        if not pairs:
            self.log(f"  {rule.id} on {pred.text!r}: no target actor")
            return []

        cameo, why = rule.cameo, [f"rule {rule.id}: {pred.lemma_}"]
        if how:
            why.append(f"target by {how}")
        if refined is not None:
            cameo = refined.cameo
            why.append(refined.why)
        if unidentified is not None:
            cameo = self._bombing_code(cameo, unidentified[2], why)
            if ontology.lookup(cameo).event_type != "ASSAULT":
                self.log(f"  {rule.id} on {pred.text!r}: {cameo} is no attack, and its source is unidentified")
                return []
            why.append(unidentified[1])
        if crowd is not None:
            if not targets and rule.needs_target:
                cameo = self.crowd_words.code
            if ontology.lookup(cameo).event_type != "PROTEST":  # "crowds marched past the tanks": 154
                self.log(f"  {rule.id} on {pred.text!r}: {cameo} is no protest, and its source is an unnamed crowd")
                return []
            why.append(crowd[1])
        negation = self.is_negated(pred)
        negated = False
        if negation:
            if not rule.negated and negation.lower() in _REFUSALS:
                # "refused to deploy troops": a refusal is itself an event (CAMEO 12, reject)
                cameo = "120"
                why.append(f"refused ('{negation}')")
                defied = self.defied(pred) if all(t is None for _, t, _ in pairs) else None
                if defied is not None:  # "declined to resign despite pressure by the commission"
                    pairs = [(s, defied, False) for s, _, _ in pairs]
                    why.append("target by despite")
            elif not rule.negated:
                self.log(f"  {rule.id} on {pred.text!r}: negated by {negation!r}, no event")
                return []
            else:
                cameo, negated = rule.negated, True
                why.append(f"negated by '{negation}'")
        modality, cue = self.modality(pred)
        if nominal and modality not in (Modality.ASSERTED, Modality.REPORTED):
            self.log(f"  {rule.id} on {pred.text!r}: {modality.value} ('{cue}'), "
                     "a nominal event is coded only when it happened")
            return []
        if modality is Modality.HYPOTHETICAL and cue == "must" and self.speaker(pred)[1] is not None:
            self.log(f"  {rule.id} on {pred.text!r}: only demanded ('must' in reported speech), no event of its own")
            return []
        condition = next((m for c in pred.children if c.dep_ == "advcl"
                          for m in c.children if m.dep_ == "mark" and m.lower_ == "unless"), None)
        if modality is Modality.INTENDED and condition is not None and not negated:
            # "will withdraw its force unless the fighting stops": a conditional threat (CAMEO 13)
            cameo = rule.intended if rule.intended and rule.intended.startswith("13") else "130"
            why.append(f"threatened ('{cue}' ... '{condition.text}')")
        elif modality is Modality.INTENDED and rule.intended and not negated \
                and not (rule.intended.startswith("13") and cue.lower() in _ATTEMPTS):
            cameo = rule.intended
            why.append(f"intended ('{cue}')")
        speaker, speech = self.speaker(pred)
        claimed_by = None
        if speaker is not None and all(_actor_key(speaker) != _actor_key(s) for s in sources):
            claimed_by = speaker
            if modality is Modality.ASSERTED:
                modality = Modality.REPORTED
            why.append(f"claimed by {speaker.text!r} ({speech.text})")
        confidence = 0.9 - 0.05 * min(hops, 2) - (0.1 if how.startswith("subtree") else 0.0)
        if unidentified is not None or crowd is not None:
            confidence -= _UNIDENTIFIED_PENALTY
        if modality is Modality.HYPOTHETICAL:
            confidence -= 0.3
        events = []
        for source, tgt, symmetric in pairs:
            symmetric = symmetric and not negated  # a refusal has a direction
            conf = confidence - (0.1 if source.kind in ("pronoun", "group", "role") else 0.0)
            events.append(self.event(pred, source, tgt, cameo, doc_id, sentence_index, negated=negated,
                                     modality=modality, claimed_by=claimed_by, symmetric=symmetric,
                                     confidence=conf, evidence="; ".join(why)))
        self.log(f"  {rule.id} on {pred.text!r}: {cameo} " + "; ".join(why))
        return events

    def model_event(self, label: str, p: float, cameo: str, doc_id: str, sentence_index: int,
                    why: str = "") -> Event | None:
        """An event of the model's type: the main verb's subject acts on the first other
        actor in its object, else the first other actor after the verb."""
        root = self.sent.root
        verbs = [t for t in self.sent if t.pos_ == "VERB"]
        pred = root if root.pos_ in ("VERB", "AUX") or not verbs else verbs[0]
        if pred.lemma_ in self.lex.speech:
            # "UNITA refused to allow UN planes to land, the UN said": the event is what was said
            said = [c for c in pred.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
            pred = said[0] if said else pred
        if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in pred.children):
            # a mis-parsed root with no subject ("Newly appointed" as the main verb): the
            # first clause under it that has one
            clauses = [c for c in pred.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")
                       and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
            pred = clauses[0] if clauses else pred
        negation = self.is_negated(pred)
        if negation:
            self.log(f"  model {label}: main verb negated by {negation!r}, no event")
            return None
        sources, _, passive = self.source_of(pred)
        crowd = self.crowd_source(pred) if not sources and label == "PROTEST" else None
        if crowd is not None:
            # the subject is an unnamed crowd, so the first actor before the verb is not who protested
            blocked = self.crowd_blocked(pred)
            if blocked is None and not is_protest_verb(pred, self.lex):
                # "people said", "people voted": the model's PROTEST needs a protest rule's verb
                blocked = f"{pred.text!r} is no protest verb"
            if blocked:
                self.log(f"  model PROTEST: no source actor, and no protest by an unnamed crowd: {blocked}")
                return None
            sources = [crowd[0]]
        if not sources:
            # the first actor before the verb, unless it is what the passive verb was done to
            patient = {t.i for c in pred.children if c.dep_ == "nsubjpass" for t in c.subtree}
            sources = [m for m in (self.by_token.get(t.i) for t in self.sent if t.i < pred.i and t.i not in patient)
                       if m][:1]
        if not sources and label == "ASSAULT":
            return self._unidentified_model_event(pred, passive, p, cameo, doc_id, sentence_index, why)
        if not sources:
            self.log(f"  model {label}: no source actor")
            return None
        source = sources[0]
        target = None
        if passive:
            patient = [c for c in pred.children if c.dep_ == "nsubjpass"]
            target = next(iter(self.actors_of(patient[0])), None) if patient else None
        if target is None:  # the object or the addressee itself: "issued a reminder to Iraq that it must ..."
            target = next((a for c in pred.children for a in self._direct_actors(c) if _actor_key(a) != _actor_key(source)),
                          None)
        for child in pred.children:
            if target is None and child.dep_ in ("dobj", "dative", "prep", "xcomp", "ccomp", "advcl", "attr"):
                target = self.first_actor_under(child, [source])
        speaker, speech = self.speaker(pred)
        if target is None:  # the first actor after it, but not who reported it
            reporter = {t.i for c in speech.children if c.dep_ == "nsubj" for t in c.subtree} if speech else set()
            target = self._first_foreign((t for t in self.sent if t.i > pred.i and t.i not in reporter), [source])
        if target is None:  # another actor of the source's own country: "the army detained opposition leaders"
            target = self.clause_target(pred, [source])
        if target is None:  # ... or in a purpose clause: "police opened fire to disperse demonstrators"
            target = self._other_actor([t for t in _clause_subtree(pred) if t.i != pred.i], [source])
        if target is None:  # ... or the people of a place: "shortened the curfew imposed in Khartoum"
            target = self.place_target(pred, [source], cameo)
        if target is None and label not in ("PROTEST", "MOBILIZE"):
            self.log(f"  model {label}: no target actor")
            return None
        claimed_by = speaker if speaker is not None and _actor_key(speaker) != _actor_key(source) else None
        subject = f"{crowd[1]}" if crowd is not None else "source = subject"
        return self.event(pred, source, target, cameo, doc_id, sentence_index,
                          confidence=0.6 * p + 0.2 - (_UNIDENTIFIED_PENALTY if crowd is not None else 0.0),
                          modality=Modality.REPORTED if claimed_by else Modality.ASSERTED, claimed_by=claimed_by,
                          evidence=f"model: {label} p={p:.2f}{why}; {subject}, target = object/next actor")

    def _unidentified_model_event(self, pred: Token, passive: bool, p: float, cameo: str, doc_id: str,
                                  sentence_index: int, why: str) -> Event | None:
        """The model's attack whose source is unidentified: its victim is the passive
        subject or the object, nobody else is named in its clause, and it happened."""
        found = self.unidentified_source(pred)
        if found is None:
            self.log("  model ASSAULT: no source actor")
            return None
        source, because, entry = found
        slot = "nsubjpass" if passive else "dobj"
        victims = [a for c in pred.children if c.dep_ == slot for a in self.actors_of(c) if a.kind != "place"]
        blocked = self.unidentified_blocked(pred, victims)
        if blocked:
            self.log(f"  model ASSAULT: no source actor, and no attack by an unidentified one: {blocked}")
            return None
        notes: list[str] = []
        cameo = self._bombing_code(cameo, entry, notes)
        speaker, _ = self.speaker(pred)
        notes = "".join(f"; {n}" for n in notes)
        return self.event(pred, source, victims[0], cameo, doc_id, sentence_index,
                          confidence=0.6 * p + 0.2 - _UNIDENTIFIED_PENALTY,
                          modality=Modality.REPORTED if speaker else Modality.ASSERTED, claimed_by=speaker,
                          evidence=f"model: ASSAULT p={p:.2f}{why}{notes}; {because}; target = {slot}")

    # -- unidentified source ------------------------------------------------
    def unidentified_source(self, pred: Token) -> tuple[ActorMention, str, str | None] | None:
        """An unidentified attacker (sector UAF) for an attack verb whose clause names no
        source actor: a passive with no agent ("were killed in a roadside bombing"), or a
        device, attack or unnamed attacker as subject or agent ("a car bomb killed",
        "wounded by a landmine", "gunmen shot"). Returns (actor, why, listed phrase or
        None); the caller checks the victim and that it happened (``unidentified_blocked``)."""
        words = self.attack_words
        if pred.pos_ not in ("VERB", "AUX"):
            return None
        agent, _, passive = self.agent_of(pred)
        if agent is not None:
            found = attack_phrase(agent, words)
            if found is None:
                return None  # a subject that is neither an actor nor a weapon: "officials", "the crash"
            tokens, entry = found
            kind = "an unnamed attacker" if entry in words.attackers else "a device or attack"
            why = f"{kind} as {'agent' if passive else 'subject'}, '{entry}'"
        elif passive:
            # a trigger that also names accidents needs an attack word in its clause:
            # "killed in a bombing", not "killed in a car crash"
            cue = next(filter(None, (attack_phrase(t, words) for t in _clause_subtree(pred) if t.i != pred.i)), None)
            if cue is None and pred.lemma_.lower() not in words.self_evident:
                self.log(f"  {pred.text!r}: passive without agent, but no attack word in its clause")
                return None
            tokens, entry = cue if cue else ([pred], None)
            why = "passive without agent" + (f", '{entry}'" if entry else "")
        else:
            return None
        actor = source_actor(self.text, tokens, self._country_where(pred))
        return actor, f"source unidentified: {why}", entry

    def _country_where(self, pred: Token) -> str | None:
        """The country where ``pred`` happened as the actors stage sees it: a place named under
        it ("in Mosul"), else an actor named as where ("near the town of Samarra"); after the
        predicate first. The places stage may know better (``unidentified.locate``)."""
        for tok in sorted((t for t in pred.subtree if t.i != pred.i), key=lambda t: (t.i < pred.i, t.i)):
            m = self.places.get(tok.i)
            if m is None and tok.i in self.by_token and _where(tok, self.by_token[tok.i]):
                m = self.by_token[tok.i]
            if m is not None and m.country:
                return m.country
        return None

    def unidentified_blocked(self, pred: Token, victims: Sequence[ActorMention]) -> str | None:
        """Why an attack by an unidentified source on ``victims`` is not coded, or None:
        it needs a victim actor, nobody else named in its clause who may have done it
        ("killed in a Taliban attack"), and to have happened (not negated, intended,
        hypothetical, feared or foiled)."""
        if not victims:
            return "no victim actor"
        for tok in _clause_subtree(pred):
            m = self.by_token.get(tok.i)
            if m is None or m in victims or set(m.members) & set(victims) or m.sector == UNIDENTIFIED:
                continue  # (a device the knowledge base knows, "car bomb", is unnamed too)
            if not _where(tok, m):
                return f"{m.text!r} is named in its clause"
        return self.not_happened(pred)

    def not_happened(self, pred: Token) -> str | None:
        """Why ``pred`` is not known to have happened (negated, intended, hypothetical,
        feared, foiled), or None. An event by an unnamed source is coded only when it did."""
        negation = self.is_negated(pred)
        if negation:
            return f"negated by {negation!r}"
        modality, cue = self.modality(pred)
        if modality is not Modality.ASSERTED:
            return f"{modality.value} ('{cue}')"
        frame = next((a for a in pred.ancestors if a.lemma_.lower() in self.attack_words.not_carried_out
                      or (a.pos_ == "NOUN" and a.lemma_.lower() in _NOT_HAPPENED)), None)
        if frame is not None:
            return f"not carried out ('{frame.text}')"
        return None

    # -- unnamed crowd ------------------------------------------------------
    def crowd_source(self, pred: Token) -> tuple[ActorMention, str] | None:
        """An unnamed crowd (sector CVL) for a protest verb whose subject, or passive's agent,
        is a crowd phrase naming no actor ("Tens of thousands of people marched", "blocked by
        hundreds of villagers", "Hundreds blocked the highway"). Returns (actor, why); the
        caller checks that it happened and was a protest (``crowd_blocked``)."""
        if pred.pos_ not in ("VERB", "AUX"):
            return None
        agent, _, passive = self.agent_of(pred)
        found = crowd_phrase(agent, self.crowd_words) if agent is not None else None
        if found is None:
            return None
        tokens, entry = found
        named = next((m for t in _clause_subtree(agent, _PHRASE_DEPTH)
                      if (m := self.by_token.get(t.i)) and not _where(t, m)), None)
        if named is not None:  # "thousands of people from the opposition party": theirs, not a crowd's
            self.log(f"  {pred.text!r}: {named.text!r} is named in its subject, no unnamed crowd")
            return None
        actor = crowd_actor(self.text, tokens, self._country_where(pred))
        kind = f"the crowd word '{entry}'" if entry in self.crowd_words.crowds else f"a bare quantity, '{entry}'"
        return actor, (f"source an unnamed crowd: {kind} as {'agent' if passive else 'subject'}, "
                       "no actor named in it")

    def crowd_blocked(self, pred: Token) -> str | None:
        """Why a crowd's ``pred`` is not coded as its protest, or None: it did not happen
        (``not_happened``), the sentence is about a gathering of another kind (a campaign
        rally, a concert, a parade: ``not_protest``), or the crowd rallied for a named actor."""
        reason = self.not_happened(pred)
        if reason is not None:
            return reason
        other = other_gathering(self.sent, self.crowd_words)
        if other is not None:
            return f"a gathering of another kind ('{other.text}')"
        clause = [t for node in (pred, *self.clause_ancestors(pred)) for t in _clause_subtree(node)]
        for cue, obj in rallied_for(clause, self.crowd_words):
            actor = next((a for a in self.actors_of(obj) if a.kind != "place"), None)
            if actor is not None:
                return f"a rally for {actor.text!r} ('{cue.text}')"
        return None

    def _bombing_code(self, cameo: str, entry: str | None, why: list[str]) -> str:
        """A bombing's CAMEO code (183x) for the device or attack that did it, over a generic one."""
        words = self.attack_words
        if entry in words.bombing_codes and cameo in words.bombing_replaces:
            why.append(f"bombing ('{entry}')")
            return words.bombing_codes[entry]
        return cameo

    def _refine_matches(self, ref: Refinement, pred: Token) -> bool:
        if ref.subtree and any(t.lemma_.lower() in ref.subtree for t in pred.subtree if t.i != pred.i):
            return True
        if ref.child and any(c.lemma_.lower() in ref.child for c in pred.children):
            return True
        if ref.ccomp and any(c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in ref.ccomp for c in pred.children):
            return True
        if ref.object and (obj := object_of(pred)) is not None and obj.lemma_.lower() in ref.object:
            return True
        if ref.dep and any(c.dep_ in ref.dep for c in pred.children):
            return True
        if ref.agent and (agent := self.agent_of(pred)[0]) is not None and agent.lemma_.lower() in ref.agent:
            return True
        return False

    def statements(self, doc_id: str, sentence_index: int, *, praise: bool) -> list[Event]:
        """What a speech verb's content does to another actor: 'Y said X must withdraw'
        demands it of X (CAMEO 100); with ``praise`` (no rule fired), '"The talks with
        X were good," Y said' praises X (051)."""
        events = []
        for pred in self.sent:
            if pred.lemma_ not in self.lex.speech or pred.pos_ != "VERB":
                continue
            sources, _, _ = self.source_of(pred)
            said = [c for c in pred.children if c.dep_ in ("ccomp", "parataxis")]
            if not sources or not said:
                continue
            content = said[0]
            if any(c.dep_ == "aux" and c.lower_ == "must" for c in content.children):
                subject = [c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")]
                target = self._other_actor(list(subject[0].subtree), sources) if subject else None
                if target is None:
                    continue
                events.append(self.event(pred, sources[0], target, "100", doc_id, sentence_index, confidence=0.6,
                                         evidence=f"rule request/must-statement: {pred.lemma_} + what the target must do"))
                self.log(f"  request/must-statement on {pred.text!r}: 100")
                continue
            # a word of praise, not part of a name ("Great Britain")
            if not praise or not any(t.lemma_.lower() in self.lex.positive and t.i not in self.by_token
                                     and t.pos_ != "PROPN" for t in content.subtree):
                continue
            target = self.first_actor_under(content, sources)
            if target is None:
                continue
            events.append(self.event(pred, sources[0], target, "051", doc_id, sentence_index,
                                     confidence=0.6, evidence=f"rule support/praise-statement: {pred.lemma_} + positive evaluation of target"))
            self.log(f"  support/praise-statement on {pred.text!r}: 051")
        return events

    def event(self, pred: Token, source, target, cameo, doc_id, sentence_index, *, negated=False,
              modality=Modality.ASSERTED, claimed_by=None, symmetric=False, confidence=0.9, evidence="") -> Event:
        code = ontology.lookup(cameo)
        start, end = _strip(self.text, self.sent.start_char, self.sent.end_char)
        return Event(
            doc_id=doc_id,
            sentence_index=sentence_index,
            sentence=self.text[start:end],
            trigger=Span(self.text[pred.idx:pred.idx + len(pred.text)], pred.idx, pred.idx + len(pred.text)),
            source=source,
            target=target,
            event_type=code.event_type,
            mode=code.mode,
            context=code.context,
            cameo=code.cameo,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            negated=negated,
            modality=modality,
            claimed_by=claimed_by,
            symmetric=symmetric,
            confidence=max(0.3, min(1.0, confidence)),
            evidence=evidence,
        )


def _matches(token: Token, step: str) -> bool:
    if step.startswith("prep:"):
        return token.dep_ in ("prep", "agent") and token.lower_ == step[5:]
    return token.dep_ == step


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
