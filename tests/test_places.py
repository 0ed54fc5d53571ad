"""Places: matching a typed "Where?", the gazetteer, renaming and merging, the filter."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse

from sightings import places
from sightings.models import Place, PlaceAlias, Sighting
from tests.factories import SightingFactory
from tests.test_authoring import NEW, full_sighting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        "Penzance",
        "penzance",
        "  PENZANCE ",
        "Penzance, Cornwall",
        "Penzance, UK",
        "Penzance, Cornwall, United Kingdom",
        "Penzance.",
        "Penzance , England",
    ],
)
def test_spellings_of_one_place_share_a_key(typed):
    assert places.place_key(typed) == "penzance"


def test_a_neighbourhood_keeps_its_town():
    assert places.place_key("Hackney, London") == "hackney london"
    assert places.place_key("Hackney, London") != places.place_key("Hackney")


def test_a_county_alone_is_still_a_place():
    assert places.place_key("Cornwall") == "cornwall"
    assert places.place_key("Easton, Bristol") == "easton bristol"


@pytest.mark.parametrize(
    "typed",
    [
        "Llanfairpwllgwyngyll, Ynys Môn",
        "Caerdydd",
        "الدار البيضاء",
        "東京",
        "🏡 Our street 🌳",
        "ß" * 200,
        "Ŵ" * 500,
        "\u0000\u200b\ufeff",
    ],
)
def test_any_script_normalises_without_error(typed):
    key = places.place_key(typed)
    assert len(key) <= 200
    assert places.place_key(key) == key


def test_nothing_but_punctuation_names_no_place():
    assert places.place_key(" ,.;!? ") == ""
    assert Place.objects.for_name("...") is None


def test_the_gazetteer_places_towns_without_a_network():
    latitude, longitude, region = places.locate("Merthyr Tydfil, Wales")
    assert (round(latitude), round(longitude), region) == (52, -3, "Wales")
    assert places.locate("Somewhere Nobody Has Heard Of") is None


def test_a_suburb_named_elsewhere_is_placed_in_its_city():
    """Easton is also a village in Dorset; "Easton, Bristol" means the one in Bristol."""
    latitude, longitude, _region = places.locate("Easton, Bristol")
    bristol = places.locate("Bristol")
    assert abs(latitude - bristol[0]) < 0.1 and abs(longitude - bristol[1]) < 0.1


def test_one_place_for_every_spelling_and_new_ones_located():
    first = Place.objects.for_name("Penzance, Cornwall")
    assert (first.name, first.slug, first.region) == (
        "Penzance, Cornwall",
        "penzance-cornwall",
        "England",
    )
    assert first.is_located
    assert Place.objects.for_name("penzance") == first
    assert Place.objects.count() == 1


def test_a_place_no_gazetteer_knows_is_made_without_coordinates():
    place = Place.objects.for_name("The Bottom Field")
    assert not place.is_located
    assert place.slug == "the-bottom-field"


def test_names_that_slugify_alike_get_their_own_addresses():
    arabic, emoji = Place.objects.for_name("حي"), Place.objects.for_name("🌳")
    assert arabic != emoji
    assert {arabic.slug, emoji.slug} == {"place", "place-2"}


def test_submitting_links_the_sighting_to_its_place(client, author):
    client.force_login(author)
    client.post(NEW, full_sighting(place="Walthamstow, London, UK"))
    sighting = Sighting.objects.get()
    assert sighting.status == Sighting.Status.SUBMITTED
    assert sighting.place_ref.key == "walthamstow london"
    client.post(NEW, full_sighting(title="Another", place="walthamstow  london"))
    assert Place.objects.count() == 1


def test_a_draft_is_not_matched_until_it_is_submitted(client, author):
    client.force_login(author)
    client.post(NEW, full_sighting(action="draft"))
    assert Sighting.objects.get().place_ref is None
    assert not Place.objects.exists()


def test_a_convenors_correction_stays_unless_the_author_changes_the_place(convenor):
    sighting = SightingFactory(submitted=True, place="Hackney")
    sighting.match_place()
    sighting.save()
    corrected = Place.objects.for_name("Hackney, London")
    sighting.place_ref = corrected
    sighting.return_to_author(by=convenor, feedback="Which street?")
    sighting.submit(by=sighting.author)
    assert sighting.place_ref == corrected


def test_the_author_changing_the_place_is_matched_again(client, author, convenor):
    sighting = SightingFactory(author=author, submitted=True, place="Hackney")
    sighting.match_place()
    sighting.return_to_author(by=convenor, feedback="Where exactly?")
    client.force_login(author)
    edit = reverse("sightings:edit", kwargs={"slug": sighting.slug})
    client.post(edit, full_sighting(place="Dalston, London"))
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.SUBMITTED
    assert sighting.place_ref.name == "Dalston, London"


def test_publishing_links_a_sighting_that_never_was(convenor):
    sighting = SightingFactory(submitted=True, place="Swansea")
    assert sighting.place_ref is None
    sighting.publish(by=convenor)
    assert sighting.place_ref.key == "swansea"


def review(client, sighting, **data):
    url = reverse("review:sighting", kwargs={"pk": sighting.pk})
    shifts = [shift.pk for shift in sighting.shifts.all()]
    return client.post(url, {"shifts": shifts, "themes": "", "direction": "forward", **data})


def test_the_convenor_corrects_the_match_on_the_review_page(client, convenor):
    sighting = SightingFactory(submitted=True, place="Hackney")
    sighting.match_place()
    sighting.save()
    london = Place.objects.for_name("Hackney, London")
    client.force_login(convenor)
    page = client.get(reverse("review:sighting", kwargs={"pk": sighting.pk})).content.decode()
    assert "Place on the map" in page
    assert 'value="Hackney"' in page
    assert '<option value="Hackney, London">' in page
    review(client, sighting, place_name="hackney,  london", decision="publish")
    sighting.refresh_from_db()
    assert (sighting.status, sighting.place_ref) == (Sighting.Status.PUBLISHED, london)


def test_the_convenor_may_name_a_new_place_while_reviewing(client, convenor):
    sighting = SightingFactory(submitted=True, place="Somewhere")
    client.force_login(convenor)
    review(client, sighting, place_name="Ely, Cardiff", decision="publish")
    sighting.refresh_from_db()
    assert sighting.place_ref.name == "Ely, Cardiff"


def test_a_place_name_of_only_punctuation_is_refused_beside_the_field(client, convenor):
    sighting = SightingFactory(submitted=True)
    client.force_login(convenor)
    response = review(client, sighting, place_name="!!!", decision="publish")
    assert "place_name" in response.context["form"].errors
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.SUBMITTED


# Renaming and merging


def published_at(place_name, **fields):
    sighting = SightingFactory(published=True, place=place_name, **fields)
    sighting.match_place()
    sighting.save()
    return sighting


def test_renaming_keeps_the_sightings_and_the_old_address_and_name():
    sighting = published_at("Leith")
    place = sighting.place_ref
    place.rename("Leith, Edinburgh")
    sighting.refresh_from_db()
    assert sighting.place_ref == place
    assert place.slug == "leith-edinburgh"
    assert PlaceAlias.objects.get(slug="leith").place == place
    assert Place.objects.for_name("Leith") == place


def test_renaming_onto_another_place_is_refused():
    published_at("Leith")
    other = Place.objects.for_name("Portobello")
    with pytest.raises(Exception, match="merge them instead"):
        other.rename("leith")


def test_merging_moves_every_sighting_and_remembers_the_old_place():
    one = published_at("Newcastle")
    two = published_at("Newcastle upon Tyne")
    source, target = one.place_ref, two.place_ref
    old_slug = source.slug
    source.merge_into(target)
    one.refresh_from_db()
    assert one.place_ref == target
    assert not Place.objects.filter(slug=old_slug).exists()
    assert Place.objects.for_name("Newcastle") == target
    assert Place.objects.by_slug(old_slug) == target


def test_merging_a_place_into_itself_is_refused():
    place = published_at("Wrexham").place_ref
    with pytest.raises(Exception, match="cannot be merged into itself"):
        place.merge_into(place)


def test_merging_again_follows_every_old_address_to_the_newest_place():
    a, b, c = (published_at(name).place_ref for name in ("Aa", "Bb", "Cc"))
    a.merge_into(b)
    b.merge_into(c)
    assert Place.objects.by_slug("aa") == c
    assert Place.objects.by_slug("bb") == c
    assert Place.objects.for_name("aa") == c


# The list's filter, the feed and the downloads


@pytest.fixture
def two_places(db):
    return {
        "hackney": published_at("Hackney, London", title="Lunch club"),
        "bangor": published_at("Bangor, Gwynedd", title="Tool library"),
        "draft": SightingFactory(title="A draft in Hackney", place="Hackney, London"),
    }


def titles(client, query):
    response = client.get(f"/sightings/?{query}")
    assert response.status_code == 200
    return {sighting.title for sighting in response.context["page"].object_list}


def test_the_list_filters_by_place_with_a_chip(client, two_places):
    assert titles(client, "place_ref=hackney-london") == {"Lunch club"}
    html = client.get("/sightings/?place_ref=hackney-london&shift=me-to-we").content.decode()
    assert "Place: Hackney, London" in html
    assert '<input type="hidden" name="place_ref" value="hackney-london">' in html


@pytest.mark.parametrize("value", ["nowhere", "x" * 500, "../", "hackney-london'--", "%00"])
def test_an_unknown_place_leaves_the_list_unfiltered_and_says_so(client, two_places, value):
    response = client.get("/sightings/", {"place_ref": value})
    assert response.status_code == 200
    assert {s.title for s in response.context["page"].object_list} == {"Lunch club", "Tool library"}
    assert "There is no place at that address" in response.content.decode()


def test_an_old_address_still_filters(client, two_places):
    two_places["hackney"].place_ref.rename("Hackney Wick, London")
    assert titles(client, "place_ref=hackney-london") == {"Lunch club"}


def test_the_exports_name_each_sightings_place_and_take_the_filter(client, two_places):
    text = b"".join(client.get("/sightings/export.csv").streaming_content).decode()
    rows = {row["title"]: row["place_ref"] for row in csv.DictReader(io.StringIO(text))}
    assert rows == {"Lunch club": "hackney-london", "Tool library": "bangor-gwynedd"}
    text = b"".join(
        client.get("/sightings/export.csv?place_ref=bangor-gwynedd").streaming_content
    ).decode()
    assert [row["title"] for row in csv.DictReader(io.StringIO(text))] == ["Tool library"]
    assert "<code>place_ref</code>" in client.get("/open-data/").content.decode()


def test_the_feed_takes_the_place_filter(client, two_places):
    feed = client.get("/sightings/feed/?place_ref=bangor-gwynedd").content.decode()
    assert "Tool library" in feed
    assert "Lunch club" not in feed


# The data migration


def test_the_migration_links_every_sighting_already_submitted():
    migration = importlib.import_module("sightings.migrations.0010_link_sightings_to_places")
    published = SightingFactory(published=True, place="Penzance, Cornwall")
    spelt_otherwise = SightingFactory(published=True, place="penzance")
    returned = SightingFactory(status=Sighting.Status.RETURNED, place="The Old School")
    draft = SightingFactory(place="Penzance")
    nowhere = SightingFactory(published=True, place="")
    migration.link_places(apps, None)
    for sighting in (published, spelt_otherwise, returned, draft, nowhere):
        sighting.refresh_from_db()
    assert published.place_ref == spelt_otherwise.place_ref
    assert published.place_ref.is_located
    assert returned.place_ref.name == "The Old School"
    assert draft.place_ref is None
    assert nowhere.place_ref is None
    migration.link_places(apps, None)
    assert Place.objects.count() == 2
