"""WordLlama's sentence vectors from its shipped files, without importing the ``wordllama`` package.

Importing ``wordllama`` costs about 150 ms (it imports pydantic for its configuration classes and requests for
downloads we never make) before the model is even read. The model itself is two files inside the installed
package: static token embeddings (``weights/<config>_<dim>.safetensors``) and a tokenizer. A sentence's vector
is the average of its tokens' embeddings, made unit length. :class:`StaticEmbeddings` reads those two files with
the libraries WordLlama itself uses (``safetensors``, ``tokenizers``) and takes the same steps in the same order
(batches of 64, padding, ids clipped to the vocabulary, float32 sums), so the vectors are the same to the bit
(``tests/core/test_static_embed.py`` checks it against ``wordllama.WordLlama``).

:func:`load` returns None when the files are not where this version of the package keeps them; the caller then
loads the model through ``wordllama`` itself.
"""
from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import numpy as np

BATCH = 64  # WordLlamaInference.embed's batch size: padding is per batch


class StaticEmbeddings:
    """``embed(texts, norm=True)`` as WordLlama's inference does it, for the dense (not binary) model."""

    def __init__(self, embedding: np.ndarray, tokenizer) -> None:
        self.embedding = np.ascontiguousarray(embedding.astype(np.float32))
        self.tokenizer = tokenizer
        self.tokenizer.enable_padding()
        self.tokenizer.no_truncation()

    def embed(self, texts: Sequence[str], norm: bool = True) -> np.ndarray:
        texts = list(texts)
        out = np.empty((len(texts), self.embedding.shape[1]), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            encoded = self.tokenizer.encode_batch(texts[start:start + BATCH], is_pretokenized=False,
                                                  add_special_tokens=False)
            ids = np.array([e.ids for e in encoded], dtype=np.int32)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            np.clip(ids, 0, self.embedding.shape[0] - 1, out=ids)
            tokens = self.embedding[ids]
            counts = np.maximum(mask.sum(axis=1, keepdims=True), 1.0).astype(np.float32)
            vectors = np.sum(tokens * mask[..., np.newaxis], axis=1, dtype=np.float32) / counts
            if norm:
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            out[start:start + vectors.shape[0]] = vectors
        return out


def package_folder() -> Path | None:
    """The installed ``wordllama`` package's folder, found without importing it (None if not installed)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def load(config: str, dim: int) -> StaticEmbeddings | None:
    """The model ``config`` at ``dim`` dimensions from the package's own files, or None when they are not there."""
    package = package_folder()
    if package is None:
        return None
    weights = package / "weights" / f"{config}_{dim}.safetensors"
    tokenizer_file = package / "tokenizers" / f"{config}_tokenizer_config.json"
    if not (weights.is_file() and tokenizer_file.is_file()):
        return None
    from safetensors import safe_open
    from tokenizers import Tokenizer

    with safe_open(str(weights), framework="np", device="cpu") as f:
        embedding = f.get_tensor("embedding.weight")
    if embedding.ndim != 2 or embedding.shape[1] != dim:
        return None
    return StaticEmbeddings(embedding, Tokenizer.from_file(str(tokenizer_file)))


__all__ = ["StaticEmbeddings", "load", "package_folder"]
