"""A seeded synthetic corpus and claim set of realistic shape, for benchmarks.

People, countries and offices are invented from syllables (no real text). Each triple of
claims is an office claim, a value claim and a spelling claim; articles are about 600 words of
filler prose with sentences that support some claims, and a planted fraction that contradict
one (a wrong value, a "former" title, a misspelt name). Everything comes from one random seed,
so the same arguments give the same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from verifier.model import Article, ArticleMeta, Claim, Entity

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


def _claims(f: Fact) -> list[Claim]:
    cue = f.prop.split()[0]
    return [
        Claim(f.claim_ids[0], f"{f.person.name} is {f.office.name}.", "office",
              {"holder": f.person.id, "office": f.office.id, "status": "current"}),
        Claim(f.claim_ids[1], f"{f.country.name}'s {f.prop} is {f.amount}%.", "value",
              {"subject": f.country.id, "property": f.prop, "cues": [[cue]],
               "value": {"type": "percent", "amount": f.amount}}),
        Claim(f.claim_ids[2], f"The name is spelled {f.person.name}.", "spelling",
              {"entity": f.person.id}),
    ]


def _support(rng: random.Random, f: Fact) -> str:
    return rng.choice((
        f"{f.country.name}ian Chancellor {f.person.name} opened the session.",
        f"{f.country.name}'s {f.prop} stands at {f.amount}% this year, the ministry said.",
        f"Chancellor {f.person.family} told reporters the plan was on track.",
    ))


def _contradict(rng: random.Random, f: Fact) -> tuple[str, str]:
    kind = rng.randrange(3)
    if kind == 0:
        return f.claim_ids[0], f"Former Chancellor {f.person.name} attended as a guest."
    if kind == 1:
        wrong = f.amount + rng.choice((-2, 1, 5, 10))
        return f.claim_ids[1], f"{f.country.name}'s {f.prop} stands at {wrong}%, officials said."
    typo = f.person.family[:-1] + ("a" if f.person.family[-1] != "a" else "e")
    return f.claim_ids[2], f"Chancellor {f.person.given} {typo} spoke first."


def _unambiguous(fact: Fact, families: set[str]) -> bool:
    """A planted typo must not land one slip from somebody else's name."""
    family = fact.person.family
    typo = family[:-1] + ("a" if family[-1] != "a" else "e")
    return not any(OSA.distance(typo.lower(), f.lower()) <= 1 for f in families - {family})


def build(n_articles: int, n_claims: int, seed: int = 7, words: int = 600,
          planted_share: float = 0.05) -> Corpus:
    rng = random.Random(seed)
    used: set[str] = set()
    facts = [_fact(rng, i, used) for i in range(max(1, n_claims // 3))]
    entities = {e.id: e for f in facts for e in (f.person, f.country, f.office)}
    claims = tuple(c for f in facts for c in _claims(f))
    families = {f.person.family for f in facts}
    plantable = [f for f in facts if _unambiguous(f, families)]
    articles, planted = [], set()
    for a in range(n_articles):
        path = f"synthetic/{a:06d}.txt"
        sentences, count = [], 0
        while count < words:
            sentence = _support(rng, rng.choice(facts)) if rng.random() < 0.15 else \
                rng.choice(FILLER).capitalize() + "."
            sentences.append(sentence)
            count += len(sentence.split())
        if rng.random() < planted_share:
            claim_id, sentence = _contradict(rng, rng.choice(plantable))
            sentences.insert(rng.randrange(len(sentences)), sentence)
            planted.add((claim_id, path))
        paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
        text = f"Synthetic article {a}\n\n" + "\n\n".join(paragraphs) + "\n"
        articles.append(Article(path, text, ArticleMeta(title=f"a{a}")))
    return Corpus(entities, claims, tuple(articles), frozenset(planted))
