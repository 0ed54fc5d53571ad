"""Places in a real browser: the map's points, and a convenor merging two places."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.roles import CONVENORS_GROUP
from tests.browser.axe import serious_violations
from tests.browser.test_submission import sign_in
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def published_at(place, count=1, **fields):
    made = []
    for _ in range(count):
        sighting = SightingFactory(published=True, place=place, **fields)
        sighting.match_place()
        sighting.save()
        made.append(sighting)
    return made


def test_the_maps_points_are_links_named_for_their_places(page, site):
    published_at("Swansea", 3, title="Swansea story")
    published_at("Hull", 1, title="A story from Hull")
    published_at("The Bottom Field", 1)

    page.goto(site + "/places/")
    points = page.locator("svg.place-map__svg a")
    expect(points).to_have_count(2)
    hull = page.get_by_role("link", name="Hull: 1 sighting", exact=True)
    expect(hull).to_be_visible()
    expect(page.get_by_role("link", name="Swansea: 3 sightings", exact=True)).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="The Bottom Field")).to_be_visible()
    assert serious_violations(page) == []

    hull.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hull")
    expect(page.get_by_role("link", name="A story from Hull")).to_be_visible()
    expect(page.get_by_role("link", name="Swansea story")).to_have_count(0)
    assert serious_violations(page) == []


def test_a_convenor_merges_two_places_and_the_old_address_redirects(page, site):
    convenor = UserFactory(first_name="Carys", email="carys@example.org")
    convenor.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    published_at("Newcastle", 1, title="Bus drivers wave")
    published_at("Newcastle upon Tyne", 2, title="A ward that listens")

    sign_in(page, site, convenor.email)
    page.goto(site + "/review/places/")
    merge = page.locator("form", has=page.get_by_role("button", name="Merge"))
    merge.get_by_label("Merge this place").fill("Newcastle")
    merge.get_by_label("Into this place").fill("Newcastle upon Tyne")
    merge.get_by_role("button", name="Merge").click()
    expect(page.get_by_text("Merged “Newcastle” into “Newcastle upon Tyne”")).to_be_visible()

    page.goto(site + "/places/newcastle/")
    assert page.url == site + "/places/newcastle-upon-tyne/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Newcastle upon Tyne")
    expect(page.get_by_text("3 published sightings seen here")).to_be_visible()
    expect(page.get_by_role("link", name="Bus drivers wave")).to_be_visible()

    page.goto(site + "/review/places/")
    merge = page.locator("form", has=page.get_by_role("button", name="Merge"))
    merge.get_by_label("Merge this place").fill("Newcastle upon Tyne")
    merge.get_by_label("Into this place").fill("newcastle upon tyne")
    merge.get_by_role("button", name="Merge").click()
    expect(page.get_by_text("A place cannot be merged into itself").first).to_be_visible()
    expect(merge.get_by_label("Merge this place")).to_have_value("Newcastle upon Tyne")
