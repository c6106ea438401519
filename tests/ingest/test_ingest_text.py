"""Plain-text metadata guesses and duplicate detection, checked on the seeds themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from frozen import FROZEN as CORPUS
from ingest_support import DATA

from verifier.ingest.dedupe import NEAR_CONTAINMENT, containment, find_duplicate, fingerprint
from verifier.ingest.textmeta import find_date, guess_published, guess_title

SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))


def _meta(article: Path) -> dict[str, str]:
    data = yaml.safe_load(article.with_suffix(".meta.yaml").read_text(encoding="utf-8"))
    return {k: str(v) for k, v in data.items()}


@pytest.mark.parametrize("article", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_title_guess_is_a_line_of_the_article(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    title = guess_title(text)
    assert title and title in text
    assert _fold(title) == _fold(_meta(article)["title"])


def _fold(text: str) -> str:
    return text.replace("\u2018", "'").replace("\u2019", "'")


@pytest.mark.parametrize(
    ("text", "published"),
    [("Tuesday, October 28, 2025\n\nHeadline here for you\n", "2025-10-28"),
     ("nav\nmenu\n28 October 2025 10:06\n", "2025-10-28"),
     ("Posted 2025-10-28\n", "2025-10-28"),
     ("Oct. 28, 2025\n", "2025-10-28"),
     ("The deal was agreed on October 2, 2025, in a long and detailed sentence of prose.\n", ""),
     ("February 30, 2025\n", ""),
     ("no date at all\n", "")],
)
def test_published_is_a_date_line_near_the_top(text: str, published: str) -> None:
    assert guess_published(text) == published


def test_find_date_reads_the_usual_forms() -> None:
    assert find_date("28 Oct 2025") == find_date("Oct 28 2025") == "2025-10-28"


def test_seeds_are_not_duplicates_of_each_other() -> None:
    prints = [fingerprint(p.read_text(encoding="utf-8")) for p in SEEDS]
    for i, a in enumerate(prints):
        for b in prints[i + 1:]:
            assert containment(a, b) < 0.1 < NEAR_CONTAINMENT


def _corpus() -> list[tuple[str, str]]:
    return [(f"seeds/{p.name}", p.read_text(encoding="utf-8")) for p in SEEDS]


def test_the_same_text_reformatted_is_an_exact_duplicate() -> None:
    seed = SEEDS[3].read_text(encoding="utf-8")
    reformatted = seed.replace("\n\n", "\n").replace("\u2019", "'").upper()
    found = find_duplicate(reformatted, _corpus())
    assert found is not None and found.exact and found.path == f"seeds/{SEEDS[3].name}"


def test_a_syndicated_copy_with_other_boilerplate_is_a_near_duplicate() -> None:
    body = SEEDS[3].read_text(encoding="utf-8").split("Tags :")[0]
    syndicated = f"Home\nWorld\nShare this story\n\n{body}\nMore from our partners\n"
    found = find_duplicate(syndicated, _corpus())
    assert found is not None and not found.exact and found.share > 0.9
    assert found.path == f"seeds/{SEEDS[3].name}" and "near-duplicate" in found.describe()


def test_a_new_article_on_the_same_event_is_not_a_duplicate() -> None:
    fixture = (DATA / "scraped_article.txt").read_text(encoding="utf-8")
    assert find_duplicate(fixture, _corpus()) is None


def test_menus_are_not_titles() -> None:
    text = "Partner Wire\nHome | World | Asia\n\nTrump and Takaichi sign a minerals framework\n"
    assert guess_title(text) == "Trump and Takaichi sign a minerals framework"
