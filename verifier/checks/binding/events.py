"""Binding of dates and places to an event: the date or place must modify the claimed event's
own predicate or noun, in this occurrence of the event, at the time the sentence speaks of."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from verifier.engine.index import ArticleIndex, Sentence
from verifier.engine.registry import folded
from verifier.text.normalize import fold
from verifier.text.values import Value

if TYPE_CHECKING:
    from verifier.checks.events import EventMention

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

# --- what kind of date it is -------------------------------------------------------------------

# A date between a determiner (or a possessive) and a noun names which thing is meant ("the 2026
# peace prize", "the 2021 election", "the board's Jan. 16 decision", "its Monday closing price").
_DETERMINER = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that|our)|'s)\s+$",
                         re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+[A-Za-z]")
# Dates that start a span, set a deadline, or are no particular day.
_SPAN = re.compile(r"\b(?:since|from|until|till|through|between|by|before|after|ahead of|"
                   r"than in|than)\s+(?:early\s+|late\s+|mid-?\s*)?$", re.IGNORECASE)
_ANY_DAY = re.compile(r"\b(?:a|every|each|any|one)\s+$", re.IGNORECASE)
# A stamp, not prose: a numeric date opening a line or page ("2025-10-25 First counts ...",
# "1/19/2026 Rail firms praised ..."), or one set between bullets or bars ("by The editor •
# 30 July 2025 • Posted in ...").
_NUMERIC = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_STAMP_OPENER = re.compile(r"\s*(?:date|published|updated|posted|last updated)?\s*:?\s*$",
                           re.IGNORECASE)
_SEPARATOR = re.compile(r"[•·|]|\s/\s*(?:By|Posted|Updated)\b")


def _stamp(index: ArticleIndex, sentence: Sentence, value: Value) -> str | None:
    around = index.text[max(sentence.start, value.start - 3):value.end + 12]
    if _SEPARATOR.search(around):
        return f"'{value.text}' stands between separators, a byline or page stamp"
    opener = index.text[sentence.start:value.start]
    if _NUMERIC.fullmatch(value.text) and _STAMP_OPENER.fullmatch(opener):
        return f"'{value.text}' opens the text as a stamp, not as part of a sentence"
    return None


def date_kind(index: ArticleIndex, sentence: Sentence, value: Value) -> str | None:
    """Why a date found in the sentence cannot be the day an event happened, or None."""
    if stamp := _stamp(index, sentence, value):
        return stamp
    before = index.text[max(sentence.start, value.start - 12):value.start]
    if _ACCOUNTING.search(before):
        return f"'{before.split()[-1]} {value.text}' names an accounting period, not a day"
    if _SINCE_NAME.search(index.text[max(sentence.start, value.start - 50):value.start]):
        return f"'{value.text}' dates an earlier instance named for comparison ('since ...')"
    if _SPAN.search(before):
        return f"'{value.text}' bounds a span or a deadline ('{before.split()[-1]} ...')"
    if _ANY_DAY.search(before) and value.date is not None and value.date.weekday is not None:
        return f"'{value.text}' is no particular day"
    if _DETERMINER.search(before) and _NOUN_AFTER.match(index.text, value.end):
        noun = _WORD.match(index.text, value.end + 1)
        word = noun.group() if noun else "the noun after it"
        return f"'{value.text}' names which '{word}' is meant, not when the event happened"
    if re.fullmatch(r"\d{4}", value.text) and _QUALIFIED.search(
            index.text, max(sentence.start, value.start - 40), value.start):
        noun = _WORD.match(index.text, value.end + 1)
        if noun and index.text[value.end:value.end + 1] == " " and noun.group()[:1].islower() \
                and noun.group().lower() not in _LINKING:
            return f"'{value.text}' names which '{noun.group()}' is meant (a year before its " \
                   "noun), not when the event happened"
    return None


# "his controversial 2026 budget plan": a year between a determiner and adjectives, and a noun
_QUALIFIED = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that|our)|'s)\s+"
                        r"(?:(?!(?:on|in|at|of|for|by|to|from|since|until|and|or|was|were|is|"
                        r"are|held|took|met|said)\b)[a-z-]+\s+){1,2}$", re.IGNORECASE)
_LINKING = frozenset("in on at of for by to and or as was were is are when after before with "
                     "from until since while".split())


# "fiscal 2026", "FY 2026", "financial year 2025": a company's or a state's accounting year,
# which need not be the calendar year and is not when the event happened
_ACCOUNTING = re.compile(r"\b(?:fiscal|financial|FY|tax|budget)(?:[-\s]+year)?[-\s]+$",
                         re.IGNORECASE)


# --- which predicate the date or place belongs to --------------------------------------------

# Words before an event noun that make it another occurrence ("her predecessor's summit",
# "the previous election", "the 47th summit", "the 2011 election").
_OTHER_OCCURRENCE = re.compile(
    r"(?:'s(?=\s)|\b(?i:previous|prior|last|earlier|next|another|former|first|second|third|past|"
    r"upcoming|future|\d+(?:st|nd|rd|th)|1[89]\d\d|20\d\d|(?:in|of|than|for)\s+an?|any|every|each)|\))\s+"
    r"(?:[A-Za-z-]+\s+){0,2}$",
)
# A predicate between a date and the event word it precedes takes the date ("arrived on Monday
# to meet ...", "announced on Sunday that she would withdraw from the election").
_INFINITIVE = re.compile(r"\bto\s+(?:(?!the\b|a\b|an\b)[a-z]+\b|$)")
# A journey before the infinitive: "arrived in Tokyo on Monday to meet" (the day of arrival);
# "voted on 2 January to approve" dates the act itself
# "are set to meet", "is due to sign": the future of the trigger itself, not another predicate
_FUTURE_HEAD = re.compile(r"\b(?:set|due|scheduled|slated|expected|going|poised|planning|plan|"
                          r"plans|planned|hoping|hope|hopes|likely|about|ready)\s+$",
                          re.IGNORECASE)
_JOURNEY = re.compile(
    r"\b(?:arriv\w*|fl(?:y|ies|ew|own|ying)|travel\w*|c(?:ome|omes|ame|oming)|w(?:ent|ill go)|"
    r"head(?:s|ed|ing)?|left|leav\w+|return\w*|land\w*|depart\w*|set off|sail\w*|dr(?:ove|ive)|"
    r"journey\w*|stopp?\w*|touch\w* down|due)\b", re.IGNORECASE)
_PAST = re.compile(r"\b[a-z]{3,}ed\b")
_CLAUSE = re.compile(r"(?:^|[\s,])(?:that|which|who|whose|whom|where|when|because|while)\b")
# A verb of phase governing the event noun: "ended his visit on Wednesday" dates the end
_PHASE = re.compile(
    r"\b(end|ends|ended|ending|began|begin|begins|beginning|start|started|starts|starting|"
    r"wrapped up|wraps up|wrapping up|concluded|concludes|finished|finishes|closed|closes|"
    r"cut short|extended|extends|resumed|resumes|opened|opens|kicked off|kicks off|left|"
    r"postponed|delayed|cancelled|canceled|rescheduled|moved)\s+(?:his|her|their|its|the|a|"
    r"this|that)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# The event noun inside another noun's phrase: "the ruling on nominations for the election took
# place on Wednesday" dates the ruling.
_EMBEDDED = re.compile(r"\b(?:for|of|on|about|ahead of|over|from)\s+(?:the\s+|this\s+|a\s+|its\s+)?"
                       r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _before_trigger(between: str, lead: str, trigger_text: str, triggers: frozenset[str],
                    what: str, is_date: bool) -> str | None:
    """A date or place before the event word, with another predicate between them. A place
    before "to meet" is where the meeting is ("travelled to Washington to meet"); a date is
    the journey's."""
    embedded = _EMBEDDED.search(between) is not None  # "to withdraw from the election"
    infinitive = _INFINITIVE.search(between)
    future = infinitive is not None and _FUTURE_HEAD.search(between[:infinitive.start()])
    if is_date and infinitive and not future and (_JOURNEY.search(lead) or embedded):
        verb = infinitive.group().strip() if infinitive.group().strip() != "to" \
            else f"to {trigger_text}"
        return f"'{what}' attaches to the verb before '{verb}', not to '{trigger_text}'"
    verbs = [v for v in _PAST.findall(between) if fold(v) not in triggers]
    if verbs:
        return f"'{what}' attaches to '{verbs[0]}', not to '{trigger_text}'"
    if _CLAUSE.search(between):
        return f"'{what}' stands in another clause than '{trigger_text}'"
    return None


