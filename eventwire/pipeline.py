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
from .events import EventCoder
from .kb import KnowledgeBase, load_kb
from .records import Article, CodedArticle, Skip, content_id

log = logging.getLogger(__name__)


class Pipeline:
    """Holds the loaded collaborators (spaCy pipeline, knowledge base, coder); reuse it."""

    def __init__(
        self,
        nlp: Language | None = None,
        kb: KnowledgeBase | None = None,
        coder: EventCoder | None = None,
        *,
        model: str = nlp_stage.DEFAULT_MODEL,
        batch_size: int = 16,
    ):
        self.nlp = nlp or nlp_stage.load(model)
        self.kb = kb or load_kb()
        self.resolver = ActorResolver(self.kb, self.nlp)
        self.coder = coder or EventCoder()
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
        events = []
        for index, sent in enumerate(doc.sents):
            if trace is not None:
                trace.append(f"sentence {index}: {article.text[sent.start_char:sent.end_char].strip()}")
            for event in self.coder.code_sentence(sent, mentions, doc_id=article.id, sentence_index=index,
                                                  text=article.text, trace=trace):
                when = dates.event_date(event.sentence, article.published,
                                        offset=article.text.find(event.sentence, sent.start_char),
                                        anchor=event.trigger.start)
                events.append(replace(event, date=when))
        return CodedArticle(article=article, events=tuple(events), actors=tuple(mentions),
                            n_sentences=index + 1 if doc.text.strip() else 0)

    def code_text(self, text: str, published: date | None = None, trace: list[str] | None = None) -> CodedArticle:
        """Code one text (no ingest cleaning): the Python API's shortest path."""
        article = Article(id=content_id(text), text=text, published=published, origin="text")
        doc = next(nlp_stage.parse(self.nlp, [text]))
        return self.code_doc(article, doc, trace=trace)
