"""Titles and offices attached to people: "former President Donald Trump", "Takaichi, Japan's prime
minister", "Japan's newly appointed Minister for Economic Security, Sanae Takaichi"; the
jurisdiction may be an organisation: "Reserve Bank Governor Ada Roe", "Governor of the Reserve
Bank Ada Roe", "Ada Roe, the Reserve Bank's governor".

An Attachment says: this title (resolved to registry offices, or an unknown office), qualified or
not by a jurisdiction ("Japanese", "of Japan"), with this status word (former, late, new ...),
is attached to this holder (a registry person, an unknown capitalised name, or nobody).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.engine.registry import ENTITY, TITLE, Registry
from verifier.text.mentions import Mention
from verifier.text.normalize import fold

_HEADS = (
    "Minister|Secretary|President|Premier|Chancellor|Governor|Senator|Ambassador|Chairman|"
    "Chairwoman|Chair|Speaker|Mayor|Emperor|King|Queen|Prince|Princess|Envoy|Commissioner"
)
# Bounded repetitions only: linear on any input.
GENERIC = re.compile(
    rf"\b(?:(?:[A-Z][a-z]+|[A-Z]{{2,5}}|U\.S\.)[ -]){{0,3}}(?:{_HEADS})\b"
    r"(?: (?:for|of) (?:the )?[A-Z][a-z]+(?: (?:and )?[A-Z][a-z]+){0,3})?"
)
# Portfolio titles, written in lower case as often as not ("Japan's new defence minister").
PORTFOLIO = re.compile(
    r"\b(?:(?:deputy|vice|senior|state) )?(?:defen[cs]e|foreign|finance|trade|economy|"
    r"economic security|interior|internal affairs|justice|health|education|transport|"
    r"environment|agriculture|labou?r|digital|home|industry|energy|culture|science|commerce|"
    r"treasury|state|war|navy) (?:minister|secretary)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}")
_WORD = re.compile(r"[A-Za-z]+(?:'s)?")
FORMER = frozenset({"former", "ex", "late", "then", "previous", "onetime", "erstwhile"})
CURRENT = frozenset(
    {"new", "newly", "current", "sitting", "incumbent", "elected", "appointed", "incoming",
     "serving", "present", "outgoing", "named", "installed", "chosen"}
)
# Capitalised words that start a sentence, never a title ("Both President Trump ...").
_NOT_TITLE_WORDS = frozenset(
    "both the a an and but or as when while after before then now also even so if yet still each "
    "every our their his her its this that these those with from for by at in on of to under over "
    "meanwhile however later earlier today yesterday tomorrow said says".split()
)
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "of"})
_NOT_NAMES = frozenset(
    fold(w) for w in "The A An This That He She It They We I Said Says And But Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday Who Which".split()
)
# What may follow an apposition's title: its closing comma, the end, or a conjunction.
_CLOSED = re.compile(r"\s*(?:[,.;:)!?\"']|$|-\s|\s*(?:and|who|since|until|from)\b)")
_BEFORE_TITLE = re.compile(
    r"^\s*(?:,|:|\()\s*(?:\d{1,3},\s*)?(?:who\s+(?:is|was|became|becomes|has\s+become|had\s+been|has\s+been|"
    r"remains|serves\s+as|served\s+as)\s+)?$|^\s+(?:is|was|became|becomes|has\s+become|remains)\s+$"
)


@dataclass(frozen=True)
class Attachment:
    offices: frozenset[str]  # registry office ids; an unknown title gives {"office:<title>"}
    title: str
    start: int  # title span in the normalised text
    end: int
    qualified: bool  # a jurisdiction was named
    status: str | None  # "former", "late", "current" or None
    holder: str | None  # person id, "name:<Capitalised Name>", or None
    holder_start: int = -1
    holder_end: int = -1
    near_miss: bool = False

    @property
    def known(self) -> bool:
        return not any(o.startswith("office:") for o in self.offices)


def attachments(text: str, start: int, end: int, mentions: list[Mention], registry: Registry
                ) -> list[Attachment]:
    """Every title in text[start:end] with its jurisdiction, status and holder."""
    people = [m for m in mentions if m.category == ENTITY and registry.of_type(m.target, "person")]
    spans = _title_spans(text, start, end, mentions)
    if not spans:  # most sentences: no title, so no jurisdictions to sort
        return _late_people(text, start, people)
    # a jurisdiction is a place or an organisation ("Reserve Bank Governor Ada Roe"); of two
    # starting at one word, the longer ("Velmora Reserve Bank", not "Velmora") comes first
    places = sorted((m for m in mentions if m.category == ENTITY
                     and (registry.of_type(m.target, "place")
                          or registry.of_type(m.target, "organization"))),
                    key=lambda m: (m.start, -m.end))
    out = []
    for s, e in spans:
        out.append(_attach(text, start, end, s, e, people, places, registry))
    out.extend(_late_people(text, start, people))
    return out


def _generic_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Capitalised titles, minus sentence-opening words that only look like part of them."""
    spans = []
    for match in GENERIC.finditer(text, start, end):
        s = match.start()
        for word in _WORD.finditer(text, s, match.end()):
            if word.group().lower() not in _NOT_TITLE_WORDS or _status_of(word.group()):
                break
            s = word.end() + 1
        if s < match.end():
            spans.append((s, match.end()))
    return spans


