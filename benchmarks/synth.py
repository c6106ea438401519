"""A seeded synthetic corpus and claim set of realistic shape, for benchmarks.

People, countries and offices are invented from syllables (no real text). Each triple of
claims is an office claim, a value claim and a spelling claim, each with provenance and two
supported and two contradicted examples, as curated claims have; articles are about 600 words
of filler prose, prose with numbers, money and dates, and sentences that support some claims
(by full name, family name or the country's adjective), and a planted fraction contradict one
(a wrong value, a "former" title, a misspelt name). Everything comes from one random seed, so
the same arguments give the same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from verifier.model import Article, ArticleMeta, Claim, Entity, Example

SYLLABLES = "ka to mi ra su no he li va be do ru sa ne ko ta ri mo na yu".split()
FILLER = (
    "officials said the talks covered trade and security in detail",
    "analysts expect further negotiations in the coming months",
    "the statement stressed cooperation on supply chains and energy",
    "markets reacted calmly to the news on the day",
    "the delegation toured a factory and met business leaders",
    "reporters were briefed after the closed-door session",
    "both sides described the atmosphere as friendly and constructive",
    "the agreement still needs approval from lawmakers at home",
    "critics argued that the details remained vague",
    "a joint press conference followed the afternoon meeting",
)
PROPERTIES = ("wheat exports target", "solar capacity goal", "rail spending share")
MONTHS = ("January February March April May June July August September October November "
          "December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()


def _figures(rng: random.Random) -> str:
    """Prose with numbers, money and dates that bears on no claim."""
    month, day, year = rng.choice(MONTHS), rng.randint(1, 28), rng.randint(2019, 2025)
    return rng.choice((
        f"The port handled {rng.randint(2, 900):,},{rng.randint(100, 999)} containers in "
        f"{month} {year}, up {rng.randint(1, 19)}% on the year.",
        f"A ${rng.randint(1, 40)}.{rng.randint(1, 9)} billion loan package was approved on "
        f"{month} {day}, {year}.",
        f"Talks resume on {rng.choice(WEEKDAYS)}, {month} {day}, after {rng.randint(3, 12)} "
        "rounds so far.",
        f"Some {rng.randint(12, 95)},000 people attended the fair, organisers said on "
        f"{rng.choice(WEEKDAYS)}.",
        f"The budget sets aside EUR {rng.randint(110, 990)} million for new housing by {year + 3}.",
    ))


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


@dataclass(frozen=True)
class Fact:
    claim_ids: tuple[str, str, str]
    person: Entity
    country: Entity
    office: Entity
    prop: str
    amount: int


@dataclass(frozen=True)
class Corpus:
    entities: dict[str, Entity]
    claims: tuple[Claim, ...]
    articles: tuple[Article, ...]
    planted: frozenset[tuple[str, str]]  # (claim id, article path) that must be contradicted


def _fact(rng: random.Random, i: int, used: set[str]) -> Fact:
    while True:
        given, family, land = _name(rng, 2), _name(rng, 3), _name(rng, 3)
        if family not in used and land not in used:
            used.update({family, land})
            break
    person = Entity(f"p{i}", "person", f"{given} {family}", given=given, family=family)
    country = Entity(f"c{i}", "place", land, aliases=(f"{land}ian",))
    office = Entity(f"o{i}", "office", f"Chancellor of {land}", titles=("Chancellor",),
                    jurisdiction=country.id)
    prop = PROPERTIES[i % len(PROPERTIES)]
    return Fact((f"office-{i}", f"value-{i}", f"spelling-{i}"), person, country, office, prop,
                rng.randint(3, 60))


PROVENANCE = ({"source": "synthetic benchmark corpus (benchmarks/synth.py)"},)


def _examples(supported: tuple[str, str], contradicted: tuple[str, str]) -> tuple[Example, ...]:
    return (*(Example(t, "supported") for t in supported),
            *(Example(t, "contradicted") for t in contradicted))


def _claims(f: Fact, families: set[str]) -> list[Claim]:
    cue = f.prop.split()[0]
    name, family, land = f.person.name, f.person.family, f.country.name
    typo = _typo(f.person, families)
    return [
        Claim(f.claim_ids[0], f"{name} is {f.office.name}.", "office",
              {"holder": f.person.id, "office": f.office.id, "status": "current"},
              provenance=PROVENANCE, examples=_examples(
                  (f"{land}ian Chancellor {name} opened the session.",
                   f"Chancellor {family} told reporters the plan was on track."),
                  (f"Former Chancellor {name} attended as a guest.",
                   f"The former Chancellor, {name}, spoke first."))),
        Claim(f.claim_ids[1], f"{land}'s {f.prop} is {f.amount}%.", "value",
              {"subject": f.country.id, "property": f.prop, "cues": [[cue]],
               "value": {"type": "percent", "amount": f.amount}},
              provenance=PROVENANCE, examples=_examples(
                  (f"{land}'s {f.prop} stands at {f.amount}% this year.",
                   f"{land} keeps its {f.prop} at {f.amount} percent."),
                  (f"{land}'s {f.prop} stands at {f.amount + 7}% this year.",
                   f"{land} keeps its {f.prop} at {f.amount + 2} percent."))),
        Claim(f.claim_ids[2], f"The name is spelled {name}.", "spelling",
              {"entity": f.person.id}, provenance=PROVENANCE, examples=_examples(
                  (f"{name} opened the session.", f"Chancellor {family} spoke first."),
                  (f"Chancellor {f.person.given} {typo} spoke first.",
                   f"Mr {typo} told reporters the plan was on track.")) if typo else ()),
    ]


def _typo(person: Entity, families: set[str]) -> str | None:
    """A one-letter slip of the family name that lands no closer than two slips from anybody
    else's (else the verifier rightly reads it as that other person), or None."""
    family = person.family
    slips = [family[:-1] + c for c in "aeiou" if c != family[-1]]
    others = [f.lower() for f in families - {family}]
    return next((t for t in slips
                 if not any(OSA.distance(t.lower(), o, score_cutoff=1) <= 1 for o in others)),
                None)


