"""Offline sentence embeddings (WordLlama), loaded lazily once, never from the network.

WordLlama's wheel ships 256-dimensional static token embeddings and a tokenizer file. Version
0.4.0's loader looks for the tokenizer in ``wordllama/tokenizer/`` while the wheel has it in
``wordllama/tokenizers/``, and would then download it. So the loader is given a cache folder of
ours (in the user data folder) holding a link to (or a copy of) the shipped tokenizer file, and
``disable_download=True``: the weights are found inside the package, the tokenizer in the cache
folder, and nothing is fetched.

The shipped files are read directly when they are where this version keeps them
(:mod:`.static_embed`: the same vectors without importing the package, ~150 ms less); the package's own loader
above is the fallback.

If the package or its files are missing, :func:`sentence_model` returns None and
:func:`model_note` says why; callers fall back to lexical similarity and show the note.
Set ``REDNOTE_DESK_NO_MODEL=1`` to force the fallback.

The first call costs ~0.15 s (reading the tokenizer and the weights); call it off the GUI thread.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rednote_desk.core.compare.shared import current

CONFIG = "l2_supercat"
DIM = 256
MODEL_NAME = f"WordLlama {CONFIG} {DIM}-d"
FALLBACK_NOTE = "statements matched on shared words only: the sentence-meaning model is not available ({why})"

_lock = threading.Lock()
_state: dict[str, object] = {}  # "model" -> SentenceModel | None, "note" -> str


class SentenceModel:
    """Unit-length sentence vectors: the dot product of two rows is their cosine similarity."""

    def __init__(self, inference) -> None:
        self._inference = inference
        self.name = MODEL_NAME

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text. Inside :func:`~rednote_desk.core.compare.shared.shared_work` each distinct text is
        embedded once (a text's vector does not depend on the texts embedded with it)."""
        work = current()
        if work is None or not texts:
            return self._embed(texts)
        known = work.vectors
        missing = list(dict.fromkeys(t for t in texts if (self.name, t) not in known))
        if missing:
            for text, vector in zip(missing, self._embed(missing), strict=True):
                known[(self.name, text)] = vector
        return np.stack([known[(self.name, t)] for t in texts])

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vectors = np.asarray(self._inference.embed(list(texts), norm=True), dtype=np.float32)
        return vectors.reshape(len(texts), -1)


def cache_folder() -> Path:
    """Where the loader finds the tokenizer: ``<user data>/models/wordllama``."""
    from rednote_desk.paths import data_dir

    return data_dir() / "models" / "wordllama"


def _prepare_cache(package: Path, tokenizer_name: str) -> Path:
    shipped = package / "tokenizers" / tokenizer_name
    if not shipped.is_file():
        raise FileNotFoundError(f"the wordllama package has no {shipped.name}")
    for folder in (cache_folder(), Path(tempfile.gettempdir()) / "rednote-desk-wordllama"):
        target = folder / "tokenizers" / tokenizer_name
        try:
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    target.symlink_to(shipped)
                except OSError:
                    shutil.copyfile(shipped, target)
            return folder
        except OSError:
            continue
    raise OSError("no writable folder for the model's tokenizer")


def _load() -> SentenceModel:
    if os.environ.get("REDNOTE_DESK_NO_MODEL"):
        raise RuntimeError("turned off by REDNOTE_DESK_NO_MODEL")
    from rednote_desk.core.compare import static_embed

    shipped = static_embed.load(CONFIG, DIM)  # the package's files, without importing it (~150 ms saved)
    if shipped is not None:
        return SentenceModel(shipped)
    import wordllama
    from wordllama import WordLlama  # ~0.2 s: only when a comparison needs it

    package = Path(wordllama.__file__).parent
    uri = getattr(WordLlama._wordllama, CONFIG)
    cache = _prepare_cache(package, uri.tokenizer_config)
    inference = WordLlama.load(config=CONFIG, dim=DIM, cache_dir=cache, disable_download=True)
    return SentenceModel(inference)


def sentence_model() -> SentenceModel | None:
    """The shared model (loaded on first call, thread-safe), or None when it cannot be loaded offline."""
    with _lock:
        if "model" not in _state:
            try:
                _state["model"] = _load()
                _state["note"] = ""
            except Exception as exc:  # noqa: BLE001 - any failure means: use the lexical fallback
                _state["model"] = None
                _state["note"] = FALLBACK_NOTE.format(why=str(exc).strip() or type(exc).__name__)
        return _state["model"]  # type: ignore[return-value]


def model_note() -> str:
    """Empty when the model is loaded; otherwise why statements are matched on words only."""
    sentence_model()
    return str(_state.get("note", ""))


def forget_model() -> None:
    """Drop the cached model (tests)."""
    with _lock:
        _state.clear()


__all__ = ["MODEL_NAME", "SentenceModel", "cache_folder", "forget_model", "model_note", "sentence_model"]
