"""Fetching one page over HTTP(S), defensively.

Only http and https; the host is resolved once per hop and every address it resolves to must be
public (not loopback, private, link-local, multicast, reserved or unspecified) unless private
addresses are allowed, and the connection goes to the address that was checked, so a second DNS
answer cannot swap in another. Redirects are followed by hand, at most `max_redirects`, each hop
checked again. One deadline covers the whole fetch; the body is read in chunks up to the byte
cap; only text/html, application/xhtml+xml and text/plain are accepted. Standard library only.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from urllib.parse import urljoin, urlsplit

from verifier.ingest.base import IngestError, Limits, Media, Raw

MEDIA: dict[str, Media] = {"text/html": "html", "application/xhtml+xml": "html",
                           "text/plain": "text"}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65536
HEADERS = {"User-Agent": "claim-verifier-ingest/0.1", "Accept": "text/html, text/plain;q=0.9",
           "Accept-Encoding": "identity", "Connection": "close"}


def fetch(url: str, limits: Limits) -> Raw:
    """The body of `url` after at most `limits.max_redirects` checked redirects, within
    `limits.timeout` seconds in all: a socket timeout bounds each read only, so a server
    sending its headers a byte at a time kept `--timeout 5` going for a minute. A watchdog
    shuts the open connection at the deadline, which ends any read in progress."""
    deadline = time.monotonic() + limits.timeout
    live: list[http.client.HTTPConnection] = []
    watchdog = threading.Timer(limits.timeout, _abort, (live,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return _fetch(url, limits, deadline, live)
    except IngestError:
        if time.monotonic() >= deadline:
            raise IngestError(f"{url}: timed out after {limits.timeout:g} s; raise the limit "
                              "with --timeout if the site is slow") from None
        raise
    finally:
        watchdog.cancel()


def _abort(live: list[http.client.HTTPConnection]) -> None:
    for conn in live:
        if conn.sock is not None:
            with contextlib.suppress(OSError):
                conn.sock.shutdown(socket.SHUT_RDWR)


def _fetch(url: str, limits: Limits, deadline: float,
           live: list[http.client.HTTPConnection]) -> Raw:
    current = url
    for _hop in range(limits.max_redirects + 1):
        conn, response = _get(current, limits, deadline, live)
        try:
            if response.status not in _REDIRECTS:
                return _body(url, current, response, limits, deadline)
            location = response.getheader("Location")
        finally:
            response.close()
            conn.close()
        if not location:
            raise IngestError(f"{url}: redirect without a Location header from {current}")
        current = urljoin(current, location)
    raise IngestError(f"{url}: more than {limits.max_redirects} redirects; ingest the final URL")


def _get(url: str, limits: Limits, deadline: float, live: list[http.client.HTTPConnection]
         ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    try:
        parts = urlsplit(url)
    except ValueError as error:  # "Invalid IPv6 URL", a bad port, control characters
        raise IngestError(f"{url}: not a valid URL ({error})") from None
    if parts.scheme not in ("http", "https"):
        raise IngestError(f"{url}: only http and https URLs can be ingested")
    if parts.username or parts.password:
        raise IngestError(f"{url}: URLs with a user name or password are not ingested")
    try:
        host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise IngestError(f"{url}: the port is not a number in range") from None
    if not host:
        raise IngestError(f"{url}: no host name in the URL")
    address = resolve(url, host, port, limits.allow_private)
    conn = _connection(parts.scheme, host, port, address, _remaining(url, deadline))
    live.append(conn)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("GET", path, headers=HEADERS)
        return conn, conn.getresponse()
    except (OSError, http.client.HTTPException) as error:
        conn.close()
        raise IngestError(f"{url}: could not fetch ({_reason(error)})") from None


def resolve(url: str, host: str, port: int, allow_private: bool) -> str:
    """The address to connect to; refuses non-public addresses unless `allow_private`."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise IngestError(f"{url}: cannot resolve host {host!r} ({_reason(error)})") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise IngestError(f"{url}: host {host!r} has no address")
    for address in addresses:
        if not allow_private and not is_public(address):
            raise IngestError(f"{url}: host {host!r} is at {address}, a loopback, private or "
                              "reserved address; pass --allow-private if you mean it")
    return addresses[0]