# "the election ... follows the death of Francis on April 21": a nominal event between the
# trigger and the date is nearer to it and takes it
_EVENT_NOUN = re.compile(r"\b(?:the|a|an|his|her|its|their)\s+(?:[a-z]+\s+)?(death|funeral|burial|"
                         r"resignation|arrival|departure|announcement|attack|birth|wedding|"
                         r"retirement|inauguration|coronation|accident|collapse|assassination|"
                         r"killing|murder|arrest|release|launch|opening|closure|signing|"
                         r"ceremony|anniversary)\b", re.IGNORECASE)


# "met the Emperor shortly after his arrival on Sunday": the event at the other one's time
_TIGHT = re.compile(r"\b(?:(?:shortly|just|soon|right|immediately)\s+after|upon|on|at)\s+$",
                    re.IGNORECASE)


# A photo caption ("Cordon tape is seen ... on January 11, 2025 in Altadena"): its date is the
# picture's
_CAPTION = re.compile(r"\b(?:is|are)\s+(?:seen|pictured|shown)\b|\bpictured\b", re.IGNORECASE)
# Verbs that say an event took place: between the event's name and a date they keep the date
# the event's ("the final, played on Saturday"); any other verb takes it ("the fire grew to
# 17,234 acres late Wednesday", "still burning ... Sunday morning")
_OCCURRENCE = frozenset(
    "held hosted happened occurred began begun started opened erupted broke struck hit staged "
    "convened played fought contested called scheduled planned slated set due expected "
    "organised organized launched tied took place came".split())
