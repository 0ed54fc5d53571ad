"""A theme's sightings are listed newest seen first from the dates its links carry.

The links copy the sighting's dates by database triggers, on SQLite as on PostgreSQL,
so these run on both.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from sightings import search
from sightings.models import Sighting, Theme, ThemedSighting
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 14)


def link_dates(sighting, theme="food"):
    link = ThemedSighting.objects.get(content_object=sighting, tag__slug=theme)
    return link.date_observed, link.published_at


def listed(client, address):
    client.force_login(UserFactory())
    response = client.get(address)
    assert response.status_code == 200
    return [sighting.title for sighting in response.context["page"].object_list]


def test_a_new_link_carries_the_sightings_dates():
    sighting = SightingFactory(published=True, date_observed=DAY, themes=["food"])

    assert link_dates(sighting) == (DAY, sighting.published_at)


def test_a_submitted_link_takes_the_dates_the_sighting_is_published_with(convenor):
    sighting = SightingFactory(submitted=True, date_observed=DAY, themes=["food"])
    assert link_dates(sighting) == (DAY, None)

    sighting.publish(by=convenor)

    sighting.refresh_from_db()
    assert sighting.published_at is not None
    assert link_dates(sighting) == (DAY, sighting.published_at)


def test_a_changed_date_reaches_every_link_however_it_is_written():
    sighting = SightingFactory(published=True, date_observed=DAY, themes=["food", "housing"])
    sighting.date_observed = DAY - datetime.timedelta(days=3)
    sighting.save()
    assert link_dates(sighting, "food")[0] == DAY - datetime.timedelta(days=3)

    later = timezone.now() + datetime.timedelta(hours=1)
    Sighting.objects.filter(pk=sighting.pk).update(date_observed=DAY, published_at=later)

    assert link_dates(sighting, "food") == (DAY, later)
    assert link_dates(sighting, "housing") == (DAY, later)


def test_a_link_moved_to_another_sighting_takes_that_sightings_dates():
    first = SightingFactory(published=True, date_observed=DAY, themes=["food"])
    other = SightingFactory(published=True, date_observed=DAY - datetime.timedelta(days=40))

    ThemedSighting.objects.filter(content_object=first).update(content_object=other)

    assert link_dates(other) == (other.date_observed, other.published_at)


def test_a_themes_list_is_newest_seen_first_whatever_order_they_were_published_in(client):
    for title, days_ago in [("Seen first", 30), ("Seen last", 2), ("Seen between", 10)]:
        SightingFactory(
            published=True,
            title=title,
            themes=["food"],
            date_observed=timezone.localdate() - datetime.timedelta(days=days_ago),
        )
    SightingFactory(published=True, title="Another theme", themes=["housing"])

    expected = ["Seen last", "Seen between", "Seen first"]
    assert listed(client, "/sightings/?theme=food") == expected
    assert listed(client, "/themes/food/") == expected


def test_a_themes_list_follows_a_changed_date(client):
    older = SightingFactory(published=True, title="Older", themes=["food"], date_observed=DAY)
    SightingFactory(
        published=True, title="Newer", themes=["food"], date_observed=DAY + datetime.timedelta(1)
    )
    assert listed(client, "/sightings/?theme=food&shift=me-to-we") == ["Newer", "Older"]

    older.date_observed = DAY + datetime.timedelta(days=5)
    older.save()

    assert listed(client, "/sightings/?theme=food&shift=me-to-we") == ["Older", "Newer"]


def test_a_theme_and_a_draft_with_it_list_only_the_published(client):
    SightingFactory(published=True, title="Published", themes=["food"])
    SightingFactory(title="Draft", themes=["food"])

    assert listed(client, "/sightings/?theme=food") == ["Published"]


def test_one_theme_is_joined_and_several_are_asked_for_by_id():
    food, _created = Theme.objects.get_or_create(slug="food", defaults={"name": "food"})
    one = Sighting.objects.with_theme_ids(food.pk).newest_seen_first()
    several = Sighting.objects.with_theme_ids(food.pk, food.pk + 1).newest_seen_first()

    link_date = '"sightings_themedsighting"."date_observed" DESC'
    assert str(one.query).count("JOIN") == 1
    assert link_date in str(one.query)
    assert "JOIN" not in str(several.query)
    assert link_date not in str(several.query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search vectors are PostgreSQL's")
def test_a_link_moved_to_another_theme_still_rewrites_the_search_words():
    sighting = SightingFactory(published=True, title="Street group", themes=["food"])
    housing = Theme.objects.create(name="housing", slug="housing")

    ThemedSighting.objects.filter(content_object=sighting).update(tag=housing)

    words = Sighting.objects.filter(pk=sighting.pk)
    assert words.filter(search_vector=search.search_query("housing")).exists()
    assert not words.filter(search_vector=search.search_query("food")).exists()
