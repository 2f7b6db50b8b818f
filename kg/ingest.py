"""Read articles from text files, JSON Lines files, web pages, RSS and Atom
feeds (files or URLs) and folders of them.

Wire-style headers and trailing boilerplate are recognised but never removed
from ``Article.text``: they only narrow the body span, so every offset still
points into the original text.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.hygiene import plain_label, storable
from kg.pages import FEED_SUFFIXES, HTML_SUFFIXES, feed_articles, html_articles
from kg.records import Article, Problem
from kg.resources.function_words import (
    MONTHS,
)

__all__ = [
    "SUFFIXES",
    "iso_date",
    "parse_wire",
    "read_inputs",
    "read_jsonl",
    "read_text",
]

SUFFIXES = (".txt", ".jsonl", *HTML_SUFFIXES, *FEED_SUFFIXES)
_URL = re.compile(r"\A(https?):/+(.+)\Z", re.I)
MAX_CHARS = 1_000_000
_BOM = b"\xef\xbb\xbf"
_JSON_FIELDS = ("id", "title", "date", "url", "source", "author")
# "date 2024-01-04 (MENAFN- Kuwait News Agency (KUNA)) "
_AGGREGATOR = re.compile(
    r"\A\s*date\s+(?P<iso>\d{4}-\d{2}-\d{2})\s*"
    r"\((?:(?P<aggregator>[A-Z]{2,})-\s*)?(?P<publisher>[^()]+?)\s*"
    r"(?:\((?P<pubagency>[^()]+)\))?\)\s*"
)
# "WASHINGTON, Jan 4 (KUNA) --", "LONDON, March 12, 2024 --",
# "BEIJING, May 16 (Reuters) -"
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z.'\- ]*[A-Z.])(?:\s*,\s*[A-Z][A-Za-z.]+)?\s*,\s*"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:\s*,\s*(?P<year>\d{4}))?\s*"
    r"(?:\((?P<agency>[^()]+)\)\s*)?(?:--|-|—|–)\s*"
)
# A headline: a short first line without sentence-final punctuation, then a
# line break and more text.
_HEADLINE = re.compile(r"[ \t]*(?P<title>[^\n]{3,200}?)[ \t]*\n\s*(?=\S)")
_SENTENCE_END = tuple(".!?:;…")
_CLOSING_QUOTES = "\"”’'"
_OPENING_QUOTES = "\"“‘'"
# "By Jane Roe", "By Staff Reporter", "By Jane Roe and John Doe, Reuters"
_BYLINE = re.compile(
    r"[ \t]*By[ \t]+(?P<who>[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|and|&|,))*)"
    r"[ \t]*\n\s*(?=\S)"
)
# A line holding only a date: "March 12, 2024", "12 March 2024", "2024-03-12",
# optionally with a weekday, "Updated" and a time.
_DATE_LINE = re.compile(
    r"[ \t]*(?:(?:Published|Updated|Posted)[: ]+)?(?:[A-Z][a-z]+day,?[ \t]+)?"
    r"(?:(?P<month>[A-Z][a-z]{2,8})\.?[ \t]+(?P<day>\d{1,2}),?[ \t]+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})[ \t]+(?P<month2>[A-Z][a-z]{2,8})\.?[ \t]+(?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    r"(?:[ \t,]+\d{1,2}:\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{2,4})?)?"
    r"[ \t]*\n\s*(?=\S)"
)
_TRAILER = (
    re.compile(r"(?P<id>MENAFN\d{6,}ID\d+)\s*\Z"),
    re.compile(r"\(\s*end\s*\)\s*\Z", re.IGNORECASE),
    re.compile(r"(?:\A|\n)\s*[a-z]{2,4}(?:/[a-z]{2,4})*\s*\Z"),
    re.compile(r"\s+\Z"),
)


@dataclass(frozen=True, slots=True)
class WireHeader:
    """What a wire-style header and trailer tell about an article."""

    body_start: int
    body_end: int
    date: str | None = None
    publisher: str | None = None
    agency: str | None = None
    dateline: str | None = None
    identifier: str | None = None
    title: str | None = None


def is_address(given: Path | str) -> bool:
    """Whether an input is a web address (``http(s)://...``), not a path."""
    return _URL.match(str(given)) is not None


def read_inputs(
    paths: Iterable[Path | str], *, stored: Callable[[str], bool] | None = None
) -> Iterator[Article | Problem]:
    """Yield the articles in ``paths`` (files or folders), and a Problem per bad input.

    Folders are walked recursively in sorted order; only ``.txt``,
    ``.jsonl``, web pages (``.html``, ``.htm``) and feeds (``.rss``,
    ``.atom``, ``.xml``) are read from them. A file named explicitly must have
    one of those suffixes. An ``http(s)://`` address is fetched
    (:mod:`kg.fetching`): a feed gives its entries, a page its article. One
    input, one article: the first article with a given id or text is kept, a
    later one is reported as a duplicate of it and skipped. ``stored`` says
    whether the article of a web address is stored already (``--resume``):
    such pages are not fetched.
    """
    yield from _unique(_read_paths(paths, stored))


def _read_paths(
    paths: Iterable[Path | str], stored: Callable[[str], bool] | None
) -> Iterator[Article | Problem]:
    for given in paths:
        address = _URL.match(str(given))
        if address:  # a URL (a Path has folded its "//" into "/")
            from kg.fetching import read_url

            yield from read_url(f"{address[1].lower()}://{address[2]}", stored=stored)
            continue
        path = Path(given)
        if path.is_dir():
            files: list[Path] = []
            for found in _walk(path, set()):
                if isinstance(found, Problem):
                    yield found
                else:
                    files.append(found)
            if not files:
                yield Problem(
                    str(path),
                    "folder holds no articles (.txt, .jsonl, .html, .rss, .atom, .xml)",
                )
            for file in sorted(files):
                yield from _read_file(file)
        elif path.is_file():
            yield from _read_file(path)
        elif path.is_symlink() and not path.exists():
            yield Problem(str(path), "broken symbolic link; point it at a file")
        elif path.exists():
            yield Problem(
                str(path),
                f"not a regular file (a {_kind(path)}); give .txt or .jsonl files "
                "or folders of them",
            )
        else:
            yield Problem(str(path), "no such file or folder; check the path")


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path | Problem]:
    """The ``.txt`` and ``.jsonl`` files under ``folder`` (following links to
    folders once each), and a Problem for what cannot be read: a subfolder
    without permission, a broken or looping link, a pipe or device with an
    article's suffix. Other files are not articles and pass unremarked."""
    try:
        seen.add(folder.resolve())
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield Problem(
            str(folder),
            f"cannot read folder ({err.strerror}); check that it is readable by you",
        )
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                target = path.resolve(strict=True)
                if target.is_dir():
                    if target not in seen:
                        yield from _walk(path, seen)
                    continue
            elif entry.is_dir():
                yield from _walk(path, seen)
                continue
        except RuntimeError:  # Python < 3.13 reports a link loop so
            yield Problem(str(path), "symbolic link loop; point it at a file")
            continue
        except OSError as err:
            if err.errno == errno.ELOOP:
                yield Problem(str(path), "symbolic link loop; point it at a file")
            else:
                yield Problem(str(path), "broken symbolic link; point it at a file")
            continue
        if path.suffix.lower() not in SUFFIXES:
            continue
        if path.is_file():
            yield path
        else:
            yield Problem(
                str(path),
                f"not a regular file (a {_kind(path)}); give .txt or .jsonl files",
            )


