"""The quotes stage: direct quotes and reported speech, with who said them.

Reads the parsed Doc (no second parse) and the actor mentions already
resolved in it, and returns :class:`~eventwire.records.Quote` records with
character offsets into ``doc.text``.

How it works:

* **Cues** are words from ``data/speech_cues.yaml``: speech verbs by lemma
  ("said", "tweeted", "stressed") and phrases ("according to"). A cue inside
  quotation marks is part of what someone said, not an attribution, and is
  skipped.
* **Quotations** are found on the characters (straight and curly double
  quotes, paired within a paragraph; a paragraph that ends inside a quote
  closes it, as in the multi-paragraph quoting convention). Each one is
  attached to the cue it is linked to in the parse, else the nearest cue in
  a sentence it touches: so the attribution may come before, after or in the
  middle ("\\"...,\\" he said, \\"...\\"" gives one Quote per part, sharing
  the cue), and a quote running over several sentences finds the cue in its
  first or last one. A quote-only sentence right after an attributed quote
  in the same paragraph continues it; a cue ending in ":" takes the quote
  that follows. A short quotation inside reported speech ("said the vote was
  \\"rigged\\"") stays part of the reported content.
* **Reported speech** with no quotation: the content is the cue's clausal
  complement ("said (that) ..."), for some verbs also its object or
  infinitive ("stressed the need for ..."), or the clause the cue
  interrupts ("The talks failed, he said."); for "according to X" it is the
  clause the phrase modifies.
* The **source** is the cue's subject (climbing from "adding that ..." or
  "who said" to the clause that has one; the object of "according to"). The
  **speaker** is the actor mention that overlaps the source's head word,
  else any actor inside the source span ("Russia's foreign ministry
  spokesman"), else None; pronouns come already resolved in the actors.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from .errors import E060, E061, E064, KnowledgeBaseError, ModelError
from .records import ActorMention, Quote, Span

log = logging.getLogger(__name__)

_OPEN = "“"
_CLOSE = "”"
_STRAIGHT = '"'
_MARKS = '"“”'
_VERB_TAGS = {"VERB", "AUX"}
_SUBJECT = {"nsubj", "csubj"}
# arcs climbed from a cue without a subject to the clause that has one
_CLIMB = {"conj", "advcl", "xcomp", "pcomp", "prep"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_OBJECT_CONTENT = {"dobj", "xcomp", "prep", "dative", "attr", "oprd", "ccomp"}
_EDGE_JUNK = set(_MARKS) | {",", ":", ";", "-", "—", "–", "―", "'", "‘", "’", " ", "\n", "\t", "\xa0"}
_SHORT_QUOTE = 4  # a quotation of fewer words is a direct quote only when the parse links it to its cue
_EMBEDDED_MIN = 2  # unquoted words a reported content needs around a quotation to keep it embedded


@dataclass(frozen=True)
class SpeechCues:
    """The speech-cue lexicon: verb lemmas by where their content may be, and phrases."""

    clause: frozenset[str]
    object: frozenset[str]
    quote: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def verbs(self) -> frozenset[str]:
        return self.clause | self.object | self.quote

    def is_cue_lemma(self, lemma: str) -> bool:
        return lemma.lower() in self.verbs


def parse_cues(data: object, path: str = "speech_cues.yaml") -> SpeechCues:
    """Build a :class:`SpeechCues` from the YAML structure, checking its shape."""
    if not isinstance(data, dict):
        raise KnowledgeBaseError(E060.format(path=path, detail=f"top level must be a mapping, got {type(data).__name__}"))
    unknown = set(data) - {"verbs", "phrases"}
    if unknown:
        raise KnowledgeBaseError(E060.format(path=path, detail=f"unknown keys {sorted(unknown)}; use 'verbs' and 'phrases'"))
    verbs = data.get("verbs") or {}
    if not isinstance(verbs, dict) or set(verbs) - {"clause", "object", "quote"}:
        raise KnowledgeBaseError(E060.format(path=path, detail="'verbs' must map clause/object/quote to lists of lemmas"))
    groups = {}
    seen: dict[str, str] = {}
    for group in ("clause", "object", "quote"):
        words = verbs.get(group) or []
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise KnowledgeBaseError(E060.format(path=path, detail=f"verbs.{group} must be a list of words"))
        for w in words:
            if w.lower() in seen:
                raise KnowledgeBaseError(E061.format(path=path, word=w, first=seen[w.lower()], second=group))
            seen[w.lower()] = group
        groups[group] = frozenset(w.lower() for w in words)
    phrases = []
    for entry in data.get("phrases") or []:
        if not isinstance(entry, list) or len(entry) < 2 or not all(isinstance(w, str) for w in entry):
            raise KnowledgeBaseError(E060.format(path=path, detail=f"phrase {entry!r} must be a list of two or more words"))
        phrases.append(tuple(w.lower() for w in entry))
    return SpeechCues(groups["clause"], groups["object"], groups["quote"], tuple(phrases))


def load_cues(path: Path | None = None) -> SpeechCues:
    """Load a speech-cue lexicon file (the packaged one when ``path`` is None)."""
    if path is None:
        return default_cues()
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(E060.format(path=path, detail=f"cannot read it ({exc})")) from exc
    return parse_cues(data, str(path))


@lru_cache(maxsize=1)
def default_cues() -> SpeechCues:
    """The lexicon shipped in the package (``data/speech_cues.yaml``)."""
    text = resources.files("eventwire").joinpath("data", "speech_cues.yaml").read_text(encoding="utf-8")
    return parse_cues(yaml.safe_load(text))


# -- quotation marks ----------------------------------------------------------
@dataclass(frozen=True)
class Quotation:
    """A stretch inside quotation marks: ``start``/``end`` exclude the marks, ``outer_*`` include them."""

    outer_start: int
    outer_end: int
    start: int
    end: int


def quotations(text: str) -> list[Quotation]:
    """Pair the double quotation marks of ``text`` paragraph by paragraph."""
    found: list[Quotation] = []
    para_start = 0
    for para in text.split("\n"):
        open_at: int | None = None
        for k, ch in enumerate(para):
            if ch not in _MARKS:
                continue
            pos = para_start + k
            if open_at is None:
                if ch != _CLOSE:  # a stray closing mark opens nothing
                    open_at = pos
            elif ch == _OPEN:  # an unclosed quote ends where the next one opens
                _add(found, text, open_at, pos)
                open_at = pos
            else:
                _add(found, text, open_at, pos + 1)
                open_at = None
        if open_at is not None:  # a paragraph ending inside a quote closes it
            _add(found, text, open_at, para_start + len(para))
        para_start += len(para) + 1
    return found


def _add(found: list[Quotation], text: str, outer_start: int, outer_end: int) -> None:
    """Record a quotation; ``outer_end`` is past the closing mark, or at the paragraph end when unclosed."""
    closed = outer_end - 1 > outer_start and text[outer_end - 1] in (_CLOSE, _STRAIGHT)
    start, end = _trim(text, outer_start + 1, outer_end - 1 if closed else outer_end)
    if end > start:
        found.append(Quotation(outer_start, outer_end, start, end))


def _trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim edge punctuation but keep quotation marks that pair inside the content."""
    start, end = _trim(text, start, end, keep_marks=True)
    if sum(text.count(m, start, end) for m in _MARKS) % 2:
        if text[start] in _MARKS:
            start += 1
        elif text[end - 1] in _MARKS:
            end -= 1
    return _trim(text, start, end, keep_marks=True)