# a finite verb: a past form not after a determiner ("the scorched museum" is an adjective),
# or a form in -ing after an auxiliary ("is still burning"; "quantitative tightening" is a noun)
_VERB_FORM = re.compile(
    r"(?<!\bthe )(?<!\ba )(?<!\ban )\b(?:[a-z]{3,}ed|grew|spread|burnt|rose|fell|ran|went|kept|"
    r"left|saw|made|took|came|hit|struck|broke)\b|\b(?:is|are|was|were|been|still)\s+"
    r"(?:still\s+)?([a-z]{3,}ing)\b")
# "opened to traffic on 21 March", "returned to power in 2024": 'to' with a noun, not a verb
_PREPOSITION_NEXT = re.compile(r"\s*(?:[,.;:]|$|(?:on|in|at|for|from|by|with|of|to|into|after|"
                               r"before|during|since|until|near|over|under|across|between)\b)")


def _verb_between(text: str, triggers: frozenset[str]) -> str | None:
    """A verb between the event's name and the date that is neither the event's own nor one
    that says it took place ("grew to 17,234 acres", "burning in the county", "was fully
    contained on"): the date is that verb's. A verb with "off" ("blasted off on Sunday",
    "kicked off") says the event started: the date stays the event's."""
    for found in _VERB_FORM.finditer(text):
        verb = found.group(1) or found.group()
        if fold(verb) in triggers or verb in _OCCURRENCE \
                or re.match(r"\s+off\b", text[found.end():]) or _ATTRIBUTIVE.search(
                    text[:found.start()]) or re.match(r"\s+[A-Z]", text[found.end():]):
            continue  # "Japan's newly appointed Prime Minister": an adjective, not a verb
        return verb
    return None


