"""Colors that stay the same for an outlet or a series on every page and every run."""

from __future__ import annotations

import hashlib

PALETTE = ["#1f4e79", "#c0504d", "#4f8a3c", "#8064a2", "#d98b2b", "#2c9cab", "#a34f7f", "#6b6b6b", "#b5a22c",
           "#3d6fb6", "#7a3b2e", "#3f7f6f"]
SERIES = {"stated": "#1f4e79", "derived": "#9dbcd9", "planned": "#d98b2b", "actual": "#1f4e79"}
FONT = "Inter, Helvetica, Arial, sans-serif"


def outlet_color(outlet: str) -> str:
    """A palette color chosen by the outlet's name, so it never changes with the data around it."""
    index = int(hashlib.sha256(outlet.encode("utf-8")).hexdigest(), 16) % len(PALETTE)
    return PALETTE[index]
