"""Going over a posting limit, in a real browser: the message is on the form, nothing is lost."""

import pytest
from playwright.sync_api import expect

from sightings.models import FollowUp
from tests.browser.axe import serious_violations
from tests.browser.test_submission import sign_in
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_follow_up_the_same_day_is_refused_on_the_form(page, site):
    author = UserFactory(first_name="Ade", email="ade@example.org")
    sighting = SightingFactory(author=author, published=True, title="Lunch club")
    sign_in(page, site, "ade@example.org")

    page.goto(site + sighting.get_absolute_url())
    page.get_by_role("link", name="Add a follow-up").click()
    page.get_by_label("Still happening").check()
    page.get_by_label("Note").fill("Meeting every Thursday.")
    page.get_by_role("button", name="Add follow-up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lunch club")

    page.get_by_role("link", name="Add a follow-up").click()
    page.get_by_label("Grown").check()
    page.get_by_label("Note").fill("Two more streets have joined.")
    page.get_by_role("button", name="Add follow-up").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("You can add at most 1 follow-up a day to one sighting")
    expect(summary).to_contain_text("Nothing was saved")
    expect(page.get_by_label("Note")).to_have_value("Two more streets have joined.")
    expect(page.get_by_label("Grown")).to_be_checked()
    assert serious_violations(page) == []
    assert list(FollowUp.objects.values_list("note", flat=True)) == ["Meeting every Thursday."]
