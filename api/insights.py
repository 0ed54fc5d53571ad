"""The numbers behind each chart of /insights/, for the published sightings a filter picks."""

from django.utils import timezone

from sightings import insights
from sightings.models import Shift


def insights_for(results, filtered):
    """The insights over `results`.

    Without filters they are the insights page's own, kept until what is published
    changes. Filtered ones are counted for each request and not kept: one entry per
    query string would let anyone fill the cache by asking for many.
    """
    if not filtered:
        return insights.current_insights()
    today = timezone.localdate()
    shifts = list(Shift.objects.order_by("position"))
    published = results.order_by()
    return [
        insights.shifts_per_month(published, shifts, today),
        insights.shifts_by_setting(published, shifts),
        insights.bonding_and_bridging(published, today),
        insights.how_shifts_last(published),
    ]
