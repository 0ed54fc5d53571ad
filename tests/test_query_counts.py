"""Each page runs a fixed number of queries, however many items it shows.

Every bound here is on a page rendered for the request measured: a page read back
from the page cache (core/page_cache.py) costs the same two queries whatever it shows,
so it would hide a query per item. Pages kept for visitors are therefore measured for a
signed-in reader, whom the page cache never serves (a visitor asking with
Cache-Control: no-cache is given the kept page); `page` checks that a template was
rendered. Counts kept between changes (sightings/counts.py) are filled by a first
request; the first request after a change is bounded too, at the end.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightings.models import Echo, FollowUp, Place, Sighting
from tests.factories import (
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)
from tests.test_authoring import NEW
from tests.test_cells_notes import complete
from tests.test_cells_public import soon
from tests.test_feeds_export import body
from tests.test_moderation import REASON
from tests.test_place_pages import at

pytestmark = pytest.mark.django_db

SIZES = [5, 50]


def page(client, url, **headers):
    """The page at `url`, checked to have been rendered for this request."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert response.templates, f"{url} was read back from the page cache, not rendered"
    return response


@pytest.fixture
def reader(client):
    """A signed-in reader, whom the page cache never serves."""
    client.force_login(UserFactory())
    return client


def fill_cached_counts(client, *urls):
    """The first request after a change fills the cached counts (its queries are bounded
    at the end of this file); the bounds are for a request after it."""
    for url in urls:
        client.get(url)


# --- Public pages


@pytest.mark.parametrize("count", SIZES)
def test_home_page_queries_are_bounded(
    reader, make_sightings, django_assert_max_num_queries, count
):
    sightings = make_sightings(count)
    CellNoteFactory.create_batch(3, published=True, sightings=sightings[:3])
    fill_cached_counts(reader, "/")
    with django_assert_max_num_queries(13):
        page(reader, "/")


@pytest.mark.parametrize("count", SIZES)
def test_sighting_list_queries_are_bounded(
    reader, make_sightings, django_assert_max_num_queries, count
):
    make_sightings(count)
    fill_cached_counts(reader, "/sightings/?shift=me-to-we&theme=food", "/sightings/?page=2")
    with django_assert_max_num_queries(16):
        page(reader, "/sightings/?shift=me-to-we&theme=food")
    with django_assert_max_num_queries(13):
        page(reader, "/sightings/?page=2")


@pytest.mark.parametrize("count", SIZES)
def test_list_with_facets_runs_a_fixed_number_of_queries(
    reader, django_assert_max_num_queries, count
):
    author = UserFactory()
    for n in range(count):
        SightingFactory(
            published=True,
            author=author,
            shifts=["me-to-we", "doubting-to-trusting"][: 1 + n % 2],
            themes=["food", "housing"][: 1 + n % 2],
            setting=[Sighting.Setting.EDUCATION, Sighting.Setting.HEALTH_AND_CARE][n % 2],
        )
    paths = [
        f"/sightings/?{query}"
        for query in [
            "",
            "shift=me-to-we&theme=food&setting=education&lasting=1",
            "q=lunch&sort=relevance",
            "page=2&from=2000-01-01",
        ]
    ] + ["/shifts/me-to-we/?setting=education", "/themes/food/?q=lunch"]
    fill_cached_counts(reader, *paths)
    for path in paths:
        # With the reader's session, account, role, preferences and follows; and, on
        # PostgreSQL, a search's ranking of the matches and their highlighted passages.
        with django_assert_max_num_queries(17):
            page(reader, path)


@pytest.mark.parametrize("count", SIZES)
def test_sighting_detail_queries_are_bounded(
    client, make_sightings, django_assert_max_num_queries, count
):
    sightings = make_sightings(count)
    target = sightings[0]
    for _ in range(3):
        CellNoteFactory(published=True, sightings=sightings)
    for author in UserFactory.create_batch(count):
        Echo.objects.create(sighting=target, author=author, place="Leeds")
    # A sighting's page is never kept: a visitor's is rendered too.
    with django_assert_max_num_queries(9):
        page(client, target.get_absolute_url())


def test_the_sighting_page_runs_a_fixed_number_of_queries_however_many_echoes(
    client, practitioner, published_sighting
):
    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            page(client, published_sighting.get_absolute_url())
        return len(captured)

    Echo.objects.create(sighting=published_sighting, author=UserFactory(), place="A")
    client.force_login(practitioner)
    few = count_queries()
    for n in range(30):
        Echo.objects.create(sighting=published_sighting, author=UserFactory(), place=f"P{n}")
    assert count_queries() == few


def test_the_sighting_page_runs_a_bounded_number_of_queries_however_many_follow_ups(
    client, convenor, lunch_club, django_assert_max_num_queries
):
    for number in range(20):
        FollowUpFactory(sighting=lunch_club, author=UserFactory(), note=f"Number {number}")
    FollowUp.objects.first().hide(by=convenor, reason=REASON)
    client.force_login(convenor)
    with django_assert_max_num_queries(12):
        page(client, lunch_club.get_absolute_url())


