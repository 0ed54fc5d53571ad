"""The tallies kept as sightings change agree with a count made afresh, after every kind
of change: publishing, editing, shifts added and taken away, withdrawing, deleting and
merging or deleting places."""

import datetime
import io
import itertools
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.http import QueryDict
from django.utils import timezone

from core.generation import entries, published_changed
from sightings import place_profiles, tallies
from sightings.filters import SightingFilter
from sightings.insight_counts import KeptCounts, LiveCounts, counts_for
from sightings.insights import Period
from sightings.models import FollowUp, Place, Shift, Sighting, Tally, Theme, ThemedSighting
from tests.factories import FollowUpFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


def placed(sighting):
    sighting.match_place()
    sighting.save()
    return sighting


def kept():
    rows = Tally.objects.exclude(total=0).values_list(*tallies.KEY, "total")
    return Counter({tuple(row[:-1]): row[-1] for row in rows})


def afresh():
    return tallies.counted(Sighting.objects.values_list("pk", flat=True))


def themes_kept():
    return dict(Theme.objects.exclude(published_total=0).values_list("name", "published_total"))


def themes_afresh():
    published = ThemedSighting.objects.filter(content_object__status=Sighting.Status.PUBLISHED)
    return dict(published.values_list("tag__name").annotate(n=Count("*")).order_by())


def assert_kept_as_counted_afresh():
    assert kept() == afresh()
    assert themes_kept() == themes_afresh()
    tallies.rebuild()
    assert kept() == afresh()
    assert themes_kept() == themes_afresh()


def test_a_published_sighting_counts_under_its_place_month_and_shifts():
    sighting = placed(
        SightingFactory(
            published=True,
            shifts=["me-to-we", "doubting-to-trusting"],
            date_observed=datetime.date(2026, 3, 14),
            direction=Sighting.Direction.BACK,
        )
    )
    place = sighting.place_ref_id
    shifts = sorted(sighting.shifts.values_list("pk", flat=True))
    facts = ("back", Sighting.Setting.NEIGHBOURHOOD, "bridging", "")
    expected = {
        (at, month, shift, *facts): 1
        for at in (0, place)
        for month in (Tally.ALL_TIME, datetime.date(2026, 3, 1))
        for shift in (0, *shifts)
    }
    assert kept() == Counter(expected)


def test_drafts_and_submissions_count_nowhere():
    SightingFactory()
    SightingFactory(submitted=True)
    assert kept() == Counter()


