"""Articles from web pages and news feeds: saved HTML files, RSS and Atom.

A page's main text, headline, date, author and site name are extracted with
trafilatura (no menus, captions, comments or footers); a feed's entries are
read with feedparser, each entry one article (its content, else its summary,
as text; its title, date, author and link). The article's text is its
headline, a blank line and its paragraphs, each separated by a blank line, so
that the headline is never part of the first sentence and every offset points
into the stored text.

Examples:
    >>> page = (
    ...     "<html><head><title>Talks</title></head><body><nav>Home | World</nav>"
    ...     "<article><h1>Leaders meet in Paris</h1><p>France and Germany held "
    ...     "talks in Paris on Monday about energy prices and the war.</p>"
    ...     "<p>Both sides said the meeting went well and agreed to meet again."
    ...     "</p></article><footer>Cookie policy</footer></body></html>"
    ... )
    >>> [a.title for a in html_articles(page, origin="talks.html")]
    ['Leaders meet in Paris']
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from html import unescape
from typing import Any

from kg.hygiene import storable
from kg.records import Article, Problem

__all__ = [
    "FEED_SUFFIXES",
    "HTML_SUFFIXES",
    "feed_articles",
    "html_articles",
    "is_feed",
]

HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
# Fewer characters of main text than this is no article (a menu, an index).
MIN_TEXT = 80
_TAGS = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"[ \t\r\f\v]+")


def is_feed(data: bytes) -> bool:
    """Whether bytes look like an RSS or Atom document (its first element).

    Examples:
        >>> is_feed(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
        True
        >>> is_feed(b"<!doctype html><html><body>Hi</body></html>")
        False
    """
    head = data[:2048].lstrip().lower()
    head = re.sub(rb"<\?xml[^>]*\?>|<!--.*?-->", b"", head, flags=re.S).lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def html_articles(
    html: str, *, origin: str, url: str | None = None
) -> Iterator[Article | Problem]:
    """The article of one web page (or why there is none)."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        # no cache across pages: the same page reads the same every time
        deduplicate=False,
    )
    text = getattr(found, "text", None) if found is not None else None
    if not text or len(text.strip()) < MIN_TEXT:
        yield Problem(
            origin,
            "no article text found in the page (a menu, an index or an empty "
            "page); give the page of one article",
        )
        return
    title = _clean(getattr(found, "title", None))
    paragraphs = [p for p in (_clean(x) for x in text.split("\n")) if p]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    yield _article(
        title,
        paragraphs,
        origin=origin,
        date=getattr(found, "date", None),
        author=_clean(getattr(found, "author", None)),
        publisher=_clean(getattr(found, "sitename", None)),
        url=url or getattr(found, "url", None),
    )


def feed_articles(data: bytes, *, origin: str) -> Iterator[Article | Problem]:
    """One article per entry of an RSS or Atom feed; an entry without text
    is reported and the others are read."""
    import feedparser  # type: ignore[import-untyped]

    if not is_feed(data):
        yield Problem(
            origin,
            "not a readable RSS or Atom feed (its first element is neither <rss> "
            "nor <feed>); give a feed, or a page as .html",
        )
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        why = f" ({reason})" if feed.bozo and reason else ""
        yield Problem(origin, f"the feed has no entries{why}")
        return
    site = _clean(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{number}"
        body = _entry_text(entry)
        if len(body) < MIN_TEXT // 2:
            yield Problem(
                where,
                "feed entry has no text (no content or summary); the page it "
                "links to can be given instead",
            )
            continue
        paragraphs = [p for p in (_clean(x) for x in body.split("\n\n")) if p]
        yield _article(
            _clean(entry.get("title")),
            paragraphs,
            origin=where,
            date=_entry_date(entry),
            author=_clean(entry.get("author")),
            publisher=site,
            url=entry.get("link"),
            identifier=entry.get("id") or entry.get("link"),
        )


def _entry_text(entry: Any) -> str:
    """An entry's content (else summary) as plain paragraphs."""
    parts = [c.get("value", "") for c in entry.get("content", []) or []]
    html = "\n".join(parts) or entry.get("summary", "") or ""
    if "<" not in html:
        return html.strip()
    # a fragment: paragraphs from its block elements, text only
    blocks = re.split(r"(?i)</?(?:p|div|br|li|h[1-6])[^>]*>", html)
    text = "\n\n".join(_TAGS.sub("", b) for b in blocks)
    return unescape(text).strip()


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    stamp = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return stamp.date().isoformat()


def _article(
    title: str | None,
    paragraphs: list[str],
    *,
    origin: str,
    date: str | None,
    author: str | None,
    publisher: str | None,
    url: str | None,
    identifier: str | None = None,
) -> Article | Problem:
    from kg.ingest import content_id, iso_date

    body = "\n\n".join(paragraphs)
    text = storable(f"{title}\n\n{body}" if title else body)
    start = len(storable(title)) + 2 if title else 0
    if not body.strip():
        return Problem(origin, "article text is empty")
    return Article(
        id=address_id(identifier or url) or content_id(text),
        text=text,
        origin=origin,
        body_start=start,
        title=title,
        date=iso_date(date),
        publisher=publisher,
        url=url,
        author=author,
    )


def address_id(value: str | None) -> str | None:
    """A stable identifier from a URL or a feed entry's id: the digest of the
    address without its scheme and tracking parameters (the same page read
    over http or https, or from another newsletter link, is one article)."""
    from kg.ingest import content_id

    if not value:
        return None
    cleaned = re.sub(r"^[a-z]+://", "", value.strip(), flags=re.I)
    cleaned = re.sub(r"[?&](utm_[a-z]+|fbclid|gclid)=[^&#]*", "", cleaned)
    cleaned = cleaned.rstrip("/?&")
    return content_id(cleaned) if cleaned else None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = _BLANKS.sub(" ", str(value)).strip()
    return text or None
