"""Add articles: upload files or paste a story, review the extracted figures, then save."""

from __future__ import annotations

import streamlit as st

from dashboard import display, ui
from dashboard.cached import get_dataset
from dashboard.data import data_root, upload_limit_bytes
from dashboard.highlight import escape_markdown
from dashboard.review_table import decisions_from_edit, editable_frame
from etl import (
    DataFolder,
    InputError,
    Upload,
    add_articles,
    fetch_upload,
    pasted_article,
    preview,
    record_decisions,
    with_metadata,
)

st.title("Add articles")
st.caption("Upload article files, give their addresses, or paste a story. flowcite extracts the figures for you "
           "to review before anything is saved; an article already in the corpus is recognized and not added twice.")
reviewer = st.text_input("Your name (recorded with every decision)", st.session_state.get("reviewer", ""),
                         key="add-reviewer")
st.session_state["reviewer"] = reviewer
limit = upload_limit_bytes()
pending: list[dict] = st.session_state.setdefault("pending", [])


def queue(upload: Upload) -> None:
    """Add an upload to the previews, once: a second click on Extract shows the same preview, not two."""
    if any(item["upload"] == upload for item in st.session_state["pending"]):
        return
    st.session_state["pending"] = [item for item in st.session_state["pending"]
                                   if item["upload"].name != upload.name]  # the same file with other metadata
    st.session_state["pending"].append({"upload": upload})


upload_tab, url_tab, paste_tab = st.tabs(["Upload files", "Add by URL", "Paste text"])
with url_tab, st.form("by-url", clear_on_submit=False):
    addresses = st.text_area("Article addresses (http or https), one per line", key="add-urls", height=100)
    if st.form_submit_button("Fetch and extract"):
        folder = DataFolder(data_root())
        for address in [line.strip() for line in addresses.splitlines() if line.strip()]:
            try:
                queue(fetch_upload(folder, address))
            except InputError as error:
                st.error(escape_markdown(str(error)))
with upload_tab:
    files = st.file_uploader("Article files (.txt, .md, .html)", type=["txt", "md", "html", "htm"],
                             accept_multiple_files=True, key=f"uploads-{st.session_state.get('uploader-round', 0)}")
    u1, u2 = st.columns(2)
    upload_outlet = u1.text_input("Outlet of these files (optional; else what each file says)", key="upload-outlet")
    upload_author = u2.text_input("Author (optional)", key="upload-author")
    if st.button("Extract figures from the files", disabled=not files):
        for file in files or []:
            try:
                upload = with_metadata(Upload(file.name, file.getvalue()), publisher=upload_outlet,
                                       author=upload_author, max_bytes=limit)
            except InputError as error:
                st.error(escape_markdown(str(error)))
                continue
            queue(upload)
with paste_tab, st.form("paste", clear_on_submit=False):
    title = st.text_input("Title")
    c1, c2, c3, c4 = st.columns(4)
    published = c1.text_input("Publication date (YYYY-MM-DD), required")
    outlet = c2.text_input("Outlet")
    author = c3.text_input("Author")
    url = c4.text_input("URL")
    body = st.text_area("Article text", height=220)
    if st.form_submit_button("Extract figures from the text"):
        try:
            queue(pasted_article(title, published, body, publisher=outlet, url=url, author=author))
        except InputError as error:
            st.error(str(error))

for kind, message in st.session_state.pop("add-messages", []):
    getattr(st, kind)(escape_markdown(message))

known = set(get_dataset().articles["article_id"]) if not get_dataset().articles.empty else set()
keep: list[dict] = []
for index, item in enumerate(st.session_state["pending"]):
    upload = item["upload"]
    try:
        article, figures = preview(upload, max_bytes=limit)
    except InputError as error:
        st.error(str(error))
        continue
    keep.append(item)
    with st.container(border=True):
        st.subheader(escape_markdown(article.title or article.source_file))
        st.caption(" · ".join(escape_markdown(v) for v in (article.publisher, article.published, article.source_file)
                              if v))
        if article.article_id in known:
            st.info("This article is already in the corpus; it will not be added again.")
        if not figures:
            st.warning("No figures found in this article. It will be saved with this note; add missed figures on "
                       "the Review page.")
            continue
        frame = editable_frame(ui.figures_frame(figures))
        st.session_state[f"pending-before-{index}"] = frame
        st.data_editor(frame, key=f"pending-editor-{index}", hide_index=True, width="stretch",
                       disabled=["text", "reviewed", "quote", "figure_id", "article_id"],
                       column_config=ui.editor_columns())
st.session_state["pending"] = keep

if keep:
    c1, c2 = st.columns(2)
    if c1.button("Save to the corpus", type="primary", disabled=not reviewer.strip()):
        folder = DataFolder(data_root())
        outcome = add_articles(folder, [item["upload"] for item in keep], max_bytes=limit)
        decisions = []
        for index in range(len(keep)):
            before = st.session_state.get(f"pending-before-{index}")
            edited = ui.edited_frame(f"pending-editor-{index}", before)
            if before is not None and edited is not None:
                decisions += decisions_from_edit(before, edited, reviewer.strip())
        saved_ids = {article.article_id for _, article, _ in outcome.saved}
        decisions = [d for d in decisions if d.article_id in saved_ids]
        if decisions:
            record_decisions(folder, decisions)
        messages = [("error", line) for line in outcome.failures]
        messages += [("info", f"{upload_name}: already in the corpus as {existing}; not added again.")
                     for upload_name, existing in outcome.duplicates]
        made = display.plural(len(decisions), "decision")
        messages += [("success", f"Saved {name} with {display.plural(count, 'figure')}"
                      + (" (none found: saved with this note)" if not count else "") + f" and {made}.")
                     for name, _, count in outcome.saved]
        st.session_state["pending"] = []
        st.session_state["add-messages"] = messages
        st.session_state["uploader-round"] = st.session_state.get("uploader-round", 0) + 1
        st.cache_data.clear()
        st.rerun()
    if c2.button("Discard"):
        st.session_state["pending"] = []
        st.rerun()
    if not reviewer.strip():
        st.caption("Enter your name to save.")
