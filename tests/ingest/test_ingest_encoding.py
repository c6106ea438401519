"""Bytes -> text: byte-order marks, declared charsets, UTF-8, detection, and binary refused."""

from __future__ import annotations

import pytest

from verifier.ingest.base import IngestError, Raw
from verifier.ingest.encoding import decode, html_charset

SENTENCE = ("Japan\u2019s prime minister met the president in Tokyo \u2013 a caf\u00e9 nearby "
            "cheered.\n")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),  # with its byte-order mark
        (SENTENCE.encode("utf-32"), "utf-32"),
        ((SENTENCE * 3).encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-32-bom", "cp1252"],
)
def test_decodes_to_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode(Raw("a.txt", data, "text"))
    assert decoded.text.startswith(SENTENCE)
    assert decoded.encoding == encoding


def test_line_ends_become_newlines_and_nothing_else_changes() -> None:
    decoded = decode(Raw("a.txt", b"one\r\ntwo\rthree\n  four  ", "text"))
    assert decoded.text == "one\ntwo\nthree\n  four  "


def test_declared_charset_wins_over_detection() -> None:
    data = "Stra\u00dfe und Gr\u00fc\u00dfe".encode("iso8859_15")
    assert decode(Raw("u", data, "text", declared="iso-8859-15")).encoding == "iso8859-15"


def test_latin1_labels_read_as_windows_1252() -> None:
    data = "\u201cquoted\u201d".encode("cp1252")
    assert decode(Raw("u", data, "text", declared="ISO-8859-1")).text == "\u201cquoted\u201d"


def test_a_wrong_declaration_falls_back_to_detection() -> None:
    data = SENTENCE.encode("utf-8")
    assert decode(Raw("u", data, "text", declared="ascii")).text == SENTENCE


def test_html_meta_charset_is_read() -> None:
    page = b'<html><head><meta charset="windows-1252"><title>x</title></head>'
    assert html_charset(page) == "windows-1252"
    body = page + "<p>caf\u00e9 \u2013 \u201cyes\u201d</p>".encode("cp1252")
    assert "caf\u00e9 \u2013 \u201cyes\u201d" in decode(Raw("p.html", body, "html")).text


def test_other_scripts_are_detected_when_no_western_code_page_fits() -> None:
    text = "\u9ad8\u5e02\u9996\u76f8\u306f\u6771\u4eac\u3067\u4f1a\u8ac7\u3057\u305f\u3002" * 5
    assert decode(Raw("ja.txt", text.encode("shift_jis"), "text")).text == text


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"some text\x00\x01\x02 more", "NUL bytes"),
        (bytes(range(1, 9)) * 40 + b"text", "control characters"),
    ],
    ids=["pdf", "png", "nul", "controls"],
)
def test_binary_is_refused_with_a_clear_message(data: bytes, words: str) -> None:
    with pytest.raises(IngestError, match=words) as caught:
        decode(Raw("blob.txt", data, "text"))
    message = str(caught.value)
    assert message.startswith("blob.txt: ") and "\n" not in message


def test_white_space_only_is_empty() -> None:
    with pytest.raises(IngestError, match="only white space"):
        decode(Raw("blank.txt", b" \n\r\n\t ", "text"))


def test_a_broken_byte_order_mark_is_refused() -> None:
    with pytest.raises(IngestError, match="utf-32"):
        decode(Raw("bad.txt", b"\xff\xfe\x00\x00abc", "text"))
