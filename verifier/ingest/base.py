"""What every ingestion step shares: the one error type, the limits, and raw input bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Media = Literal["html", "text"]

# Defaults for one source. A news page is rarely over 2 MB of HTML; 5 MB leaves room and still
# keeps a mistaken download (a video, a dump) out of the corpus.
MAX_BYTES = 5_000_000
TIMEOUT = 15.0
MAX_REDIRECTS = 5
# A language tag as schema/article.schema.json takes it (en, pt-BR).
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")


class IngestError(Exception):
    """One source could not be ingested; the message is one line naming it and what to do."""


@dataclass(frozen=True)
class Limits:
    """Bounds on one source: bytes read, seconds spent fetching, redirects followed.

    `allow_private` lets URLs reach loopback and private address ranges (tests, intranets).
    """

    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT
    max_redirects: int = MAX_REDIRECTS
    allow_private: bool = False


@dataclass(frozen=True)
class Raw:
    """The original bytes of one source, exactly as read, and what is known about them.

    `name` is what messages call the source (a path or a URL); `declared` is a charset named by
    the transport (an HTTP Content-Type header), if any; `url` is the final URL after redirects.
    """

    name: str
    data: bytes
    media: Media
    declared: str | None = None
    url: str = ""

    @property
    def suffix(self) -> str:
        return "html" if self.media == "html" else "txt"
