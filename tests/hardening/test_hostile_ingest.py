"""Issue 14, rows 13, 15 and 22: what `verifier ingest` reads from pages and servers. A codec
that is no text encoding, a malformed URL, a wrong declared charset, a title with characters a
sidecar cannot hold, a gzip body of several members: a clean refusal or the right text, never
a bare exception or garbage stored silently."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from verifier.ingest.base import IngestError, Limits, Raw
from verifier.ingest.encoding import decode
from verifier.ingest.fetch import _decompress, fetch
from verifier.ingest.pipeline import Options, describe
from verifier.ingest.store import render_meta
from verifier.load.schema import validate
from verifier.load.source import load_yaml

# Latin text whose accented letters are each followed by a letter: as shift_jis its bytes pair
# up into valid double-byte characters, so decoding alone does not catch the wrong label.
LATIN = ("Très tôt, les élèves étaient déjà là. Après la réunion, le maire a précisé que "
         "la fête aura lieu près du fleuve, où les bâteaux arrivent. ") * 8


@pytest.mark.parametrize("label", ["rot-13", "rot13", "undefined", "base64", "hex", "uu",
                                   "zlib", "unicode_escape", "idna", "utf-7", "no-such-codec",
                                   "x" * 39, "utf-8\x00"])
def test_a_declared_codec_that_is_no_page_encoding_is_ignored(label: str) -> None:
    """Row 13: `rot-13` gave a LookupError, `undefined` a UnicodeError."""
    raw = Raw("page.html", LATIN.encode("cp1252"), "html", label)
    assert decode(raw).text.startswith("Très tôt")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32", "shift_jis", "euc_jp"])
def test_a_wrong_declared_charset_is_not_believed(codec: str) -> None:
    """Row 22: `utf-16` on cp1252 text or `shift_jis` on Latin text ingested garbage."""
    raw = Raw("page.html", LATIN.encode("cp1252"), "html", codec)
    decoded = decode(raw)
    assert decoded.text.startswith("Très tôt, les élèves"), decoded.encoding


def test_a_true_declared_charset_is_still_believed() -> None:
    text = "東京で日米首脳会談が開かれ、首相と大統領が会談した。" * 6
    decoded = decode(Raw("page.html", text.encode("shift_jis"), "html", "shift_jis"))
    assert decoded.text == text and decoded.encoding == "shift_jis"


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1]x/", "https://[zz::1]/",
                                 "http://[::1]:99999999/", "http://exa mple.com:80:80/"])
def test_a_malformed_url_is_refused_cleanly(url: str) -> None:
    """Row 13: a ValueError (Invalid IPv6 URL) instead of a clean refusal."""
    with pytest.raises(IngestError, match=r"URL|port|resolve|host"):
        fetch(url, Limits())


def test_a_malformed_url_option_does_not_break_the_metadata() -> None:
    raw = Raw("a.txt", b"text", "text")
    meta = describe(raw, _found(), Options(url="http://[::1"), "0" * 64, "originals/a.orig")
    assert meta["outlet"] == "unknown"


@pytest.mark.parametrize("title", ["Title \ufffe with a noncharacter", "C1\x85 and \x9b31m CSI",
                                   "a\x00b\x1b[2Jc", "plane 16 \U0010ffff end",
                                   "lone \ud800 surrogate", "\u2028line\u2029 separators"])
def test_a_hostile_title_gives_a_sidecar_its_own_loader_accepts(title: str,
                                                                tmp_path: Path) -> None:
    """Row 15: a title with U+FFFE or C1 controls made a sidecar the loader rejected."""
    raw = Raw("a.txt", b"text", "text")
    meta = describe(raw, _found(title), Options(), "ab" * 32, "originals/a.orig")
    text = render_meta(meta)
    document, locations = load_yaml("a.meta.yaml", text.encode("utf-8"))
    assert validate("article", document, "a.meta.yaml", locations) == []
    kept = document["title"]
    assert kept and kept.isprintable() and "\ufffe" not in kept


def test_every_member_of_a_gzip_body_is_kept() -> None:
    """Row 22: everything after the first gzip member was lost."""
    body = gzip.compress(b"first part. ") + gzip.compress(b"second part.")
    assert _decompress("u", "gzip", body, Limits()) == b"first part. second part."


def test_gzip_members_together_stay_within_the_cap() -> None:
    body = gzip.compress(b"a" * 600) * 3
    with pytest.raises(IngestError, match="decompressed"):
        _decompress("u", "gzip", body, Limits(max_bytes=1000))


def test_a_truncated_gzip_body_is_refused() -> None:
    body = gzip.compress(b"some text " * 100)
    with pytest.raises(IngestError, match=r"truncated|corrupt"):
        _decompress("u", "gzip", body[:-20], Limits())


def _found(title: str = "") -> object:
    from verifier.ingest.extract import Extracted

    return Extracted(text="text\n", title=title)


def test_ingest_skips_a_fifo_in_the_corpus_instead_of_waiting(tmp_path: Path) -> None:
    """The duplicate check reads every corpus article: a FIFO named like one blocked it."""
    import os
    import threading

    from verifier.ingest.pipeline import _corpus

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001_a.txt").write_text("An article.\n", encoding="utf-8")
    os.mkfifo(seeds / "002_b.txt")
    found: list[list[str]] = []
    worker = threading.Thread(target=lambda: found.append([n for n, _ in _corpus(seeds)]),
                              daemon=True)
    worker.start()
    worker.join(60)
    assert found == [["seeds/001_a.txt"]]
