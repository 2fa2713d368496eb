"""Web sources for ingest: URLs, RSS/Atom feeds and WARC archives.

Called by :func:`eventwire.ingest.read_articles`; each reader yields
Articles and Skips like the file readers there, so one bad entry, record or
URL never stops a batch.

* **URLs** are fetched with :func:`eventwire.fetch.fetch` (private addresses
  refused by default). The response's ``Content-Type`` decides how it is
  read: a page goes through trafilatura like an HTML file, an RSS/Atom
  response is read as a feed, plain text as text; a generic or missing type
  is sniffed. ``Article.url`` is the URL after redirects.
* **Feeds**: one document per entry, from its longest ``content`` or else its
  ``summary`` (HTML turned into paragraphs), or, with ``fetch_links=True``,
  from the page its link points to. The entry's date wins over the caller's
  ``published`` and over the linked page's own date. Origins are
  ``FEED#entryN``.
* **WARC** (Common Crawl News style): one document per ``response`` record
  with a 2xx HTML payload; other records are passed over without a word.
  The date is the page's metadata date, else the ``WARC-Date`` day. Origins
  are ``FILE@OFFSET`` (the record's first byte), so a record can be found
  again with any WARC tool.
"""

from __future__ import annotations

import email.utils
import io
import logging
import zlib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Iterator

from eventwire.errors import E001, E002, E011, E045, E086, E087, E088, E089, InputError
from eventwire.fetch import FetchResult, charset_of, fetch
from eventwire.ingest import (
    _BOM,
    ReadOptions,
    _decode,
    _decode_html,
    _is_binary,
    _parse_date,
    article_from_html,
    article_from_text,
)
from eventwire.records import Article, Skip

logger = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_XML_TYPES = frozenset({"application/xml", "text/xml"})  # a feed or not: sniffed
_UNTYPED = frozenset({"", "application/octet-stream", "text/plain"})  # sniffed too
_BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre figure figcaption table tr section article".split()
)
_SCAN_CHUNK = 1 << 20


# --------------------------------------------------------------------------- URLs


def read_url(url: str, opts: ReadOptions) -> Iterator[Article | Skip]:
    """A page, or every entry of a feed, at ``url``; a failed fetch is one Skip."""
    try:
        response = fetch(url, allow_private=opts.allow_private, timeout=opts.timeout, max_bytes=opts.limit)
    except InputError as exc:
        logger.debug("%s", exc)
        yield Skip(url, str(exc))
        return
    yield from _from_response(response, url, opts.published, opts, feeds=True)


def _from_response(
    response: FetchResult, origin: str, published: date | None, opts: ReadOptions, *, feeds: bool
) -> Iterator[Article | Skip]:
    """Read a fetched document by what it is: a page, plain text or (if ``feeds``) a feed."""
    body, media = response.body, response.media_type
    if not body.strip():
        yield Skip(origin, E001.format(path=origin))
        return
    if media in _FEED_TYPES or (media in _XML_TYPES | _UNTYPED and looks_like_feed(body)):
        if feeds:
            yield from read_feed(body, origin, opts, base=response.final_url)
        else:  # a feed entry's link that is itself a feed: do not follow it further
            yield Skip(origin, E086.format(url=response.final_url, content_type=response.content_type))
        return
    is_html = media in _HTML_TYPES or (media in _UNTYPED and body.lstrip()[:1] == b"<")
    if not is_html and media not in _TEXT_TYPES | _UNTYPED:
        yield Skip(origin, E086.format(url=response.final_url, content_type=response.content_type))
        return
    if _is_binary(body):
        yield Skip(origin, E002.format(path=origin))
        return
    text = _decode_web(body, response.charset, origin, html=is_html)
    if isinstance(text, Skip):
        yield text
    elif is_html:
        yield article_from_html(text, origin=origin, published=published, url=response.final_url, rules=opts.rules)
    else:
        yield article_from_text(text, origin=origin, published=published, url=response.final_url, rules=opts.rules)


