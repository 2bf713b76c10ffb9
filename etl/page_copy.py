"""Plain-text page copies: find headline, byline, date and outlet among the page furniture.

A page copy starts with furniture (logo lines, "Last update" stamps, section menus, a headline,
a byline or date line, photo captions) before the story. The headline is the last headline-like
line before the first byline or date line; the publication date is the byline's date, never a
"Last update" date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.dates import find_date

UPDATE = re.compile(r"^(?:last\s+)?updated?\b|^last\s+update", re.IGNORECASE)
PUBLISHED = re.compile(r"^published\b[:\s]*", re.IGNORECASE)
BYLINE = re.compile(r"^(?:by|from)\s+(?P<name>.+?)\s*$", re.IGNORECASE)
STAFF = re.compile(r"^(?P<name>[A-Z][\w.&' -]{1,40}?)\s+(?:staff|correspondent|reporter)\b", re.IGNORECASE)
CAPTION = re.compile(r"\s/\s*[^/]{1,40}$")
NAV = re.compile(r"\s[|»>]\s|^[^|]{1,40}»")
SHARE = re.compile(r"^(?:share|tags|related|read more|follow us)\b", re.IGNORECASE)
NOISE = {"none", "null", "advertisement", "photo", "video"}
CREDIT = re.compile(r"^(?:image|photo|picture|source|credit|file photo)s?\s*:\s*\S.{0,60}$", re.IGNORECASE)


@dataclass(frozen=True)
class PageCopy:
    title: str
    author: str
    publisher: str
    published: str
    body: str


def _words(line: str) -> int:
    return len(line.split())


def _is_body(line: str) -> bool:
    return _words(line) >= 20 or (_words(line) >= 10 and line.rstrip().endswith((".", "”", '"', ":")))


def _classify(line: str) -> str:
    """The role of one non-empty line of page furniture."""
    stripped = line.strip()
    lowered = stripped.lower()
    if lowered in NOISE or CREDIT.match(stripped):
        return "noise"
    if UPDATE.match(stripped):
        return "update"
    if lowered.endswith(" logo") or lowered == "logo":
        return "logo"
    if PUBLISHED.match(stripped) and find_date(stripped):
        return "date"
    if BYLINE.match(stripped) and _words(stripped) <= 12:
        return "byline"
    if CAPTION.search(stripped):
        return "caption"
    if NAV.search(stripped):
        return "nav"
    if _words(stripped) <= 12 and find_date(stripped):
        return "date"
    if _is_body(stripped):
        return "body"
    return "short"


def _byline(line: str) -> tuple[str, str]:
    """(author, date) from 'By NAME DATE' or 'NAME Staff DATE'."""
    found = find_date(line)
    head = line[: found[1].start()] if found else line
    published = found[0].isoformat() if found else ""
    head = head.strip(" ,|-–—")
    match = BYLINE.match(head)
    name = match.group("name") if match else ""
    if STAFF.match(head):
        name = ""
    return name.strip(" ,"), published


def parse_page_copy(text: str) -> PageCopy:
    """Split a page copy into metadata and the story's body text."""
    lines = text.splitlines()
    kinds = [_classify(line) if line.strip() else "blank" for line in lines]
    first_body = next((i for i, kind in enumerate(kinds) if kind == "body"), len(lines))
    first_dated = next((i for i, kind in enumerate(kinds[:first_body]) if kind in ("byline", "date")), None)
    header_end = first_dated if first_dated is not None else first_body
    candidates = [i for i in range(header_end) if kinds[i] == "short" and _words(lines[i]) >= 3]
    if first_dated is not None and candidates:
        title_index = candidates[-1]
    elif candidates:
        title_index = max(candidates, key=lambda i: _words(lines[i]))
    else:
        title_index = None
    title = lines[title_index].strip() if title_index is not None else ""

    author, published = "", ""
    for i in range(first_body):
        if kinds[i] == "byline":
            author, published = _byline(lines[i].strip())
            if published:
                break
    if not published:
        for i in range(first_body):
            if kinds[i] == "date":
                published = _byline(lines[i].strip())[1]
                author = author or _byline(PUBLISHED.sub("", lines[i].strip()))[0]
                break

    publisher = _publisher(lines, kinds, title_index)
    story_start = max(i for i in (title_index, first_dated, -1) if i is not None) + 1
    while story_start < len(lines) and kinds[story_start] in ("blank", "byline", "date", "nav", "noise"):
        story_start += 1
    body_lines = [line.rstrip() for line, kind in zip(lines[story_start:], kinds[story_start:], strict=True)
                  if kind not in ("noise", "caption", "logo", "update")]
    body_lines = _drop_footer(body_lines, publisher)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(body_lines)).strip()
    return PageCopy(title=title, author=author, publisher=publisher, published=published, body=body)


def _publisher(lines: list[str], kinds: list[str], title_index: int | None) -> str:
    """The outlet: a signature line at the end, else a logo line, else the first short line."""
    tail = [line.strip() for line in lines if line.strip()][-1:]
    if tail and _words(tail[0]) <= 4 and not tail[0].endswith((".", "”", '"')) and not SHARE.match(tail[0]):
        return tail[0]
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "logo":
            name = line.strip()[: -len("logo")].strip()
            if name:
                return name
    if title_index:
        for i in range(title_index):
            if kinds[i] == "short" and _words(lines[i]) <= 5:
                return lines[i].strip()
    return ""


def _drop_footer(lines: list[str], publisher: str) -> list[str]:
    while lines and (not lines[-1].strip() or SHARE.match(lines[-1].strip())
                     or (publisher and lines[-1].strip() == publisher)):
        lines.pop()
    return lines