def _kind(path: Path) -> str:
    if path.is_fifo():
        return "named pipe"
    if path.is_socket():
        return "socket"
    if path.is_block_device() or path.is_char_device():
        return "device"
    return "special file"


def _unique(items: Iterable[Article | Problem]) -> Iterator[Article | Problem]:
    by_id: dict[str, str] = {}
    by_text: dict[str, tuple[str, str]] = {}
    for item in items:
        if isinstance(item, Problem):
            yield item
            continue
        digest = content_id(item.text)
        first = by_id.get(item.id)
        same = by_text.get(digest)
        if first is None and same is None:
            by_id[item.id] = item.origin
            by_text[digest] = (item.origin, item.id)
            yield item
            continue
        origin, line = _origin_line(item.origin)
        if same is not None:
            reason = f"same text as {same[0]} (id {same[1]!r}); the first is kept"
        else:
            reason = (
                f"duplicate id {item.id!r} of {first}; the first is kept, "
                "give each article its own id"
            )
        yield Problem(origin, reason, line)


def _origin_line(origin: str) -> tuple[str, int | None]:
    """ "feed.jsonl:21" → ("feed.jsonl", 21); a file's origin has no line."""
    path, _, number = origin.rpartition(":")
    if path.endswith(".jsonl") and number.isdigit():
        return path, int(number)
    return origin, None


