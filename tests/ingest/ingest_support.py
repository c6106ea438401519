"""What the ingestion tests share besides fixtures (see conftest.py): git helpers, the CLI, and
a local server. A module of its own name, not conftest: another test folder's conftest would
shadow it when both folders run in one pytest call.

The server listens on 127.0.0.1 only, in a daemon thread, serves a fixed table of routes, and is
shut down at the end of each test; handlers that wait do so on an event that teardown sets, so
nothing outlives the test. No test contacts any other address. Clients hang up on it on purpose
(a body over the cap, a timeout): that is quiet (see QuietServer).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socket import socket

from click.testing import CliRunner, Result

from verifier.ingest.command import ingest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ingest"
if str(ROOT / "tests") not in sys.path:  # tests/fakes.py and frozen.py, shared with other tests
    sys.path.insert(0, str(ROOT / "tests"))
from frozen import copy_corpus as copy_corpus  # noqa: E402  (for conftest.py)

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


