"""Each page runs a fixed number of queries, however many items it shows.

Pages kept for visitors (core/page_cache.py) are measured as rendered afresh, for a
signed-in reader: a kept page costs the same few queries whatever it shows, so only a
fresh rendering would reveal a query per item, and the page cache never serves
signed-in people (a visitor asking with Cache-Control: no-cache gets the kept page).
"""

import pytest

from sightings.models import Echo
from tests.factories import (
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [5, 50]
THEMES = ["food", "loneliness", "mutual aid", "housing"]
SHIFTS = ["me-to-we", "doubting-to-trusting", "controlling-to-enabling"]


def make_sightings(count):
    author = UserFactory()
    sightings = [
        SightingFactory(
            published=True,
            author=author,
            shifts=SHIFTS[: 1 + n % 3],
            themes=THEMES[: 1 + n % 4],
        )
        for n in range(count)
    ]
    for sighting in sightings[:3]:
        FollowUpFactory(sighting=sighting)
    return sightings


def fill_cached_counts(client, *urls):
    """The first request after a change fills the cached counts (its queries are bounded
    in test_performance.py); the bounds here are for a signed-in reader after it."""
    client.force_login(UserFactory())
    for url in urls:
        client.get(url)


@pytest.mark.parametrize("count", SIZES)
def test_home_page_queries_are_bounded(client, django_assert_max_num_queries, count):
    sightings = make_sightings(count)
    CellNoteFactory.create_batch(3, published=True, sightings=sightings[:3])
    fill_cached_counts(client, "/")
    with django_assert_max_num_queries(13):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("count", SIZES)
def test_sighting_list_queries_are_bounded(client, django_assert_max_num_queries, count):
    make_sightings(count)
    fill_cached_counts(client, "/sightings/?shift=me-to-we&theme=food", "/sightings/?page=2")
    with django_assert_max_num_queries(16):
        assert client.get("/sightings/?shift=me-to-we&theme=food").status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get("/sightings/?page=2").status_code == 200


@pytest.mark.parametrize("count", SIZES)
def test_sighting_detail_queries_are_bounded(client, django_assert_max_num_queries, count):
    sightings = make_sightings(count)
    target = sightings[0]
    for _ in range(3):
        CellNoteFactory(published=True, sightings=sightings)
    for author in UserFactory.create_batch(count):
        Echo.objects.create(sighting=target, author=author, place="Leeds")
    with django_assert_max_num_queries(9):
        assert client.get(target.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", SIZES)
def test_theme_and_shift_pages_queries_are_bounded(client, django_assert_max_num_queries, count):
    make_sightings(count)
    bounds = {"/themes/": 6, "/themes/food/": 15, "/shifts/": 7, "/shifts/me-to-we/": 14}
    for url, most in bounds.items():
        fill_cached_counts(client, url)
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", SIZES)
def test_cell_pages_queries_are_bounded(client, django_assert_max_num_queries, count):
    sightings = make_sightings(count)
    cell = CellFactory(convenors=UserFactory.create_batch(3))
    notes = [CellNoteFactory(cell=cell, published=True, sightings=sightings) for _ in range(4)]
    with django_assert_max_num_queries(6):
        assert client.get("/cells/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(cell.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(notes[1].get_absolute_url()).status_code == 200
