"""Article text and sentences as safe HTML, with each figure marked. Every piece of text is escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable

LINKED_STYLE = ("<style>mark.linked{background:#f6b26b;outline:2px solid #8a4b00;font-weight:600}"
                "mark.other{background:#fff2b3}</style>")


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]], link: str = "", focus: str = "") -> str:
    """``text`` escaped, each (start, end, figure_id, tooltip) span wrapped in an anchored <mark>;
    with ``link`` (a URL prefix such as '/figures?figure='), each mark links to its figure's row; the
    ``focus`` figure (the one a link pointed at) is marked apart from the others (``LINKED_STYLE``)."""
    out: list[str] = []
    position = 0
    for start, end, figure_id, tooltip in sorted(spans):
        if start < position or end > len(text):
            continue
        out.append(html.escape(text[position:start]))
        kind = "linked" if focus and figure_id == focus else "other"
        mark = (f'<mark id="fig-{html.escape(figure_id)}" class="{kind}" title="{html.escape(tooltip, quote=True)}">'
                f"{html.escape(text[start:end])}</mark>")
        if link:
            mark = f'<a href="{html.escape(link + figure_id, quote=True)}" target="_self">{mark}</a>'
        out.append(mark)
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out).replace("\n\n", "<br><br>").replace("\n", "<br>")


def sentence_with_figure(quote: str, figure_text: str) -> str:
    """The quoted sentence, escaped, with the figure's first appearance marked."""
    at = quote.find(figure_text)
    if at < 0:
        return html.escape(quote)
    return highlight(quote, [(at, at + len(figure_text), "q", figure_text)])


def escape_markdown(text: str) -> str:
    """Text that Streamlit's markdown shows literally: no links, emphasis or HTML from an article."""
    special = "\\`*_{}[]()#+-.!|<>~$"
    return "".join("\\" + ch if ch in special else ch for ch in text)
