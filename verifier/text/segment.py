"""Sentences of a normalised article, with offsets, paragraph index and a boilerplate flag.

Lines come first (each line is a paragraph, except hard-wrapped blocks), then sentences inside a
paragraph. A sentence broken across paragraphs is joined again when its first part cannot end
an English sentence ("Trump met with the new.\\n\\nJapanese Prime Minister ...") or stops without
punctuation before a paragraph that starts in lowercase ("... Japan,\\n\\nbut for the ...").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from verifier.text.boilerplate import Line, classify

__all__ = ["Segment", "clauses", "segment"]


class Segment(NamedTuple):
    """A sentence (or a boilerplate line): [start, end) in the normalised text (a named tuple: a
    page may hold half a million, and a frozen dataclass is three times slower to make)."""

    start: int
    end: int
    paragraph: int
    boilerplate: bool = False
    reason: str = ""  # the boilerplate rule that fired, "" for content


# Candidate ends: a run of . ! ? (closing quotes/brackets included) before a capital, digit or
# opening quote. The lookbehind starts a match only at a run's first mark, keeping it linear.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
# '"... stronger." Trump said' is one sentence: a quote followed by its attribution.
_ATTRIBUTION = re.compile(
    r"\s+(?:[A-Z][\w'.-]*\s+){0,3}(?:said|says|added|asked|told|wrote|stated|noted|explained|"
    r"declared|insisted|replied|continued|argued|warned|recalled)\b")
_TITLES = frozenset("mr mrs ms dr prof st gen sen rep gov lt col sgt capt adm maj cmdr rev hon "
                    "pres supt insp fr messrs mt ft".split())
_BEFORE_DIGIT = frozenset("no nos vol fig pp p art sec ch jan feb mar apr jun jul aug sep sept oct "
                          "nov dec".split())
_NEVER = frozenset("e.g i.e vs v cf approx ca viz".split())
# Abbreviations that may also end a sentence ("in the U.S. The talks ..."): a boundary only
# before a word that typically opens a sentence.
_AMBIGUOUS = frozenset("inc corp co ltd jr sr etc bros plc llc".split())
_OPENERS = frozenset("the he she it they we i this that these those but and however in on at a an "
                     "its his her their our meanwhile after before when while as if there so yet "
                     "for what who why how since although though still also both some many most"
                     .split())
_WRAP_BREAK = re.compile(r"[-*•>] |#|\d{1,3}[.)] +\S")  # a list item or heading opens here
_TERMINAL = re.compile(r"[.!?:;][\"')\]]*$")
_DATELINE = re.compile(r"\d.*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|"
                       r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d|"
                       r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b.*\d")


_FIRST_WORD = re.compile(r"\s*(\S+)")


def _is_boundary(text: str, m: re.Match[str], start: int) -> bool:
    marks, at, end = m.group(), m.start(), m.end()
    if marks[-1] in "\"'" and _ATTRIBUTION.match(text, end):
        return False
    if marks[0] != "." or len(marks.rstrip("\"')]")) > 1:
        return True
    if at - start <= 3 and text[start:at].isdigit():  # "1. A new fund ..."
        return False
    # the words on either side, each within a short window (a page of abbreviations asks this
    # a million times: no list of every word around)
    before = text[max(start, at - 24):at].rsplit(None, 1)
    word = before[-1].lstrip("\"'([").lower() if before else ""
    if word in _TITLES or word in _NEVER:
        return False
    nxt = _FIRST_WORD.match(text, end, end + 40)
    following = nxt.group(1).lstrip("\"'([") if nxt else ""
    if word in _BEFORE_DIGIT:
        return not following[:1].isdigit()
    if len(word) == 1 and word.isalpha():  # an initial: "Donald J. Trump"
        return not following[:1].isupper()
    if "." in word or word in _AMBIGUOUS:  # "U.S.", "a.m.", "Inc."
        return following.lower() in _OPENERS
    return True


# Machine-made summaries glue items together: "... $4.3 bln.Gaming: ..." (no space after the
# period), "... $57.01 billion [3] - Data Center ..." (a footnote marker, then the next item).
_GLUED = re.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z]{2})|(?<=\[\d\])(?=\s+[-•]?\s*[A-Z$])"
                    r"|(?<=\[\d\d\])(?=\s+[-•]?\s*[A-Z$])")
# A run of items on one line, each opened by a spaced dash or bullet (normalised text has
# only '-'): "Key points - Revenue rose - Gaming fell - Margins held". Three or more make a
# list; one or two are prose dashes ("Velden - the new prime minister - met Greer").
_ITEM = re.compile(r"\s[-•]\s+(?=[A-Z0-9$])")
_ITEMS_IN_A_RUN = 3


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Where sentences end: boundaries, glued items, and the items of a dash-separated run."""
    cuts = {m.end() for m in _BOUNDARY.finditer(text, start, end) if _is_boundary(text, m, start)}
    cuts.update(m.end() for m in _GLUED.finditer(text, start, end))
    items = [m.start() for m in _ITEM.finditer(text, start, end)]
    if len(items) >= _ITEMS_IN_A_RUN:
        cuts.update(items)
    return sorted(c for c in cuts if start < c < end)


