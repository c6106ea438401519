"""The data that flows through the harness, one way:
files -> claims/articles -> evidence -> verdicts.

Everything here is frozen (dataclasses; the verdicts msgspec Structs) with no I/O, so any stage
can be tested on hand-made values. How the verdict cache keeps a run's verdicts, partly encoded,
is in verifier.execution.encoded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from abc import abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Literal

import msgspec

EntityType = Literal["person", "place", "organization", "office", "event"]
ClaimKind = Literal[
    "office", "spelling", "value", "event", "date", "place", "succession", "phrases"
]
Severity = Literal["critical", "high", "medium", "low"]
Polarity = Literal["support", "contradict"]
VerdictName = Literal["supported", "contradicted", "silent"]
ArticleKind = Literal["article", "transcript", "summary", "machine-written"]
VERDICTS: tuple[VerdictName, ...] = ("supported", "contradicted", "silent")


@dataclass(frozen=True)
class Position:
    """A place in a source file; line and column are 1-based."""

    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Entity:
    """One thing of the world, with every way articles name it.

    Kind-specific fields are empty where they do not apply: `within` for places, `jurisdiction`
    and `titles` for offices, `participants`, `triggers`, `cues` and `during` for events.
    """

    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    given: str = ""
    family: str = ""
    within: tuple[str, ...] = ()
    jurisdiction: str = ""
    titles: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    cues: tuple[tuple[str, ...], ...] = ()
    during: tuple[str, ...] = ()  # events: the larger events this one is part of
    position: Position | None = None


@dataclass(frozen=True)
class Example:
    """A sentence a claim's author expects the verifier to judge a certain way.

    `known_miss` (a reason) marks an example the verifier is known to judge otherwise: like a
    strict xfail, it does not fail the run while it misses, and fails it once it passes."""

    text: str
    expect: VerdictName
    published: dt.date | None = None
    position: Position | None = None
    known_miss: str = ""


@dataclass(frozen=True)
class Claim:
    """One curated fact.

    `content` holds the kind-specific typed fields as validated by the schema
    (for `office`: holder, office, status ...); each check module reads its own kind.
    """

    id: str
    statement: str
    kind: ClaimKind
    content: Mapping[str, Any]
    severity: Severity = "high"
    tags: tuple[str, ...] = ()
    provenance: tuple[Mapping[str, str], ...] = ()
    examples: tuple[Example, ...] = ()
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    position: Position | None = None


@dataclass(frozen=True)
class ArticleMeta:
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: dt.date | None = None
    retrieved: str = ""
    kind: ArticleKind = "article"
    language: str = "en"
    sha256: str = ""


@dataclass(frozen=True)
class Article:
    """One corpus text; `text` is the file's content exactly as stored, never edited."""

    path: str
    text: str
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    # An undated corpus article may speak of any time; a claim's example, or a sentence tried
    # against a claim, speaks of the claim's present (see ExampleText).
    speaks_of_now: ClassVar[bool] = False

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the text as stored (UTF-8), in hex; the loader fills it from the bytes it
        read. Not a field: a copy with another text (dataclasses.replace) computes its own."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @cached_property
    def key(self) -> str:
        """The article's name in the verdict cache: a digest of its path, its text's digest and
        its metadata (whose repr covers every field of a frozen dataclass of text and a date)."""
        return hashlib.sha256(b"article\0" + "\0".join(
            (self.path, self.digest, repr(self.meta))).encode("utf-8", "surrogatepass")
        ).hexdigest()


class ExampleText(Article):
    """A claim's example or a sentence tried against a claim: undated, it is read as said now,
    at the time the claim describes."""

    speaks_of_now: ClassVar[bool] = True


class StoredArticle(Article):
    """An Article whose text stays on disk until something asks for it: a warm run over 10,000
    unchanged articles (the loader saw the same size, times and inode as when it last read them)
    reads none. It equals, hashes and pickles as the Article it stands for. The text is checked
    against `digest` when read: a file changed since the loader looked is an error, not a silent
    mix of old verdicts and new text. Make a changed copy with Article(...), not replace()."""

    def __init__(self, path: str, meta: ArticleMeta, source: str, digest: str,
                 key: str = "") -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "meta", meta)
        self.__dict__.update(_source=source, digest=digest)
        if key:  # as recorded when the article was last read: the same, cheaper
            self.__dict__["key"] = key

    @property
    def text(self) -> str:
        if "_text" not in self.__dict__:
            with open(self.__dict__["_source"], "rb") as handle:
                data = handle.read()
            if hashlib.sha256(data).hexdigest() != self.__dict__["digest"]:
                raise RuntimeError(f"{self.path} changed while the run was reading the corpus: "
                                   "run again")
            self.__dict__["_text"] = data.decode("utf-8")
        text: str = self.__dict__["_text"]
        return text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Article):
            return NotImplemented
        return (self.path, self.text, self.meta) == (other.path, other.text, other.meta)

    def __hash__(self) -> int:
        return hash((self.path, self.text, self.meta))

    def __repr__(self) -> str:
        return f"Article(path={self.path!r}, text={self.text!r}, meta={self.meta!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return Article, (self.path, self.text, self.meta)


