"""Everything the Observatory holds about one person, as one JSON document.

Streamed section by section and sighting by sighting, so that someone with thousands
of sightings gets their file without the server holding it all at once. A new kind of
thing a person can write belongs in SECTIONS, so that the download stays complete.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder

from accounts.models import Follow, Preferences
from accounts.names import public_name
from accounts.roles import is_convenor
from cells.models import CellNote
from sightings.models import Echo, FollowUp, Sighting

CHUNK_SIZE = 200


def account(user):
    preferences = Preferences.of(user)
    return {
        "email": user.email,
        "username": user.username,
        "name": user.get_full_name(),
        "public_name": public_name(user),
        "show_name": preferences.show_name,
        "reminders": preferences.reminders,
        "convenor_alerts": preferences.convenor_alerts,
        "language": preferences.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "convenor": is_convenor(user),
        "staff": user.is_staff,
        "cells_convened": list(user.convened_cells.order_by("name").values_list("name", flat=True)),
    }


def sightings(user):
    found = Sighting.objects.by(user).order_by("created_at", "pk")
    found = found.prefetch_related(
        "shifts", "themed_items__tag", "changes__actor__preferences", "follow_ups"
    )
    for sighting in found.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "id": sighting.pk,
            "url": sighting.get_absolute_url(),
            "status": sighting.status,
            "title": sighting.title,
            "summary": sighting.summary,
            "story": sighting.story,
            "place": sighting.place,
            "date_observed": sighting.date_observed,
            "setting": sighting.setting,
            "connection": sighting.connection,
            "shifts": [shift.slug for shift in sighting.shifts.all()],
            "themes": sorted(link.tag.name for link in sighting.themed_items.all()),
            "source_url": sighting.source_url,
            "consent": sighting.consent,
            "consent_given": sighting.consent_given,
            "consent_note": sighting.consent_note,
            "told_via": sighting.told_via,
            "told_by": sighting.told_by,
            "feedback": sighting.feedback,
            "created_at": sighting.created_at,
            "updated_at": sighting.updated_at,
            "submitted_at": sighting.submitted_at,
            "published_at": sighting.published_at,
            "history": [history_step(change, user) for change in sighting.changes.all()],
            "follow_ups": [follow_up_of(follow_up) for follow_up in sighting.follow_ups.all()],
        }


def history_step(change, user):
    return {
        "at": change.created_at,
        "from": change.from_status,
        "to": change.to_status,
        "by": "you" if change.actor_id == user.pk else public_name(change.actor),
        "note": change.note,
    }


def follow_up_of(follow_up):
    return {
        "sighting": follow_up.sighting_id,
        "observed_on": follow_up.observed_on,
        "outcome": follow_up.outcome,
        "note": follow_up.note,
        "created_at": follow_up.created_at,
    }


def follow_ups(user):
    written = FollowUp.objects.filter(author=user).order_by("created_at", "pk")
    for follow_up in written.iterator(chunk_size=CHUNK_SIZE):
        yield follow_up_of(follow_up)


def echoes(user):
    written = Echo.objects.filter(author=user).select_related("sighting").order_by("pk")
    for echo in written.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "sighting": echo.sighting.get_absolute_url(),
            "place": echo.place,
            "note": echo.note,
            "created_at": echo.created_at,
            "hidden_reason": echo.hidden_reason,
        }


def follows(user):
    for follow in Follow.objects.filter(user=user).for_listing().iterator(chunk_size=CHUNK_SIZE):
        yield {
            "follows": follow.describe(),
            "url": follow.get_target_url(),
            "frequency": follow.frequency,
            "since": follow.created_at,
        }


def cell_notes(user):
    written = CellNote.objects.filter(author=user).select_related("cell").order_by("pk")
    for note in written.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "cell": note.cell.name,
            "title": note.title,
            "url": note.get_absolute_url(),
            "status": note.status,
            "met_on": note.met_on,
            "summary": note.summary,
            "body": note.body,
            "topics_next": note.topics_next,
            "published_at": note.published_at,
        }


# name, what it holds, how to read it: one object, or a list read lazily.
SECTIONS = [
    ("sightings", sightings),
    ("follow_ups_written", follow_ups),
    ("seen_this_too", echoes),
    ("following", follows),
    ("cell_notes_written", cell_notes),
]


def as_json(value):
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def json_chunks(user, *, generated_at):
    """The whole document, in pieces: the account first, then each list item by item."""
    header = {"generated_at": generated_at, "account": account(user)}
    yield as_json(header)[:-1]
    for name, items in SECTIONS:
        yield f", {as_json(name)}: ["
        separator = "\n"
        for item in items(user):
            yield separator + as_json(item)
            separator = ",\n"
        yield "\n]"
    yield "}\n"
