"""Binding of a figure to the whole the claim is about, not to a part of it: "data center
revenue of $51.2 billion" is a segment's revenue, not the company's; "Gaming: revenue was $4.3
billion" reports one item of a summary; "90% of total revenue" is a share, not a growth rate.

A qualifier the claim itself uses (its statement, property or cues name the segment) keeps the
figure bound: the same sentence contradicts a claim about that segment.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import ENTITY
from verifier.text.normalize import fold
from verifier.text.values import Value

# Qualifiers that do not narrow a measure to a part: "total revenue", "record sales".
GENERIC = frozenset(
    "total overall record reported quarterly annual consolidated group company companywide "
    "company-wide gaap headline whole entire all-time fresh new higher lower strong "
    "stronger weak weaker solid robust maximum max peak top sustained highest lowest final "
    "official".split())
# Words that make a measure a sum over several subjects or periods
AGGREGATE = frozenset("combined cumulative joint aggregate merged collective".split())
# "its cloud unit", "Nvidia's data center segment": a named part of an organisation, after a
# determiner or a possessive (or opening the sentence)
_PART_NOUN = re.compile(
    r"(?:^|\b(?:the|its|their|his|her|our|whose)\s+|'s\s+)((?:[A-Za-z][\w-]*\s+){1,2}?)"
    r"(segments?|units?|divisions?|business(?:es)?|arms?|subsidiar(?:y|ies))\b", re.IGNORECASE)
_NOT_A_NAME = frozenset("the a an its their our his her this that these those whose which each "
                        "every any one whole entire core main".split())
# "Gaming: revenue was ...": a summary item opened by its label
_ITEM_LABEL = re.compile(r"[-•*\s]*([A-Za-z][\w &/'-]{0,40}?)\s*:\s")
_WORD = re.compile(r"[A-Za-z][\w'-]*")


def _named(index: ArticleIndex, sentence: Sentence, lo: int, hi: int) -> bool:
    """Whether [lo, hi) lies inside a registry entity's mention (the subject, its owner)."""
    return any(m.category == ENTITY and m.start <= lo and hi <= m.end for m in sentence.mentions)


def _foreign(word: str, claim: Collection[str]) -> bool:
    w = fold(word).removesuffix("'s").removesuffix("'")
    return w not in claim and w.removesuffix("s") not in claim and w not in GENERIC


def part_binding(index: ArticleIndex, sentence: Sentence, value: Value,
                 claim: Collection[str], measure: Collection[str]) -> str | None:
    """Whether the figure is a part's: the sentence names a part of an organisation, the
    summary item's label, or a qualifier of the measure word, none of which the claim names.
    `claim`: the folded words of the claim's statement, property and cues; `measure`: its
    cue words. Period words ("third-quarter", "Q3") qualify nothing here (see `periods`)."""
    text = index.text
    for m in _PART_NOUN.finditer(text, sentence.start, value.start):
        words = m.group(1).split()
        if any(w.lower() in _NOT_A_NAME for w in words) \
                or _named(index, sentence, m.start(1), m.end(1)) or not _foreign(m.group(2), claim):
            continue
        if any(_foreign(w, claim) for w in words):
            part = f"{m.group(1)}{m.group(2)}"
            return f"'{value.text}' is said of '{part}', a part of the whole"
    item = _ITEM_LABEL.match(text, sentence.start, value.start)
    if item and not _named(index, sentence, item.start(1), item.end(1)) and any(
            _foreign(w, claim) and not _PERIODISH.search(w)
            for w in _WORD.findall(item.group(1))):
        return f"'{value.text}' is an item under the label '{item.group(1)}', not the whole"
    return _qualified(index, sentence, value, claim, measure)


_STOP = re.compile(r"[.,;:()\"]|\b(?:the|a|an|its|their|his|her|of|in|on|at|for|and|or|was|"
                   r"were|is|are|to|from|by|with|as|that|than|while|after|before|will|would|"
                   r"could|may|might|can|shall|should|must)\b",
                   re.IGNORECASE)
# Verbs that take the measure as object ("Nvidia posted revenue of ..."): not qualifiers.
_VERBS = frozenset(
    "said says say saw sees see posts post had has have reports report brought brings bring "
    "made makes make expects expect projects gave gives give books logs records delivers hit "
    "hits grew grows rose rises fell falls tops beat beats misses showed shows drove drives "
    "generates generated put puts lifted boosted topped missed".split())