def _title_spans(text: str, start: int, end: int, mentions: list[Mention]) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for m in mentions if m.category == TITLE]
    spans += _generic_spans(text, start, end)
    spans += [(m.start(), m.end()) for m in PORTFOLIO.finditer(text, start, end)]
    chosen: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda p: (p[0] - p[1], p[0])):
        if all(e <= cs or ce <= s for cs, ce in chosen):
            chosen.append((s, e))
    return sorted(chosen)


def _attach(text: str, lo: int, hi: int, s: int, e: int, people: list[Mention],
            places: list[Mention], registry: Registry) -> Attachment:
    core_s, jurisdiction, status = _strip_prefix(text, s, e, places)
    if core_s > s and _known(registry, text[s:e]) and not _known(registry, text[core_s:e]):
        core_s, jurisdiction, status = s, None, None  # "LDP leader" is a title of its own
    core_e, suffix_place, phrase_e = _strip_suffix(text, core_s, e, places)
    jurisdiction = jurisdiction or suffix_place
    left_s, left_j, left_status = _left_context(text, lo, core_s if core_s > s else s, places)
    jurisdiction, status = jurisdiction or left_j, status or left_status
    core = text[core_s:core_e]
    whole = fold(text[s:e]).strip()
    if whole in registry.titles and core_s > s:  # "Los Angeles manager": a registry title
        core_s, core, jurisdiction = s, text[s:e], None
    offices = registry.offices_for(fold(core).strip(), jurisdiction)
    if jurisdiction and registry.of_type(jurisdiction, "organization") \
            and not any(registry.of_type(o, "office") for o in offices):
        # a body with no such office of its own qualifies nothing ("a speech to parliament
        # Prime Minister X", "the LDP's Prime Minister"): read the title bare
        jurisdiction = None
        offices = registry.offices_for(fold(core).strip(), None)
    holder = _holder_after(text, phrase_e, hi, people) \
        or _holder_before(text, lo, left_s, phrase_e, hi, people)
    name, h_s, h_e, near = holder if holder else (None, -1, -1, False)
    if 0 <= h_e <= s:
        status = _clause_status(text, lo, h_e, s) or status
    return Attachment(offices, core, core_s, core_e, jurisdiction is not None, status, name,
                      h_s, h_e, near)


def _known(registry: Registry, title: str) -> bool:
    return fold(title).strip() in registry.titles


def _status_of(word: str) -> str | None:
    w = word.lower().removesuffix("'s")
    if w == "late":
        return "late"
    if w in FORMER:
        return "former"
    return "current" if w in CURRENT else None


def _strip_prefix(text: str, s: int, e: int, places: list[Mention]
                  ) -> tuple[int, str | None, str | None]:
    """Leading status words and jurisdiction inside a capitalised title ("Former US President")."""
    jurisdiction = status = None
    pos = s
    while pos < e:
        place = next((p for p in places if p.start == pos and p.end < e), None)
        word = _WORD.match(text, pos, e)
        if place is not None:
            jurisdiction, pos = place.target, place.end
        elif word and word.end() < e and _status_of(word.group()):
            status, pos = status or _status_of(word.group()), word.end()
        else:
            break
        while pos < e and text[pos] in " -":
            pos += 1
    return pos, jurisdiction, status


def _strip_suffix(text: str, s: int, e: int, places: list[Mention]
                  ) -> tuple[int, str | None, int]:
    """A jurisdiction after the title: (title end, place, end of the whole title phrase).

    "Prime Minister of Japan", "prime minister of Japan", "the first woman to lead Japan".
    """
    inside = re.search(r" of (?:the )?", text[s:e])
    if inside:
        at = s + inside.end()
        place = next((p for p in places if p.start == at and p.end <= e), None)
        if place:  # "Prime Minister of Japan Sanae Takaichi": the name follows the place
            return s + inside.start(), place.target, place.end
    after = re.match(r" of (?:the )?| (?:the )?", text[e:e + 8])
    verb = re.search(r"\bto (?:lead|head|govern|run)$", text[s:e])
    if after and (verb or after.group().startswith(" of")):
        place = next((p for p in places if p.start == e + after.end()), None)
        if place:
            return e, place.target, place.end
    return e, None, e


