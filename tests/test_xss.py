"""Whatever people type is shown as text, never run.

Each payload goes into every field a person writes (a sighting, its themes, a follow-up,
a cell, a note, a member's name), then every page it can reach is parsed and searched
for anything a browser would execute: a script that is not one of ours, an event-handler
attribute, a `javascript:` address, or template syntax that was evaluated.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import reverse

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
    theme = sighting.tags.exclude(name="plain theme").get()
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
