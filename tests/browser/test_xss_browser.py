"""In a real browser, no payload a person typed ever runs.

Every payload is planted in every user-written field; each page is then opened with a
dialog listener (each payload calls alert) and a console listener for Content Security
Policy violations, which would mean something tried to run inline.
"""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.roles import CONVENORS_GROUP
from tests.browser.shifts import ensure_five_shifts
from tests.factories import (
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)
from tests.test_xss import PAYLOADS


@pytest.fixture
def planted_pages(transactional_db):
    ensure_five_shifts()
    convenor = UserFactory(username="convenor")
    cell = CellFactory(name="Cell <script>alert(1)</script>", purpose=PAYLOADS[1])
    cell.convenors.add(convenor)
    sightings = []
    for number, payload in enumerate(PAYLOADS):
        markdown = f"{payload}\n\n[a link]({payload})\n\n[x](javascript:alert(1))"
        author = UserFactory(first_name=payload, last_name=payload)
        sighting = SightingFactory(
            author=author,
            published=True,
            title=f"Seen {number} {payload}"[:120],
            summary=payload,
            story=markdown,
            place=payload,
            source_url="javascript:alert(1)",
            themes=[payload],
        )
        FollowUpFactory(sighting=sighting, author=author, note=payload)
        sightings.append(sighting)
    note = CellNoteFactory(
        cell=cell,
        published=True,
        title="Note <img src=x onerror=alert(1)>",
        summary=PAYLOADS[3],
        body="\n\n".join(PAYLOADS),
        topics_next="\n\n".join(PAYLOADS),
        author=convenor,
        sightings=sightings,
    )
    reflected = urlencode({"q": PAYLOADS[3], "place": PAYLOADS[1], "sort": PAYLOADS[0]})
    pages = ["/", "/sightings/", f"/sightings/?{reflected}", "/themes/", "/cells/"]
    pages += [s.get_absolute_url() for s in sightings]
    pages += [theme.get_absolute_url() for s in sightings for theme in s.themes.all()]
    pages += [cell.get_absolute_url(), note.get_absolute_url()]
    pages.append("/accounts/login/?" + urlencode({"next": "javascript:alert(1)"}))
    pages += ["/insights/", "/open-data/", "/sightings/export.json", "/sightings/feed/"]
    pages.append(reverse("cells:feed", kwargs={"slug": cell.slug}))
    return pages


def watch(page):
    """Lists that fill with every dialog opened and every CSP violation reported."""
    dialogs = []
    violations = []

    def on_dialog(dialog):
        dialogs.append((page.url, dialog.message))
        dialog.dismiss()

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append((page.url, message.text))

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    return dialogs, violations


def test_no_payload_opens_a_dialog_or_trips_the_content_security_policy(page, site, planted_pages):
    dialogs, violations = watch(page)
    for url in planted_pages:
        response = page.goto(site + url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        # Tab once, so an onfocus handler on the first focusable element would fire too.
        page.keyboard.press("Tab")

    assert dialogs == []
    assert violations == []


def sign_in_as(page, site, user):
    """Signs the browser in as `user` with a session made on the server, not the form."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}]
    )


def fill_every_text_field(page, payload):
    """Every field a person types into (dates and choices cannot hold text in a browser)."""
    for field in page.locator(
        "form[method=post] textarea, form[method=post] input[type=text], "
        "form[method=post] input[type=url], form[method=post] input[type=search]"
    ).all():
        if field.is_visible() and field.get_attribute("name") != "website":
            field.fill(payload)


@pytest.fixture
def review_world(transactional_db):
    ensure_five_shifts()
    payload = PAYLOADS[1]
    author = UserFactory(username="writer", first_name=payload, last_name=PAYLOADS[3])
    convenor = UserFactory(username="reviewer", first_name=PAYLOADS[0], last_name=PAYLOADS[3])
    Group.objects.get_or_create(name=CONVENORS_GROUP)[0].user_set.add(convenor)
    cell = CellFactory(name=f"Cell {PAYLOADS[0]}", convenors=[convenor])
    submitted = SightingFactory(
        author=author,
        submitted=True,
        title=f"Waiting {PAYLOADS[3]}",
        summary=payload,
        story="\n\n".join(PAYLOADS),
        place=PAYLOADS[0],
        themes=PAYLOADS,
    )
    SightingFactory(
        author=author, status="returned", title=f"Back {PAYLOADS[0]}", feedback=PAYLOADS[3]
    )
    return {"author": author, "convenor": convenor, "cell": cell, "submitted": submitted}


def test_no_payload_runs_on_the_pages_behind_an_account(page, site, review_world):
    dialogs, violations = watch(page)

    def visit(url, status=200):
        response = page.goto(site + url)
        assert response.status == status, url
        page.keyboard.press("Tab")

    def send(button):
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state("load")
        page.keyboard.press("Tab")

    sign_in_as(page, site, review_world["author"])
    visit(reverse("sightings:mine"))
    visit(review_world["submitted"].get_absolute_url())
    visit(reverse("sightings:new"))
    fill_every_text_field(page, PAYLOADS[3])
    page.get_by_label("Source link").fill("https://example.org/")
    send("Preview")
    assert page.get_by_role("heading", name="Preview").is_visible()
    fill_every_text_field(page, PAYLOADS[1])
    send("Submit for review")
    assert page.locator(".field-error").count() > 0

    sign_in_as(page, site, review_world["convenor"])
    visit(reverse("review:queue"))
    visit(reverse("review:sighting", kwargs={"pk": review_world["submitted"].pk}))
    visit(reverse("review:themes"))
    visit("/themes/")
    visit(reverse("cells:note-create", kwargs={"slug": review_world["cell"].slug}))
    fill_every_text_field(page, PAYLOADS[0])
    send("Preview")
    assert page.get_by_role("heading", name="Preview").is_visible()
    fill_every_text_field(page, PAYLOADS[3])
    send("Publish")
    assert page.locator(".field-error").count() > 0

    assert dialogs == []
    assert violations == []


def test_the_listener_would_catch_a_dialog(page, site, transactional_db):
    """The listener works: a script we run ourselves opens one, and it is seen."""
    seen = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    page.goto(site + "/healthz")
    page.evaluate("alert('caught')")
    assert seen == ["caught"]