# "adjusted revenue", "diluted earnings": participles that do name another measure
_KEEP_ED = frozenset({"adjusted", "diluted"}) | AGGREGATE


_DETERMINERS = frozenset("the a an its their his her our this that these those".split())


def _qualifiers(head: str) -> tuple[list[str], bool]:
    """The words right before a measure word that belong to its noun phrase (at most two),
    and whether a determiner or a possessive closes the phrase on the left ("a long-term
    inflation rate", "Nvidia's gaming revenue"), which makes lowercase words qualifiers too.
    A verb in -ing before a qualifier ends it ("lifting defence spending"; but "advertising
    revenue")."""
    words: list[str] = []
    for w in reversed(head.split()):
        bare = w.strip("\"'()[]").lower()
        if bare in _DETERMINERS or bare.endswith(("'s", "s'")):
            return words, True
        if _STOP.fullmatch(bare) or _STOP.search(w[-1:]) or len(words) == 2 \
                or (words and bare.endswith("ing")) \
                or bare in _VERBS or (bare.endswith("ed") and bare not in _KEEP_ED):
            break
        words.append(w.strip("\"'()[]"))
    return words, False


def _qualified(index: ArticleIndex, sentence: Sentence, value: Value,
               claim: Collection[str], measure: Collection[str]) -> str | None:
    """ "Data Center revenue of $51.2 billion", "Gaming revenue was $4.3 billion", "$500
    billion in combined revenue": the measure word nearest the figure carries a qualifier the
    claim does not use: a name (capitalised, not a registry entity), a word of aggregation, or
    any word of a noun phrase a determiner opens ("a long-term inflation rate"). Without one,
    a lowercase word may be a verb ("Japan faces tariffs of"), so it is not taken. A synonym
    the claim does not list ("its policy rate") is silent too: add it to the claim's cues."""
    text = index.text
    lo = max(sentence.start, value.start - 80)
    hi = min(sentence.end, value.end + 60)
    for m in _measure_words(text, lo, hi, measure, value)[:1]:
        start = value.end if m >= value.end else lo  # "60 seats": the figure is no qualifier
        words, closed = _qualifiers(text[max(start, m - 40):m])
        for w in words:
            at = text.rfind(w, lo, m)
            if any(ch.isdigit() for ch in w) or _PERIODISH.search(w) \
                    or _named(index, sentence, at, at + len(w)):
                continue
            if _foreign(w, claim) and (closed or w[:1].isupper() or fold(w) in AGGREGATE):
                return f"'{value.text}' is the figure of '{w} {text[m:].split()[0]}', " \
                       "a qualified part of the claimed measure"
    return None



_PERIODISH = re.compile(r"(?i)quarter|year|half|fiscal|annual|month|week|^(?:Q[1-4]|H[12]|FY)$")


def _measure_words(text: str, lo: int, hi: int, measure: Collection[str],
                   value: Value) -> list[int]:
    """Offsets of the claim's measure words in [lo, hi), nearest the figure first."""
    found = []
    for m in _WORD.finditer(text, lo, hi):
        w = fold(m.group())
        if w in measure or w.removesuffix("s") in measure:
            found.append(m.start())
    return sorted(found, key=lambda at: min(abs(at - value.start), abs(at - value.end)))


# "nearly 90% of total revenue", "61% of its sales": a share of a whole
_SHARE = re.compile(r"\s*(?:of|of\s+(?:the|its|their|total|all|overall)(?:\s+\w+)?)\s+[a-z]",
                    re.IGNORECASE)
_CLAIMS_SHARE = re.compile(r"(?:%|\bper\s?cent|\bshare)\s+of\b|\bshare\b", re.IGNORECASE)


def share_binding(index: ArticleIndex, sentence: Sentence, value: Value,
                  wording: str) -> str | None:
    """ "90% of total revenue" is a share; it contradicts only a claim about a share."""
    if value.kind != "percent" or _CLAIMS_SHARE.search(wording):
        return None
    if _SHARE.match(index.text, value.end, sentence.end):
        return f"'{value.text}' is a share of a whole, which the claim is not about"
    return None