def read_text(path: Path) -> Iterator[Article | Problem]:
    """Yield the single article of a plain-text file (or its Problem)."""
    text = _decode(path)
    if isinstance(text, Problem):
        yield text
        return
    text = storable(text)
    problem = _check_text(str(path), text, None)
    if problem:
        yield problem
        return
    yield _article(text, origin=str(path))


def read_jsonl(path: Path) -> Iterator[Article | Problem]:
    """Yield one article per line of a JSON Lines file; bad lines become Problems.

    Each line is decoded on its own, so a line that is not UTF-8 is reported
    and the lines around it are still read.
    """
    data = _text_bytes(path)
    if isinstance(data, Problem):
        yield data
        return
    if not data.strip():
        yield Problem(str(path), "file is empty; add one JSON object per line")
        return
    # JSON Lines are split at "\n" only: a JSON string may hold U+2028 or
    # other characters str.splitlines() would break at
    for number, raw in enumerate(data.removeprefix(_BOM).split(b"\n"), start=1):
        raw = raw.removesuffix(b"\r")
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield Problem(
                str(path),
                f"line is not UTF-8 (byte 0x{raw[err.start]:02x} at column "
                f"{err.start + 1}); re-encode the file, e.g. "
                "`iconv -f latin1 -t utf-8`",
                number,
            )
            continue
        yield from _jsonl_line(str(path), number, line)


def parse_wire(text: str) -> WireHeader:
    """Find the header, trailer and metadata of a wire-style article.

    Examples:
        >>> h = parse_wire("LONDON, March 12, 2024 -- Shell bought BG.")
        >>> h.dateline, h.date, h.body_start
        ('London', '2024-03-12', 26)
        >>> h = parse_wire("BEIJING, May 16 (Reuters) - Text. (end)\\n\\nasj")
        >>> h.agency, h.publisher, h.date, h.body_end
        ('Reuters', 'Reuters', None, 33)
    """
    start, iso, publisher, agency = 0, None, None, None
    start, title, line_date = _front_matter(text, 0)
    header = _AGGREGATOR.match(text, start)
    if header:
        start, iso = header.end(), header["iso"]
        publisher, agency = header["publisher"].strip(), header["pubagency"]
    place, dateline_date = None, None
    line = _DATELINE.match(text, start)
    if line:
        start = line.end()
        place = line["place"].strip().title()
        agency = agency or line["agency"]
        year = line["year"] or (iso[:4] if iso else None)
        dateline_date = _dateline_date(line["month"], line["day"], year)
    if agency and not publisher:
        publisher = agency
    start, more_title, more_date = _front_matter(
        text, start, headline=not (header or line)
    )
    title, line_date = title or more_title, line_date or more_date
    end, identifier = _trailer(text, start)
    return WireHeader(
        body_start=start,
        body_end=end,
        title=title,
        date=iso or dateline_date or line_date,
        publisher=publisher,
        agency=agency.strip() if agency else None,
        dateline=place,
        identifier=identifier,
    )