def _trim(text: str, start: int, end: int, keep_marks: bool = False) -> tuple[int, int]:
    junk = _EDGE_JUNK - set(_MARKS) if keep_marks else _EDGE_JUNK
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    return start, end


# -- the stage ------------------------------------------------------------------
@dataclass(frozen=True)
class _Source:
    start: int
    end: int
    refers_to: "_Source | None" = None  # the antecedent of a relative pronoun
    head: int = -1  # char offset of the phrase's head word


@dataclass
class _Cue:
    tokens: tuple[Token, ...]  # the cue words ("said"; "according", "to")
    group: str  # clause | object | quote | phrase
    quotes: list[Quotation]


def find_quotes(doc: Doc, actors: Sequence[ActorMention], cues: SpeechCues | None = None) -> list[Quote]:
    """Direct quotes and reported speech in a parsed Doc, each with its cue, source and speaker.

    ``actors`` are the article's resolved mentions (pronouns included); the
    speaker is the one that overlaps the source. Offsets index ``doc.text``.
    """
    if len(doc) and not doc.has_annotation("DEP"):
        raise ModelError(E064)
    return _Finder(doc, actors, cues or default_cues()).run()


class _Finder:
    def __init__(self, doc: Doc, actors: Sequence[ActorMention], cues: SpeechCues):
        self.doc = doc
        self.text = doc.text
        self.cues = cues
        self.verbs = cues.verbs
        self.actors = sorted(actors, key=lambda a: (a.start, a.end))
        self.actor_starts = [a.start for a in self.actors]
        self.quotes = quotations(self.text)
        self.q_starts = [q.start for q in self.quotes]
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]

    # -- lookups --
    def in_quote(self, char: int) -> Quotation | None:
        k = bisect.bisect_right(self.q_starts, char) - 1
        if k >= 0 and self.quotes[k].start <= char < self.quotes[k].end:
            return self.quotes[k]
        return None

    def sent_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    # -- cues --
    def find_cues(self) -> list[_Cue]:
        found = []
        verbs = self.verbs
        first_words: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.cues.phrases:
            first_words.setdefault(phrase[0], []).append(phrase)
        for tok in self.doc:
            if self.in_quote(tok.idx):
                continue
            phrase = next((p for p in first_words.get(tok.lower_, ())
                           if tuple(t.lower_ for t in self.doc[tok.i:tok.i + len(p)]) == p), None)
            if phrase:
                found.append(_Cue(tuple(self.doc[tok.i:tok.i + len(phrase)]), "phrase", []))
            elif tok.pos_ in _VERB_TAGS and tok.lemma_.lower() in verbs:
                found.append(_Cue((tok,), self._group(tok.lemma_.lower()), []))
        return found

    def _group(self, lemma: str) -> str:
        for group in ("clause", "object", "quote"):
            if lemma in getattr(self.cues, group):
                return group
        return "clause"

    # -- main --
    def run(self) -> list[Quote]:
        cues = self.find_cues()
        if not cues and not self.quotes:
            return []
        self.attach_quotes(cues)
        out: list[Quote] = []
        for cue in cues:
            out.extend(self.quotes_of(cue))
        out.sort(key=lambda q: (q.content.start, q.cue.start))
        return out

    def attach_quotes(self, cues: list[_Cue]) -> None:
        by_sent: dict[int, list[_Cue]] = {}
        for cue in cues:
            by_sent.setdefault(cue.tokens[0].sent.start, []).append(cue)
        previous: tuple[Quotation, _Cue] | None = None
        for q in self.quotes:
            first, last = self.sent_index(q.outer_start), self.sent_index(max(q.outer_start, q.outer_end - 1))
            near = [c for k in range(first, last + 1) for c in by_sent.get(self.sents[k].start, [])]
            cue = self._best_cue(q, near)
            if cue is None and first > 0:
                # "Smith continued:" then the quotation as the next sentence or paragraph
                before = [c for c in by_sent.get(self.sents[first - 1].start, []) if not c.quotes and _colon_after(c, self.text)]
                cue = before[-1] if before else None
            if cue is None and previous is not None and self._same_paragraph(previous[0], q):
                # a quote-only sentence continuing the quotation before it
                cue = previous[1]
            if cue is None:
                continue
            content = self.clause_content(cue)
            if content and self._embedded(q, content):
                continue  # part of reported speech: "said the vote was \"rigged\""
            cue.quotes.append(q)
            previous = (q, cue)

    def _best_cue(self, q: Quotation, near: list[_Cue]) -> _Cue | None:
        if not near:
            return None
        linked = [c for c in near if self._linked(q, c)]
        if linked:
            return min(linked, key=lambda c: _distance(q, c))
        if len(self.text[q.start:q.end].split()) < _SHORT_QUOTE:
            return None  # a scare quote: no parse link, no attribution
        return min(near, key=lambda c: _distance(q, c))

    def _linked(self, q: Quotation, cue: _Cue) -> bool:
        """The parse ties the quotation to the cue (one heads a word of the other)."""
        verb = cue.tokens[-1]
        if any(q.start <= child.idx < q.end for child in verb.children):
            return True
        # "\"...,\" he said, \"...\"": the cue hangs off a word of the quote
        return any(q.start <= up.idx < q.end for up in verb.ancestors)

    def _same_paragraph(self, a: Quotation, b: Quotation) -> bool:
        return "\n" not in self.text[a.outer_end:b.outer_start]

    def _embedded(self, q: Quotation, content: tuple[int, int]) -> bool:
        start, end = content
        if not (start <= q.start and q.end <= end):
            return False
        outside = 0
        for tok in self.doc.char_span(start, end, alignment_mode="expand") or ():
            if tok.is_punct or tok.is_space or self.in_quote(tok.idx):
                continue
            outside += 1
            if outside >= _EMBEDDED_MIN:
                return True
        return False

    # -- records --
    def quotes_of(self, cue: _Cue) -> list[Quote]:
        source = self.source_of(cue)
        speaker = self.speaker_of(source)
        cue_span = self.span(cue.tokens[0].idx, cue.tokens[-1].idx + len(cue.tokens[-1].text))
        src = self.span(source.start, source.end) if source else None
        if cue.quotes:
            return [Quote(cue_span, self.span(q.start, q.end), src, speaker, True) for q in cue.quotes]
        if cue.group == "quote":
            return []
        content = self.clause_content(cue) or self.object_content(cue, clause_like=cue.group != "object")
        if content is None:
            return []
        start, end = _trim_content(self.text, *content)
        if end <= start:
            return []
        return [Quote(cue_span, self.span(start, end), src, speaker, False)]

    def span(self, start: int, end: int) -> Span:
        return Span(self.text[start:end], start, end)

    # -- content --
    def clause_content(self, cue: _Cue) -> tuple[int, int] | None:
        """The reported clause: the cue's ccomp, the clause it interrupts, or what "according to" modifies."""
        verb = cue.tokens[0]
        if cue.group == "phrase":
            head = verb.head
            while head.pos_ not in _VERB_TAGS and head.head.i != head.i:
                head = head.head
            if head.i == verb.i:
                return None
            return self._remainder(head, verb)
        for child in verb.children:
            if child.dep_ == "ccomp":
                return _subtree_chars(child)
        head = verb.head
        if head.i != verb.i and (verb.dep_ == "parataxis" or (verb.dep_ in ("ccomp", "advcl") and head.i < verb.i)):
            if head.pos_ in _VERB_TAGS and not self._is_cue_word(head):
                return self._remainder(head, verb)
        return None

    def object_content(self, cue: _Cue, clause_like: bool = False) -> tuple[int, int] | None:
        """For verbs like "stress", "warn", "deny": what follows them ("the need for talks").

        With ``clause_like`` ("say"), only an object that holds a finite verb: the
        small parser often takes a that-less complement's subject for an object.
        """
        verb = cue.tokens[0]
        parts = [c for c in verb.rights if c.dep_ in _OBJECT_CONTENT]
        if not parts:
            return None
        if clause_like and not any(t.tag_ in _FINITE for p in parts if p.dep_ == "dobj" for t in p.subtree):
            return None
        return parts[0].left_edge.idx, _tok_end(parts[-1].right_edge)

    def _remainder(self, head: Token, cut: Token) -> tuple[int, int] | None:
        """``head``'s subtree without ``cut``'s: the part before or after it, or all of it when ``cut`` interrupts it."""
        lo, hi = head.left_edge.i, head.right_edge.i
        a, b = cut.left_edge.i, cut.right_edge.i
        pieces = []
        for s, e in ((lo, a - 1), (b + 1, hi)):
            while e >= s and self.doc[e].is_punct and self.doc[e].text not in _MARKS:
                e -= 1  # the sentence's full stop is not part of what was said
            if e >= s and any(not t.is_punct for t in self.doc[s:e + 1]):
                pieces.append((self.doc[s].idx, _tok_end(self.doc[e])))
        if not pieces:
            return None
        # "The talks, Macron said, were useful.": one span, the interruption included
        return pieces[0][0], pieces[-1][1]

    def _is_cue_word(self, tok: Token) -> bool:
        return tok.pos_ in _VERB_TAGS and tok.lemma_.lower() in self.verbs and not self.in_quote(tok.idx)

    # -- source, speaker --
    def source_of(self, cue: _Cue) -> _Source | None:
        """The source phrase as written, or None."""
        if cue.group == "phrase":
            last = cue.tokens[-1]
            objs = [c for c in last.children if c.dep_ == "pobj"]
            if not objs:
                return None
            return self._np(objs[0])
        cur = cue.tokens[0]
        for _ in range(5):
            # a subject inside the quotation is the quoted speaker's, not the cue's
            subjects = [c for c in cur.children if c.dep_ in _SUBJECT and not self.in_quote(c.idx)]
            if subjects:
                subj = subjects[0]
                if subj.tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
                    # "Smith, who said ...": the source as written is "who", the speaker is Smith
                    return _Source(subj.idx, _tok_end(subj), self._antecedent(cur.head))
                return self._np(subj)
            if cur.dep_ in ("relcl", "acl"):
                return self._antecedent(cur.head)  # "a statement saying ..."
            if cur.dep_ in _CLIMB and cur.head.i != cur.i:
                cur = cur.head
                continue
            break
        return None

    def _np(self, tok: Token) -> _Source | None:
        start, end = _trim(self.text, tok.left_edge.idx, _tok_end(tok.right_edge))
        return _Source(start, end, None, tok.idx) if end > start else None

    def _antecedent(self, tok: Token) -> _Source | None:
        start, end = _trim(self.text, tok.left_edge.idx, _tok_end(tok))
        return _Source(start, end, None, tok.idx) if end > start else None

    def speaker_of(self, source: _Source | None) -> ActorMention | None:
        if source is None:
            return None
        if source.refers_to is not None:
            return self.speaker_of(source.refers_to)
        start, end, head = source.start, source.end, source.head
        hi = bisect.bisect_left(self.actor_starts, end)
        inside = [a for a in self.actors[:hi] if a.end > start]
        for actor in inside:
            if actor.start <= head < actor.end:
                return actor
        return inside[0] if inside else None


def _colon_after(cue: _Cue, text: str) -> bool:
    """The cue's sentence ends in a colon: "Smith continued:"."""
    sent = cue.tokens[0].sent
    return text[sent.start_char:sent.end_char].rstrip().endswith(":")


def _distance(q: Quotation, cue: _Cue) -> int:
    at = cue.tokens[0].idx
    return q.outer_start - at if at < q.outer_start else at - q.outer_end


def _tok_end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _subtree_chars(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, _tok_end(tok.right_edge)
