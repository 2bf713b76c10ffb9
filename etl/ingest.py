"""Read article files (.txt page copies, .md with front matter, saved .html pages) into Articles.

``parse_article`` is pure (bytes in, Article out); ``read_article`` reads a file for it. Every
problem with a file is raised as an :class:`etl.errors.InputError` whose message names the file
and the problem in one line; the limits a file must keep are ``etl.limits``.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from etl import errors
from etl.dates import find_date, parse_date
from etl.limits import MAX_BYTES, MAX_HTML_ELEMENTS, MAX_TEXT_CHARS
from etl.models import Article
from etl.page_copy import parse_page_copy

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_FRONT_MATTER = 64_000  # characters: a few fields, never a document
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def is_article_file(path: Path) -> bool:
    return is_article_name(path.name)


def is_article_name(name: str) -> bool:
    """True for a file name with an article suffix (.txt, .md, .html, .htm), whatever its case."""
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in SUFFIXES


def read_article(path: Path, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article file. Raises InputError (one line, naming the file) when it cannot."""
    name = path.name
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise errors.UnsupportedTypeError(name, path.suffix)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise errors.FileTooLargeError(name, size, max_bytes)
        raw = path.read_bytes()
    except OSError as exc:
        raise errors.InputError(name, f"cannot be read ({exc.strerror or exc})") from exc
    return parse_article(raw, name, fmt, max_bytes=max_bytes)


