"""Seen this too, following and unsubscribing, in a real browser, with axe on each page."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Follow
from accounts.roles import CONVENORS_GROUP
from sightings.models import Shift
from tests.browser.axe import serious_violations
from tests.browser.test_submission import sign_in
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def priya():
    return UserFactory(first_name="Priya", email="priya@example.org")


@pytest.fixture
def carys():
    user = UserFactory(first_name="Carys", email="carys@example.org")
    user.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    return user


def test_a_reader_says_they_have_seen_it_too_and_a_convenor_hides_it(page, site, priya, carys):
    sighting = SightingFactory(published=True, title="Pharmacy staff ring regulars")
    sign_in(page, site, "priya@example.org")
    page.goto(site + sighting.get_absolute_url())
    page.get_by_role("button", name="We've seen this too").click()
    # Without a place the plain form comes back with the reason.
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_label("Where have you seen it?").fill("Swansea")
    page.get_by_label("How? (optional)").fill("Our chemist does the same on Fridays.")
    page.get_by_role("button", name="We've seen this too").click()
    echoes = page.locator(".echo-list")
    expect(echoes).to_contain_text("Priya")
    expect(echoes).to_contain_text("Swansea")
    expect(page.locator(".facts")).to_contain_text("Seen in 2 places")
    assert serious_violations(page) == []

    page.get_by_label("Where have you seen it?").fill("Neath")
    page.get_by_role("button", name="Save changes").click()
    expect(echoes).to_contain_text("Neath")
    expect(echoes).not_to_contain_text("Swansea")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, site, "carys@example.org")
    page.goto(site + sighting.get_absolute_url())
    page.get_by_role("link", name="Hide this").click()
    assert serious_violations(page) == []
    page.get_by_label("Why hide it?").fill("It names a pharmacist.")
    page.get_by_role("button", name="Hide it").click()
    expect(page.locator(".echo--hidden")).to_contain_text("It names a pharmacist.")


def test_a_person_follows_a_shift_chooses_weekly_then_stops(page, site, priya):
    sign_in(page, site, "priya@example.org")
    page.goto(site + "/shifts/me-to-we/")
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.get_by_text("You follow this.")).to_be_visible()
    assert serious_violations(page) == []

    page.goto(site + "/me/following/")
    expect(page.get_by_role("heading", name="The shift Me → We")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Once a week, in one email").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("You will hear about the shift Me → We once a week")).to_be_visible()
    assert Follow.objects.get().frequency == "weekly"

    page.get_by_role("button", name="Stop following the shift Me → We").click()
    expect(page.get_by_text("You follow nothing yet.")).to_be_visible()
    assert not Follow.objects.exists()


def test_a_follower_stops_the_emails_from_the_link_in_one(page, site, priya, carys, settings):
    settings.SITE_URL = site
    Follow.objects.create(user=priya, shift=Shift.objects.get(slug="me-to-we"))
    sighting = SightingFactory(submitted=True, title="Neighbours share a van")
    mail.outbox.clear()
    sighting.publish(by=carys)
    [email] = [m for m in mail.outbox if m.to == ["priya@example.org"]]
    link = re.search(r"(http://\S+/unsubscribe/\S+/)", email.body)[1]

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop these emails?")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stopped")
    assert serious_violations(page) == []
    assert not Follow.objects.exists()

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Already stopped")


def test_a_convenor_sees_what_changed_since_the_feedback(page, site, priya, carys):
    sighting = SightingFactory(author=priya, story="Neighbours cook on Thursdays.")
    sighting.submit(by=priya)
    sighting.return_to_author(by=carys, feedback="Say who cooks.")
    sighting.story = "Retired neighbours cook on Thursdays."
    sighting.save()
    sighting.submit(by=priya)

    sign_in(page, site, "carys@example.org")
    page.goto(f"{site}/review/{sighting.pk}/")
    changes = page.locator(".since-feedback")
    expect(changes).to_contain_text("Say who cooks.")
    expect(changes.locator("ins")).to_have_text("Retired neighbours")
    expect(changes.locator("del")).to_have_text("Neighbours")
    assert serious_violations(page) == []
