"""Plain-text page copies: find headline, byline, date and outlet among the page furniture.

A page copy starts with furniture (logo lines, "Last update" stamps, section menus, a headline,
a byline or date line, photo captions) before the story. The headline is the last headline-like
line before the first byline or date line; the publication date is the byline's date, never a
"Last update" date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from etl.dates import find_date

UPDATE = re.compile(r"^(?:last\s+)?(?:updated?|modified|edited|changed)\b|^last\s+update", re.IGNORECASE)
PUBLISHED = re.compile(r"^(?:first\s+)?(?:published|created|posted|issued|released|date)\b(?:\s+on)?[:\s]*",
                       re.IGNORECASE)
SEGMENT = re.compile(r"[|•·]")  # 'Reuters | Published November 23, 2022 | Updated …' (no \s* around it: a
# pattern opening with \s* is tried at every space of a long run of them)
SHORT_DATE = re.compile(r"^(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d\d)(?:\s+\d\d?:\d\d)?$")  # '22.07.20'
DATELINE = re.compile(r"^[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,40}){0,2},\s+")
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


def line_date(line: str) -> str:
    """The publication date a furniture line gives, or '': of its segments ('Desk | Updated: … |
    Created: …') a 'Published'/'Created' one first, then any other with a date; an 'Updated' or 'Last
    modified' segment never."""
    segments = [part.strip() for part in SEGMENT.split(line.strip()) if part.strip()]
    dated = [part for part in segments if not UPDATE.match(part)]
    for part in sorted(dated, key=lambda part: not PUBLISHED.match(part)):
        found = find_date(part) or _short_date(part)
        if found:
            return found[0].isoformat()
    return ""


def _short_date(text: str) -> tuple[date, None] | None:
    """'22.07.20' alone on a line (a two-digit year is only trusted there)."""
    match = SHORT_DATE.match(text.strip())
    if not match:
        return None
    try:
        return date(2000 + int(match.group("year")), int(match.group("month")), int(match.group("day"))), None
    except ValueError:
        return None


def _classify(line: str) -> str:
    """The role of one non-empty line of page furniture."""
    stripped = line.strip()
    lowered = stripped.lower()
    if lowered in NOISE or CREDIT.match(stripped):
        return "noise"
    if UPDATE.match(stripped):
        return "update"
    if _words(stripped) <= 25 and SEGMENT.search(stripped) and any(
            PUBLISHED.match(part.strip()) for part in SEGMENT.split(stripped)) and line_date(stripped):
        return "date"
    if _short_date(stripped):
        return "date"
    if lowered.endswith(" logo") or lowered == "logo":
        return "logo"
    if PUBLISHED.match(stripped) and find_date(stripped):
        return "date"
    if BYLINE.match(stripped) and _words(stripped) <= 12:
        return "byline"
    if _words(stripped) <= 12 and line_date(stripped):  # 'SOCIETY | 19:04 / 29.07.2024' is a date line
        return "date"
    if CAPTION.search(stripped):
        return "caption"
    if NAV.search(stripped):
        return "nav"
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
    title_index = _headline(lines, kinds, header_end, first_dated, first_body)
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
                published = line_date(lines[i]) or _byline(lines[i].strip())[1]
                author = author or _byline(PUBLISHED.sub("", lines[i].strip()))[0]
                break
    if not published:
        published = _dateline_date(lines, kinds, first_body)

    publisher = _publisher(lines, kinds, title_index)
    story_start = max(i for i in (title_index, first_dated, -1) if i is not None) + 1
    while story_start < len(lines) and kinds[story_start] in ("blank", "byline", "date", "nav", "noise"):
        story_start += 1
    body_lines = [line.rstrip() for line, kind in zip(lines[story_start:], kinds[story_start:], strict=True)
                  if kind not in ("noise", "caption", "logo", "update")]
    body_lines = _drop_footer(body_lines, publisher)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(body_lines)).strip()
    return PageCopy(title=title, author=author, publisher=publisher, published=published, body=body)


def _headline(lines: list[str], kinds: list[str], header_end: int, first_dated: int | None,
              first_body: int) -> int | None:
    """The headline among the header's short lines: the last one before the byline or date line (most
    outlets), else — when only the outlet's name precedes that line (a headline printed under the
    date) — the first headline-like line after it, else the longest."""
    def headline_like(i: int, words: int) -> bool:
        return kinds[i] == "short" and _words(lines[i]) >= words

    before = [i for i in range(header_end) if headline_like(i, 3)]
    if first_dated is not None:
        long_before = [i for i in before if _words(lines[i]) >= 4 and i > 0]
        if long_before:
            return long_before[-1]
        after = [i for i in range(first_dated + 1, first_body) if headline_like(i, 4)]
        if after:
            return after[0]
        return before[-1] if before else None
    return max(before, key=lambda i: _words(lines[i])) if before else None


def _dateline_date(lines: list[str], kinds: list[str], first_body: int) -> str:
    """The date of a dateline opening the story ('TASHKENT, Uzbekistan, September 6, 2023. …'), when
    the page gives no other."""
    for i in range(first_body, min(len(lines), first_body + 3)):
        line = lines[i].strip()
        match = DATELINE.match(line)
        if match and kinds[i] == "body":
            found = find_date(line[match.end():match.end() + 40])
            if found and found[1].start() == 0:
                return found[0].isoformat()
    return ""


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
