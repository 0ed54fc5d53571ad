"""Cached counts and pages stay correct: every change to what is published shows at once.

Speed itself is measured by the benchmark (bench/run.py), not here.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import set_script_prefix

from cells.models import CellNote
from core import generation
from sightings.models import Shift, Sighting, Theme
from tests.factories import CellFactory, CellNoteFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


def shift_count(client, url, slug):
    """The count shown beside one shift on the home page or the shift index."""
    html = client.get(url).content.decode()
    name = re.escape(Shift.objects.get(slug=slug).name)
    found = re.search(rf"{name}</a></h[23]>\s*<p>.*?</p>\s*<p class=\"count\"><strong>(\d+)", html)
    return int(found[1])


def result_count(client, url):
    found = re.search(r'id="results-heading">(\d+) ', client.get(url).content.decode())
    return int(found[1])


def facet(client, url, slug):
    html = client.get(url).content.decode()
    found = re.search(rf'for="filter-shift-{slug}">[^<]*<span class="count">\((\d+)\)', html)
    return int(found[1])


@pytest.mark.parametrize("url", ["/", "/shifts/"])
def test_shift_counts_follow_publishing_and_withdrawing(client, convenor, author, url):
    SightingFactory(published=True, shifts=["me-to-we"])
    assert shift_count(client, url, "me-to-we") == 1
    sighting = SightingFactory(submitted=True, author=author, shifts=["me-to-we"])
    sighting.publish(by=convenor)
    assert shift_count(client, url, "me-to-we") == 2
    sighting.withdraw(by=author)
    assert shift_count(client, url, "me-to-we") == 1


def test_the_list_count_and_shift_facets_follow_a_change_of_shifts(client):
    sighting = SightingFactory(published=True, shifts=["me-to-we"])
    SightingFactory(published=True, shifts=["me-to-we"])
    assert result_count(client, "/sightings/?shift=me-to-we") == 2
    assert facet(client, "/sightings/", "doubting-to-trusting") == 0
    sighting.shifts.set(Shift.objects.filter(slug="doubting-to-trusting"))
    assert result_count(client, "/sightings/?shift=me-to-we") == 1
    assert facet(client, "/sightings/", "doubting-to-trusting") == 1


def test_a_draft_saved_does_not_start_a_new_generation(author):
    SightingFactory(published=True)
    before = generation.generation()
    draft = SightingFactory(author=author)
    draft.title = "Still a draft"
    draft.save()
    assert generation.generation() == before


def test_deleting_a_published_sighting_updates_the_counts(client):
    sighting = SightingFactory(published=True, shifts=["me-to-we"], themes=["food"])
    assert result_count(client, "/sightings/") == 1
    Sighting.objects.filter(pk=sighting.pk).delete()
    assert result_count(client, "/sightings/") == 0
    assert "food" not in client.get("/themes/").content.decode()


def test_the_theme_index_follows_tagging_and_renaming(client):
    sighting = SightingFactory(published=True, themes=["food"])
    assert re.search(r"food</a> <span class=\"count\">1<", client.get("/themes/").content.decode())
    sighting.themes.add("allotments")
    assert "allotments" in client.get("/themes/").content.decode()
    theme = Theme.objects.get(name="food")
    theme.name = "food banks"
    theme.save()
    html = client.get("/themes/").content.decode()
    assert "food banks" in html


def test_theme_and_shift_pages_follow_publishing(client, convenor, author):
    SightingFactory(published=True, shifts=["me-to-we"], themes=["food"])
    assert result_count(client, "/themes/food/") == 1
    assert result_count(client, "/shifts/me-to-we/") == 1
    sighting = SightingFactory(submitted=True, author=author, shifts=["me-to-we"], themes=["food"])
    sighting.publish(by=convenor)
    assert result_count(client, "/themes/food/") == 2
    assert result_count(client, "/shifts/me-to-we/") == 2


def test_a_visitor_sees_a_newly_published_sighting_at_once(client, convenor, author):
    SightingFactory(published=True, title="The first one")
    assert "The first one" in client.get("/sightings/").content.decode()
    sighting = SightingFactory(submitted=True, author=author, title="The second one")
    sighting.publish(by=convenor)
    assert "The second one" in client.get("/sightings/").content.decode()


def test_a_newly_published_cell_note_shows_on_the_home_page_at_once(client):
    note = CellNoteFactory(title="What we learned in March")
    assert "What we learned in March" not in client.get("/").content.decode()
    note.status = CellNote.Status.PUBLISHED
    note.save()
    assert "What we learned in March" in client.get("/").content.decode()


def test_a_renamed_shift_shows_on_kept_pages(client, staff):
    SightingFactory(published=True, shifts=["me-to-we"])
    client.get("/sightings/")
    shift = Shift.objects.get(slug="me-to-we")
    shift.name = "Me → Us"
    shift.save()
    assert "Me → Us" in client.get("/sightings/").content.decode()


def test_a_kept_page_is_served_to_visitors_in_two_queries(client, django_assert_num_queries):
    SightingFactory.create_batch(3, published=True)
    client.get("/sightings/")
    # The generation, then the page.
    with django_assert_num_queries(2):
        assert client.get("/sightings/").status_code == 200


def test_signed_in_people_get_their_own_page_not_the_visitors_copy(client, practitioner):
    SightingFactory(published=True)
    client.get("/sightings/")
    client.force_login(practitioner)
    assert "Signed in as" in client.get("/sightings/").content.decode()
    client.logout()
    assert "Signed in as" not in client.get("/sightings/").content.decode()


def test_a_deep_page_lists_the_right_sightings_in_order(client, settings):
    settings.SIGHTINGS_PER_PAGE = 2
    titles = [f"Sighting {n}" for n in range(5)]
    for title in titles:
        SightingFactory(published=True, title=title)
    html = client.get("/sightings/?page=2").content.decode()
    shown = re.findall(r'card__title"><a href="[^"]+">([^<]+)<', html)
    assert shown == ["Sighting 2", "Sighting 1"]
    assert "Page 2 of 3" in html


def test_a_page_past_the_end_shows_the_last_page(client, settings):
    settings.SIGHTINGS_PER_PAGE = 2
    SightingFactory.create_batch(3, published=True)
    assert "Page 2 of 2" in client.get("/sightings/?page=99").content.decode()
    assert "Page 1 of 2" in client.get("/sightings/?page=nonsense").content.decode()


def test_an_evicted_generation_is_never_mistaken_for_the_old_one(client):
    SightingFactory(published=True, shifts=["me-to-we"])
    assert result_count(client, "/sightings/") == 1
    cache.delete(generation.GENERATION_KEY)
    # A change behind the ORM's back, then the generation lost: nothing stale is served.
    Sighting.objects.update(status=Sighting.Status.WITHDRAWN)
    assert result_count(client, "/sightings/") == 0


def test_cell_shift_counts_count_each_discussed_sighting_once(client):
    trusting = SightingFactory(published=True, shifts=["doubting-to-trusting", "me-to-we"])
    we = SightingFactory(published=True, shifts=["me-to-we"])
    hidden = SightingFactory(status=Sighting.Status.WITHDRAWN, shifts=["me-to-we"])
    cell = CellFactory()
    CellNoteFactory(cell=cell, published=True, sightings=[trusting, we, hidden])
    CellNoteFactory(cell=cell, published=True, sightings=[trusting])
    CellNoteFactory(cell=cell, status=CellNote.Status.DRAFT, sightings=[we])
    counted = {shift.slug: shift.discussed_count for shift in cell.shift_counts()}
    assert counted == {
        "doubting-to-trusting": 1,
        "controlling-to-enabling": 0,
        "competing-to-co-operating": 0,
        "standardised-to-personalised": 0,
        "me-to-we": 2,
    }


def make_sightings(count):
    author = UserFactory()
    for n in range(count):
        SightingFactory(
            published=True,
            author=author,
            shifts=["me-to-we", "doubting-to-trusting"][: 1 + n % 2],
            themes=["food", "housing"][: 1 + n % 2],
        )


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/", 44),
        ("/sightings/?shift=me-to-we&theme=food", 46),
        ("/themes/", 38),
        ("/themes/food/", 54),
        ("/shifts/", 12),
        ("/shifts/me-to-we/", 44),
    ],
)
def test_the_first_request_after_a_change_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, count, url, limit
):
    make_sightings(count)
    # Each cache write on the database cache is several queries (count, select, write),
    # within a savepoint when in a transaction, as every test is (core/caches.py); each
    # kept value reads the generation, then the entries.
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_addresses_worked_out_once_still_follow_the_script_prefix():
    shift = Shift.objects.get(slug="me-to-we")
    assert shift.get_absolute_url() == "/shifts/me-to-we/"
    set_script_prefix("/observatory/")
    try:
        assert shift.get_absolute_url() == "/observatory/shifts/me-to-we/"
    finally:
        set_script_prefix("/")
