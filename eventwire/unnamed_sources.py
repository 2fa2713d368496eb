"""Events whose source the text does not name: an attack by an unidentified attacker
("a car bomb killed", "were killed in a roadside bombing", "gunmen shot") and a protest
by an unnamed crowd ("tens of thousands of people marched"). Who they are (sector UAF,
or CVL for a crowd, with the country where it happened), and when such an event is
coded at all: it happened, nobody else is named who may have done it, and a crowd's
gathering was a protest. The words come from ``data/unidentified.yaml``
(``unidentified.py``); ``events.py`` builds its sentences on ``UnnamedSources``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from .clause import Clause, clause_subtree
from .records import ActorMention, Modality
from .unidentified import SECTOR as UNIDENTIFIED
from .unidentified import (AttackWords, CrowdWords, attack_phrase, crowd_actor, crowd_phrase, other_gathering,
                           rallied_for, source_actor)

# nouns that frame an event noun as not (yet) having happened: "fears of a Russian invasion",
# "talks on an Israeli pullback"
_NOT_HAPPENED = {"fear", "threat", "risk", "possibility", "prospect", "danger", "plan", "warning", "rumour",
                 "rumor", "speculation", "spectre", "specter", "anniversary", "memory", "commemoration",
                 "call", "demand", "preparation", "likelihood", "chance", "scenario", "case", "negotiation",
                 "talk", "agreement", "deal", "accord", "proposal", "offer", "request", "condition", "timetable",
                 "schedule", "option", "idea", "question", "issue", "debate", "vote", "resolution", "invitation"}
# how deep a crowd phrase is read for a named actor: "tens of thousands of people in Hong Kong"
_PHRASE_DEPTH = 6
# prepositions of where an attack happened
_SPATIAL = {"in", "at", "near", "outside", "inside", "around"}


def _where(token: Token, actor: ActorMention) -> bool:
    """The actor ``token`` belongs to is the object of a preposition of place ("near the
    town of Samarra", "outside of the Iraqi city of Basra", "at the Iraqi embassy"): it
    says where something happened, not who did it ("in a Taliban attack" does)."""
    root = token
    while root.head.i != root.i and actor.start <= root.head.idx < actor.end:
        root = root.head
    prep = root.head
    return root.dep_ == "pobj" and (prep.lower_ in _SPATIAL or (prep.lower_ == "of" and prep.head.lower_ in _SPATIAL))


class UnnamedSources(Clause):
    """``Clause`` with the search for an unnamed source; the subclass sets the words."""

    attack_words: AttackWords
    crowd_words: CrowdWords

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
            cue = next(filter(None, (attack_phrase(t, words) for t in clause_subtree(pred) if t.i != pred.i)), None)
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
        for tok in clause_subtree(pred):
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
        named = next((m for t in clause_subtree(agent, _PHRASE_DEPTH)
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
        clause = [t for node in (pred, *self.clause_ancestors(pred)) for t in clause_subtree(node)]
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