def _decode_web(data: bytes, charset: str | None, origin: str, *, html: bool) -> str | Skip:
    """A BOM, then the charset the server or archive declared, then UTF-8 / <meta>."""
    if charset and not data.startswith(_BOM):
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            logger.debug("%s: declared charset %r does not decode it", origin, charset)
    return _decode_html(data, origin) if html else _decode(data, origin)


def looks_like_feed(data: bytes) -> bool:
    """RSS, RDF or Atom root element near the start (and not an HTML page)."""
    head = data[:2048].lower()
    return b"<html" not in head and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


# --------------------------------------------------------------------------- feeds


def read_feed(data: bytes, origin: str, opts: ReadOptions, *, base: str | None = None) -> Iterator[Article | Skip]:
    """One Article or Skip per feed entry (nothing for an empty feed)."""
    import feedparser  # imported here: only feeds need it

    if not data.strip():
        yield Skip(origin, E001.format(path=origin))
        return
    headers = {"content-location": base} if base else {}
    # A stream, never bytes or str: feedparser.parse treats a string as a
    # URL or a file name to open, which must not depend on a feed's content.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f"{type(problem).__name__}: {problem}" if problem else "no RSS or Atom root element"
        yield Skip(origin, E087.format(path=origin, detail=detail))
        return
    if parsed.get("bozo"):
        logger.debug("%s: feed is not well-formed (%s); read leniently", origin, parsed.get("bozo_exception"))
    logger.info("%s: %d feed entries", origin, len(parsed.entries))
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#entry{number}"
        entry_date = _entry_date(entry)
        if opts.too_old(entry_date):
            continue  # before the page is fetched: old entries cost nothing
        yield from _feed_entry(entry, where, entry_date or opts.published, opts)


def _feed_entry(entry, origin: str, published: date | None, opts: ReadOptions) -> Iterator[Article | Skip]:
    link = (entry.get("link") or "").strip() or None
    title = (entry.get("title") or "").strip() or None
    if opts.fetch_links and link:
        try:
            response = fetch(link, allow_private=opts.allow_private, timeout=opts.timeout, max_bytes=opts.limit)
        except InputError as exc:
            logger.debug("%s: %s", origin, exc)
            yield Skip(origin, str(exc))
            return
        # The entry's date wins over the page's guessed one (see article_from_html).
        yield from _from_response(response, origin, published, opts, feeds=False)
        return
    text = _entry_text(entry)
    if not text.strip():
        yield Skip(origin, E088.format(path=origin))
        return
    yield article_from_text(text, origin=origin, published=published, title=title, url=link, rules=opts.rules)


def _entry_date(entry) -> date | None:
    """The entry's own calendar date, as the publisher wrote it.

    The raw string is parsed first (RFC 822 for RSS, ISO 8601 for Atom) so
    that "Sat, 14 Mar 2021 23:30 -0500" stays the 14th; feedparser's parsed
    value is in UTC and would say the 15th. That value is the fallback for
    formats only feedparser understands.
    """
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError, IndexError):
            pass
        day = _parse_date(raw)
        if day is not None:
            return day
        struct = entry.get(f"{key}_parsed")
        if struct:
            return date(struct.tm_year, struct.tm_mon, struct.tm_mday)
    return None


def _entry_text(entry) -> str:
    """The longest of the entry's contents, else its summary, as plain text."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    detail = max(contents, key=lambda c: len(c["value"])) if contents else entry.get("summary_detail")
    if not detail:
        return entry.get("summary") or ""
    value = detail.get("value") or ""
    if "html" in (detail.get("type") or "text/html"):
        return _html_fragment_text(value)
    return value


def _html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed summary), one paragraph per block element.

    Not trafilatura: it looks for a page's main content and drops a
    one-paragraph summary as boilerplate.
    """
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in fragment:
        return fragment
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "style"):
            element.drop_tree()
        elif element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


# --------------------------------------------------------------------------- WARC


