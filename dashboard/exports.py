"""Downloads: CSV and Excel with spreadsheet formulas neutralized, PNG and SVG of a chart.

A cell whose text starts with '=', '+', '-' or '@' would run as a formula when the file is opened in
a spreadsheet; such text cells get a leading apostrophe. Numbers stay numbers.
"""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be read as formulas; numeric columns are left untouched."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_numeric_dtype(safe[column]) or pd.api.types.is_bool_dtype(safe[column]):
            continue
        safe[column] = safe[column].map(
            lambda cell: "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell)
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return neutralize(frame).to_csv(index=False).encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "figures") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralize(frame).to_excel(writer, index=False, sheet_name=sheet)
    return buffer.getvalue()


def image_bytes(fig: go.Figure, fmt: str, *, width: int = 1280) -> bytes:
    """PNG or SVG of a chart at the height its layout was computed for (``charts.EXPORT``: 16:9 at
    1280 px), rendered by kaleido in the system's Chromium."""
    height = int(fig.layout.height or 720)
    scale = 2 if fmt == "png" else 1
    for _ in range(RENDER_ATTEMPTS - 1):
        try:
            return fig.to_image(format=fmt, width=width, height=height, scale=scale)
        except Exception as error:  # kaleido's own errors, told apart by their module
            # kaleido drives a fresh Chromium tab; on a loaded machine the tab can run the render call
            # before its own script has loaded ('kaleido_scopes is not defined'): a new tab draws it
            if not type(error).__module__.startswith("kaleido"):
                raise
    return fig.to_image(format=fmt, width=width, height=height, scale=scale)


RENDER_ATTEMPTS = 3
