"""The public side of cells: lists, notes, "Discussed in", the feed and the calendar file."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from icalendar import Calendar

from cells.models import CellNote
from sightings.models import Sighting
from tests.factories import CellFactory, CellNoteFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


def soon(days=14):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def test_the_cell_list_puts_active_cells_first_with_their_facts(client):
    closed = CellFactory(name="Aardvark mutual aid", is_active=False)
    active = CellFactory(
        name="Zebra leadership",
        purpose="Leaders of one place **compare** notes.",
        convenors=[UserFactory(first_name="Olu", last_name="Ade")],
    )
    CellNoteFactory(cell=active, published=True, next_meeting=soon())
    CellNoteFactory(cell=active, published=True)
    CellNoteFactory(cell=active)
    CellNoteFactory(cell=closed, published=True)
    body = client.get("/cells/").content.decode()
    assert body.index("Zebra leadership") < body.index("Aardvark mutual aid")
    assert "<strong>compare</strong>" in body
    assert "Olu Ade" in body
    assert "<dt>Published notes</dt><dd>2</dd>" in body
    assert "Next meeting" in body


def test_convenors_are_named_without_their_email_address(client):
    CellFactory(convenors=[UserFactory(username="jo@example.org", first_name="", last_name="")])
    body = client.get("/cells/").content.decode()
    assert "jo@example.org" not in body


def test_the_cell_page_lists_published_notes_newest_first(client):
    cell = CellFactory()
    CellNoteFactory(cell=cell, published=True, title="June meeting", met_on="2020-06-10")
    CellNoteFactory(cell=cell, published=True, title="July meeting", met_on="2020-07-08")
    body = client.get(cell.get_absolute_url()).content.decode()
    assert body.index("July meeting") < body.index("June meeting")


def test_the_cell_page_shows_the_upcoming_meeting_and_links_to_feed_and_calendar(client):
    cell = CellFactory()
    CellNoteFactory(cell=cell, published=True, next_meeting=soon())
    body = client.get(cell.get_absolute_url()).content.decode()
    assert f'href="/cells/{cell.slug}/feed/"' in body
    assert f'href="/cells/{cell.slug}/next-meeting.ics"' in body
    assert timezone.localtime(soon()).strftime("%B %Y") in body


def test_a_past_meeting_is_not_offered_as_the_next(client):
    cell = CellFactory()
    CellNoteFactory(cell=cell, published=True, next_meeting=soon(-3))
    body = client.get(cell.get_absolute_url()).content.decode()
    assert "No meeting arranged." in body
    assert client.get(f"/cells/{cell.slug}/next-meeting.ics").status_code == 404


def test_the_cell_page_counts_the_shifts_of_its_linked_published_sightings(client):
    cell = CellFactory()
    trusting = SightingFactory(published=True, shifts=["doubting-to-trusting", "me-to-we"])
    we = SightingFactory(published=True, shifts=["me-to-we"])
    withdrawn = SightingFactory(published=True, shifts=["me-to-we"])
    CellNoteFactory(cell=cell, published=True, sightings=[trusting, we, withdrawn])
    CellNoteFactory(cell=cell, published=True, sightings=[we])
    CellNoteFactory(cell=cell, sightings=[SightingFactory(published=True, shifts=["me-to-we"])])
    withdrawn.withdraw(by=withdrawn.author)
    counts = {
        s.slug: s.discussed_count
        for s in client.get(cell.get_absolute_url()).context["shift_counts"]
    }
    assert counts["me-to-we"] == 2
    assert counts["doubting-to-trusting"] == 1
    assert counts["competing-to-co-operating"] == 0
    assert list(counts) == [
        "doubting-to-trusting",
        "controlling-to-enabling",
        "competing-to-co-operating",
        "standardised-to-personalised",
        "me-to-we",
    ]


def test_a_note_shows_its_sightings_as_cards_with_their_shifts(client):
    sighting = SightingFactory(
        published=True, title="Trusted with a budget", shifts=["doubting-to-trusting"]
    )
    note = CellNoteFactory(published=True, sightings=[sighting])
    body = client.get(note.get_absolute_url()).content.decode()
    assert 'class="card sighting-card"' in body
    assert "Trusted with a budget" in body
    assert "Doubting → Trusting" in body


def test_a_note_links_the_previous_and_next_published_notes_of_its_cell(client):
    cell = CellFactory()
    first = CellNoteFactory(cell=cell, published=True, title="First", met_on="2020-06-10")
    CellNoteFactory(cell=cell, title="Draft between", met_on="2020-06-20")
    second = CellNoteFactory(cell=cell, published=True, title="Second", met_on="2020-07-08")
    third = CellNoteFactory(cell=cell, published=True, title="Third", met_on="2020-07-08")
    CellNoteFactory(published=True, title="Another cell", met_on="2020-06-30")
    response = client.get(second.get_absolute_url())
    assert response.context["previous_note"] == first
    assert response.context["next_note"] == third
    body = client.get(first.get_absolute_url()).content.decode()
    assert "Previous note" not in body
    assert "Next note: Second" in body


def test_discussed_in_appears_when_a_note_is_published(client, staff):
    sighting = SightingFactory(published=True)
    note = CellNoteFactory(title="The June meeting", sightings=[sighting], cell__convenors=[staff])
    body = client.get(sighting.get_absolute_url()).content.decode()
    assert "Discussed in" not in body
    note.publish(by=staff)
    body = client.get(sighting.get_absolute_url()).content.decode()
    assert "Discussed in" in body
    assert f'href="{note.get_absolute_url()}"' in body


def test_discussed_in_disappears_when_the_sighting_is_withdrawn(client):
    sighting = SightingFactory(published=True, title="Later withdrawn")
    note = CellNoteFactory(published=True, title="The June meeting", sightings=[sighting])
    sighting.withdraw(by=sighting.author)
    assert client.get(sighting.get_absolute_url()).status_code == 404
    client.force_login(sighting.author)
    assert "Discussed in" not in client.get(sighting.get_absolute_url()).content.decode()
    client.logout()
    note_page = client.get(note.get_absolute_url())
    assert note_page.status_code == 200
    assert "Later withdrawn" not in note_page.content.decode()


def test_the_feed_parses_and_lists_only_published_notes(client):
    cell = CellFactory(name="Changing practices")
    CellNoteFactory(cell=cell, published=True, title="June meeting", met_on="2020-06-10")
    july = CellNoteFactory(cell=cell, published=True, title="July meeting", met_on="2020-07-08")
    CellNoteFactory(cell=cell, title="Draft meeting")
    CellNoteFactory(published=True, title="Another cell's meeting")
    response = client.get(f"/cells/{cell.slug}/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert "Changing practices" in feed.feed.title
    assert [entry.title for entry in feed.entries] == ["July meeting", "June meeting"]
    assert feed.entries[0].link == f"http://testserver{july.get_absolute_url()}"


def test_the_feed_of_a_missing_cell_is_404(client):
    assert client.get("/cells/no-such-cell/feed/").status_code == 404


def test_the_calendar_file_holds_the_next_meeting(client):
    cell = CellFactory(name="Changing practices")
    when = soon(10)
    CellNoteFactory(cell=cell, published=True, next_meeting=soon(30), topics_next="Housing")
    CellNoteFactory(cell=cell, published=True, next_meeting=when, topics_next="Power")
    CellNoteFactory(cell=cell, next_meeting=soon(5))
    response = client.get(f"/cells/{cell.slug}/next-meeting.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "next-meeting.ics" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == when
    assert "Changing practices" in str(event["summary"])
    assert "Power" in str(event["description"])


def test_no_meeting_means_no_calendar_file(client):
    cell = CellFactory()
    CellNoteFactory(cell=cell, published=True, next_meeting=None)
    assert client.get(f"/cells/{cell.slug}/next-meeting.ics").status_code == 404


def test_cell_shift_counts_count_each_discussed_sighting_once(client):
    trusting = SightingFactory(published=True, shifts=["doubting-to-trusting", "me-to-we"])
    we = SightingFactory(published=True, shifts=["me-to-we"])
    hidden = SightingFactory(status=Sighting.Status.WITHDRAWN, shifts=["me-to-we"])
    cell = CellFactory()
    CellNoteFactory(cell=cell, published=True, sightings=[trusting, we, hidden])
    CellNoteFactory(cell=cell, published=True, sightings=[trusting])
    CellNoteFactory(cell=cell, status=CellNote.Status.DRAFT, sightings=[we])
    counted = {shift.slug: shift.discussed_count for shift in cell.shift_counts()}
    assert counted == {
        "doubting-to-trusting": 1,
        "controlling-to-enabling": 0,
        "competing-to-co-operating": 0,
        "standardised-to-personalised": 0,
        "me-to-we": 2,
    }
