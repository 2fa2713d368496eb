"""Train the event-type model from the team's corpus: ``python -m eventwire.train``.

Reads every ``eventwire/data/training/*.jsonl`` (see ``tests/test_training_data.py``
for the record format) and fine-tunes the top two layers of all-MiniLM-L6-v2 under
two softmax heads, the PLOVER type (or no event) and the CAMEO code, with
class-balanced cross-entropy (``fine_tune``; fixed seeds, so a rerun on the same
machine writes the same model). The package's lower four layers stay as they are, so
their output is computed once. Also fits the gate (``classifier.EventGate``,
scikit-learn's logistic regression on tf-idf terms) that decides which sentences the
encoder reads. Before the final fit it fits the same way on four fifths of the corpus
and prints how that model reads the other fifth (``--no-check`` skips this).
Writes ``eventwire/data/model/event_type.npz``; about 13 minutes on 2 CPU cores (7 with ``--no-check``).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
from importlib import resources
from pathlib import Path

import numpy as np

from .classifier import MAX_WORDPIECES, NONE, EventGate, TypeModel, TypeScores, _model_path, gate_terms, load_encoder
from .ontology import PLOVER_TYPES, lookup

log = logging.getLogger(__name__)


def load_corpus(folder: Path | None = None) -> list[dict]:
    """All training records, in file order."""
    folder = folder or Path(str(resources.files("eventwire").joinpath("data", "training")))
    records = []
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh if line.strip())
    return records


def labels_of(records: list[dict]) -> list[str]:
    return [r["event_type"] or NONE for r in records]


# The encoder's top layers are fine-tuned with the two heads; the lower ones stay the
# package's, so their output is computed once. Chosen on a held-out fifth of the corpus
# (6,293 sentences, type macro-F1): softmax regression on the frozen embeddings 0.696;
# top 2 layers with rank-8 adapters 0.842; top 2 layers fine-tuned 0.860. On 7,040
# sentences: 4 epochs 0.850, 6 epochs 0.865. On 7,497: top 2 layers 0.864, top 3 0.880.
TUNED_LAYERS = 3
EPOCHS, BATCH = 6, 32
LAYER_LR, HEAD_LR, WARMUP_STEPS, WEIGHT_DECAY = 1e-4, 3e-3, 50, 0.01
SCALE = 10.0  # the heads read unit vectors; this widens their logits' range


def lower_states(encoder, texts: list[str], batch_size: int = 256):
    """The frozen lower layers' output for every text, padded to MAX_WORDPIECES, and its mask."""
    import torch
    import torch.nn.functional as F

    states, masks = [], []
    with torch.inference_mode():
        for k in range(0, len(texts), batch_size):
            ids, mask = encoder.tokens(texts[k:k + batch_size])
            x = encoder.lower(ids, mask, encoder.layers - TUNED_LAYERS)
            pad = MAX_WORDPIECES - ids.shape[1]
            states.append(F.pad(x, (0, 0, 0, pad)))
            masks.append(F.pad(mask, (0, pad)))
    return torch.cat(states).clone(), torch.cat(masks).clone()


def _balanced(y, n_labels: int):
    """Class weights that give each label the same total weight."""
    import torch

    counts = torch.bincount(y, minlength=n_labels).float()
    return len(y) / (n_labels * counts.clamp(min=1))


