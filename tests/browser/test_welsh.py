"""Switching to Welsh and back without JavaScript, and the Welsh pages pass axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.factories import CellFactory, CellNoteFactory, SightingFactory


@pytest.fixture
def no_script_page(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def test_a_visitor_switches_to_welsh_and_back_without_javascript(no_script_page, site):
    SightingFactory(
        title="Receptionists trusted to book home visits",
        published=True,
        shifts=["doubting-to-trusting"],
    )
    page = no_script_page
    page.goto(site + "/shifts/doubting-to-trusting/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Doubting → Trusting")

    page.get_by_role("button", name="Cymraeg").click()

    assert page.url == site + "/cy/shifts/doubting-to-trusting/"
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amau → Ymddiried")
    expect(
        page.get_by_role("link", name="Receptionists trusted to book home visits")
    ).to_be_visible()
    main_menu = page.get_by_role("navigation", name="Prif ddewislen")
    main_menu.get_by_role("link", name="Arsylwadau", exact=True).click()
    assert page.url == site + "/cy/sightings/"

    page.get_by_role("button", name="English").click()

    assert page.url == site + "/sightings/"
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sightings")


def test_a_welsh_browser_is_welcomed_in_welsh_until_it_chooses_english(browser, site):
    context = browser.new_context(locale="cy-GB", extra_http_headers={"Accept-Language": "cy"})
    page = context.new_page()

    page.goto(site + "/")
    assert page.url == site + "/cy/"
    page.get_by_role("button", name="English").click()
    page.goto(site + "/")

    assert page.url == site + "/"
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    context.close()


@pytest.mark.parametrize(
    "address",
    [
        "/cy/",
        "/cy/sightings/",
        "/cy/shifts/me-to-we/",
        "/cy/cells/",
        "/cy/insights/",
        "/cy/accounts/signup/",
        "/cy/no-such-page/",
    ],
)
def test_welsh_pages_pass_axe(page, site, address):
    SightingFactory(title="Neighbours kept the lunch club going", published=True)
    CellNoteFactory(cell=CellFactory(), published=True)

    page.goto(site + address)

    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert serious_violations(page) == []
