"""Colours for new tags: one that no other tag in the codebook has."""
from __future__ import annotations

import colorsys
from collections.abc import Iterable

PALETTE = ["#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6",
           "#bcf60c", "#fabebe", "#008080", "#e6beff", "#9a6324", "#fffac8", "#800000", "#aaffc3"]
_GOLDEN = 0.618033988749895


def unused_color(used: Iterable[str]) -> str:
    """The first palette colour not in ``used``; past the palette, hues spread by the golden angle (with a few
    lightness steps) until one is free."""
    taken = {c.lower() for c in used if c}
    for color in PALETTE:
        if color not in taken:
            return color
    for i in range(1, 100_000):
        hue = (i * _GOLDEN) % 1.0
        lightness = (0.45, 0.6, 0.35, 0.7)[(i // 37) % 4]
        r, g, b = colorsys.hls_to_rgb(hue, lightness, 0.65)
        color = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
        if color not in taken:
            return color
    raise ValueError("no free colour left")  # 100,000 tags: not a codebook a person made
