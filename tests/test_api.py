"""The read API's contract: each endpoint's shape, paging, caching, limits and errors."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openapi_spec_validator import validate

from cells.models import DiscussedSighting
from sightings.models import FollowUp, Place, Sighting
from tests.factories import CellFactory, CellNoteFactory, FollowUpFactory, SightingFactory

pytestmark = pytest.mark.django_db

SIGHTING_FIELDS = {
    "id",
    "url",
    "slug",
    "title",
    "summary",
    "story",
    "place",
    "date_observed",
    "setting",
    "connection",
    "direction",
    "place_ref",
    "shifts",
    "themes",
    "source_url",
    "published_at",
    "latest_follow_up",
}


def seen(days_ago):
    return datetime.date(2025, 6, 1) - datetime.timedelta(days=days_ago)


@pytest.fixture
def sightings(db):
    """Five published sightings, newest seen first, and one draft."""
    made = [
        SightingFactory(
            published=True,
            title=f"Seen {n}",
            date_observed=seen(n),
            themes=["food"] if n % 2 else ["housing"],
            shifts=["me-to-we"] if n % 2 else ["doubting-to-trusting"],
        )
        for n in range(5)
    ]
    SightingFactory(title="A draft", date_observed=seen(0))
    return made


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response, response.json()


def test_sightings_list_shows_published_newest_seen_first_with_every_public_field(
    client, sightings
):
    response, data = get_json(client, "/api/sightings/")
    assert response.status_code == 200
    assert [item["title"] for item in data["results"]] == [f"Seen {n}" for n in range(5)]
    assert data["next"] is None
    first = data["results"][0]
    assert set(first) == SIGHTING_FIELDS
    assert first["id"] == sightings[0].pk
    assert first["url"] == f"http://testserver{sightings[0].get_absolute_url()}"
    assert first["shifts"] == ["doubting-to-trusting"]
    assert first["themes"] == ["housing"]
    assert first["date_observed"] == seen(0).isoformat()
    assert first["direction"] == "forward"
    assert first["place_ref"] is None


@pytest.fixture
def placed(sightings):
    """Two of the sightings matched to Swansea, one of them slipping back; one in Hull."""
    for sighting, name in zip(sightings[:3], ["Swansea", "Swansea, UK", "Hull"], strict=True):
        sighting.place = name
        sighting.match_place()
        sighting.save()
    sightings[1].direction = Sighting.Direction.BACK
    sightings[1].save()
    return sightings


def test_sightings_say_which_way_they_move_and_the_place_they_were_matched_to(client, placed):
    _, data = get_json(client, "/api/sightings/")
    by_title = {item["title"]: item for item in data["results"]}
    assert by_title["Seen 0"]["place_ref"] == by_title["Seen 1"]["place_ref"] == "swansea"
    assert by_title["Seen 1"]["direction"] == "back"
    assert by_title["Seen 2"]["place_ref"] == "hull"
    assert by_title["Seen 4"]["place_ref"] is None


def test_direction_and_place_ref_filter_as_in_the_list(client, placed):
    _, data = get_json(client, "/api/sightings/?direction=back")
    assert [item["title"] for item in data["results"]] == ["Seen 1"]
    _, data = get_json(client, "/api/sightings/?place_ref=swansea")
    assert [item["title"] for item in data["results"]] == ["Seen 0", "Seen 1"]
    _, data = get_json(client, "/api/sightings/?place_ref=swansea&direction=forward")
    assert [item["title"] for item in data["results"]] == ["Seen 0"]


def test_a_renamed_places_old_slug_still_filters(client, placed):
    Place.objects.get(slug="swansea").rename("Abertawe")
    _, data = get_json(client, "/api/sightings/?place_ref=swansea")
    assert [item["place_ref"] for item in data["results"]] == ["abertawe", "abertawe"]


@pytest.mark.parametrize("query", ["direction=sideways", "place_ref=no-such-place"])
def test_an_unknown_direction_or_place_is_a_json_400_naming_it(client, placed, query):
    response, data = get_json(client, f"/api/sightings/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in data


def test_places_have_coordinates_counts_and_their_public_page(client, placed):
    SightingFactory(place="Carlisle").match_place()
    response, data = get_json(client, "/api/places/")
    assert response.status_code == 200
    assert [item["slug"] for item in data] == ["hull", "swansea"]
    swansea = data[1]
    assert swansea["id"] == Place.objects.get(slug="swansea").pk
    assert swansea["name"] == "Swansea"
    assert swansea["url"] == "http://testserver/places/swansea/"
    assert swansea["published_count"] == 2
    assert swansea["latitude"] == pytest.approx(51.62, abs=0.05)
    assert swansea["longitude"] == pytest.approx(-3.94, abs=0.05)
    assert swansea["region"] == "Wales"
    assert swansea["shift_counts"]["doubting-to-trusting"] == 1
    assert swansea["shift_counts"]["me-to-we"] == 1


def test_sightings_take_the_lists_filters(client, sightings):
    _, data = get_json(client, "/api/sightings/?theme=food&shift=me-to-we&sort=oldest")
    assert [item["title"] for item in data["results"]] == ["Seen 3", "Seen 1"]
    _, data = get_json(client, f"/api/sightings/?from={seen(2)}&to={seen(1)}")
    assert [item["title"] for item in data["results"]] == ["Seen 1", "Seen 2"]
    _, data = get_json(client, "/api/sightings/?q=Seen+4")
    assert "Seen 4" in [item["title"] for item in data["results"]]


def test_unknown_filters_are_ignored_as_in_the_list(client, sightings):
    _, data = get_json(client, "/api/sightings/?colour=blue&shift=no-such-shift")
    assert len(data["results"]) == 5


@pytest.mark.parametrize(
    "query, field",
    [
        ("from=yesterday", "from"),
        ("setting=nowhere", "setting"),
        (f"from={seen(0)}&to={seen(3)}", "to"),
        ("sort=sideways", "sort"),
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=99999999999999999999999", "page_size"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=eyJvcmRlciI6MX0", "cursor"),
    ],
)
def test_a_value_that_cannot_be_used_is_a_json_400_naming_it(client, sightings, query, field):
    response, data = get_json(client, f"/api/sightings/?{query}")
    assert response.status_code == 400
    assert field in data


def test_cursor_pages_through_every_sighting_once_in_order(client, sightings):
    url, titles = "/api/sightings/?page_size=2", []
    while url:
        response, data = get_json(client, url)
        assert response.status_code == 200
        assert len(data["results"]) <= 2
        titles += [item["title"] for item in data["results"]]
        url = data["next"]
    assert titles == [f"Seen {n}" for n in range(5)]


def test_cursor_is_stable_when_a_sighting_is_published_meanwhile(client, sightings):
    _, first = get_json(client, "/api/sightings/?page_size=2")
    SightingFactory(published=True, title="Newer", date_observed=seen(0))
    SightingFactory(published=True, title="Same day as the page's end", date_observed=seen(1))
    _, second = get_json(client, first["next"])
    assert [item["title"] for item in second["results"]] == ["Seen 2", "Seen 3"]


def test_a_cursor_from_another_order_is_refused(client, sightings):
    _, newest = get_json(client, "/api/sightings/?page_size=2")
    cursor = newest["next"].split("cursor=")[1].split("&")[0]
    response, data = get_json(client, f"/api/sightings/?sort=oldest&cursor={cursor}")
    assert response.status_code == 400
    assert "cursor" in data


def test_a_sighting_by_id(client, sightings):
    FollowUpFactory(sighting=sightings[1], outcome=FollowUp.Outcome.GROWN)
    response, data = get_json(client, f"/api/sightings/{sightings[1].pk}/")
    assert response.status_code == 200
    assert data["title"] == "Seen 1"
    assert data["latest_follow_up"] == "grown"
    assert set(data) == SIGHTING_FIELDS


def test_a_hidden_follow_up_is_not_the_latest(client, sightings, convenor):
    FollowUpFactory(
        sighting=sightings[1],
        outcome=FollowUp.Outcome.GROWN,
        observed_on=datetime.date(2025, 1, 1),
    )
    hidden = FollowUpFactory(
        sighting=sightings[1],
        outcome=FollowUp.Outcome.STOPPED,
        observed_on=datetime.date(2025, 2, 1),
    )
    hidden.hide(by=convenor, reason="Not about this sighting.")
    _, data = get_json(client, f"/api/sightings/{sightings[1].pk}/")
    assert data["latest_follow_up"] == "grown"


@pytest.mark.parametrize("status", sorted(set(Sighting.Status) - {Sighting.Status.PUBLISHED}))
def test_a_sighting_that_is_not_published_is_a_json_404(client, status):
    sighting = SightingFactory(status=status)
    response, data = get_json(client, f"/api/sightings/{sighting.pk}/")
    assert response.status_code == 404
    assert "detail" in data


@pytest.mark.parametrize("path", ["/api/sightings/abc/", "/api/sightings/99999999/", "/api/nope/"])
def test_bad_ids_and_addresses_are_json_404s(client, path):
    response, data = get_json(client, path)
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/sightings/", "/api/shifts/", "/api/insights/"])
def test_writing_methods_are_json_405s(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert "POST" not in response["Allow"]


def test_shifts_are_the_five_with_published_counts(client, sightings):
    _, data = get_json(client, "/api/shifts/")
    assert [shift["slug"] for shift in data][:2] == [
        "doubting-to-trusting",
        "controlling-to-enabling",
    ]
    assert len(data) == 5
    counts = {shift["slug"]: shift["published_count"] for shift in data}
    assert counts["me-to-we"] == 2
    assert counts["doubting-to-trusting"] == 3
    assert data[0]["url"].endswith(reverse("sightings:shift-detail", args=["doubting-to-trusting"]))


def test_themes_have_published_counts(client, sightings):
    SightingFactory(title="Draft about food", themes=["food", "secret draft theme"])
    _, data = get_json(client, "/api/themes/")
    assert {(theme["slug"], theme["published_count"]) for theme in data} == {
        ("food", 2),
        ("housing", 3),
    }


def test_cells_and_their_published_notes_with_the_published_sightings_they_link(client, sightings):
    cell = CellFactory(name="Better Way Leeds")
    withdrawn = SightingFactory(published=True)
    note = CellNoteFactory(cell=cell, published=True, sightings=[sightings[0], withdrawn])
    Sighting.objects.filter(pk=withdrawn.pk).update(status=Sighting.Status.WITHDRAWN)
    CellNoteFactory(cell=cell, title="Draft note")
    _, cells = get_json(client, "/api/cells/")
    assert cells[0]["slug"] == cell.slug
    assert cells[0]["published_note_count"] == 1
    _, notes = get_json(client, f"/api/cells/{cell.slug}/notes/")
    assert [item["title"] for item in notes] == [note.title]
    assert notes[0]["sightings"] == [sightings[0].pk]
    assert notes[0]["readings"] == [{"sighting": sightings[0].pk, "reading": None, "why": ""}]
    response, _ = get_json(client, "/api/cells/no-such-cell/notes/")
    assert response.status_code == 404


def test_places_read_the_same_number_of_queries_however_many_there_are(client, placed):
    # The first request starts the client's rate-limit counter; later ones add to it.
    client.get("/api/shifts/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/places/")
    for name in ["Leeds", "Cardiff", "Bangor", "Derby"]:
        sighting = SightingFactory(published=True, place=name)
        sighting.match_place()
        sighting.save()
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/places/").json()) == 6
    assert len(many.captured_queries) == len(few.captured_queries)


def test_notes_give_each_linked_sightings_reading_and_why(client, sightings):
    cell = CellFactory()
    note = CellNoteFactory(cell=cell, published=True, sightings=[sightings[1], sightings[0]])
    DiscussedSighting.objects.filter(note=note, sighting=sightings[1]).update(
        reading=DiscussedSighting.Reading.COMPLICATES, why="It worked only while funded."
    )
    _, notes = get_json(client, f"/api/cells/{cell.slug}/notes/")
    assert notes[0]["readings"] == [
        {"sighting": sightings[0].pk, "reading": None, "why": ""},
        {
            "sighting": sightings[1].pk,
            "reading": "complicates",
            "why": "It worked only while funded.",
        },
    ]


def test_insights_give_every_chart_of_the_page_with_its_note(client, sightings):
    _, charts = get_json(client, "/api/insights/")
    assert [chart["slug"] for chart in charts] == [
        "shifts-over-time",
        "forward-and-back",
        "shifts-by-setting",
        "places-compared",
        "bonding-and-bridging",
        "bridging-share",
        "how-shifts-last",
        "outcomes-per-shift",
    ]
    places = {chart["slug"]: chart for chart in charts}["places-compared"]
    assert "at least 5 published sightings" in places["note"]
    assert places["sentence"].startswith("Fewer than two places")


def test_insights_narrow_by_place_and_direction(client, placed):
    _, swansea = get_json(client, "/api/insights/?place_ref=swansea")
    _, back = get_json(client, "/api/insights/?direction=back")
    for charts, expected in ((swansea, 2), (back, 1)):
        by_setting = {chart["slug"]: chart for chart in charts}["shifts-by-setting"]
        assert sum(sum(row[1:]) for row in by_setting["rows"]) == expected


def test_insights_take_the_same_filters(client, sightings):
    _, everything = get_json(client, "/api/insights/")
    _, food = get_json(client, "/api/insights/?theme=food")
    by_setting = {chart["slug"]: chart for chart in everything}["shifts-by-setting"]
    food_by_setting = {chart["slug"]: chart for chart in food}["shifts-by-setting"]
    assert sum(sum(row[1:]) for row in by_setting["rows"]) == 5
    assert sum(sum(row[1:]) for row in food_by_setting["rows"]) == 2


def test_insights_refuse_a_filter_value_they_cannot_use(client, sightings):
    response, data = get_json(client, "/api/insights/?setting=nowhere")
    assert response.status_code == 400
    assert "setting" in data


def test_answers_carry_validators_and_a_304_for_a_current_copy(client, sightings):
    response = client.get("/api/sightings/?shift=me-to-we")
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Last-Modified"]
    etag = response["ETag"]
    again = client.get("/api/sightings/?shift=me-to-we", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(
        "/api/sightings/?shift=doubting-to-trusting", headers={"If-None-Match": etag}
    )
    assert other.status_code == 200


def test_a_publication_changes_the_etag(client, sightings, convenor):
    etag = client.get("/api/sightings/")["ETag"]
    submitted = SightingFactory(submitted=True)
    submitted.publish(by=convenor)
    response = client.get("/api/sightings/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Newer" not in etag and response["ETag"] != etag


def test_cors_lets_any_site_read_but_preflight_offers_get_only(client, sightings):
    response = client.get("/api/sightings/", headers={"Origin": "https://partner.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/sightings/",
        headers={
            "Origin": "https://partner.example",
            "Access-Control-Request-Method": "DELETE",
        },
    )
    allowed = {method.strip() for method in preflight["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    page = client.get("/sightings/", headers={"Origin": "https://partner.example"})
    assert "Access-Control-Allow-Origin" not in page


def test_each_client_is_rate_limited_with_retry_after(client, settings, sightings):
    settings.API_RATE = "3/m"
    for _ in range(3):
        assert client.get("/api/shifts/").status_code == 200
    response = client.get("/api/shifts/")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert 1 <= int(response["Retry-After"]) <= 60
    other = client.get("/api/shifts/", REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


def test_openapi_document_is_valid_and_lists_every_endpoint(client):
    response = client.get("/api/openapi.json")
    document = response.json()
    assert response.status_code == 200
    validate(document)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) >= {
        "/api/sightings/",
        "/api/sightings/{id}/",
        "/api/shifts/",
        "/api/themes/",
        "/api/places/",
        "/api/cells/",
        "/api/cells/{slug}/notes/",
        "/api/insights/",
    }
    parameters = {p["name"] for p in document["paths"]["/api/sightings/"]["get"]["parameters"]}
    assert parameters >= {"q", "shift", "theme", "setting", "place", "connection", "from", "to"}
    assert parameters >= {"lasting", "sort", "cursor", "page_size", "direction", "place_ref"}
    sighting = document["components"]["schemas"]["Sighting"]["properties"]
    assert {"direction", "place_ref"} <= set(sighting)
    assert "readings" in document["components"]["schemas"]["CellNote"]["properties"]


def test_the_api_page_explains_with_examples_and_is_linked(client):
    response = client.get("/api/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "curl " in page
    assert "/api/openapi.json" in page
    assert "CC BY 4.0" in page
    assert "429" in page and "Retry-After" in page
    assert "<iframe" in page.replace("&lt;", "<")
    for name in ("shift", "theme", "setting", "place", "connection", "from", "to", "q", "sort"):
        assert f"<code>{name}</code>" in page
    for name in ("direction", "place_ref"):
        assert f"<code>{name}</code>" in page
    assert 'href="/api/places/"' in page
    assert 'href="/api/"' in client.get("/open-data/").content.decode()
    assert 'href="/api/"' in client.get("/").content.decode()


def test_embed_lists_the_newest_filtered_sightings_and_may_be_framed_anywhere(client, sightings):
    response = client.get("/embed/sightings/?theme=food")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Seen 1" in page and "Seen 3" in page
    assert "Seen 0" not in page and "A draft" not in page
    assert "<script" not in page
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "script-src 'none'" in policy
    assert 'target="_blank"' in page


def test_every_other_page_still_refuses_to_be_framed(client):
    response = client.get("/api/")
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_sightings_list_reads_the_same_number_of_queries_for_any_page_size(client):
    for n in range(30):
        SightingFactory(published=True, themes=["food", f"theme {n}"], shifts=["me-to-we"])
    queries = {}
    # The first request starts the client's rate-limit counter; later ones add to it.
    client.get("/api/sightings/?page_size=1")
    for size in (5, 25):
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"/api/sightings/?page_size={size}&theme=food")
        assert len(response.json()["results"]) == size
        queries[size] = len(context)
    assert queries[5] == queries[25]
