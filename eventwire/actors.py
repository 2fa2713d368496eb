"""Actor resolution: which stretches of an article name an actor, and who it is.

:class:`ActorResolver` reads a parsed spaCy ``Doc`` and returns
:class:`~eventwire.records.ActorMention` records, sorted and non-overlapping.
It works in three steps, each simple enough to explain a result:

1. **Match** every knowledge-base phrase (countries, demonyms, capitals and
   seats of power, organisations, people, role words) with one spaCy
   ``PhraseMatcher``; the longest match wins where two overlap.
2. **Compose** adjacent matches into one actor: ``[COUNTRY] [ROLE...] [NAME]``
   ("Russian President Vladimir Putin", "the Israeli military",
   "Russia's foreign ministry", "President #Putin", "French President
   Emmanuel Macron" with a name the KB does not know).
   Places compose too ("Darfur rebels", "rebels in Chechnya"), conjoined
   modifiers share their role word ("Hungarian and Romanian officials" are
   two actors), and a title before a name it no longer holds makes an elite
   ("former President X": ELI).
3. **Resolve** in text order, using earlier mentions of the same article:
   a role with no name goes to the earlier person with that office or to the
   KB's office holder on the publication date ("the Israeli premier");
   "the embassy" to the earlier embassy; "he"/"him" to the most recent person;
   "the two", "both leaders", "both sides" to the two most recent actors;
   an actor the text gives no country takes the one country of its sentence.
   These reference steps live in :mod:`eventwire.actor_refs`.

spaCy's NER and parse are used as hints only (to skip capitals inside other
names, to find subjects): the small model mislabels too often to rely on.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .actor_refs import (
    Chain,
    NameIndex,
    Resolved,
    actor_code,
    close_spelling,
    countries_from_context,
    earlier_office_holder,
    group_members,
    group_spans,
    named_organisations,
    pronoun_antecedent,
    pronouns,
    sentence_index,
    share_conjoined,
    surname_refs,
)
from .kb import Country, KbEntry, KnowledgeBase, Organisation, SectorWord, normalise
from .records import ActorMention

logger = logging.getLogger(__name__)

# capitalised words that end a subnational place's name rather than name its government
_PLACE_SUFFIXES = {"State", "Province", "Region", "Governorate", "District", "County", "Prefecture", "Oblast"}
# Which meaning a phrase takes when it has several (e.g. "Knesset": organisation and role word).
_KIND_PRIORITY = {"person": 0, "organisation": 1, "country": 2, "metonym": 3, "place": 4, "adjective": 5, "sector_word": 6}
_COUNTRY_KINDS = ("country", "adjective", "metonym", "place")
# A capital after these is a place, not the government acting ("talks in Moscow").
_LOCATIVE = {"in", "at", "near", "outside", "around", "across", "into", "inside", "through", "via"}
_POSSESSIVE = {"'s", "’s", "'"}
_FROM_IN = {"in", "from", "of", "throughout", "at", "near", "across", "inside"}
# capitalised words before a surname that are not given names ("Republican Bush", "Monday")
_NOT_GIVEN_NAMES = {"republican", "democrat", "democratic", "conservative", "labour", "tory", "liberal",
                    "socialist", "communist", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                    "sunday", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "general", "gen"}
# verbs that move their object away from a place: the place after "from" is not its country
_MOVED = {"withdraw", "pull", "evacuate", "remove", "move", "redeploy", "relocate", "recall", "expel", "drive",
          "bring", "airlift", "extract"}
_REGION_WORDS = {"province", "region", "district", "county", "governorate", "oblast", "valley", "peninsula", "township"}
# "a terror group based in Trinidad", "troops stationed in Kosovo"
_SITUATED = {"based", "operating", "stationed", "deployed", "living", "active"}
# "in central Baghdad", "in the northern city of Mosul": still a place after a locative
_WHERE_WORDS = {"the", "central", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
                "downtown", "occupied", "besieged", "city", "town", "capital", "province", "region", "of"}
# a title after these names someone who no longer holds it: an elite (CAMEO ELI), not the government
_FORMER = {"former", "ousted", "deposed", "exiled", "toppled", "overthrown", "ex", "ex-", "one-time", "onetime"}
# words that may stand between a country and its role word without changing who is meant
_MODIFIERS = {"new", "interim", "acting", "deputy", "vice", "top", "senior", "junior", "outgoing",
              "incoming", "caretaker", "transitional", "then", "chief", "current", "elected", "military-backed",
              "visiting", "embattled", "ruling", "main", "radical", "angry", "hardline", "moderate", "local",
              "provincial", "regional", "federal", "national", "armed",
              "socialist", "communist", "islamist", "conservative", "liberal", "marxist", "maoist", "sandinista",
              "shiite", "shia", "sunni", "muslim", "moslem", "christian", "catholic", "protestant", "jewish",
              "arab", "kurdish", "buddhist", "hindu", "orthodox", "right-wing", "left-wing", "nationalist",
              "fundamentalist", "ultra-orthodox", "pro-government", "anti-government", "ethnic",
              "traditional", "striking", "kurd", "tamil", "hutu", "tutsi", "druze", "alawite", "uighur", "uyghur",
              "pashtun", "baluch", "tuareg", "berber", "rohingya", "yazidi", "coptic", "maronite", "sikh"} | _FORMER
# real words one letter away from a country's name or demonym
_NOT_TYPOS = {"columbia", "guinean", "jordanian", "nigerien", "indiana", "georgian", "armenian", "romana", "samoan",
              "niger", "malian", "maltese", "chilean"}
_DEFINITE = {"the", "this", "that"}
_STANCE = {"anti", "pro"}
_ARTICLES = {"the", "a", "an"}
# entity labels a name in apposition cannot have ("On Monday, the minister said")
_NOT_PERSON = {"DATE", "TIME", "GPE", "LOC", "NORP", "FAC", "EVENT", "CARDINAL", "ORDINAL"}
# "NATO-member Norway", "EU member Poland": the organisation only says what the country belongs to
_MEMBER = {"member", "members", "ally"}


class ActorResolver:
    """Find and resolve actor mentions in a parsed document.

    ``kb`` is the knowledge base (see :func:`eventwire.kb.load_kb`); ``nlp``
    is the pipeline whose tokenizer splits the KB phrases the way documents
    are split (optional: without it the default English tokenizer is used).
    The phrase matcher is built once, on the first document.
    """

    def __init__(self, kb: KnowledgeBase, nlp: Language | None = None) -> None:
        self.kb = kb
        self._nlp = nlp
        self._matcher: PhraseMatcher | None = None
        self._vocab = None
        self._name_index: NameIndex | None = None
        self._near_index: dict[str, list[tuple[str, list[KbEntry]]]] | None = None
        self._near_cache: dict[str, list[KbEntry]] = {}

    @property
    def _names(self) -> "NameIndex":
        if self._name_index is None:
            self._name_index = NameIndex(self.kb)
        return self._name_index

    # ------------------------------------------------------------------ public

    def resolve(self, doc: Doc, published: date | None = None) -> list[ActorMention]:
        """Actor mentions in ``doc``, sorted by start, non-overlapping.

        ``published`` is the article's publication date: people's offices are
        looked up on that day ("the Israeli premier" in 2018 is Netanyahu).
        """
        self._ensure_matcher(doc)
        chains = self._chains(doc)
        done = self._resolve_chains(doc, chains, published)
        countries_from_context(done)
        return [r.mention for r in done if not (r.needs_country and r.mention.country is None)]

    def phrase_matches(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start token, end token, kind) of every knowledge-base phrase in ``doc``.

        Needs only the tokenizer: the pipeline uses it to decide, before parsing,
        which sentences can name an actor at all."""
        self._ensure_matcher(doc)
        return [(start, end, entries[0].kind) for start, end, entries in self._matches(doc)]

    # ------------------------------------------------------------------ matcher

    def _ensure_matcher(self, doc: Doc) -> None:
        if self._matcher is not None and self._vocab is doc.vocab:
            return
        if self._nlp is not None and self._nlp.vocab is doc.vocab:
            tokenizer = self._nlp.tokenizer
        else:
            from spacy.lang.en import English

            tokenizer = English(vocab=doc.vocab).tokenizer
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        phrases = self.kb.phrases
        keys, texts = [], []
        for key, entries in phrases.items():
            for text in {e.phrase for e in entries}:
                keys.append(key)
                texts.append(text)
        patterns: dict[str, list[Doc]] = {}
        for key, pdoc in zip(keys, tokenizer.pipe(texts)):
            patterns.setdefault(key, []).append(pdoc)
        for key, docs in patterns.items():
            matcher.add(key, docs)
        self._matcher, self._vocab = matcher, doc.vocab
        logger.debug("actor matcher built: %d phrases", len(patterns))

    def _matches(self, doc: Doc) -> list[tuple[int, int, list[KbEntry]]]:
        """KB matches whose capitals agree with the text, longest first where they overlap."""
        assert self._matcher is not None
        strings = doc.vocab.strings
        found = []
        for match_id, start, end in self._matcher(doc):
            span = doc[start:end]
            entries = [e for e in self.kb.phrases[strings[match_id]] if _case_ok(e.phrase, span.text)]
            if entries:
                found.append((start, end, entries))
        found.sort(key=lambda m: (m[0] - m[1], m[0]))
        taken = [False] * len(doc)
        chosen = []
        for start, end, entries in found:
            if any(taken[start:end]):
                continue
            if entries[0].kind in _COUNTRY_KINDS and _stance(doc, start):
                continue  # "anti-Syria journalist", "pro-Iranian Hizbollah": a view, not a nationality
            if entries[0].kind in _COUNTRY_KINDS and _currency(doc, end):
                continue  # "US $50 million", "Hong Kong dollars": money, not the country
            if entries[0].kind == "person" and end - start == 1 and _other_given_name(doc, start, entries, taken):
                continue  # "Jeb Bush", "Laura Bush": another person of that surname
            for i in range(start, end):
                taken[i] = True
            chosen.append((start, end, sorted(entries, key=lambda e: _KIND_PRIORITY[e.kind])))
        # a country name misspelt by a letter ("Afganistan", "Ethopia", "Ghanians")
        for t in doc:
            if (not taken[t.i] and len(t.text) >= 6 and t.is_alpha and t.text[0].isupper() and not t.text.isupper()
                    and not _stance(doc, t.i)):
                near = self._near_country(t.text)
                if near:
                    chosen.append((t.i, t.i + 1, near))
        chosen.sort(key=lambda m: m[0])
        return chosen

    def _near_country(self, word: str) -> list[KbEntry]:
        """The one country whose one-word name or demonym is ``word`` give or take a letter."""
        if word in self._near_cache:
            return self._near_cache[word]
        if self._near_index is None:
            self._near_index = {}
            for key, entries in self.kb.phrases.items():
                if " " not in key and len(key) >= 5 and any(e.kind in ("country", "adjective") for e in entries):
                    self._near_index.setdefault(key[0], []).append(
                        (key, [e for e in entries if e.kind in ("country", "adjective")]))
        low = word.lower()
        hits = [entries for key, entries in self._near_index.get(low[0], ()) if close_spelling(key, low)]
        items = {id(e.item) for entries in hits for e in entries}
        found = hits[0] if len(items) == 1 and low not in _NOT_TYPOS else []
        self._near_cache[word] = found
        return found

    # ------------------------------------------------------------------ step 2: compose

    def _chains(self, doc: Doc) -> list[Chain]:
        groups = group_spans(doc)
        in_group = set()
        for g in groups:
            in_group.update(range(g.start, g.end))
        matches = [m for m in self._matches(doc) if not in_group.intersection(range(m[0], m[1]))]
        covered = set()
        for s, e, _ in matches:
            covered.update(range(s, e))
        chains: list[Chain] = []
        i = 0
        while i < len(matches):
            chain, i = self._compose(doc, matches, i, covered)
            if chain is not None:
                chains.append(chain)
        chains = named_organisations(doc, chains)
        for c in chains:
            covered.update(range(c.start, c.end))
        for chain in chains:
            _apposed_name(doc, chain, covered)
        share_conjoined(doc, chains)
        chains.extend(groups)
        chains.extend(pronouns(doc))
        chains.extend(surname_refs(doc, chains, covered | in_group))
        chains.sort(key=lambda c: c.start)
        # drop anything overlapping an earlier chain (a pronoun inside a name, ...)
        out, last_end = [], -1
        for c in chains:
            if c.start >= last_end:
                out.append(c)
                last_end = c.end
        return out

    def _compose(self, doc: Doc, matches: list, i: int, covered: set[int]) -> tuple[Chain | None, int]:
        start, end, entries = matches[i]
        chain = Chain(start=start, end=end)
        head = entries[0]
        j = i + 1

        def next_match(after: int, gap_ok: set[str]) -> tuple[int, int, list[KbEntry]] | None:
            """The next match if it starts at ``after``, or after one allowed gap token."""
            if j >= len(matches):
                return None
            nxt = matches[j]
            # whitespace tokens (a non-breaking space), one allowed token and up to two
            # modifiers may sit in between ("Lebanon's new President", "Iraq's interim government",
            # "French paper workers": a lowercase noun that modifies the role word)
            between = [t for t in doc[after:nxt[0]] if not t.is_space]
            if between and between[0].text in gap_ok:
                between = between[1:]
            if len(between) <= 2 and all(t.lower_ in _MODIFIERS or _modifies(t, nxt) for t in between):
                return nxt
            return None

        if head.kind == "person":
            chain.person = head.item if self._unique_person(entries) else None
            if chain.person is None:
                return None, j
            # "Assad's forces", "Djindjic's opposition coalition": the person's side, not the person
            nxt = next_match(end, _POSSESSIVE)
            if (nxt and nxt[2][0].kind == "sector_word" and nxt[2][0].item.kind != "title"
                    and any(t.text in _POSSESSIVE for t in doc[end:nxt[0]])):
                country = self.kb.country(chain.person.country or "")
                chain.person = None
                chain.country, chain.country_kind = country, "country" if country else None
                chain.roles.append(nxt[2][0].item)
                chain.end = nxt[1]
                return chain, j + 1
            j = self._of_country(doc, matches, j, chain)  # "Hussein of Jordan"
            return chain, j
        if head.kind in _COUNTRY_KINDS:
            chain.country, chain.country_kind = head.item, head.kind
        elif head.kind == "organisation":
            if _member_of(doc, end, matches[j] if j < len(matches) else None):
                return None, j
            chain.org = head.item
        else:
            chain.roles.append(head.item)

        # modifier -> role words ("Israeli Prime Minister", "Russia's foreign ministry", "Hezbollah fighters",
        # "Vietnamese-led forces")
        if not chain.roles:
            gap = _POSSESSIVE if head.kind in ("country", "metonym", "organisation", "place") else set()
            nxt = next_match(end, gap) or (next_match(end + 2, set()) if _led(doc, end) else None)
            if nxt and head.kind == "place" and nxt[0] == end and doc[nxt[0]:nxt[1]].text in _PLACE_SUFFIXES:
                # "West Darfur State", "Kano State": the rest of the place's name, not its government
                # (which a further role word still names: "the Kano State government")
                chain.end = nxt[1]
                j += 1
                nxt = next_match(chain.end, set())
            if nxt and nxt[2][0].kind == "sector_word":
                chain.roles.append(nxt[2][0].item)
                chain.end = nxt[1]
                j += 1
            # "Jordan's visiting King Abdullah II": the country's own leader
            elif (nxt and nxt[2][0].kind == "person" and chain.country is not None and self._unique_person(nxt[2])
                    and nxt[2][0].item.country == chain.country.iso3):
                chain.person = nxt[2][0].item
                chain.end = nxt[1]
                return chain, j + 1
        # more role words ("Foreign Ministry spokesman")
        if chain.roles:
            while True:
                nxt = next_match(chain.end, set())
                if not (nxt and nxt[2][0].kind == "sector_word"):
                    break
                # "the Israeli side President Putin": a capitalised title after a lowercase
                # role word starts a new actor ("Foreign Ministry spokesman" is one)
                if doc[nxt[0]].text[:1].isupper() and not doc[chain.end - 1].text[:1].isupper():
                    break
                chain.roles.append(nxt[2][0].item)
                chain.end = nxt[1]
                j += 1
            # "the President of Russia", "rebels in Darfur", "demonstrators from Iraq",
            # "opposition groups in the Ivory Coast", "the government of Sindh province",
            # "a terror group based in Trinidad", "inhabitants of the Syrian Golan Heights"
            if chain.country is None and chain.org is None and j < len(matches):
                nxt = matches[j]
                between = [t.lower_ for t in doc[chain.end:nxt[0]] if not t.is_space]
                if between and between[0] in _SITUATED:
                    between = between[1:]
                # an adjective only where a place follows it: "settlement of Russian Jewish immigrants" is not Russia's
                after = matches[j + 1] if j + 1 < len(matches) else None
                place_after = after is not None and after[0] == nxt[1] and after[2][0].kind in _COUNTRY_KINDS
                if (nxt[2][0].kind in _COUNTRY_KINDS and (nxt[2][0].kind != "adjective" or place_after)
                        and between and between[0] in _FROM_IN and not _moved_from(doc, chain, between[0])
                        and set(between[1:]) <= _WHERE_WORDS and len(between) <= 3):
                    chain.country, chain.country_kind = nxt[2][0].item, nxt[2][0].kind
                    chain.end = nxt[1]
                    j += 1
                    if place_after and nxt[2][0].kind == "adjective":
                        chain.end = after[1]
                        j += 1
                    if chain.end < len(doc) and doc[chain.end].lower_ in _REGION_WORDS and (
                            j >= len(matches) or matches[j][0] > chain.end):
                        chain.end += 1  # "the government of Sindh province"
            # a title then a name: a KB person ("Prime Minister Benjamin Netanyahu", "President #Putin") ...
            last = chain.roles[-1]
            if last.kind == "title" and not last.plural:
                nxt = next_match(chain.end, {"#"})
                if nxt and nxt[2][0].kind == "person" and self._unique_person(nxt[2]):
                    chain.person = nxt[2][0].item
                    chain.end = nxt[1]
                    j += 1
                else:  # ... or a name the KB does not know ("French President Emmanuel Macron")
                    name = _proper_name(doc, chain.end, covered)
                    if name:
                        # a surname that is also a title word ends the name: "Defence Secretary Tom King"
                        if (j < len(matches) and matches[j][0] == name[1] and matches[j][1] == name[1] + 1
                                and matches[j][2][0].kind == "sector_word" and doc[name[1]].text[:1].isupper()
                                and (name[1] + 1 >= len(doc) or not doc[name[1] + 1].text[:1].isupper())):
                            name = (name[0], name[1] + 1)
                            j += 1
                        chain.name = name
                        chain.end = name[1]
                if chain.person is not None or chain.name is not None:
                    j = self._of_country(doc, matches, j, chain)  # "King Hassan of Morocco"
        elif chain.country_kind == "metonym" and _place_not_actor(doc, start, end):
            if _after_locative(doc, start) and not _inside_name(doc, end):
                chain.country_kind = "place"  # "talks in Moscow": where, not who
                return chain, j
            return None, j
        if head.kind == "sector_word":
            chain.start = start = _modifiers_before(doc, start, chain.end, covered)
        chain.definite = start > 0 and doc[start - 1].lower_ in _DEFINITE
        chain.former = _former(doc, chain)
        chain.ethnic = chain.country_kind == "adjective" and start > 0 and doc[start - 1].lower_ == "ethnic"
        chain.lives_in = _people_of(doc, chain, matches[j] if j < len(matches) else None)
        chain.ethnic = chain.ethnic or chain.lives_in is not None
        return chain, j

    def _of_country(self, doc: Doc, matches: list, j: int, chain: Chain) -> int:
        """Attach "of <country>" after a name ("King Hassan of Morocco") when the chain has no country."""
        if chain.country is not None or chain.org is not None or j >= len(matches):
            return j
        nxt = matches[j]
        between = [t.lower_ for t in doc[chain.end:nxt[0]] if not t.is_space]
        if between == ["of"] and nxt[2][0].kind == "country":
            if chain.person is not None and chain.person.country not in (None, nxt[2][0].item.iso3):
                return j
            chain.country, chain.country_kind = nxt[2][0].item, "country"
            chain.end = nxt[1]
            return j + 1
        return j

    def _unique_person(self, entries: list[KbEntry]) -> bool:
        return len({e.item.id for e in entries if e.kind == "person"}) == 1

    # ------------------------------------------------------------------ step 3: resolve

    def _resolve_chains(self, doc: Doc, chains: list[Chain], published: date | None) -> list[Resolved]:
        sent_of = sentence_index(doc)
        done: list[Resolved] = []
        for chain in chains:
            resolved = self._resolve_one(doc, chain, published, sent_of, done)
            if resolved is not None:
                done.append(resolved)
        return done

    def _resolve_one(self, doc: Doc, c: Chain, published: date | None, sent_of, done: list[Resolved]) -> Resolved | None:
        start = c.start
        if start > 0 and doc[start - 1].text == "#" and not doc[start - 1].whitespace_:
            start -= 1  # a hashtag: highlight "#Putin", not just "Putin"
        span = doc[start:c.end]
        sent = sent_of(c.start)
        base = dict(text=span.text, start=span.start_char, end=span.end_char)
        subj = (c.start, c.end)

        if c.pronoun:
            ante = pronoun_antecedent(doc, c.start, sent, done)
            if ante is None:
                return None
            m = replace(ante.mention, **base, kind="pronoun", members=())
            return Resolved(m, sent, offices=ante.offices, subject_tokens=subj, chain=c, antecedent=ante)
        if c.group:
            members = group_members(c.group, done, self.kb)
            if len(members) < 2:
                return None
            return Resolved(ActorMention(**base, kind="group", members=tuple(members)), sent, chain=c)
        if c.alias_of is not None:
            ante = next((r for r in done if r.chain is c.alias_of), None)
            if ante is None:
                return None
            return Resolved(replace(ante.mention, **base), sent, offices=ante.offices, subject_tokens=subj, chain=c)

        if c.country is not None:
            then = self.kb.country_on(c.country, published)
            if then is not c.country:
                # "Juba" before South Sudan had a government: a Sudanese city, not a seat of power
                c.country, c.country_kind = then, "place" if c.country_kind == "metonym" else c.country_kind
        role = c.roles[0] if c.roles else None  # the institution ("Defence Ministry spokesman" is MIL)
        last = c.roles[-1] if c.roles else None  # what the phrase names (one person or a group)
        one_person = bool(last and last.kind == "title" and not last.plural)
        office = next((w.office for w in c.roles if w.office and not w.plural), None)
        head = normalise(last.phrase) if last else None
        country = c.country.iso3 if c.country else (c.org.country if c.org else None)
        igo = c.org is not None and c.org.sector == "IGO"

        def sector_of(default: str) -> str:
            if c.former:
                return "ELI"
            if c.org is not None:
                return _org_sector(c.org, role)
            return default

        def code(country: str | None, sector: str) -> str | None:
            if igo:
                return "IGO"
            if c.org is not None and c.org.sector == "NGO" and country is None:
                return "NGO"  # the Red Cross with agent HLH is still actor NGO
            return actor_code(country, sector)

        person = c.person
        if person is not None:
            sector = sector_of(role.sector if role else self.kb.person_sector(person, published))
            m = ActorMention(**base, name=person.name, country=person.country or country, sector=sector,
                             code=code(person.country or country, sector), kb_id=person.id, kind="name", person=True)
            offices = frozenset(r.office for r in self.kb.roles_of(person, published))
            return Resolved(m, sent, head=head, offices=offices | ({office} if office else set()), subject_tokens=subj, chain=c)

        if c.name is not None:  # a title + a name the KB does not know
            sector = sector_of(role.sector)
            name = doc[c.name[0]:c.name[1]].text
            if country is None and not igo:  # "President Macron" after "French President Emmanuel Macron"
                earlier = next((r for r in reversed(done) if r.mention.person and r.mention.name and
                                r.mention.name.split()[-1] == name.split()[-1]), None)
                country = earlier.mention.country if earlier else None
            kb_id = None
            if country is None and not igo:  # a misspelt or differently written KB name ("Francois Mitterand")
                known = self._names.similar(name)
                if known is not None:
                    name, country, kb_id = known.name, known.country, known.id
            m = ActorMention(**base, name=name, country=country, sector=sector, code=code(country, sector),
                             kb_id=kb_id, kind="name", person=True)
            return Resolved(m, sent, head=head, offices=frozenset({office} if office else ()), subject_tokens=subj, chain=c)

        if role is not None:
            sector = sector_of(role.sector)
            kb_id = c.org.id if c.org else None
            if one_person and not igo:
                # "the Israeli premier", "the US president": an earlier mention of that person,
                # else whoever held the office on the publication date
                found = earlier_office_holder(done, country, office, head) if not c.former else None
                if found is not None:
                    m = replace(found.mention, **base, kind="role")
                    return Resolved(m, sent, head=head, offices=found.offices, subject_tokens=subj, chain=c)
                holder = self.kb.office_holder(country, office, published) if country and office and not c.former else None
                if holder is not None:
                    m = ActorMention(**base, name=holder.name, country=holder.country or country, sector=sector,
                                     code=actor_code(holder.country or country, sector), kb_id=holder.id, kind="role", person=True)
                    return Resolved(m, sent, head=head, offices=frozenset({office}), subject_tokens=subj, chain=c)
                if country is None and office is not None:
                    return None  # "the president said" with nobody to point to
                # "a prominent journalist", "the minister" with no country: the country of the
                # sentence (or article) if it names one; dropped if it does not
                m = ActorMention(**base, country=country, sector=sector, code=actor_code(country, sector),
                                 kb_id=kb_id, kind="role", person=True)
                return Resolved(m, sent, head=head, offices=frozenset({office} if office else ()), subject_tokens=subj,
                                chain=c, needs_country=country is None)
            if country is None and c.org is None:
                # "the embassy" after "the Russian Embassy"; "police" on their own
                if c.definite:
                    ante = next((r for r in reversed(done) if r.head == head and r.mention.country), None)
                    if ante is not None:
                        m = replace(ante.mention, **base, kind="role")
                        return Resolved(m, sent, head=head, subject_tokens=subj, chain=c)
                if last.kind != "generic" and not c.shared_roles:
                    return None  # "Defense Ministries" with no country is nobody in particular
            m = ActorMention(**base, name=c.org.name if c.org else None, country=country, sector=sector,
                             code=code(country, sector), kb_id=kb_id, kind="role")
            return Resolved(m, sent, head=head, subject_tokens=subj, chain=c)

        if c.named_org is not None:  # "the Ceasefire Violations Committee": no KB entry, a sector by its name
            m = ActorMention(**base, name=span.text, country=country, sector=c.named_org,
                             code=actor_code(country, c.named_org), kind="name")
            return Resolved(m, sent, subject_tokens=subj, chain=c, needs_country=country is None and c.named_org != "NGO")
        if c.org is not None:
            o = c.org
            sector = _org_sector(o, None)
            m = ActorMention(**base, name=o.name, country=o.country, sector=sector, code=code(o.country, sector),
                             kb_id=o.id, kind="name")
            return Resolved(m, sent, subject_tokens=subj, chain=c)
        if c.country is not None:
            k = c.country
            if c.country_kind == "place":
                # a place is where, not who; if an event takes it as its object ("shelled Jericho",
                # "a curfew in Abidjan") it stands for the people there, as CAMEO codes it
                m = ActorMention(**base, name=span.text, country=k.iso3, sector="CVL", code=actor_code(k.iso3, "CVL"),
                                 kb_id=k.iso3, kind="place")
            elif c.country_kind == "metonym":
                m = ActorMention(**base, name=k.name, country=k.iso3, sector="GOV", code=k.iso3 + "GOV",
                                 kb_id=k.iso3, kind="metonym")
            else:
                # a plural demonym names the people ("the Palestinians", "Libyans"): civilians
                low = span.text.lower()
                people = c.country_kind == "adjective" and low.endswith("s") and not low.endswith(("ss", "ois"))
                m = ActorMention(**base, name=k.name, country=k.iso3, sector="CVL" if people else None,
                                 code=actor_code(k.iso3, "CVL") if people else k.iso3, kb_id=k.iso3,
                                 kind="adjective" if c.country_kind == "adjective" else "name")
            return Resolved(m, sent, subject_tokens=subj, chain=c)
        return None


