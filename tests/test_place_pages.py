"""The places pages, the convenors' page for places, and "More like this"."""

import re

import pytest

from cells.models import Cell, DiscussedSighting
from cells.templatetags.cells import CELLS_SHOWN
from sightings import place_profiles
from sightings.models import Place, PlaceAlias, Sighting
from tests.factories import CellFactory, CellNoteFactory, SightingFactory

pytestmark = pytest.mark.django_db


def place_of(slug):
    return Place.objects.get(slug=slug)


def at(place_name, count=1, **fields):
    made = []
    for _ in range(count):
        sighting = SightingFactory(published=True, place=place_name, **fields)
        sighting.match_place()
        sighting.save()
        made.append(sighting)
    return made


@pytest.fixture
def towns(db):
    return {
        "swansea": at("Swansea", 3, shifts=["me-to-we"]),
        "hull": at("Hull", 1, shifts=["doubting-to-trusting", "me-to-we"]),
        "nowhere": at("The Bottom Field", 2, shifts=["controlling-to-enabling"]),
        "draft": SightingFactory(place="Carlisle"),
    }


def test_the_index_lists_places_with_published_sightings_most_first(client, towns):
    SightingFactory(submitted=True, place="Carlisle").match_place()
    html = client.get("/places/").content.decode()
    rows = re.findall(r'<th scope="row"><a href="/places/([^/]+)/">', html)
    assert rows == ["swansea", "the-bottom-field", "hull"]
    assert "Carlisle" not in html


def test_the_index_sorts_by_name_and_ignores_an_unknown_sort(client, towns):
    by_name = client.get("/places/?sort=name").content.decode()
    assert re.findall(r'<th scope="row"><a href="/places/([^/]+)/">', by_name) == [
        "hull",
        "swansea",
        "the-bottom-field",
    ]
    odd = client.get("/places/?sort=%27;drop").content.decode()
    assert re.findall(r'<th scope="row"><a href="/places/([^/]+)/">', odd)[0] == "swansea"


def test_the_map_points_are_links_with_names_and_counts(client, towns):
    html = client.get("/places/").content.decode()
    svg = html[
        html.index('<svg class="place-map__svg"') : html.index(
            "</svg>", html.index("place-map__svg")
        )
    ]
    links = re.findall(
        r'<a href="(/places/[^"]+/)" class="place-map__point" aria-label="([^"]+)"', svg
    )
    assert sorted(links) == [
        ("/places/hull/", "Hull: 1 sighting"),
        ("/places/swansea/", "Swansea: 3 sightings"),
    ]
    assert "1 place without coordinates" in html
    assert "Equirectangular projection" in html


def test_more_sightings_draw_a_larger_point():
    small, large = (
        place_profiles.PlaceCount(count, slug, slug, "", 52.0, -1.0, count, (count,) * 5)
        for slug, count in (("small", 1), ("large", 9))
    )
    drawn = place_profiles.place_map([small, large])["points"]
    points = {point.place.slug: point for point in drawn}
    assert place_profiles.SMALLEST_POINT < points["small"].radius < points["large"].radius
    assert points["large"].radius == place_profiles.LARGEST_POINT


def test_the_projection_puts_the_north_at_the_top_and_the_east_on_the_right():
    london, edinburgh = place_profiles.project(51.5, -0.13), place_profiles.project(55.95, -3.19)
    assert london[1] > edinburgh[1]
    assert london[0] > edinburgh[0]
    assert place_profiles.project(40.4, -3.7) is None


def test_the_index_shows_each_places_shift_profile(client, towns):
    html = client.get("/places/").content.decode()
    hull = html[html.index('href="/places/hull/">Hull') :]
    hull = hull[: hull.index("</tr>")]
    assert "Doubting → Trusting: 1." in hull
    assert "Me → We: 1." in hull
    assert "Controlling → Enabling" not in hull


