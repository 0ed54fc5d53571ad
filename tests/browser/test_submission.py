"""The journey from "I saw something" to a published sighting, in a real browser."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import CONVENORS_GROUP
from sightings.models import Sighting
from tests.browser.axe import serious_violations
from tests.factories import PASSWORD, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def convenor_user():
    user = UserFactory(first_name="Carys", email="carys@example.org")
    user.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    return user


@pytest.fixture
def another_page(browser):
    """A page in a browser context of its own: another person at another computer."""
    contexts = []

    def open_page():
        contexts.append(browser.new_context())
        return contexts[-1].new_page()

    yield open_page
    # Closed here so no open connection outlives the live server.
    for context in contexts:
        context.close()


def sign_in(page, site, email, password=PASSWORD):
    page.goto(site + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My sightings")


def test_a_newcomer_posts_a_sighting_that_a_convenor_publishes(
    page, site, another_page, convenor_user
):
    title = "Bus drivers wait for the same three pupils"

    page.goto(site + "/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email address").fill("tomos@example.org")
    page.get_by_label("Display name").fill("Tomos, Swansea")
    page.get_by_label("Password").fill("harbour-lights-at-dusk")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My sightings")
    expect(page.get_by_text("Signed in as Tomos, Swansea")).to_be_visible()

    page.get_by_role("link", name="Post a sighting").first.click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("Drivers on one rural route now wait a minute for pupils.")
    page.get_by_label("Story").fill("The drivers *know them by name* and text the school.")
    page.get_by_label("Place").fill("Gower, Swansea")
    page.get_by_label("Date observed").fill("2024-05-01")
    page.get_by_label("Setting").select_option(label="Education")
    page.get_by_label("Doubting → Trusting", exact=True).check()
    page.get_by_label("Standardised → Personalised").check()
    page.get_by_label("Themes").fill("School Transport, rural life")
    page.get_by_label("Both").check()
    page.get_by_label("No one can be identified").check()

    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    expect(page.locator(".preview em")).to_have_text("know them by name")
    expect(page.get_by_label("Themes")).to_have_value("School Transport, rural life")
    expect(page.get_by_label("Doubting → Trusting", exact=True)).to_be_checked()
    assert not Sighting.objects.exists()

    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", name="Waiting for review")).to_be_visible()
    sighting = Sighting.objects.get()
    assert sighting.status == Sighting.Status.SUBMITTED

    visitor = another_page()
    visitor.goto(site + "/sightings/")
    expect(visitor.get_by_text(title)).to_have_count(0)
    response = visitor.goto(site + sighting.get_absolute_url())
    assert response.status == 404

    convenor = another_page()
    sign_in(convenor, site, convenor_user.email)
    convenor.get_by_role("link", name="Review", exact=True).click()
    convenor.get_by_role("link", name=title).click()
    expect(convenor.get_by_role("heading", name="As it will appear")).to_be_visible()
    convenor.get_by_role("button", name="Publish").click()
    expect(convenor.get_by_text(f"Published “{title}”")).to_be_visible()

    visitor.goto(site + "/sightings/")
    visitor.get_by_label("Doubting → Trusting").check()
    visitor.get_by_role("button", name="Apply filters").click()
    expect(visitor.get_by_role("link", name=title)).to_be_visible()

    visitor.goto(site + "/sightings/?shift=controlling-to-enabling")
    expect(visitor.get_by_role("link", name=title)).to_have_count(0)

    visitor.goto(site + "/themes/")
    visitor.get_by_role("link", name="school transport").click()
    expect(visitor.get_by_role("link", name=title)).to_be_visible()
    visitor.get_by_role("link", name=title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.get_by_role("link", name="Standardised → Personalised")).to_be_visible()


def test_a_returned_sighting_is_edited_resubmitted_and_published(
    page, site, another_page, convenor_user
):
    author = UserFactory(first_name="Ade", email="ade@example.org")
    sighting = SightingFactory(author=author, submitted=True, title="Library lends tools")

    convenor = another_page()
    sign_in(convenor, site, convenor_user.email)
    convenor.goto(site + "/review/")
    convenor.get_by_role("link", name="Library lends tools").click()
    convenor.get_by_label("Feedback or reason").fill("Please say which library it is.")
    convenor.get_by_role("button", name="Return with feedback").click()
    expect(convenor.get_by_text("Returned “Library lends tools” to its author")).to_be_visible()

    sign_in(page, site, author.email)
    returned = page.locator("section", has=page.get_by_role("heading", name="Returned to you"))
    expect(returned.get_by_text("Please say which library it is.")).to_be_visible()
    returned.get_by_role("link", name="Edit").click()
    expect(page.get_by_text("Please say which library it is.")).to_be_visible()
    page.get_by_label("Place").fill("Canton Library, Cardiff")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", name="Waiting for review")).to_be_visible()

    convenor.goto(site + "/review/")
    convenor.get_by_role("link", name="Library lends tools").click()
    expect(convenor.locator(".preview").get_by_text("Canton Library, Cardiff")).to_be_visible()
    since = convenor.locator(".since-feedback")
    expect(since.get_by_text("Please say which library it is.")).to_be_visible()
    expect(since.locator("ins").first).to_contain_text("Canton")
    convenor.get_by_role("button", name="Publish").click()

    visitor = another_page()
    visitor.goto(site + sighting.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Library lends tools")
    expect(visitor.get_by_text("Canton Library, Cardiff")).to_be_visible()
    page.goto(site + "/me/")
    expect(page.get_by_role("heading", name="Published")).to_be_visible()


def test_the_account_and_review_pages_pass_axe(page, site, convenor_user):
    long_ago = timezone.now() - datetime.timedelta(days=200)
    mine = SightingFactory(
        author=convenor_user, published=True, published_at=long_ago, themes=["food"]
    )
    SightingFactory(author=convenor_user, title="Half written")
    waiting = SightingFactory(submitted=True, themes=["food", "parks"])

    page.goto(site + "/accounts/signup/")
    page.get_by_role("button", name="Create account").click()
    pages = {"signup with errors": serious_violations(page)}

    sign_in(page, site, convenor_user.email)
    pages["my sightings"] = serious_violations(page)
    page.goto(site + "/sightings/new/")
    pages["new sighting"] = serious_violations(page)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    pages["new sighting with errors"] = serious_violations(page)
    page.get_by_label("Title").fill("A preview")
    page.get_by_role("button", name="Preview").click()
    pages["preview"] = serious_violations(page)
    for name, path in {
        "withdraw": f"/sightings/{mine.slug}/withdraw/",
        "follow-up": f"/sightings/{mine.slug}/follow-up/",
        "review queue": "/review/",
        "review decision": f"/review/{waiting.pk}/",
        "themes": "/review/themes/",
        "password change": "/accounts/password/change/",
    }.items():
        page.goto(site + path)
        pages[name] = serious_violations(page)

    assert {name: found for name, found in pages.items() if found} == {}


def test_theme_suggestions_follow_the_last_comma(page, site, convenor_user):
    SightingFactory(published=True, themes=["parks", "food banks", "pantomime"])
    sign_in(page, site, convenor_user.email)
    page.goto(site + "/sightings/new/")
    page.get_by_label("Themes").press_sequentially("Food banks, pa")
    options = page.locator("#theme-options option")
    expect(options).to_have_count(2)
    assert sorted(options.evaluate_all("nodes => nodes.map(node => node.value)")) == [
        "Food banks, pantomime",
        "Food banks, parks",
    ]


def test_a_sighting_slipping_back_is_posted_and_found_with_its_filter(
    page, site, another_page, convenor_user
):
    author = UserFactory(first_name="Ade", email="ade@example.org")
    SightingFactory(published=True, title="A rota handed to the volunteers")
    title = "The trustees took the rota back"

    sign_in(page, site, author.email)
    page.goto(site + "/sightings/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("After one missed delivery every change needs sign-off.")
    page.get_by_label("Story").fill("Three volunteers who ran Saturdays have *stopped coming*.")
    page.get_by_label("Place").fill("Hartlepool")
    page.get_by_label("Date observed").fill("2024-05-01")
    page.get_by_label("Setting").select_option(label="Voluntary sector")
    page.get_by_label("Controlling → Enabling", exact=True).check()
    expect(page.get_by_label("Moving forward")).to_be_checked()
    page.get_by_label("Slipping back").check()
    page.get_by_label("No one can be identified").check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", name="Waiting for review")).to_be_visible()
    Sighting.objects.get(title=title).publish(by=convenor_user)

    visitor = another_page()
    visitor.goto(site + "/sightings/")
    visitor.get_by_label("Which way").select_option(label="Slipping back")
    visitor.get_by_role("button", name="Apply filters").click()
    assert "direction=back" in visitor.url
    card = visitor.locator(".sighting-card", has=visitor.get_by_role("link", name=title))
    expect(card.get_by_text("Slipping back")).to_be_visible()
    expect(visitor.get_by_role("link", name="A rota handed to the volunteers")).to_have_count(0)
    card.get_by_role("link", name=title).click()
    expect(visitor.locator(".direction-badge").first).to_have_text("Slipping back")