@pytest.mark.parametrize("count", SIZES)
def test_theme_and_shift_pages_queries_are_bounded(
    reader, make_sightings, django_assert_max_num_queries, count
):
    make_sightings(count)
    bounds = {"/themes/": 6, "/themes/food/": 15, "/shifts/": 7, "/shifts/me-to-we/": 14}
    for url, most in bounds.items():
        fill_cached_counts(reader, url)
        with django_assert_max_num_queries(most):
            page(reader, url)


@pytest.mark.parametrize("count", [3, 30])
def test_the_places_pages_run_a_fixed_number_of_queries(
    reader, django_assert_max_num_queries, count
):
    for number in range(count):
        at(f"Town {number % 10}", 1, shifts=["me-to-we", "doubting-to-trusting"], themes=["food"])
    note_sightings = list(Sighting.objects.published()[:5])
    for name in ("One", "Two", "Three"):
        CellNoteFactory(cell=CellFactory(name=name), published=True, sightings=note_sightings)
    place = Place.objects.get(slug="town-0")
    # A place's page reads one more for the signed-in reader: whether they follow it; and
    # each kept count (the cells that discussed it among them) reads the generation, then
    # the entries (core/generation.py).
    for url, most in (("/places/", 9), ("/places/?sort=name", 9), (place.get_absolute_url(), 22)):
        fill_cached_counts(reader, url)
        with django_assert_max_num_queries(most):
            page(reader, url)
    # A sighting's page reads two more for a signed-in reader: its "seen this too" and the
    # place the reader gave last time, to fill in their own.
    with django_assert_max_num_queries(15):
        page(reader, Sighting.objects.published().first().get_absolute_url())


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?shift=me-to-we&setting=neighbourhood-and-community",
        "?shift=me-to-we&place_ref=hull&direction=forward",
    ],
)
def test_insights_run_a_fixed_number_of_queries(
    client, make_sightings, django_assert_max_num_queries, query
):
    make_sightings(3)
    # Counted afresh: every chart's grouped queries, the check that the tallies count
    # every published sighting (kept for a while), then the cache's reads (the
    # generation, then the entries) and writes.
    with django_assert_max_num_queries(30) as few:
        page(client, f"/insights/{query}")
    make_sightings(40)
    # No more again (the tallies' check is kept), but one naming the places compared
    # now that some have enough.
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        page(client, f"/insights/{query}")
    # Then kept until what is published changes; a place in the address is looked up.
    with django_assert_max_num_queries(4 if "place_ref" in query else 3):
        page(client, f"/insights/{query}")


# --- Cells, their notes and their feeds (never kept: a visitor's are rendered too)


@pytest.mark.parametrize("count", SIZES)
def test_cell_pages_queries_are_bounded(
    client, make_sightings, django_assert_max_num_queries, count
):
    sightings = make_sightings(count)
    cell = CellFactory(convenors=UserFactory.create_batch(3))
    notes = [CellNoteFactory(cell=cell, published=True, sightings=sightings) for _ in range(4)]
    with django_assert_max_num_queries(6):
        page(client, "/cells/")
    with django_assert_max_num_queries(8):
        page(client, cell.get_absolute_url())
    with django_assert_max_num_queries(10):
        page(client, notes[1].get_absolute_url())


@pytest.mark.parametrize("count", SIZES)
def test_cell_and_note_pages_with_a_meeting_run_bounded_queries(
    client, django_assert_max_num_queries, count
):
    author = UserFactory()
    sightings = [
        SightingFactory(
            published=True,
            author=author,
            shifts=["me-to-we", "doubting-to-trusting"][: 1 + n % 2],
            themes=["food", "loneliness"][: 1 + n % 2],
        )
        for n in range(count)
    ]
    cell = CellFactory(convenors=UserFactory.create_batch(3))
    notes = [
        CellNoteFactory(cell=cell, published=True, sightings=sightings, next_meeting=soon())
        for _ in range(3)
    ]
    for url in ["/cells/", cell.get_absolute_url()]:
        with django_assert_max_num_queries(8):
            page(client, url)
    with django_assert_max_num_queries(8):
        page(client, notes[1].get_absolute_url())
    for url in [f"/cells/{cell.slug}/feed/", f"/cells/{cell.slug}/next-meeting.ics"]:
        with django_assert_max_num_queries(4):
            assert client.get(url).status_code == 200
    # One more than the other pages: the sighting's "seen this too".
    with django_assert_max_num_queries(9):
        page(client, sightings[0].get_absolute_url())


def test_the_cell_feed_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    cell = CellFactory(name="Changing practices", convenors=[UserFactory()])

    def notes(count):
        for _ in range(count):
            sightings = SightingFactory.create_batch(2, published=True)
            note = CellNoteFactory(cell=cell, published=True, sightings=sightings)
            note.record_readings({sightings[0].pk: ("affirms", "")})

    notes(1)
    with django_assert_num_queries(3) as few:
        client.get(f"/cells/{cell.slug}/feed/")
    notes(4)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(f"/cells/{cell.slug}/feed/")


