"""`<html lang>` read into the sidecar's language (the fixture page tests/data/ingest/news_page.html
declares en; the tests give it another)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from verifier.ingest.base import LANGUAGE
from verifier.ingest.command import ingest
from verifier.ingest.extract import LANG_SCAN, declared_language

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = (DATA / "ingest" / "news_page.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("tag", "language"), [
    ('<html lang="pt-BR">', "pt-BR"),
    ("<HTML LANG=de>", "de"),
    ('<html xml:lang="fr" class="x">', "fr"),
    ('<html lang="EN_us">', "en-us"),
    ('<html lang=" ja ">', "ja"),
    ('<html lang="">', ""),
    ("<html>", ""),
])
def test_the_declared_language_is_read_and_normalised(tag: str, language: str) -> None:
    assert declared_language(f"<!DOCTYPE html>\n{tag}<head></head><body>x</body></html>",
                             "p.html") == (language, ())


def test_a_lang_on_another_element_is_not_the_pages() -> None:
    assert declared_language('<body><p lang="de">Hallo</p></body>', "p.html") == ("", ())
    assert declared_language('<head></head><html lang="de">', "p.html") == ("", ())


def test_an_unusable_declaration_is_a_note_not_a_value() -> None:
    language, notes = declared_language('<html lang="english please">', "p.html")
    assert language == "" and notes and "p.html: <html lang='english please'>" in notes[0]


def test_the_scan_is_bounded() -> None:
    late = "<!--" + " " * LANG_SCAN + '--><html lang="de">'
    assert declared_language(late, "p.html") == ("", ())


@given(st.text(max_size=40))
def test_any_declaration_gives_a_schema_language_or_nothing(value: str) -> None:
    quoted = value.replace('"', "&quot;")
    language, _ = declared_language(f'<html lang="{quoted}"><body></body></html>', "p.html")
    assert language == "" or LANGUAGE.match(language)



@pytest.mark.parametrize(("args", "language"), [((), "de-AT"), (("--language", "en"), "en")])
def test_ingest_writes_the_declared_language_unless_told_otherwise(
        invented: Path, tmp_path: Path, args: tuple[str, ...], language: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.replace('<html lang="en">', '<html lang="de-AT">', 1), encoding="utf-8")
    result = CliRunner().invoke(ingest, [str(page), "--no-check", "--root", str(invented), *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (sidecar,) = [p for p in (invented / "seeds").glob("003_*.meta.yaml")]
    assert yaml.safe_load(sidecar.read_text(encoding="utf-8"))["language"] == language
