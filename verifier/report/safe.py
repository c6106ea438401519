"""What every report needs to stay inert with hostile input: one-line text without control
characters or escape sequences, URIs percent-encoded, and files written atomically.

Claim files, article text, titles and file names come from pull requests. A newline in a YAML
key once started a GitHub workflow command on standard error (`::add-mask::`), and an ESC in an
article title drove the terminal (OSC 8 links, window titles, screen clears).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import quote

from verifier.store.folders import check_folders

# C0 and C1 controls (ESC and CSI among them) but tab, DEL, the Unicode line and paragraph
# separators, bidirectional overrides and isolates ("Trojan source"), and the byte-order mark
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}
REPORT_FIX = "remove it or give a path outside the project"


def one_line(text: str) -> str:
    """`text` on one line with every control character shown as an escape (\\n, \\x1b,
    \\u202e), so nothing in it can end a line, start a command or drive a terminal."""
    return _UNSAFE.sub(_shown, text)


def _shown(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def uri(path: str) -> str:
    """A relative path as a URI reference (RFC 3986): `seeds/a b#1?%.txt` ->
    `seeds/a%20b%231%3F%25.txt`; a lone surrogate (a file name that was not UTF-8) as U+FFFD."""
    return quote(path.encode("utf-8", "replace").decode("utf-8"), safe="/")


def check_report(root: Path, path: Path) -> None:
    """LinkedFolder if the report `path` would be written through a link inside the project
    `root` (a pull request can commit `out` as a link to any folder of the CI machine)."""
    check_folders(root, path, "reports", REPORT_FIX)


def write_atomic(path: Path, text: str, root: Path | None = None) -> None:
    """Write `text` to a temporary file beside `path`, flush it to disk, then rename it over
    `path`: a full disk or a crash leaves the old file or none, never a truncated one. With
    `root`, never through a linked folder of that project (see check_report); a link named
    `path` itself is replaced, not followed."""
    if root is not None:
        check_report(root, path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