_ATTRIBUTIVE = re.compile(r"(?:'s|\b(?:the|a|an|his|her|its|their|our|this|that))\s+"
                          r"(?:[a-z]+ly\s+)?$", re.IGNORECASE)


def _after_trigger(index: ArticleIndex, sentence: Sentence, trigger_start: int,
                   trigger_text: str, triggers: frozenset[str], at: int, what: str,
                   is_date: bool) -> str | None:
    before = index.text[max(sentence.start, trigger_start - 40):trigger_start]
    if is_date and (caption := _CAPTION.search(sentence.text)):
        return f"'{what}' dates a photo caption ('{caption.group()}'), not the event"
    gap = index.text[trigger_start + len(trigger_text):at]
    infinitive = _INFINITIVE.search(gap)
    if infinitive and infinitive.group().strip() != "to" \
            and fold(infinitive.group().split()[-1]) not in triggers \
            and not _PREPOSITION_NEXT.match(gap, infinitive.end()):
        # "awarded the prize to her for her efforts to advance democracy in Venezuela"
        return f"'{what}' attaches to '{infinitive.group().strip()}', not to '{trigger_text}'"
    if is_date and (verb := _verb_between(gap, triggers)):
        return f"'{what}' attaches to '{verb}', not to '{trigger_text}'"
    if is_date and not gap.strip() and fold(trigger_text) not in triggers:
        return f"'{what}' follows the name '{trigger_text}' with no 'on': it dates the " \
               "sentence's verb, not the event"
    if is_date and (phase := _PHASE.search(before)):
        return (f"'{what}' dates '{phase.group(1)} ... {trigger_text}', a phase of the event, "
                "not the event")
    if is_date and _EMBEDDED.search(before):
        return f"'{trigger_text}' is part of another noun's phrase, which '{what}' dates"
    if _CLAUSE.search(index.text[trigger_start:at]):
        return f"'{what}' stands in a clause after '{trigger_text}' with its own subject"
    other = _EVENT_NOUN.search(index.text, trigger_start + len(trigger_text), at)
    if is_date and other and fold(other.group(1)) not in triggers \
            and not _TIGHT.search(index.text, trigger_start, other.start()):
        return f"'{what}' dates '{other.group(1)}', another event named between, not " \
               f"'{trigger_text}'"
    # the nearest event word before the date or place governs it
    governor = _nearest_trigger(sentence, triggers, trigger_start, at)
    if governor is not None and _another(index, sentence, governor[0]):
        word = index.text[governor[0]:governor[1]]
        return f"'{what}' belongs to another occurrence ('... {word}'), not to this one"
    return None


def event_attachment(index: ArticleIndex, sentence: Sentence, trigger_start: int,
                     trigger_text: str, triggers: frozenset[str], at: int, what: str,
                     is_date: bool) -> str | None:
    """Whether a date or place at `at` modifies the event's own trigger."""
    if at < trigger_start:
        lead = index.text[max(sentence.start, at - 40):at]
        return _before_trigger(index.text[at:trigger_start], lead, trigger_text, triggers, what,
                               is_date)
    return _after_trigger(index, sentence, trigger_start, trigger_text, triggers, at, what,
                          is_date)


def another_occurrence(index: ArticleIndex, sentence: Sentence, at: int) -> bool:
    """Whether the event word at `at` is marked as another occurrence (see `_another`)."""
    return _another(index, sentence, at)


# A repeat of an earlier occurrence, and the word that links it to that occurrence: "a rematch
# of last year's final", "revenge after their final in Paris"
_REMATCH = re.compile(r"\b(?:rematch|rematches|repeat|revenge|reprise|return match)\b[^.;]{0,30}?"
                      r"\b(?:after|of|since|following|from|for)\s+(?:[A-Za-z'-]+\s+){0,3}$",
                      re.IGNORECASE)


