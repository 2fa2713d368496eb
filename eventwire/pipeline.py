"""The straight-line orchestrator: Article -> Doc -> actors -> events (+ dates).

Library first: ``Pipeline.code(articles)`` yields a ``CodedArticle`` for each
article and a ``Skip`` (with its reason) for each one that could not be coded,
so a batch never dies on one bad article.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.language import Language

from . import dates, nlp as nlp_stage, unidentified
from .actors import ActorResolver
from .classifier import EventClassifier, default_model
from .errors import E015
from .events import EventCoder
from .kb import KnowledgeBase, load_kb
from .places import PlaceResolver, event_location
from .quotes import find_quotes
from .records import Article, CodedArticle, Event, Modality, Quote, Skip, content_id

log = logging.getLogger(__name__)

_REFERENCES = frozenset({"he", "she", "they", "both"})


class Pipeline:
    """Holds the loaded collaborators (spaCy pipeline, knowledge base, coder); reuse it."""

    def __init__(
        self,
        nlp: Language | None = None,
        kb: KnowledgeBase | None = None,
        coder: EventCoder | None = None,
        classifier: EventClassifier | None = None,
        *,
        model: str = nlp_stage.DEFAULT_MODEL,
        batch_size: int = 16,
    ):
        self.nlp = nlp or nlp_stage.load(model)
        self.kb = kb or load_kb()
        self.resolver = ActorResolver(self.kb, self.nlp)
        self.places = PlaceResolver()
        self.coder = coder or EventCoder()
        self.classifier = classifier if classifier is not None else EventClassifier(default_model())
        self.batch_size = batch_size

    def code(self, items: Iterable[Article | Skip]) -> Iterator[CodedArticle | Skip]:
        """Code articles in order; Skips pass through, failures become Skips."""
        pending: list[Article] = []
        for item in items:
            if isinstance(item, Skip):
                yield from self._flush(pending)
                pending = []
                yield item
                continue
            if len(item.text) >= self.nlp.max_length:
                yield from self._flush(pending)
                pending = []
                yield Skip(item.origin or item.id, f"[E014] article has {len(item.text)} characters, over the parser's limit of {self.nlp.max_length}")
                continue
            pending.append(item)
            if len(pending) >= self.batch_size:
                yield from self._flush(pending)
                pending = []
        yield from self._flush(pending)

    def _flush(self, articles: list[Article]) -> Iterator[CodedArticle | Skip]:
        if not articles:
            return
        parsed = nlp_stage.parse_selected(self.nlp, [a.text for a in articles], self._select,
                                          batch_size=max(self.batch_size, 64), entities=False)
        drafts: list[_Draft | Skip] = []
        for article, p in zip(articles, parsed):
            drafts.append(self._guard(article, lambda: self._rules(article, p)))
        # one batch of sentences for the type model across the articles (it is the costly step)
        pending = [(d, i) for d in drafts if isinstance(d, _Draft) for i in d.unexplained]
        scores = iter(self.classifier.score([d.sents[i].text for d, i in pending]))
        by_draft: dict[int, list] = {}
        for d, i in pending:
            by_draft.setdefault(id(d), []).append(next(scores))
        for article, d in zip(articles, drafts):
            if isinstance(d, Skip):
                yield d
            else:
                yield self._guard(article, lambda: self._finish(d, by_draft.get(id(d), [])))

    @staticmethod
    def _guard(article: Article, step):
        try:
            return step()
        except Exception as exc:  # one article's failure must not end the batch
            log.exception("coding %s failed", article.origin or article.id)
            return Skip(article.origin or article.id, E015.format(detail=f"{type(exc).__name__}: {exc}"))

    def _select(self, doc) -> list[int]:
        """Sentences worth parsing: the cheap filter, on word forms and KB phrases only."""
        named = [start for start, _, kind in self.resolver.phrase_matches(doc) if kind != "sector_word"]
        # references the resolver can tie to an earlier actor: "he", "they", "the two", "both leaders"
        refs = [t.i for t in doc if t.lower_ in _REFERENCES or (t.lower_ == "two" and t.i and doc[t.i - 1].lower_ == "the")]
        return [i for i, sent in enumerate(doc.sents) if self.coder.can_carry_event(sent, named, refs)]

    def code_doc(self, article: Article, parsed: nlp_stage.Parsed, trace: list[str] | None = None) -> CodedArticle:
        """Actors, events, dates, places and quotes of one parsed article."""
        draft = self._rules(article, parsed, trace)
        scores = self.classifier.score([draft.sents[i].text for i in draft.unexplained])
        return self._finish(draft, scores, trace)

    def _rules(self, article: Article, parsed: nlp_stage.Parsed, trace: list[str] | None = None) -> "_Draft":
        """Actors and the rule coder's events; which sentences the model should read."""
        doc = parsed.doc
        mentions = self.resolver.resolve(doc, article.published)
        draft = _Draft(article, parsed, mentions,
                       [doc.char_span(start, end, alignment_mode="expand") for start, end in parsed.sentences])
        for index in sorted(parsed.selected):
            sent = draft.sents[index]
            if trace is not None:
                trace.append(f"sentence {index}: {article.text[sent.start_char:sent.end_char].strip()}")
            coded = self.coder.code_sentence(sent, mentions, doc_id=article.id, sentence_index=index,
                                             text=article.text, trace=trace)
            if coded:
                draft.events.extend((index, ev) for ev in coded)
            elif _n_actors(sent, mentions) >= 2:
                # the model reads only the parsed sentences no rule explained that name two sides
                draft.unexplained.append(index)
        return draft

    def _finish(self, draft: "_Draft", scores, trace: list[str] | None = None) -> CodedArticle:
        """Model events, then dates, locations and quotes for every event."""
        article, sents, mentions = draft.article, draft.sents, draft.mentions
        events = list(draft.events)
        for index, score in zip(draft.unexplained, scores):
            coded = self.coder.model_events(score, sents[index], mentions, doc_id=article.id,
                                            sentence_index=index, text=article.text, trace=trace)
            events.extend((index, ev) for ev in coded)
        # places are read only where they can locate an event: the NER runs on those sentences
        doc = draft.parsed.doc
        nlp_stage.add_entities(self.nlp, doc, [draft.parsed.sentences[i] for i in sorted({i for i, _ in events})])
        places = self.places.resolve(doc, mentions)
        dated = []
        for index, event in sorted(events, key=lambda ie: (ie[0], ie[1].trigger.start)):
            sent = sents[index]
            when = dates.event_date(event.sentence, article.published,
                                    offset=article.text.find(event.sentence, sent.start_char),
                                    anchor=event.trigger.start, context=(article.text,))
            if when is not None and when.from_publication and index > 0:
                when = _continued_date(article, sents[index - 1], event.sentence) or when
            ends = [(a.start, a.end) for a in (event.source, event.target) if a is not None]
            where = event_location(sent, event.trigger.start, places, exclude_spans=ends)
            # an unidentified attacker is of the country where it struck (a bomb in Baghdad: IRQUAF)
            dated.append(unidentified.locate(replace(event, date=when, location=where)))
        quotes = tuple(find_quotes(draft.parsed.doc, mentions))
        dated = [_attribute(ev, quotes) for ev in dated]
        return CodedArticle(article=article, events=tuple(dated), actors=tuple(mentions),
                            n_sentences=len(draft.parsed.sentences), quotes=quotes, places=tuple(places))

    def code_text(self, text: str, published: date | None = None, trace: list[str] | None = None) -> CodedArticle:
        """Code one text (no ingest cleaning) as ``code`` codes an article: the Python API's
        shortest path. The trace says which sentences the cheap filter passed over unparsed."""
        article = Article(id=content_id(text), text=text, published=published, origin="text")

        def select(doc):
            chosen = self._select(doc)
            if trace is not None:
                trace.extend(f"sentence {i}: not parsed: the cheap filter found no trigger word with an actor"
                             for i in range(len(list(doc.sents))) if i not in chosen)
            return chosen

        [parsed] = nlp_stage.parse_selected(self.nlp, [text], select, entities=False)
        return self.code_doc(article, parsed, trace=trace)


