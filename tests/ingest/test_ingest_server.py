"""The ingestion tests' local HTTP server stays quiet when a client hangs up early, as the cap
and timeout tests make it do; a passing run prints no traceback."""

from __future__ import annotations

import socket
import struct
from urllib.parse import urlsplit

import pytest
from ingest_support import Route, Server

# larger than the socket buffers on both sides: writing it blocks until the client is gone
BIG = 16 * 1024 * 1024


def hang_up_on(server: Server, path: str) -> None:
    """Ask for `path`, read nothing, and reset the connection (SO_LINGER 0)."""
    address = urlsplit(server.base)
    with socket.create_connection((address.hostname or "", address.port or 80)) as client:
        client.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_a_client_hanging_up_gives_no_traceback(server: Server,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    server.routes["/big"] = Route(body=b"x" * BIG, headers={"Content-Type": "text/plain"})
    hang_up_on(server, "/big")
    assert server.httpd.answered.acquire(timeout=10), "the handler did not finish"
    assert server.httpd.errors == []
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err, err


def test_other_errors_while_answering_are_kept(server: Server,
                                              capfd: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as request:
        for error in (BrokenPipeError(), ConnectionResetError(), ValueError("bug in a handler")):
            try:
                raise error
            except Exception:
                server.httpd.handle_error(request, ("127.0.0.1", 0))
    assert [type(e) for e in server.httpd.errors] == [ValueError]
    assert capfd.readouterr().err == ""
    server.httpd.errors.clear()  # else the fixture fails this test, as it should on a real one
