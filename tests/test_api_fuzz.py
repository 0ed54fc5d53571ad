"""Schemathesis reads /api/openapi.json and fuzzes every endpoint it describes.

Every generated request, valid or not, must get an answer the description allows and
never a server error. The number of examples is bounded so the run stays short.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from cells.models import DiscussedSighting
from sightings.models import FollowUp
from tests.factories import CellNoteFactory, FollowUpFactory, SightingFactory

EXAMPLES = 25
# An empty or unknown value is ignored, as the sighting list ignores it, and "to" before
# "from" is refused though each date alone is valid: neither is a fault.
LENIENT_ON_PURPOSE = [negative_data_rejection, positive_data_acceptance]


@pytest.fixture
def api_schema(db, settings):
    settings.API_RATE = "100000/m"
    shown = [
        SightingFactory(published=True, themes=["food", "mutual aid"], shifts=["me-to-we"]),
        SightingFactory(published=True, themes=["loneliness"], shifts=["doubting-to-trusting"]),
    ]
    FollowUpFactory(sighting=shown[0], outcome=FollowUp.Outcome.GROWN)
    for sighting, name in zip(shown, ["Swansea", "The Bottom Field"], strict=True):
        sighting.place = name
        sighting.match_place()
        sighting.save()
    note = CellNoteFactory(published=True, sightings=shown)
    note.discussed.filter(sighting=shown[0]).update(
        reading=DiscussedSighting.Reading.AFFIRMS, why="It held for a year."
    )
    SightingFactory(title="Not yet")
    # Requests go straight to the WSGI handler in this thread; closing the connection at
    # the end of each, as a server would, would end the test's transaction with it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", ServedFrom("192.0.2.1"))
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class ServedFrom(WSGIHandler):
    """The site as a WSGI server runs it, with the client's address a server would set."""

    def __init__(self, address):
        super().__init__()
        self.address = address

    def __call__(self, environ, start_response):
        return super().__call__({**environ, "REMOTE_ADDR": self.address}, start_response)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_endpoint_answers_as_described_and_never_fails(api_schema, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 8
    fuzzed = 0
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_described(case):
            case.call_and_validate(excluded_checks=LENIENT_ON_PURPOSE)

        try:
            answers_as_described()
            fuzzed += 1
        except Unsatisfiable:
            # Some operations take no parameter that can be made invalid, such as any text.
            if mode != GenerationMode.NEGATIVE:
                raise
    assert fuzzed >= 2
