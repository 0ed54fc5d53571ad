"""Every page under /cy/ is in Welsh: no English left on it but what people wrote.

Each page is fetched in both languages. A piece of text (or a label, title or
alternative text) that reads the same in both is English the Welsh page kept, unless
a person wrote it (the world's own titles, names, places and notes), it is a name
that is the same in both languages, or it holds no words at all.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.follows import unsubscribe_token
from accounts.models import Follow
from cells.models import DiscussedSighting
from sightings.models import FollowUp, Place, Shift, Sighting, Theme
from tests.factories import (
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
)

# The same in English and in Welsh: names of things and formats.
SAME_IN_BOTH = {
    "API",
    "CSV",
    "JSON",
    "Atom",
    "Markdown",
    "GeoNames",
    "UTF-8",
    "OpenAPI",
    "CC BY 4.0",
    "Cymraeg",
    "English",
    "Creative Commons",
    "Hackney",
}
ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "content"}
SKIPPED_ELEMENTS = {"script", "style", "code", "pre", "textarea", "option"}


class VisibleText(HTMLParser):
    """Text and labelling attributes a person meets, outside English-only islands."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # Words marked as English inside a Welsh page (the switch's "English"), not the
        # English page itself.
        english_island = tag != "html" and (attributes.get("lang") or "").lower().startswith("en")
        skipped = tag in SKIPPED_ELEMENTS or english_island
        void = tag in {"meta", "link", "img", "input", "br", "hr", "source", "wbr"}
        if not self._skipping() and not skipped:
            name = attributes.get("name") or ""
            for attribute in ATTRIBUTES:
                if attribute == "content" and not (tag == "meta" and name == "description"):
                    continue
                if attributes.get(attribute):
                    self.pieces.append(attributes[attribute])
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.pieces.append(attributes.get("value") or "")
        if not void:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in {"meta", "link", "img", "input", "br", "hr", "source", "wbr"}:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # Close the nearest open element of that name, and any left open inside it.
        names = [name for name, _skipped in self.stack]
        if tag in names:
            del self.stack[len(names) - 1 - names[::-1].index(tag) :]

    def handle_data(self, data):
        if not self._skipping():
            self.pieces.append(data)

    def _skipping(self):
        return any(skipped for _tag, skipped in self.stack)


def visible_pieces(html):
    parser = VisibleText()
    parser.feed(html)
    pieces = set()
    for piece in parser.pieces:
        for line in re.split(r"[\n·|]", piece):
            text = " ".join(line.split()).strip(" ,.:;()“”\"'–—-")
            if re.search(r"[A-Za-z]{3,}", text):
                pieces.add(text)
    return pieces


def written_by_people(world):
    """Everything the world's people typed, which stays as written in either language."""
    texts = set()
    for sighting in Sighting.objects.all():
        texts |= {sighting.title, sighting.summary, sighting.place, sighting.story}
        texts |= {sighting.source_url, sighting.feedback}
        texts |= set(sighting.themes.values_list("name", flat=True))
    for follow_up in FollowUp.objects.all():
        texts |= {follow_up.note, follow_up.hidden_reason}
    for place in Place.objects.all():
        texts |= {place.name, place.region}
    for cell in world["cells"]:
        texts |= {cell.name, cell.purpose}
        for note in cell.notes.all():
            texts |= {note.title, note.summary, note.body, note.topics_next}
    for user in world["users"]:
        texts |= {user.get_full_name(), user.username, user.email}
    return " \n ".join(text for text in texts if text)


def is_english_left_over(piece, people_wrote):
    if piece in SAME_IN_BOTH or all(word in SAME_IN_BOTH for word in piece.split()):
        return False
    if piece in people_wrote:
        return False
    # A person's words with Welsh around them, or a title quoted inside Welsh.
    return not any(part and part in people_wrote for part in re.split(r"[“”:]", piece))


@pytest.fixture
def world(db, practitioner, author, convenor):
    place = Place.objects.for_name("Hackney")
    place.region = "London"
    place.save()
    published = SightingFactory(
        author=author,
        published=True,
        title="Neighbours kept the lunch club going",
        shifts=["me-to-we", "doubting-to-trusting"],
        themes=["loneliness"],
        place_ref=place,
        source_url="https://example.org/report",
    )
    SightingFactory(author=author, published=True, direction=Sighting.Direction.BACK)
    FollowUpFactory(sighting=published, observed_on=datetime.date.today())
    draft = SightingFactory(author=author, title="A draft about the library")
    returned = SightingFactory(
        author=author,
        status=Sighting.Status.RETURNED,
        feedback="Say a little more about who took part.",
    )
    submitted = SightingFactory(author=practitioner, submitted=True)
    cell = CellFactory(convenors=[convenor])
    note = CellNoteFactory(cell=cell, published=True, sightings=[published])
    DiscussedSighting.objects.filter(note=note).update(reading=DiscussedSighting.Reading.AFFIRMS)
    CellNoteFactory(cell=cell, title="Draft notes of the spring meeting")
    return {
        "sighting": published,
        "draft": draft,
        "returned": returned,
        "submitted": submitted,
        "cell": cell,
        "note": note,
        "place": place,
        "cells": [cell],
        "users": [practitioner, author, convenor],
    }