def _another(index: ArticleIndex, sentence: Sentence, at: int) -> bool:
    """Whether the event word at `at` is marked as another occurrence: "the previous talks",
    "her predecessor's summit", "the 47th ASEAN summit" (a name's possessive, "Japan's", is
    not)."""
    before = index.text[max(sentence.start, at - 40):at]
    if _REMATCH.search(index.text, max(sentence.start, at - 80), at):
        return True  # "their rematch after their gripping final in Paris": the earlier one
    found = _OTHER_OCCURRENCE.search(before)
    if found is None:
        return False
    if not found.group().startswith("'s"):
        return True
    owner = re.search(r"([A-Za-z]+)$", before[:found.start()])
    return owner is not None and owner.group(1).islower()


def _nearest_trigger(sentence: Sentence, triggers: frozenset[str], lo: int, at: int
                     ) -> tuple[int, int] | None:
    best = None
    for m in sentence.mentions:
        if m.target in triggers and lo <= m.start and m.end <= at:
            best = (m.start, m.end)
    return best


def event_binding(index: ArticleIndex, mention: EventMention, at: int, end: int
                  ) -> str | None:
    """Whether the date or place at [at, end) is bound to this mention of the event."""
    trigger = mention.trigger
    what = index.text[at:end]
    if trigger is None:
        return None
    if trigger.target == mention.event and trigger.start <= at and end <= trigger.end:
        # "the Japan-US summit": a name the registry gives the event; its places may name the
        # parties rather than the venue, so they can support but never contradict
        return f"'{what}' is part of the event's name '{trigger.text}', not where it happened"
    if "-" in (index.text[trigger.start - 1], index.text[trigger.end:trigger.end + 1]):
        return f"'{trigger.text}' is part of a compound word, not the event"
    if why := _other_subject(index, mention):
        return why
    if why := _other_party(index, mention):
        return why
    if _REFERENCE.search(index.text[max(mention.sentence.start, trigger.start - 16):trigger.start]):
        return f"'{trigger.text}' is named for comparison ('since', 'than'), not as this event"
    triggers = folded(index.registry.entities[mention.event].triggers)
    is_date = any(v.start == at and v.is_date for v in index.values(mention.sentence))
    return event_attachment(index, mention.sentence, trigger.start, trigger.text, triggers,
                            at, what, is_date)


# "the union (SMART) and Union Pacific announced the deal": a party joined to a participant
_CO_SUBJECT = re.compile(r"(?:[\w&.'-]+|\))\s+and\s+$")


def _other_party(index: ArticleIndex, mention: EventMention) -> str | None:
    """The trigger's subject pairs a participant with a party that is none: another event
    ("X and Union Pacific announced the deal" when the deal is Union Pacific's with Norfolk)."""
    participants = set(index.registry.entities[mention.event].participants)
    trigger = mention.trigger
    sentence = mention.sentence
    if trigger is None or len(participants) < 2 or participants <= sentence.entities():
        return None
    subject = [m for m in sentence.mentions if m.end <= trigger.start and m.target in participants
               and re.fullmatch(r"\s*(?:\w+\s+)?", index.text[m.end:trigger.start])]
    if not subject:
        return None
    first = subject[-1]
    if _CO_SUBJECT.search(index.text, max(sentence.start, first.start - 40), first.start):
        return f"'{index.text[first.start:first.end]}' shares the subject with a party that is " \
            "not the event's: another event"
    return None


