"""What is kept in the cache, and that it is never stale.

Whole pages are kept for visitors (core/page_cache.py): what they vary by, whom they
are never served to, and every change to what is public that makes them be rendered
again. Counts are kept between changes to what is published (sightings/counts.py,
core/generation.py), and every change shows at once. How the cache fails, and why the
site carries on without it, is in test_cache_faults.py; the queries each page runs when
rendered afresh are bounded in test_query_counts.py.
"""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.urls import set_script_prefix

from cells.models import CellNote
from core import generation, page_cache
from sightings.models import FollowUp, Shift, Sighting, Theme
from tests.factories import CellNoteFactory, FollowUpFactory, SightingFactory

pytestmark = pytest.mark.django_db


def text(client, url):
    return client.get(url).content.decode()


def entries_kept():
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM observatory_entries")
        return cursor.fetchone()[0]


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(queries)


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


# --- Whom a kept page is served to, and under which address


def test_each_query_string_is_kept_apart(client):
    SightingFactory(published=True, title="Lunch club", shifts=["me-to-we"])
    SightingFactory(published=True, title="Budget trusted", shifts=["doubting-to-trusting"])
    assert "Budget trusted" not in text(client, "/sightings/?shift=me-to-we")
    assert "Lunch club" not in text(client, "/sightings/?shift=doubting-to-trusting")
    assert "Budget trusted" in text(client, "/sightings/?shift=doubting-to-trusting")
    assert "Lunch club" in text(client, "/sightings/?shift=me-to-we&shift=doubting-to-trusting")


def test_signed_in_people_get_their_own_page_not_the_visitors_copy(client, practitioner):
    SightingFactory(published=True)
    client.get("/sightings/")
    client.force_login(practitioner)
    assert "Signed in as" in client.get("/sightings/").content.decode()
    client.logout()
    assert "Signed in as" not in client.get("/sightings/").content.decode()


def test_a_visitor_with_a_message_waiting_gets_a_page_of_their_own(client):
    SightingFactory(published=True, title="Lunch club")
    client.get("/sightings/")
    waiting = [Message(constants.SUCCESS, "Your settings are saved.")]
    client.cookies["messages"] = CookieStorage(HttpRequest())._encode(waiting)
    response = client.get("/sightings/")
    assert "Your settings are saved." in response.content.decode()
    # Rendered afresh (it has a context), not read back from the cache.
    assert response.context is not None


def test_a_page_with_a_form_token_is_never_kept(rf):
    rendered = []

    def page(request, with_token):
        rendered.append(request.path)
        return HttpResponse(get_token(request) if with_token else "the same for everyone")

    kept_page = page_cache.for_visitors(page)
    for path, with_token in [("/plain/", False), ("/form/", True)]:
        for _ in range(2):
            request = rf.get(path)
            request.user = AnonymousUser()
            kept_page(request, with_token)
    # The same view without a token is kept, rendered once: only the token stops /form/
    # from being kept, so this fails the day tokens are overlooked.
    assert rendered == ["/plain/", "/form/", "/form/"]


def test_made_up_parameters_keep_nothing_and_known_ones_share_an_entry(client):
    SightingFactory(published=True)
    client.get("/sightings/")
    client.get("/sightings/?shift=me-to-we&setting=education")
    kept = entries_kept()
    for number in range(10):
        client.get(f"/sightings/?utm_source=flood{number}")
    assert entries_kept() == kept
    assert queries_for(client, "/sightings/?setting=education&q=&shift=me-to-we") == 2
    # Served the page kept for the parameters the list reads, not rendered again.
    assert queries_for(client, "/sightings/?shift=me-to-we&setting=education&utm_source=x") == 2


def test_a_visitor_asking_for_no_cache_gets_the_kept_page(client):
    SightingFactory(published=True)
    client.get("/sightings/")
    assert queries_for(client, "/sightings/", headers={"cache-control": "no-cache"}) == 2


def test_a_made_up_session_cookie_gets_the_kept_page(client):
    SightingFactory(published=True)
    client.get("/sightings/")
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "madeup0123456789abcdefghijklmnop"
    # The session is looked up, found empty, and the kept page served.
    assert queries_for(client, "/sightings/") == 3