def public_addresses(world):
    sighting, cell, note = world["sighting"], world["cell"], world["note"]
    return [
        reverse("home"),
        reverse("sightings:list"),
        reverse("sightings:list") + "?shift=me-to-we&q=lunch&sort=relevance",
        sighting.get_absolute_url(),
        reverse("sightings:shift-list"),
        reverse("sightings:shift-detail", kwargs={"slug": "me-to-we"}),
        reverse("sightings:theme-list"),
        reverse("sightings:theme-detail", kwargs={"slug": "loneliness"}),
        reverse("sightings:place-list"),
        world["place"].get_absolute_url(),
        reverse("cells:list"),
        cell.get_absolute_url(),
        note.get_absolute_url(),
        reverse("sightings:insights"),
        reverse("sightings:open-data"),
        reverse("sightings:paper"),
        reverse("accounts:login"),
        reverse("accounts:signup"),
        reverse("accounts:password-reset"),
        reverse("accounts:password-reset-done"),
        "/no-such-page/",
    ]


def author_addresses(world):
    return [
        reverse("sightings:mine"),
        reverse("me:settings"),
        reverse("sightings:new"),
        reverse("sightings:edit", kwargs={"slug": world["draft"].slug}),
        reverse("sightings:edit", kwargs={"slug": world["returned"].slug}),
        world["draft"].get_absolute_url(),
        reverse("sightings:withdraw", kwargs={"slug": world["sighting"].slug}),
        reverse("sightings:follow-up", kwargs={"slug": world["sighting"].slug}),
        reverse("privacy:delete"),
        reverse("accounts:password-change"),
        reverse("accounts:logout"),
    ]


def convenor_addresses(world):
    cell = world["cell"]
    return [
        reverse("review:queue"),
        reverse("review:sighting", kwargs={"pk": world["submitted"].pk}),
        reverse("review:themes"),
        reverse("review:places"),
        reverse("review:on-behalf"),
        reverse("review:import"),
        reverse("cells:note-create", kwargs={"slug": cell.slug}),
        cell.get_absolute_url(),
    ]


def welsh(address):
    return f"/cy{address}"


def english_left(english, cymraeg, people_wrote):
    """The pieces of the Welsh answer that read as the English one does."""
    same = visible_pieces(english.text) & visible_pieces(cymraeg.text)
    return sorted(piece for piece in same if is_english_left_over(piece, people_wrote))


def english_left_on_welsh_pages(client, addresses, world):
    people_wrote = written_by_people(world)
    found = {}
    for address in addresses:
        english = client.get(address)
        cymraeg = client.get(welsh(address))
        assert cymraeg.status_code == english.status_code, address
        assert f'lang="{"cy"}"' in cymraeg.text, address
        if left_over := english_left(english, cymraeg, people_wrote):
            found[address] = left_over
    return found


def test_public_pages_in_welsh_keep_no_english(client, world):
    found = english_left_on_welsh_pages(client, public_addresses(world), world)
    assert not found, found


def test_an_authors_pages_in_welsh_keep_no_english(client, world):
    client.force_login(world["users"][1])
    found = english_left_on_welsh_pages(client, author_addresses(world), world)
    assert not found, found


def test_a_convenors_pages_in_welsh_keep_no_english(client, world):
    client.force_login(world["users"][2])
    found = english_left_on_welsh_pages(client, convenor_addresses(world), world)
    assert not found, found


def test_a_form_with_errors_speaks_welsh(client, world):
    client.force_login(world["users"][1])
    with translation.override("cy"):
        address = reverse("sightings:new")

    page = client.post(address, {"action": "submit", "title": ""}).text

    assert "Rhowch deitl i’ch arsylwad, hyd yn oed ar gyfer drafft." in page
    assert "Give your sighting a title" not in page


def test_the_check_finds_english_left_on_a_welsh_page():
    english = '<html lang="en-GB"><p>Browse the sightings</p><p>Hackney</p>'
    cymraeg = '<html lang="cy"><p>Browse the sightings</p><p>Hackney</p>'

    same = visible_pieces(english) & visible_pieces(cymraeg)

    assert [p for p in same if is_english_left_over(p, "")] == ["Browse the sightings"]


def test_the_check_lets_people_write_in_english():
    page = "<h1>Neighbours kept the lunch club going</h1><p lang='en-GB'>English</p>"

    same = visible_pieces(page) & visible_pieces(page)

    assert not [p for p in same if is_english_left_over(p, "Neighbours kept the lunch club going")]


def test_a_welsh_page_is_served_under_cy_for_every_public_address(client, world):
    for address in public_addresses(world):
        response = client.get(welsh(address))
        assert response.status_code in {200, 404}, address
        assert response["Content-Language"] == "cy", address


# --- Taking part: following, "seen this too", people's own data, and forms sent back.


