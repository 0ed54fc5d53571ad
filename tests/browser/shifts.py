"""The five shifts for live-server tests.

A transactional test empties every table when it ends, including the shifts the data
migration made, so later live-server tests put them back from the migration's own list.

pytest-django's serialized_rollback cannot do it here: the copy of the database it keeps
is held on the test thread's connection, and a test driving Playwright's synchronous API
reaches the database through another connection object, which has no copy to restore.
"""

import importlib

from sightings.models import Shift

SHIFTS = importlib.import_module("sightings.migrations.0002_the_five_shifts").SHIFTS


def ensure_five_shifts():
    for position, (slug, name, description, explanation) in enumerate(SHIFTS, start=1):
        Shift.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "explanation": explanation,
                "position": position,
            },
        )
