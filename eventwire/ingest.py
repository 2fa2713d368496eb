"""Ingest: turn files, folders, JSONL corpora, feeds, WARC files, URLs and standard input into Articles.

``read_articles`` yields one :class:`~eventwire.records.Article` per readable
document and one :class:`~eventwire.records.Skip` (with an ``[E0xx]`` reason)
per unreadable one, so a bad article never stops a batch. Only a top-level
path that does not exist raises (:class:`~eventwire.errors.InputError`, E006).

Choices worth knowing:

* **Ids.** ``Article.id`` is always ``content_id(clean_text(...))``: the same
  text gets the same id wherever it comes from, which makes re-ingesting
  idempotent. A JSONL document's own ``"id"`` is not the article id; it is kept
  in ``Article.origin`` as ``path:LINE (id=...)``.
* **Dates.** A JSONL document's ``"published"`` wins over the ``published``
  argument (the argument is the default for documents without one). For HTML
  the caller's ``published`` wins over the date trafilatura finds in the page,
  because the page date is a heuristic guess; the page date is used only when
  the caller gave none.
* **Paragraphs.** ``clean_text`` separates paragraphs with one blank line and
  never inserts punctuation (the text stays what the source said). A line with
  no final punctuation (a headline, a byline, a cross-head) followed by a line
  starting with a capital, digit or quote gets a blank line after it, so the
  sentence splitter sees a boundary; a line followed by a lowercase line is a
  hard-wrapped sentence and is left alone. In a text that looks hard-wrapped
  throughout, only a first line clearly shorter than the others (a headline)
  is separated this way.
  HTML paragraphs (one per line in trafilatura's output) become blank-line
  separated paragraphs.
* **Encodings.** Text is UTF-8 (a BOM is stripped). Invalid bytes are a Skip
  (E003) naming the byte offset; no other encoding is guessed. The one
  exception is HTML that *declares* its charset in a ``<meta>`` tag.
* **Compression.** ``name.txt.gz``, ``name.html.gz`` and ``name.jsonl.gz``
  are read through gzip; the size limit applies to the uncompressed bytes.
* **Size.** Files over ``max_bytes`` (default from ``data/ingest.yaml``, 20 MB)
  are skipped with E011; JSONL is streamed and the limit applies per line.
* **Web sources.** URLs, RSS/Atom feeds and WARC files are read by
  :mod:`eventwire.ingest_web` (fetching by :mod:`eventwire.fetch`, which
  refuses private addresses unless ``allow_private=True``).
* **Since.** ``read_articles(..., since=day)`` drops documents published
  before ``day`` and records nothing for them; undated documents are kept.

Cleaning rules (teaser lines, caption prefixes, the English check's function
words) are data in ``eventwire/data/ingest.yaml``.
"""

from __future__ import annotations

import codecs
import gzip
import json
import logging
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, TextIO

import yaml

from eventwire.errors import (
    E001,
    E002,
    E003,
    E004,
    E005,
    E006,
    E007,
    E009,
    E011,
    E012,
    E013,
    E040,
    E045,
    InputError,
    KnowledgeBaseError,
)
from eventwire.records import Article, Skip, content_id

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})  # .xml only counts when it parses as a feed
WARC_SUFFIXES = frozenset({".warc"})  # .warc.gz too (warcio reads gzip members itself)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES
GZIP_SUFFIX = ".gz"  # any supported type may be gzipped: page.html.gz, corpus.jsonl.gz
STDIN = "-"
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")  # http(s) is fetched; other schemes are a Skip (E080)

_BINARY_SNIFF_BYTES = 8192
_BOM = codecs.BOM_UTF8
# Characters that render as a space (or nothing) but would change the content id.
_SPACE_LIKE = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t"), " ")
_SPACE_LIKE.update(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None))
_SPACE_LIKE.update(dict.fromkeys(map(ord, "\u2028\u2029\x0b\x0c\x85"), "\n"))
# A line ending in one of these has visibly ended its sentence (or clause).
_TERMINAL = ".!?:;…\"'”’»)]"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class IngestRules:
    """The cleaning rules of ``data/ingest.yaml``, compiled."""

    teasers: tuple[re.Pattern[str], ...]
    caption_prefixes: tuple[re.Pattern[str], ...]
    caption_min_words: int
    html_min_words: int
    function_words: frozenset[str]
    english_min_tokens: int
    english_min_share: float
    max_bytes: int


