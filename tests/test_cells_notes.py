"""Convenors write, preview, link sightings to and publish a cell's meeting notes."""

import datetime

import pytest
from django.utils import timezone

from cells.models import CellNote
from tests.factories import CellFactory, CellNoteFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def convenor_of_cell(db):
    return UserFactory(first_name="Olu")


@pytest.fixture
def cell(convenor_of_cell):
    return CellFactory(name="Changing practices", convenors=[convenor_of_cell])


@pytest.fixture
def signed_in(client, convenor_of_cell):
    client.force_login(convenor_of_cell)
    return client


def new_url(cell):
    return f"/cells/{cell.slug}/notes/new/"


def complete(**changes):
    data = {
        "title": "First meeting of the cell",
        "met_on": "2020-06-10",
        "summary": "Relationships grew stronger during the pandemic.",
        "body": "## Aims\n\nTo share what we have **seen**.",
        "topics_next": "- Power between people and the state",
        "next_meeting": "2020-07-08T14:00",
    }
    data.update(changes)
    return data


def test_a_draft_saves_with_only_a_title(signed_in, cell):
    response = signed_in.post(new_url(cell), {"title": "Notes so far", "action": "save"})
    note = cell.notes.get()
    assert response.status_code == 302
    assert response["Location"] == note.get_edit_url()
    assert note.status == CellNote.Status.DRAFT
    assert note.met_on is None
    assert note.author.first_name == "Olu"


def test_a_draft_is_404_to_the_public_and_absent_from_the_cell_page(client, cell):
    draft = CellNoteFactory(cell=cell, title="Half-written thoughts")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Half-written thoughts" not in client.get(cell.get_absolute_url()).content.decode()


def test_the_cell_page_lists_drafts_for_its_convenors_only(client, signed_in, cell, practitioner):
    CellNoteFactory(cell=cell, title="Half-written thoughts")
    assert "Half-written thoughts" in signed_in.get(cell.get_absolute_url()).content.decode()
    client.force_login(practitioner)
    assert "Half-written thoughts" not in client.get(cell.get_absolute_url()).content.decode()


