"""flowcite dashboard entry point: page configuration and navigation only."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

st.set_page_config(page_title="flowcite", page_icon=":material/insights:", layout="wide")
st.navigation([
    st.Page(ROOT / "views" / "overview.py", title="Overview", icon=":material/insights:", url_path="overview",
            default=True),
    st.Page(ROOT / "views" / "figures.py", title="Figures", icon=":material/table:", url_path="figures"),
    st.Page(ROOT / "views" / "sources.py", title="Sources", icon=":material/article:", url_path="sources"),
    st.Page(ROOT / "views" / "checks.py", title="Checks", icon=":material/fact_check:", url_path="checks"),
    st.Page(ROOT / "views" / "briefing.py", title="Briefing", icon=":material/slideshow:", url_path="briefing"),
    st.Page(ROOT / "views" / "add.py", title="Add articles", icon=":material/upload_file:", url_path="add"),
    st.Page(ROOT / "views" / "review.py", title="Review", icon=":material/rate_review:", url_path="review"),
]).run()
