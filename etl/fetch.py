"""Fetch an article by its address (issue 13), safely.

Only http(s); at most ``MAX_REDIRECTS`` redirects, each checked like the first address; a timeout for
every read; at most ``MAX_BYTES`` of body, read as it streams; an HTML content type required. Private,
loopback, link-local and other non-public addresses — after DNS resolution and after every redirect —
are refused, so a published dashboard cannot be made to probe its own network, unless
``FLOWCITE_ALLOW_PRIVATE_URLS`` allows them (``1``: all, or a comma-separated list of hosts or
addresses). Every problem is one ``FetchError`` line naming the address.

The page is kept as fetched, with one HTML comment in front that records where and when it came from
(``etl.ingest.source_url`` reads it), so re-extraction never needs the network and the same address
is recognized later.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from etl.errors import InputError

if TYPE_CHECKING:
    import httpx

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 10.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "flowcite/0.1 (+https://example.invalid/flowcite; fetches one article an analyst asked for)"


class FetchError(InputError):
    """An address that cannot be fetched as an article; ``str()`` is the one-line message."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the address asked for
    final_url: str  # after redirects
    body: bytes  # the page as served
    fetched_at: str  # ISO 8601, UTC

    def kept(self) -> bytes:
        """The page as saved: a comment recording its address and time, then the bytes as served."""
        return f"<!-- flowcite: fetched from {self.url} at {self.fetched_at} -->\n".encode() + self.body

    def file_name(self) -> str:
        """A file name from the address: its host and last path part, '.html'."""
        parts = urlsplit(self.final_url)
        stem = "-".join(p for p in [parts.hostname or "page", *parts.path.split("/")[-2:]] if p)
        stem = re.sub(r"\.(?:s?html?|php|aspx?)$", "", stem, flags=re.IGNORECASE)
        return (re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-")[:80] or "page") + ".html"


def timeout_seconds() -> float:
    try:
        return max(0.1, float(os.environ.get("FLOWCITE_FETCH_TIMEOUT", TIMEOUT_SECONDS)))
    except ValueError:
        return TIMEOUT_SECONDS


def _allowed_private() -> tuple[bool, set[str]]:
    raw = os.environ.get("FLOWCITE_ALLOW_PRIVATE_URLS", "").strip()
    if raw in ("1", "true", "yes"):
        return True, set()
    return False, {part.strip().lower() for part in raw.split(",") if part.strip()}


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
                or ip.is_unspecified)


def check_address(url: str) -> None:
    """Refuse an address flowcite must not fetch: not http(s), no host, or a host that is (or resolves to)
    a non-public address, unless allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, "only http and https addresses can be fetched")
    host = (parts.hostname or "").lower()
    if not host:
        raise FetchError(url, "the address has no host")
    allow_all, allowed = _allowed_private()
    if allow_all or host in allowed:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise FetchError(url, f"the host {host} cannot be resolved ({error})") from None
    for address in sorted(addresses):
        if not _public(address) and address not in allowed:
            raise FetchError(url, f"refused: {host} is a private or local address ({address}); set "
                                  "FLOWCITE_ALLOW_PRIVATE_URLS=1 to allow it")


def fetch(url: str, *, max_bytes: int = MAX_BYTES, max_redirects: int = MAX_REDIRECTS) -> FetchedPage:
    """The page at ``url``, or a FetchError saying why not."""
    import httpx  # here, not at the top: a tenth of a second of every start of the ETL, for a rare fetch

    url = url.strip()
    current = url
    seconds = timeout_seconds()
    try:
        with httpx.Client(follow_redirects=False, timeout=httpx.Timeout(seconds),
                          headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"}) as client:
            for _ in range(max_redirects + 1):
                try:
                    check_address(current)
                except FetchError as error:
                    if current == url:
                        raise
                    raise FetchError(url, f"redirected to {current}, which is {error.problem}") from None
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        if not location:
                            raise FetchError(url, f"a redirect ({response.status_code}) without a Location")
                        current = urljoin(current, location)
                        continue
                    return _page(url, current, response, max_bytes)
    except httpx.TimeoutException:
        raise FetchError(url, f"no answer within {seconds:g} s") from None
    except httpx.HTTPError as error:
        raise FetchError(url, f"cannot be fetched ({type(error).__name__}: {error})") from None
    raise FetchError(url, f"too many redirects (more than {max_redirects})")


def _page(url: str, final: str, response: httpx.Response, max_bytes: int) -> FetchedPage:
    if response.status_code >= 400:
        raise FetchError(url, f"the server answered {response.status_code} {response.reason_phrase}".rstrip())
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        raise FetchError(url, f"not an HTML page ({kind or 'no content type'})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"larger than {max_bytes // (1024 * 1024)} MB")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(url, f"larger than {max_bytes // (1024 * 1024)} MB")
    if not body.strip():
        raise FetchError(url, "the page is empty")
    return FetchedPage(url, final, bytes(body), datetime.now(UTC).replace(microsecond=0).isoformat())
