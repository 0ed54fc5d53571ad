"""The filters of /sightings/, /shifts/<slug>/ and /themes/<slug>/, their chips and facets."""

import datetime

import pytest
from django.urls import reverse

from sightings import filters
from sightings.models import FollowUp, Sighting
from tests.factories import FollowUpFactory, SightingFactory

pytestmark = pytest.mark.django_db

EDUCATION = Sighting.Setting.EDUCATION
HEALTH = Sighting.Setting.HEALTH_AND_CARE


def titles(client, query, path="/sightings/"):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    return {sighting.title for sighting in response.context["page"].object_list}


@pytest.fixture
def mixed(db):
    """Five published sightings that differ in one way each, and one draft."""
    return {
        "school": SightingFactory(
            published=True,
            title="School",
            setting=EDUCATION,
            shifts=["me-to-we"],
            themes=["food"],
            place="Leeds",
            connection=Sighting.Connection.BONDING,
            date_observed=datetime.date(2024, 3, 1),
        ),
        "surgery": SightingFactory(
            published=True,
            title="Surgery",
            setting=HEALTH,
            shifts=["doubting-to-trusting"],
            themes=["loneliness"],
            place="Hackney, London",
            connection=Sighting.Connection.BRIDGING,
            date_observed=datetime.date(2024, 6, 1),
        ),
        "college": SightingFactory(
            published=True,
            title="College",
            setting=EDUCATION,
            shifts=["doubting-to-trusting", "me-to-we"],
            themes=["food", "housing"],
            place="Leeds",
            connection=Sighting.Connection.BRIDGING,
            date_observed=datetime.date(2024, 9, 1),
        ),
        "draft": SightingFactory(
            title="Draft", setting=EDUCATION, shifts=["me-to-we"], place="Leeds"
        ),
    }


def test_setting_alone(client, mixed):
    assert titles(client, "setting=education") == {"School", "College"}


def test_place_contains_ignoring_case(client, mixed):
    assert titles(client, "place=leeds") == {"School", "College"}
    assert titles(client, "place=hackney") == {"Surgery"}


def test_connection_alone(client, mixed):
    assert titles(client, "connection=bridging") == {"Surgery", "College"}


def test_date_observed_from_and_to(client, mixed):
    assert titles(client, "from=2024-05-01") == {"Surgery", "College"}
    assert titles(client, "to=2024-05-01") == {"School"}
    assert titles(client, "from=2024-05-01&to=2024-07-01") == {"Surgery"}


def test_lasting_shifts_use_the_newest_follow_up(client, mixed):
    FollowUpFactory(
        sighting=mixed["school"],
        outcome=FollowUp.Outcome.STOPPED,
        observed_on=datetime.date(2024, 1, 1),
    )
    FollowUpFactory(
        sighting=mixed["school"],
        outcome=FollowUp.Outcome.GROWN,
        observed_on=datetime.date(2025, 1, 1),
    )
    FollowUpFactory(
        sighting=mixed["surgery"],
        outcome=FollowUp.Outcome.GROWN,
        observed_on=datetime.date(2024, 1, 1),
    )
    FollowUpFactory(
        sighting=mixed["surgery"],
        outcome=FollowUp.Outcome.FADED,
        observed_on=datetime.date(2025, 1, 1),
    )
    assert titles(client, "lasting=1") == {"School"}


def test_filters_combine(client, mixed):
    assert titles(client, "setting=education&connection=bridging") == {"College"}
    assert titles(client, "shift=me-to-we&place=leeds&from=2024-06-01") == {"College"}
    assert titles(client, "theme=food&setting=education&to=2024-04-01") == {"School"}
    assert titles(client, "shift=doubting-to-trusting&theme=loneliness&q=surgery") == {"Surgery"}


def test_search_alone_on_any_database(client, mixed):
    assert titles(client, "q=college") == {"College"}


def test_drafts_never_match_any_filter(client, mixed):
    assert "Draft" not in titles(client, "setting=education&place=leeds&shift=me-to-we")
    assert "Draft" not in titles(client, "q=draft")


