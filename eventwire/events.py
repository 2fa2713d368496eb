"""The events stage: (source, predicate, target) triples typed in PLOVER + CAMEO.

A transparent rule coder over the dependency parse. Rules live in
``data/verbs.yaml`` (see its header for the format), read by ``lexicon.py``.
Who does it and to whom is ``clause.py``'s search: the **source** is the
predicate's subject, found by climbing from infinitives, gerunds and relative
clauses to the clause that has one ("the military launched an operation to
destroy ..." -> destroy's source is the military), in the passive the ``by``
agent; the **target** is looked for where the rule says (object, a
preposition's object, or anywhere under the object). This module decides what
happened: it fires the rules, reads **negation** ("had no intention of
meeting"), **intent** ("agreed to meet", "will meet"), **hypotheticals** and
**reported speech** off the predicate's ancestors within its clause, and turns
the type model's label into an event where no rule explained a sentence.

Every event keeps the rule and the cues that decided it in ``evidence``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from . import ontology
from .clause import actor_key, clause_subtree, object_of_clause, reduced_relative
from .lexicon import Lexicon, Refinement, Rule, conditions_met, default_lexicon, object_of
from .lexicon import parse_lexicon  # noqa: F401 (part of this module's API before lexicon.py)
from .records import ActorMention, Event, Modality, Span
from .unidentified import (AttackWords, CrowdWords, default_attack_words, default_crowd_words, is_protest_verb,
                           protest_stems)
from .unnamed_sources import _NOT_HAPPENED, UnnamedSources

log = logging.getLogger(__name__)

# intent words that make armed forces ready, a force posture (see apply), and the sectors they are
_READYING = {"prepare", "prepared", "prepares", "preparing", "ready", "readied", "readies", "readying", "poised"}
_ARMED = {"MIL", "REB", "COP", "SPY"}
_ARREST, _OCCUPY, _DENOUNCE = "173", "192", "111"
# words of attack that between two politicians are words ("attacked Trump", "launched an attack on Obama")
_ATTACK_WORDS = {"attack", "assault", "hit", "strike", "slam", "target"}
# ... and the sectors of politicians
_POLITICAL = {"GOV", "LEG", "ELI", "POL", "OPP", "JUD"}
# intent words that report an attempt: "tried to assassinate" is the assault, not a threat
_ATTEMPTS = {"try", "tried", "tries", "trying", "seek", "sought", "seeks", "seeking"}
# The type model's least probability for an event of its own, chosen for typed precision
# of at least 0.9 on the fifth of the training corpus (7,497 sentences) the model was not
# fitted on (``python -m eventwire.train`` prints the table), on the sentences the gate
# (classifier.GATE_THRESHOLD) lets the encoder read: 0.45 P 0.895 R 0.871; 0.5 P 0.900
# R 0.864; 0.55 P 0.908 R 0.854; 0.6 P 0.917 R 0.849 (0.5 is too close to call; it also
# codes 6% more model events on the whole polnear corpus for no GSR macro-F1). The
# fine-tuned model is surer of itself than the softmax regression it replaced (0.45 gave
# that P 0.81), and ordinary news is further from the corpus than its held-out fifth: a
# coder that over-codes is what users of this field have learned to distrust.
MODEL_THRESHOLD = 0.55
# ... and when the sentence has a trigger word of the model's type that the rules could
# not turn into an event (its actors were not where the rule looks): two weak signals
CUED_THRESHOLD = 0.3
# negating verbs that make a refusal, coded as one when the negated rule has no code of its own
_REFUSALS = {"refuse", "refused", "refuses", "refusing", "decline", "declined", "declines", "declining"}
# how a target was found that does not make it the victim of an attack by someone unnamed:
# "killed in an attack near the Pakistani border" says nothing was done to Pakistan
_NOT_A_VICTIM = {"subtree:clause", "place in clause", "place as object"}
# how much less sure an attack by an unidentified source (or a protest by an unnamed crowd)
# is than one whose source is named
_UNIDENTIFIED_PENALTY = 0.2
# what a speaker says another actor must do, it demands of them ("said Israel should withdraw")
_DEMANDING = {"must", "should"}


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


def _condition(pred: Token, word: str) -> Token | None:
    """The subordinator ``word`` ("unless", "if") of a conditional clause on ``pred``, or None."""
    return next((m for c in pred.children if c.dep_ == "advcl" for m in c.children
                 if m.dep_ == "mark" and m.lower_ == word), None)


def _territory(actor: ActorMention) -> bool:
    """A place, a country or a state as a whole ("Crimea", "Georgia", "the state of Texas"), not people."""
    return (actor.kind in ("place", "metonym") or (actor.kind == "name" and actor.kb_id == actor.country)
            or (actor.kind == "role" and "state" in actor.text.lower().split() and not actor.person))


def _war_of_words(pred: Token, sources: Sequence[ActorMention], targets: Sequence[ActorMention]) -> bool:
    """An attack word between named politicians on both sides: a war of words."""
    obj = object_of(pred)
    words = {pred.lemma_.lower(), obj.lemma_.lower() if obj is not None else ""}
    people = [*sources, *targets]
    return bool(targets) and bool(words & _ATTACK_WORDS) and all(a.person and a.sector in _POLITICAL for a in people)


def _patient(pred: Token) -> Token | None:
    """What a passive ``pred`` was done to: its passive subject, or the noun a participle
    follows ("parishioners killed at a church")."""
    subject = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
    return pred.head if subject is None and reduced_relative(pred) else subject


def _frame(noun: Token) -> Token | None:
    """A noun that frames an event noun as not (yet) having happened: "fears of an invasion",
    and "renewed negotiations today on a pullback", where the parser hangs "on" off the verb."""
    frames = [n for n in noun.ancestors if n.pos_ == "NOUN"]
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in ("on", "about", "over", "for"):
        frames += [c for c in noun.head.head.children if c.dep_ == "dobj"]
    return next((n for n in frames if n.lemma_.lower() in _NOT_HAPPENED), None)


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
    return actor.country or actor_key(actor) if actor else None


class _Sentence(UnnamedSources):
    """Per-sentence working state (``Clause``: which tokens carry which actors, sources
    and targets, negation and modality; ``UnnamedSources``: attackers and crowds the text
    does not name), with the rules and the model's events."""

    def __init__(self, sent: SpacySpan, mentions: Sequence[ActorMention], text: str, lexicon: Lexicon, trace,
                 attack_words: AttackWords | None = None, crowd_words: CrowdWords | None = None):
        super().__init__(sent, mentions, text, lexicon, trace)
        self.attack_words = attack_words or default_attack_words()
        self.crowd_words = crowd_words or default_crowd_words()

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
        elif (noun := object_of_clause(pred)) is not None:
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
        elif not rule.needs_target or rule.target_optional or crowd is not None:
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
        if own_type == "ASSAULT" and _war_of_words(pred, sources, targets):
            # "Bush also attacked billionaire Donald Trump": one politician at another, in words
            cameo = _DENOUNCE
            why.append("politicians attacking each other: a denunciation")
        elif cameo == _ARREST and targets and all(_territory(t) for t in targets):
            # a place, a country or a state is not arrested but occupied ("Israel captured East
            # Jerusalem"), and not by a candidate ("Trump has captured Georgia": by votes)
            if all(s.person for s in sources):
                self.log(f"  {rule.id} on {pred.text!r}: {sources[0].text!r} takes a place, not by force")
                return []
            cameo = _OCCUPY
            why.append("a place taken")
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
        if modality is Modality.HYPOTHETICAL and cue.lower() in _DEMANDING and self.speaker(pred)[1] is not None:
            self.log(f"  {rule.id} on {pred.text!r}: only demanded ('{cue}' in reported speech), no event of its own")
            return []
        condition, harm_if = _condition(pred, "unless"), _condition(pred, "if")
        if modality is Modality.INTENDED and condition is not None and not negated:
            # "will withdraw its force unless the fighting stops": a conditional threat (CAMEO 13)
            cameo = rule.intended if rule.intended and rule.intended.startswith("13") else "130"
            why.append(f"threatened ('{cue}' ... '{condition.text}')")
        elif modality in (Modality.INTENDED, Modality.HYPOTHETICAL) and harm_if is not None and not negated \
                and rule.intended and rule.intended.startswith("13") and self.speaker(pred)[1] is not None:
            # "may halt its mediation if cooperation founders, the minister said": harm held out on
            # a condition, in someone's words
            cameo, modality = rule.intended, Modality.INTENDED
            why.append(f"threatened ('{cue}' ... '{harm_if.text}')")
        elif modality is Modality.INTENDED and own_type == "ASSAULT" and cue.lower() in _READYING \
                and not negated and any(s.sector in _ARMED for s in sources):
            # "the army prepared to resume shelling": armed forces made ready, not a word said, is a
            # force posture (PLOVER 3.14 MOBILIZE, CAMEO 152), not a threat
            cameo = "152"
            why.append(f"made ready ('{cue}')")
        elif modality is Modality.INTENDED and rule.intended and not negated \
                and not (rule.intended.startswith("13") and cue.lower() in _ATTEMPTS):
            # a refinement of another type has an intent of its own: "will withdraw its
            # ambassador" threatens to cut relations (1313), it does not de-escalate (0356)
            other = ontology.lookup(cameo).event_type != own_type
            cameo = (intended_code(cameo) if other else None) or rule.intended
            why.append(f"intended ('{cue}')")
        speaker, speech = self.speaker(pred)
        claimed_by = None
        if speaker is not None and all(actor_key(speaker) != actor_key(s) for s in sources):
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
        passive_subjects = [c for c in pred.children if c.dep_ == "nsubjpass"]
        if not sources:
            # the first actor before the verb, unless it is what the passive verb was done to
            patient = {t.i for c in passive_subjects for t in c.subtree}
            sources = [m for m in (self.by_token.get(t.i) for t in self.sent if t.i < pred.i and t.i not in patient)
                       if m][:1]
        if not sources and label == "ASSAULT":
            return self._unidentified_model_event(pred, passive, p, cameo, doc_id, sentence_index, why)
        if not sources:
            self.log(f"  model {label}: no source actor")
            return None
        source = sources[0]
        target = None
        if passive and passive_subjects:
            target = next(iter(self.actors_of(passive_subjects[0])), None)
        if target is None:  # the object or the addressee itself: "issued a reminder to Iraq that it must ..."
            target = next((a for c in pred.children for a in self._direct_actors(c)
                           if actor_key(a) != actor_key(source)), None)
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
            target = self._other_actor([t for t in clause_subtree(pred) if t.i != pred.i], [source])
        if target is None:  # ... or the people of a place: "shortened the curfew imposed in Khartoum"
            target = self.place_target(pred, [source], cameo)
        if target is None and label not in ("PROTEST", "MOBILIZE"):
            self.log(f"  model {label}: no target actor")
            return None
        claimed_by = speaker if speaker is not None and actor_key(speaker) != actor_key(source) else None
        subject = f"{crowd[1]}" if crowd is not None else "source = subject"
        modality, cue = self.modality(pred)
        intent = intended_code(cameo) if modality is Modality.INTENDED else None
        if intent is not None and not (intent.startswith("13") and cue.lower() in _ATTEMPTS):
            # "the UN will provide food aid to refugees": CAMEO codes the declared intent (033)
            cameo, why = intent, f"{why}; intended ('{cue}')"
        elif modality is not Modality.HYPOTHETICAL:
            modality = Modality.REPORTED if claimed_by else Modality.ASSERTED
        return self.event(pred, source, target, cameo, doc_id, sentence_index,
                          confidence=0.6 * p + 0.2 - (_UNIDENTIFIED_PENALTY if crowd is not None else 0.0)
                          - (0.3 if modality is Modality.HYPOTHETICAL else 0.0),
                          modality=modality, claimed_by=claimed_by,
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
        """What a speech verb's content does to another actor: 'Y said X must (should)
        withdraw' demands it of X (CAMEO 100); with ``praise`` (no rule fired), '"The talks with
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
            if any(c.dep_ == "aux" and c.lower_ in _DEMANDING for c in content.children):
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
            if self.is_negated(content) or any(c.dep_ == "neg" for t in content.subtree for c in t.children):
                continue  # "they're not sending their best": no praise
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


# CAMEO's code for the declared intent to do what a code names, by its two-digit root,
# with the sub-codes that say of what (the lexicon's rules give theirs as `intended`)
_INTENDED_ROOTS = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "14": "133", "15": "138",
                   "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}
_INTENDED_CODES = {"061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331", "072": "0332",
                   "073": "0333", "074": "0334", "081": "0351", "082": "0352", "084": "0353", "085": "0354",
                   "086": "0355", "087": "0356", "161": "1313", "162": "1311", "163": "1312", "164": "134",
                   "165": "135", "166": "136", "191": "1381", "192": "1382", "180": "1383", "181": "1383",
                   "183": "1383", "190": "1384", "195": "1384", "204": "1385"}


def intended_code(cameo: str) -> str | None:
    """The CAMEO code of a declared intent to do ``cameo`` ("will provide aid": 033), or None
    for codes that are themselves statements (a demand, a threat)."""
    return _INTENDED_CODES.get(cameo[:3]) or _INTENDED_ROOTS.get(cameo[:2])


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
