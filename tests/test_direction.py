"""Which way a sighting moves along its shifts: forward, or slipping back."""

import csv
import io
import json

import feedparser
import pytest
from django.urls import reverse

from sightings.models import Sighting
from tests.factories import SightingFactory
from tests.test_authoring import NEW, full_sighting

pytestmark = pytest.mark.django_db

BACK = Sighting.Direction.BACK
FORWARD = Sighting.Direction.FORWARD


@pytest.fixture
def both_ways(db):
    return {
        "forward": SightingFactory(published=True, title="A rota handed to volunteers"),
        "back": SightingFactory(
            published=True, title="The rota taken back by the trustees", direction=BACK
        ),
        "hidden": SightingFactory(title="A draft slipping back", direction=BACK),
    }


def listed(client, query):
    response = client.get(f"/sightings/?{query}")
    assert response.status_code == 200
    return {sighting.title for sighting in response.context["page"].object_list}


def test_a_new_sighting_moves_forward_unless_told_otherwise(author):
    sighting = Sighting.objects.create(title="Untold", author=author)
    assert sighting.direction == FORWARD
    assert not sighting.is_slipping_back


def test_the_queryset_finds_what_slips_back(both_ways):
    assert list(Sighting.objects.published().slipping_back()) == [both_ways["back"]]
    assert list(Sighting.objects.published().moving(FORWARD)) == [both_ways["forward"]]


def test_the_form_asks_which_way_with_forward_chosen(client, author):
    client.force_login(author)
    html = client.get(NEW).content.decode()
    assert "Which way is it moving?" in html
    assert "Moving forward — for example, doubting → trusting" in html
    assert "Slipping back — for example, trusting → doubting" in html
    assert 'type="radio" name="direction" value="forward"' in html
    forward = html[html.index('value="forward"') : html.index('value="back"')]
    assert "checked" in forward


def test_a_slipping_back_sighting_is_submitted_as_such(client, author):
    client.force_login(author)
    client.post(NEW, full_sighting(direction="back"))
    assert Sighting.objects.get().direction == BACK


def test_a_draft_without_a_direction_moves_forward(client, author):
    client.force_login(author)
    client.post(NEW, {"title": "Half an idea", "action": "draft"})
    assert Sighting.objects.get().direction == FORWARD


def test_an_unknown_direction_on_the_form_is_an_error_beside_the_field(client, author):
    client.force_login(author)
    response = client.post(NEW, full_sighting(direction="sideways"))
    assert response.status_code == 200
    assert "direction" in response.context["form"].errors
    assert not Sighting.objects.exists()


def test_the_convenor_corrects_the_direction_while_reviewing(client, convenor):
    sighting = SightingFactory(submitted=True)
    client.force_login(convenor)
    url = reverse("review:sighting", kwargs={"pk": sighting.pk})
    page = client.get(url).content.decode()
    assert "Which way is it moving?" in page
    shifts = [shift.pk for shift in sighting.shifts.all()]
    preview = client.post(
        url, {"shifts": shifts, "direction": "back", "themes": "", "decision": "preview"}
    )
    assert "Slipping back" in preview.content.decode()
    sighting.refresh_from_db()
    assert sighting.direction == FORWARD
    client.post(url, {"shifts": shifts, "direction": "back", "themes": "", "decision": "publish"})
    sighting.refresh_from_db()
    assert (sighting.status, sighting.direction) == (Sighting.Status.PUBLISHED, BACK)


def test_cards_and_the_page_say_slipping_back_in_words(client, both_ways):
    listing = client.get("/sightings/").content.decode()
    assert listing.count('class="direction-badge">Slipping back<') == 1
    page = client.get(both_ways["back"].get_absolute_url()).content.decode()
    assert 'class="direction-badge">Slipping back<' in page
    forward = client.get(both_ways["forward"].get_absolute_url()).content.decode()
    assert "direction-badge" not in forward
    assert "Moving forward" in forward


def test_the_list_filters_by_direction_with_a_removable_chip(client, both_ways):
    assert listed(client, "direction=back") == {"The rota taken back by the trustees"}
    assert listed(client, "direction=forward") == {"A rota handed to volunteers"}
    html = client.get("/sightings/?direction=back").content.decode()
    assert "Which way: Slipping back" in html


@pytest.mark.parametrize("value", ["sideways", "BACK", "back'--", "%00"])
def test_an_unknown_direction_leaves_the_list_unfiltered(client, both_ways, value):
    response = client.get("/sightings/", {"direction": value})
    assert response.status_code == 200
    titles = {sighting.title for sighting in response.context["page"].object_list}
    assert titles == {"A rota handed to volunteers", "The rota taken back by the trustees"}


def test_the_feed_takes_the_direction_filter(client, both_ways):
    feed = feedparser.parse(client.get("/sightings/feed/?direction=back").content)
    assert [entry.title for entry in feed.entries] == ["The rota taken back by the trustees"]
    assert "Slipping back" in {tag.term for tag in feed.entries[0].tags}


def test_both_exports_carry_the_direction_and_take_its_filter(client, both_ways):
    text = b"".join(client.get("/sightings/export.csv").streaming_content).decode()
    rows = {row["title"]: row["direction"] for row in csv.DictReader(io.StringIO(text))}
    assert rows == {
        "A rota handed to volunteers": "forward",
        "The rota taken back by the trustees": "back",
    }
    body = b"".join(client.get("/sightings/export.json?direction=back").streaming_content)
    document = json.loads(body)
    assert "direction" in document["columns"]
    assert [(row["title"], row["direction"]) for row in document["sightings"]] == [
        ("The rota taken back by the trustees", "back")
    ]


def test_open_data_documents_the_direction_codes(client):
    html = client.get("/open-data/").content.decode()
    assert "<code>direction</code>" in html
    assert "<code>back</code>" in html
    assert "Slipping back — for example, trusting → doubting" in html