def test_oldest_first(client, mixed):
    for days, key in enumerate(["school", "surgery", "college"]):
        Sighting.objects.filter(pk=mixed[key].pk).update(
            published_at=mixed[key].published_at + datetime.timedelta(days=days)
        )
    page = client.get("/sightings/?sort=oldest").context["page"]
    assert [s.title for s in page.object_list] == ["School", "Surgery", "College"]
    page = client.get("/sightings/?sort=newest").context["page"]
    assert [s.title for s in page.object_list] == ["College", "Surgery", "School"]


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "shift=unknown",
        "theme=unknown",
        "setting=moon",
        "connection=weird",
        "from=notadate",
        "to=2024-13-45",
        "sort=bogus",
        "lasting=perhaps",
        "q=" + "a" * 5000,
        "q=%22unclosed",
        "q=%21%21%26%7C",
        "q=-",
        "q=OR",
    ],
)
def test_bad_values_never_give_a_server_error(client, mixed, query):
    for path in ["/sightings/", "/shifts/me-to-we/", "/themes/food/", "/sightings/feed/"]:
        assert client.get(f"{path}?{query}").status_code == 200, path
    for path in ["/sightings/export.csv", "/sightings/export.json"]:
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, path
        b"".join(response.streaming_content)


@pytest.mark.parametrize("query", ["place=%00", "q=a%00b", "shift=%00"])
def test_a_nul_character_is_refused_or_ignored_never_a_server_error(client, mixed, query):
    for path in ["/sightings/", "/sightings/feed/", "/sightings/export.csv"]:
        assert client.get(f"{path}?{query}").status_code in (200, 400), path


def test_a_bad_value_is_explained_and_the_rest_still_apply(client, mixed):
    response = client.get("/sightings/?setting=moon&from=notadate&place=leeds")
    html = response.content.decode()
    assert "Some filters were not understood" in html
    assert "Setting:" in html and "Seen from:" in html
    assert {s.title for s in response.context["page"].object_list} == {"School", "College"}


def test_each_active_filter_is_a_chip_that_removes_only_itself(client, mixed):
    response = client.get(
        "/sightings/?shift=me-to-we&shift=doubting-to-trusting&setting=education&place=leeds&page=1"
    )
    chips = {chip["label"]: chip for chip in response.context["active_filters"]}
    assert set(chips) == {
        "Shift: Me → We",
        "Shift: Doubting → Trusting",
        "Setting: Education",
        "Place contains “leeds”",
    }
    html = response.content.decode()
    # Removing one shift keeps the other and every other filter, and goes back to page one.
    assert 'href="?shift=doubting-to-trusting&amp;setting=education&amp;place=leeds"' in html
    assert 'href="?shift=me-to-we&amp;shift=doubting-to-trusting&amp;place=leeds"' in html


def test_chips_name_dates_themes_lasting_and_search(client, mixed):
    response = client.get("/sightings/?theme=food&from=2024-01-02&to=2024-12-31&lasting=1&q=tea")
    labels = [chip["label"] for chip in response.context["active_filters"]]
    assert labels == [
        "Theme: food",
        "Seen from 2 January 2024",
        "Seen up to 31 December 2024",
        "Only lasting shifts",
        "Search: “tea”",
    ]


def test_the_list_says_how_many_match(client, mixed):
    response = client.get("/sightings/?setting=education")
    assert response.context["page"].paginator.count == 2
    assert "2 sightings" in response.content.decode()


def test_facet_counts_equal_the_real_counts_of_the_filtered_set(client, mixed):
    for query in ["", "setting=education", "theme=food", "place=leeds&shift=me-to-we", "q=college"]:
        response = client.get(f"/sightings/?{query}")
        facets = response.context["facets"]
        filtered = response.context["filter"].qs
        ids = set(filtered.values_list("pk", flat=True))
        for shift in facets["shifts"]:
            real = Sighting.objects.filter(pk__in=ids, shifts__slug=shift["slug"]).count()
            assert shift["count"] == real, (query, shift)
        for setting in facets["settings"]:
            real = Sighting.objects.filter(pk__in=ids, setting=setting["value"]).count()
            assert setting["count"] == real, (query, setting)
        assert facets["total"] == len(ids)


def test_facets_show_beside_the_filters(client, mixed):
    html = client.get("/sightings/?setting=education").content.decode()
    assert 'Me → We <span class="count">(2)</span>' in html
    assert "Education (2)</option>" in html
    assert "Health and care (0)</option>" in html


def test_shift_page_takes_the_same_filters(client, mixed):
    path = reverse("sightings:shift-detail", kwargs={"slug": "me-to-we"})
    assert titles(client, "", path) == {"School", "College"}
    assert titles(client, "connection=bridging", path) == {"College"}
    assert titles(client, "to=2024-04-01", path) == {"School"}