def test_a_place_page_compares_its_shifts_with_the_whole_observatory(client, towns):
    at("Swansea", 1, shifts=["doubting-to-trusting"], direction=Sighting.Direction.BACK)
    response = client.get("/places/swansea/")
    assert response.status_code == 200
    profile = {row["shift"].slug: row for row in response.context["profile"]["shifts"]}
    assert profile["me-to-we"]["share"] == 75
    assert profile["me-to-we"]["whole_share"] == round(100 * 4 / 7)
    assert (
        profile["doubting-to-trusting"]["forward"],
        profile["doubting-to-trusting"]["back"],
    ) == (0, 1)
    html = response.content.decode()
    assert "4 published sightings seen here, in Wales; 1 of them slipping back." in html
    assert {s.place for s in response.context["page"].object_list} == {"Swansea"}


def test_a_place_page_shows_bonding_and_bridging(client):
    at("Hull", 2, connection=Sighting.Connection.BONDING)
    at("Hull", 1, connection=Sighting.Connection.BRIDGING)
    rows = {
        row["label"]: row for row in client.get("/places/hull/").context["profile"]["connections"]
    }
    assert rows["People like each other (bonding)"]["share"] == 67
    assert rows["People unlike each other (bridging)"]["count"] == 1


def test_a_place_page_lists_the_cells_that_discussed_its_sightings(client, towns):
    cell = CellFactory(name="Open doors")
    CellNoteFactory(cell=cell, published=True, sightings=towns["swansea"][:2])
    CellNoteFactory(cell=CellFactory(name="Draft only"), sightings=towns["swansea"][:1])
    CellNoteFactory(cell=CellFactory(name="Elsewhere"), published=True, sightings=towns["hull"])
    html = client.get("/places/swansea/").content.decode()
    assert "Open doors" in html
    assert "1 note on sightings from here" in html
    assert "Draft only" not in html
    assert "Elsewhere" not in html


def test_a_place_page_names_the_cells_that_discussed_it_most_and_counts_the_rest(client, towns):
    for n in range(CELLS_SHOWN + 2):
        cell = CellFactory(name=f"Cell {n:02}")
        for _note in range(1 + n):
            CellNoteFactory(cell=cell, published=True, sightings=towns["swansea"][:1])
    html = client.get("/places/swansea/").content.decode()
    assert "Cell 02" in html
    assert f"Cell {CELLS_SHOWN + 1:02}" in html
    assert "Cell 00" not in html
    assert "Cell 01" not in html
    assert "And 2 other cells, with fewer notes on sightings from here." in html


def test_a_sighting_moved_to_another_place_takes_its_discussions_with_it(client, towns):
    sighting = towns["swansea"][0]
    CellNoteFactory(cell=CellFactory(name="Open doors"), published=True, sightings=[sighting])
    assert [cell.name for cell in Cell.objects.that_discussed(place_of("swansea"))] == [
        "Open doors"
    ]

    sighting.place, sighting.place_ref = "Hull", None
    sighting.match_place()
    sighting.save()

    assert not Cell.objects.that_discussed(place_of("swansea")).exists()
    assert [cell.name for cell in Cell.objects.that_discussed(place_of("hull"))] == ["Open doors"]


def test_a_discussion_follows_its_sighting_however_it_is_moved(towns):
    sighting = towns["swansea"][0]
    CellNoteFactory(published=True, sightings=[sighting])
    link = DiscussedSighting.objects.get(sighting=sighting)
    assert link.place_ref == place_of("swansea")

    Sighting.objects.filter(pk=sighting.pk).update(place_ref=place_of("hull"))
    link.refresh_from_db()
    assert link.place_ref == place_of("hull")

    DiscussedSighting.objects.filter(pk=link.pk).update(sighting=towns["nowhere"][0])
    link.refresh_from_db()
    assert link.place_ref == place_of("the-bottom-field")