def _left_context(text: str, lo: int, s: int, places: list[Mention]
                  ) -> tuple[int, str | None, str | None]:
    """Walk left over determiners, status words and a jurisdiction ("Japan's newly appointed")."""
    jurisdiction = status = None
    pos = s
    words = list(_WORD.finditer(text, lo, s))
    for word in reversed(words[-6:]):
        around = next((p for p in places if p.start <= word.start() < p.end), None)
        # the gap after a place counts from the place's end ("U.S. president": no gap)
        gap = text[max(around.end, word.end()) if around else word.end():pos]
        # "OSAKA, Japan - President ...": a spaced dash ends the phrase (a dateline's place
        # is where the report was filed, not the title's jurisdiction)
        if gap.strip(" -") or ("-" in gap and " " in gap):
            break
        place = around.target if around else None
        if place:
            jurisdiction = jurisdiction or place
        elif _status_of(word.group()):
            status = status or _status_of(word.group())
        elif word.group().lower() not in _DETERMINERS:
            break
        pos = word.start()
    return pos, jurisdiction, status


def _holder_after(text: str, e: int, hi: int, people: list[Mention]
                  ) -> tuple[str, int, int, bool] | None:
    gap = re.match(r"(,|:)? ", text[e:hi])
    if gap is None:
        return None
    at = e + gap.end()
    for p in people:
        if p.start == at:
            if gap.group(1) and not re.match(r"\s*(?:[,.;:)]|$)", text[p.end:hi]):
                return None  # "the Prime Minister, Trump said": not an apposition
            return p.target, p.start, p.end, p.near_miss
    name = _NAME.match(text, at, hi)
    if name and not gap.group(1) and fold(name.group().split()[0]) not in _NOT_NAMES \
            and not any(at < p.start < name.end() for p in people):
        # ("PM Hands Trump ...": a known person inside an unknown name is no name at all)
        return "name:" + name.group(), name.start(), name.end(), False
    return None


def _holder_before(text: str, lo: int, s: int, e: int, hi: int, people: list[Mention]
                   ) -> tuple[str, int, int, bool] | None:
    for p in reversed(people):
        link = text[p.end:s]
        if lo <= p.end <= s and _BEFORE_TITLE.match(link):
            if link.strip()[:1] in (",", "(") and not _CLOSED.match(text, e, hi) \
                    and "who" not in link:
                return None  # "Greer, Nordland PM sign a deal": a list, not an apposition
            return p.target, p.start, p.end, p.near_miss
        if lo <= p.end <= s and _AS_LINK.match(link) \
                and _APPOINTS.search(text, max(lo, p.start - 80), p.start):
            return p.target, p.start, p.end, p.near_miss  # "appointed X as prime minister"
    return None


# "Macron appointed (Armed Forces Minister) Lecornu as the new prime minister": the title
# after "as" is the one given to the person just named
_AS_LINK = re.compile(r"\s+as\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?$")
_APPOINTS = re.compile(r"\b(?:appoint|appoints|appointed|appointing|name|names|named|naming|"
                       r"nominate|nominates|nominated|nominating|pick|picks|picked|tap|taps|"
                       r"tapped|choose|chooses|chose|select|selects|selected|install|installs|"
                       r"installed|elect|elects|elected)\b[^.;,]{0,60}$", re.IGNORECASE)


_APPOINTED = re.compile(
    r"\b(?:was|were|has been|had been)\s+(?:\w+\s+)?(?:named|appointed|elected|chosen|made|"
    r"sworn in(?: as)?|nominated|confirmed|installed|picked|tapped|selected|promoted)\b")


def _clause_status(text: str, lo: int, holder_end: int, title_start: int) -> str | None:
    """ "Abe, who was Japan's prime minister": a past-tense link makes the title a former one."""
    link = text[holder_end:title_start]
    if _APPOINTED.search(link):
        return None  # "was named finance minister", "who was appointed ...": a new holder
    if re.search(r"\b(?:was|had been|served as)\b", link):
        return "former"
    return None


_LATE = re.compile(r"(?<![A-Za-z])late $")
# A sentence with an attachment holds a registry title (a TITLE mention) or matches one of
# these: the index finds them in one scan of a long page, and checks skip the other sentences.
# Each comes with a gate, a cheap pattern that every match of it contains a match of (a page
# without one is not scanned with the costly pattern).
SIGNS = ((GENERIC, re.compile(_HEADS)),
         (PORTFOLIO, re.compile("minister|secretary", re.IGNORECASE)),
         (re.compile("late "), None))


def _late_people(text: str, lo: int, people: list[Mention]) -> list[Attachment]:
    """ "the late Shinzo Abe": a status said of a person with no title."""
    out = []
    for p in people:
        # a word ending in "late" ("congratulate Connolly") is no status
        if p.start >= 5 and text.startswith("late ", p.start - 5) \
                and _LATE.search(text[max(lo, p.start - 6):p.start]):
            out.append(Attachment(frozenset(), "", p.start, p.start, False, "late", p.target,
                                  p.start, p.end, p.near_miss))
    return out
