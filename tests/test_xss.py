"""Whatever people type is shown as text, never run.

Each payload goes into every field a person writes (a sighting, its themes, a follow-up,
a cell, a note, a member's name), then every page it can reach is parsed and searched
for anything a browser would execute: a script that is not one of ours, an event-handler
attribute, a `javascript:` address, or template syntax that was evaluated.
"""

import csv
import datetime
import io
import json
from html.parser import HTMLParser
from urllib.parse import urlencode
from xml.etree import ElementTree

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.factories import (
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '"><svg onload=alert(1)>',
    "{{ 7|add:1 }}",
]
TEMPLATE_PAYLOAD = "{{ 7|add:1 }}"

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class LiveCodeFinder(HTMLParser):
    """Collects every part of a page that a browser would execute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            scheme = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and scheme.startswith(DANGEROUS_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(f"<script src={src!r}>")
            self._in_script = True
        if tag in {"iframe", "object", "embed", "base"}:
            self.problems.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script {data.strip()[:40]!r}")


def live_code(html):
    finder = LiveCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


@pytest.fixture(params=PAYLOADS, ids=["script", "img-onerror", "js-link", "svg-onload", "tpl"])
def payload(request):
    return request.param


@pytest.fixture
def planted(db, payload, convenor):
    """Every user-written field holds the payload, on public, published objects."""
    author = UserFactory(first_name=payload, last_name=payload)
    markdown = f"{payload}\n\n[a link]({payload})\n\n[x](javascript:alert(1))\n\n{payload}"
    sighting = SightingFactory(
        author=author,
        published=True,
        title=f"Seen {payload}"[:120],
        summary=payload,
        story=markdown,
        place=payload,
        source_url="javascript:alert(1)",
        themes=[payload, "plain theme"],
    )
    FollowUpFactory(sighting=sighting, author=author, note=payload)
    cell = CellFactory(name=f"Cell {payload}", purpose=markdown, convenors=[convenor])
    note = CellNoteFactory(
        cell=cell,
        published=True,
        title=f"Note {payload}",
        summary=payload,
        body=markdown,
        topics_next=markdown,
        author=convenor,
        sightings=[sighting],
    )
    theme = sighting.themes.exclude(name="plain theme").get()
    return {"sighting": sighting, "cell": cell, "note": note, "theme": theme}


def reached_pages(planted, payload):
    sighting, theme = planted["sighting"], planted["theme"]
    reflected = urlencode(
        {"q": payload, "place": payload, "setting": payload, "from": payload, "sort": payload}
    )
    return {
        "home": reverse("home"),
        "list": reverse("sightings:list"),
        "list by theme": f"{reverse('sightings:list')}?theme={theme.slug}",
        "list with the payload in its query": f"{reverse('sightings:list')}?{reflected}",
        "detail": sighting.get_absolute_url(),
        "shift": reverse("sightings:shift-detail", kwargs={"slug": "me-to-we"}),
        "themes": reverse("sightings:theme-list"),
        "theme": theme.get_absolute_url(),
        "cells": reverse("cells:list"),
        "cell": planted["cell"].get_absolute_url(),
        "note": planted["note"].get_absolute_url(),
        "sitemap": reverse("sitemap"),
        "sign-in with the payload as next": f"{reverse('accounts:login')}?"
        + urlencode({"next": payload}),
    }


def test_payload_is_inert_on_every_page_it_reaches(client, planted, payload):
    for name, url in reached_pages(planted, payload).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert live_code(response.text) == [], name


def test_payload_is_shown_as_the_text_that_was_typed(client, planted, payload):
    response = client.get(planted["sighting"].get_absolute_url())
    # The summary is plain text: it comes back exactly as typed, escaped for HTML.
    assert response.context["sighting"].summary == payload
    assert "alert(1)" in response.text
    if payload == TEMPLATE_PAYLOAD:
        assert TEMPLATE_PAYLOAD in response.text


def test_a_javascript_source_link_is_not_a_link(client, planted):
    response = client.get(planted["sighting"].get_absolute_url())
    assert 'href="javascript:' not in response.text.replace(" ", "").lower()


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href=" javascript:alert(1)">x</a>',
        '<svg onload="alert(1)"></svg>',
        '<script src="https://evil.example/x.js"></script>',
        "<iframe></iframe>",
    ],
)
def test_the_finder_catches_live_code(html):
    assert live_code(f"<p>{html}</p>")


def test_the_finder_allows_our_own_scripts_and_plain_links():
    html = '<script src="/static/js/x.js"></script><a href="/sightings/">x</a><svg></svg>'
    assert live_code(html) == []


# --- Pages and outputs behind an account, feeds, exports, and forms sent back.


@pytest.fixture
def signed_in_world(planted, payload, convenor):
    """The planted world, plus what authors and convenors see: a sighting in review,
    one returned with feedback, and a convenor whose name is the payload too."""
    author = planted["sighting"].author
    convenor.first_name = convenor.last_name = payload
    convenor.save()
    submitted = SightingFactory(
        author=author,
        submitted=True,
        title=f"Waiting {payload}"[:120],
        summary=payload,
        story=f"{payload}\n\n[a link]({payload})",
        place=payload,
        themes=[payload],
    )
    SightingFactory(
        author=author, status="returned", title=f"Back {payload}"[:120], feedback=payload
    )
    CellNoteFactory(
        cell=planted["cell"], title=f"Draft {payload}", summary=payload, author=convenor
    )
    return {**planted, "author": author, "convenor": convenor, "submitted": submitted}


def assert_inert(response, name):
    assert response.status_code == 200, name
    assert live_code(response.text) == [], name


def test_payload_is_inert_on_the_public_pages_added_since(client, planted):
    for name in ["sightings:insights", "sightings:open-data"]:
        assert_inert(client.get(reverse(name)), name)


def test_payload_is_inert_in_the_pages_an_author_sees(client, signed_in_world, payload):
    client.force_login(signed_in_world["author"])
    mine = client.get(reverse("sightings:mine"))
    assert_inert(mine, "my sightings")
    # The reviewer's feedback is shown as it was written.
    assert escape(payload) in mine.text
    for state in ["sighting", "submitted"]:
        assert_inert(client.get(signed_in_world[state].get_absolute_url()), state)
    follow_up = reverse("sightings:follow-up", kwargs={"slug": signed_in_world["sighting"].slug})
    assert_inert(client.get(follow_up), "follow-up form")


def test_payload_is_inert_in_the_pages_a_convenor_sees(client, signed_in_world, payload):
    client.force_login(signed_in_world["convenor"])
    submitted = signed_in_world["submitted"]
    queue = client.get(reverse("review:queue"))
    assert_inert(queue, "review queue")
    assert escape(submitted.title) in queue.text
    review = client.get(reverse("review:sighting", kwargs={"pk": submitted.pk}))
    assert_inert(review, "review of one sighting")
    assert escape(payload) in review.text
    themes = client.get(reverse("review:themes"))
    assert_inert(themes, "themes to tidy")
    assert escape(signed_in_world["theme"].name) in themes.text
    cell = signed_in_world["cell"]
    # The cell page lists the convenor's drafts, each by the name that is the payload.
    assert_inert(client.get(cell.get_absolute_url()), "cell with drafts")
    assert_inert(client.get(reverse("cells:note-create", kwargs={"slug": cell.slug})), "new note")
    assert_inert(client.get(signed_in_world["note"].get_edit_url()), "editing a note")


def test_a_display_name_is_shown_as_typed_beside_sightings_and_notes(client, signed_in_world):
    author_name = escape(signed_in_world["author"].get_full_name())
    assert author_name in client.get(signed_in_world["sighting"].get_absolute_url()).text
    # A note's convenor: named on the cell's pages and as the author in its feed.
    cell, convenor = signed_in_world["cell"], signed_in_world["convenor"]
    convenor_name = escape(convenor.get_full_name())
    for url in [reverse("cells:list"), cell.get_absolute_url()]:
        response = client.get(url)
        assert_inert(response, url)
        assert convenor_name in response.text
    feed = client.get(reverse("cells:feed", kwargs={"slug": cell.slug}))
    authors = [name.text for name in ElementTree.fromstring(feed.content).iter(ATOM_NAME)]
    assert convenor.get_full_name() in authors
    # And in the header, to the person themself.
    client.force_login(convenor)
    response = client.get(reverse("home"))
    assert_inert(response, "home, signed in")
    assert convenor_name in response.text


def test_theme_names_are_shown_as_typed_on_the_themes_page(client, planted):
    response = client.get(reverse("sightings:theme-list"))
    assert_inert(response, "themes")
    assert escape(planted["theme"].name) in response.text


ATOM_NAME = "{http://www.w3.org/2005/Atom}name"


def html_summaries(feed_xml):
    """The text of every Atom element a reader would render as HTML."""
    root = ElementTree.fromstring(feed_xml)
    return [
        element.text or ""
        for element in root.iter()
        if element.get("type") in {"html", "xhtml"} or element.tag.endswith("content")
    ]


@pytest.mark.parametrize("feed", ["sightings", "cell"])
def test_a_feed_gives_readers_the_payload_as_text(client, planted, payload, feed):
    if feed == "sightings":
        url = reverse("sightings:feed")
    else:
        url = reverse("cells:feed", kwargs={"slug": planted["cell"].slug})
    response = client.get(url)
    assert response.status_code == 200
    summaries = html_summaries(response.content)
    assert summaries
    # A reader renders each summary as HTML: it must draw the payload, not run it.
    for summary in summaries:
        assert live_code(summary) == []
    assert escape(payload) in summaries


def test_the_json_export_is_inert_and_holds_exactly_what_was_typed(client, planted, payload):
    response = client.get(reverse("sightings:export-json"))
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    for character in "<>&":
        assert character not in body
    [row] = json.loads(body)["sightings"]
    assert row["summary"] == payload
    assert row["place"] == payload


def test_the_csv_export_is_data_that_holds_exactly_what_was_typed(client, planted, payload):
    response = client.get(reverse("sightings:export-csv"))
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    assert "<html" not in body.lower()
    header, row = list(csv.reader(io.StringIO(body)))
    record = dict(zip(header, row, strict=True))
    assert record["summary"] == payload
    assert record["title"] == planted["sighting"].title


def test_the_calendar_file_is_plain_text_holding_what_was_typed(client, planted, payload):
    note = planted["note"]
    note.next_meeting = timezone.now() + datetime.timedelta(days=7)
    note.save()
    response = client.get(reverse("cells:next-meeting-ics", kwargs={"slug": planted["cell"].slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = next(iter(icalendar.Calendar.from_ical(response.content).walk("VEVENT")))
    assert payload in str(event["summary"])
    assert payload in str(event["description"])


def every_sighting_field(payload, **overrides):
    return {
        "title": f"Seen {payload}"[:120],
        "summary": payload,
        "story": f"{payload}\n\n[a link]({payload})",
        "place": payload,
        "date_observed": payload,
        "setting": payload,
        "shifts": [payload],
        "themes": payload,
        "connection": payload,
        "source_url": payload,
        "consent": "on",
        **overrides,
    }


@pytest.mark.parametrize("action", ["draft", "preview", "submit"])
def test_the_sighting_form_sent_back_with_errors_is_inert(client, author, payload, action):
    client.force_login(author)
    response = client.post(reverse("sightings:new"), every_sighting_field(payload, action=action))
    assert_inert(response, action)
    assert response.context["form"].errors
    for text in [payload, f"Seen {payload}"]:
        assert escape(text) in response.text


def test_the_sighting_preview_is_inert(client, author, payload):
    client.force_login(author)
    data = every_sighting_field(
        payload,
        action="preview",
        date_observed="2024-05-01",
        setting="education",
        shifts=[],
        connection="both",
        source_url="https://example.org/",
    )
    response = client.post(reverse("sightings:new"), data)
    assert_inert(response, "preview")
    assert response.context["preview"] is not None
    assert escape(payload) in response.text


def every_note_field(payload, **overrides):
    return {
        "title": f"Note {payload}",
        "met_on": "2024-05-01",
        "summary": payload,
        "body": f"{payload}\n\n[a link]({payload})",
        "topics_next": payload,
        "next_meeting": "",
        "find-q": payload,
        **overrides,
    }


def test_the_note_preview_is_inert(client, planted, payload, convenor):
    client.force_login(convenor)
    url = reverse("cells:note-create", kwargs={"slug": planted["cell"].slug})
    response = client.post(url, every_note_field(payload, action="preview"))
    assert_inert(response, "note preview")
    assert response.context["preview"] is not None
    assert escape(payload) in response.text


@pytest.mark.parametrize("action", ["save", "preview", "publish", "search"])
def test_the_note_form_sent_back_with_errors_is_inert(client, planted, payload, convenor, action):
    client.force_login(convenor)
    url = reverse("cells:note-create", kwargs={"slug": planted["cell"].slug})
    data = every_note_field(payload, action=action, met_on=payload, next_meeting=payload)
    response = client.post(url, data)
    assert_inert(response, action)
    assert escape(f"Note {payload}") in response.text
