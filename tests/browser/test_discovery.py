"""A visitor filters, searches and reads the insights in a real browser."""

import pytest
from playwright.sync_api import expect

from sightings.models import Sighting
from tests.browser.axe import serious_violations
from tests.factories import SightingFactory


@pytest.mark.django_db(transaction=True)
def test_visitor_filters_by_setting_then_removes_the_filter(page, site):
    SightingFactory(
        published=True, title="Parents cook together", setting=Sighting.Setting.EDUCATION
    )
    SightingFactory(
        published=True, title="Receptionists trusted", setting=Sighting.Setting.HEALTH_AND_CARE
    )
    page.goto(site + "/sightings/")
    expect(page.get_by_role("heading", name="2 sightings")).to_be_visible()

    page.get_by_label("Setting").select_option("education")
    page.get_by_role("button", name="Apply filters").click()

    expect(page.get_by_role("heading", name="1 sighting", exact=True)).to_be_visible()
    assert page.url.endswith("/sightings/?setting=education&sort=newest")
    expect(page.get_by_role("link", name="Parents cook together")).to_be_visible()
    expect(page.get_by_text("Receptionists trusted")).to_have_count(0)
    assert serious_violations(page) == []

    page.get_by_role("link", name="Setting: Education (remove this filter)").click()
    expect(page.get_by_role("heading", name="2 sightings")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_visitor_searches_and_sees_the_words_marked(page, site):
    SightingFactory(
        published=True,
        title="Allotment",
        summary="Neighbours share an allotment.",
        story="They grow beans.",
    )
    SightingFactory(published=True, title="Choir", summary="A choir.", story="They sing.")
    page.goto(site + "/sightings/")
    page.get_by_label("Search").fill("allotment")
    page.get_by_role("button", name="Apply filters").click()

    expect(page.get_by_role("heading", name="1 sighting", exact=True)).to_be_visible()
    expect(page.locator(".card__snippet mark").first).to_have_text("allotment")
    expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).to_have_attribute(
        "href", "/sightings/feed/?q=allotment"
    )
    assert serious_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_insights_are_accessible(page, site):
    SightingFactory(published=True, shifts=["me-to-we"], setting=Sighting.Setting.FAITH)
    page.goto(site + "/insights/")
    expect(page.get_by_role("img", name="Shifts by setting")).to_be_visible()
    # One data table for each chart.
    expect(page.get_by_role("table")).to_have_count(8)
    assert serious_violations(page) == []