def test_every_kind_of_change_keeps_the_tallies_as_counted_afresh():
    sighting = placed(SightingFactory(published=True, shifts=["me-to-we"], themes=["food"]))
    other = placed(
        SightingFactory(published=True, shifts=["me-to-we"], place="Cardiff", themes=["food"])
    )
    SightingFactory(themes=["food", "a draft's theme"])
    assert_kept_as_counted_afresh()
    assert themes_kept() == {"food": 2}

    sighting.themes.add("housing", "care")
    assert_kept_as_counted_afresh()
    sighting.themes.remove("care")
    assert_kept_as_counted_afresh()
    Theme.objects.get(name="housing").merge_into(Theme.objects.get(name="food"))
    assert_kept_as_counted_afresh()
    sighting.themes.set(["housing", "food"])
    assert_kept_as_counted_afresh()
    Theme.objects.get(name="housing").delete()
    assert_kept_as_counted_afresh()

    sighting.shifts.add(Shift.objects.get(slug="doubting-to-trusting"))
    assert_kept_as_counted_afresh()
    sighting.shifts.remove(Shift.objects.get(slug="me-to-we"))
    assert_kept_as_counted_afresh()

    sighting.setting = Sighting.Setting.EDUCATION
    sighting.direction = Sighting.Direction.BACK
    sighting.connection = Sighting.Connection.BONDING
    sighting.date_observed = datetime.date(2025, 11, 30)
    sighting.place, sighting.place_ref = "Swansea", None
    placed(sighting)
    assert_kept_as_counted_afresh()

    sighting.date_observed = None
    sighting.save()
    assert_kept_as_counted_afresh()

    Shift.objects.get(slug="me-to-we").sightings.add(sighting)
    assert_kept_as_counted_afresh()
    Shift.objects.get(slug="me-to-we").sightings.clear()
    assert_kept_as_counted_afresh()
    sighting.shifts.clear()
    assert_kept_as_counted_afresh()

    sighting.status = Sighting.Status.WITHDRAWN
    sighting.save()
    assert_kept_as_counted_afresh()
    sighting.status = Sighting.Status.PUBLISHED
    sighting.save()
    assert_kept_as_counted_afresh()

    Place.objects.get(pk=other.place_ref_id).merge_into(Place.objects.get(name="Swansea"))
    assert_kept_as_counted_afresh()
    Place.objects.get(name="Swansea").delete()
    assert_kept_as_counted_afresh()

    first = FollowUpFactory(sighting=other, outcome=FollowUp.Outcome.STOPPED)
    assert_kept_as_counted_afresh()
    newer = FollowUpFactory(sighting=other, author=UserFactory(), outcome=FollowUp.Outcome.GROWN)
    assert_kept_as_counted_afresh()
    newer.hidden_at = timezone.now()
    newer.save()
    assert_kept_as_counted_afresh()
    first.delete()
    assert_kept_as_counted_afresh()

    newer.hidden_at = None
    newer.save()
    FollowUpFactory(sighting=other, author=UserFactory(), outcome=FollowUp.Outcome.STOPPED)
    FollowUpFactory(sighting=sighting, author=UserFactory(), outcome=FollowUp.Outcome.STOPPED)
    assert_kept_as_counted_afresh()
    # Several at once: every "before" is read ahead of any deletion.
    FollowUp.objects.filter(sighting=sighting).delete()
    assert_kept_as_counted_afresh()
    FollowUpFactory(sighting=other, author=UserFactory(), outcome=FollowUp.Outcome.GROWN)
    other.themes.add("care", "housing")
    assert_kept_as_counted_afresh()
    other.delete()
    assert_kept_as_counted_afresh()
    Sighting.objects.all().delete()
    assert_kept_as_counted_afresh()
    assert kept() == Counter()


def test_a_change_rolled_back_leaves_the_tallies_as_they_were():
    sighting = SightingFactory(published=True)
    before = kept()
    with pytest.raises(RuntimeError), tallies.transaction.atomic():
        sighting.status = Sighting.Status.WITHDRAWN
        sighting.save()
        raise RuntimeError("the request failed")
    assert kept() == before


