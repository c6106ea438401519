"""Safe fetching: addresses, schemes, redirects, content types, size and time limits.

Every request goes to the local server on 127.0.0.1 (with allow_private) or is refused before
any connection is made.
"""

from __future__ import annotations

import gzip

import pytest
from ingest_support import Route, Server

from verifier.ingest import fetch as fetch_module
from verifier.ingest.base import IngestError, Limits
from verifier.ingest.fetch import fetch, is_public

LOCAL = Limits(allow_private=True, timeout=5.0)
PAGE = b"<html><head><title>T</title></head><body><p>Hello.</p></body></html>"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2a00:1450:4001:80b::200e", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("::1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata service: link-local
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::ffff:10.0.0.1", False),
    ],
)
def test_only_public_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/page", "http://localhost:9/", "http://10.0.0.1/a", "http://[::1]:9/",
     "https://192.168.0.10/", "http://169.254.169.254/latest/meta-data/"],
)
def test_private_addresses_are_refused_without_the_flag(url: str) -> None:
    with pytest.raises(IngestError, match="--allow-private"):
        fetch(url, Limits())


@pytest.mark.parametrize(
    ("url", "words"),
    [("ftp://example.org/a.txt", "only http and https"),
     ("file:///etc/passwd", "only http and https"),
     ("http://user:secret@example.org/", "user name or password"),
     ("http:///nohost", "no host"),
     ("http://example.org:99999/", "port")],
)
def test_bad_urls_are_refused_before_any_connection(url: str, words: str) -> None:
    with pytest.raises(IngestError, match=words):
        fetch(url, Limits())


def test_fetches_html_with_its_declared_charset(server: Server) -> None:
    server.routes["/a"] = Route(body=PAGE, headers={"Content-Type": "text/html; charset=UTF-8"})
    raw = fetch(server.url("/a"), LOCAL)
    assert (raw.data, raw.media, raw.declared, raw.url) == (PAGE, "html", "utf-8",
                                                             server.url("/a"))


def test_follows_a_few_redirects_and_records_the_final_url(server: Server) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/mid"})
    server.routes["/mid"] = Route(status=302, headers={"Location": server.url("/new")})
    server.routes["/new"] = Route(body=b"plain words", headers={"Content-Type": "text/plain"})
    raw = fetch(server.url("/old"), LOCAL)
    assert (raw.data, raw.media, raw.url) == (b"plain words", "text", server.url("/new"))


def test_too_many_redirects_are_refused(server: Server) -> None:
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    with pytest.raises(IngestError, match="more than 2 redirects"):
        fetch(server.url("/loop"), Limits(allow_private=True, max_redirects=2))


def test_redirects_are_checked_again(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the test server is public, so the private redirect target is what gets refused.
    real = fetch_module.is_public
    monkeypatch.setattr(fetch_module, "is_public", lambda a: a == "127.0.0.1" or real(a))
    server.routes["/r"] = Route(status=307, headers={"Location": "http://10.20.30.40/internal"})
    with pytest.raises(IngestError, match=r"10\.20\.30\.40.*--allow-private"):
        fetch(server.url("/r"), Limits())


def test_redirect_to_another_scheme_is_refused(server: Server) -> None:
    server.routes["/r"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(IngestError, match="only http and https"):
        fetch(server.url("/r"), LOCAL)


@pytest.mark.parametrize("kind", ["application/pdf", "image/png", "application/json"])
def test_other_content_types_are_refused(server: Server, kind: str) -> None:
    server.routes["/x"] = Route(body=b"{}", headers={"Content-Type": kind})
    with pytest.raises(IngestError, match=f"content type {kind}"):
        fetch(server.url("/x"), LOCAL)


def test_a_missing_content_type_is_refused(server: Server) -> None:
    server.routes["/x"] = Route(body=b"words")
    with pytest.raises(IngestError, match="no Content-Type"):
        fetch(server.url("/x"), LOCAL)


def test_error_statuses_are_reported(server: Server) -> None:
    with pytest.raises(IngestError, match="404"):
        fetch(server.url("/missing"), LOCAL)


def test_a_declared_length_over_the_cap_is_refused_unread(server: Server) -> None:
    server.routes["/big"] = Route(body=b"x" * 100, headers={"Content-Type": "text/plain",
                                                            "Content-Length": "100"})
    with pytest.raises(IngestError, match="over the limit of 50"):
        fetch(server.url("/big"), Limits(allow_private=True, max_bytes=50))


def test_a_body_over_the_cap_is_cut_off(server: Server) -> None:
    server.routes["/big"] = Route(body=b"x" * 200_000, headers={"Content-Type": "text/plain"})
    with pytest.raises(IngestError, match="more than 100000 bytes"):
        fetch(server.url("/big"), Limits(allow_private=True, max_bytes=100_000))


def test_gzip_is_inflated_within_the_cap(server: Server) -> None:
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    server.routes["/z"] = Route(body=gzip.compress(PAGE), headers=headers)
    assert fetch(server.url("/z"), LOCAL).data == PAGE
    server.routes["/bomb"] = Route(body=gzip.compress(b"a" * 1_000_000), headers=headers)
    with pytest.raises(IngestError, match="decompressed"):
        fetch(server.url("/bomb"), Limits(allow_private=True, max_bytes=10_000))


def test_slow_servers_time_out(server: Server) -> None:
    server.routes["/slow"] = Route(body=PAGE, headers={"Content-Type": "text/html"}, delay=3.0)
    with pytest.raises(IngestError, match="timed out"):
        fetch(server.url("/slow"), Limits(allow_private=True, timeout=0.3))


def test_an_empty_body_is_refused(server: Server) -> None:
    server.routes["/empty"] = Route(headers={"Content-Type": "text/plain"})
    with pytest.raises(IngestError, match="empty body"):
        fetch(server.url("/empty"), LOCAL)


def test_https_goes_through_tls_to_the_checked_address(server: Server) -> None:
    # The local server speaks plain HTTP, so the TLS handshake fails: the https path was taken.
    with pytest.raises(IngestError, match="could not fetch"):
        fetch(server.url("/a").replace("http://", "https://"), LOCAL)