def test_a_made_up_messages_cookie_gets_the_kept_page(client):
    SightingFactory(published=True)
    client.get("/sightings/")
    client.cookies["messages"] = "made-up"
    assert queries_for(client, "/sightings/") == 2


def test_a_kept_page_keeps_the_headers_the_view_set(client):
    SightingFactory(published=True)
    first = client.get("/sitemap.xml")
    kept = client.get("/sitemap.xml")
    assert first["X-Robots-Tag"]
    assert kept["X-Robots-Tag"] == first["X-Robots-Tag"]
    assert kept["Content-Type"] == first["Content-Type"]


def test_a_kept_page_is_served_to_visitors_in_two_queries(client, django_assert_num_queries):
    SightingFactory.create_batch(3, published=True)
    client.get("/sightings/")
    # The generation, then the page.
    with django_assert_num_queries(2):
        assert client.get("/sightings/").status_code == 200


# --- Every change to what is public shows at once


def test_a_follow_up_shows_on_the_lasting_list_at_once(client):
    sighting = SightingFactory(published=True, title="Lunch club")
    assert "Lunch club" not in text(client, "/sightings/?lasting=1")
    follow_up = FollowUpFactory(sighting=sighting, outcome=FollowUp.Outcome.STILL_HAPPENING)
    assert "Lunch club" in text(client, "/sightings/?lasting=1")
    follow_up.delete()
    assert "Lunch club" not in text(client, "/sightings/?lasting=1")


def test_a_renamed_theme_shows_on_kept_pages(client):
    SightingFactory(published=True, themes=["school meals"])
    assert "School meals" in text(client, "/themes/") or "school meals" in text(client, "/themes/")
    Theme.objects.get(slug="school-meals").rename("Free school lunches")
    page = text(client, "/themes/")
    assert "Free school lunches" in page or "free school lunches" in page
    assert "school-meals/" not in page


def test_a_merged_theme_leaves_the_kept_pages(client):
    SightingFactory(published=True, themes=["lunches"])
    SightingFactory(published=True, themes=["meals"])
    assert "/themes/lunches/" in text(client, "/sightings/")
    Theme.objects.get(slug="lunches").merge_into(Theme.objects.get(slug="meals"))
    assert "/themes/lunches/" not in text(client, "/sightings/")


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


def test_an_evicted_generation_is_never_mistaken_for_the_old_one(client):
    SightingFactory(published=True, shifts=["me-to-we"])
    assert result_count(client, "/sightings/") == 1
    cache.delete(generation.GENERATION_KEY)
    # A change behind the ORM's back, then the generation lost: nothing stale is served.
    Sighting.objects.update(status=Sighting.Status.WITHDRAWN)
    assert result_count(client, "/sightings/") == 0


def test_addresses_worked_out_once_still_follow_the_script_prefix():
    shift = Shift.objects.get(slug="me-to-we")
    assert shift.get_absolute_url() == "/shifts/me-to-we/"
    set_script_prefix("/observatory/")
    try:
        assert shift.get_absolute_url() == "/observatory/shifts/me-to-we/"
    finally:
        set_script_prefix("/")


class _CountedGenerationReads:
    """The default cache, counting how often the generation is read from it."""

    def __init__(self, cache):
        self.cache = cache
        self.reads = 0

    def get(self, key, *args, **kwargs):
        if key == generation.GENERATION_KEY:
            self.reads += 1
        return self.cache.get(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_a_page_reads_the_generation_once_for_all_it_keeps(client, author, monkeypatch):
    SightingFactory.create_batch(3, published=True, place="Walsall", themes=["food"])
    counted = _CountedGenerationReads(generation.cache)
    monkeypatch.setattr(generation, "cache", counted)
    client.force_login(author)

    response = client.get("/sightings/", {"theme": "food"})

    assert response.status_code == 200
    assert counted.reads == 1


def test_a_request_that_publishes_reads_the_new_generation_after(convenor, rf):
    sighting = SightingFactory(submitted=True)
    seen = []

    def publish_between_reads(request):
        seen.append(generation.generation())
        sighting.publish(by=convenor)
        seen.append(generation.generation())
        return HttpResponse()

    generation.OneGenerationPerRequest(publish_between_reads)(rf.get("/"))

    assert None not in seen
    assert seen[0] != seen[1]