def decode(raw: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Article bytes as text with normalized newlines; InputError for empty, binary or non-UTF-8 bytes."""
    if len(raw) > max_bytes:
        raise errors.FileTooLargeError(name, len(raw), max_bytes)
    if not raw.strip():
        raise errors.EmptyFileError(name)
    if b"\x00" in raw:
        raise errors.BinaryFileError(name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise errors.UndecodableFileError(name, f"invalid byte at offset {exc.start}") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not "".join(text.split()).isprintable() and _control_characters(text) > max(8, len(text) // 100):
        raise errors.BinaryFileError(name)
    return text


def _control_characters(text: str) -> int:
    """Characters that are neither printable nor white space (counted only when some exist)."""
    return sum(not (ch.isprintable() or ch.isspace()) for ch in text)


def content_hash(raw: bytes, name: str) -> str:
    """The SHA-256 of a file's text, of which an article's id is the first 16 digits: its identity
    whatever the file is named. InputError if the bytes are no article text."""
    return hashlib.sha256(decode(raw, name).encode("utf-8")).hexdigest()


# the comment a page flowcite fetched is kept with (etl.fetch writes it): where and when it came from
FETCHED_FROM = re.compile(r"\A<!-- flowcite: fetched from (\S+) at (\S+) -->\n")


def source_url(raw: bytes) -> str:
    """The address a kept page was fetched from, or ''."""
    match = FETCHED_FROM.match(raw[:4096].decode("utf-8", "replace"))
    return match.group(1) if match else ""


def parse_article(raw: bytes, name: str, fmt: str, *, max_bytes: int = MAX_BYTES) -> Article:
    """An Article from a file's bytes. Pure: no disk access."""
    text = decode(raw, name, max_bytes=max_bytes)
    if fmt == "md":
        meta, body = _markdown(text, name)
    elif fmt == "html":
        meta, body = _html(text, name)
        fetched = FETCHED_FROM.match(text)  # a page flowcite fetched: the address it came from
        if fetched and not meta.get("url"):
            meta["url"] = fetched.group(1)
    else:
        page = parse_page_copy(text)
        meta = {"title": page.title, "author": page.author, "publisher": page.publisher,
                "published": page.published, "url": ""}
        body = page.body
    if not body.strip():
        raise errors.NoArticleTextError(name)
    if len(body) > MAX_TEXT_CHARS:
        raise errors.TextTooLongError(name, len(body), MAX_TEXT_CHARS)
    if not meta.get("published") or not _iso_date(meta.get("published")):
        meta["published"], byline = _dateline_in_body(body)
        meta["author"] = meta.get("author") or byline
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(article_id=digest[:16], source_file=name, title=_clean(meta.get("title")),
                   author=_clean(meta.get("author")), publisher=_clean(meta.get("publisher")),
                   published=_iso_date(meta.get("published")), url=_clean(meta.get("url")), format=fmt,
                   content_hash=digest, text=body)


def _dateline_in_body(body: str) -> tuple[str, str]:
    """(date, author) from a short dated line at the top of the story ('*By NAME, 5 May 2021*')."""
    for line in [line.strip() for line in body.splitlines() if line.strip()][:5]:
        found = find_date(line)
        if found and len(line.split()) <= 14:
            byline = re.match(r"^by\s+(.+?)[,|–—-]*\s*$", line[: found[1].start()], re.IGNORECASE)
            return found[0].isoformat(), byline.group(1).strip(" ,") if byline else ""
    return "", ""


def _clean(value: object) -> str:
    return re.sub(r"\s+", " ", str(value)).strip() if value not in (None, "") else ""


def _iso_date(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _clean(value)
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return text[:10]
    return parse_date(text)


# bounded: an emphasis or link that never closes must not make every later marker scan the whole line
EMPHASIS = re.compile(r"(\*\*|__)(.{1,500}?)\1|(?<![\w*])\*(?!\s)(.{1,500}?)(?<!\s)\*(?![\w*])")
LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without aliases: front matter is a few fields, and '*a' references nested in each other
    expand to gigabytes ('billion laughs')."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                              event.start_mark)
        return super().compose_node(parent, index)  # index: None, a position or a key node


def _front_matter(source: str, name: str) -> dict[str, object]:
    """The front matter's fields: a mapping of scalars (a list of authors or tags is joined)."""
    if len(source) > MAX_FRONT_MATTER:
        raise errors.MalformedFrontMatterError(name, f"{len(source):,} characters, over the "
                                                     f"{MAX_FRONT_MATTER:,} front matter may hold")
    try:
        loaded = yaml.load(source, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise errors.MalformedFrontMatterError(name, str(exc).splitlines()[0]) from exc
    except RecursionError as exc:
        raise errors.MalformedFrontMatterError(name, "nested too deeply") from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise errors.MalformedFrontMatterError(name, "it is not a mapping of fields")
    fields: dict[str, object] = {}
    for key, value in loaded.items():
        if isinstance(value, list) and all(not isinstance(v, list | dict) for v in value):
            value = "; ".join(str(v) for v in value)
        elif isinstance(value, list | dict):
            raise errors.MalformedFrontMatterError(name, f"field {str(key)[:40]!r} is nested, not a value")
        fields[str(key).lower()] = value
    return fields


def _markdown(text: str, name: str) -> tuple[dict[str, object], str]:
    meta: dict[str, object] = {}
    match = FRONT_MATTER.match(text)
    body = text
    if match:
        meta = _front_matter(match.group("yaml"), name)
        body = text[match.end():]
    lines = []
    for line in body.splitlines():
        heading = re.match(r"^#{1,6}\s+(.*)$", line)
        if heading and not meta.get("title"):
            meta["title"] = heading.group(1)
            continue
        line = heading.group(1) if heading else line
        line = LINK.sub(r"\1", line)
        line = EMPHASIS.sub(lambda m: m.group(2) or m.group(3), line)
        lines.append(line.rstrip())
    if not meta.get("published"):
        meta["published"] = meta.get("date", "")
    return meta, "\n".join(lines).strip()


def _element_count(text: str) -> int:
    """Elements in the page as lxml parses it (a tenth of the reader's time for the same page)."""
    import lxml.html

    try:
        return sum(1 for _ in lxml.html.document_fromstring(text).iter())
    except (ValueError, lxml.etree.ParserError):
        return 0  # nothing to parse: the reader says so


# what a byline holds beside its authors: a weekday, or the date line ('Last updated July', 'Published: …')
BYLINE_NOT_AUTHOR = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|(?:last\s+)?(?:updated|modified|"
                               r"published|posted|edited|first\s+published)\b)", re.IGNORECASE)
TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*[|]\s*")


def _site_name(page: str, headline: str, sitename: str) -> str:
    """The outlet: the reader's site name; when it found none, or took the headline itself for it (a <title>
    of 'Headline | Outlet' read the wrong way round), the part of the <title> that is not the headline;
    '' when there is none."""
    if sitename and sitename.casefold() != headline.casefold():
        return sitename
    found = TITLE_TAG.search(page[:200_000])
    parts = [_clean(html.unescape(part)) for part in TITLE_SEPARATOR.split(found.group(1))] if found else []
    others = [part for part in parts if part and part.casefold() != headline.casefold()
              and part.casefold() not in headline.casefold()]
    return others[-1] if len(parts) > 1 and others else ""


def _html(text: str, name: str) -> tuple[dict[str, object], str]:
    import trafilatura  # heavy import, only for HTML

    elements = _element_count(text)
    if elements > MAX_HTML_ELEMENTS:  # the reader's time grows with the page's elements, whatever they hold
        raise errors.TooManyElementsError(name, elements, MAX_HTML_ELEMENTS)
    document = trafilatura.bare_extraction(text, with_metadata=True, favor_precision=True,
                                           include_comments=False, include_tables=True, include_images=False)
    if document is None:
        raise errors.NoArticleTextError(name)
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    body = data.get("text") or ""
    title = _clean(data.get("title"))
    lines = [line for line in body.splitlines()]
    if lines and title and _clean(lines[0]) == title:
        lines = lines[1:]
    author = _clean(data.get("author"))
    author = "; ".join(part for part in author.split("; ") if not BYLINE_NOT_AUTHOR.match(part))
    if not any(len(line.split()) >= 6 for line in lines):
        raise errors.NoArticleTextError(name)  # menus and link lists only: no story on the page
    meta: dict[str, object] = {"title": title, "author": author,
                               "publisher": _site_name(text, title, _clean(data.get("sitename"))),
                               "published": data.get("date") or "", "url": data.get("url") or ""}
    return meta, "\n\n".join(line.strip() for line in lines if line.strip())