@dataclass
class _Draft:
    """An article between the rule coder and the type model."""

    article: Article
    parsed: nlp_stage.Parsed
    mentions: list
    sents: list
    events: list = field(default_factory=list)  # (sentence index, Event)
    unexplained: list[int] = field(default_factory=list)


def _n_actors(sent, mentions) -> int:
    """Distinct sides named in a sentence: (country or code, sector) pairs, places and
    unresolved references aside. Two American officials are one side; the Sudanese
    government and Sudanese rebels are two."""
    keys = set()
    for m in mentions:
        if m.kind != "place" and m.start < sent.end_char and m.end > sent.start_char:
            keys.update((a.country or a.code or a.text, a.sector) for a in (m.members or (m,)))
    return len(keys)


_CONTINUATIONS = ("however", "but", "then", "later", "afterwards", "there", "the two", "both", "he ", "she ", "they ")


def _continued_date(article: Article, previous, sentence: str):
    """A sentence that carries on from the one before ("However the two spoke ...") and
    names no date of its own happened when that one says, if it names exactly one date."""
    if not sentence.lower().startswith(_CONTINUATIONS):
        return None
    found = dates.find_dates(previous.text, article.published, offset=previous.start_char)
    return found[0] if len(found) == 1 else None


def _attribute(event: Event, quotes: tuple[Quote, ...]) -> Event:
    """An event inside someone else's quote is their claim: set ``claimed_by`` from the quote."""
    if event.claimed_by is not None:
        return event
    for q in quotes:
        if q.speaker is None or not (q.content.start <= event.trigger.start < q.content.end):
            continue
        same = event.source is not None and (q.speaker.kb_id or q.speaker.code) == (event.source.kb_id or event.source.code)
        if same:
            return event
        modality = Modality.REPORTED if event.modality is Modality.ASSERTED else event.modality
        return replace(event, claimed_by=q.speaker, modality=modality,
                       evidence=f"{event.evidence}; claimed by {q.speaker.text!r} ({q.cue.text})")
    return event
