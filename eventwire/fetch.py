"""Fetch: download a web page or feed without being turned against the local network.

``fetch`` is the only place eventwire opens a network connection. A URL
handed to eventwire (on the command line, in a feed, in a redirect) is not
trusted, so by default it may not reach loopback, private, link-local,
multicast, reserved or unspecified addresses (IPv4 and IPv6, including
IPv4-mapped IPv6): that stops a feed entry or a redirect from making
eventwire read ``http://169.254.169.254/`` (cloud metadata) or an admin page
on ``10.0.0.1``. ``allow_private=True`` lifts the check, e.g. for a news
archive on the intranet.

How the check is made safe:

* Every address the host resolves to is checked, and the connection is made
  to the checked address itself (not to a fresh lookup of the name), so a
  DNS answer that changes between check and connect cannot slip through.
  TLS still verifies the certificate against the host name.
* Redirects are followed here, at most ``MAX_REDIRECTS``, and every hop is
  checked the same way (scheme and address).
* The body is read up to ``max_bytes`` (checked on ``Content-Length`` first,
  then while reading, also after gzip/deflate decoding), and ``timeout``
  bounds each socket operation *and* the whole fetch, redirects included,
  so a server that drips bytes cannot hold a batch forever.

Proxy environment variables are not used: connections are direct.
Every failure raises :class:`~eventwire.errors.InputError` with an
``[E08x]`` one-line message; callers reading a batch turn it into a Skip.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from eventwire import __version__
from eventwire.errors import E080, E081, E082, E083, E084, E085, InputError

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
MAX_REDIRECTS = 5
USER_AGENT = f"eventwire/{__version__} (political event coding from news; python http.client)"
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_URL_SAFE = "!$%&'()*+,/:;=?@[]~"
_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # well-known prefix: the last 32 bits are an IPv4 address


@dataclass(frozen=True)
class FetchResult:
    """A fetched document: the URL asked for, the URL it came from after
    redirects, the ``Content-Type`` header as sent (``""`` when missing) and
    the body (content-encoding already undone)."""

    url: str
    final_url: str
    content_type: str
    body: bytes

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower-cased: ``text/html``."""
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of the content type, if any."""
        return charset_of(self.content_type)


def charset_of(content_type: str) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` value, lower-cased, or None."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def refused_kind(address: _IPAddress) -> str | None:
    """Why ``address`` may not be fetched by default ("loopback", "private", ...), or None.

    An IPv6 address that carries an IPv4 one (mapped ``::ffff:10.0.0.1``,
    6to4 ``2002:a00:1::``, NAT64 ``64:ff9b::a00:1``) is judged by that IPv4
    address. Anything that is not globally routable is refused, which
    also covers shared (carrier-grade NAT) and documentation ranges.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            # Judged as the IPv4 address only: Python files 64:ff9b::/96 under
            # "reserved", which would refuse every site on an IPv6-only network.
            return refused_kind(embedded)
    checks = (
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-global", not address.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 20,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchResult:
    """GET an ``http://`` or ``https://`` URL, following at most 5 redirects.

    Raises InputError: E080 (not http/https), E081 (a hop resolves to a
    refused address and ``allow_private`` is False), E082 (DNS, connection,
    TLS or timeout failure), E083 (HTTP status other than 2xx), E084
    (redirect loop or a redirect without ``Location``), E085 (body larger
    than ``max_bytes``).
    """
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port = _split(current)
        addresses = _resolve(current, host, port, allow_private)
        status, reason, headers, body = _get(current, scheme, host, port, addresses, deadline, timeout, max_bytes)
        if status in _REDIRECT_STATUSES:
            location = headers.get("Location")
            if not location:
                raise InputError(E084.format(url=url, detail=f"HTTP {status} without a Location header"))
            nxt = urljoin(current, location.strip())
            logger.debug("%s: redirected (%d) to %s", current, status, nxt)
            current = nxt
            continue
        if not 200 <= status < 300:
            raise InputError(E083.format(url=current, status=status, reason=reason))
        logger.info("fetched %s (%d bytes)", current, len(body))
        return FetchResult(url=url, final_url=current, content_type=headers.get("Content-Type", ""), body=body)
    raise InputError(E084.format(url=url, detail=f"more than {MAX_REDIRECTS} redirects"))


def _split(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # e.g. a port that is not a number
        raise InputError(E082.format(url=url, detail=f"malformed URL: {exc}")) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(E080.format(url=url))
    if not parts.hostname:
        raise InputError(E082.format(url=url, detail="no host in the URL"))
    try:
        # An international name goes on the wire (DNS, Host header, TLS) as its ASCII form.
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InputError(E082.format(url=url, detail=f"bad host name: {exc}")) from exc
    return scheme, host, port or (443 if scheme == "https" else 80)


def _resolve(url: str, host: str, port: int, allow_private: bool) -> list[str]:
    """The host's addresses, each checked; a literal IP is not looked up."""
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        found = [str(literal)]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise InputError(E082.format(url=url, detail=f"cannot resolve {host!r}: {exc}")) from exc
        found = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        # All of them, not just the first: a name with one public and one
        # private address must not reach the private one on a retry.
        for address in found:
            kind = refused_kind(ipaddress.ip_address(address))
            if kind is not None:
                raise InputError(E081.format(url=url, host=host, address=address, kind=kind))
    return found


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to addresses checked beforehand, never to a new lookup of the host."""

    def __init__(self, host: str, port: int, addresses: list[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses

    def _connect_pinned(self) -> socket.socket:
        error: OSError | None = None
        for address in self._addresses:
            try:
                return socket.create_connection((address, self.port), self.timeout)
            except OSError as exc:
                error = exc
        raise error or OSError("no address to connect to")

    def connect(self) -> None:
        self.sock = self._connect_pinned()


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def connect(self) -> None:
        context = ssl.create_default_context()
        # The certificate is checked against the host name, not the pinned IP.
        self.sock = context.wrap_socket(self._connect_pinned(), server_hostname=self.host)


def _get(
    url: str,
    scheme: str,
    host: str,
    port: int,
    addresses: list[str],
    deadline: float,
    timeout: float,
    max_bytes: int,
) -> tuple[int, str, http.client.HTTPMessage, bytes]:
    """One GET without following redirects: (status, reason, headers, body)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise InputError(E082.format(url=url, detail=f"timed out after {timeout:g} s"))
    cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    conn = cls(host, port, addresses, timeout=min(timeout, remaining))
    parts = urlsplit(url)
    # Spaces and non-ASCII characters percent-encoded; existing %XX escapes kept.
    target = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=_URL_SAFE)
    try:
        conn.request(
            "GET",
            target,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
                "Accept-Encoding": "gzip, deflate",
            },
        )
        response = conn.getresponse()
        if response.status in _REDIRECT_STATUSES or not 200 <= response.status < 300:
            return response.status, response.reason, response.headers, b""
        length = response.headers.get("Content-Length")
        if length and length.strip().isdigit() and int(length) > max_bytes:
            raise InputError(E085.format(url=url, limit=max_bytes))
        body = _read_body(response, url, deadline, timeout, max_bytes)
        return response.status, response.reason, response.headers, body
    except (OSError, http.client.HTTPException, UnicodeError) as exc:  # timeouts and TLS errors are OSErrors
        detail = f"timed out after {timeout:g} s" if isinstance(exc, TimeoutError) else f"{type(exc).__name__}: {exc}"
        raise InputError(E082.format(url=url, detail=detail)) from exc
    finally:
        conn.close()


def _read_body(response: http.client.HTTPResponse, url: str, deadline: float, timeout: float, max_bytes: int) -> bytes:
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding == "identity":
        decoder = None
    else:
        raise InputError(E082.format(url=url, detail=f"unsupported Content-Encoding {encoding!r}"))
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise InputError(E082.format(url=url, detail=f"timed out after {timeout:g} s"))
        raw = response.read1(_CHUNK)
        if not raw:
            break
        try:
            # max_length bounds the output, so a small gzip bomb cannot fill memory.
            piece = decoder.decompress(raw, max_bytes + 1 - size) if decoder else raw
        except zlib.error as exc:
            raise InputError(E082.format(url=url, detail=f"corrupt {encoding} body: {exc}")) from exc
        size += len(piece)
        if size > max_bytes:
            raise InputError(E085.format(url=url, limit=max_bytes))
        chunks.append(piece)
    if decoder is not None:
        chunks.append(decoder.flush())
    return b"".join(chunks)
