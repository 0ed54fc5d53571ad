"""The numbers behind each chart of /insights/, for the published sightings a filter picks."""

import hashlib

from django.core.exceptions import EmptyResultSet
from django.utils import timezone

from sightings import counts, insights
from sightings.models import Shift


def insights_for(results):
    """The insights over `results`, kept until what is published changes.

    Keyed by the query that picks the sightings, so two addresses that mean the same
    filters share one entry.
    """
    results = results.order_by()
    try:
        sql, params = results.query.sql_with_params()
    except EmptyResultSet:
        return _build(results)
    key = f"api:insights:{hashlib.sha256(f'{sql}{params!r}'.encode()).hexdigest()[:32]}"
    return counts.cached({key: lambda: _build(results)})[key]


def _build(published):
    today = timezone.localdate()
    shifts = list(Shift.objects.order_by("position"))
    return [
        insights.shifts_per_month(published, shifts, today),
        insights.shifts_by_setting(published, shifts),
        insights.bonding_and_bridging(published, today),
        insights.how_shifts_last(published),
    ]
