"""Web sources: RSS/Atom feeds, WARC files and URLs, fetched without reaching private networks.

No test touches the internet: pages are served by a local http.server on
127.0.0.1, which the fetcher only reads with ``allow_private=True``.
"""

from __future__ import annotations

import gzip
import io
import ipaddress
import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventwire import fetch as fetch_module
from eventwire.errors import InputError
from eventwire.fetch import USER_AGENT, fetch
from eventwire.ingest import read_articles
from eventwire.records import Article, Skip, content_id

SOURCES = Path(__file__).parent / "fixtures" / "sources"
PAGE = (SOURCES / "page.html").read_bytes()
PAGE_DATE = date(2021, 4, 2)  # its article:published_time

# A feed whose entry links point at the local server ({base} is filled in when served).
LOCAL_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local</title><link>{base}/</link><description>x</description>
<item><title>Crossing reopens</title><link>{base}/page.html</link>
<pubDate>Fri, 02 Apr 2021 09:00:00 +0000</pubDate>
<description>The crossing between Sylvania and Freedonia reopened.</description></item>
<item><title>Gone</title><link>{base}/missing</link>
<pubDate>Thu, 01 Apr 2021 09:00:00 +0000</pubDate>
<description>A story that was taken down by the publisher.</description></item>
<item><title>Old news</title><link>{base}/page.html</link>
<pubDate>Mon, 01 Mar 2021 09:00:00 +0000</pubDate>
<description>The crossing between Sylvania and Freedonia closed.</description></item>
</channel></rss>
"""


def results_by_origin(paths, **kwargs) -> dict[str, Article | Skip]:
    return {r.origin: r for r in read_articles([str(p) for p in paths], **kwargs)}


# ----------------------------------------------------------------------------- local server


class _Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/page.html": (200, "text/html; charset=utf-8", PAGE),
            "/page.gz": (200, "text/html", gzip.compress(PAGE)),
            "/feed": (200, "application/rss+xml", LOCAL_FEED.format(base=base).encode()),
            "/feed-as-xml": (200, "text/xml", LOCAL_FEED.format(base=base).encode()),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            "/big": (200, "text/plain", b"word " * 4000),
        }
        redirects = {
            "/moved": "/page.html",
            "/loop": "/loop",
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
            "/to-loopback6": f"http://[::1]:{self.server.server_port}/page.html",
        }
        if self.path == "/drip":  # a server that never stops sending, slowly
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"word ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:  # the client gave up, as it should
                pass
            return
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, content_type, body = routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if self.path == "/page.gz":
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


# ----------------------------------------------------------------------------- feed files


def test_rss_file_gives_one_article_per_entry_with_its_date_url_and_title():
    results = results_by_origin([SOURCES / "feed.rss"])
    first = results[f"{SOURCES / 'feed.rss'}#entry1"]
    assert isinstance(first, Article)
    assert first.title == "Freedonia and Sylvania sign border agreement"
    assert first.url == "https://news.example.org/world/border-agreement"
    # 23:30 at -0500 is already the 14th in UTC; the publisher's day is kept.
    assert first.published == date(2021, 3, 13)
    # content:encoded (the full text) wins over the short description, as paragraphs
    assert first.text.startswith("The prime ministers of Freedonia and Sylvania signed")
    assert "\n\nCustoms officers from both countries" in first.text
    assert "<p>" not in first.text and "signed the deal in Geneva" not in first.text
    second = results[f"{SOURCES / 'feed.rss'}#entry2"]
    assert second.text == "Sylvania recalled its ambassador to Freedonia on Monday after a dispute over fishing rights."
    assert second.published == date(2021, 2, 1)
    assert second.id == content_id(second.text)


def test_rss_entry_without_text_is_a_skip_that_says_how_to_get_it():
    skip = results_by_origin([SOURCES / "feed.rss"])[f"{SOURCES / 'feed.rss'}#entry3"]
    assert isinstance(skip, Skip)
    assert skip.reason.startswith("[E088]") and "fetch_links" in skip.reason


def test_atom_file_gives_articles_with_local_dates_and_summaries():
    results = list(read_articles([SOURCES / "feed.atom"], published=date(2000, 1, 1)))
    assert [r.url for r in results] == [
        "https://wire.example.org/troops-leave",
        "https://wire.example.org/talks-resume",
    ]
    # 01:00 at +02:00 is the 14th in UTC; the entry's own date (the 15th) wins over the default
    assert results[0].published == date(2021, 3, 15)
    assert results[0].text == (
        "Freedonia withdrew its troops from the disputed valley on Monday, the defence ministry said."
        "\n\nSylvania called the move a first step."
    )
    assert results[1].published == date(2021, 3, 9)  # no <published>: <updated>
    assert results[1].title == "Talks to resume in Geneva"


def test_xml_that_is_not_a_feed_is_skipped_and_feeds_in_a_folder_are_read(tmp_path):
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    (tmp_path / "world.rss").write_bytes((SOURCES / "feed.rss").read_bytes())
    (tmp_path / "world.rss.gz").write_bytes(gzip.compress((SOURCES / "feed.atom").read_bytes()))
    results = results_by_origin([tmp_path])
    assert results[str(tmp_path / "sitemap.xml")].reason.startswith("[E087]")
    assert isinstance(results[f"{tmp_path / 'world.rss'}#entry1"], Article)
    assert isinstance(results[f"{tmp_path / 'world.rss.gz'}#entry2"], Article)


def test_feed_on_stdin_is_read_as_a_feed():
    stdin = io.TextIOWrapper(io.BytesIO((SOURCES / "feed.atom").read_bytes()), encoding="utf-8")
    results = list(read_articles(["-"], stdin=stdin))
    assert [r.origin for r in results] == ["-#entry1", "-#entry2"]


# ----------------------------------------------------------------------------- WARC


def _warc_record(url: str, body: bytes, content_type: str, *, gz: bool, day: str = "2021-04-03") -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    http_headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=http_headers,
        warc_headers_dict={"WARC-Date": f"{day}T10:00:00Z"},
    )
    writer.write_record(record)
    return buf.getvalue()


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_articles_and_a_broken_record_is_one_skip(tmp_path, gz):
    undated = PAGE.replace(b'<meta property="article:published_time" content="2021-04-02T08:00:00Z">', b"")
    undated = undated.replace(b"reopened on Friday", b"reopened on Thursday")
    first = _warc_record("https://news.example.org/crossing", PAGE, "text/html; charset=utf-8", gz=gz)
    image = _warc_record("https://news.example.org/lorry.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", gz=gz)
    broken = _warc_record("https://news.example.org/broken", PAGE, "text/html", gz=gz)
    # gzip: a damaged member; plain: a record whose header line is not WARC/1.x
    broken = broken[:40] + b"\x00" * 60 + broken[100:] if gz else b"GARBAGE" + broken[8:]
    last = _warc_record("https://news.example.org/thursday", undated, "text/html", gz=gz, day="2021-04-05")
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(first + image + broken + last)

    results = list(read_articles([path], published=date(1999, 1, 1)))
    assert [type(r).__name__ for r in results] == ["Article", "Skip", "Article"]  # the image: nothing
    page, skip, after = results
    assert page.url == "https://news.example.org/crossing"
    assert page.published == PAGE_DATE  # the page's own date, not the crawl date
    assert page.origin == f"{path}@0"
    assert "first lorries passed through" in page.text and "Privacy policy" not in page.text
    offset = len(first) + len(image)
    assert skip.origin == f"{path}@{offset}"
    assert skip.reason.startswith("[E089]") and f"byte {offset}" in skip.reason
    assert after.url == "https://news.example.org/thursday"
    assert after.published == date(2021, 4, 5)  # no page date: the WARC-Date day
    assert "reopened on Thursday" in after.text


def test_empty_and_non_warc_files_are_skipped(tmp_path):
    (tmp_path / "empty.warc").write_bytes(b"")
    (tmp_path / "notes.warc.gz").write_bytes(gzip.compress(b"just some notes, not an archive\n"))
    results = results_by_origin([tmp_path])
    assert results[str(tmp_path / "empty.warc")].reason.startswith("[E001]")
    assert results[f"{tmp_path / 'notes.warc.gz'}@0"].reason.startswith("[E089]")


# ----------------------------------------------------------------------------- since


def test_since_drops_older_documents_without_recording_them(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"text": "Sylvania and Freedonia agreed to hold talks in Geneva.", "published": "2021-03-20"}\n'
        '{"text": "Freedonia closed the crossing.", "published": "2021-02-01"}\n'
        '{"text": "", "published": "2020-12-31"}\n'  # broken but old: not reported either
        '{"text": "An undated report of talks between the two sides."}\n',
        encoding="utf-8",
    )
    results = list(read_articles([SOURCES / "feed.rss", SOURCES / "feed.atom", corpus], since=date(2021, 3, 10)))
    kept = {(r.origin.rsplit("/", 1)[-1], getattr(r, "published", None)) for r in results}
    assert kept == {
        ("feed.rss#entry1", date(2021, 3, 13)),
        ("feed.rss#entry3", None),  # the Skip for the text-less entry of 14 March stays
        ("feed.atom#entry1", date(2021, 3, 15)),
        ("corpus.jsonl:1", date(2021, 3, 20)),
        ("corpus.jsonl:4", None),  # undated documents are kept
    }


def test_since_applies_to_warc_and_to_a_default_date(tmp_path):
    path = tmp_path / "old.warc.gz"
    old = PAGE.replace(b"2021-04-02T08:00:00Z", b"2020-06-01T08:00:00Z")
    path.write_bytes(_warc_record("https://news.example.org/old", old, "text/html", gz=True, day="2020-06-02"))
    text = tmp_path / "note.txt"
    text.write_text("The two governments agreed to reopen the crossing.", encoding="utf-8")
    assert list(read_articles([path, text], published=date(2020, 1, 1), since=date(2021, 1, 1))) == []
    assert len(list(read_articles([text], published=date(2021, 1, 1), since=date(2021, 1, 1)))) == 1


# ----------------------------------------------------------------------------- URLs


def test_url_page_is_fetched_and_extracted(server):
    _Handler.seen_agents.clear()
    [article] = read_articles([f"{server}/moved"], allow_private=True)
    assert isinstance(article, Article)
    assert article.url == f"{server}/page.html"  # after the redirect
    assert article.origin == f"{server}/moved"  # what the user asked for
    assert article.published == PAGE_DATE and article.title == "Sylvania and Freedonia reopen crossing"
    assert "first lorries passed through" in article.text
    assert all(agent == USER_AGENT and agent.startswith("eventwire/") for agent in _Handler.seen_agents)


def test_url_gzip_body_is_decoded(server):
    result = fetch(f"{server}/page.gz", allow_private=True)
    assert result.body == PAGE and result.media_type == "text/html"


@pytest.mark.parametrize("route", ["/feed", "/feed-as-xml"])
def test_feed_url_gives_its_entries_and_fetch_links_reads_their_pages(server, route):
    summaries = list(read_articles([server + route], allow_private=True))
    assert [r.title for r in summaries] == ["Crossing reopens", "Gone", "Old news"]
    assert summaries[0].text == "The crossing between Sylvania and Freedonia reopened."
    assert summaries[0].url == f"{server}/page.html"

    pages = list(read_articles([server + route], allow_private=True, fetch_links=True, since=date(2021, 3, 15)))
    page, gone = pages  # "Old news" is before since: its link is not even fetched
    assert "first lorries passed through" in page.text
    assert page.published == date(2021, 4, 2) and page.origin == f"{server}{route}#entry1"
    assert isinstance(gone, Skip) and gone.reason.startswith("[E083]") and "404" in gone.reason


def test_failed_fetches_are_skips_and_the_batch_goes_on(server):
    urls = [f"{server}/image.png", f"{server}/missing", f"{server}/loop", "ftp://example.org/a.txt"]
    results = list(read_articles([*urls, f"{server}/page.html"], allow_private=True))
    codes = [r.reason[:6] if isinstance(r, Skip) else "article" for r in results]
    assert codes == ["[E086]", "[E083]", "[E084]", "[E080]", "article"]
    assert "more than 5 redirects" in results[2].reason


def test_response_over_the_size_limit_is_refused(server):
    with pytest.raises(InputError, match=r"\[E085\]"):
        fetch(f"{server}/big", allow_private=True, max_bytes=1000)
    [skip] = read_articles([f"{server}/big"], allow_private=True, max_bytes=1000)
    assert skip.reason.startswith("[E085]")


def test_timeout_bounds_the_whole_fetch_not_just_each_read(server):
    started = time.monotonic()
    with pytest.raises(InputError, match=r"\[E082\].*timed out after 0.5 s"):
        fetch(f"{server}/drip", allow_private=True, timeout=0.5)
    assert time.monotonic() - started < 2


# ----------------------------------------------------------------------------- address safety


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://10.0.0.1/admin", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://[::1]:8080/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("https://100.64.0.1/", "non-global"),
        ("http://[64:ff9b::a00:1]/", "private"),  # NAT64 of 10.0.0.1
        ("http://[2002:a00:1::]/", "private"),  # 6to4 of 10.0.0.1
    ],
)
def test_private_addresses_are_refused_by_default(url, kind):
    with pytest.raises(InputError, match=r"^\[E081\]") as caught:
        fetch(url)
    assert f"a {kind} address" in str(caught.value) and "allow_private" in str(caught.value)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1111", "::ffff:93.184.216.34", "64:ff9b::5db8:d822"])
def test_public_addresses_pass_the_check(address):
    assert fetch_module.refused_kind(ipaddress.ip_address(address)) is None


def test_local_server_is_refused_by_default_and_read_with_allow_private(server):
    [skip] = read_articles([f"{server}/page.html"])
    assert isinstance(skip, Skip) and skip.reason.startswith("[E081]")
    assert fetch(f"{server}/page.html", allow_private=True).body == PAGE


def test_host_name_is_checked_on_every_address_it_resolves_to(monkeypatch):
    def fake_getaddrinfo(host, port, *args, **kwargs):
        assert host == "news.example.org"  # no real DNS in tests
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port)),
        ]

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(InputError, match=r"news\.example\.org resolves to 10\.1\.2\.3, a private address"):
        fetch("https://news.example.org/story")


@pytest.mark.parametrize(("route", "address"), [("/to-metadata", "169.254.169.254"), ("/to-loopback6", "::1")])
def test_redirect_to_a_private_address_is_refused(server, monkeypatch, route, address):
    # Let the test server pass as a public host; every other address is judged as usual.
    real = fetch_module.refused_kind
    monkeypatch.setattr(fetch_module, "refused_kind", lambda ip: None if str(ip) == "127.0.0.1" else real(ip))
    with pytest.raises(InputError, match=r"^\[E081\]") as caught:
        fetch(server + route)
    assert address in str(caught.value)
    assert fetch(f"{server}/moved").final_url == f"{server}/page.html"  # a public-to-public redirect is followed


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://example.org/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(InputError, match=r"^\[E080\]"):
        fetch(url, allow_private=True)
