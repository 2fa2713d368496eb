"""The straight-line orchestrator: Article -> Doc -> actors -> events (+ dates).

Library first: ``Pipeline.code(articles)`` yields a ``CodedArticle`` for each
article and a ``Skip`` (with its reason) for each one that could not be coded,
so a batch never dies on one bad article.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from spacy.language import Language

from . import dates, nlp as nlp_stage
from .actors import ActorResolver
from .classifier import EventClassifier, default_model
from .events import EventCoder
from .kb import KnowledgeBase, load_kb
from .places import PlaceResolver, event_location
from .quotes import find_quotes
from .records import Article, CodedArticle, Event, Modality, Quote, Skip, content_id

log = logging.getLogger(__name__)


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
        docs = nlp_stage.parse(self.nlp, (a.text for a in articles), batch_size=self.batch_size)
        for article, doc in zip(articles, docs):
            try:
                yield self.code_doc(article, doc)
            except Exception as exc:  # one article's failure must not end the batch
                log.exception("coding %s failed", article.origin or article.id)
                yield Skip(article.origin or article.id, f"[E015] internal error while coding: {type(exc).__name__}: {exc}")

    def code_doc(self, article: Article, doc, trace: list[str] | None = None) -> CodedArticle:
        """Actors, events and dates of one parsed article."""
        mentions = self.resolver.resolve(doc, article.published)
        places = self.places.resolve(doc, mentions)
        sents = list(doc.sents)
        # the model only sees sentences that can carry an event (cheap filter first)
        candidates = [i for i, s in enumerate(sents) if self.coder.is_candidate(s, mentions)]
        scores = dict(zip(candidates, self.classifier.score([sents[i].text for i in candidates])))
        events = []
        for index, sent in enumerate(sents):
            if trace is not None:
                trace.append(f"sentence {index}: {article.text[sent.start_char:sent.end_char].strip()}")
            coded = self.coder.code_sentence(sent, mentions, doc_id=article.id, sentence_index=index,
                                             text=article.text, trace=trace)
            if index in scores:
                coded = self.coder.with_model(coded, scores[index], sent, mentions, doc_id=article.id,
                                              sentence_index=index, text=article.text, trace=trace)
            for event in coded:
                when = dates.event_date(event.sentence, article.published,
                                        offset=article.text.find(event.sentence, sent.start_char),
                                        anchor=event.trigger.start)
                ends = [(a.start, a.end) for a in (event.source, event.target) if a is not None]
                where = event_location(sent, event.trigger.start, places, exclude_spans=ends)
                events.append(replace(event, date=when, location=where))
        quotes = tuple(find_quotes(doc, mentions))
        events = [_attribute(ev, quotes) for ev in events]
        return CodedArticle(article=article, events=tuple(events), actors=tuple(mentions),
                            n_sentences=len(sents), quotes=quotes, places=tuple(places))

    def code_text(self, text: str, published: date | None = None, trace: list[str] | None = None) -> CodedArticle:
        """Code one text (no ingest cleaning): the Python API's shortest path."""
        article = Article(id=content_id(text), text=text, published=published, origin="text")
        doc = next(nlp_stage.parse(self.nlp, [text]))
        return self.code_doc(article, doc, trace=trace)


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