# Special-purpose ranges that `ipaddress` calls global, or that only some Python versions
# know: IETF protocol assignments (192.0.0.0/24, e.g. 192.0.0.8), documentation, benchmarking,
# shared address space, site-local IPv6 (fec0::/10, deprecated but routed inside some networks),
# NAT64 local use, Teredo and ORCHID.
_SPECIAL = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "fec0::/10", "fc00::/7", "fe80::/10",
    "64:ff9b:1::/48", "2001::/23", "2001:db8::/32", "::/96"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(address: str) -> bool:
    """Whether `address` is a public unicast address, and so is every IPv4 address it embeds
    (IPv4-mapped, 6to4 2002::/16, Teredo, NAT64 64:ff9b::/96): 2002:7f00:1:: reaches
    127.0.0.1 through a 6to4 relay."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if any(not is_public(str(inner)) for inner in _embedded(ip)):
        return False
    if any(ip.version == n.version and ip in n for n in _SPECIAL):
        return False
    local = ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast \
        or ip.is_reserved or ip.is_unspecified
    return ip.is_global and not local and not getattr(ip, "is_site_local", False)


def _embedded(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [a for a in found if a is not None]


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand, with the host name kept for Host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(_PinnedHTTP):
    def connect(self) -> None:
        super().connect()
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


def _connection(scheme: str, host: str, port: int, address: str,
                timeout: float) -> _PinnedHTTP:
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    return kind(host, port, address, timeout)


def _body(url: str, final: str, response: http.client.HTTPResponse, limits: Limits,
          deadline: float) -> Raw:
    if response.status != 200:
        raise IngestError(f"{url}: the server answered {response.status} {response.reason}")
    if response.getheader("Content-Type") is None:
        raise IngestError(f"{url}: the server sent no Content-Type; save the page and ingest "
                          "the file")
    kind = response.headers.get_content_type()
    media = MEDIA.get(kind)
    if media is None:
        raise IngestError(f"{url}: content type {kind} is not text/html or text/plain")
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > limits.max_bytes:
        raise IngestError(f"{url}: {length} bytes, over the limit of {limits.max_bytes}; "
                          "raise it with --max-bytes if this really is one article")
    data = _read(url, response, limits.max_bytes, deadline)
    data = _decompress(url, response.getheader("Content-Encoding", "identity"), data, limits)
    if not data:
        raise IngestError(f"{url}: the server sent an empty body: nothing to ingest")
    return Raw(url, data, media, response.headers.get_content_charset(), final)


def _read(url: str, response: http.client.HTTPResponse, cap: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.read1(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise IngestError(f"{url}: more than {cap} bytes; raise the limit with "
                                  "--max-bytes if this really is one article")
            _remaining(url, deadline)
            chunks.append(chunk)
    except (OSError, http.client.HTTPException) as error:
        raise IngestError(f"{url}: the download failed ({_reason(error)})") from None
    _remaining(url, deadline)  # an end of body the watchdog caused is no end: a cut-off page
    return b"".join(chunks)


def _decompress(url: str, encoding: str, data: bytes, limits: Limits) -> bytes:
    """Servers may compress despite `Accept-Encoding: identity`; inflate within the byte cap."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise IngestError(f"{url}: content encoding {encoding!r} is not supported")
    out = b""
    while data:  # a gzip body may hold several members, one after another (RFC 1952)
        inflater = zlib.decompressobj(wbits=47)  # 32 + 15: gzip or zlib header, detected
        try:
            out += inflater.decompress(data, limits.max_bytes + 1 - len(out))
        except zlib.error:
            raise IngestError(f"{url}: the {encoding} body is corrupt") from None
        if len(out) > limits.max_bytes or inflater.unconsumed_tail:
            raise IngestError(f"{url}: more than {limits.max_bytes} bytes once decompressed")
        if not inflater.eof:
            raise IngestError(f"{url}: the {encoding} body is truncated")
        data = inflater.unused_data
    return out


def _remaining(url: str, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise IngestError(f"{url}: timed out; raise the limit with --timeout if the site is slow")
    return left


def _reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "timed out; raise the limit with --timeout if the site is slow"
    return str(error) or type(error).__name__
