"""Fixtures for ingestion tests: a throw-away copy of the project, the CLI, and a local server.

The server listens on 127.0.0.1 only, in a daemon thread, serves a fixed table of routes, and is
shut down at the end of each test; handlers that wait do so on an event that teardown sets, so
nothing outlives the test. No test contacts any other address. Clients hang up on it on purpose
(a body over the cap, a timeout): that is quiet (see QuietServer).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socket import socket

import pytest
from click.testing import CliRunner, Result

from verifier.ingest.command import ingest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ingest"
if str(ROOT / "tests") not in sys.path:  # tests/fakes.py and frozen.py, shared with other tests
    sys.path.insert(0, str(ROOT / "tests"))
from frozen import copy_corpus  # noqa: E402

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def git_repo(root: Path) -> Path:
    """Make `root` a repository whose branch `topic` starts at commit `main`."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "topic")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the frozen corpus's claims and seeds, and of the schemas, to ingest into."""
    return copy_corpus(tmp_path / "project", schema=True)


@pytest.fixture
def invented(tmp_path: Path) -> Path:
    """The invented fixture project tests/data/projects/clean (two articles, no live corpus),
    with the schemas, to ingest into."""
    root = tmp_path / "invented"
    shutil.copytree(ROOT / "tests" / "data" / "projects" / "clean", root)
    shutil.copytree(ROOT / "schema", root / "schema")
    return root


def run_ingest(root: Path, *args: str) -> Result:
    return CliRunner().invoke(ingest, [*args, "--root", str(root)], catch_exceptions=False)


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (bounded by teardown)


class QuietServer(ThreadingHTTPServer):
    """socketserver prints a traceback for any error while answering, and a client that hangs up
    early (as the cap and timeout tests do) gives a BrokenPipeError or ConnectionResetError,
    often after the test has ended: a traceback in a passing run. Connection errors are expected
    and dropped; any other error is kept, and the fixture fails the test on it."""

    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.errors: list[BaseException] = []
        self.answered = threading.Semaphore(0)  # released once per request, when it is done

    def handle_error(self, request: socket | tuple[bytes, socket],
                     client_address: object) -> None:
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, ConnectionError):
            self.errors.append(error)

    def shutdown_request(self, request: socket | tuple[bytes, socket]) -> None:
        super().shutdown_request(request)
        self.answered.release()


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    httpd: QuietServer

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


@pytest.fixture
def server() -> Iterator[Server]:
    routes: dict[str, Route] = {}
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        timeout = 10  # a stuck client cannot hold a handler thread for long

        def do_GET(self) -> None:
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                stop.wait(route.delay)
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            return None  # keep test output clean

    httpd = QuietServer(Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", routes, httpd)
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
    assert not httpd.errors, f"the test server failed while answering: {httpd.errors!r}"