@pytest.fixture
def taking_part(world, practitioner):
    """The practitioner follows a shift, a theme, a place and a cell."""
    follows = [
        Follow.objects.create(user=practitioner, shift=Shift.objects.get(slug="me-to-we")),
        Follow.objects.create(user=practitioner, theme=Theme.objects.get(slug="loneliness")),
        Follow.objects.create(user=practitioner, place=world["place"]),
        Follow.objects.create(user=practitioner, cell=world["cell"]),
    ]
    return {**world, "follows": follows}


def signed_in_public_addresses(world):
    """The public pages, less those that send someone signed in elsewhere."""
    elsewhere = {reverse("accounts:login"), reverse("accounts:signup")}
    return [address for address in public_addresses(world) if address not in elsewhere]


def participation_addresses(world):
    sighting = world["sighting"]
    return [
        reverse("following:list"),
        reverse("sightings:seen-too", kwargs={"slug": sighting.slug}),
        reverse("following:unsubscribe", kwargs={"token": unsubscribe_token(world["follows"][0])}),
        reverse("me:settings"),
        reverse("privacy:delete"),
        reverse("sightings:mine"),
        reverse("sightings:new"),
        reverse("api-index"),
    ]


def visitor_only_addresses():
    return [
        reverse("api-index"),
        reverse("embed-sightings") + "?shift=me-to-we",
    ]


def test_pages_for_visitors_beyond_the_public_ones_keep_no_english(client, world):
    found = english_left_on_welsh_pages(client, visitor_only_addresses(), world)
    assert not found, found


@pytest.mark.parametrize("role", [0, 1, 2], ids=["practitioner", "author", "convenor"])
def test_public_pages_with_their_follow_buttons_keep_no_english_for_each_role(
    client, taking_part, role
):
    addresses = signed_in_public_addresses(taking_part) + [reverse("api-index")]
    client.force_login(taking_part["users"][role])
    found = english_left_on_welsh_pages(client, addresses, taking_part)
    assert not found, found


def test_a_practitioners_following_and_own_pages_keep_no_english(client, taking_part):
    addresses = participation_addresses(taking_part)
    client.force_login(taking_part["users"][0])
    found = english_left_on_welsh_pages(client, addresses, taking_part)
    assert not found, found


def english_left_on_welsh_answers(client, posts, world):
    """As english_left_on_welsh_pages, for forms posted in both languages: `posts` holds
    (person, address, data), and what the form sends back as typed stays as typed."""
    found = {}
    for person, address, data in posts:
        client.force_login(person) if person else client.logout()
        typed = " \n ".join(str(value) for value in data.values())
        people_wrote = written_by_people(world) + " \n " + typed
        english = client.post(address, data)
        cymraeg = client.post(welsh(address), data)
        # Sent back to be put right, not taken.
        assert english.status_code == cymraeg.status_code == 200, address
        if left_over := english_left(english, cymraeg, people_wrote):
            found[address] = left_over
    return found


def test_forms_sent_back_with_errors_keep_no_english(client, taking_part):
    """Django's own messages too ("This field is required.", "Enter a valid date.")."""
    practitioner, author, convenor = taking_part["users"]
    sighting, submitted = taking_part["sighting"], taking_part["submitted"]
    posts = [
        (None, reverse("accounts:signup"), {"email": "not an address", "password": "1"}),
        (None, reverse("accounts:login"), {"username": "nobody@example.org", "password": "x"}),
        (None, reverse("accounts:password-reset"), {"email": "not an address"}),
        (practitioner, reverse("sightings:new"), {"action": "submit", "date_observed": "soon"}),
        (practitioner, reverse("sightings:seen-too", kwargs={"slug": sighting.slug}), {}),
        (practitioner, reverse("me:settings"), {"show_name": "maybe", "language": "xx"}),
        (practitioner, reverse("privacy:delete"), {"password": "wrong"}),
        (practitioner, reverse("accounts:password-change"), {"old_password": "wrong"}),
        (
            author,
            reverse("sightings:follow-up", kwargs={"slug": sighting.slug}),
            {"outcome": "", "observed_on": "not a date"},
        ),
        (convenor, reverse("review:on-behalf"), {"action": "submit"}),
        (convenor, reverse("review:import"), {}),
        (
            convenor,
            reverse("review:sighting", kwargs={"pk": submitted.pk}),
            {"decision": "return", "feedback": "", "version": submitted.version},
        ),
        (
            convenor,
            reverse("cells:note-create", kwargs={"slug": taking_part["cell"].slug}),
            {"action": "publish", "met_on": "not a date"},
        ),
    ]
    found = english_left_on_welsh_answers(client, posts, taking_part)
    assert not found, found


def test_the_changed_meanwhile_panel_keeps_no_english(client, taking_part):
    convenor, submitted = taking_part["users"][2], taking_part["submitted"]
    address = reverse("review:sighting", kwargs={"pk": submitted.pk})
    stale = {
        "shifts": [shift.pk for shift in submitted.shifts.all()],
        "themes": "",
        "direction": submitted.direction,
        "feedback": "Please say where.",
        "decision": "return",
        "version": submitted.version,
    }
    submitted.publish(by=convenor)
    client.force_login(convenor)
    assert "after you opened the page" in client.post(address, stale).text
    found = english_left_on_welsh_answers(client, [(convenor, address, stale)], taking_part)
    assert not found, found
