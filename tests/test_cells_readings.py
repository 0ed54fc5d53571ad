"""How a cell's meeting read each sighting its note links: stored, shown and fed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cells.models import DiscussedSighting
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


@pytest.fixture
def lunch(db):
    return SightingFactory(published=True, title="Neighbours run a Thursday lunch")


def note_data(sighting, **readings):
    data = {
        "title": "What lockdown taught us",
        "met_on": "2020-06-10",
        "summary": "Relationships grew stronger.",
        "body": "## Aims",
        "sightings": [sighting.pk],
    }
    data.update({f"reading-{sighting.pk}-{name}": value for name, value in readings.items()})
    return data


def test_a_convenor_records_how_the_meeting_read_a_linked_sighting(signed_in, cell, lunch):
    data = note_data(lunch, reading="complicates", why="It began before the pandemic.")
    response = signed_in.post(f"/cells/{cell.slug}/notes/new/", {**data, "action": "publish"})
    assert response.status_code == 302
    link = DiscussedSighting.objects.get()
    assert (link.note.title, link.sighting, link.reading, link.why) == (
        "What lockdown taught us",
        lunch,
        "complicates",
        "It began before the pandemic.",
    )


def test_a_reading_is_optional(signed_in, cell, lunch):
    signed_in.post(f"/cells/{cell.slug}/notes/new/", {**note_data(lunch), "action": "save"})
    assert DiscussedSighting.objects.get().reading == ""


def test_an_unknown_reading_is_refused_and_nothing_typed_is_lost(signed_in, cell, lunch):
    data = note_data(lunch, reading="shrugs", why="Kept as typed")
    response = signed_in.post(f"/cells/{cell.slug}/notes/new/", {**data, "action": "save"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Check how the meeting read the linked sightings" in body
    assert "Choose one of the readings offered" in body
    assert 'value="Kept as typed"' in body
    assert 'value="What lockdown taught us"' in body
    assert not cell.notes.exists()


def test_a_search_keeps_the_reading_chosen_so_far(signed_in, cell, lunch):
    data = note_data(lunch, reading="asks", why="Does it last?")
    response = signed_in.post(
        f"/cells/{cell.slug}/notes/new/", {**data, "action": "search", "find-q": "lunch"}
    )
    body = response.content.decode()
    assert '<option value="asks" selected>Asks for a follow-up</option>' in body
    assert 'value="Does it last?"' in body
    assert "field-error" not in body


def test_editing_shows_the_stored_reading_and_changes_it(signed_in, cell, lunch):
    note = CellNoteFactory(cell=cell, sightings=[lunch])
    note.record_readings({lunch.pk: ("affirms", "Trust came first")})
    body = signed_in.get(note.get_edit_url()).content.decode()
    assert '<option value="affirms" selected>Affirms</option>' in body
    assert 'value="Trust came first"' in body

    data = {**note_data(lunch, reading="", why=""), "title": note.title, "action": "save"}
    signed_in.post(note.get_edit_url(), data)
    assert DiscussedSighting.objects.get().reading == ""


def test_the_sighting_and_the_note_show_the_reading(client, cell, lunch):
    note = CellNoteFactory(cell=cell, published=True, sightings=[lunch], title="Second meeting")
    note.record_readings({lunch.pk: ("complicates", "Only where a hall was free")})
    draft = CellNoteFactory(cell=cell, sightings=[lunch], title="Unpublished thoughts")
    draft.record_readings({lunch.pk: ("affirms", "Secret")})

    sighting_page = client.get(lunch.get_absolute_url()).content.decode()
    assert "Second meeting" in sighting_page
    assert "Complicates" in sighting_page
    assert "Only where a hall was free" in sighting_page
    assert "Secret" not in sighting_page and "Unpublished thoughts" not in sighting_page

    note_page = client.get(note.get_absolute_url()).content.decode()
    assert 'class="reading reading--complicates"' in note_page
    assert "Only where a hall was free" in note_page


def test_the_cell_feed_includes_each_reading(client, cell, lunch):
    withdrawn = SightingFactory(published=True, title="Later withdrawn")
    note = CellNoteFactory(cell=cell, published=True, sightings=[lunch, withdrawn])
    note.record_readings({lunch.pk: ("asks", "Is it still going?")})
    withdrawn.withdraw(by=withdrawn.author)
    feed = client.get(f"/cells/{cell.slug}/feed/").content.decode()
    assert "Neighbours run a Thursday lunch" in feed
    assert "the meeting’s reading: Asks for a follow-up (Is it still going?)" in feed
    assert f"http://testserver{lunch.get_absolute_url()}" in feed
    assert "Later withdrawn" not in feed


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_existing_link():
    executor = MigrationExecutor(connection)
    before, after = (
        [("cells", "0002_drafts_need_only_a_title")],
        [("cells", "0003_discussedsighting")],
    )
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    # Only the cells app goes back; sightings stay as they are today.
    sighting = SightingFactory(published=True, title="Kept")
    cell = old.get_model("cells", "Cell").objects.create(name="A cell", slug="a-cell", purpose="x")
    note = old.get_model("cells", "CellNote").objects.create(
        cell=cell, title="A note", slug="a-note"
    )
    note.sightings.add(sighting.pk)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    try:
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        links = new.get_model("cells", "DiscussedSighting").objects.values_list(
            "note_id", "sighting_id", "reading", "why"
        )
        assert list(links) == [(note.pk, sighting.pk, "", "")]
    finally:
        # Later tests, and servers started on this database, need every migration.
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_staff_see_and_change_readings_in_the_admin(client, staff, cell, lunch):
    note = CellNoteFactory(cell=cell, sightings=[lunch])
    client.force_login(staff)
    page = client.get(f"/admin/cells/cellnote/{note.pk}/change/").content.decode()
    assert "How did the meeting read it?" in page
    link = note.discussed.get()
    response = client.post(
        f"/admin/cells/cellnote/{note.pk}/change/",
        {
            "cell": cell.pk,
            "title": note.title,
            "met_on": "2020-06-10",
            "summary": "",
            "body": "",
            "topics_next": "",
            "discussed-TOTAL_FORMS": "1",
            "discussed-INITIAL_FORMS": "1",
            "discussed-0-id": link.pk,
            "discussed-0-note": note.pk,
            "discussed-0-sighting": lunch.pk,
            "discussed-0-reading": "asks",
            "discussed-0-why": "When did it start?",
        },
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.reading, link.why) == ("asks", "When did it start?")
