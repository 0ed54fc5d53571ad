"""What an author changed after a convenor returned their sighting with feedback.

The sighting's history (django-simple-history) holds a copy at each save: the copy from
when it was returned is compared with the one now under review, field by field, and
longer text is shown word by word, with what was added and what was taken out.
"""

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from sightings.models import Sighting, StatusChange

# What the author writes; status, times and the feedback itself are the review's own.
COMPARED = [
    "title",
    "summary",
    "story",
    "place",
    "date_observed",
    "setting",
    "connection",
    "direction",
    "source_url",
]
WORD_BY_WORD = {"title", "summary", "story", "place"}


@dataclass
class FieldChange:
    label: str
    before: object
    after: object
    words: str = ""  # the text with its additions and removals marked, as HTML


@dataclass
class SinceFeedback:
    feedback: str
    returned_at: object
    changes: list


def since_feedback(sighting):
    """The feedback of the last return and what changed since, or None if never returned."""
    if sighting.status != Sighting.Status.SUBMITTED:
        return None
    returned = (
        StatusChange.objects.filter(sighting=sighting, to_status=Sighting.Status.RETURNED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if returned is None:
        return None
    history = sighting.history.order_by("-history_date", "-history_id")
    then = history.filter(history_date__lte=returned.created_at).first()
    now = history.first()
    if then is None or now is None:
        return SinceFeedback(returned.note, returned.created_at, [])
    delta = now.diff_against(then, included_fields=COMPARED)
    return SinceFeedback(
        returned.note,
        returned.created_at,
        [describe(change) for change in sorted(delta.changes, key=field_order)],
    )


def field_order(change):
    return COMPARED.index(change.field)


def describe(change):
    field = Sighting._meta.get_field(change.field)
    before, after = shown(field, change.old), shown(field, change.new)
    words = marked_words(str(before), str(after)) if change.field in WORD_BY_WORD else ""
    return FieldChange(str(field.verbose_name).capitalize(), before, after, words)


def shown(field, value):
    if field.choices:
        return dict(field.flatchoices).get(value, value) or "—"
    return value if value not in (None, "") else "—"


def marked_words(before, after):
    """The new text, with added words in <ins> and removed words in <del>, escaped."""
    old, new = before.split(), after.split()
    pieces = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(escape(" ".join(new[b1:b2])))
            continue
        if op in {"delete", "replace"}:
            pieces.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if op in {"insert", "replace"}:
            pieces.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
    return mark_safe(" ".join(pieces))  # noqa: S308 - every piece of text is escaped above
