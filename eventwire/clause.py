"""Who does it and to whom, read off a clause's dependency parse.

The half of the event coder that finds actors: a predicate's **source** (its
subject, found by climbing from infinitives, gerunds and relative clauses to the
clause that has one; the passive's ``by`` agent; who carries out an event noun)
and its **target** (where a rule's slots say, else the predicate's complements,
a purpose clause or the people of a place), and who reported it. ``events.py``
builds on ``Clause`` with the rules and the model's events; ``Clause`` also reads a
predicate's negation and modality.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from . import ontology
from .lexicon import Lexicon, Rule
from .records import ActorMention, Modality

# dependency arcs a subject search may climb: the predicate's own clause has no subject
_CLIMB = {"xcomp", "acl", "relcl", "advcl", "conj", "dobj", "pobj", "pcomp", "prep", "attr", "oprd", "appos", "acomp"}

# arcs that end a clause when reading negation or modality upwards
_CLAUSE_TOP = {"ccomp", "ROOT", "parataxis"}
# relative pronouns: "the group, which attacked ...": the subject is the noun the clause is on
_RELATIVE = {"who", "which", "that"}

# verbs whose subject, not object, does what their infinitive says: "X promised Y to leave"
_SUBJECT_CONTROL = {"promise", "vow", "pledge", "threaten"}

# how deep under the predicate's complement a fallback target may sit: "resume [attacks
# [in [Israel]]]" is three arcs below "resume"
_CLAUSE_DEPTH = 3

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


def _by_phrase(pred: Token) -> Token | None:
    """The noun of a passive's by-phrase ("was indicted by the court"), or None."""
    return next((g for c in pred.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def reduced_relative(token: Token) -> bool:
    """A past participle after its noun ("East Jerusalem, captured by Israel in 1967",
    "parishioners killed at a church"): passive, and a clause of its own."""
    return token.dep_ == "acl" and token.tag_ == "VBN"


def _shares_passive(conj: Token) -> bool:
    """A conjoined participle with no auxiliary of its own ("was indicted and jailed")
    is passive like its head; "was indicted and will resign" is not."""
    return conj.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in conj.children)


def _is_infinitive(token: Token) -> bool:
    """An adverbial clause in the to-infinitive: "threatened on Monday to resume"."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def clause_subtree(token: Token, depth: int = _CLAUSE_DEPTH) -> Iterator[Token]:
    """``token``'s subtree down to ``depth`` arcs, without the clauses that hang off
    nouns in it: in "capture towns held by Ukrainian forces" the forces are not what
    is captured, and an actor buried deep in a long sentence is not what it is about."""
    yield token
    if depth == 0:
        return
    for child in token.children:
        if child.dep_ not in ("relcl", "acl"):
            yield from clause_subtree(child, depth - 1)


def object_of_clause(clause: Token) -> Token | None:
    """The verb's object that a that-clause belongs to, where the parser hung the clause
    on the verb: "reiterated its demand today [that Israel ease restrictions]"."""
    if clause.dep_ != "ccomp" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    return next((c for c in clause.head.children if c.dep_ == "dobj" and c.i < clause.i), None)


def actor_key(actor: ActorMention | None):
    if actor is None:
        return None
    return actor.kb_id or actor.name or actor.code or actor.text


def _matches(token: Token, step: str) -> bool:
    if step.startswith("prep:"):
        return token.dep_ in ("prep", "agent") and token.lower_ == step[5:]
    return token.dep_ == step


class Clause:
    """Per-sentence working state: which tokens carry which actors, and how to find a
    predicate's source and target among them."""

    def __init__(self, sent: SpacySpan, mentions: Sequence[ActorMention], text: str, lexicon: Lexicon, trace):
        self.sent = sent
        self.text = text
        self.lex = lexicon
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
        # "the Israeli military", "Hezbollah fighters"; "its troops", unless a name says whose
        # ("its European Community partners")
        mods = [self.by_token[c.i] for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")
                and c.i in self.by_token]
        if mods:
            return next((m for m in mods if m.kind != "pronoun"), mods[0])
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
        avoid_keys = {a.country or actor_key(a) for a in avoid}
        for tok in tokens:
            m = self.by_token.get(tok.i)
            if m is None:
                continue
            for actor in m.members or (m,):
                if (actor.country or actor_key(actor)) not in avoid_keys:
                    return actor
        return None

    def place_under(self, pred: Token, sources: Sequence[ActorMention], *, own: bool) -> ActorMention | None:
        """The first place in the predicate's complements, or in a clause of when or how it
        happened ("killed 23 people when they blew themselves up in Tel Aviv"), in a country
        none of ``sources`` is of, else (with ``own``) the first place there of the sources'
        own country."""
        countries = {s.country for s in sources}
        tokens = self._complement_tokens(pred) + [t for c in pred.children if c.dep_ == "advcl"
                                                  for t in clause_subtree(c)]
        if pred.pos_ == "NOUN":  # "arrived in Amman on a visit": the verb that carries the event
            verb = pred.head.head if pred.dep_ == "pobj" else pred.head if pred.dep_ == "dobj" else None
            tokens += self._complement_tokens(verb) if verb is not None and verb.pos_ == "VERB" else []
        places = [p for p in (self.places.get(t.i) for t in tokens) if p and p.country]
        return next((p for p in places if p.country not in countries), places[0] if places and own else None)

    def _complement_tokens(self, pred: Token) -> list[Token]:
        """The tokens of the predicate's complements in text order (``clause_subtree``):
        where clause_target and place_under look for a target."""
        # a to-infinitive the parser hung on as an adverbial is what a threat or request is of
        # ("threatened on Monday to resume attacks"), but elsewhere a purpose ("fought to win")
        embeds = pred.lemma_ in self.lex.embedding_heads
        complements = [c for c in pred.children if c.dep_ in _COMPLEMENTS or (embeds and _is_infinitive(c))]
        return sorted((t for c in complements for t in clause_subtree(c)), key=lambda t: t.i)

    def place_target(self, pred: Token, sources: Sequence[ActorMention], cameo: str) -> ActorMention | None:
        """What is done to a place is done to its people, as CAMEO codes it: another
        country's first ("mounted an invasion of South Lebanon", "withdrew from Gaza"), else,
        for a measure rather than an attack or a withdrawal, one of the source's own
        ("threatened to impose a curfew in Algiers"; an offensive around one's own city is
        against someone else there, unless rebels mount it). None for event types not done to places."""
        code = ontology.lookup(cameo)
        if code.event_type not in _PLACE_TARGET_TYPES and code.cameo != _VISIT:
            return None
        # rebels who bomb their own capital attack it, though a state's offensive at home does not
        insurgent = code.event_type == "ASSAULT" and all(s.sector == "REB" for s in sources)
        return self.place_under(pred, sources, own=insurgent or code.event_type not in ("ASSAULT", "RETREAT", "AID", "CONSULT"))

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
        source_keys = {actor_key(s) for s in sources}
        for tok in tokens:
            m = self.by_token.get(tok.i)
            if m is not None and m.kind != "place" and actor_key(m) not in source_keys:
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
        if reduced_relative(pred) or (pred.dep_ == "advcl" and pred.tag_ == "VBN" and not any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in pred.children)):
            # "parishioners killed at a church", "civilians killed by Russian shelling", "when
            # asked about Trump, Obama said": only a by-phrase names who did it
            return _by_phrase(pred), 0, True
        cur, hops, below = pred, 0, None
        while True:
            if below is not None and reduced_relative(cur):
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
                if subj[0].tag_ == "VBG":
                    # "The Red Cross operating in Iraq said", parsed as a gerund with a subject
                    # of its own: that subject is who speaks
                    inner = next((c for c in subj[0].children if c.dep_ == "nsubj"), None)
                    if inner is not None:
                        return inner, hops, False
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
            if cur.dep_ == "ROOT":
                return self._stranded_subject(cur), hops, False
            return None, hops, False

    def _stranded_subject(self, verb: Token) -> Token | None:
        """The actor right before a main verb the parser gave no subject ("With the signing of
        an accord, the government and the SPLM/A have agreed", the pair parsed as part of the
        opening phrase): the top of its conjunction, so both sides are read."""
        i = verb.i - 1
        while i >= self.sent.start and self.sent.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
            i -= 1
        if i < self.sent.start or i not in self.by_token:
            return None
        top = self.sent.doc[i]
        while top.dep_ == "conj" and self.actors_of(top.head):
            top = top.head
        return top

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
        source_keys = {actor_key(s) for s in sources}
        for spec in rule.target:
            for node, how in self._spec_nodes(pred, spec):
                if how == "subtree":
                    actor = self.first_actor_under(node, sources)
                    if actor:
                        return [actor], spec
                    continue
                found = [a for a in self.actors_of(node)
                         if actor_key(a) not in source_keys and (a.person or not rule.person_target)]
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
                nxt = [c for c in head.head.children if object_of_clause(c) == head]
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
        if last == "dobj" and not any(c.dep_ == "dobj" for c in candidates):
            # "kidnapped up to 16 advisers", parsed as a particle and a to-phrase
            for c in (g for u in (head, *head.children) for g in u.children):
                if c.dep_ == "prep" and c.lower_ == "to" and c.i > 0 and c.nbor(-1).lower_ == "up":
                    yield from ((g, how) for g in c.children if g.dep_ == "pobj")
        for child in candidates:
            if _matches(child, last):
                if child.dep_ == "prep":
                    for pobj in child.children:
                        if pobj.dep_ in ("pobj", "pcomp"):
                            yield pobj, how
                else:
                    yield child, how

    # -- clause and speaker ------------------------------------------------
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

    def clause_ancestors(self, pred: Token) -> list[Token]:
        """Ancestors of ``pred`` up to and including the top of its clause."""
        out = []
        cur = pred
        # a participle after its noun does not inherit the sentence's intent or negation
        while cur.dep_ not in _CLAUSE_TOP and not reduced_relative(cur) and cur.head.i != cur.i:
            cur = cur.head
            out.append(cur)
        return out

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