@pytest.mark.parametrize("count", SIZES)
def test_the_note_editor_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, count
):
    convenor_of_cell = UserFactory(first_name="Olu")
    cell = CellFactory(name="Changing practices", convenors=[convenor_of_cell])
    client.force_login(convenor_of_cell)
    sightings = SightingFactory.create_batch(count, published=True, title="Shared lunch")
    note = CellNoteFactory(cell=cell, sightings=sightings)
    with django_assert_max_num_queries(12):
        page(client, note.get_edit_url() + "?find-q=lunch")
    data = complete(sightings=[s.pk for s in sightings], action="preview")
    with django_assert_max_num_queries(14):
        assert client.post(note.get_edit_url(), data).status_code == 200


# --- Open data


@pytest.mark.parametrize("count", SIZES)
def test_exports_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, count):
    author = UserFactory()
    for n in range(count):
        SightingFactory(published=True, author=author, themes=["food", "housing"][: 1 + n % 2])
    # The file is read in a transaction: within a test's own, a savepoint and its release.
    for path in ["/sightings/export.csv?shift=me-to-we", "/sightings/export.json"]:
        with django_assert_max_num_queries(10):
            body(client.get(path))


# --- A practitioner's own pages


@pytest.mark.parametrize("count", SIZES)
def test_my_sightings_runs_a_fixed_number_of_queries(
    client, author, count, django_assert_max_num_queries
):
    client.force_login(author)
    for _ in range(count):
        SightingFactory(author=author, published=True, shifts=["me-to-we", "doubting-to-trusting"])
    with django_assert_max_num_queries(6):
        page(client, "/me/")


@pytest.mark.parametrize("count", SIZES)
def test_the_form_runs_a_fixed_number_of_queries_however_many_themes(
    client, author, count, django_assert_max_num_queries
):
    client.force_login(author)
    SightingFactory(published=True, themes=[f"theme {number}" for number in range(count)])
    # The themes offered are the kept counts (sightings/counts.py), computed once per
    # change to what is published: warm them, so that what is measured is the form.
    client.get(NEW)
    with django_assert_max_num_queries(7):
        response = page(client, NEW)
    assert response.content.decode().count('<option value="theme ') == count


@pytest.mark.parametrize("count", SIZES)
def test_the_history_on_the_sighting_page_runs_a_fixed_number_of_queries(
    client, author, convenor, count, django_assert_max_num_queries
):
    client.force_login(author)
    sighting = SightingFactory(author=author)
    for _ in range(count):
        sighting.changes.create(actor=convenor, from_status="submitted", to_status="returned")
        sighting.changes.create(actor=author, from_status="returned", to_status="submitted")
    with django_assert_max_num_queries(12):
        response = page(client, sighting.get_absolute_url())
    assert response.content.decode().count("Returned with feedback</strong>") == count


# --- Convenors' pages


@pytest.fixture
def as_convenor(client, convenor):
    client.force_login(convenor)
    return client


@pytest.mark.parametrize("count", SIZES)
def test_the_queue_runs_a_fixed_number_of_queries(
    as_convenor, count, django_assert_max_num_queries
):
    for _ in range(count):
        SightingFactory(submitted=True, shifts=["me-to-we", "competing-to-co-operating"])
    with django_assert_max_num_queries(8):
        page(as_convenor, "/review/")


@pytest.mark.parametrize("count", SIZES)
def test_the_themes_page_runs_a_fixed_number_of_queries(
    as_convenor, count, django_assert_max_num_queries
):
    for number in range(count):
        SightingFactory(themes=[f"theme {number}", "shared"])
    with django_assert_max_num_queries(8):
        page(as_convenor, "/review/themes/")


def test_the_review_places_page_runs_a_fixed_number_of_queries(
    as_convenor, django_assert_max_num_queries
):
    for number in range(30):
        at(f"Village {number}")
    with django_assert_max_num_queries(10):
        page(as_convenor, reverse("review:places"))


# --- The first request after a change, which fills the kept counts


@pytest.mark.parametrize("count", SIZES)
@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/", 56),
        ("/sightings/?shift=me-to-we&theme=food", 58),
        ("/themes/", 40),
        ("/themes/food/", 66),
        ("/shifts/", 22),
        ("/shifts/me-to-we/", 56),
    ],
)
def test_the_first_request_after_a_change_runs_a_bounded_number_of_queries(
    client, make_sightings, django_assert_max_num_queries, count, url, limit
):
    make_sightings(count)
    # Each cache write on the database cache is several queries (count, select, write),
    # within a savepoint when in a transaction, as every test is (core/caches.py); each
    # kept value reads the generation, then the entries. The counts come from the
    # tallies once a check that they are in step is kept (sightings/tallies.py).
    with django_assert_max_num_queries(limit):
        page(client, url)
