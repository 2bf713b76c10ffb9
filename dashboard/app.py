"""flowcite dashboard entry point: page configuration and navigation only.

Every page has its own path, the Overview too: Streamlit serves its default page at '/' only, so
'/overview' is an alias of it, and so is any other one-word path nobody defined (a mistyped or old
link opens the Overview with a note, not an error dialog). The sidebar is drawn here, so aliases
never show as pages of their own.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from etl import read_only  # noqa: E402 - after the path that finds it

PAGES = [  # (file, title, icon, url path)
    ("overview.py", "Overview", ":material/insights:", "overview"),
    ("figures.py", "Figures", ":material/table:", "figures"),
    ("sources.py", "Sources", ":material/article:", "sources"),
    ("checks.py", "Checks", ":material/fact_check:", "checks"),
    ("briefing.py", "Briefing", ":material/slideshow:", "briefing"),
    ("add.py", "Add articles", ":material/upload_file:", "add"),
    ("review.py", "Review", ":material/rate_review:", "review"),
]


def requested_path() -> str:
    """The first segment of the path the browser asked for ('' for the root)."""
    try:
        path = urlparse(st.context.url or "").path
    except Exception:  # noqa: BLE001 - no browser context (a test run): the root
        return ""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    segments = [s for s in path.strip("/").split("/") if s]
    if base and segments[:len(base.split("/"))] == base.split("/"):
        segments = segments[len(base.split("/")):]
    return segments[0] if segments else ""


if read_only():  # a published dashboard shows the data and never changes it: no Add, no Review
    PAGES = [page for page in PAGES if page[3] not in ("add", "review")]
st.set_page_config(page_title="flowcite", page_icon=":material/insights:", layout="wide")
# less empty space above each page, so the Briefing chart and its source fit a 1280×800 screen
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:2.2rem}</style>")
START = "flowcite-start"  # the default page's own name; Streamlit serves it at '/'
pages = [st.Page(ROOT / "views" / file, title=title, icon=icon, url_path=START if path == "overview" else path,
                 default=path == "overview") for file, title, icon, path in PAGES]
asked = requested_path()
known = {path for *_, path in PAGES}
aliases = ["overview"] + ([asked] if asked and asked not in known | {START}
                          and re.fullmatch(r"[A-Za-z0-9_-]{1,60}", asked) else [])
pages += [st.Page(ROOT / "views" / "overview.py", title="Overview", icon=":material/insights:", url_path=alias)
          for alias in aliases]
chosen = st.navigation(pages, position="hidden")
with st.sidebar:
    for page in pages[:len(PAGES)]:
        st.page_link(page)
if chosen.url_path == asked and asked not in known | {START}:
    st.caption(f"There is no page “{asked}”; this is the Overview.")
chosen.run()
