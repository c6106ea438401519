"""Excerpts: a text wholly inside a longer article from another outlet is reported as an excerpt
and kept (both articles stay); the same outlet's excerpt, or one whose outlet is unknown, is a
near-duplicate and refused. Fixtures: tests/data/ingest/excerpt (invented)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.ingest.command import ingest
from verifier.ingest.dedupe import EXCERPT_SIZE, Known, find, fingerprint, same_outlet

HERE = Path(__file__).resolve().parents[1] / "data"
EXCERPTS = HERE / "ingest" / "excerpt"
LONG, PAGE = EXCERPTS / "long_article.txt", EXCERPTS / "excerpt_page.txt"



def run(invented: Path, source: Path, outlet: str) -> Result:
    args = [str(source), "--outlet", outlet, "--published", "2024-03-04", "--no-check",
            "--root", str(invented)]
    return CliRunner().invoke(ingest, args, catch_exceptions=False)


def articles(invented: Path) -> list[str]:
    return sorted(p.name for p in (invented / "seeds").glob("*.txt"))


def test_an_excerpt_from_another_outlet_is_reported_as_such_and_kept(invented: Path) -> None:
    assert run(invented, LONG, "Riverton Courier").exit_code == 0
    (long_name,) = set(articles(invented)) - {"001_opening.txt", "002_delay.txt"}
    result = run(invented, PAGE, "Islands Weekly")
    assert result.exit_code == 0, result.output
    assert f"it is an excerpt of seeds/{long_name}, a longer article from Riverton Courier" \
        in result.stderr
    assert "both are kept as separate publications" in result.stderr
    assert "near-duplicate" not in result.stderr
    assert len(articles(invented)) == 4


def test_the_longer_article_after_its_excerpt_is_kept_too(invented: Path) -> None:
    assert run(invented, PAGE, "Islands Weekly").exit_code == 0
    result = run(invented, LONG, "Riverton Courier")
    assert result.exit_code == 0, result.output
    assert "it is a longer text containing seeds/" in result.stderr
    assert "an excerpt from Islands Weekly" in result.stderr
    assert len(articles(invented)) == 4


@pytest.mark.parametrize("outlet", ["riverton courier", "www.Riverton Courier", ""])
def test_the_same_outlets_excerpt_or_an_unknown_outlet_is_a_refused_near_duplicate(
        invented: Path, outlet: str) -> None:
    assert run(invented, LONG, "Riverton Courier").exit_code == 0
    args = [str(PAGE), "--no-check", "--root", str(invented)]
    if outlet:
        args += ["--outlet", outlet]
    result = CliRunner().invoke(ingest, args, catch_exceptions=False)
    assert result.exit_code == 2
    assert "is a near-duplicate of seeds/" in result.stderr
    assert len(articles(invented)) == 3


def test_a_near_duplicate_of_one_article_is_refused_even_if_an_excerpt_of_another() -> None:
    long = fingerprint(LONG.read_text(encoding="utf-8"))
    page = PAGE.read_text(encoding="utf-8")
    corpus = [Known("seeds/a.txt", "Courier", long),
              Known("seeds/b.txt", "Weekly", fingerprint(page + "\nShare this\n"))]
    found = find(fingerprint(page), "Weekly", corpus)
    assert found is not None and (found.path, found.relation) == ("seeds/b.txt", "near")


WORDS = LONG.read_text(encoding="utf-8").split()


@settings(max_examples=60, deadline=None)
@given(start=st.integers(0, len(WORDS) - 40),
       size=st.integers(40, int(len(WORDS) * EXCERPT_SIZE) - 5),
       upper=st.booleans(), width=st.integers(5, 20))
def test_any_contiguous_cut_is_an_excerpt_whatever_its_layout(start: int, size: int,
                                                              upper: bool, width: int) -> None:
    """Metamorphic: a cut of the long text is an excerpt of it from another outlet and a
    near-duplicate from the same one, however it is re-wrapped or cased."""
    cut = WORDS[start:start + size]
    lines = [" ".join(cut[i:i + width]) for i in range(0, len(cut), width)]
    text = "\n".join(lines).upper() if upper else "\n".join(lines)
    corpus = [Known("seeds/long.txt", "Courier", fingerprint(" ".join(WORDS)))]
    other = find(fingerprint(text), "Weekly", corpus)
    same = find(fingerprint(text), "COURIER", corpus)
    assert other is not None and other.relation == "excerpt" and other.kept
    assert same is not None and same.relation == "near" and not same.kept


def test_outlet_names_compare_case_and_www_insensitively() -> None:
    assert same_outlet("www.Example.org", "example.org") is True
    assert same_outlet("Courier", "Weekly") is False
    assert same_outlet("", "Weekly") is None


def test_a_sidecar_the_strict_loader_refuses_gives_no_outlet(invented: Path) -> None:
    """Sidecars are untrusted: one with a YAML alias is not read, so the existing article's
    outlet is unknown and the excerpt counts as a near-duplicate."""
    assert run(invented, LONG, "Riverton Courier").exit_code == 0
    (sidecar,) = (invented / "seeds").glob("003_*.meta.yaml")
    text = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(text.replace('outlet: "Riverton Courier"', 'outlet: &o "Riverton Courier"')
                       + "author: *o\n", encoding="utf-8")
    result = run(invented, PAGE, "Islands Weekly")
    assert result.exit_code == 2 and "is a near-duplicate of seeds/003_" in result.stderr
