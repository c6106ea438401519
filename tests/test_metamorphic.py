"""Metamorphic properties of the engine, checked with hypothesis on the real seeds.

(a) replacing the value in a supporting sentence by a different value of the same type
    contradicts; (b) rewriting it in another surface form of the same value keeps it supported;
(c) appending unrelated prose changes no verdict; (d) the order of articles and claims changes
nothing; (e) any Unicode text is read without a crash and judged on every claim.
Each example indexes a whole article, so example counts are modest and there is no deadline.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

import pytest
from edit_cases import (
    PUBLISHED,
    Edit,
    apply_edits,
    seed_article,
    seed_names,
    seed_text,
    shipped,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.engine import Engine, verify
from verifier.model import VERDICTS, Article, ArticleMeta, Claim, Entity, Verdict, VerdictName

S3, S4 = "003_e6b66d70c2f9b6b5.txt", "004_9a43893ff614ee79.txt"
# Typographic quotes, written as escapes: the seeds use them, and so must the rewrites.
RSQ, LSQ, LDQ, RDQ = "\u2019", "\u2018", "\u201c", "\u201d"
# Derandomized: the same examples on every run, so the CI gate cannot fail by the draw. These
# properties probe heuristics (segmentation, boilerplate) where a rare draw can build text that is
# ambiguous on purpose, e.g. three one-word lines before a sentence read as a menu. To explore,
# set derandomize=False locally and turn real findings into fixed cases (tests/data/text).
FEW = settings(max_examples=40, deadline=None, derandomize=True)
FEWER = settings(max_examples=12, deadline=None, derandomize=True)

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
# Registry places that are neither Tokyo, nor inside it, nor around it.
NOT_TOKYO = ["Osaka", "Yokosuka", "Seoul", "Busan", "Gyeongju", "Washington", "Beijing",
             "South Korea", "China", "the United States", "Taiwan", "Thailand", "Cambodia"]


@pytest.fixture(scope="module")
def project() -> tuple[tuple[Claim, ...], dict[str, Entity]]:
    return shipped()


@pytest.fixture(scope="module")
def engine(project: tuple[tuple[Claim, ...], dict[str, Entity]]) -> Engine:
    return Engine(*project)


class SeedVerdicts(dict[tuple[str, str], VerdictName]):
    """The engine's verdicts on the unedited seeds, keyed by (seed, claim); a short repr keeps
    hypothesis reports readable."""

    def __repr__(self) -> str:
        return f"<{len(self)} seed verdicts>"


@pytest.fixture(scope="module")
def seed_verdicts(engine: Engine) -> SeedVerdicts:
    return SeedVerdicts({(name, v.claim): v.verdict for name in seed_names()
                         for v in engine.verify_article(seed_article(name))})


def verdict_of(engine: Engine, claim: str, article: Article) -> str:
    found = [v for v in engine.verify_article(article) if v.claim == claim]
    assert len(found) == 1
    shown = "; ".join(f"{e.polarity}: {e.reason} | {e.text}" for e in found[0].evidence)
    return f"{found[0].verdict} [{shown}]"


def edited(seed: str, find: str, replace: str, published: dt.date | None = PUBLISHED) -> Article:
    text = apply_edits(seed_text(seed), [Edit(find, replace)], seed)
    return seed_article(seed, text, published, path=f"edited/{seed}")


def assert_verdict(engine: Engine, claim: str, article: Article, want: str, edit: str) -> None:
    got = verdict_of(engine, claim, article)
    assert got.startswith(want + " "), f"{claim} after {edit!r}: {got}"


# ---- surface forms ---------------------------------------------------------------------------

def number(value: float) -> str:
    return f"{value:g}"


@st.composite
def percent_forms(draw: st.DrawFn, value: float) -> str:
    """A percent of GDP in one of the ways news prose writes it."""
    options = [f"{number(value)}%", f"{number(value)} percent", f"{number(value)} per cent"]
    if value == int(value) and 0 <= value <= 10:
        options += [f"{WORDS[int(value)]} percent", f"{WORDS[int(value)]} per cent"]
    if value == int(value):
        options.append(f"{int(value)}.0%")
    tail = draw(st.sampled_from(["of GDP", "of gross domestic product", "of its GDP",
                                 "of its gross domestic product"]))
    return f"{draw(st.sampled_from(options))} {tail}"


@st.composite
def dollar_forms(draw: st.DrawFn, billions: int) -> str:
    options = [f"${billions} billion", f"US${billions} billion", f"${billions}bn",
               f"US${billions}bn", f"{billions} billion dollars", f"USD {billions} billion",
               f"{billions} billion US dollars", f"${billions:,}-billion"]
    if billions % 10 == 0 and billions >= 100:
        options.append(f"${billions / 1000:g} trillion")
    return draw(st.sampled_from(options))


@st.composite
def whitespace_noise(draw: st.DrawFn, text: str) -> str:
    """Some single spaces replaced by other whitespace: doubled, no-break, tab or a line break."""
    spaces = [m.start() for m in re.finditer(" ", text)]
    if not spaces:
        return text
    chosen = draw(st.sets(st.sampled_from(spaces), max_size=3))
    out = list(text)
    for at in chosen:
        out[at] = draw(st.sampled_from(["  ", "\u00a0", " \t", "\n", "   "]))
    return "".join(out)


# ---- hosts: where a value is written -------------------------------------------------------

@dataclass(frozen=True)
class Host:
    """A sentence that states one claim's value: a seed passage, or a sentence on its own."""

    template: str  # "{}" marks the value
    seed: str | None = None  # None: the sentence alone is the article
    find: str = ""  # the seed passage the template replaces

    def article(self, text: str, published: dt.date | None = PUBLISHED) -> Article:
        if self.seed is None:
            return Article("sentence.txt", text, ArticleMeta(published=published))
        return edited(self.seed, self.find, text, published)


