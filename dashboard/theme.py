"""Colors that stay the same for an outlet or a series on every page and every run."""

from __future__ import annotations

import hashlib

# calm, distinguishable colors; no red, which reads as a warning on a slide
PALETTE = ["#1f4e79", "#4f8a3c", "#8064a2", "#2c9cab", "#6b6b6b", "#b5a22c", "#3d6fb6", "#3f7f6f", "#7a6a9a",
           "#5b7f95", "#8c7b5a", "#4a6b3a"]
SERIES = {"stated": "#1f4e79", "derived": "#9dbcd9", "planned": "#b07a2a", "planned_fill": "rgba(176,122,42,0.22)",
          "actual": "#1f4e79"}
FONT = "Inter, Helvetica, Arial, sans-serif"


def outlet_color(outlet: str) -> str:
    """A palette color chosen by the outlet's name, so it never changes with the data around it."""
    index = int(hashlib.sha256(outlet.encode("utf-8")).hexdigest(), 16) % len(PALETTE)
    return PALETTE[index]
