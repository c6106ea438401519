"""The binding step between extraction and verdict.

Extraction proposes candidates (a title beside a name, a date or place in a sentence about an
event, a number near the claim's cue words). Support may be loose, but a contradiction stands
only when the sentence binds the candidate to the claim: the title is attached to the person
(not across a headline or an unclosed apposition), the date or place modifies the claimed
event's own predicate and instance, the number counts the claimed measure of the claimed
subject at the claimed time. Each test returns None when the candidate is bound, or a short
phrase saying which binding failed; the checks record it (`ArticleIndex.reject`) so `explain`
can show it. One module per kind of candidate: `titles`, `events` (dates and places), `values`
(numbers, and the matches of `phrases` patterns).
"""

from verifier.checks.binding.events import (
    another_occurrence,
    date_binding,
    event_binding,
    fronted,
    time_zone,
)
from verifier.checks.binding.titles import headline
from verifier.checks.binding.values import phrase_binding, time_scope, value_binding

__all__ = ["another_occurrence", "date_binding", "event_binding", "fronted", "headline",
           "phrase_binding", "time_scope", "time_zone", "value_binding"]