PERCENT_HOSTS = [
    Host("to expand its defense spending to {}, a move", S3,
         "to expand its defense spending to 2% of GDP, a move"),
    Host("Japan aims to raise its defense spending to {}."),
    Host("Tokyo plans to lift Japanese military spending to {} by 2027, officials said."),
    Host("Under the new plan, Japan's defence budget will reach {}, the government said."),
]
MONEY_HOSTS = [
    Host("Japan is preparing to unveil a {} investment", S3,
         "Japan is preparing to unveil a $550 billion investment"),
    Host("Japan pledged {} in investment in the United States under the trade deal."),
    Host("Under the agreement, Tokyo promised to invest {} in the US economy, Japanese officials "
         "said."),
]
SUMMIT_HOSTS = [
    Host("Sanae Takaichi {}, marking", S3, "Sanae Takaichi in Tokyo on Tuesday, marking"),
    Host("as she met President Donald Trump {} at the start", S4,
         "as she met President Donald Trump in Tokyo at the start"),
    Host("Trump and Takaichi met {}."),
    Host("Takaichi hosted Trump for talks {}."),
]
ABE_HOSTS = [
    Host("with Abe, who was assassinated {}.", S4, "with Abe, who was assassinated in 2022."),
    Host("Shinzo Abe was shot dead at a campaign event {}."),
    Host("Former Prime Minister Shinzo Abe, who was killed {}, was a close friend of Trump."),
]


def fill(host: Host, value: str) -> str:
    return host.template.format(value)


# ---- (a) a different value of the same type contradicts ---------------------------------------

@FEW
@given(data=st.data(), host=st.sampled_from(PERCENT_HOSTS), value=st.one_of(
    st.integers(0, 10).filter(lambda p: p != 2).map(float),
    st.sampled_from([0.9, 1.1, 1.5, 1.8, 2.5, 3.5, 4.5])))
def test_other_percent_contradicts(engine: Engine, data: st.DataObject, host: Host,
                                   value: float) -> None:
    text = fill(host, data.draw(percent_forms(value)))
    assert_verdict(engine, "defense-spending-2pct-gdp", host.article(text), "contradicted", text)


@FEW
@given(data=st.data(), host=st.sampled_from(MONEY_HOSTS),
       billions=st.integers(20, 3000).filter(lambda b: abs(b - 550) > 55))
def test_other_amount_contradicts(engine: Engine, data: st.DataObject, host: Host,
                                  billions: int) -> None:
    text = fill(host, data.draw(dollar_forms(billions)))
    assert_verdict(engine, "investment-550bn", host.article(text), "contradicted", text)


