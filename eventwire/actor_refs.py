"""What the rest of an article says about an actor: references and context.

The actor resolver (:mod:`eventwire.actors`) composes knowledge-base matches
into :class:`Chain` records and resolves them in text order; the helpers here
are the steps that look beyond one phrase:

- "he"/"him", "the two", "both leaders", a later bare surname, "the Israeli
  premier" after a named one: :func:`pronoun_antecedent`, :func:`group_members`,
  :func:`surname_refs`, :func:`earlier_office_holder`;
- "Hungarian and Romanian officials" (two actors, one role word):
  :func:`share_conjoined`;
- an actor the text gives no country ("rebels", "Judge X"), "ethnic Albanians in
  Serbia": :func:`countries_from_context`;
- a known leader's name written differently ("Francois Mitterand"): :class:`NameIndex`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from .kb import Country, KnowledgeBase, Organisation, Person, SectorWord
from .records import ActorMention

_SUBJ_OBJ = {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "dative", "iobj", "obl"}
_PRONOUNS = {"he", "she", "him", "her"}
# subject pronouns that stand for a country, an organisation or a group, resolved only
# inside reported speech: "Syria says it will withdraw", "the rebels said they would"
_CLAUSE_PRONOUNS = {"it", "they"}
# ... and their possessives on a subject: "Syria says its troops will withdraw"
_CLAUSE_POSSESSIVES = {"its": "it", "their": "they"}
# nouns for a body of people named after "of": "a group of tribal leaders", "a delegation of ministers"
_COLLECTIVE = {"group", "delegation", "team", "band", "handful", "number", "coalition", "alliance", "bloc"}
_COMPLEMENTS = {"ccomp", "xcomp", "advcl", "conj"}
# "the two X" / "both X": nouns that make a plural back-reference, and what they point to
_GROUP_PEOPLE = {"leaders", "men", "women", "presidents", "ministers", "premiers", "heads", "officials", "sides"}
_GROUP_COUNTRIES = {"countries", "nations", "states", "governments", "neighbours", "neighbors", "allies"}
# "Hungarian and Romanian officials": words that join conjoined modifiers of one role word
_CONJOIN = {"and", ",", "or", "&"}
# CAMEO's code for a transnational armed group (al-Qaeda): in the country slot, but no country
# whose people or officials the rest of a sentence could be
_TRANSNATIONAL = {"IMG"}


@dataclass
class Chain:
    """Adjacent KB matches (and an unknown name) that together name one actor."""

    start: int  # token indices, end exclusive
    end: int
    country: Country | None = None
    country_kind: str | None = None  # country | adjective | metonym | place
    org: Organisation | None = None
    person: Person | None = None
    roles: list[SectorWord] = field(default_factory=list)
    name: tuple[int, int] | None = None  # token range of a name the KB does not know
    definite: bool = False
    alias_of: "Chain | None" = None  # a later bare surname of an unknown name
    group: str | None = None  # "people" | "countries" for "the two", "both sides"
    pronoun: bool = False
    former: bool = False  # "former President X", "ousted president": an elite now
    ethnic: bool = False  # "ethnic Albanians": coded by the country they live in
    lives_in: Country | None = None  # that country where the phrase names it ("the Albanians of southern Serbia")
    shared_roles: bool = False  # "Hungarian" in "Hungarian and Romanian officials" took the role word
    named_org: str | None = None  # the sector of an organisation the KB does not know, read off its name


@dataclass
class Resolved:
    mention: ActorMention
    sent: int
    head: str | None = None  # role phrase used ("embassy"), for "the embassy" later on
    offices: frozenset[str] = frozenset()
    subject_tokens: tuple[int, int] | None = None
    chain: Chain | None = None
    needs_country: bool = False  # an actor only if the sentence or article gives it a country
    antecedent: "Resolved | None" = None  # what a pronoun stands for


def share_conjoined(doc: Doc, chains: list[Chain]) -> None:
    """Conjoined modifiers share one role word, and conjoined role words one country.

    "Senior Hungarian and Romanian officials" names two actors, HUNGOV and ROUGOV:
    "Hungarian" takes "officials" from the next chain ("U.S. and Russian negotiators",
    "Hungarian, Romanian and Polish officials" too). "Israeli helicopters and tanks":
    "tanks" takes the country of the chain before it."""
    def joined(a: Chain, b: Chain) -> bool:
        between = [t for t in doc[a.end:b.start] if not t.is_space]
        return 0 < len(between) <= 2 and all(t.lower_ in _CONJOIN for t in between)

    def bare_country(c: Chain) -> bool:
        abbreviation = c.country_kind == "country" and doc[c.start:c.end].text.replace(".", "").isupper()
        return (c.country is not None and not c.roles and c.org is None and c.person is None
                and (c.country_kind == "adjective" or abbreviation))

    for k in range(len(chains) - 2, -1, -1):
        a, b = chains[k], chains[k + 1]
        if bare_country(a) and b.country is not None and b.roles and b.person is None and b.name is None \
                and b.country_kind in ("adjective", "country") and joined(a, b):
            a.roles, a.shared_roles = list(b.roles), True
    for a, b in zip(chains, chains[1:]):
        if a.country is not None and a.roles and b.roles and b.country is None and b.org is None \
                and b.person is None and b.name is None and joined(a, b):
            b.country, b.country_kind = a.country, a.country_kind


# the last word of an organisation's name says what it is, when the KB does not know it
# ("the Ceasefire Violations Committee", "the Umma Liberation Front", "the Sadr Brigades")
_ORG_HEADS = {"committee": "NGO", "commission": "NGO", "association": "NGO", "society": "NGO",
              "foundation": "NGO", "institute": "NGO", "network": "MED", "watch": "NGO", "council": "NGO",
              "party": "POL", "alliance": "POL", "congress": "POL", "league": "POL", "union": "POL",
              "front": "POL", "army": "REB", "brigade": "REB", "brigades": "REB", "militia": "REB",
              "movement": "OPP"}
_ORG_SECTOR_WORDS = {"worker": "LAB", "workers": "LAB", "trade": "LAB", "labour": "LAB", "labor": "LAB",
                     "teachers": "LAB", "house": "LEG", "senate": "LEG", "parliamentary": "LEG",
                     "congressional": "LEG", "parliament": "LEG", "judiciary": "LEG", "appropriations": "LEG",
                     "federal": "GOV", "liberation": "REB", "armed": "REB", "resistance": "REB",
                     "network": "MED", "broadcasting": "MED"}
_NAME_JOINERS = {"of", "for", "the", "and", "'", "’", "-"}


def named_organisations(doc: Doc, chains: list[Chain]) -> list[Chain]:
    """``chains`` with the names of organisations the KB does not know added: a run of
    proper nouns holding a word like Committee, Party or Front ("the Ceasefire Violations
    Committee", "the Association of African Jurists", "the Serbian Workers' Union"). A
    country word inside gives the country; a run holding any other known actor is not
    taken (the KB knows it, or it is two actors)."""
    at = {i: c for c in chains for i in range(c.start, c.end)}

    def bare_country(c: Chain | None) -> bool:
        return c is not None and c.country is not None and not (c.roles or c.org or c.person or c.name
                                                                 or c.group or c.pronoun)

    def part(k: int) -> bool:  # "Serbian" is an adjective, the rest proper nouns
        t = doc[k]
        return t.is_alpha and t.text[:1].isupper() and (t.tag_ in ("NNP", "NNPS") or bare_country(at.get(k)))

    found, i = [], 0
    while i < len(doc):
        if not part(i):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (part(j) or (doc[j].lower_ in _NAME_JOINERS and j + 1 < len(doc) and part(j + 1))):
            j += 1
        while j > i and not part(j - 1):
            j -= 1
        heads = [k for k in range(i, j) if doc[k].lower_ in _ORG_HEADS and k not in at]
        if heads and not (heads[-1] + 1 < j and doc[heads[-1] + 1].lower_ in ("of", "for")):
            j = heads[-1] + 1  # "the House Judiciary Committee Chairman Bob Goodlatte": the name ends there
        inside = {id(c): c for k in range(i, j) if (c := at.get(k)) is not None}.values()
        # country words and role words inside the name are part of it ("African Jurists")
        if heads and j - i >= 2 and all((bare_country(c) or (c.roles and not (c.org or c.person or c.name)))
                                        and c.start >= i and c.end <= j for c in inside):
            words = {t.lower_ for t in doc[i:j]}
            sector = next((s for w, s in _ORG_SECTOR_WORDS.items() if w in words), _ORG_HEADS[doc[heads[-1]].lower_])
            country = next((c.country for c in inside if c.country is not None), None)
            found.append((Chain(start=i, end=j, country=country, country_kind="adjective" if country else None,
                                named_org=sector), inside))
        i = j
    if not found:
        return chains
    dropped = {id(c) for _, inside in found for c in inside}
    return sorted([c for c in chains if id(c) not in dropped] + [chain for chain, _ in found], key=lambda c: c.start)


def countries_from_context(done: list[Resolved]) -> None:
    """Country for actors the text gives none, from the rest of the sentence (or article).

    "ethnic Albanians in south Serbia" are coded by the country they live in (CAMEO codes
    an ethnic group by its country, with the group as ethnicity): the other country the
    sentence names. An actor with no country ("rebels", "police", "President Omar El Bashir"
    with no nationality) takes the one country its sentence names, else the one country
    the article names; with two or more there is no telling, and it keeps none."""
    def countries(rs) -> list[str]:
        out: list[str] = []
        for r in rs:
            c = r.mention.country
            if c and c not in _TRANSNATIONAL and r.mention.kind not in ("group", "pronoun") and c not in out:
                out.append(c)
        return out

    article = countries(done)
    before = list(done)
    for n, r in enumerate(done):
        m, c = r.mention, r.chain
        if c is None:
            continue
        same = [x for x in done if x.sent == r.sent and x is not r]
        if c.ethnic and m.country:
            others = [c.lives_in.iso3] if c.lives_in else [k for k in countries(same) if k != m.country]
            if others:
                done[n] = replace(r, mention=replace(m, country=others[0], code=actor_code(others[0], m.sector)))
            continue
        if m.country is None and m.code != "IGO" and m.kind in ("role", "name") and c.org is None and not c.group \
                and c.named_org != "NGO":  # an association is not of whichever country the sentence names
            here = countries(same)
            found = here if here else article
            if len(found) == 1:
                done[n] = replace(r, mention=replace(m, country=found[0], code=actor_code(found[0], m.sector)))
    # a pronoun takes what its antecedent was given: "Militants loyal to Iraq's al-Qaeda
    # frontman said they attempted ..."
    now = {id(old): new for old, new in zip(before, done)}
    for n, r in enumerate(done):
        ante = now.get(id(r.antecedent)) if r.antecedent is not None else None
        if ante is not None and r.mention.country is None and ante.mention.country is not None:
            done[n] = replace(r, mention=replace(r.mention, country=ante.mention.country, code=ante.mention.code))


def _fold(name: str) -> str:
    """A name as a comparison key: no accents, case, hyphens or dots ("Omar el-Bashir" -> "omar el bashir")."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(plain.lower().replace("-", " ").replace(".", " ").split())


def close_spelling(a: str, b: str, limit: int = 1) -> bool:
    """Edit distance (with transpositions) of ``a`` and ``b`` is at most ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= limit


class NameIndex:
    """KB people by folded full name, for names written differently from the KB's
    ("Francois Mitterand", "Omar El Bashir", "President Dos Sontas")."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._by_last: dict[str, list[tuple[str, Person]]] = {}
        for p in kb.people.values():
            for n in (p.name, *p.aliases):
                words = _fold(n).split()
                # the full name and its last two words ("eduardo dos santos", "dos santos")
                for key in {" ".join(words), " ".join(words[-2:])}:
                    if len(key.split()) >= 2:
                        self._by_last.setdefault(key.split()[-1][:1], []).append((key, p))

    def similar(self, name: str) -> Person | None:
        """The one KB person whose name is ``name`` give or take a letter; None if none or several."""
        key = _fold(name)
        words = key.split()
        if len(words) < 2 or len(key) < 7:
            return None
        found = {p.id: p for k, p in self._by_last.get(words[-1][:1], ()) if k == key or close_spelling(k, key)}
        return next(iter(found.values())) if len(found) == 1 else None


def actor_code(country: str | None, sector: str | None) -> str | None:
    """CAMEO-style code: ISRGOV, ISR for a bare country, IGO / REB with no country."""
    if sector == "IGO":
        return "IGO"
    code = (country or "") + (sector or "")
    return code or None


def sentence_index(doc: Doc):
    if not doc.has_annotation("SENT_START"):
        return lambda i: 0
    starts = [s.start for s in doc.sents]
    index = [0] * len(doc)
    k = -1
    for i in range(len(doc)):
        while k + 1 < len(starts) and starts[k + 1] <= i:
            k += 1
        index[i] = k
    return index.__getitem__


def group_spans(doc: Doc) -> list[Chain]:
    """ "the two", "the two leaders", "both sides", "the two countries": plural back-references."""
    out = []
    n = len(doc)
    for i, t in enumerate(doc):
        low = t.lower_
        if low == "the" and i + 1 < n and doc[i + 1].lower_ == "two":
            nxt = doc[i + 2] if i + 2 < n else None
            if nxt is not None and nxt.lower_ in _GROUP_PEOPLE | _GROUP_COUNTRIES:
                kind = "countries" if nxt.lower_ in _GROUP_COUNTRIES else "people"
                out.append(Chain(start=i, end=i + 3, group=kind))
            elif nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") or nxt.is_punct:
                out.append(Chain(start=i, end=i + 2, group="people"))
        elif low == "both" and i + 1 < n and doc[i + 1].lower_ in _GROUP_PEOPLE | _GROUP_COUNTRIES:
            word = doc[i + 1].lower_
            kind = "countries" if word in _GROUP_COUNTRIES else "people"
            out.append(Chain(start=i, end=i + 2, group=kind))
        elif low == "the" and i + 1 < n and doc[i + 1].lower_ == "leaders" and (i + 2 >= n or doc[i + 2].lower_ != "of"):
            out.append(Chain(start=i, end=i + 2, group="people"))
    return out


def pronouns(doc: Doc) -> list[Chain]:
    parsed = doc.has_annotation("DEP")
    out = []
    for t in doc:
        if t.lower_ in _PRONOUNS and (t.dep_ in _SUBJ_OBJ if parsed else t.lower_ != "her"):
            out.append(Chain(start=t.i, end=t.i + 1, pronoun=True))
        elif parsed and t.lower_ in _CLAUSE_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass") \
                and governing_subject(t) is not None:
            out.append(Chain(start=t.i, end=t.i + 1, pronoun=True))
        elif parsed and t.lower_ in _CLAUSE_POSSESSIVES and t.dep_ == "poss" \
                and t.head.dep_ in ("nsubj", "nsubjpass") and governing_subject(t) is not None:
            out.append(Chain(start=t.i, end=t.i + 1, pronoun=True))
    return out


def governing_subject(pronoun):
    """The subject of the clause that ``pronoun``'s clause complements ("Syria" in
    "Syria says it is willing to withdraw"), when it can be what the pronoun stands
    for: a plural noun for "they", not a personal pronoun for "it"; else None."""
    clause = pronoun.head.head if pronoun.dep_ == "poss" else pronoun.head
    plural = _CLAUSE_POSSESSIVES.get(pronoun.lower_, pronoun.lower_) == "they"
    while clause.dep_ in _COMPLEMENTS and clause.head is not clause:
        clause = clause.head
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = _collective_members(subjects[0])
            if subject.pos_ == "PRON":
                return None
            if plural and subject.tag_ not in ("NNS", "NNPS") \
                    and not any(c.dep_ == "conj" for c in subject.children):
                return None
            return subject
    return None


def _collective_members(noun):
    """"leaders" for "a group of Yoruba leaders": what a collective noun is made of, which a
    later "they" stands for; else the noun itself."""
    if noun.lemma_ in _COLLECTIVE:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                members = [c for c in prep.children if c.dep_ == "pobj" and c.tag_ in ("NNS", "NNPS")]
                if members:
                    return members[0]
    return noun


def surname_refs(doc: Doc, chains: list[Chain], covered: set[int]) -> list[Chain]:
    """Later bare mentions ("Macron") of a name first given with a title the KB lacks."""
    names = {}
    for c in chains:
        if c.name is not None:
            names.setdefault(doc[c.name[1] - 1].text, c)
    if not names:
        return []
    taken = set(covered)
    for c in chains:
        taken.update(range(c.start, c.end))
    out = []
    for t in doc:
        c = names.get(t.text)
        if c is not None and t.i >= c.end and t.i not in taken:
            out.append(Chain(start=t.i, end=t.i + 1, alias_of=c))
    return out


def _subjects_of_clause(doc: Doc, i: int) -> set[int]:
    """Token indices of the subject(s) governing the verb that token ``i`` depends on."""
    head = doc[i].head
    verbs = [head]
    if head.dep_ == "conj":
        verbs.append(head.head)  # "X spoke with Y and updated him": X is the subject of "updated" too
    out = set()
    for v in verbs:
        for child in v.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                out.update(range(child.left_edge.i, child.right_edge.i + 1))
    return out


def _covering(resolved: list[Resolved], token) -> list[Resolved]:
    """The resolved mentions whose phrase holds ``token`` (none for no token)."""
    return [r for r in resolved if token is not None and r.chain is not None
            and r.chain.start <= token.i < r.chain.end]


def pronoun_antecedent(doc: Doc, i: int, sent: int, done: list[Resolved]) -> Resolved | None:
    """Most recent person: same sentence first (not the clause's own subject for "him"),
    then the previous two sentences, preferring a subject there. None rather than a wild guess."""
    if doc[i].lower_ in _CLAUSE_PRONOUNS or doc[i].lower_ in _CLAUSE_POSSESSIVES:
        subject = governing_subject(doc[i])
        found = _covering([r for r in done if r.sent == sent], subject)
        if not found or (doc[i].lower_ in ("it", "its") and found[-1].mention.person):
            return None
        if doc[i].lower_ == "their" and any(t.dep_ == "conj" for t in subject.subtree):
            return None  # "Hungarian and Romanian officials agreed their countries should": both
        return found[-1]
    people = [r for r in done if r.mention.person and r.mention.kind != "group"]
    same = [r for r in people if r.sent == sent]
    if doc[i].lower_ in ("he", "she") and doc[i].dep_ in ("nsubj", "nsubjpass"):
        # "Katsav refused, saying he would only welcome him in Jerusalem": the speaker
        speaker = _covering(same, governing_subject(doc[i]))
        if speaker:
            return speaker[-1]
    if same:
        if doc[i].lower_ in ("him", "her") and doc.has_annotation("DEP"):
            subjects = _subjects_of_clause(doc, i)
            others = [r for r in same if r.subject_tokens and not subjects.intersection(range(*r.subject_tokens))]
            if others:
                return others[-1]
        return same[-1]
    for back in (1, 2):
        earlier = [r for r in people if r.sent == sent - back]
        if not earlier:
            continue
        subjects = [r for r in earlier if r.subject_tokens and any(
            doc[k].dep_ in ("nsubj", "nsubjpass") for k in range(*r.subject_tokens))]
        return (subjects or earlier)[-1]
    return None


def group_members(kind: str, done: list[Resolved], kb: KnowledgeBase) -> list[ActorMention]:
    """The two most recent distinct people (or countries) mentioned before.

    ``kind`` "people" ("the two", "both leaders", "both sides"): two people if
    there are, else two countries; "countries" ("the two countries"): the
    countries themselves, whoever stood for them.
    """
    members: list[ActorMention] = []
    seen: set[str] = set()
    if kind == "people":
        for r in reversed(done):
            m = r.mention
            key = m.kb_id or m.name
            if m.person and m.kind != "group" and key and key not in seen:
                seen.add(key)
                members.append(m)
                if len(members) == 2:
                    return members[::-1]
    members, seen = [], set()
    for r in reversed(done):
        m = r.mention
        if m.kind == "group" or not m.country or m.country in seen:
            continue
        seen.add(m.country)
        if kind == "countries":
            country = kb.country(m.country)
            m = ActorMention(text=m.text, start=m.start, end=m.end, name=country.name if country else None,
                             country=m.country, code=m.country, kb_id=m.country, kind="name")
        members.append(m)
        if len(members) == 2:
            return members[::-1]
    return members


def earlier_office_holder(done: list[Resolved], country: str | None, office: str | None, head: str | None) -> Resolved | None:
    """An earlier named person of that country holding that office (or called by the same title)."""
    for r in reversed(done):
        m = r.mention
        if not m.person or m.kind == "group" or m.name is None:
            continue
        if country is not None and m.country != country:
            continue
        if (office and office in r.offices) or (head and r.head == head):
            return r
    return None
