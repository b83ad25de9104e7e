"""The model read from WordLlama's shipped files without importing the package gives WordLlama's own vectors."""
from __future__ import annotations

import numpy as np
import pytest

from rednote_desk.core.compare import static_embed
from rednote_desk.core.compare.embed import CONFIG, DIM, _prepare_cache

wordllama = pytest.importorskip("wordllama")

TEXTS = [
    "Firefighters fought the blaze at the Brennick plant for six hours.",
    "Fire crews battled the fire at the factory overnight, officials said.",
    "About 45,000 dockworkers walked off the job on Monday.",
    "小红书的用户数在一周内增加了七十万。",
    "Mayor Helena Voss said the bridge would reopen “within weeks”.",
    "𝓞𝓹𝓮𝓻𝓪 🚢 — emoji and astral letters",
    "a",
]


def test_shipped_files_give_wordllamas_vectors_to_the_bit(tmp_path, monkeypatch):
    monkeypatch.setenv("REDNOTE_DESK_HOME", str(tmp_path))  # WordLlama's own loader gets its tokenizer link here
    lean = static_embed.load(CONFIG, DIM)
    assert lean is not None, "wordllama is installed, so its files are where the lean loader looks"
    cache = _prepare_cache(static_embed.package_folder(), f"{CONFIG}_tokenizer_config.json")
    reference = wordllama.WordLlama.load(config=CONFIG, dim=DIM, cache_dir=cache, disable_download=True)
    # more than one batch of 64, sentences of different lengths in the same batch (padding)
    texts = [f"{t} ({n})" if n >= len(TEXTS) else t for n, t in enumerate(TEXTS * 12)]
    ours = lean.embed(texts)
    theirs = np.asarray(reference.embed(texts, norm=True), dtype=np.float32)
    assert ours.shape == (len(texts), DIM)
    assert np.array_equal(ours, theirs)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_missing_files_mean_no_lean_model(monkeypatch, tmp_path):
    monkeypatch.setattr(static_embed, "package_folder", lambda: tmp_path)
    assert static_embed.load(CONFIG, DIM) is None
    monkeypatch.setattr(static_embed, "package_folder", lambda: None)
    assert static_embed.load(CONFIG, DIM) is None