def test_publishing_needs_the_date_summary_and_note_and_keeps_what_was_typed(signed_in, cell):
    response = signed_in.post(
        new_url(cell), {"title": "Rushed note", "topics_next": "Housing", "action": "publish"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert body.count("This field is required.") >= 3 * 2  # beside each field and in the summary
    assert 'value="Rushed note"' in body
    assert "Housing</textarea>" in body
    assert not cell.notes.exists()


def test_a_complete_note_publishes_and_shows_on_the_cell_page(signed_in, client, cell):
    response = signed_in.post(new_url(cell), complete(action="publish"))
    note = cell.notes.get()
    assert response.status_code == 302
    assert response["Location"] == note.get_absolute_url()
    assert note.is_public
    assert note.published_at is not None
    assert note.next_meeting == datetime.datetime(2020, 7, 8, 13, 0, tzinfo=datetime.UTC)
    client.logout()
    assert "First meeting of the cell" in client.get(cell.get_absolute_url()).content.decode()
    page = client.get(note.get_absolute_url()).content.decode()
    assert "<strong>seen</strong>" in page


def test_preview_shows_the_rendered_note_without_saving_it(signed_in, cell):
    response = signed_in.post(
        new_url(cell),
        complete(body="Hello <script>alert(1)</script> **world**", action="preview"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Preview" in body
    assert "<strong>world</strong>" in body
    assert "<script>alert(1)</script>" not in body
    assert not cell.notes.exists()


def test_a_preview_shows_the_picked_sightings_as_cards(signed_in, cell):
    sighting = SightingFactory(published=True, title="Receptionists book home visits")
    response = signed_in.post(new_url(cell), complete(sightings=[sighting.pk], action="preview"))
    assert 'class="card sighting-card"' in response.content.decode()


def test_searching_finds_published_sightings_by_title_words_and_keeps_the_form(signed_in, cell):
    SightingFactory(published=True, title="Neighbours shop for a stranger")
    SightingFactory(title="Neighbours draft story")
    withdrawn = SightingFactory(published=True, title="Neighbours withdrawn story")
    withdrawn.withdraw(by=withdrawn.author)
    response = signed_in.post(
        new_url(cell),
        {"title": "Half typed", "summary": "So far", "find-q": "neighbours", "action": "search"},
    )
    body = response.content.decode()
    assert "Neighbours shop for a stranger" in body
    assert "Neighbours draft story" not in body
    assert "Neighbours withdrawn story" not in body
    assert 'value="Half typed"' in body
    assert "So far</textarea>" in body
    assert "There is a problem" not in body
    assert not cell.notes.exists()


def test_searching_by_shift_finds_only_that_shifts_sightings(signed_in, cell):
    SightingFactory(published=True, title="Trusted with a budget", shifts=["doubting-to-trusting"])
    SightingFactory(published=True, title="Street group cooks", shifts=["me-to-we"])
    response = signed_in.post(
        new_url(cell), {"title": "x", "find-shift": "doubting-to-trusting", "action": "search"}
    )
    body = response.content.decode()
    assert "Trusted with a budget" in body
    assert "Street group cooks" not in body


def test_picks_stay_ticked_across_searches(signed_in, cell):
    first = SightingFactory(published=True, title="Food bank shares one list")
    SightingFactory(published=True, title="Library lends tools")
    response = signed_in.post(
        new_url(cell),
        {"title": "x", "sightings": [first.pk], "find-q": "library", "action": "search"},
    )
    body = response.content.decode()
    assert f'name="sightings" value="{first.pk}" id="pick-{first.pk}" checked' in body
    assert "Library lends tools" in body


def test_the_picker_can_be_searched_with_a_get_request(signed_in, cell):
    SightingFactory(published=True, title="Library lends tools")
    response = signed_in.get(new_url(cell) + "?find-q=library")
    assert "Library lends tools" in response.content.decode()


def test_publishing_links_the_picked_sightings(signed_in, cell):
    picks = SightingFactory.create_batch(2, published=True)
    signed_in.post(new_url(cell), complete(sightings=[s.pk for s in picks], action="publish"))
    assert set(cell.notes.get().sightings.all()) == set(picks)


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "declined", "withdrawn"])
def test_only_published_sightings_can_be_linked(signed_in, cell, status):
    hidden = SightingFactory(status=status)
    response = signed_in.post(new_url(cell), complete(sightings=[hidden.pk], action="save"))
    assert response.status_code == 200
    assert "Only published sightings can be linked" in response.content.decode()
    assert not cell.notes.exists()


def test_nonsense_sighting_keys_are_a_form_error_not_a_crash(signed_in, cell):
    response = signed_in.post(new_url(cell), complete(sightings=["abc"], action="save"))
    assert response.status_code == 200
    assert not cell.notes.exists()


def test_editing_keeps_the_links_and_drops_a_sighting_withdrawn_since(signed_in, cell):
    kept, withdrawn = SightingFactory.create_batch(2, published=True)
    note = CellNoteFactory(cell=cell, published=True, sightings=[kept, withdrawn])
    withdrawn.withdraw(by=withdrawn.author)
    body = signed_in.get(note.get_edit_url()).content.decode()
    assert f'id="pick-{kept.pk}" checked' in body
    assert f'id="pick-{withdrawn.pk}"' not in body
    response = signed_in.post(
        note.get_edit_url(), complete(title="Renamed", sightings=[kept.pk], action="save")
    )
    note.refresh_from_db()
    assert response.status_code == 302
    assert note.title == "Renamed"
    assert note.is_public
    assert list(note.sightings.all()) == [kept]


def test_a_published_note_cannot_be_saved_without_its_summary(signed_in, cell):
    note = CellNoteFactory(cell=cell, published=True)
    response = signed_in.post(note.get_edit_url(), complete(summary="", action="save"))
    assert response.status_code == 200
    note.refresh_from_db()
    assert note.summary


def test_the_note_slug_never_collides_with_the_new_note_address(signed_in, cell):
    signed_in.post(new_url(cell), {"title": "New", "action": "save"})
    assert cell.notes.get().slug != "new"


def test_a_meeting_cannot_be_dated_in_the_future(signed_in, cell):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = signed_in.post(new_url(cell), complete(met_on=tomorrow.isoformat(), action="save"))
    assert "A note records a meeting that has happened." in response.content.decode()


def test_the_next_meeting_comes_after_the_one_noted(signed_in, cell):
    response = signed_in.post(
        new_url(cell), complete(next_meeting="2020-06-01T10:00", action="save")
    )
    assert "The next meeting comes after" in response.content.decode()


def test_bad_dates_are_form_errors(signed_in, cell):
    response = signed_in.post(
        new_url(cell), complete(met_on="yesterday", next_meeting="soon", action="save")
    )
    assert response.status_code == 200
    assert response.content.decode().count("Enter a valid") >= 2


def test_an_unknown_shift_in_the_picker_is_ignored_not_a_crash(signed_in, cell):
    response = signed_in.post(
        new_url(cell), {"title": "x", "find-shift": "no-such-shift", "action": "search"}
    )
    assert response.status_code == 200


def test_a_closed_cell_takes_no_new_notes(signed_in, cell):
    cell.is_active = False
    cell.save()
    response = signed_in.get(new_url(cell))
    assert response.status_code == 302
    assert response["Location"] == cell.get_absolute_url()
    signed_in.post(new_url(cell), complete(action="publish"))
    assert not cell.notes.exists()


def test_a_closed_cell_keeps_its_notes_public_but_publishes_no_drafts(client, signed_in, cell):
    published = CellNoteFactory(cell=cell, published=True, title="The last meeting")
    draft = CellNoteFactory(cell=cell, title="Never finished")
    cell.is_active = False
    cell.save()
    signed_in.post(draft.get_edit_url(), complete(action="publish"))
    draft.refresh_from_db()
    assert not draft.is_public
    client.logout()
    assert client.get(published.get_absolute_url()).status_code == 200