@pytest.fixture
def varied():
    """Published sightings differing in every way the insights count, and some not."""
    today = timezone.localdate()
    kinds = itertools.product(
        [["me-to-we"], ["me-to-we", "doubting-to-trusting"], ["competing-to-co-operating"]],
        ["Swansea", "Hull", ""],
        [today - datetime.timedelta(days=20), today - datetime.timedelta(days=1200), None],
    )
    for n, (shifts, place, seen) in enumerate(kinds):
        sighting = SightingFactory(
            published=n % 7 != 6,
            shifts=shifts,
            place=place or "Somewhere unmatched",
            date_observed=seen,
            setting=[Sighting.Setting.EDUCATION, Sighting.Setting.NEIGHBOURHOOD][n % 2],
            direction=[Sighting.Direction.FORWARD, Sighting.Direction.BACK][n // 2 % 2],
            connection=[
                Sighting.Connection.BONDING,
                Sighting.Connection.BRIDGING,
                Sighting.Connection.BOTH,
            ][(n // 3 + n // 9) % 3],
            themes=["food"] if n % 5 == 0 else [],
        )
        if place:
            placed(sighting)
        if n % 4 == 1:
            FollowUpFactory(sighting=sighting, outcome=OUTCOMES[n % 3])
        if n % 9 == 4:
            # Withdrawn after counting: its rows stay, at zero.
            sighting.status = Sighting.Status.WITHDRAWN
            sighting.save()


OUTCOMES = [
    FollowUp.Outcome.STILL_HAPPENING,
    FollowUp.Outcome.STOPPED,
    FollowUp.Outcome.GROWN,
]

# Every shift, place and lasting choice, each with a different mix of the others.
FILTERS = [
    (
        shift,
        place,
        lasting,
        "setting=education" if n % 2 else "",
        "direction=back" if n // 2 % 2 else "",
        "connection=bonding" if n % 3 == 0 else "",
    )
    for n, (shift, place, lasting) in enumerate(
        itertools.product(
            ["", "shift=me-to-we", "shift=me-to-we&shift=doubting-to-trusting"],
            ["", "place_ref=swansea"],
            ["", "lasting=1"],
        )
    )
]


@pytest.mark.parametrize("parts", FILTERS, ids=lambda parts: "&".join(p for p in parts if p))
def test_the_tallies_answer_as_counting_the_sightings_does(varied, parts):
    query = QueryDict("&".join(part for part in parts if part))
    sighting_filter = SightingFilter(query, queryset=Sighting.objects.published())
    chosen = set(sighting_filter.selected("shift"))
    shifts = [shift for shift in Shift.objects.all() if not chosen or shift.slug in chosen]
    kept = KeptCounts.for_filter(sighting_filter, shifts)
    live = LiveCounts(sighting_filter, shifts)
    period = Period.ending(timezone.localdate())
    links = sorted(live.links_in_period(period), key=repr)
    assert sorted(kept.links_in_period(period), key=repr) == links
    assert kept.sightings_in_period(period, links) == live.sightings_in_period(period, links)
    assert kept.links_by_setting() == live.links_by_setting()
    assert kept.place_totals() == live.place_totals()
    assert kept.links_by_place() == live.links_by_place()
    assert kept.sightings_by_outcome() == live.sightings_by_outcome()
    assert kept.links_by_outcome() == live.links_by_outcome()


def test_the_varied_sightings_leave_something_to_count_in_every_chart(varied):
    kept = KeptCounts.for_filter(SightingFilter(None), list(Shift.objects.all()))
    period = Period.ending(timezone.localdate())
    links = kept.links_in_period(period)
    assert {row.direction for row in links} == {"forward", "back"}
    assert len(kept.sightings_in_period(period, links)) > 1
    assert len(kept.place_totals()) == 2
    assert len(kept.links_by_setting()) > 2
    assert set(kept.sightings_by_outcome()) == set(OUTCOMES)


@pytest.mark.parametrize("query", ["q=lunch", "theme=food", "from=2020-01-01", "place=hull"])
def test_filters_the_tallies_are_not_kept_by_are_counted(varied, query):
    sighting_filter = SightingFilter(QueryDict(query), queryset=Sighting.objects.published())
    assert isinstance(counts_for(sighting_filter, list(Shift.objects.all())), LiveCounts)


def test_sightings_loaded_behind_the_orms_back_are_counted_until_recounted(varied):
    shifts = list(Shift.objects.all())
    assert isinstance(counts_for(SightingFilter(None), shifts), KeptCounts)
    loaded = SightingFactory.build(published=True, author=UserFactory())
    Sighting.objects.bulk_create([loaded])
    published_changed()
    # Noticed once the kept answer expires.
    assert isinstance(counts_for(SightingFilter(None), shifts), KeptCounts)
    entries().delete(tallies.IN_STEP_KEY)
    assert isinstance(counts_for(SightingFilter(None), shifts), LiveCounts)
    call_command("recount_tallies", stdout=io.StringIO())
    assert isinstance(counts_for(SightingFilter(None), shifts), KeptCounts)


def test_the_places_pages_read_the_tallies_as_they_would_count_the_sightings(varied, monkeypatch):
    assert tallies.in_step()
    kept = (place_profiles._place_tallies(), place_profiles._whole_profile())
    monkeypatch.setattr(tallies, "in_step", lambda: False)
    assert (place_profiles._place_tallies(), place_profiles._whole_profile()) == kept
    assert len(kept[0]) == 2