@FEW
@given(host=st.sampled_from(SUMMIT_HOSTS), published=st.sampled_from([PUBLISHED, None]),
       when=st.one_of(
           st.sampled_from([f"on {d}" for d in WEEKDAYS if d != "Tuesday"]),
           st.integers(1, 31).filter(lambda d: d != 28).flatmap(
               lambda d: st.sampled_from([f"on Oct. {d}", f"on {d} October", f"on October {d}, "
                                          "2025"]))))
def test_other_day_contradicts(engine: Engine, host: Host, published: dt.date | None,
                               when: str) -> None:
    """Another weekday or day of the month for the summit (a weekday is checked against the
    claim's own date even when the article has no published date)."""
    text = fill(host, f"in Tokyo {when}")
    assert_verdict(engine, "summit-date", host.article(text, published), "contradicted", text)


@FEW
@given(place=st.sampled_from(NOT_TOKYO), host=st.sampled_from(SUMMIT_HOSTS))
def test_other_place_contradicts(engine: Engine, place: str, host: Host) -> None:
    text = fill(host, f"in {place} on Tuesday")
    assert_verdict(engine, "summit-location", host.article(text), "contradicted", text)


@FEW
@given(data=st.data(), host=st.sampled_from(ABE_HOSTS),
       year=st.integers(1990, 2025).filter(lambda y: y != 2022))
def test_other_year_contradicts(engine: Engine, data: st.DataObject, host: Host,
                                year: int) -> None:
    month = data.draw(st.sampled_from(MONTHS))
    text = fill(host, data.draw(st.sampled_from([f"in {year}", f"in {month} {year}",
                                                 f"on {month} 8, {year}",
                                                 f"on 8 {month} {year}"])))
    assert_verdict(engine, "abe-assassinated-2022", host.article(text), "contradicted", text)


# ---- (b) the same value in another surface form keeps the verdict -----------------------------

@FEW
@given(data=st.data(), host=st.sampled_from(PERCENT_HOSTS))
def test_same_percent_other_form_supports(engine: Engine, data: st.DataObject,
                                          host: Host) -> None:
    text = data.draw(whitespace_noise(fill(host, data.draw(percent_forms(2.0)))))
    assert_verdict(engine, "defense-spending-2pct-gdp", host.article(text), "supported", text)


@FEW
@given(data=st.data(), host=st.sampled_from(MONEY_HOSTS))
def test_same_amount_other_form_supports(engine: Engine, data: st.DataObject,
                                         host: Host) -> None:
    text = data.draw(whitespace_noise(fill(host, data.draw(dollar_forms(550)))))
    assert_verdict(engine, "investment-550bn", host.article(text), "supported", text)


SAME_PLACE = ["in Tokyo", "at the Akasaka Palace", "at Tokyo{RSQ}s Akasaka Palace",
              "at the State Guest House in Tokyo", "in central Tokyo", "at the Akasaka Palace in "
              "the Japanese capital"]


@FEW
@given(data=st.data(), host=st.sampled_from(SUMMIT_HOSTS),
       where=st.sampled_from([p.format(RSQ=RSQ) for p in SAME_PLACE]))
def test_same_place_other_form_supports(engine: Engine, data: st.DataObject, host: Host,
                                        where: str) -> None:
    text = data.draw(whitespace_noise(fill(host, f"{where} on Tuesday")))
    assert_verdict(engine, "summit-location", host.article(text), "supported", text)


@FEW
@given(data=st.data(), host=st.sampled_from(ABE_HOSTS),
       when=st.sampled_from(["in 2022", "in July 2022", "on July 8, 2022", "on 8 July 2022",
                             "three years ago", "in the summer of 2022"]))
def test_same_year_other_form_supports(engine: Engine, data: st.DataObject, host: Host,
                                       when: str) -> None:
    text = data.draw(whitespace_noise(fill(host, when)))
    assert_verdict(engine, "abe-assassinated-2022", host.article(text), "supported", text)


SAME_DAY = ["on Tuesday", "on Oct. 28", "on October 28", "on 28 October", "on Oct 28",
            "on October 28, 2025", "on 28 October 2025", "on Tuesday, Oct. 28",
            "on Tuesday (October 28)", "on 28 Oct. 2025", "on Tuesday, 28 October"]