def test_a_withdrawn_sighting_no_longer_counts_its_cell_for_the_place(client, towns):
    sighting = towns["hull"][0]
    CellNoteFactory(cell=CellFactory(name="Open doors"), published=True, sightings=[sighting])
    Sighting.objects.filter(pk=sighting.pk).update(status=Sighting.Status.WITHDRAWN)

    assert not Cell.objects.that_discussed(place_of("hull")).exists()


def test_a_place_page_takes_the_lists_filters(client, towns):
    response = client.get("/places/hull/?shift=controlling-to-enabling")
    assert list(response.context["page"].object_list) == []
    assert "place_ref=hull" in response.context["feed_url"]


@pytest.mark.parametrize("slug", ["carlisle", "nowhere-at-all", "x" * 200])
def test_a_place_with_nothing_published_or_no_place_is_not_found(client, towns, slug):
    Place.objects.for_name("Carlisle")
    assert client.get(f"/places/{slug}/").status_code == 404


def test_a_merged_places_address_redirects_to_the_place_it_became(client, towns):
    Place.objects.get(slug="hull").merge_into(Place.objects.get(slug="swansea"))
    response = client.get("/places/hull/?shift=me-to-we")
    assert response.status_code == 301
    assert response["Location"] == "/places/swansea/"


def test_sighting_cards_and_pages_link_to_their_place(client, towns):
    sighting = towns["hull"][0]
    assert 'href="/places/hull/">Hull</a>' in client.get("/sightings/").content.decode()
    assert (
        'href="/places/hull/">Hull</a>' in client.get(sighting.get_absolute_url()).content.decode()
    )


# The convenors' page for places


@pytest.fixture
def as_convenor(client, convenor):
    client.force_login(convenor)
    return client


def test_only_convenors_tidy_places(client, practitioner):
    assert client.get("/review/places/").status_code == 302
    client.force_login(practitioner)
    assert client.get("/review/places/").status_code == 403
    assert client.post("/review/places/", {"action": "merge"}).status_code == 403


def test_a_convenor_renames_a_place(as_convenor, towns):
    response = as_convenor.post(
        "/review/places/",
        {"action": "rename", "rename-place": "hull", "rename-new_name": "Kingston upon Hull"},
    )
    assert response.status_code == 302
    place = Place.objects.get(slug="kingston-upon-hull")
    assert place.sightings.count() == 1
    assert as_convenor.get("/places/hull/").status_code == 301


def test_a_convenor_merges_two_places(as_convenor, towns):
    as_convenor.post(
        "/review/places/", {"action": "merge", "merge-source": "Hull", "merge-target": "swansea"}
    )
    assert not Place.objects.filter(slug="hull").exists()
    assert Place.objects.get(slug="swansea").sightings.count() == 4
    assert PlaceAlias.objects.filter(slug="hull").exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"merge-source": "Hull", "merge-target": "hull"}, "cannot be merged into itself"),
        ({"merge-source": "Atlantis", "merge-target": "Hull"}, "There is no place called that"),
        ({"merge-source": "", "merge-target": ""}, "This field is required"),
    ],
)
def test_a_bad_merge_is_explained_and_changes_nothing(as_convenor, towns, data, message):
    response = as_convenor.post("/review/places/", {"action": "merge", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Place.objects.count() == 3


def test_renaming_onto_an_existing_place_is_refused(as_convenor, towns):
    response = as_convenor.post(
        "/review/places/",
        {"action": "rename", "rename-place": "Hull", "rename-new_name": "SWANSEA"},
    )
    assert "merge them instead" in response.content.decode()


def test_a_convenor_sets_coordinates_and_region(as_convenor, towns):
    as_convenor.post(
        "/review/places/",
        {
            "action": "locate",
            "locate-place": "The Bottom Field",
            "locate-latitude": "52.41",
            "locate-longitude": "-4.08",
            "locate-region": "Mid Wales",
        },
    )
    place = Place.objects.get(slug="the-bottom-field")
    assert (place.latitude, place.longitude, place.region) == (52.41, -4.08, "Mid Wales")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"locate-latitude": "95", "locate-longitude": "0"}, "less than or equal to 90"),
        (
            {"locate-latitude": "52", "locate-longitude": ""},
            "Give both the latitude and the longitude",
        ),
        ({"locate-latitude": "north", "locate-longitude": "0"}, "Enter a number"),
        ({"locate-latitude": "", "locate-longitude": ""}, "The gazetteer has no town called"),
    ],
)
def test_bad_coordinates_are_explained_and_kept(as_convenor, towns, data, message):
    response = as_convenor.post(
        "/review/places/", {"action": "locate", "locate-place": "The Bottom Field", **data}
    )
    html = response.content.decode()
    assert message in html
    assert Place.objects.get(slug="the-bottom-field").latitude is None


