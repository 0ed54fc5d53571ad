"""What keeps pages cheap at a million sightings: capped counts, sampled facets, pages
read onward from where the last ended, the theme index in pages and kept place tallies.

Each page here is rendered afresh (signed in), so the page cache cannot answer for it.
"""

import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from sightings import counts, filters, paging, views
from sightings.models import Place, Sighting
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    client.force_login(UserFactory())
    return client


def seen(days_ago, **fields):
    """A published sighting seen the given number of days ago."""
    return SightingFactory(
        published=True,
        date_observed=timezone.localdate() - datetime.timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def seven(db):
    # Newest seen first: S0 (1 day ago) ... S6 (7 days ago).
    return [seen(days + 1, title=f"S{days}") for days in range(7)]


@pytest.fixture
def small_limits(monkeypatch, settings):
    monkeypatch.setattr(filters, "COUNT_LIMIT", 4)
    monkeypatch.setattr(views, "COUNT_LIMIT", 4)
    settings.SIGHTINGS_PER_PAGE = 2


def shown(response):
    return [sighting.title for sighting in response.context["page"].object_list]


def test_a_count_beyond_the_limit_is_said_as_more_than(reader, seven, small_limits):
    response = reader.get("/sightings/")
    facets = response.context["facets"]
    assert (facets["total"], facets["capped"], facets["sample"]) == (4, True, 4)
    html = response.content.decode()
    assert "More than 4 sightings" in html
    assert "The numbers in brackets count the newest 4 of these sightings." in html
    # The facets count the four newest only.
    me_to_we = next(shift for shift in facets["shifts"] if shift["slug"] == "me-to-we")
    assert me_to_we["count"] == 4


def test_a_count_within_the_limit_is_exact_and_unlabelled(reader, seven, small_limits):
    response = reader.get("/sightings/?to=" + str(timezone.localdate() - datetime.timedelta(4)))
    facets = response.context["facets"]
    # Exactly as many as the limit is not more than it: S3 to S6.
    assert (facets["total"], facets["capped"], facets["sample"]) == (4, False, None)
    assert "4 sightings" in response.content.decode()
    assert "numbers in brackets" not in response.content.decode()


def test_a_list_goes_on_past_its_numbered_pages_without_repeats(reader, seven, small_limits):
    response = reader.get("/sightings/?page=2")
    titles = ["S0", "S1"] + shown(response)
    assert shown(response) == ["S2", "S3"]
    onward = response.context["onward_url"]
    while onward:
        assert "after=" in onward and "page=" not in onward
        response = reader.get(f"/sightings/{onward}")
        assert response.context["first_page_url"] == "?"
        titles += shown(response)
        onward = response.context["onward_url"]
    assert titles == [f"S{n}" for n in range(7)]


def test_the_oldest_first_list_goes_on_too(reader, seven, small_limits):
    response = reader.get("/sightings/?sort=oldest&page=2")
    assert shown(response) == ["S4", "S3"]
    response = reader.get(f"/sightings/{response.context['onward_url']}")
    assert shown(response) == ["S2", "S1"]
    assert "sort=oldest" in response.context["onward_url"]


def test_an_address_of_its_own_making_is_never_an_error(reader, seven, small_limits):
    for after in ["nonsense", "2024-01-01~yesterday~1", "2024-01-01~2024-01-01T09:00~x", "~~"]:
        response = reader.get("/sightings/", {"after": after})
        assert response.status_code == 200
        assert shown(response) == ["S0", "S1"]
    # A well-formed position that no sighting holds starts after it all the same.
    far_back = "2000-01-01~2000-01-02T09:00:00+00:00~1"
    assert shown(reader.get("/sightings/", {"after": far_back})) == []


def test_a_cursor_names_a_sightings_sort_values():
    sighting = Sighting(
        pk=12,
        date_observed=datetime.date(2024, 5, 6),
        published_at=datetime.datetime(2024, 5, 8, 9, 30, tzinfo=datetime.UTC),
    )
    assert paging.decode(paging.encode(sighting)) == [
        sighting.date_observed,
        sighting.published_at,
        12,
    ]
    assert paging.decode("2024-05-06~2024-05-08T09:30:00~12") is None  # no time zone
    assert paging.encode(Sighting(pk=1, date_observed=datetime.date(2024, 1, 1))) is None


@pytest.mark.parametrize("count", [6, 30])
def test_pages_read_onward_cost_a_fixed_number_of_queries(
    reader, small_limits, django_assert_num_queries, count
):
    for n in range(count):
        seen(n + 1, themes=["food"])
    third = Sighting.objects.order_by("-date_observed")[2]
    after = "?" + urlencode({"after": paging.encode(third)})
    reader.get(f"/sightings/{after}")  # keeps the theme counts, as any first visit does
    with django_assert_num_queries(12):
        response = reader.get(f"/sightings/{after}&v={count}")
    assert response.status_code == 200
    # Read onward from the third: the page starts with the fourth.
    assert response.context["page"].number is None
    assert shown(response)[0] == Sighting.objects.order_by("-date_observed")[3].title


def test_the_theme_index_comes_in_pages(reader, monkeypatch, client):
    monkeypatch.setattr(views, "THEMES_PER_PAGE", 2)
    seen(1, themes=["apples", "bread", "cheese", "dates", "eggs"])
    first = reader.get("/themes/").content.decode()
    third = reader.get("/themes/?page=3").content.decode()
    assert "apples" in first and "bread" in first and "cheese" not in first
    assert "eggs" in third and "apples" not in third
    assert "Page 3 of 3" in third
    # A visitor's kept pages are kept apart, page by page.
    client.logout()
    assert "eggs" in client.get("/themes/?page=3").content.decode()
    assert "eggs" not in client.get("/themes/?page=1").content.decode()
    assert counts.themes_page(9, 2) == (3, list(counts.themes_with_counts())[4:], 5)


def test_a_place_page_reads_the_kept_tallies_not_its_own_count(reader, django_assert_num_queries):
    place = Place.objects.for_name("Carlisle")
    for n in range(3):
        seen(n + 1, place="Carlisle", place_ref=place, shifts=["me-to-we"])
    seen(4, place="Carlisle", place_ref=place, direction=Sighting.Direction.BACK)
    reader.get("/places/carlisle/")
    profile = reader.get("/places/carlisle/?setting=education").context["profile"]
    assert profile["total"] == 4 and profile["back"] == 1
    me_to_we = next(row for row in profile["shifts"] if row["shift"].slug == "me-to-we")
    assert (me_to_we["forward"], me_to_we["back"]) == (3, 1)
    # A new publication shows at once: the tallies are kept for one generation only.
    seen(5, place="Carlisle", place_ref=place)
    assert reader.get("/places/carlisle/").context["profile"]["total"] == 5
