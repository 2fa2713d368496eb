"""Score the quotes stage against PolNeAR (brat standoff attribution annotation).

A PolNeAR folder holds ``text/NAME.txt`` and ``attributions/NAME_XXXX.ann``
(one ``.ann`` per annotator; a few articles have several). Each gold
attribution is an ``E`` line tying a ``Cue`` to its ``Content`` and, unless
it is ``Attribution-no-source``, to a ``Source`` (all ``T`` lines, possibly
discontinuous: ``start end;start end``).

What is scored:

* **Gold set: speech-verb cues.** PolNeAR annotates every attribution
  ("believes", "found", "shows", a colon, a dash); eventwire's quotes stage
  only looks for speech. A gold attribution is kept when a token of the
  parsed Doc that overlaps its cue has a lemma among the lexicon's verbs
  (``data/speech_cues.yaml``: "has said" and "said Thursday" count through
  "said"), or the cue text contains one of the lexicon's phrases ("according
  to"). The POS is not checked on the gold side, so a cue the tagger gets
  wrong still counts against recall.
* **Predictions** are the :func:`~eventwire.quotes.find_quotes` records, one
  per cue: quotes that share a cue (the parts of an interrupted or
  continued quotation) are one attribution, their contents merged.
* **Source attribution** (the headline number): a prediction with a source
  is a true positive when its cue overlaps the cue of an unmatched gold
  attribution and its source overlaps that attribution's source. Precision
  is over predictions that have a source, recall over the gold speech-cue
  attributions that have one. Matching is one-to-one, in text order.
* **Cue** P/R/F1: the same with the cue overlap alone, over all predictions
  and all speech-cue gold attributions.
* **Content overlap**: for each cue-matched pair, the character F1 between
  predicted and gold content (quotation marks count on both sides as they
  fall); the mean over pairs.

Only the first annotator's file (in name order) of each article is scored,
so the doubly annotated articles do not weigh six times; pass
``all_annotators=True`` (``--all-annotators``) to score every file.

Run ``python -m eventwire.evaluate_quotes FOLDER [--debug N]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_stage
from .errors import E062, E063, InputError
from .quotes import SpeechCues, default_cues, find_quotes
from .records import Quote

log = logging.getLogger(__name__)

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    cue: Fragments
    cue_text: str
    source: Fragments | None
    content: Fragments | None


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file."""
    spans: dict[str, tuple[Fragments, str]] = {}
    events: list[tuple[int, dict[str, str]]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        try:
            if line.startswith("T"):
                _label, _, offsets = fields[1].partition(" ")
                frags = tuple(tuple(int(x) for x in part.split()) for part in offsets.split(";"))
                if any(len(f) != 2 for f in frags):
                    raise ValueError(f"bad offsets {offsets!r}")
                spans[fields[0]] = (frags, fields[2] if len(fields) > 2 else "")
            elif line.startswith("E"):
                roles = dict(arg.split(":", 1) for arg in fields[1].split())
                events.append((n, roles))
        except (IndexError, ValueError) as exc:
            raise InputError(E063.format(path=path, line=n, detail=exc)) from exc
    gold = []
    for n, roles in events:
        if "Cue" not in roles or roles["Cue"] not in spans:
            log.debug("%s:%d: attribution without a cue, skipped", path, n)
            continue
        cue, cue_text = spans[roles["Cue"]]
        source = spans[roles["Source"]][0] if roles.get("Source") in spans else None
        content = tuple(f for key in ("Content", "Content2") if roles.get(key) in spans for f in spans[roles[key]][0]) or None
        gold.append(GoldAttribution(cue, cue_text, source, content))
    return gold


def is_speech_cue(doc: Doc, cue: Fragments, cue_text: str, cues: SpeechCues) -> bool:
    """A gold cue counts when a word in it is a lexicon verb (by lemma) or it holds a lexicon phrase."""
    lowered = " ".join(cue_text.lower().split())
    if any(" ".join(p) in lowered for p in cues.phrases):
        return True
    verbs = cues.verbs
    for start, end in cue:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(t.lemma_.lower() in verbs for t in span):
            return True
    return False


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _chars(frags: Fragments | None) -> set[int]:
    return {i for s, e in frags or () for i in range(s, e)}


@dataclass
class _Predicted:
    cue: Fragments
    source: Fragments | None
    content: set[int]
    text: str


def _group(quotes: list[Quote]) -> list[_Predicted]:
    """One predicted attribution per cue (an interrupted quotation gives several Quotes)."""
    by_cue: dict[tuple[int, int], _Predicted] = {}
    for q in quotes:
        key = (q.cue.start, q.cue.end)
        if key not in by_cue:
            source = ((q.source.start, q.source.end),) if q.source else None
            by_cue[key] = _Predicted((key,), source, set(), q.cue.text)
        by_cue[key].content |= set(range(q.content.start, q.content.end))
    return [by_cue[k] for k in sorted(by_cue)]


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "predicted": n_pred, "gold": n_gold}