# Every cut above needs one of these characters: a paragraph without any (a short line, most
# list items) is one sentence, found without running the three scans.
_MAY_CUT = re.compile(r"[.!?\]\-•]")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_SENTENCE and _MAY_CUT.search(text, start, end) is None:
        return [_strip(text, start, end)] if text[start:end].strip() else []
    spans = []
    cut = start
    for at in _cuts(text, start, end):
        spans.append((cut, at))
        cut = at
    spans.append((cut, end))
    return [_strip(text, s, e) for lo, hi in spans for s, e in _pieces(text, lo, hi)
            if text[s:e].strip()]


# Longer than any sentence of prose: a run of text without a boundary (a keyword list, a page
# with no punctuation) is cut into pieces of about this size at white space, so the work on one
# sentence (which compares its mentions pairwise) stays bounded and a page takes linear time.
MAX_SENTENCE = 2000


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


# Words after which an English sentence cannot stop: articles, determiners, possessives,
# prepositions that are never particles, and conjunctions. "her" is left out (also an object).
_CANNOT_END = frozenset("the a an every whose my your his its our their of at from into onto "
                        "between among amid during toward towards against via per than despite "
                        "including regarding and or nor because although whereas whether unless"
                        .split())
# "the new." cannot end a sentence either: article + an adjective that needs its noun.
_NEEDS_NOUN = frozenset("new newly incoming outgoing current acting interim late recent upcoming "
                        "so-called very most".split())
_FILLERS = frozenset("um uh er erm uhm ah hmm mm".split())


def _bare_word(word: str) -> str:
    return word.strip(".,;:!?\"'()[]").lower()


def _continues(prev: str, nxt: str) -> bool:
    """Whether `nxt` (the next paragraph's first sentence) continues the sentence `prev`."""
    if prev.startswith("#") or nxt.startswith("#"):
        return False
    tail = prev[-60:].rstrip()
    bare = tail.rstrip("\"')]")
    ended = bare[-1:] in (".", "!", "?", ":", ";")
    if bare.endswith(".") or not ended:
        words = tail.split()  # read from the end: only the last two words (past fillers) count
        last = ""
        while words and not last:
            last = _bare_word(words.pop())
            last = "" if last in _FILLERS else last
        if last in _CANNOT_END:
            return True
        if words and _bare_word(words[-1]) in ("the", "a", "an") and last in _NEEDS_NOUN:
            return True
    # an unfinished line (no closing mark, or a trailing comma) runs on into lower case or a
    # number ("on July 8,\n2022.")
    return not ended and (nxt[:1].islower() or (nxt[:1].isdigit() and bare.endswith(",")))


# Short words a Title Case headline leaves in lowercase.
_MINOR = frozenset("a an the and or but nor of in on at to for by with from as vs via per into "
                   "over up off out amid after".split())


def _titled(line: str) -> bool:
    """Title Case: 3+ words, each capitalised or a minor word ("Key Issues in US-Japan Relations").
    A name-dense sentence still has a lowercase verb ("Trump met Japan's new Prime Minister")."""
    words = line.split()
    return len(words) >= 3 and all(
        w[0].isupper() or not w[0].isalpha() or w.lower() in _MINOR for w in words)


