import re

import pytest
from django.urls import reverse

from sightings.models import Sighting
from tests.factories import CellFactory, CellNoteFactory, FollowUpFactory, SightingFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATUSES = [
    Sighting.Status.DRAFT,
    Sighting.Status.SUBMITTED,
    Sighting.Status.RETURNED,
    Sighting.Status.DECLINED,
    Sighting.Status.WITHDRAWN,
]
PUBLIC_PAGES = ["/", "/sightings/", "/shifts/", "/shifts/me-to-we/", "/themes/", "/cells/"]


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/healthz", "/robots.txt"])
def test_public_pages_answer_for_visitors(client, url):
    SightingFactory(published=True, themes=["mutual aid"])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_an_unpublished_sighting_is_404_for_visitors(client, status):
    sighting = SightingFactory(status=status, title="Hidden from the public")
    assert client.get(sighting.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_an_unpublished_sighting_is_404_for_another_practitioner(client, practitioner, status):
    sighting = SightingFactory(status=status)
    client.force_login(practitioner)
    assert client.get(sighting.get_absolute_url()).status_code == 404


def test_the_author_sees_their_own_draft(client, author):
    sighting = SightingFactory(author=author)
    client.force_login(author)
    response = client.get(sighting.get_absolute_url())
    assert response.status_code == 200
    assert "is draft and is not public" in response.content.decode().replace("  ", " ")


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
@pytest.mark.parametrize("url", PUBLIC_PAGES + ["/themes/secret-theme/"])
def test_unpublished_sightings_are_absent_from_every_list_and_count(client, status, url):
    SightingFactory(status=status, title="Hidden from the public", themes=["secret theme"])
    response = client.get(url)
    body = response.content.decode()
    assert "Hidden from the public" not in body
    assert "secret theme" not in body
    if response.status_code == 200 and url.startswith("/shifts/"):
        assert "<strong>1</strong>" not in body


def test_shift_counts_on_the_home_page_count_only_published(client):
    SightingFactory.create_batch(3, published=True, shifts=["me-to-we"])
    SightingFactory(status=Sighting.Status.SUBMITTED, shifts=["me-to-we"])
    response = client.get("/")
    me_to_we = next(s for s in response.context["shifts"] if s.slug == "me-to-we")
    assert me_to_we.published_count == 3


def test_the_list_shows_newest_published_first(client):
    older = SightingFactory(published=True, title="Older")
    newer = SightingFactory(published=True, title="Newer")
    Sighting.objects.filter(pk=older.pk).update(published_at=newer.published_at.replace(year=2022))
    titles = [s.title for s in client.get("/sightings/").context["page"].object_list]
    assert titles == ["Newer", "Older"]


def test_the_list_shows_twenty_a_page(client):
    SightingFactory.create_batch(25, published=True)
    first = client.get("/sightings/").context["page"]
    second = client.get("/sightings/?page=2").context["page"]
    assert len(first.object_list) == 20
    assert len(second.object_list) == 5


def _titles(client, query):
    return {s.title for s in client.get(f"/sightings/?{query}").context["page"].object_list}


def test_filtering_by_one_shift(client):
    SightingFactory(published=True, title="Trust", shifts=["doubting-to-trusting"])
    SightingFactory(published=True, title="We", shifts=["me-to-we"])
    assert _titles(client, "shift=me-to-we") == {"We"}


def test_filtering_by_two_shifts_matches_either(client):
    SightingFactory(published=True, title="Trust", shifts=["doubting-to-trusting"])
    SightingFactory(published=True, title="We", shifts=["me-to-we"])
    SightingFactory(published=True, title="Enable", shifts=["controlling-to-enabling"])
    assert _titles(client, "shift=me-to-we&shift=doubting-to-trusting") == {"Trust", "We"}


def test_a_sighting_with_two_matching_shifts_is_listed_once(client):
    SightingFactory(published=True, title="Both", shifts=["doubting-to-trusting", "me-to-we"])
    page = client.get("/sightings/?shift=me-to-we&shift=doubting-to-trusting").context["page"]
    assert [s.title for s in page.object_list] == ["Both"]


def test_filtering_by_theme(client):
    SightingFactory(published=True, title="Lunch", themes=["food", "loneliness"])
    SightingFactory(published=True, title="Budget", themes=["housing"])
    assert _titles(client, "theme=loneliness") == {"Lunch"}
    assert _titles(client, "theme=food&theme=housing") == {"Lunch", "Budget"}


def test_filtering_by_shift_and_theme_together(client):
    SightingFactory(published=True, title="A", shifts=["me-to-we"], themes=["food"])
    SightingFactory(published=True, title="B", shifts=["me-to-we"], themes=["housing"])
    SightingFactory(published=True, title="C", shifts=["doubting-to-trusting"], themes=["food"])
    assert _titles(client, "shift=me-to-we&theme=food") == {"A"}


@pytest.mark.parametrize(
    "query", ["page=abc", "page=9999", "shift=no-such-shift", "theme=no-such-theme", "shift="]
)
def test_bad_filter_values_never_break_the_list(client, query):
    SightingFactory(published=True)
    assert client.get(f"/sightings/?{query}").status_code == 200


def test_the_theme_page_lists_its_published_sightings(client):
    SightingFactory(published=True, title="Lunch club", themes=["loneliness"])
    SightingFactory(title="Draft lunch", themes=["loneliness"])
    response = client.get(reverse("sightings:theme-detail", kwargs={"slug": "loneliness"}))
    assert [s.title for s in response.context["page"].object_list] == ["Lunch club"]


def test_the_theme_index_counts_published_sightings_only(client):
    SightingFactory.create_batch(2, published=True, themes=["food"])
    SightingFactory(status=Sighting.Status.WITHDRAWN, themes=["food"])
    themes = {t.name: t.published_count for t in client.get("/themes/").context["themes"]}
    assert themes == {"food": 2}


def test_a_sighting_shows_its_newest_follow_up_first(client):
    sighting = SightingFactory(published=True)
    FollowUpFactory(sighting=sighting, outcome="faded", observed_on="2024-01-01")
    FollowUpFactory(sighting=sighting, outcome="grown", observed_on="2025-01-01")
    body = client.get(sighting.get_absolute_url()).content.decode()
    assert body.index("Grown") < body.index("Faded")


def test_a_draft_note_is_404_and_absent_from_its_cell(client):
    cell = CellFactory()
    draft = CellNoteFactory(cell=cell, title="Unfinished note")
    CellNoteFactory(cell=cell, title="Finished note", published=True)
    assert client.get(draft.get_absolute_url()).status_code == 404
    body = client.get(cell.get_absolute_url()).content.decode()
    assert "Finished note" in body
    assert "Unfinished note" not in body


def test_a_published_note_shows_only_its_published_sightings(client):
    shown = SightingFactory(published=True, title="Still public")
    withdrawn = SightingFactory(published=True, title="Later withdrawn")
    note = CellNoteFactory(published=True, sightings=[shown, withdrawn])
    withdrawn.withdraw(by=withdrawn.author)
    body = client.get(note.get_absolute_url()).content.decode()
    assert "Still public" in body
    assert "Later withdrawn" not in body


def test_a_published_sighting_says_which_notes_discussed_it(client):
    sighting = SightingFactory(published=True)
    CellNoteFactory(published=True, title="The June meeting", sightings=[sighting])
    CellNoteFactory(title="A draft meeting", sightings=[sighting])
    body = client.get(sighting.get_absolute_url()).content.decode()
    assert "Discussed in" in body
    assert "The June meeting" in body
    assert "A draft meeting" not in body


def test_healthz_answers_ok_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_robots_txt_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_later_pages_of_a_list_have_their_own_title(client):
    for number in range(21):
        SightingFactory(published=True, title=f"Sighting {number}")

    first = client.get("/sightings/").content.decode()
    second = client.get("/sightings/?page=2").content.decode()

    assert "<title>Sightings · The Observatory</title>" in first
    assert "<title>Sightings, page 2 · The Observatory</title>" in second


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