def _match(preds: list[_Predicted], gold: list[GoldAttribution], need_source: bool) -> list[tuple[_Predicted, GoldAttribution]]:
    used: set[int] = set()
    pairs = []
    for p in preds:
        for k, g in enumerate(gold):
            if k in used or not _overlaps(p.cue, g.cue):
                continue
            if need_source and not (p.source and g.source and _overlaps(p.source, g.source)):
                continue
            used.add(k)
            pairs.append((p, g))
            break
    return pairs


def _annotation_files(folder: Path, all_annotators: bool) -> list[tuple[Path, Path]]:
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(E062.format(path=folder))
    pairs = []
    for text in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{text.stem}_*.ann"))
        for ann in anns if all_annotators else anns[:1]:
            pairs.append((text, ann))
    if not pairs:
        raise InputError(E062.format(path=folder))
    return pairs


def evaluate_polnear(folder: Path, nlp: Language | None = None, *, cues: SpeechCues | None = None,
                     all_annotators: bool = False, debug: int = 0) -> dict:
    """Source-attribution, cue and content scores of ``find_quotes`` on a PolNeAR folder.

    Actors are not resolved (the source span is what is scored), so the
    timing is that of the quotes stage alone, per sentence of the parse.
    """
    cues = cues or default_cues()
    nlp = nlp or nlp_stage.load()
    pairs = _annotation_files(Path(folder), all_annotators)
    texts = [t.read_text(encoding="utf-8") for t, _ in pairs]
    n_gold_all = n_gold = n_gold_src = n_pred = n_pred_src = tp_src = tp_cue = 0
    content_f1: list[float] = []
    n_sents = 0
    seconds = 0.0
    misses: list[str] = []
    false_alarms: list[str] = []
    # the quotes stage reads tags, lemmas and the parse only: skip NER to halve the parse time
    with nlp.select_pipes(disable=[name for name in ("ner",) if name in nlp.pipe_names]):
        docs = list(nlp_stage.parse(nlp, texts))
    for (text_path, ann_path), text, doc in zip(pairs, texts, docs):
        gold_all = read_ann(ann_path)
        gold = [g for g in gold_all if is_speech_cue(doc, g.cue, g.cue_text, cues)]
        gold_src = [g for g in gold if g.source]
        t0 = time.perf_counter()
        quotes = find_quotes(doc, [], cues)
        seconds += time.perf_counter() - t0
        n_sents += sum(1 for _ in doc.sents)
        preds = _group(quotes)
        preds_src = [p for p in preds if p.source]
        matched_src = _match(preds_src, gold_src, need_source=True)
        matched_cue = _match(preds, gold, need_source=False)
        n_gold_all += len(gold_all)
        n_gold += len(gold)
        n_gold_src += len(gold_src)
        n_pred += len(preds)
        n_pred_src += len(preds_src)
        tp_src += len(matched_src)
        tp_cue += len(matched_cue)
        for p, g in matched_cue:
            gold_chars = _chars(g.content)
            inter = len(p.content & gold_chars)
            content_f1.append(2 * inter / (len(p.content) + len(gold_chars)) if p.content or gold_chars else 1.0)
        if debug:
            hit = {id(g) for _, g in matched_src}
            for g in gold_src:
                if id(g) not in hit:
                    misses.append(f"{text_path.stem}: cue {g.cue_text!r} source {_text(text, g.source)!r}")
            hit_p = {id(p) for p, _ in matched_src}
            for p in preds_src:
                if id(p) not in hit_p:
                    false_alarms.append(f"{text_path.stem}: cue {p.text!r} source {_text(text, p.source)!r}")
    result = {
        "documents": len(pairs),
        "gold_attributions": n_gold_all,
        "gold_speech_cue": n_gold,
        "source": _prf(tp_src, n_pred_src, n_gold_src),
        "cue": _prf(tp_cue, n_pred, n_gold),
        "content_char_f1": round(sum(content_f1) / len(content_f1), 4) if content_f1 else 0.0,
        "sentences": n_sents,
        "ms_per_sentence": round(1000 * seconds / n_sents, 4) if n_sents else 0.0,
    }
    if debug:
        result["missed"] = misses[:debug]
        result["false_alarms"] = false_alarms[:debug]
    return result


def _text(text: str, frags: Fragments | None) -> str:
    return " … ".join(text[s:e] for s, e in frags or ())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score eventwire's quotes stage on a PolNeAR folder (text/ + attributions/).")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--all-annotators", action="store_true", help="score every annotator's file, not the first per article")
    parser.add_argument("--debug", type=int, default=0, metavar="N", help="also list N missed and N false source attributions")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    result = evaluate_polnear(args.folder, all_annotators=args.all_annotators, debug=args.debug)
    if args.json or args.debug:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"{result['documents']} documents, {result['gold_speech_cue']} of {result['gold_attributions']} gold attributions have a speech-verb cue")
    for key, label in (("source", "source attribution"), ("cue", "cue")):
        s = result[key]
        print(f"{label:<20} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  ({s['tp']} tp, {s['predicted']} predicted, {s['gold']} gold)")
    print(f"{'content char F1':<20} {result['content_char_f1']:.3f} (mean over cue-matched pairs)")
    print(f"{'speed':<20} {result['ms_per_sentence']:.3f} ms per sentence over {result['sentences']} sentences")


if __name__ == "__main__":
    main()