# Span, Evidence and Verdict are msgspec Structs, not dataclasses: frozen, compared and hashed
# by field all the same, but a warm run over 10,000 articles decodes 700,000 of them from the
# verdict cache, and msgspec builds Structs about twice as fast (gc=False: they hold no cycles).
class Span(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """A matched stretch of the original article text: [start, end) offsets, line:col of start."""

    start: int
    end: int
    line: int
    column: int
    text: str


class Evidence(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """Why a verdict leans one way: the sentence, where it is, what matched, a one-line reason."""

    polarity: Polarity
    line: int
    column: int
    text: str
    reason: str
    spans: tuple[Span, ...] = ()
    hedged: bool = False


@dataclass(frozen=True)
class Acknowledgement:
    """A reviewed, known contradiction that is kept on purpose (the article is wrong)."""

    claim: str
    article: str
    reason: str
    owner: str = ""
    review_by: dt.date | None = None
    position: Position | None = None


class Verdict(msgspec.Struct, frozen=True, gc=False, array_like=True):
    """One claim on one article; a Struct like Evidence (replace with msgspec.structs.replace)."""

    claim: str
    article: str
    verdict: VerdictName
    evidence: tuple[Evidence, ...] = ()
    hedged: bool = False
    acknowledged: bool = False
    acknowledgement: Acknowledgement | None = None

    @property
    def mixed(self) -> bool:
        """Support and contradiction in one article: reported as such, gated as a contradiction."""
        polarities = {e.polarity for e in self.evidence}
        return polarities == {"support", "contradict"}


class Listing(Sequence[Verdict]):
    """Verdicts that list their contradictions and their (article, claim, verdict) triples
    without building every Verdict: the verdict cache's Verdicts (verifier.execution.encoded),
    whose supported verdicts may still be encoded. Defined here, with the data, so that
    `contradicted`, `listed` and Result read any of them without knowing the cache."""

    @abstractmethod
    def contradicted(self) -> Iterator[Verdict]:
        """The contradicted verdicts, in order."""

    @abstractmethod
    def listed(self) -> Iterator[tuple[str, str, VerdictName]]:
        """(article, claim, verdict) of every verdict."""


def contradicted(verdicts: Iterable[Verdict]) -> Iterator[Verdict]:
    """The contradicted verdicts of any sequence, in order (a Listing: without decoding)."""
    if isinstance(verdicts, Listing):
        return verdicts.contradicted()
    return (v for v in verdicts if v.verdict == "contradicted")


def listed(verdicts: Iterable[Verdict]) -> Iterator[tuple[str, str, VerdictName]]:
    """(article, claim, verdict) of every verdict (a Listing: without decoding; not in order)."""
    if isinstance(verdicts, Listing):
        return verdicts.listed()
    return ((v.article, v.claim, v.verdict) for v in verdicts)


@dataclass(frozen=True)
class Project:
    """Everything loaded from disk for one run; `problems` holds whatever could not be loaded.

    Paths are relative to `root`, POSIX style (``claims/people.yaml``, ``seeds/000_x.txt``).
    A file with problems contributes what could still be read, so one bad file never hides the rest.
    """

    root: str
    entities: Mapping[str, Entity]
    claims: tuple[Claim, ...]
    articles: tuple[Article, ...]
    acknowledgements: tuple[Acknowledgement, ...] = ()
    problems: tuple[Any, ...] = ()  # tuple[Problem, ...]; Any keeps model free of imports
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    """One verification run: a verdict for every (claim, article) pair, by (article, claim).

    A `sparse` result (a run too large to hold one object per pair) lists only the supported and
    contradicted pairs; every other pair of the project's claims x articles is silent.
    """

    project: Project
    verdicts: Sequence[Verdict]  # a tuple, or a Listing (from the cache, partly encoded)
    stale: tuple[Acknowledgement, ...] = ()
    problems: tuple[Any, ...] = ()  # tuple[Problem, ...]: input problems plus example failures
    sparse: bool = False

    @cached_property
    def unacknowledged(self) -> tuple[Verdict, ...]:
        return tuple(v for v in contradicted(self.verdicts) if not v.acknowledged)

    def unlisted_silent(self) -> dict[str, int]:
        """Article path -> silent pairs that `verdicts` leaves out (none unless `sparse`)."""
        if not self.sparse:
            return {}
        counted = Counter([article for article, _, _ in listed(self.verdicts)])
        claims = len(self.project.claims)
        return {a.path: claims - counted.get(a.path, 0) for a in self.project.articles
                if claims > counted.get(a.path, 0)}
