import io

import pytest
from django.core.management import call_command

from cells.models import Cell, CellNote, DiscussedSighting
from sightings.insights import build_insights
from sightings.models import FollowUp, Place, Shift, Sighting

Setting, Connection = Sighting.Setting, Sighting.Connection


@pytest.fixture
def demo(db):
    call_command("load_demo_data", stdout=io.StringIO())


def test_demo_data_fills_every_shift_setting_and_connection(demo):
    published = Sighting.objects.published()
    assert published.count() >= 40
    for shift in Shift.objects.all():
        assert published.with_shift(shift.slug).exists(), shift.slug
    assert set(published.values_list("setting", flat=True)) == set(Setting.values)
    assert set(published.values_list("connection", flat=True)) == set(Connection.values)
    assert published.exclude(themes=None).count() == published.count()


def test_demo_data_has_cells_notes_and_follow_ups(demo):
    assert Cell.objects.count() == 3
    assert CellNote.objects.published().count() >= 6
    assert all(cell.convenors.exists() for cell in Cell.objects.all())
    assert FollowUp.objects.exists()


def test_demo_data_loads_only_into_an_empty_database(demo):
    before = Sighting.objects.count()
    call_command("load_demo_data", stdout=io.StringIO())
    assert Sighting.objects.count() == before


def test_demo_data_shows_slipping_back_located_places_readings_and_places_compared(demo):
    published = Sighting.objects.published()
    assert published.slipping_back().count() >= 3
    assert published.filter(place_ref=None).count() == 0
    assert Place.objects.exclude(latitude=None).count() >= 30
    assert DiscussedSighting.objects.exclude(reading="").count() >= 3
    compared = {insight.slug: insight for insight in build_insights()}["places-compared"]
    assert {row[1] for row in compared.rows} | {row[4] for row in compared.rows} == {
        "Hackney, London",
        "Swansea",
    }
