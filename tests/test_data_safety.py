"""Nothing is lost: every change is kept in a history staff can read, and a departing
member's published work stays published."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from cells.models import Cell, CellNote
from sightings.models import FollowUp, Sighting
from tests.factories import (
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)


def history_types(obj_or_model, pk):
    return list(
        obj_or_model.history.filter(id=pk)
        .order_by("history_date")
        .values_list("history_type", flat=True)
    )


def test_a_sightings_whole_life_is_kept_in_its_history(author, convenor):
    sighting = SightingFactory(author=author)
    sighting.title = "The lunch club moved to the library"
    sighting.save()
    sighting.submit(by=author)
    sighting.publish(by=convenor)
    pk = sighting.pk
    sighting.delete()

    assert history_types(Sighting, pk) == ["+", "~", "~", "~", "-"]
    statuses = (
        Sighting.history.filter(id=pk).order_by("history_date").values_list("status", flat=True)
    )
    assert list(statuses) == ["draft", "draft", "submitted", "published", "published"]
    assert Sighting.history.filter(id=pk, title="The lunch club moved to the library").exists()


def test_a_cell_and_its_notes_keep_their_history(convenor):
    cell = CellFactory(convenors=[convenor])
    note = CellNoteFactory(cell=cell)
    note.body = "We agreed to meet monthly."
    note.save()
    note.publish(by=convenor)
    note_pk, cell_pk = note.pk, cell.pk
    note.delete()
    cell.purpose = "To learn from the sightings together."
    cell.save()
    cell.delete()

    assert history_types(CellNote, note_pk) == ["+", "~", "~", "-"]
    assert history_types(Cell, cell_pk) == ["+", "~", "-"]


def test_follow_ups_keep_their_history(published_sighting):
    follow_up = FollowUpFactory(sighting=published_sighting)
    follow_up.outcome = FollowUp.Outcome.GROWN
    follow_up.save()
    assert history_types(FollowUp, follow_up.pk) == ["+", "~"]


@pytest.mark.parametrize(
    ("admin_name", "make"),
    [
        ("sightings_sighting", lambda: SightingFactory(published=True)),
        ("sightings_followup", lambda: FollowUpFactory()),
        ("cells_cell", lambda: CellFactory()),
        ("cells_cellnote", lambda: CellNoteFactory(published=True)),
    ],
)
def test_staff_read_the_history_in_the_admin(client, staff, admin_name, make):
    obj = make()
    url = reverse(f"admin:{admin_name}_history", args=[obj.pk])
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "Created" in response.text


def test_the_history_of_a_deleted_sighting_stays_readable_by_staff(client, staff):
    sighting = SightingFactory(published=True, title="Library opens its kitchen")
    pk = sighting.pk
    sighting.delete()
    client.force_login(staff)
    response = client.get(reverse("admin:sightings_sighting_history", args=[pk]))
    assert response.status_code == 200
    assert "Deleted" in response.text
    assert "Library opens its kitchen" in response.text


@pytest.mark.parametrize(
    ("admin_name", "make"),
    [
        ("sightings_historicalsighting", lambda: SightingFactory(title="Gone: lunch club")),
        ("sightings_historicalfollowup", lambda: FollowUpFactory(note="Gone: still going")),
        ("cells_historicalcell", lambda: CellFactory(name="Gone: a cell")),
        ("cells_historicalcellnote", lambda: CellNoteFactory(title="Gone: a note")),
    ],
)
def test_staff_find_deleted_objects_in_the_history_lists(client, staff, admin_name, make):
    make().delete()
    client.force_login(staff)
    url = reverse(f"admin:{admin_name}_changelist")
    response = client.get(url, {"history_type": "-"})
    assert response.status_code == 200
    assert "Gone: " in response.text
    # The record is evidence: it can be read but not changed or removed.
    record_pk = response.context["cl"].result_list[0].pk
    change = client.post(reverse(f"admin:{admin_name}_change", args=[record_pk]), {})
    assert change.status_code == 403
    delete = client.post(reverse(f"admin:{admin_name}_delete", args=[record_pk]), {"post": "yes"})
    assert delete.status_code == 403


def test_a_change_made_in_the_admin_records_who_made_it(client, staff):
    cell = CellFactory(name="Changing places")
    client.force_login(staff)
    response = client.post(
        reverse("admin:cells_cell_change", args=[cell.pk]),
        {
            "name": "Changing places together",
            "slug": cell.slug,
            "purpose": cell.purpose,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    latest = Cell.history.filter(id=cell.pk).latest("history_date")
    assert latest.name == "Changing places together"
    assert latest.history_user == staff


def test_history_is_not_shown_to_convenors_who_are_not_staff(client, convenor):
    sighting = SightingFactory(published=True)
    client.force_login(convenor)
    response = client.get(reverse("admin:sightings_sighting_history", args=[sighting.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_deleting_a_member_keeps_their_published_sightings_by_a_former_member(
    client, author, convenor
):
    sighting = SightingFactory(author=author, published=True, title="Bus drivers learn names")
    follow_up = FollowUpFactory(sighting=sighting, author=author)
    note = CellNoteFactory(cell=CellFactory(convenors=[author]), author=author, published=True)

    author.delete()

    sighting.refresh_from_db()
    assert sighting.author is None
    assert sighting.status == Sighting.Status.PUBLISHED
    assert FollowUp.objects.filter(pk=follow_up.pk).exists()
    assert CellNote.objects.filter(pk=note.pk, status=CellNote.Status.PUBLISHED).exists()

    response = client.get(sighting.get_absolute_url())
    assert response.status_code == 200
    assert "a former practitioner" in response.text
    assert "Bus drivers learn names" in client.get(reverse("sightings:list")).text
    assert client.get(note.get_absolute_url()).status_code == 200


def test_staff_can_delete_a_member_in_the_admin_without_losing_their_sightings(
    client, staff, author
):
    sighting = SightingFactory(author=author, published=True)
    client.force_login(staff)
    User = get_user_model()
    response = client.post(reverse("admin:auth_user_delete", args=[author.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=author.pk).exists()
    assert Sighting.objects.published().filter(pk=sighting.pk, author=None).exists()


def database_url(settings_dict):
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict["HOST"] or "localhost"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


@pytest.mark.skipif(
    connection.vendor != "postgresql" or not shutil.which("pg_dump"),
    reason="the backup check needs PostgreSQL and its client tools",
)
def test_backup_check_restores_the_database_and_finds_the_same_rows(db):
    result = subprocess.run(
        [sys.executable, "scripts/backup_check.py"],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "DATABASE_URL": database_url(connection.settings_dict)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Restore check passed" in result.stdout
    # The five shifts come from a data migration, so they are in every backup.
    assert re.search(r"^sightings_shift\s+5\s+5$", result.stdout, re.MULTILINE)


def test_staff_cannot_give_a_published_sighting_a_future_date_or_no_shift(client, staff):
    sighting = SightingFactory(published=True, shifts=["me-to-we"])
    client.force_login(staff)
    page = client.get(f"/admin/sightings/sighting/{sighting.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"shifts", "date_observed"}
    }
    data |= {"date_observed": "2099-01-01", "shifts": []}
    for prefix in ["themed_items", "follow_ups", "changes"]:
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}

    response = client.post(f"/admin/sightings/sighting/{sighting.pk}/change/", data)

    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert "needs at least one shift" in response.content.decode()
    sighting.refresh_from_db()
    assert sighting.date_observed.year < 2099


def test_staff_who_are_not_superusers_curate_sightings_and_cells_but_not_accounts(client, db):
    curator = UserFactory(is_staff=True)
    SightingFactory(published=True)
    client.force_login(curator)

    for page in [
        "/admin/",
        "/admin/sightings/sighting/",
        "/admin/cells/cell/",
        "/admin/cells/cellnote/",
    ]:
        assert client.get(page).status_code == 200, page
    assert client.get("/admin/auth/group/").status_code == 403
    assert client.get("/admin/auth/user/add/").status_code == 403
