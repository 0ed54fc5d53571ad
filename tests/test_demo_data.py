import io

import pytest
from django.core.management import call_command

from cells.models import Cell, CellNote
from sightings.models import FollowUp, Shift, Sighting

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
    assert published.exclude(tags=None).count() == published.count()


def test_demo_data_has_cells_notes_and_follow_ups(demo):
    assert Cell.objects.count() == 3
    assert CellNote.objects.published().count() >= 6
    assert all(cell.convenors.exists() for cell in Cell.objects.all())
    assert FollowUp.objects.exists()


def test_demo_data_loads_only_into_an_empty_database(demo):
    before = Sighting.objects.count()
    call_command("load_demo_data", stdout=io.StringIO())
    assert Sighting.objects.count() == before
