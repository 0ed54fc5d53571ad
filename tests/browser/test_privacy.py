"""Taking one's data away and closing the account, in a real browser."""

import json

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.browser.test_submission import sign_in
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def priya():
    return UserFactory(first_name="Priya", email="priya@example.org")


def test_a_person_downloads_everything_held_about_them(page, site, priya):
    SightingFactory(author=priya, published=True, title="Pharmacy staff ring regulars")
    sign_in(page, site, "priya@example.org")
    page.get_by_role("link", name="Settings and your data").click()
    assert serious_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything the Observatory holds about you").click()
    found = json.loads(download.value.path().read_text(encoding="utf-8"))

    assert download.value.suggested_filename == "my-observatory-data.json"
    assert found["account"]["email"] == "priya@example.org"
    assert [s["title"] for s in found["sightings"]] == ["Pharmacy staff ring regulars"]


def test_a_person_closes_their_account_and_their_name_leaves_every_page(page, site, priya, browser):
    sighting = SightingFactory(author=priya, published=True, title="Pharmacy staff ring regulars")
    visitor = browser.new_context().new_page()
    visitor.goto(site + "/")
    visitor.goto(site + sighting.get_absolute_url())
    expect(visitor.locator(".facts")).to_contain_text("Priya")

    sign_in(page, site, "priya@example.org")
    page.goto(site + "/me/settings/")
    page.get_by_role("link", name="close your account").click()
    assert serious_violations(page) == []
    page.get_by_label("Leave them up, without my name").check()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Close my account").click()
    expect(page.get_by_text("That is not your password.").first).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_label("Your password").fill("a-long-test-password")
    page.get_by_role("button", name="Close my account").click()
    expect(page.get_by_text("Your account is closed")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    visitor.goto(site + "/")
    visitor.goto(site + sighting.get_absolute_url())
    expect(visitor.locator(".facts")).to_contain_text("a former practitioner")
    expect(visitor.get_by_text("Priya")).to_have_count(0)
    assert not get_user_model().objects.get(pk=priya.pk).is_active
    visitor.context.close()
