"""In a real browser, no payload a person typed ever runs.

Every payload is planted in every user-written field; each page is then opened with a
dialog listener (each payload calls alert) and a console listener for Content Security
Policy violations, which would mean something tried to run inline.
"""

from urllib.parse import urlencode

import pytest

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
    pages += [theme.get_absolute_url() for s in sightings for theme in s.tags.all()]
    pages += [cell.get_absolute_url(), note.get_absolute_url()]
    pages.append("/accounts/login/?" + urlencode({"next": "javascript:alert(1)"}))
    return pages


def test_no_payload_opens_a_dialog_or_trips_the_content_security_policy(page, site, planted_pages):
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
    for url in planted_pages:
        response = page.goto(site + url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        # Tab once, so an onfocus handler on the first focusable element would fire too.
        page.keyboard.press("Tab")

    assert dialogs == []
    assert violations == []


def test_the_listener_would_catch_a_dialog(page, site, transactional_db):
    """The listener works: a script we run ourselves opens one, and it is seen."""
    seen = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    page.goto(site + "/healthz")
    page.evaluate("alert('caught')")
    assert seen == ["caught"]
