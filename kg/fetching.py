"""Articles from the web: ``kg build https://.../feed.xml`` or a page's URL.

Politely: one request at a time, at least :data:`DELAY` seconds between two
requests to one host, a :data:`TIMEOUT`, a user agent that names kg, and
nothing but ``http`` and ``https``. A feed gives one article per entry; an
entry whose feed carries only a short summary is read from the page it links
to. A page gives its article (:func:`kg.pages.html_articles`). Whatever cannot
be fetched or read is a :class:`~kg.records.Problem` naming the URL and the
fix, and the other inputs are read on.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg._version import __version__
from kg.pages import MIN_TEXT, feed_articles, html_articles, is_feed
from kg.records import Article, Problem

__all__ = ["DELAY", "TIMEOUT", "USER_AGENT", "Fetched", "fetch", "read_url"]

TIMEOUT = 20.0
DELAY = float(os.environ.get("KG_FETCH_DELAY", "1.0"))
USER_AGENT = f"kg/{__version__} (news knowledge graph builder)"
MAX_BYTES = 20_000_000
# An entry with less text than this is read from the page it links to.
SUMMARY_CHARS = 600
_LAST: dict[str, float] = {}  # host → when its last request was made


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: the final URL (after redirects), its media type
    and charset, and its bytes."""

    url: str
    media: str
    charset: str | None
    data: bytes


def fetch(url: str) -> Fetched | Problem:
    """GET ``url`` politely (see the module doc)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return Problem(url, "not an http(s) address; give http://... or https://...")
    host = parts.netloc.lower()
    wait = _LAST.get(host, 0.0) + DELAY - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "application/rss+xml, application/atom+xml, text/html;q=0.9, "
            "application/xml;q=0.8, */*;q=0.5",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            data = answer.read(MAX_BYTES + 1)
            media = answer.headers.get_content_type()
            charset = answer.headers.get_content_charset()
            final = answer.geturl()
    except urllib.error.HTTPError as err:
        answered = f"{err.code} {err.reason}"
        return Problem(url, f"the server answered {answered}; check the address")
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        return Problem(
            url, f"cannot fetch ({reason}); check the address and the network"
        )
    finally:
        _LAST[host] = time.monotonic()
    if len(data) > MAX_BYTES:
        return Problem(url, f"over {MAX_BYTES:,} bytes; give the page of one article")
    return Fetched(final, media, charset, data)


def read_url(
    url: str, *, stored: Callable[[str], bool] | None = None
) -> Iterator[Article | Problem]:
    """The articles at ``url``: a feed's entries or a page's article.

    ``stored`` says whether the article of a page's address is stored
    already (``--resume``): such a page is not fetched, whether given or
    linked from a feed entry; the feed itself always is.
    """
    if stored is not None and stored(url):  # a feed's address is no article's
        return
    found = fetch(url)
    if isinstance(found, Problem):
        yield found
        return
    if is_feed(found.data) or found.media in (
        "application/rss+xml",
        "application/atom+xml",
    ):
        for item in feed_articles(found.data, origin=url):
            if (
                isinstance(item, Article)
                and item.url
                and len(item.text) - item.body_start < SUMMARY_CHARS
            ):
                # a summary only: the linked page holds the article
                if stored is not None and stored(item.url):
                    continue
                page = _page(item.url)
                if page is not None:
                    yield page
                    continue
            yield item
        return
    if found.media not in ("text/html", "application/xhtml+xml"):
        yield Problem(
            url,
            f"a {found.media} document, neither a web page nor an RSS or Atom "
            "feed; give the address of a page or a feed",
        )
        return
    yield from html_articles(_text(found), origin=url, url=found.url)


def _page(url: str) -> Article | None:
    """The article of a feed entry's page, or None when it cannot be read."""
    found = fetch(url)
    if isinstance(found, Problem) or found.media not in (
        "text/html",
        "application/xhtml+xml",
    ):
        return None
    for item in html_articles(_text(found), origin=url, url=url):
        if isinstance(item, Article) and len(item.text) >= MIN_TEXT:
            return item
    return None


def _text(found: Fetched) -> str:
    for encoding in (found.charset or "utf-8", "utf-8", "cp1252"):
        try:
            return found.data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return found.data.decode("utf-8", errors="replace")