def _front_matter(
    text: str, start: int, *, headline: bool = True
) -> tuple[int, str | None, str | None]:
    r"""Skip a headline, a byline and a date line before the body.

    Returns the new start, the headline and the date (ISO) found. A first line
    is a headline when it is short, ends without sentence punctuation (inside
    a closing quotation mark or not) and more text follows; the headline is
    never part of the first sentence.

    Examples:
        >>> _front_matter("Labour plans pay rise\n\nMaternity pay is to rise.", 0)
        (23, 'Labour plans pay rise', None)
        >>> _front_matter("Rover deal 'may cost 2,000 jobs'\n\nThe sale...", 0)[1]
        "Rover deal 'may cost 2,000 jobs'"
        >>> _front_matter('He said: "We will win."\n\nThe party met.', 0)[1] is None
        True
        >>> _front_matter("'Debate needed' on donations cap\n\nA cap on...", 0)[1]
        "'Debate needed' on donations cap"
        >>> _front_matter("By Jane Roe\nMarch 12, 2024\nShell bought BG.", 0)
        (27, None, '2024-03-12')
    """
    title, found_date = None, None
    for _ in range(4):
        byline = _BYLINE.match(text, start)
        if byline:
            start = byline.end()
            continue
        line = _DATE_LINE.match(text, start)
        if line:
            found_date = found_date or _line_date(line)
            start = line.end()
            continue
        first = _HEADLINE.match(text, start) if headline and title is None else None
        if (
            first
            and not first["title"]
            .rstrip()
            .rstrip(_CLOSING_QUOTES)
            .endswith(_SENTENCE_END)
            and len(first["title"].split()) <= 25
            and first["title"].lstrip(_OPENING_QUOTES)[:1].isupper()
            and not _DATELINE.match(text, start)
        ):
            title = first["title"].strip()
            start = first.end()
            continue
        break
    return start, title, found_date


def _line_date(match: re.Match[str]) -> str | None:
    if match["iso"]:
        return iso_date(match["iso"])
    if match["month"]:
        return _dateline_date(match["month"], match["day"], match["year"])
    return _dateline_date(match["month2"], match["day2"], match["year2"])