# "the most watched since Game 7 in 2017": an earlier occurrence named for comparison
_REFERENCE = re.compile(r"\b(?:since|than|unlike|like)\s+(?:the\s+|a\s+|its\s+)?$", re.IGNORECASE)
# "the first defender since Maldini in 1994 to score in a final": a year after "since NAME
# in" dates the earlier instance the comparison names
_SINCE_NAME = re.compile(r"\bsince\s+(?:[A-Z][\w'.-]*\s+){1,3}(?:in|at)\s+$")
# "Dorian, which struck the Bahamas in 2019": a relative clause whose subject is another name
_RELATIVE = re.compile(r"\b([A-Z][\w-]*)\s*,\s*(?:which|who|that)\s+(?:[a-z]+\s+){0,2}$")


def _other_subject(index: ArticleIndex, mention: EventMention) -> str | None:
    trigger = mention.trigger
    if trigger is None:
        return None
    lo = mention.sentence.start
    found = _RELATIVE.search(index.text, max(lo, trigger.start - 60), trigger.start)
    if found is None:
        return None
    participants = set(index.registry.entities[mention.event].participants)
    named = {m.target for m in mention.sentence.mentions
             if m.start < found.end(1) and found.start(1) < m.end}
    if named & participants:
        return None
    return f"the subject of '{trigger.text}' is '{found.group(1)}', not a participant"


def date_binding(index: ArticleIndex, mention: EventMention, value: Value) -> str | None:
    """Whether a date that disagrees with the claim is this occurrence's date at all."""
    return date_kind(index, mention.sentence, value) or _undated_weekday(index, mention, value) \
        or event_binding(index, mention, value.start, value.end)


def _undated_weekday(index: ArticleIndex, mention: EventMention, value: Value) -> str | None:
    """A weekday in an undated text is checked against the claimed day only when the sentence
    names a participant: the event's name alone ("Wednesday's Game 7") may be another year's."""
    date = value.date
    if index.published is not None or date is None or date.first is not None:
        return None
    participants = set(index.registry.entities[mention.event].participants)
    if participants & mention.sentence.entities():
        return None
    return (f"'{value.text}' is a weekday in an undated text that names no participant: "
            "which week it is cannot be told")


# "On Monday evening, the two leaders met": a date that is the whole opening clause (with at
# most "on", "late on", "early on") dates the predicate of the clause right after it.
_FRONT_LEAD = re.compile(r"(?:(?:late|early)\s+(?:on\s+)?|on\s+)?$", re.IGNORECASE)
# "Monday evening U.S. time", "(local time)": a day in another time zone may be the claimed
# day elsewhere; a contradiction needs the zone the claim is written in, so it stays silent.
_ZONE = re.compile(r"\s*\(?(?:[A-Za-z.]+\s+){0,2}time\b|\s*\(?\b(?:[ECMP][SD]?T|GMT|UTC|JST|KST"
                   r"|BST|CET)\b")
# "On Monday, Greer said he met Velden": the fronted day is the saying's, not the meeting's
_REPORTING = re.compile(r"\b(?:said|says|told|tells|announced|added|reported|confirmed|noted|"
                        r"stated|recalled|claimed|insisted|explained|wrote|revealed|disclosed|"
                        r"denied|admitted|acknowledged|that)\b")


def fronted(sentence: Sentence, text: str, start: int, end: int,
            clause: tuple[int, int]) -> bool:
    """Whether the date at [start, end) is the sentence's opening clause and `clause` (the
    trigger's) comes right after it."""
    clauses = sentence.clauses
    if len(clauses) < 2 or clauses[1] != clause or not clauses[0][0] <= start < clauses[0][1]:
        return False
    lead = text[clauses[0][0]:start]
    return bool(_FRONT_LEAD.fullmatch(lead)) and not text[end:clauses[0][1]].strip() \
        and not _REPORTING.search(text, clause[0], clause[1])


def time_zone(text: str, value: Value, end: int) -> str | None:
    """A day named in a time zone ("Monday night Washington time") is not bound to the claim's
    calendar day."""
    if _ZONE.match(text, value.end, end):
        return f"'{value.text}' is given in a time zone, which may shift the day"
    return None