def test_theme_page_takes_the_same_filters(client, mixed):
    path = reverse("sightings:theme-detail", kwargs={"slug": "food"})
    assert titles(client, "", path) == {"School", "College"}
    assert titles(client, "shift=doubting-to-trusting", path) == {"College"}
    assert titles(client, "place=nowhere", path) == set()


def test_theme_page_with_no_published_sighting_is_404(client, mixed):
    SightingFactory(themes=["secret"])
    assert client.get("/themes/secret/").status_code == 404


def test_filtered_pages_link_their_feed(client, mixed):
    html = client.get("/sightings/?shift=me-to-we&setting=education&page=1").content.decode()
    feed = "/sightings/feed/?shift=me-to-we&amp;setting=education"
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{feed}"' in html
    shift_html = client.get("/shifts/me-to-we/").content.decode()
    assert 'href="/sightings/feed/?shift=me-to-we"' in shift_html
    theme_html = client.get("/themes/food/?setting=education").content.decode()
    assert 'href="/sightings/feed/?setting=education&amp;theme=food"' in theme_html


def test_broad_facets_are_cached_until_what_is_published_changes(client, monkeypatch):
    SightingFactory.create_batch(3, published=True, setting=EDUCATION)
    SightingFactory(published=True, setting=HEALTH)
    assert client.get("/sightings/").context["facets"]["total"] == 4
    counted = []
    bounded_facets = filters._bounded_facets
    monkeypatch.setattr(
        filters, "_bounded_facets", lambda *args: counted.append(1) or bounded_facets(*args)
    )
    # The same set sorted another way is a new page, but its counts are kept.
    assert client.get("/sightings/?sort=oldest").context["facets"]["total"] == 4
    assert not counted
    newest = SightingFactory(published=True, setting=HEALTH)
    response = client.get("/sightings/")
    assert response.context["facets"]["total"] == 5
    assert response.context["page"].object_list[0] == newest
    # A narrow set (here two sightings) is counted exactly.
    assert client.get("/sightings/?setting=health-and-care").context["facets"]["total"] == 2


def test_an_unknown_shift_beside_a_known_one_keeps_the_known_one(client):
    SightingFactory(published=True, title="Lunch club", shifts=["me-to-we"])
    SightingFactory(published=True, title="Budget trusted", shifts=["doubting-to-trusting"])

    html = client.get("/sightings/?shift=bogus&shift=me-to-we").content.decode()

    assert "Lunch club" in html
    assert "Budget trusted" not in html


def test_a_reversed_date_range_is_explained_and_the_end_left_out(client):
    SightingFactory(published=True, title="Seen in 2023", date_observed=datetime.date(2023, 5, 1))

    html = client.get("/sightings/?from=2023-01-01&to=2020-01-01").content.decode()

    assert "comes before the “from” date" in html
    assert "Seen in 2023" in html


@pytest.mark.parametrize("value", ["0", "no", "off", "false", "maybe"])
def test_lasting_is_on_only_when_ticked(client, value):
    SightingFactory(published=True, title="Never followed up")

    html = client.get(f"/sightings/?lasting={value}").content.decode()

    assert "Never followed up" in html


def test_newest_and_oldest_go_by_the_date_seen(client):
    SightingFactory(published=True, title="Seen long ago", date_observed=datetime.date(2021, 1, 5))
    SightingFactory(published=True, title="Seen lately", date_observed=datetime.date(2025, 3, 9))

    newest = client.get("/sightings/?sort=newest").content.decode()
    oldest = client.get("/sightings/?sort=oldest").content.decode()

    assert newest.index("Seen lately") < newest.index("Seen long ago")
    assert oldest.index("Seen long ago") < oldest.index("Seen lately")


def test_the_form_offers_the_most_used_themes_to_filter_by(client):
    SightingFactory(published=True, title="Lunch club", themes=["food", "loneliness"])
    SightingFactory(published=True, title="Pantry", themes=["food"])
    SightingFactory(title="Unpublished", themes=["secret"])

    html = client.get("/sightings/?theme=loneliness").content.decode()

    assert '<label for="filter-theme">Add a theme</label>' in html
    assert '<option value="food">food (2)</option>' in html
    assert 'value="secret"' not in html
    assert '<option value="loneliness">' not in html