def test_empty_coordinates_are_looked_up_in_the_gazetteer(as_convenor, towns):
    hull = Place.objects.get(slug="hull")
    Place.objects.filter(pk=hull.pk).update(latitude=None, longitude=None)
    as_convenor.post(
        "/review/places/",
        {"action": "locate", "locate-place": "Hull", "locate-latitude": "", "locate-longitude": ""},
    )
    hull.refresh_from_db()
    assert hull.is_located


# More like this


def test_more_like_this_offers_sightings_sharing_a_shift_and_a_theme_or_the_place(client):
    shown = SightingFactory(published=True, shifts=["me-to-we"], themes=["food"], place="Leeds")
    shown.match_place()
    shown.save()
    twin = SightingFactory(
        published=True, title="Twin", shifts=["me-to-we"], themes=["food"], place="Hull"
    )
    neighbour = at("Leeds", 1, title="Neighbour", shifts=["controlling-to-enabling"])[0]
    SightingFactory(
        published=True, title="Theme only", shifts=["doubting-to-trusting"], themes=["food"]
    )
    SightingFactory(published=True, title="Shift only", shifts=["me-to-we"], themes=["parks"])
    SightingFactory(title="Unpublished twin", shifts=["me-to-we"], themes=["food"])
    response = client.get(shown.get_absolute_url())
    assert {s.title for s in response.context["more_like_this"]} == {twin.title, neighbour.title}
    assert "More like this" in response.content.decode()


def test_more_like_this_shows_at_most_four(client):
    shown = SightingFactory(published=True, shifts=["me-to-we"], themes=["food"])
    for _ in range(6):
        SightingFactory(published=True, shifts=["me-to-we"], themes=["food"])
    assert len(client.get(shown.get_absolute_url()).context["more_like_this"]) == 4


def test_a_lone_sighting_has_nothing_like_it(client):
    shown = SightingFactory(published=True, place="", themes=[])
    SightingFactory(published=True)
    html = client.get(shown.get_absolute_url()).content.decode()
    assert "More like this" not in html


# The admin and the sitemap


def test_staff_see_places_and_their_earlier_names_in_the_admin(client, staff, towns):
    place = Place.objects.get(slug="hull")
    place.rename("Kingston upon Hull")
    client.force_login(staff)
    assert "Kingston upon Hull" in client.get("/admin/sightings/place/").content.decode()
    page = client.get(f"/admin/sightings/place/{place.pk}/change/").content.decode()
    assert "hull" in page
    sighting = towns["hull"][0]
    assert client.get(f"/admin/sightings/sighting/{sighting.pk}/change/").status_code == 200
    assert client.get("/admin/sightings/sighting/?direction__exact=back").status_code == 200


def test_the_sitemap_lists_only_places_with_published_sightings(client, towns):
    SightingFactory(submitted=True, place="Carlisle").match_place()
    xml = client.get("/sitemap-places.xml").content.decode()
    assert "/places/swansea/" in xml
    assert "carlisle" not in xml