def _ends_sentence(line: str, opener: str) -> bool:
    """Closing punctuation that is not an abbreviation's period ("on Oct.\n28")."""
    if not _TERMINAL.search(line, max(0, len(line) - 8)):
        return False
    word = line.split()[-1].lower()
    if not word.endswith("."):
        return True
    word = word[:-1].lstrip("\"'([")
    if word in _BEFORE_DIGIT:
        return not opener[:1].isdigit()
    return word not in _TITLES and word not in _NEVER and not (len(word) == 1 and word.isalpha())


def _heading(line: str, following: str) -> bool:
    """Whether `line` stands alone rather than run on into `following`: before a list item
    (unless "Oct.\n28." is a date), markdown headings, finished sentences, headlines,
    datelines, long Title Case headlines, and short capitalised lines before a sentence opener
    ("Conclusion\nThe meeting ..."; but "Former Prime Minister Shinzo\nAbe, who ..." runs on)."""
    words = line.split()
    opener = following.split(None, 1)[0].lower() if following.strip() else ""
    first = following.lstrip()[:1]
    item = bool(_WRAP_BREAK.match(following)) and not (
        opener[:1].isdigit() and line.split()[-1].lower().rstrip(".") in _BEFORE_DIGIT)
    titled = _titled(line)  # short Title Case lines may be a name cut off mid-sentence
    capitalised = titled or (len(words) <= 3 and all(w[0].isupper() for w in words))
    return item or line.startswith("#") or _ends_sentence(line, opener) \
        or (titled and len(words) >= 6) or (capitalised and opener in _OPENERS) \
        or (len(line) <= 60 and bool(_DATELINE.search(line))
            and not (first.isdigit() or first.islower()))  # "on 8 July\n2022." runs on


def _paragraphs(text: str, lines: list[Line]) -> list[Line]:
    """Lines, with a line merged into the previous one when a lone line break falls inside a
    sentence ("Japan pledged\n$550 billion", hard-wrapped text), unless the previous line
    stands alone (see `_heading`)."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        if last and not last.reason and not line.reason \
                and text.count("\n", last.end, line.start) == 1 \
                and not _heading(text[last.start:last.end], text[line.start:line.start + 20]):
            out[-1] = Line(last.start, line.end)
        else:
            out.append(line)
    return out


def segment(text: str) -> list[Segment]:
    """Sentences and boilerplate lines of normalised `text`, in order, never overlapping."""
    out: list[Segment] = []
    previous_end = -1  # end of the previous paragraph when it was content
    for index, para in enumerate(_paragraphs(text, classify(text))):
        if para.reason:
            out.append(Segment(para.start, para.end, index, True, para.reason))
            previous_end = -1
            continue
        for k, (start, end) in enumerate(_sentences(text, para.start, para.end)):
            last = out[-1] if out else None
            if k == 0 and last and last.end == previous_end \
                    and end - last.start <= MAX_SENTENCE \
                    and _continues(text[last.start:last.end], text[start:end]):
                out[-1] = Segment(last.start, end, last.paragraph)
            else:
                out.append(Segment(start, end, index))
        previous_end = para.end
    return out


_CLAUSE = re.compile(r",(?!\d)|;|:(?!\d)|(?<=\s)--?(?=\s)|[()]"
                     r"|\s(?=(?:[Ww]hile|[Bb]ut|[Ww]hereas|[Aa]lthough|[Tt]hough)\b)")


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence, relative to it: split on , ; : dashes and parentheses, and
    before "while", "but", "whereas", "although", "though" (cheap attribution scope)."""
    found = []
    cut = 0
    for m in [*_CLAUSE.finditer(sentence), None]:
        end = len(sentence) if m is None else m.start()
        piece = sentence[cut:end]
        stripped = piece.strip()  # each piece sliced once (this runs per judged sentence)
        if stripped:
            lead = cut + len(piece) - len(piece.lstrip())
            found.append((lead, lead + len(stripped)))
        cut = end if m is None else m.end()
    return found or [(0, len(sentence))]
