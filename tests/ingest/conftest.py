"""Fixtures for ingestion tests: a throw-away copy of the project and a local server (helpers in
ingest_support.py)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from ingest_support import ROOT, QuietServer, Route, Server, copy_corpus


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
