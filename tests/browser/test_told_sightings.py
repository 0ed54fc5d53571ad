"""A sighting told on the phone, typed in by one convenor and published by another."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.roles import CONVENORS_GROUP
from sightings.models import Sighting
from tests.browser.axe import serious_violations
from tests.browser.test_submission import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def another_page(browser):
    """A page in a browser context of its own: another person at another computer."""
    contexts = []

    def open_page():
        contexts.append(browser.new_context())
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


def make_convenor(first_name, email):
    user = UserFactory(first_name=first_name, email=email)
    user.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    return user


def test_a_sighting_told_on_the_phone_is_published_by_another_convenor(page, site, another_page):
    make_convenor("Carys", "carys@example.org")
    make_convenor("Dafydd", "dafydd@example.org")
    title = "The launderette keeps a shelf of school uniforms"

    sign_in(page, site, "carys@example.org")
    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_role("link", name="Record a sighting told to you").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a sighting told to you")
    assert serious_violations(page) == []

    page.get_by_label("On the phone", exact=True).check()
    page.get_by_label("The teller's name").fill("Mair, Rhyl")
    page.get_by_label("Said on the phone").check()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("Parents leave outgrown uniforms; others take what fits.")
    page.get_by_label("Story").fill("The owner started it after a *wet* September.")
    page.get_by_label("Place").fill("Rhyl, Denbighshire")
    page.get_by_label("Date observed").fill("2024-09-12")
    page.get_by_label("Setting").select_option(label="Neighbourhood and community")
    page.get_by_label("Me → We").check()
    page.get_by_label("No one can be identified").check()
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".preview").get_by_text("Told to")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", name="Waiting for review")).to_be_visible()

    page.goto(site + "/review/")
    expect(page.get_by_role("link", name=title)).to_have_count(0)

    other = another_page()
    sign_in(other, site, "dafydd@example.org")
    other.goto(site + "/review/")
    other.get_by_role("link", name=title).click()
    expect(other.get_by_text("Told to Carys by Mair, Rhyl")).to_be_visible()
    other.get_by_role("button", name="Publish").click()
    expect(other.get_by_text(f"Published “{title}”")).to_be_visible()

    visitor = another_page()
    visitor.goto(site + Sighting.objects.get().get_absolute_url())
    facts = visitor.locator(".facts")
    expect(facts.locator("dt", has_text="Told to").locator("+ dd")).to_have_text("Carys")
    expect(facts.locator("dt", has_text="Told by").locator("+ dd")).to_have_text("Mair, Rhyl")
    expect(visitor.get_by_text("Posted by")).to_have_count(0)
