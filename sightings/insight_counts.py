"""The numbers behind the insights, from the tallies when they can say, else counted.

Both sources answer the same questions in the same shapes, so sightings/insights.py
draws its charts without knowing which answered:

- KeptCounts reads sightings.Tally, kept as sightings are published (sightings/tallies.py):
  at most a few thousand rows whatever the number of sightings, for the filters the
  tallies are kept by (shift, setting, direction, connection, place on the map and
  lasting shifts);
- LiveCounts counts the sightings any other filter chooses (a search, a theme, dates,
  words in the place's name), grouping them in the database.

A row counts links to shifts, each published sighting once for each shift shown, unless
it says it counts sightings.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth

from sightings.filters import SightingFilter
from sightings.models import FollowUp, Tally
from sightings.tallies import in_step, newest_outcomes

# The filters the tallies are kept by, each with the tally's own name for it.
KEPT_FILTERS = {
    "shift": "shift",
    "setting": "setting",
    "direction": "direction",
    "connection": "connection",
    "place_ref": "place",
    "lasting": "outcome",
}


@dataclass(frozen=True)
class PeriodLinks:
    shift: int
    month: datetime.date
    direction: str
    connection: str
    total: int


def counts_for(sighting_filter, shifts):
    """The source that answers for this filter: the tallies when they are kept by it."""
    kept = KeptCounts.for_filter(sighting_filter, shifts) if in_step() else None
    return kept or LiveCounts(sighting_filter, shifts)


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def _one_link_each(links):
    """The sightings by month and connection when each has one link among `links`."""
    by_month = {}
    for row in links:
        key = (row.month, row.connection)
        by_month[key] = by_month.get(key, 0) + row.total
    return by_month


class KeptCounts:
    def __init__(self, sighting_filter, shifts, chosen, place, shift_chosen):
        self.sighting_filter = sighting_filter
        self.shifts = shifts
        self.shift_ids = [shift.pk for shift in shifts]
        # What every filter but the shift and the place chooses, in the tallies' terms.
        self.chosen = chosen
        self.place = place
        self.shift_chosen = shift_chosen

    @classmethod
    def for_filter(cls, sighting_filter, shifts):
        if not sighting_filter.is_bound:
            return cls(sighting_filter, shifts, {}, None, shift_chosen=False)
        sighting_filter.form.is_valid()
        given = {
            name: value
            for name, value in sighting_filter.form.cleaned_data.items()
            if value not in (None, "", [], False) and name != "sort"
        }
        if set(given) - set(KEPT_FILTERS):
            return None
        chosen = {
            KEPT_FILTERS[name]: value
            for name, value in given.items()
            if name not in {"shift", "place_ref", "lasting"}
        }
        if given.get("lasting"):
            # Sightings whose newest counted follow-up says the change goes on or grew.
            chosen["outcome__in"] = FollowUp.LASTING
        place = given.get("place_ref")
        return cls(sighting_filter, shifts, chosen, place.pk if place else None, "shift" in given)

    @cached_property
    def _live(self):
        """The sightings counted, for what the tallies cannot say."""
        return LiveCounts(self.sighting_filter, self.shifts)

    def _rows(self, *, every_place=False, all_time, links=True):
        # A row whose sightings were all withdrawn stays, at zero, and says nothing.
        rows = Tally.objects.filter(**self.chosen).exclude(total=0)
        if every_place:
            rows = rows.exclude(place=Tally.EVERY_PLACE)
        else:
            rows = rows.filter(place=self.place or Tally.EVERY_PLACE)
        every_month = {"month": Tally.ALL_TIME}
        rows = rows.filter(**every_month) if all_time else rows.exclude(**every_month)
        if links:
            return rows.filter(shift__in=self.shift_ids)
        return rows.filter(shift=Tally.ITSELF)

    def links_in_period(self, period):
        found = (
            self._rows(all_time=False)
            .filter(month__gte=period.start)
            .values_list("shift", "month", "direction", "connection")
            .annotate(total=Sum("total"))
            .order_by()
        )
        return [PeriodLinks(*row) for row in found]

    def sightings_in_period(self, period, links):
        """Sightings (not links) by month and connection."""
        if self.shift_chosen and len(self.shift_ids) == 1:
            return _one_link_each(links)
        if self.shift_chosen:
            # A sighting may show several of the shifts chosen: the tallies cannot say
            # how many sightings show any of them, so they are counted.
            return self._live.sightings_in_period(period, links)
        in_period = self._rows(all_time=False, links=False).filter(month__gte=period.start)
        return _sums(in_period, "month", "connection")

    def links_by_setting(self):
        return _sums(self._rows(all_time=True), "setting", "shift")

    def place_totals(self):
        rows = self._rows(every_place=not self.place, all_time=True, links=False)
        return _sums(rows, "place")

    def links_by_place(self):
        return _sums(self._rows(every_place=not self.place, all_time=True), "place", "shift")

    def sightings_by_outcome(self):
        """The sightings with a follow-up, by their newest one's answer."""
        if self.shift_chosen and len(self.shift_ids) > 1:
            return self._live.sightings_by_outcome()
        rows = self._rows(all_time=True, links=self.shift_chosen).exclude(outcome="")
        return _sums(rows, "outcome")

    def links_by_outcome(self):
        return _sums(self._rows(all_time=True).exclude(outcome=""), "shift", "outcome")


