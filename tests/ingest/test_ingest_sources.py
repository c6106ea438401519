"""`verifier ingest --no-check`: what each kind of source becomes on disk, or why it is refused."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest
import yaml
from frozen import FROZEN as CORPUS
from ingest_support import DATA, Route, Server, run_ingest

SEED = CORPUS / "seeds" / "003_e6b66d70c2f9b6b5.txt"


def _written(output: str) -> Path:
    found = re.search(r"written to (seeds/\S+\.txt)", output)
    assert found, output
    return Path(found.group(1))


def _meta(root: Path, article: Path) -> dict[str, str]:
    text = (root / article).with_suffix(".meta.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/article.schema.json\n")
    return {k: str(v) for k, v in yaml.safe_load(text).items()}


def _seed_count(root: Path) -> int:
    return len(list((root / "seeds").glob("*.txt")))


def test_html_page_keeps_the_article_and_drops_the_rest(project: Path) -> None:
    page = DATA / "news_page.html"
    result = run_ingest(project, str(page), "--no-check")
    assert result.exit_code == 0, result.output
    article = _written(result.output)
    text = (project / article).read_text(encoding="utf-8")
    assert text.startswith("Tokyo summit: Takaichi and Trump agree minerals framework\n\n")
    assert "signed a framework agreement on critical minerals" in text
    for junk in ("Subscribe", "ADVERTISEMENT", "Sponsored", "Reader42", "Osaka", "trackClick",
                 "Related stories", "morning briefing", "All rights reserved", "Former"):
        assert junk not in text
    meta = _meta(project, article)
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    assert meta["sha256"] == digest and article.name == f"005_{digest[:16]}.txt"
    assert (meta["title"], meta["author"], meta["published"], meta["outlet"]) == (
        "Tokyo summit: Takaichi and Trump agree minerals framework", "Mariko Fenwick",
        "2025-10-28", "The Harbour Ledger")
    assert meta["original"] == f"originals/{article.stem}.html.orig"
    assert (project / "seeds" / meta["original"]).read_bytes() == page.read_bytes()
    assert meta["kind"] == "article" and meta["retrieved"].endswith("Z")


def test_windows_1252_text_is_stored_as_utf8(project: Path) -> None:
    source = DATA / "cp1252_article.txt"
    result = run_ingest(project, str(source), "--no-check", "--outlet", "Fixture Weekly")
    assert result.exit_code == 0, result.output
    article = _written(result.output)
    text = (project / article).read_text(encoding="utf-8")
    assert text == source.read_bytes().decode("cp1252")
    assert "Japan\u2019s first female prime minister" in text and "\u20ac2" in text
    meta = _meta(project, article)
    assert (meta["outlet"], meta["published"]) == ("Fixture Weekly", "2025-10-28")
    assert meta["title"] == "Takaichi hosts Trump at the Akasaka Palace"
    assert (project / "seeds" / meta["original"]).read_bytes() == source.read_bytes()


def test_utf8_with_a_bom_loses_the_bom_and_carriage_returns_only(project: Path) -> None:
    source = DATA / "bom_article.txt"
    result = run_ingest(project, str(source), "--no-check", "--published", "2025-10-28")
    assert result.exit_code == 0, result.output
    stored = (project / _written(result.output)).read_bytes()
    assert stored == source.read_bytes()[3:].replace(b"\r\n", b"\n")


def test_scraped_boilerplate_is_kept_in_the_text(project: Path) -> None:
    source = DATA / "scraped_article.txt"
    result = run_ingest(project, str(source), "--no-check")
    assert result.exit_code == 0, result.output
    assert (project / _written(result.output)).read_text(encoding="utf-8") == source.read_text(
        encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [("empty.txt", b"", "is empty"),
     ("blank.txt", b"\n \n", "only white space"),
     ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "PNG image"),
     ("blob.html", bytes(range(256)) * 4, "NUL bytes"),
     ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf'")],
)
def test_bad_files_are_refused_with_one_line_naming_them(
        project: Path, tmp_path: Path, name: str, content: bytes, words: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    before = _seed_count(project)
    result = run_ingest(project, str(source), "--no-check")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {source}: ") and words in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert _seed_count(project) == before


def test_missing_files_and_size_limits(project: Path, tmp_path: Path) -> None:
    result = run_ingest(project, str(tmp_path / "nope.txt"), "--no-check")
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = run_ingest(project, str(DATA / "cp1252_article.txt"), "--max-bytes", "100")
    assert result.exit_code == 2 and "over the limit of 100" in result.stderr


def test_a_copy_of_a_seed_is_reported_and_not_written(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    before = _seed_count(project)
    result = run_ingest(project, str(copy), "--no-check")
    assert result.exit_code == 0
    assert f"already in the corpus as seeds/{SEED.name}" in result.stderr
    assert _seed_count(project) == before


def test_a_syndicated_copy_is_refused_unless_allowed(project: Path, tmp_path: Path) -> None:
    body = SEED.read_text(encoding="utf-8").split("Tags :")[0]
    copy = tmp_path / "syndicated.txt"
    copy.write_text(f"Partner Wire\nHome | World\n\n{body}\nMore from Partner Wire\n",
                    encoding="utf-8")
    result = run_ingest(project, str(copy), "--no-check")
    assert result.exit_code == 2
    assert f"near-duplicate of seeds/{SEED.name}" in result.stderr
    assert "--allow-near-duplicate" in result.stderr
    result = run_ingest(project, str(copy), "--no-check", "--allow-near-duplicate")
    assert result.exit_code == 0 and "kept although it is a near-duplicate" in result.stderr


def test_numbers_continue_and_several_sources_go_in_one_run(project: Path) -> None:
    result = run_ingest(project, str(DATA / "cp1252_article.txt"),
                        str(DATA / "scraped_article.txt"), "--no-check")
    assert result.exit_code == 0, result.output
    names = sorted(p.name[:4] for p in (project / "seeds").glob("00[56]_*.txt"))
    assert names == ["005_", "006_"]


def test_url_from_a_local_server(project: Path, server: Server) -> None:
    server.routes["/news/summit"] = Route(body=(DATA / "news_page.html").read_bytes(),
                                          headers={"Content-Type": "text/html"})
    url = server.url("/news/summit")
    result = run_ingest(project, url, "--allow-private", "--no-check", "--kind", "article")
    assert result.exit_code == 0, result.output
    article = _written(result.output)
    meta = _meta(project, article)
    assert meta["url"] == url and meta["original"].endswith(".html.orig")
    assert "framework agreement" in (project / article).read_text(encoding="utf-8")


def test_url_to_a_private_address_is_refused_without_the_flag(project: Path) -> None:
    result = run_ingest(project, "http://10.0.0.7/news/summit", "--no-check")
    assert result.exit_code == 2
    assert "private" in result.stderr and "--allow-private" in result.stderr


def test_options_are_checked(project: Path) -> None:
    result = run_ingest(project, str(SEED), "--published", "28/10/2025")
    assert result.exit_code == 2 and "not a date like 2025-10-28" in result.output
    result = run_ingest(project, str(SEED), str(SEED), "--title", "One title")
    assert result.exit_code == 2 and "give one SOURCE" in result.output
    result = run_ingest(project, str(DATA / "bom_article.txt"), "--language", "English")
    assert result.exit_code == 2 and "$.language" in result.stderr
    assert _seed_count(project) == 5


def test_html_without_the_extra_says_how_to_install_it(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed
    result = run_ingest(project, str(DATA / "news_page.html"), "--no-check")
    assert result.exit_code == 2
    assert "pip install '.[html]'" in result.stderr and "Traceback" not in result.output
