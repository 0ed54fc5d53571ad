"""Staff in the admin: naming convenors moves them in and out of the group; publishing notes."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import CONVENORS_GROUP, is_convenor
from tests.factories import CellFactory, CellNoteFactory, UserFactory

pytestmark = pytest.mark.django_db


def in_group(user):
    return user.groups.filter(name=CONVENORS_GROUP).exists()


def test_naming_a_convenor_puts_them_in_the_convenors_group():
    person = UserFactory()
    cell = CellFactory()
    cell.convenors.add(person)
    assert in_group(person)
    assert is_convenor(type(person).objects.get(pk=person.pk))


def test_removing_someone_from_their_last_cell_takes_them_out_of_the_group():
    person = UserFactory()
    first, second = CellFactory(convenors=[person]), CellFactory(convenors=[person])
    first.convenors.remove(person)
    assert in_group(person), "still convenes the second cell"
    second.convenors.remove(person)
    assert not in_group(person)


def test_clearing_a_cells_convenors_takes_each_out_of_the_group():
    people = UserFactory.create_batch(2)
    cell = CellFactory(convenors=people)
    cell.convenors.clear()
    assert not any(in_group(person) for person in people)


def test_setting_convenors_as_the_admin_does_moves_people_in_and_out():
    leaving, staying, joining = UserFactory.create_batch(3)
    cell = CellFactory(convenors=[leaving, staying])
    cell.convenors.set([staying, joining])
    assert not in_group(leaving)
    assert in_group(staying)
    assert in_group(joining)


def test_changes_from_the_users_side_move_the_group_too():
    person = UserFactory()
    cell = CellFactory()
    person.convened_cells.add(cell)
    assert in_group(person)
    person.convened_cells.clear()
    assert not in_group(person)


def test_deleting_a_cell_takes_its_only_convenor_out_of_the_group():
    person = UserFactory()
    cell = CellFactory(convenors=[person])
    cell.delete()
    assert not in_group(person)


def test_the_admin_form_names_convenors(client, staff):
    person = UserFactory()
    client.force_login(staff)
    response = client.post(
        "/admin/cells/cell/add/",
        {
            "name": "Leadership in place",
            "slug": "leadership-in-place",
            "purpose": "Leaders of one town compare notes.",
            "convenors": [person.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert in_group(person)
    assert Group.objects.filter(name=CONVENORS_GROUP).count() == 1


def test_staff_publish_notes_from_the_admin_through_the_note_rules(client, staff):
    ready = CellNoteFactory(title="Ready")
    closed = CellNoteFactory(title="Closed cell", cell__is_active=False)
    client.force_login(staff)
    client.post(
        "/admin/cells/cellnote/",
        {"action": "publish_notes", "_selected_action": [ready.pk, closed.pk]},
    )
    ready.refresh_from_db()
    closed.refresh_from_db()
    assert ready.is_public
    assert ready.author == staff
    assert not closed.is_public


def test_the_admin_will_not_empty_a_published_notes_date(client, staff):
    note = CellNoteFactory(published=True)
    client.force_login(staff)
    response = client.post(
        f"/admin/cells/cellnote/{note.pk}/change/",
        {"cell": note.cell.pk, "title": note.title, "met_on": "", "summary": "", "body": "x"},
    )
    assert response.status_code == 200
    assert response.content.decode().count("A published note needs this.") == 2
    note.refresh_from_db()
    assert note.met_on is not None