def load_rules(path: str | Path | None = None) -> IngestRules:
    """Load and schema-check the ingest rules (the packaged file by default).

    Raises :class:`KnowledgeBaseError` (E009) when a key is missing, has the
    wrong type, or a pattern does not compile.
    """
    if path is None:
        where = "eventwire/data/ingest.yaml"
        raw = resources.files("eventwire").joinpath("data", "ingest.yaml").read_text("utf-8")
    else:
        where = str(path)
        raw = Path(path).read_text("utf-8")

    def bad(detail: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(E009.format(path=where, detail=detail))

    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise bad(f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise bad("top level must be a mapping")
    if not isinstance(data.get("function_words"), str):
        raise bad("'function_words' must be one string of space-separated words")
    for key in ("teaser_patterns", "caption_prefixes"):
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(f"{key!r} must be a list of strings")
    check = data.get("english_check")
    if not isinstance(check, dict) or not {"min_tokens", "min_share"} <= check.keys():
        raise bad("'english_check' must have 'min_tokens' and 'min_share'")
    for key in ("caption_min_words", "html_min_words", "max_bytes"):
        if not isinstance(data.get(key), int):
            raise bad(f"{key!r} must be an integer")

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        try:
            return tuple(re.compile(p, re.IGNORECASE) for p in data[key])
        except re.error as exc:
            raise bad(f"{key!r}: bad pattern ({exc})") from exc

    return IngestRules(
        teasers=compile_all("teaser_patterns"),
        caption_prefixes=compile_all("caption_prefixes"),
        caption_min_words=data["caption_min_words"],
        html_min_words=data["html_min_words"],
        function_words=frozenset(data["function_words"].lower().split()),
        english_min_tokens=int(check["min_tokens"]),
        english_min_share=float(check["min_share"]),
        max_bytes=data["max_bytes"],
    )


@lru_cache(maxsize=1)
def default_rules() -> IngestRules:
    """The packaged rules, loaded once."""
    return load_rules()


# --------------------------------------------------------------------------- cleaning


def clean_text(raw: str, rules: IngestRules | None = None) -> str:
    """Normalise an article's text and drop lines that are not the article.

    Newlines and space-like characters are normalised, teaser/related-link
    lines dropped, photo-caption prefixes removed (the caption is kept),
    paragraphs separated by exactly one blank line, and unpunctuated headline
    lines given a paragraph break (see the module docstring). Returns ``""``
    when nothing is left.
    """
    rules = rules or default_rules()
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACE_LIKE)
    lines: list[str] = []
    for line in text.split("\n"):
        line = re.sub(r" {2,}", " ", line.strip())
        if line and any(p.search(line) for p in rules.teasers):
            logger.debug("dropped teaser line %r", line[:60])
            continue
        line = _strip_caption_prefix(line, rules)
        if line is None:
            continue
        lines.append(line)
    lines = _separate_headlines(lines)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _strip_caption_prefix(line: str, rules: IngestRules) -> str | None:
    """The line without a caption prefix; None when only a photo credit is left."""
    for pattern in rules.caption_prefixes:
        match = pattern.match(line)
        if match:
            rest = line[match.end() :].strip()
            if len(rest.split()) < rules.caption_min_words:
                return None
            return rest[0].upper() + rest[1:]
    return line


def _ends_sentence(line: str) -> bool:
    return line.endswith(tuple(_TERMINAL))


def _starts_sentence(line: str) -> bool:
    return bool(line) and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘(«")


def _separate_headlines(lines: list[str]) -> list[str]:
    """Insert a blank line after an unpunctuated line that a new sentence follows."""
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if a and b]
    unpunctuated = sum(1 for a, _ in pairs if not _ends_sentence(a))
    # Hard-wrapped text: most line breaks fall mid-sentence, so a capital at
    # the start of the next line is more likely a name than a new paragraph.
    hard_wrapped = len(pairs) >= 4 and unpunctuated / len(pairs) >= 0.6
    # There, only a first line clearly shorter than the wrap width is a headline.
    lengths = sorted(len(line) for line in lines if line)
    short_first = bool(lengths) and len(next(line for line in lines if line)) < 0.7 * lengths[len(lengths) // 2]
    out: list[str] = []
    first_line = True
    for i, line in enumerate(lines):
        out.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line and nxt and not _ends_sentence(line) and _starts_sentence(nxt):
            if not hard_wrapped or (first_line and short_first):
                out.append("")
        first_line = first_line and not line
    return out


def looks_english(text: str, rules: IngestRules | None = None) -> tuple[bool, str]:
    """Cheap check that ``text`` is English: (ok, detail for the Skip message)."""
    rules = rules or default_rules()
    words = _WORD.findall(text.lower())
    if len(words) < rules.english_min_tokens:
        return True, f"{len(words)} words, too few to judge"
    share = sum(1 for w in words if w in rules.function_words) / len(words)
    detail = f"{share:.1%} English function words in {len(words)} words"
    return share >= rules.english_min_share, detail


# --------------------------------------------------------------------------- articles


def article_from_text(
    text: str,
    *,
    origin: str,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
    rules: IngestRules | None = None,
) -> Article | Skip:
    """Clean plain text and make an Article (or a Skip when nothing usable is left).

    For untitled text whose first paragraph is a single unpunctuated line of at
    most 200 characters, that line is taken as the title (it stays in the text).
    """
    rules = rules or default_rules()
    if not text.strip():
        return Skip(origin, E001.format(path=origin))
    cleaned = clean_text(text, rules)
    if not cleaned:
        return Skip(origin, E007.format(path=origin))
    ok, detail = looks_english(cleaned, rules)
    if not ok:
        return Skip(origin, E013.format(path=origin, detail=detail))
    if title is None:
        first = cleaned.split("\n\n", 1)[0]
        if "\n" not in first and len(first) <= 200 and not _ends_sentence(first) and "\n\n" in cleaned:
            title = first
    return Article(
        id=content_id(cleaned), text=cleaned, published=published, title=title, url=url, origin=origin
    )


def article_from_html(
    html: str,
    *,
    origin: str,
    published: date | None = None,
    url: str | None = None,
    rules: IngestRules | None = None,
) -> Article | Skip:
    """Extract an HTML page's main text with trafilatura, then clean it.

    ``favor_precision=True`` first; when that finds no text (layout tables),
    trafilatura's default extraction is tried once more.

    Title and date come from the page metadata; the caller's ``published``
    wins over the page date (see the module docstring).
    """
    import trafilatura  # imported here: slow to import, and only HTML needs it

    rules = rules or default_rules()
    if not html.strip():
        return Skip(origin, E001.format(path=origin))
    body = None
    # Precision first (fewer teasers and menus); pages laid out with tables
    # give nothing that way, and then the default extraction is the better answer.
    for favor_precision in (True, False):
        body = trafilatura.extract(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            favor_precision=favor_precision,
        )
        if body and len(body.split()) >= rules.html_min_words:
            break
    else:
        return Skip(origin, E007.format(path=origin))
    # Not ``extensive``: that search falls back to guesses such as a footer's
    # "Copyright 2021" (→ 2021-01-01), and a wrong date is worse than none
    # because relative dates ("on Saturday") are resolved against it.
    meta = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    title = meta.title if meta is not None and meta.title else None
    if published is None and meta is not None and meta.date:
        published = _parse_date(meta.date)
    if url is None and meta is not None and meta.url:
        url = meta.url
    # trafilatura puts one block (paragraph, heading, list item) per line.
    paragraphs = "\n\n".join(line for line in body.split("\n") if line.strip())
    result = article_from_text(paragraphs, origin=origin, published=published, title=title, url=url, rules=rules)
    if isinstance(result, Skip) and result.reason.startswith("[E001]"):
        return Skip(origin, E007.format(path=origin))
    return result


def _parse_date(value: object) -> date | None:
    """YYYY-MM-DD or an ISO datetime → date; None when it is neither."""
    if isinstance(value, str):
        value = value.strip()
        try:
            return date.fromisoformat(value[:10]) if len(value) >= 10 else None
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None


# --------------------------------------------------------------------------- decoding


def _decode(data: bytes, origin: str, *, offset_base: int = 0) -> str | Skip:
    """Strict UTF-8 (BOM stripped); a Skip naming the first bad byte otherwise."""
    skip = len(_BOM) if data.startswith(_BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return Skip(origin, E003.format(path=origin, offset=offset_base + skip + exc.start))


def _decode_html(data: bytes, origin: str) -> str | Skip:
    """UTF-8, or the charset the page itself declares in a <meta> tag."""
    text = _decode(data, origin)
    if not isinstance(text, Skip):
        return text
    match = _META_CHARSET.search(data[:4096])
    if match:
        charset = match.group(1).decode("ascii").lower()
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            logger.debug("%s: declared charset %r does not decode it", origin, charset)
    return text


def _is_binary(data: bytes) -> bool:
    return b"\x00" in data[:_BINARY_SNIFF_BYTES]


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class ReadOptions:
    """``read_articles``' settings, passed down to every reader as one value."""

    published: date | None
    limit: int
    rules: IngestRules
    since: date | None = None
    allow_private: bool = False
    fetch_links: bool = False
    timeout: float = 20

    def too_old(self, day: date | None) -> bool:
        return self.since is not None and day is not None and day < self.since


def read_articles(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    stdin: TextIO | None = None,
    max_bytes: int | None = None,
    rules: IngestRules | None = None,
    since: date | None = None,
    allow_private: bool = False,
    fetch_links: bool = False,
    timeout: float = 20,
) -> Iterator[Article | Skip]:
    """Yield an Article or a Skip for every document under ``paths``.

    A path may be a ``.txt``, ``.html``/``.htm`` or ``.jsonl`` file (each
    optionally gzipped, ``.html.gz``), an RSS/Atom feed (``.rss``, ``.atom``,
    or ``.xml`` that parses as a feed; one document per entry), a WARC file
    (``.warc``, ``.warc.gz``; one document per HTML ``response`` record), an
    ``http://``/``https://`` URL (a page, or a feed when the server sends
    one), a folder (read recursively in sorted order; other file types in it
    are ignored), or ``-`` for ``stdin`` (``sys.stdin`` when None; JSONL when
    it starts with ``{``, a feed when it is RSS/Atom, HTML when it starts
    with ``<``, plain text otherwise).

    ``published`` is the default publication date for documents that have
    none. ``since`` drops documents published before that day without
    recording anything (documents with no date are kept). ``allow_private``,
    ``timeout`` and ``max_bytes`` are passed to :func:`eventwire.fetch.fetch`
    for every URL; ``fetch_links=True`` makes each feed entry's article the
    page its link points to instead of the entry's summary.

    Raises InputError (E006) for a top-level path that does not exist; every
    other problem, a failed fetch included, is a Skip with a coded reason.
    """
    rules = rules or default_rules()
    opts = ReadOptions(
        published=published,
        limit=rules.max_bytes if max_bytes is None else max_bytes,
        rules=rules,
        since=since,
        allow_private=allow_private,
        fetch_links=fetch_links,
        timeout=timeout,
    )
    for result in _read_paths(paths, stdin, opts):
        # Readers that know a date early drop old documents before the
        # expensive work; this catches the rest (page dates, defaults).
        if isinstance(result, Article) and opts.too_old(result.published):
            logger.debug("%s: published %s, before %s; dropped", result.origin, result.published, since)
            continue
        yield result


def _read_paths(paths: Iterable[str | Path], stdin: TextIO | None, opts: ReadOptions) -> Iterator[Article | Skip]:
    for raw in paths:
        if str(raw) == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, opts)
            continue
        if isinstance(raw, str) and _URL_LIKE.match(raw):
            from eventwire import ingest_web  # here, not at the top: it imports this module

            yield from ingest_web.read_url(raw, opts)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and _file_kind(p) in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            logger.info("%s: %d files to read", path, len(files))
            for file in files:
                yield from _read_file(file, opts)
        elif path.exists():
            yield from _read_file(path, opts)
        else:
            raise InputError(E006.format(path=path))


def _file_kind(path: Path) -> str:
    """The suffix that says how to read the file, looking through ``.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == GZIP_SUFFIX:
        return suffixes[-2]
    return suffixes[-1] if suffixes else ""


def _open(path: Path):
    if path.suffix.lower() == GZIP_SUFFIX:
        return gzip.open(path, "rb")
    return path.open("rb")


def _read_file(path: Path, opts: ReadOptions) -> Iterator[Article | Skip]:
    from eventwire import ingest_web  # here, not at the top: it imports this module

    origin = str(path)
    kind = _file_kind(path)
    if kind not in SUPPORTED_SUFFIXES:
        yield Skip(origin, E012.format(path=origin, suffix=path.suffix))
        return
    if kind in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, opts)
        return
    if kind in WARC_SUFFIXES:
        yield from ingest_web.read_warc(path, opts)
        return
    try:
        with _open(path) as handle:
            data = handle.read(opts.limit + 1)  # bounded, so a gzip bomb cannot fill memory
    except (OSError, EOFError) as exc:  # unreadable or corrupt: record it, go on
        yield Skip(origin, E045.format(path=origin, detail=getattr(exc, "strerror", None) or exc))
        return
    if len(data) > opts.limit:
        yield Skip(origin, E011.format(path=origin, limit=opts.limit))
        return
    if kind in FEED_SUFFIXES:
        yield from ingest_web.read_feed(data, origin, opts)
        return
    yield _from_bytes(data, origin, html=kind in HTML_SUFFIXES, published=opts.published, rules=opts.rules)


def _from_bytes(data: bytes, origin: str, *, html: bool, published: date | None, rules: IngestRules) -> Article | Skip:
    if not data.strip():
        return Skip(origin, E001.format(path=origin))
    if _is_binary(data):
        return Skip(origin, E002.format(path=origin))
    text = _decode_html(data, origin) if html else _decode(data, origin)
    if isinstance(text, Skip):
        return text
    if html:
        return article_from_html(text, origin=origin, published=published, rules=rules)
    return article_from_text(text, origin=origin, published=published, rules=rules)


def _read_jsonl_file(path: Path, opts: ReadOptions) -> Iterator[Article | Skip]:
    origin = str(path)
    try:
        with _open(path) as handle:
            head = handle.read(_BINARY_SNIFF_BYTES)
            if not head.strip():
                yield Skip(origin, E001.format(path=origin))
                return
            if _is_binary(head):
                yield Skip(origin, E002.format(path=origin))
                return
            handle.seek(0)
            yield from _read_jsonl_lines(handle, origin, opts)
    except (OSError, EOFError) as exc:
        yield Skip(origin, E045.format(path=origin, detail=getattr(exc, "strerror", None) or exc))


def _read_jsonl_lines(lines: Iterable[bytes | str], origin: str, opts: ReadOptions) -> Iterator[Article | Skip]:
    """One Article or Skip per non-blank line; a bad line never stops the rest."""
    limit = opts.limit
    offset = 0
    for number, line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if isinstance(line, bytes):
            line_offset, offset = offset, offset + len(line)
            if len(line) > limit:
                yield Skip(where, E011.format(path=where, limit=limit))
                continue
            decoded = _decode(line, where, offset_base=line_offset)
            if isinstance(decoded, Skip):
                yield decoded
                continue
            line = decoded
        elif len(line) > limit:
            yield Skip(where, E011.format(path=where, limit=limit))
            continue
        if not line.strip():
            continue
        result = _from_json(line, origin, number, opts)
        if result is not None:
            yield result


def _from_json(line: str, origin: str, number: int, opts: ReadOptions) -> Article | Skip | None:
    """The line's Article or Skip; None for a document dated before ``since``."""
    where = f"{origin}:{number}"
    published = opts.published
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skip(where, E004.format(path=origin, line=number, detail=f"{exc.msg} at column {exc.colno}"))
    if not isinstance(doc, dict):
        return Skip(where, E004.format(path=origin, line=number, detail=f"a JSON {type(doc).__name__}, not an object"))
    doc_date = doc.get("published")
    parsed = _parse_date(doc_date) if doc_date not in (None, "") else None
    if opts.too_old(parsed):
        return None  # checked first: an old document is not reported even if it is broken
    text = doc.get("text")
    if not isinstance(text, str) or not text.strip():
        return Skip(where, E005.format(path=origin, line=number))
    if doc.get("id") is not None:
        where = f"{where} (id={doc['id']})"
    if doc_date not in (None, ""):
        if parsed is None:
            return Skip(where, E040.format(path=origin, line=number, value=doc_date))
        published = parsed
    title, url = doc.get("title"), doc.get("url")
    return article_from_text(
        text,
        origin=where,
        published=published,
        title=str(title) if title else None,
        url=str(url) if url else None,
        rules=opts.rules,
    )


def _read_stdin(stream: TextIO, opts: ReadOptions) -> Iterator[Article | Skip]:
    from eventwire import ingest_web  # here, not at the top: it imports this module

    # Read bytes where we can, so invalid UTF-8 is reported like a file's.
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data: bytes | str = buffer.read()
    else:
        data = stream.read()
    start = data.lstrip()[:1]
    if start in ("{", b"{"):
        if isinstance(data, bytes) and _is_binary(data):
            yield Skip(STDIN, E002.format(path=STDIN))
            return
        # Split on "\n" only: str.splitlines would also split inside JSON
        # strings at U+2028 and friends, which JSON allows unescaped.
        newline = b"\n" if isinstance(data, bytes) else "\n"
        lines = [part + newline for part in data.split(newline)]
        yield from _read_jsonl_lines(lines, STDIN, opts)
        return
    if len(data) > opts.limit:
        yield Skip(STDIN, E011.format(path=STDIN, limit=opts.limit))
        return
    html = start in ("<", b"<")
    if html and ingest_web.looks_like_feed(data if isinstance(data, bytes) else data[:4096].encode("utf-8")):
        yield from ingest_web.read_feed(data if isinstance(data, bytes) else data.encode("utf-8"), STDIN, opts)
    elif isinstance(data, bytes):
        yield _from_bytes(data, STDIN, html=html, published=opts.published, rules=opts.rules)
    elif html:
        yield article_from_html(data, origin=STDIN, published=opts.published, rules=opts.rules)
    else:
        yield article_from_text(data, origin=STDIN, published=opts.published, rules=opts.rules)
