"""Issue 14, rows 14 and 20: `verifier ingest URL` against hostile servers and hosts. The
timeout is a deadline for the whole fetch (a server sending its headers a byte at a time
kept `--timeout 5` going for a minute), and the SSRF guard refuses every address that embeds
a private IPv4 one or lies in a special-purpose range `ipaddress` calls global. The server
listens on 127.0.0.1 only (allowed with allow_private) and stops at the end of each test."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from verifier.ingest.base import IngestError, Limits
from verifier.ingest.fetch import fetch, is_public

HANG = 60.0  # seconds: far beyond the 1 s deadline under test; only a hang reaches it


@pytest.mark.parametrize("address", [
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:a00:1::",  # 6to4 of 10.0.0.1
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
    "fec0::1",  # site-local
    "192.0.0.8", "192.0.0.170",  # IETF protocol assignments
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",  # NAT64 of loopback, of the metadata service
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "::ffff:10.0.0.1", "::127.0.0.1", "100.64.0.1", "198.18.0.1", "0.1.2.3", "fd00::1",
    "fe80::1%eth0", "169.254.169.254", "not an address",
])
def test_embedded_and_special_addresses_are_not_public(address: str) -> None:
    assert is_public(address) is False


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700:4700::1111", "1.1.1.1",
                                     "2a00:1450:4001:80b::200e"])
def test_public_addresses_stay_public(address: str) -> None:
    assert is_public(address) is True


@pytest.fixture
def slow_server() -> Iterator[str]:
    """A server that accepts, starts a response, then sends one header byte per 0.2 s, for
    as long as the client listens (or the test ends)."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                try:
                    conn.recv(4096)
                    conn.sendall(b"HTTP/1.1 200 OK\r\n")
                    while not stop.wait(0.2):
                        conn.sendall(b"X")
                except OSError:
                    continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/page"
    stop.set()
    thread.join(5)
    listener.close()


def test_a_server_sending_headers_slowly_hits_the_deadline(slow_server: str) -> None:
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            fetch(slow_server, Limits(timeout=1.0, allow_private=True))
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(HANG)
    assert not worker.is_alive(), "the fetch outlived its deadline"
    (error,) = outcome
    assert isinstance(error, IngestError) and "timed out" in str(error)