def content_id(text: str) -> str:
    """A stable identifier from the article's text (first 16 hex of SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _read_file(path: Path) -> Iterator[Article | Problem]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path)
    elif suffix == ".txt":
        yield from read_text(path)
    elif suffix in HTML_SUFFIXES:
        text = _decode_html(path)
        if isinstance(text, Problem):
            yield text
        else:
            yield from html_articles(text, origin=str(path))
    elif suffix in FEED_SUFFIXES:
        data = _text_bytes(path)
        if isinstance(data, Problem):
            yield data
        else:
            yield from feed_articles(data, origin=str(path))
    else:
        yield Problem(
            str(path),
            f"unsupported file type {path.suffix or '(none)'!r}; "
            "give .txt (one article), .jsonl (one JSON object per line), "
            ".html (a web page) or .rss/.atom/.xml (a feed)",
        )


def _decode_html(path: Path) -> str | Problem:
    """A saved page as text: UTF-8, else the charset its markup declares."""
    data = _text_bytes(path)
    if isinstance(data, Problem):
        return data
    declared = re.search(rb"""charset=["']?([A-Za-z0-9_-]+)""", data[:4096])
    for encoding in ("utf-8-sig", declared[1].decode() if declared else "cp1252"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return Problem(str(path), "page is neither UTF-8 nor in its declared charset")


def _text_bytes(path: Path) -> bytes | Problem:
    """The file's bytes, or why they cannot be text: unreadable, binary."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return Problem(
            str(path),
            f"cannot read file ({err.strerror}); check that it is readable by you",
        )
    if b"\x00" in data[:8192]:
        return Problem(str(path), "binary file (contains NUL bytes); give UTF-8 text")
    return data


def _decode(path: Path) -> str | Problem:
    data = _text_bytes(path)
    if isinstance(data, Problem):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return Problem(
            str(path),
            f"not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "re-encode it, e.g. `iconv -f latin1 -t utf-8`",
            line=line,
        )


def _check_text(origin: str, text: str, line: int | None) -> Problem | None:
    if not text.strip():
        return Problem(origin, "article text is empty", line=line)
    if len(text) > MAX_CHARS:
        return Problem(
            origin,
            f"article has {len(text):,} characters, over the {MAX_CHARS:,} limit; "
            "split it into several articles",
            line=line,
        )
    return None


def _jsonl_line(origin: str, number: int, line: str) -> list[Article | Problem]:
    """The article of one JSON line and notes on fields it went without, or
    the line's Problem."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return [
            Problem(origin, f"malformed JSON ({err.msg}, column {err.colno})", number)
        ]
    if not isinstance(record, dict):
        return [Problem(origin, "line is not a JSON object", number)]
    text = record.get("text")
    if not isinstance(text, str):
        found = "missing" if text is None else f"a {_json_kind(text)}, not a string"
        return [
            Problem(
                origin,
                f'field "text" is {found}; give the article\'s text as a JSON string',
                number,
            )
        ]
    identifier = record.get("id")
    if identifier is not None and (
        isinstance(identifier, bool) or not isinstance(identifier, str | int)
    ):
        return [
            Problem(
                origin,
                f'field "id" is a {_json_kind(identifier)}; give a string or a '
                "whole number that names the article",
                number,
            )
        ]
    # JSON may hold what UTF-8 cannot ("\ud800"): cleaned, one for one
    text = storable(text)
    problem = _check_text(origin, text, number)
    if problem:
        return [problem]
    notes: list[Article | Problem] = []
    meta: dict[str, str] = {}
    for key in _JSON_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if key != "id" and not isinstance(value, str):
            notes.append(
                _note(
                    origin,
                    number,
                    f'field "{key}" is a {_json_kind(value)}, not a '
                    "string; the article is stored without it",
                )
            )
            continue
        meta[key] = storable(str(value))
    if "date" in meta and iso_date(meta["date"]) is None:
        notes.append(
            _note(
                origin,
                number,
                f"date {meta.pop('date')!r} is no date "
                "(give YYYY-MM-DD); the article is stored without it",
            )
        )
    return [_article(text, origin=f"{origin}:{number}", meta=meta), *notes]


def _note(origin: str, number: int, reason: str) -> Problem:
    return Problem(origin, reason, number, skipped=False)


def _json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words."""
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    return "string"


def _article(text: str, *, origin: str, meta: dict[str, str] | None = None) -> Article:
    meta = meta or {}
    wire = parse_wire(text)
    if not text[wire.body_start : wire.body_end].strip():
        wire = WireHeader(body_start=0, body_end=len(text))
    given_date = iso_date(meta.get("date"))
    return Article(
        id=meta.get("id") or wire.identifier or content_id(text),
        text=text,
        origin=origin,
        body_start=wire.body_start,
        body_end=wire.body_end,
        title=_label(meta.get("title") or wire.title),
        date=given_date or wire.date,
        publisher=_label(meta.get("source") or wire.publisher),
        agency=wire.agency,
        dateline=wire.dateline,
        url=meta.get("url"),
        author=_label(meta.get("author")),
    )


def _label(value: str | None) -> str | None:
    return plain_label(value).strip() or None if value else value


def _trailer(text: str, start: int) -> tuple[int, str | None]:
    end, identifier = len(text), None
    changed = True
    while changed:
        changed = False
        for pattern in _TRAILER:
            match = pattern.search(text, start, end)
            if match and match.end() == end and match.start() < end:
                if "id" in pattern.groupindex:
                    identifier = match["id"]
                end, changed = match.start(), True
    return end, identifier


def _dateline_date(month: str, day: str, year: str | None) -> str | None:
    number = MONTHS.get(month.lower().rstrip("."))
    if number is None or year is None:
        return None
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from a date or timestamp that starts with one, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None