# ---------------------------------------------------------------------- helpers


def _org_sector(org: Organisation, role: SectorWord | None) -> str:
    """Sector of an organisation, or of the role word after it.

    An IGO codes as actor IGO with an agent, as PLOVER does: what its body does
    ("UN peacekeepers" MIL, the Security Council GOV, "Arab League Secretary-General"
    GOV: the head of an IGO runs it); a bare IGO with no known agent is just IGO.
    An NGO with an agent names it the same way (the Red Cross: NGO, agent HLH)."""
    if org.sector == "IGO":
        if role is not None:
            return "GOV" if role.sector == "IGO" else role.sector
        return org.agent or "IGO"
    if role is None and org.agent:
        return org.agent
    return org.sector


def _case_ok(phrase: str, text: str) -> bool:
    """Capitals in the KB phrase must be capitals in the text; abbreviations must match exactly.

    Keeps "US" from matching "us", "Male" (Maldives' capital) from "male", "Jordan" from "jordan".
    """
    p = "".join(phrase.split())
    t = "".join(text.split())
    letters = [ch for ch in p if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return p == t
    if len(p) != len(t):
        return True
    return all(not pc.isupper() or tc.isupper() for pc, tc in zip(p, t))


def _modifies(token, match: tuple[int, int, list[KbEntry]]) -> bool:
    """A lowercase word that modifies the role word after it ("French paper workers")."""
    return (token.is_lower and token.is_alpha and token.dep_ in ("compound", "amod", "nmod")
            and match[0] <= token.head.i < match[1])


def _moved_from(doc: Doc, chain: Chain, prep: str) -> bool:
    """ "withdrew its troops from Kherson": where they leave, not whose troops they are."""
    head = doc[chain.end - 1]
    return prep == "from" and head.dep_ == "dobj" and head.head.lemma_.lower() in _MOVED


def _led(doc: Doc, end: int) -> bool:
    """ "Vietnamese-led forces", "US-led coalition": the country leads the role word after it."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "led"


def _people_of(doc: Doc, chain: Chain, nxt) -> Country | None:
    """ "the Albanians of southern Serbia", "the Kurds of northern Iraq": a people named with the
    country they live in, which CAMEO codes them by ("of", not "in": "Americans in Iraq" are American)."""
    if chain.country_kind != "adjective" or chain.roles or nxt is None or not doc[chain.end - 1].lower_.endswith("s"):
        return None
    between = [t.lower_ for t in doc[chain.end:nxt[0]] if not t.is_space]
    entry = nxt[2][0]
    if (between[:1] == ["of"] and set(between[1:]) <= _WHERE_WORDS and len(between) <= 3
            and entry.kind in ("country", "place", "metonym") and entry.item.iso3 != chain.country.iso3):
        return entry.item
    return None


def _member_of(doc: Doc, end: int, nxt) -> bool:
    """An organisation before "member"/"-member" and a country ("NATO-member Norway")."""
    i = end
    if i < len(doc) and doc[i].text == "-":
        i += 1
    if not (i < len(doc) and doc[i].lower_ in _MEMBER):
        return False
    return nxt is not None and nxt[0] == i + 1 and nxt[2][0].kind in ("country", "metonym")


def _stance(doc: Doc, start: int) -> bool:
    """The phrase at ``start`` follows "anti-" or "pro-" ("anti-Syria", "pro-Iranian")."""
    return (start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _STANCE
            and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_)


def _after_locative(doc: Doc, start: int) -> bool:
    """The phrase at ``start`` follows a locative ("in Moscow", "in central Baghdad",
    "in the northern city of Mosul"): it says where, not who."""
    i = start - 1
    while i >= 0 and start - i <= 5 and doc[i].lower_ in _WHERE_WORDS:
        i -= 1
    return i >= 0 and doc[i].lower_ in _LOCATIVE


def _former(doc: Doc, chain: "Chain") -> bool:
    """"former President X", "Lebanon's ousted president", "ex-premier": no longer in office."""
    if not chain.roles or chain.roles[-1].kind != "title":
        return False
    first_role = next((k for k in range(chain.start, chain.end) if doc[k].lower_ in _FORMER), None)
    if first_role is not None:
        return True
    i = chain.start - 1
    while i >= 0 and chain.start - i <= 3:
        low = doc[i].lower_
        if low in _FORMER or low.startswith("ex-"):
            return True
        if low not in _MODIFIERS and not (doc[i].text[:1].isupper() and doc[i].is_alpha):
            break
        i -= 1
    return False


def _other_given_name(doc: Doc, start: int, entries: list[KbEntry], taken: list[bool]) -> bool:
    """A given name before a surname the KB knows that is not the KB person's own ("Jeb" in
    "Jeb Bush" when the KB's Bush is George W.): someone else of that name."""
    if start == 0 or taken[start - 1]:
        return False
    given = doc[start - 1]
    own = {w for e in entries for w in e.item.name.split()}
    return (given.tag_ == "NNP" and given.is_alpha and given.text[:1].isupper() and given.text not in own
            and given.dep_ == "compound" and given.head.i == start and given.lower_ not in _NOT_GIVEN_NAMES)


def _currency(doc: Doc, end: int) -> bool:
    """The country name before token ``end`` names a currency ("US $50 million", "Australian dollars")."""
    return end < len(doc) and (doc[end].text == "$" or doc[end].lemma_.lower() == "dollar")


def _place_not_actor(doc: Doc, start: int, end: int) -> bool:
    """A capital used as a place ("talks in Moscow") or inside another name ("Paris Peace Forum")."""
    if _after_locative(doc, start):
        return True
    if doc[start].text.isupper() and len(doc[start].text) > 3:  # a dateline: "WASHINGTON (AP) -"
        return True
    return _inside_name(doc, end)


def _inside_name(doc: Doc, end: int) -> bool:
    """The capital before token ``end`` starts a longer name ("Paris Peace Forum", "Tehran-backed")."""
    if end < len(doc):
        nxt = doc[end]
        if nxt.text[:1].isupper() and nxt.pos_ in ("PROPN", "NOUN", "") and nxt.is_alpha:
            return True
        if nxt.text == "-" and end + 1 < len(doc) and doc[end + 1].is_lower:  # "Tehran-backed"
            return True
    return False


def _modifiers_before(doc: Doc, start: int, end: int, covered: set[int]) -> int:
    """Start of a role phrase with the modifiers the parse attaches to it ("Moslem fundamentalist
    demonstrators", "senior officials"): up to three, so the mention says who they are."""
    i = start
    while (i > 0 and start - i < 3 and (i - 1) not in covered and doc[i - 1].lower_ in _MODIFIERS
           and doc[i - 1].dep_ in ("amod", "compound", "nmod") and i <= doc[i - 1].head.i < end):
        i -= 1
    return i


def _apposed_name(doc: Doc, chain: Chain, covered: set[int]) -> None:
    """A name the KB does not know, with a one-person title in apposition after it: "Kofi Annan,
    UN secretary-general", "Salaheddine Sidhoum, Algeria's leading human rights activist". The
    chain takes the name (as "UN Secretary-General Kofi Annan" would) when the parse links the two."""
    if chain.person is not None or chain.name is not None or not chain.roles:
        return
    if chain.roles[-1].kind != "title" or chain.roles[-1].plural:
        return
    i = chain.start
    if i > 0 and doc[i - 1].lower_ in _ARTICLES:
        i -= 1
    if i < 3 or doc[i - 1].text != ",":
        return
    end = start = i - 1
    while (start > 0 and end - start < 4 and (start - 1) not in covered and doc[start - 1].pos_ == "PROPN"
           and doc[start - 1].is_alpha and doc[start - 1].text[:1].isupper()
           and doc[start - 1].ent_type_ not in _NOT_PERSON):
        start -= 1
    if end - start < 2:  # a first name and a surname at least: "Annan, UN secretary-general" may be anyone
        return
    if any(doc[k].dep_ == "appos" and start <= doc[k].head.i < end for k in range(chain.start, chain.end)):
        chain.name, chain.start = (start, end), start


def _proper_name(doc: Doc, i: int, covered: set[int]) -> tuple[int, int] | None:
    """Up to four capitalised name tokens from ``i`` that no KB phrase covers ("Emmanuel Macron")."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i < len(doc) and doc[i].text == "#" and not doc[i].whitespace_:
        i += 1
    j = i
    while j < len(doc) and j - i < 4:
        t = doc[j]
        if j in covered or not t.is_alpha or not t.text[:1].isupper() or t.is_stop or t.pos_ in ("VERB", "AUX"):
            break
        j += 1
    if j == i:
        return None
    return (i, j)


