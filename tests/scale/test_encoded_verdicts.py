"""Verdicts from the cache stay partly encoded (encoded.Verdicts): a warm run's reports must be the
very bytes of a run without the cache, and the text, SARIF and GitHub reports must not decode
the supported verdicts they do not show."""

from __future__ import annotations

import pickle
from pathlib import Path

import msgspec
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from scale_projects import run

from verifier import cli
from verifier.execution.encoded import Encoded, Verdicts
from verifier.execution.workers import Execution
from verifier.model import Evidence, Result, Span, Verdict, contradicted, listed
from verifier.report import RENDERERS, render
from verifier.store.files import FORMAT, read_blob, write_blob

LEAN = ("text", "sarif", "github")  # reports of contradictions and counts only


def sparse(folder: Path, cache: bool) -> Result:
    """A run that lists only supported and contradicted verdicts, as large runs do."""
    return run(folder, Execution(jobs=1, cache=folder / ".cache" if cache else None,
                                 dense_limit=0))


@pytest.fixture
def half_acknowledged(small: Path) -> Path:
    """The small project with every other acknowledgement removed: some contradictions fail."""
    path = small / "claims" / "acknowledgements.yaml"
    acks = yaml.safe_load(path.read_text(encoding="utf-8"))["acknowledgements"]
    path.write_text(yaml.safe_dump({"acknowledgements": acks[::2]}), encoding="utf-8")
    return small


def test_warm_reports_are_the_bytes_of_uncached_ones(half_acknowledged: Path) -> None:
    cold = sparse(half_acknowledged, cache=False)
    sparse(half_acknowledged, cache=True)  # fills the cache
    warm = sparse(half_acknowledged, cache=True)
    assert isinstance(warm.verdicts, Verdicts)
    assert warm.verdicts.encoded == len(warm.project.articles)
    assert any(v.acknowledged for v in contradicted(warm.verdicts))
    assert warm.unacknowledged == cold.unacknowledged != ()
    for fmt in LEAN:
        assert render(fmt, warm) == render(fmt, cold), fmt
    assert warm.verdicts.encoded == len(warm.project.articles), "a lean report decoded"
    for fmt in sorted(set(RENDERERS) - set(LEAN)):
        assert render(fmt, warm) == render(fmt, cold), fmt
    assert warm.verdicts.encoded == 0
    assert warm == cold


def test_a_forged_entry_is_an_error_not_a_traceback(small: Path) -> None:
    """An entry whose encoded supported verdicts belong to another article (a pack written with
    a true checksum by someone else) is refused when decoded, with what to do about it."""
    args = ["check", "--root", str(small), "--jobs", "1", "--format", "json:" + str(small / "r")]
    assert CliRunner().invoke(cli.cli, args).exit_code == 0
    (pack,) = (small / ".verifier-cache" / f"v{FORMAT}").glob("*/pack-*.bin")
    entries = msgspec.msgpack.decode(read_blob(pack) or b"")
    articles = sorted((k, v) for k, v in entries.items() if not k.startswith("examples:"))
    (first, a), (_, b) = articles[:2]
    entries[first] = [*a[:3], b[3], b[4]]  # b's supported verdicts under a's path
    write_blob(pack, msgspec.msgpack.encode(entries))
    result = CliRunner().invoke(cli.cli, args)
    assert result.exit_code == 2
    assert "verdict cache entry of seeds/" in result.output
    assert "delete the cache folder (.verifier-cache) and run again" in result.output
    assert "Traceback" not in result.output


# --- Verdicts on generated verdicts ---------------------------------------------------------

_ARTICLES = [f"seeds/{i:03d}.txt" for i in range(4)]
_span = st.builds(Span, st.integers(0, 9), st.integers(0, 9), st.integers(1, 9),
                  st.integers(1, 9), st.text(max_size=5))
_evidence = st.builds(Evidence, st.sampled_from(["support", "contradict"]), st.integers(1, 9),
                      st.integers(1, 9), st.text(max_size=8), st.text(max_size=8),
                      st.lists(_span, max_size=2).map(tuple), st.booleans())


@st.composite
def articles(draw: st.DrawFn) -> list[tuple[Verdict, ...]]:
    """Each article's supported and contradicted verdicts, by claim id."""
    out = []
    for path in _ARTICLES:
        claims = draw(st.lists(st.sampled_from("abcdefg"), unique=True).map(sorted))
        out.append(tuple(Verdict(c, path, draw(st.sampled_from(["supported", "contradicted"])),
                                 tuple(draw(st.lists(_evidence, max_size=2))), draw(st.booleans()))
                         for c in claims))
    return out


def encode(verdicts: tuple[Verdict, ...], path: str) -> Encoded:
    supported = tuple(v for v in verdicts if v.verdict == "supported")
    return Encoded(path, tuple(v for v in verdicts if v.verdict == "contradicted"),
                   tuple(v.claim for v in supported), msgspec.msgpack.encode(supported))


@given(articles(), st.lists(st.booleans(), min_size=4, max_size=4))
def test_verdicts_behave_as_the_tuple_of_their_verdicts(
        parts: list[tuple[Verdict, ...]], which: list[bool]) -> None:
    flat = tuple(v for part in parts for v in part)
    lazy = Verdicts(encode(part, path) if enc else part
                    for part, path, enc in zip(parts, _ARTICLES, which, strict=True))
    assert len(lazy) == len(flat)
    assert list(contradicted(lazy)) == [v for v in flat if v.verdict == "contradicted"]
    assert sorted(listed(lazy)) == sorted((v.article, v.claim, v.verdict) for v in flat)
    assert lazy.encoded == sum(which), "the fast paths decoded something"

    def mark(v: Verdict) -> Verdict:
        return msgspec.structs.replace(v, acknowledged=True)

    marked = lazy.replace_contradicted(mark)
    assert marked == tuple(mark(v) if v.verdict == "contradicted" else v for v in flat)
    assert lazy == flat and hash(lazy) == hash(flat) and lazy[::-1] == flat[::-1]
    assert pickle.loads(pickle.dumps(lazy)) == flat
    assert lazy.encoded == 0


def test_an_encoded_part_of_another_article_is_refused() -> None:
    verdict = Verdict("a", _ARTICLES[1], "supported")
    forged = Encoded(_ARTICLES[0], (), ("a",), msgspec.msgpack.encode((verdict,)))
    with pytest.raises(RuntimeError, match=r"verdict cache entry of seeds/000\.txt is damaged"):
        list(Verdicts([forged]))


def test_an_encoded_part_that_does_not_decode_is_refused() -> None:
    broken = Encoded(_ARTICLES[0], (), ("a",), b"\x91\xa2\xff\xfe")  # a string that is not UTF-8
    with pytest.raises(RuntimeError, match=r"verdict cache entry of seeds/000\.txt is damaged"):
        Verdicts([broken]).decoded()