def _support(rng: random.Random, f: Fact) -> str:
    return rng.choice((
        f"{f.country.name}ian Chancellor {f.person.name} opened the session.",
        f"{f.country.name}'s {f.prop} stands at {f.amount}% this year, the ministry said.",
        f"Chancellor {f.person.family} told reporters the plan was on track.",
    ))


def _contradict(rng: random.Random, f: Fact, families: set[str]) -> tuple[str, str]:
    kind = rng.randrange(3)
    if kind == 0:
        return f.claim_ids[0], f"Former Chancellor {f.person.name} attended as a guest."
    if kind == 1:
        wrong = f.amount + rng.choice((-2, 1, 5, 10))
        return f.claim_ids[1], f"{f.country.name}'s {f.prop} stands at {wrong}%, officials said."
    return f.claim_ids[2], f"Chancellor {f.person.given} {_typo(f.person, families)} spoke first."


def build(n_articles: int, n_claims: int, seed: int = 7, words: int = 600,
          planted_share: float = 0.05) -> Corpus:
    rng = random.Random(seed)
    used: set[str] = set()
    facts = [_fact(rng, i, used) for i in range(max(1, n_claims // 3))]
    entities = {e.id: e for f in facts for e in (f.person, f.country, f.office)}
    families = {f.person.family for f in facts}
    claims = tuple(c for f in facts for c in _claims(f, families))
    # a planted typo must not land one slip from somebody else's name
    plantable = [f for f in facts if _typo(f.person, families)]
    articles, planted = [], set()
    for a in range(n_articles):
        path = f"synthetic/{a:06d}.txt"
        sentences, count = [], 0
        while count < words:
            roll = rng.random()
            sentence = _support(rng, rng.choice(facts)) if roll < 0.15 else _figures(rng) \
                if roll < 0.3 else rng.choice(FILLER).capitalize() + "."
            sentences.append(sentence)
            count += len(sentence.split())
        if rng.random() < planted_share:
            claim_id, sentence = _contradict(rng, rng.choice(plantable), families)
            sentences.insert(rng.randrange(len(sentences)), sentence)
            planted.add((claim_id, path))
        paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
        text = f"Synthetic article {a}\n\n" + "\n\n".join(paragraphs) + "\n"
        articles.append(Article(path, text, ArticleMeta(title=f"a{a}")))
    return Corpus(entities, claims, tuple(articles), frozenset(planted))