@FEW
@given(data=st.data(), host=st.sampled_from(SUMMIT_HOSTS), when=st.sampled_from(SAME_DAY))
def test_same_date_other_form_supports(engine: Engine, data: st.DataObject, host: Host,
                                       when: str) -> None:
    text = data.draw(whitespace_noise(fill(host, f"in Tokyo {when}")))
    assert_verdict(engine, "summit-date", host.article(text), "supported", text)


NAME_FORMS = ["Sanae Takaichi", "Takaichi Sanae", "Takaichi", "Sanae TAKAICHI"]
JAPANS = f"Japan{RSQ}s"
TITLE_FORMS = [f"{JAPANS} new Prime Minister {{}}", "Japan's new prime minister, {},",
               f"{JAPANS} new PM {{}}", "Japanese Premier {}",
               f"{{}}, {JAPANS} new prime minister,", f"{JAPANS} new prime minister, Ms Takaichi,"]


@FEW
@given(data=st.data(), title=st.sampled_from(TITLE_FORMS), name=st.sampled_from(NAME_FORMS),
       claim=st.sampled_from(["takaichi-prime-minister", "takaichi-name-spelling",
                              "summit-location"]))
def test_alias_forms_keep_support(engine: Engine, data: st.DataObject, title: str, name: str,
                                  claim: str) -> None:
    phrase = data.draw(whitespace_noise(title.format(name) + " in Tokyo"))
    article = edited(S3, f"{JAPANS} new Prime Minister Sanae Takaichi in Tokyo", phrase)
    assert_verdict(engine, claim, article, "supported", phrase)


QUOTES: dict[str, str | int | None] = {RSQ: "'", LSQ: "'", LDQ: '"', RDQ: '"'}


def swap_quotes(text: str, to_curly: bool) -> str:
    if not to_curly:
        return text.translate(str.maketrans(QUOTES))
    text = re.sub(r"(?<=\w)'(?=\w)", RSQ, text)  # apostrophes
    return re.sub(r'"([^"\n]*)"', LDQ + r"\1" + RDQ, text)


def changed_verdicts(engine: Engine, name: str, text: str, before: SeedVerdicts
                     ) -> dict[str, tuple[str, str]]:
    got = {v.claim: v.verdict for v in engine.verify_article(seed_article(name, text))}
    return {c: (before[name, c], v) for c, v in got.items() if before[name, c] != v}


@FEWER
@given(name=st.sampled_from(seed_names()), to_curly=st.booleans())
def test_quote_style_changes_nothing(engine: Engine, name: str, to_curly: bool,
                                     seed_verdicts: SeedVerdicts) -> None:
    """Curly or straight quotes and apostrophes throughout a seed."""
    changed = changed_verdicts(engine, name, swap_quotes(seed_text(name), to_curly), seed_verdicts)
    assert not changed, f"{name}: verdicts changed (seed -> requoted): {changed}"


@FEWER
@given(name=st.sampled_from(seed_names()), seed=st.integers(0, 10**6),
       space=st.sampled_from(["  ", "\u00a0", " \t", "   "]))
def test_extra_spaces_change_nothing(engine: Engine, name: str, seed: int, space: str,
                                     seed_verdicts: SeedVerdicts) -> None:
    """Some spaces between words doubled, or made no-break spaces or tabs, throughout a seed."""
    rng = random.Random(seed)
    text = re.sub(r"(?<=\S) (?=\S)", lambda _: rng.choice([" ", space]), seed_text(name))
    changed = changed_verdicts(engine, name, text, seed_verdicts)
    assert not changed, f"{name}: verdicts changed (seed -> respaced with {space!r}): {changed}"


# ---- (c) unrelated sentences change nothing ---------------------------------------------------

SUBJECTS = ["The city council", "Local bakers", "A team of engineers", "Commuters in the region",
            "The river museum", "Several farmers", "The weather service", "A small software firm",
            "Volunteers at the shelter", "The regional orchestra", "School officials",
            "The ferry operator"]
PREDICATES = ["reported a quiet week", "opened an exhibition on river fish",
              "expects heavy rain on Friday", "raised ticket prices by 3%",
              "plans to repair 12 bridges by 2027", "said the harvest was 10% larger",
              "met on Thursday to discuss parking", "signed a contract for 40 new buses",
              "visited a wind farm last week", "did not change its opening hours",
              "spent $2 million on new trains", "will hold a vote on Monday",
              "set a target of 5% fewer delays", "denied that the bakery would close",
              "welcomed 300 visitors on Sunday", "agreed a deal worth $15 billion over ten years"]
