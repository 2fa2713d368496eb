"""Train the event-type model from the team's corpus: ``python -m eventwire.train``.

Reads every ``eventwire/data/training/*.jsonl`` (see ``tests/test_training_data.py``
for the record format), embeds the sentences, fits a class-balanced softmax
regression (full-batch gradient descent, fixed seed: reproducible), prints a
5-fold cross-validated score, and writes ``eventwire/data/model/event_type.npz``.
Also fits the gate (``classifier.EventGate``, scikit-learn's logistic regression
on tf-idf terms) that decides which sentences the encoder reads.
Takes about five and a half minutes on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import logging
from importlib import resources
from pathlib import Path

import numpy as np

from .classifier import GATE_THRESHOLD, NONE, EventGate, TypeModel, TypeScores, _model_path, encode, gate_terms
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


# chosen by 5-fold cross-validation on the corpus (type macro-F1, 4,116 sentences):
# l2 1e-3/600 steps 0.642, 3e-5/1500 0.721, 1e-5/2000 0.722
L2, STEPS = 3e-5, 1500


def fit(x: np.ndarray, y: np.ndarray, n_labels: int, *, l2: float = L2, steps: int = STEPS,
        lr: float = 0.5, seed: int = 13) -> tuple[np.ndarray, np.ndarray]:
    """Class-balanced softmax regression by full-batch gradient descent with momentum."""
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.01, (x.shape[1], n_labels)).astype(np.float64)
    b = np.zeros(n_labels)
    counts = np.bincount(y, minlength=n_labels).astype(np.float64)
    sample_w = (len(y) / (n_labels * np.maximum(counts, 1)))[y]
    onehot = np.eye(n_labels)[y]
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    for _ in range(steps):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w[:, None] / sample_w.sum()
        gw = x.T @ g + l2 * w
        gb = g.sum(axis=0)
        vw = 0.9 * vw + gw
        vb = 0.9 * vb + gb
        w -= lr * vw
        b -= lr * vb
    return w, b


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


def train(records: list[dict], *, folds: int = 5, seed: int = 13) -> tuple[TypeModel, dict]:
    """Fit on all records; return the model and its cross-validated scores:
    type macro-F1, and the mode and code accuracy on events of the right type."""
    labels = (*PLOVER_TYPES, NONE)
    index = {label: i for i, label in enumerate(labels)}
    gold = labels_of(records)
    y = np.array([index[g] for g in gold])
    events = np.array([i for i, r in enumerate(records) if r["event_type"]])
    codes = tuple(sorted({code_label(records[i]) for i in events}))
    code_index = {c: i for i, c in enumerate(codes)}
    yc = np.array([code_index[code_label(r)] if r["event_type"] else -1 for r in records])
    x = encode([r["text"] for r in records]).astype(np.float64)
    order = np.random.default_rng(seed).permutation(len(records))
    pred = [""] * len(records)
    mode_ok = code_ok = typed = 0
    texts = [r["text"] for r in records]
    is_event = np.array([bool(r["event_type"]) for r in records])
    passed = np.zeros(len(records), dtype=bool)  # the encoder reads it: the gate did not turn it away
    for k in range(folds):
        test = order[k::folds]
        train_idx = np.setdiff1d(order, test)
        w, b = fit(x[train_idx], y[train_idx], len(labels))
        cw, cb = fit(x[np.intersect1d(train_idx, events)], yc[np.intersect1d(train_idx, events)], len(codes))
        fold = TypeModel(w, b, labels, cw, cb, codes)
        passed[test] = fit_gate([texts[i] for i in train_idx], is_event[train_idx]).none_proba(
            [texts[i] for i in test]) < GATE_THRESHOLD
        for i, row, code_row in zip(test, fold.predict_proba(x[test]), fold.predict_code_proba(x[test])):
            pred[i] = labels[row.argmax()]
            if pred[i] == gold[i] != NONE:
                scores = TypeScores({}, dict(zip(codes, code_row)))
                code = scores.best_code(gold[i])[0]
                typed += 1
                code_ok += code == code_label(records[i])
                mode_ok += lookup(code).mode == lookup(records[i]["cameo"]).mode
    cv = {"type_macro_f1": macro_f1(gold, pred), "mode_accuracy": mode_ok / max(typed, 1),
          "code_accuracy": code_ok / max(typed, 1),
          "gate_events_read": passed[is_event].mean(), "gate_none_read": passed[~is_event].mean(),
          "gated_type_macro_f1": macro_f1(gold, [p if ok else NONE for p, ok in zip(pred, passed)])}
    w, b = fit(x, y, len(labels))
    cw, cb = fit(x[events], yc[events], len(codes))
    return TypeModel(w, b, labels, cw, cb, codes, fit_gate(texts, is_event)), cv


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="train eventwire's event-type model")
    parser.add_argument("--corpus", type=Path, default=None, help="folder of *.jsonl (default: the packaged corpus)")
    parser.add_argument("--out", type=Path, default=None, help=f"model file (default: data/model/event_type.npz)")
    args = parser.parse_args(argv)
    records = load_corpus(args.corpus)
    model, cv = train(records)
    out = args.out or _model_path()
    model.save(out)
    print(f"{len(records)} sentences; 5-fold cross-validated type macro-F1 {cv['type_macro_f1']:.3f}, "
          f"mode accuracy {cv['mode_accuracy']:.3f} and CAMEO code accuracy {cv['code_accuracy']:.3f} "
          f"on events typed right; the gate lets the encoder read {cv['gate_events_read']:.1%} of event "
          f"sentences and {cv['gate_none_read']:.1%} of the others (gated type macro-F1 "
          f"{cv['gated_type_macro_f1']:.3f}); model written to {out}")


if __name__ == "__main__":
    main()