def read_warc(path: Path, opts: ReadOptions) -> Iterator[Article | Skip]:
    """One Article per HTML ``response`` record; other records are passed over.

    A broken record is one Skip (E089): reading resumes at the next record
    start found after it (the next gzip member in a ``.warc.gz``, the next
    ``WARC/1.`` line in a plain ``.warc``), so one bad record costs only itself.
    """
    # Imported here: warcio is slow to import and only WARC files need it.
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import ChunkedDataException
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    # What a damaged record makes warcio (or the gzip/brotli layer under it) raise.
    broken = (
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
        ChunkedDataException,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
    )

    origin = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skip(origin, E045.format(path=origin, detail=exc.strerror or exc))
        return
    with handle:
        magic = handle.read(2)
        if not magic:
            yield Skip(origin, E001.format(path=origin))
            return
        gzipped = magic == b"\x1f\x8b"
        start: int | None = 0
        while start is not None:
            handle.seek(start)
            archive = ArchiveIterator(handle)
            records = iter(archive)
            offset = start
            while True:
                # Only warcio's work is inside the try, so a bug of ours is not taken for a broken record.
                try:
                    record = next(records, None)
                    if record is None:
                        start = None
                        break
                    offset = archive.offset  # this record's first byte (absolute: warcio starts from tell())
                    if record.format != "warc":
                        # warcio also reads ARC, and takes many a text line for an ARC header.
                        raise ArchiveLoadFailed(f"not a WARC record ({record.format} format)")
                    payload = _html_payload(record, f"{origin}@{offset}", opts)
                except broken as exc:
                    # warcio cannot go on after a parse error; find the next record ourselves.
                    offset = max(offset, archive.offset)
                    yield Skip(f"{origin}@{offset}", E089.format(path=origin, offset=offset, detail=_warc_detail(exc)))
                    start = _next_record_start(handle, offset + 1, gzipped)
                    break
                if payload is not None:
                    yield payload if isinstance(payload, Skip) else _article_from_payload(payload, opts)


@dataclass(frozen=True)
class _Payload:
    """An HTML page taken out of a WARC response record."""

    origin: str
    url: str | None
    crawled: date | None
    content_type: str
    body: bytes


def _html_payload(record, origin: str, opts: ReadOptions) -> _Payload | Skip | None:
    """The page of a 2xx HTML response record; None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    media = content_type.split(";", 1)[0].strip().lower()
    if not status.startswith("2") or media not in _HTML_TYPES:
        return None
    crawled = _parse_date(record.rec_headers.get_header("WARC-Date") or "")
    # A page cannot be published after it was crawled, so a crawl date
    # before ``since`` rules the page out before any extraction.
    if opts.too_old(crawled):
        return None
    body = record.content_stream().read(opts.limit + 1)  # chunked and gzip transfer undone
    if len(body) > opts.limit:
        return Skip(origin, E011.format(path=origin, limit=opts.limit))
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    return _Payload(origin, url, crawled, content_type, body)


def _article_from_payload(page: _Payload, opts: ReadOptions) -> Article | Skip:
    if not page.body.strip():
        return Skip(page.origin, E001.format(path=page.origin))
    text = _decode_web(page.body, charset_of(page.content_type), page.origin, html=True)
    if isinstance(text, Skip):
        return text
    # Page metadata first (the publication date), the crawl date second, the caller's default last.
    article = article_from_html(text, origin=page.origin, published=None, url=page.url, rules=opts.rules)
    if isinstance(article, Article) and article.published is None:
        article = replace(article, published=page.crawled or opts.published)
    return article


def _warc_detail(exc: BaseException) -> str:
    """The exception's first line, printable only: warcio quotes the broken bytes."""
    lines = str(exc).strip().splitlines()
    first = "".join(c if c.isascii() and c.isprintable() else "?" for c in lines[0])[:100] if lines else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _next_record_start(handle, position: int, gzipped: bool) -> int | None:
    """The offset of the next possible record start at or after ``position``, or None."""
    marker = b"\x1f\x8b\x08" if gzipped else b"\nWARC/1."
    skip = 0 if gzipped else 1  # the record starts after the newline
    overlap = len(marker) - 1
    handle.seek(position)
    base = position
    tail = b""
    while True:
        chunk = handle.read(_SCAN_CHUNK)
        if not chunk:
            return None
        window = tail + chunk
        found = window.find(marker)
        if found >= 0:
            return base - len(tail) + found + skip
        tail = window[-overlap:]
        base += len(chunk)