ENDINGS = [".", ", officials said.", ", according to a statement.", " earlier this month.",
           ", the report added."]


@st.composite
def filler(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 6))
    sentences = [draw(st.sampled_from(SUBJECTS)) + " " + draw(st.sampled_from(PREDICATES))
                 + draw(st.sampled_from(ENDINGS)) for _ in range(count)]
    return " ".join(sentences)


def test_filler_names_no_entity(project: tuple[tuple[Claim, ...], dict[str, Entity]]) -> None:
    """The filler vocabulary must not name anything in the registry (else (c) tests nothing)."""
    vocabulary = " ".join([*SUBJECTS, *PREDICATES, *ENDINGS]).casefold()
    named = []
    for entity in project[1].values():
        for form in [entity.name, *entity.aliases, entity.given, entity.family, *entity.titles]:
            if form and re.search(rf"(?<!\w){re.escape(form.casefold())}(?!\w)", vocabulary):
                named.append((entity.id, form))
    assert not named


@FEW
@given(name=st.sampled_from(seed_names()), prose=filler())
def test_unrelated_sentences_change_nothing(engine: Engine, name: str, prose: str,
                                            seed_verdicts: SeedVerdicts
                                            ) -> None:
    text = seed_text(name).rstrip("\n") + "\n\n" + prose + "\n"
    changed = changed_verdicts(engine, name, text, seed_verdicts)
    assert not changed, f"{name} + {prose!r}: verdicts changed: {changed}"


# ---- (d) order changes nothing ----------------------------------------------------------------

@pytest.fixture(scope="module")
def baseline(project: tuple[tuple[Claim, ...], dict[str, Entity]]) -> tuple[Verdict, ...]:
    claims, entities = project
    return tuple(verify(claims, entities, [seed_article(n) for n in seed_names()]))


def pair(verdict: Verdict) -> tuple[str, str]:
    return verdict.article, verdict.claim


@FEWER
@given(data=st.data())
def test_order_changes_nothing(data: st.DataObject, baseline: tuple[Verdict, ...],
                               project: tuple[tuple[Claim, ...], dict[str, Entity]]) -> None:
    claims, entities = project
    articles = data.draw(st.permutations([seed_article(n) for n in seed_names()]))
    shuffled = data.draw(st.permutations(list(claims)))
    got = verify(shuffled, entities, articles)
    assert sorted(got, key=pair) == sorted(baseline, key=pair)


# ---- (e) any text is read, and every claim gets a verdict ---------------------------------------

FRAGMENTS = ["Takaichi", "Sanae Takaichi", "Trump", "former President", "Prime Minister",
             "met", "in Tokyo", "on Tuesday", "2% of GDP", "$550 billion", "did not sign",
             "rare earths", "Nobel", "Abe", "assassinated in 2022", "succeeded", "Ishiba", "Japan",
             RSQ + "s", LDQ, RDQ, ".", "\n", "\n\n", " ", "Sen Takichi", "Xi Jinping",
             "Yokosuka", "putter", "first female prime minister", "last week", "yesterday",
             "Oct. 28"]


@FEW
@given(text=st.text(), published=st.one_of(st.none(), st.dates()))
def test_any_text_gets_a_verdict_per_claim(engine: Engine, text: str,
                                           published: dt.date | None) -> None:
    verdicts = engine.verify_article(Article("fuzz.txt", text, ArticleMeta(published=published)))
    assert sorted(v.claim for v in verdicts) == sorted(c.id for c in engine.claims)
    assert all(v.verdict in VERDICTS for v in verdicts)


@FEW
@given(parts=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60),
       published=st.one_of(st.none(), st.dates()))
def test_word_soup_gets_a_verdict_per_claim(engine: Engine, parts: list[str],
                                            published: dt.date | None) -> None:
    """Registry names, values and cue words in random order with random Unicode between."""
    text = " ".join(parts)
    verdicts = engine.verify_article(Article("soup.txt", text, ArticleMeta(published=published)))
    assert sorted(v.claim for v in verdicts) == sorted(c.id for c in engine.claims)
    assert all(v.verdict in VERDICTS for v in verdicts)
