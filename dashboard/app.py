"""flowcite dashboard entry point: page configuration and navigation only."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

st.set_page_config(page_title="flowcite", page_icon="📊", layout="wide")
pages = [st.Page(str(Path(__file__).parent / "pages" / "figures.py"), title="Figures", default=True)]
st.navigation(pages).run()