def _sums(rows, *by):
    """The rows' totals summed by the fields named, keyed by their values (one field: by
    its value alone)."""
    found = rows.values_list(*by).annotate(total=Sum("total")).order_by()
    return {row[0] if len(by) == 1 else row[:-1]: row[-1] for row in found}


class LiveCounts:
    def __init__(self, sighting_filter, shifts):
        self.shift_ids = [shift.pk for shift in shifts]
        self.published = sighting_filter.results
        # Charts counted from each sighting's links to the shifts shown need no shift
        # filter of their own: the links already keep to those shifts.
        self.any_shift = without_shift(sighting_filter)
        self.one_shift_chosen = bool(sighting_filter.selected("shift")) and len(shifts) == 1

    def _links(self, sightings):
        """These sightings joined to their links to the shifts shown: one row per
        (sighting, shift), with the shift as `shift_id`.

        Joined from the sightings' side, so the filters (a place, a setting) narrow
        the sightings through their own indexes before any link is read.
        """
        return sightings.filter(shifts__in=self.shift_ids).annotate(shift_id=F("shifts"))

    def links_in_period(self, period):
        found = (
            self._links(self.any_shift)
            .filter(date_observed__gte=period.start)
            .annotate(month=TruncMonth("date_observed"))
            .values_list("shift_id", "month", "direction", "connection")
            .annotate(total=Count("pk"))
            .order_by()
        )
        return [
            PeriodLinks(shift, _as_date(month), direction, connection, total)
            for shift, month, direction, connection, total in found
        ]

    def sightings_in_period(self, period, links):
        """Sightings (not links) by month and connection."""
        if self.one_shift_chosen:
            return _one_link_each(links)
        found = (
            self.published.filter(date_observed__gte=period.start)
            .annotate(month=TruncMonth("date_observed"))
            .values_list("month", "connection")
            .annotate(total=Count("pk"))
            .order_by()
        )
        return {(_as_date(month), connection): total for month, connection, total in found}

    def links_by_setting(self):
        found = (
            self._links(self.any_shift)
            .values_list("setting", "shift_id")
            .annotate(total=Count("pk"))
            .order_by()
        )
        return {(setting, shift): total for setting, shift, total in found}

    def place_totals(self):
        located = self.any_shift.exclude(place_ref=None)
        return dict(located.values_list("place_ref_id").annotate(total=Count("pk")).order_by())

    def links_by_place(self):
        found = (
            self._links(self.any_shift.exclude(place_ref=None))
            .values_list("place_ref_id", "shift_id")
            .annotate(total=Count("pk"))
            .order_by()
        )
        return {(place, shift): total for place, shift, total in found}

    def _newest_follow_ups(self, sightings):
        """The newest counted follow-up of each of these sightings that has one.

        Hidden follow-ups count nowhere, and one person's many follow-ups weigh as one
        (FollowUpQuerySet.counted). Read from the follow-ups (few) rather than a
        subquery per sighting (many).
        """
        return newest_outcomes().filter(sighting__in=sightings.values("pk"))

    def sightings_by_outcome(self):
        found = (
            self._newest_follow_ups(self.published)
            .values_list("outcome")
            .annotate(total=Count("pk"))
            .order_by()
        )
        return dict(found)

    def links_by_outcome(self):
        newest = self._newest_follow_ups(self.any_shift)
        found = (
            self.any_shift.filter(shifts__in=self.shift_ids, follow_ups__in=newest)
            .values_list("shifts", "follow_ups__outcome")
            .annotate(total=Count("pk"))
            .order_by()
        )
        return {(shift, outcome): total for shift, outcome, total in found}


def without_shift(sighting_filter):
    """The sightings every filter but the shift chooses.

    Places are compared by the share of their sightings that show each shift, so their
    totals count sightings of every shift, not only of the shifts chosen.
    """
    if not sighting_filter.is_bound or not sighting_filter.data.getlist("shift"):
        return sighting_filter.results
    data = sighting_filter.data.copy()
    data.pop("shift")
    return SightingFilter(data, queryset=sighting_filter.queryset).results
