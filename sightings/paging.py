"""Reading deep into a list by where the last page ended, not by counting rows.

Page numbers serve the first COUNT_LIMIT results (sightings/filters.py); beyond them a
list goes on from the last sighting shown: the next page starts strictly after its
sort values (when it was seen, when it was published, its id), which is one index
range and a limit however deep the page, and stays put when sightings are published
meanwhile. The read API's cursors work the same way (api/pagination.py).
"""

import datetime

from django.db.models import Q

# The orders a list can go on in, by their sort fields; the last field never repeats.
KEYSET_FIELDS = ("date_observed", "published_at", "pk")
SEPARATOR = "~"


def rows_after(fields, values, descending):
    """Rows strictly after `values` in the order: (a, b, c) < (x, y, z), spelled out.

    The first condition repeats the leading column alone so the database can start
    its index scan there instead of filtering from the first row.
    """
    beyond, reached = ("lt", "lte") if descending else ("gt", "gte")
    condition = Q()
    for index, field in enumerate(fields):
        equal = {name: values[i] for i, name in enumerate(fields[:index])}
        condition |= Q(**equal, **{f"{field}__{beyond}": values[index]})
    return Q(**{f"{fields[0]}__{reached}": values[0]}) & condition


def encode(sighting):
    """Where a page ends, as it goes in the address; None when it cannot be said."""
    if sighting.published_at is None:
        return None
    return SEPARATOR.join(
        [sighting.date_observed.isoformat(), sighting.published_at.isoformat(), str(sighting.pk)]
    )


def decode(text):
    """The sort values a cursor names, or None for anything that is not one."""
    parts = (text or "").split(SEPARATOR)
    if len(parts) != len(KEYSET_FIELDS):
        return None
    try:
        published = datetime.datetime.fromisoformat(parts[1])
        values = [datetime.date.fromisoformat(parts[0]), published, int(parts[2])]
    except ValueError:
        return None
    return values if published.tzinfo is not None else None


def page_after(queryset, values, descending, size):
    """The ids of up to `size` rows after `values`, and whether more follow."""
    rows = list(
        queryset.filter(rows_after(KEYSET_FIELDS, values, descending)).values_list("pk", flat=True)[
            : size + 1
        ]
    )
    return rows[:size], len(rows) > size