def fine_tune(encoder, states, masks, y: np.ndarray, codes: np.ndarray, n_labels: int, n_codes: int,
              *, epochs: int = EPOCHS, seed: int = 13) -> dict:
    """Fine-tune the top layers with a type head (every sentence) and a code head (events:
    ``codes`` is -1 elsewhere) under class-balanced cross-entropy; AdamW, linear warm-up
    and decay, fixed seeds. Returns the arguments of a ``TypeModel`` but its labels."""
    import torch
    import torch.nn.functional as F

    torch.manual_seed(seed)
    torch.set_num_threads(os.cpu_count() or 1)  # the encoder is set to one thread for coding
    first = encoder.layers - TUNED_LAYERS
    layers = [{name: t.clone().requires_grad_(True) for name, t in encoder.layer_weights(n).items()}
              for n in range(first, encoder.layers)]
    dim = states.shape[-1]
    type_head, code_head = torch.nn.Linear(dim, n_labels), torch.nn.Linear(dim, n_codes)
    y, codes = torch.as_tensor(y), torch.as_tensor(codes)
    type_weight, code_weight = _balanced(y, n_labels), _balanced(codes[codes >= 0], n_codes)
    heads = [*type_head.parameters(), *code_head.parameters()]
    optimiser = torch.optim.AdamW([{"params": [t for layer in layers for t in layer.values()], "lr": LAYER_LR},
                                   {"params": heads, "lr": HEAD_LR}], weight_decay=WEIGHT_DECAY)
    steps = epochs * math.ceil(len(y) / BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / WARMUP_STEPS) * max(0.0, 1 - step / steps))
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for k in range(0, len(order), BATCH):
            batch = torch.as_tensor(order[k:k + BATCH])
            x, mask = states[batch], masks[batch]
            padding = encoder.padding(mask)
            for weights in layers:
                x = encoder.layer(x, padding, weights)
            embedded = encoder.pool(x, mask) * SCALE
            loss = F.cross_entropy(type_head(embedded), y[batch], weight=type_weight)
            events = codes[batch] >= 0
            if events.any():
                loss = loss + F.cross_entropy(code_head(embedded[events]), codes[batch][events], weight=code_weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()

    def head(linear):  # (dim, n) weights reading unit vectors, the scale folded in
        return (linear.weight.detach().numpy().T * SCALE).astype(np.float32), linear.bias.detach().numpy()

    (w, b), (cw, cb) = head(type_head), head(code_head)
    tuned = {f"encoder.layer.{first + i}.{name}": t.detach().numpy() for i, layer in enumerate(layers)
             for name, t in layer.items()}
    return {"weights": w, "bias": b, "code_weights": cw, "code_bias": cb, "layers": tuned}


# the gate's inverse L2 strength (scikit-learn's C), as for the type model chosen on the
# corpus: 5-fold CV type macro-F1 of a multinomial tf-idf model, C=5 0.786, C=20 0.790
GATE_C = 20.0
GATE_MIN_DF = 2  # a term must occur in two training sentences


def fit_gate(texts: list[str], is_event: np.ndarray) -> EventGate:
    """The tf-idf logistic regression that tells the encoder which sentences to skip."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = [gate_terms(t) for t in texts]
    df: dict[str, int] = {}
    for c in counts:
        for term in c:
            df[term] = df.get(term, 0) + 1
    terms = {t: i for i, t in enumerate(sorted(t for t, n in df.items() if n >= GATE_MIN_DF))}
    idf = np.array([np.log((1 + len(texts)) / (1 + df[t])) + 1 for t in terms])
    gate = EventGate(terms, idf, np.zeros(len(terms)), 0.0)
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        for col, v in gate.features(text).items():
            rows.append(r), cols.append(col), vals.append(v)
    x = csr_matrix((vals, (rows, cols)), shape=(len(texts), len(terms)))
    fitted = LogisticRegression(C=GATE_C, max_iter=3000, class_weight="balanced").fit(x, ~is_event)
    # classes_ is [False, True]: the coefficients push towards True, "no event"
    return EventGate(terms, idf, fitted.coef_[0].astype(np.float64), float(fitted.intercept_[0]))


def macro_f1(gold: list[str], pred: list[str]) -> float:
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label and g != label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores)


def code_label(record: dict) -> str:
    """The CAMEO code the code model learns: three digits, unless the three-digit
    code has another PLOVER type than the full one (0874 is RETREAT, 087 CONCEDE)."""
    cameo = record["cameo"]
    short = cameo[:3]
    return short if lookup(short).event_type == lookup(cameo).event_type else cameo


def train(records: list[dict], *, check: bool = True, seed: int = 13) -> tuple[TypeModel, dict | None]:
    """Fit on all records; return the model and, with ``check``, the scores of a model
    fitted the same way on four fifths of them and read on the fifth it did not see
    (``held_out_scores``)."""
    labels = (*PLOVER_TYPES, NONE)
    index = {label: i for i, label in enumerate(labels)}
    y = np.array([index[g] for g in labels_of(records)])
    codes = tuple(sorted({code_label(r) for r in records if r["event_type"]}))
    code_index = {c: i for i, c in enumerate(codes)}
    yc = np.array([code_index[code_label(r)] if r["event_type"] else -1 for r in records])
    texts = [r["text"] for r in records]
    is_event = np.array([bool(r["event_type"]) for r in records])
    encoder = load_encoder()
    states, masks = lower_states(encoder, texts)

    def fitted(rows: np.ndarray) -> TypeModel:
        tuned = fine_tune(encoder, states[rows], masks[rows], y[rows], yc[rows], len(labels), len(codes), seed=seed)
        return TypeModel(labels=labels, codes=codes, gate=fit_gate([texts[i] for i in rows], is_event[rows]), **tuned)

    held = None
    if check:
        test = np.sort(np.random.default_rng(seed).permutation(len(records))[::5])
        held = held_out_scores(fitted(np.setdiff1d(np.arange(len(records)), test)), [records[i] for i in test])
    return fitted(np.arange(len(records))), held


def held_out_scores(model: TypeModel, records: list[dict]) -> dict:
    """How ``model`` reads records it was not fitted on: type macro-F1 (of every
    sentence, and of what the gate lets the encoder read), mode and CAMEO code accuracy
    on events typed right, and the typed precision and recall of the model's events at
    each confidence (what ``events.MODEL_THRESHOLD`` is chosen by)."""
    from .classifier import EventClassifier

    gold = labels_of(records)
    texts = [r["text"] for r in records]
    embedded = model.encode(texts)
    pred = [model.labels[row.argmax()] for row in model.predict_proba(embedded)]
    mode_ok = code_ok = typed = 0
    for record, label, row in zip(records, pred, model.predict_code_proba(embedded)):
        if label == record["event_type"]:
            code = TypeScores({}, dict(zip(model.codes, row))).best_code(label)[0]
            typed += 1
            code_ok += code == code_label(record)
            mode_ok += lookup(code).mode == lookup(record["cameo"]).mode
    # the classifier's own path (gate, then encoder), reading the embeddings made above
    row_of = dict(zip(texts, embedded))
    scores = EventClassifier(model, encoder=lambda read: np.stack([row_of[t] for t in read])).score(texts)
    passed = np.array([bool(s.probs) for s in scores])  # the gate let the encoder read it
    read = [s.best if s.probs else (NONE, 1.0) for s in scores]
    events = np.array([g != NONE for g in gold])
    table = []
    for threshold in (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9):
        said = [(g, label) for g, (label, p) in zip(gold, read) if label != NONE and p >= threshold]
        right = sum(g == label for g, label in said)
        table.append((threshold, right / max(len(said), 1), right / max(events.sum(), 1)))
    return {"n": len(records), "type_macro_f1": macro_f1(gold, pred), "mode_accuracy": mode_ok / max(typed, 1),
            "code_accuracy": code_ok / max(typed, 1), "gate_events_read": passed[events].mean(),
            "gate_none_read": passed[~events].mean(), "gated_type_macro_f1": macro_f1(gold, [label for label, _ in read]),
            "threshold_table": table}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="train eventwire's event-type model")
    parser.add_argument("--corpus", type=Path, default=None, help="folder of *.jsonl (default: the packaged corpus)")
    parser.add_argument("--out", type=Path, default=None, help="model file (default: data/model/event_type.npz)")
    parser.add_argument("--no-check", action="store_true",
                        help="skip the held-out check (a second fit on four fifths of the corpus)")
    args = parser.parse_args(argv)
    records = load_corpus(args.corpus)
    model, held = train(records, check=not args.no_check)
    out = args.out or _model_path()
    model.save(out)
    print(f"{len(records)} sentences; model written to {out}")
    if held:
        print(f"fitted on four fifths, read on the other {held['n']}: type macro-F1 {held['type_macro_f1']:.3f}, "
              f"mode accuracy {held['mode_accuracy']:.3f} and CAMEO code accuracy {held['code_accuracy']:.3f} "
              f"on events typed right; the gate lets the encoder read {held['gate_events_read']:.1%} of event "
              f"sentences and {held['gate_none_read']:.1%} of the others (gated type macro-F1 "
              f"{held['gated_type_macro_f1']:.3f})")
        for threshold, precision, recall in held["threshold_table"]:
            print(f"  model events at p >= {threshold:.2f}: typed precision {precision:.3f}, recall {recall:.3f}")

if __name__ == "__main__":
    main()
