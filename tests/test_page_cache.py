"""Pages kept for visitors: what they vary by, whom they are never served to, and
every change to what is public that makes them be rendered again."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from core import page_cache
from sightings.models import FollowUp, Theme
from tests.factories import FollowUpFactory, SightingFactory

pytestmark = pytest.mark.django_db


def text(client, url):
    return client.get(url).content.decode()


def test_each_query_string_is_kept_apart(client):
    SightingFactory(published=True, title="Lunch club", shifts=["me-to-we"])
    SightingFactory(published=True, title="Budget trusted", shifts=["doubting-to-trusting"])
    assert "Budget trusted" not in text(client, "/sightings/?shift=me-to-we")
    assert "Lunch club" not in text(client, "/sightings/?shift=doubting-to-trusting")
    assert "Budget trusted" in text(client, "/sightings/?shift=doubting-to-trusting")
    assert "Lunch club" in text(client, "/sightings/?shift=me-to-we&shift=doubting-to-trusting")


def test_a_signed_in_persons_page_is_never_kept_for_visitors(client, practitioner):
    SightingFactory(published=True)
    client.force_login(practitioner)
    assert "Signed in as" in text(client, "/sightings/")
    client.logout()
    assert "Signed in as" not in text(client, "/sightings/")


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
    assert rendered == ["/plain/", "/form/", "/form/"]


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
