"""Bytes -> text, refusing what is not text.

Order: a byte-order mark, then strict UTF-8, then the charset the source declares (HTTP header
or HTML meta tag), then charset-normalizer restricted to a few candidate code pages, Western ones
first. UTF-8 goes before the declaration because pages labelled ISO-8859-1 or ASCII that are
really UTF-8 are common (read as declared they turn into "Japanâ€™s"), while text in another
encoding that happens to be valid UTF-8 is vanishingly rare. Unrestricted, charset-normalizer
reads mostly-English cp1252 text as cp1250 or mac_roman (measured on the seeds), so other
scripts are only tried when no Western code page fits.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from verifier.ingest.base import IngestError, Raw

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
WESTERN = ["cp1252", "iso8859_15"]
OTHERS = ["cp1251", "koi8_r", "cp1250", "iso8859_2", "shift_jis", "euc_jp", "gb18030", "big5",
          "euc_kr"]
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard); so do we.
_AS_CP1252 = {"ascii", "latin_1", "iso8859_1"}
_PAGE_CODECS = ("utf_8", "utf_16", "utf_32", "ascii", "latin_1", "iso8859", "cp", "koi8", "mac_",
                "shift_jis", "euc_", "gb", "big5", "iso2022", "tis_620", "hz")
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)
# C0 and C1 control characters other than tab, line feed, vertical tab, form feed, return
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Text has essentially no control characters; a few stray ones are kept, more mean binary.
MAX_CONTROL_RATIO = 0.005


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(raw: Raw) -> Decoded:
    """The text of `raw` with line ends as "\\n" and no byte-order mark, or an IngestError."""
    text, encoding = _decode(raw)
    _refuse_controls(raw.name, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"{raw.name}: no text in it (only white space): nothing to ingest")
    return Decoded(text, encoding)


def _decode(raw: Raw) -> tuple[str, str]:
    data = raw.data
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(raw.name, data, codec), codec
    _refuse_binary(raw.name, data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = raw.declared or (html_charset(data) if raw.media == "html" else None)
    named = _codec(declared)
    if named and _fits(data, named):
        return data.decode(named), named
    return _detect(raw.name, data)


def _fits(data: bytes, codec: str) -> bool:
    """Whether `data` reads as text in the declared `codec`. A wrong declaration is common
    (`utf-16` on cp1252 bytes, `shift_jis` on Latin text) and often decodes without an error,
    into garbage: the declaration is believed only if charset-normalizer, held to that one
    codec, finds the result coherent. UTF-16 or UTF-32 without a byte-order mark is never
    believed (text here has no NUL bytes, so it cannot be UTF-16 of Latin script)."""
    from charset_normalizer import from_bytes

    if codec.replace("-", "_").startswith(("utf_16", "utf_32")):
        return False
    try:
        data.decode(codec)
    except (UnicodeError, LookupError):
        return False
    return codec == "cp1252" or \
        from_bytes(data, cp_isolation=[codec]).best() is not None


def html_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag within its first 2 KB, if any."""
    found = _META_CHARSET.search(data[:2048])
    return found.group(1).decode("ascii") if found else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip())
    except (LookupError, ValueError):  # unknown, or a name Python cannot look up
        return None
    name = info.name.replace("-", "_")
    # only text encodings of web pages: not rot-13, "undefined", idna, unicode_escape, ...
    if not name.startswith(_PAGE_CODECS) or name in ("utf_7", "utf_8_sig"):
        return None
    return "cp1252" if name in _AS_CP1252 else info.name


def _strict(name: str, data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise IngestError(
            f"{name}: starts with a {codec} byte-order mark but is not valid {codec} "
            f"(byte {error.start}); re-save it as UTF-8") from None


def _detect(name: str, data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    for candidates in (WESTERN, OTHERS):
        best = from_bytes(data, cp_isolation=candidates).best()
        if best is not None:
            return str(best), best.encoding
    raise IngestError(f"{name}: not UTF-8 and no known encoding fits; convert it to UTF-8 "
                      "(for example with iconv) and ingest it again")


def _refuse_binary(name: str, data: bytes) -> None:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise IngestError(f"{name}: is {what}, not text; save the article as .txt or .html "
                              "and ingest that")
    if b"\x00" in data:
        raise IngestError(f"{name}: contains NUL bytes, so it is binary, not text (UTF-16 "
                          "needs a byte-order mark); save the article as UTF-8 text")


def _refuse_controls(name: str, text: str) -> None:
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, MAX_CONTROL_RATIO * len(text)):
        raise IngestError(f"{name}: {controls} control characters in {len(text)}: this looks "
                          "binary, not text; save the article as UTF-8 text")
