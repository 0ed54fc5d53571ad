"""A sighting carries the shifts it shows on its own row, as the bits of shift_mask.

Database triggers keep the number right, on SQLite as on PostgreSQL, so these run on
both: whatever writes the links or the row, the lists and their counts find a sighting
under exactly the shifts it shows.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from sightings.models import Shift, Sighting
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


def stored_mask(sighting):
    return Sighting.objects.values_list("shift_mask", flat=True).get(pk=sighting.pk)


def bits(*slugs):
    return sum(shift.bit for shift in Shift.objects.filter(slug__in=slugs))


def test_each_shift_has_its_own_bit():
    assert sorted(shift.bit for shift in Shift.objects.all()) == [1, 2, 4, 8, 16]


def test_a_new_sighting_carries_the_shifts_it_was_given():
    sighting = SightingFactory(published=True, shifts=["me-to-we", "doubting-to-trusting"])

    assert stored_mask(sighting) == bits("me-to-we", "doubting-to-trusting")


def test_shifts_added_removed_and_cleared_change_the_number():
    sighting = SightingFactory(published=True, shifts=["me-to-we"])
    trusting = Shift.objects.get(slug="doubting-to-trusting")

    sighting.shifts.add(trusting)
    assert stored_mask(sighting) == bits("me-to-we", "doubting-to-trusting")

    sighting.shifts.remove(Shift.objects.get(slug="me-to-we"))
    assert stored_mask(sighting) == trusting.bit

    sighting.shifts.clear()
    assert stored_mask(sighting) == 0


def test_a_save_holding_an_old_number_does_not_store_it():
    sighting = SightingFactory(published=True, shifts=["me-to-we"])
    stale = Sighting.objects.get(pk=sighting.pk)
    sighting.shifts.add(Shift.objects.get(slug="competing-to-co-operating"))

    stale.title = "Saved from a copy read before the shift was added"
    stale.save()
    Sighting.objects.filter(pk=sighting.pk).update(shift_mask=0)

    assert stored_mask(sighting) == bits("me-to-we", "competing-to-co-operating")


def test_a_link_moved_to_another_sighting_moves_its_bit():
    first = SightingFactory(published=True, shifts=["me-to-we", "controlling-to-enabling"])
    other = SightingFactory(published=True, shifts=["me-to-we"])
    enabling = Shift.objects.get(slug="controlling-to-enabling")

    Sighting.shifts.through.objects.filter(sighting=first, shift=enabling).update(sighting=other)

    assert stored_mask(first) == bits("me-to-we")
    assert stored_mask(other) == bits("me-to-we", "controlling-to-enabling")


def test_showing_finds_the_sightings_with_any_of_the_shifts():
    trusting = SightingFactory(published=True, shifts=["doubting-to-trusting"])
    both = SightingFactory(published=True, shifts=["doubting-to-trusting", "me-to-we"])
    SightingFactory(published=True, shifts=["standardised-to-personalised"])
    SightingFactory(published=True, shifts=[])
    shown = Shift.objects.filter(slug__in=["doubting-to-trusting", "me-to-we"])

    one = Sighting.objects.showing(Shift.objects.get(slug="doubting-to-trusting"))
    either = Sighting.objects.showing(*shown)

    assert set(one) == {trusting, both}
    assert set(either) == {trusting, both}
    assert set(Sighting.objects.showing(Shift.objects.get(slug="me-to-we"))) == {both}
    assert not Sighting.objects.with_shift("no-such-shift").exists()


def test_the_lists_counts_beside_each_shift_come_from_the_number(client):
    SightingFactory(published=True, shifts=["doubting-to-trusting", "me-to-we"])
    SightingFactory(published=True, shifts=["me-to-we"])
    SightingFactory(published=True, shifts=["standardised-to-personalised"])
    client.force_login(UserFactory())

    response = client.get("/sightings/", {"shift": "me-to-we"})

    counts = {shift["slug"]: shift["count"] for shift in response.context["facets"]["shifts"]}
    assert response.context["facets"]["total"] == 2
    assert counts == {
        "doubting-to-trusting": 1,
        "controlling-to-enabling": 0,
        "competing-to-co-operating": 0,
        "standardised-to-personalised": 0,
        "me-to-we": 2,
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="partial indexes are PostgreSQL's")
def test_a_list_of_one_shift_walks_that_shifts_own_index():
    SightingFactory.create_batch(3, published=True, shifts=["me-to-we"])
    me_to_we = Shift.objects.get(slug="me-to-we")
    newest = Sighting.objects.published().showing(me_to_we).newest_seen_first()
    with connection.cursor() as cursor:
        # A handful of rows is read fastest without an index; the planner is asked
        # which index it would walk, which only a condition the index states allows.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plan = newest.values_list("pk", "setting", "shift_mask")[:20].explain()

    assert f"sighting_newest_showing_{me_to_we.position}" in plan


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's schema editor cannot open inside a test's transaction",
)
def test_printing_the_migrations_sql_runs_none_of_it():
    printed = io.StringIO()

    call_command("sqlmigrate", "sightings", "0022", stdout=printed)

    # Run rather than printed, the column would be added again: an error, here.
    assert "ADD COLUMN shift_mask" in printed.getvalue()
