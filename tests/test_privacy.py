"""People's own data: their public name, a download of everything, and closing the account."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Preferences
from cells.models import CellNote
from core.generation import generation
from sightings.models import Sighting
from tests.factories import (
    PASSWORD,
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SETTINGS = reverse("me:settings")
DATA = reverse("privacy:data")
DELETE = reverse("privacy:delete")


def downloaded(client):
    response = client.get(DATA)
    assert response.streaming
    assert "attachment" in response["Content-Disposition"]
    return json.loads(b"".join(response.streaming_content))


@pytest.fixture
def priya(db):
    return UserFactory(first_name="Priya", last_name="Shah", email="priya@example.org")


def test_visitors_are_sent_to_sign_in(client):
    for url in [SETTINGS, DATA, DELETE]:
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))


def test_choosing_a_practitioner_hides_the_name_everywhere_it_shows(client, priya, convenor):
    sighting = SightingFactory(author=priya, published=True)
    cell = CellFactory(convenors=[priya])
    note = CellNoteFactory(cell=cell, author=priya, published=True)
    before = generation()
    client.force_login(priya)

    response = client.post(SETTINGS, {"show_name": "False"})

    assert response["Location"] == SETTINGS
    assert not Preferences.objects.get(user=priya).show_name
    assert generation() != before
    client.logout()
    for url in [sighting.get_absolute_url(), cell.get_absolute_url(), reverse("cells:list")]:
        page = client.get(url).content.decode()
        assert "Priya" not in page, url
        assert "a practitioner" in page, url
    feed = client.get(reverse("cells:feed", kwargs={"slug": cell.slug})).content.decode()
    assert "Priya" not in feed
    assert note.title in feed
    client.force_login(convenor)
    assert "Priya" not in client.get(reverse("review:sighting", kwargs={"pk": sighting.pk})).text


def test_the_settings_page_offers_the_persons_own_name(client, priya):
    client.force_login(priya)
    page = client.get(SETTINGS).content.decode()
    assert "My name: Priya Shah" in page
    assert "“a practitioner”" in page


def test_the_download_holds_everything_about_the_person_and_nothing_of_anyone_else(
    client, priya, convenor
):
    mine = SightingFactory(author=priya, submitted=True, title="Mine", themes=["food"])
    mine.publish(by=convenor)
    FollowUpFactory(sighting=mine, author=priya, note="Still going strong.")
    draft = SightingFactory(author=priya, title="My draft")
    SightingFactory(title="Someone else's", published=True)
    CellNoteFactory(cell=CellFactory(convenors=[priya]), author=priya, title="Our meeting")
    client.force_login(priya)

    found = downloaded(client)

    assert found["account"]["email"] == "priya@example.org"
    assert found["account"]["cells_convened"]
    titles = [sighting["title"] for sighting in found["sightings"]]
    assert titles == ["Mine", "My draft"]
    published = found["sightings"][0]
    assert published["themes"] == ["food"]
    assert [step["to"] for step in published["history"]] == ["published"]
    assert published["history"][0]["by"] == "Carys"
    assert published["follow_ups"][0]["note"] == "Still going strong."
    assert found["follow_ups_written"][0]["sighting"] == mine.pk
    assert found["cell_notes_written"][0]["title"] == "Our meeting"
    assert found["sightings"][1]["id"] == draft.pk


def close(client, password=PASSWORD, published="keep"):
    return client.post(DELETE, {"password": password, "published": published})


def test_a_wrong_password_closes_nothing(client, priya):
    client.force_login(priya)
    response = close(client, password="not-it")
    assert "That is not your password." in response.content.decode()
    priya.refresh_from_db()
    assert priya.is_active and priya.email == "priya@example.org"


def test_closing_and_keeping_published_sightings_removes_the_name_everywhere(
    client, priya, convenor, django_capture_on_commit_callbacks
):
    published = SightingFactory(author=priya, submitted=True, title="Bus drivers learn names")
    published.publish(by=convenor)
    waiting = SightingFactory(author=priya, submitted=True)
    draft = SightingFactory(author=priya)
    elsewhere = Client()
    elsewhere.force_login(priya)
    client.force_login(priya)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = close(client)

    assert response["Location"] == reverse("home")
    statuses = dict(Sighting.objects.values_list("pk", "status"))
    assert statuses[published.pk] == Sighting.Status.PUBLISHED
    assert statuses[waiting.pk] == statuses[draft.pk] == Sighting.Status.WITHDRAWN
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Priya" not in page
    assert "a former practitioner" in page
    assert not client.get(reverse("sightings:mine")).wsgi_request.user.is_authenticated
    assert elsewhere.get(reverse("sightings:mine"))["Location"].startswith(
        reverse("accounts:login")
    )
    assert not Client().login(username="priya@example.org", password=PASSWORD)
    [email] = mail.outbox
    assert email.to == ["priya@example.org"]
    assert "under “a former practitioner”" in email.body
    person = get_user_model().objects.get(pk=priya.pk)
    assert (person.email, person.first_name, person.last_name) == ("", "", "")
    assert "priya" not in person.username


def test_history_shown_to_convenors_keeps_a_pseudonym_not_the_name(client, priya, convenor):
    priya.groups.add(*convenor.groups.all())
    sighting = SightingFactory(submitted=True)
    sighting.publish(by=priya)
    client.force_login(priya)
    close(client, published="withdraw")
    client.force_login(convenor)

    page = client.get(reverse("review:sighting", kwargs={"pk": sighting.pk})).content.decode()
    pseudonym = get_user_model().objects.get(pk=priya.pk).username

    assert "Priya" not in page
    assert f"by a former practitioner ({pseudonym})" in page


def test_closing_and_withdrawing_takes_published_sightings_down(
    client, priya, django_capture_on_commit_callbacks
):
    sighting = SightingFactory(author=priya, published=True)
    client.force_login(priya)
    with django_capture_on_commit_callbacks(execute=True):
        close(client, published="withdraw")
    assert client.get(sighting.get_absolute_url()).status_code == 404
    assert "withdrawn" in mail.outbox[-1].body


def test_a_cells_convenor_is_told_why_they_cannot_close_their_account(client, priya):
    CellFactory(name="Changing practices", convenors=[priya])
    client.force_login(priya)

    assert "You convene “Changing practices”." in client.get(DELETE).content.decode()
    response = close(client)

    assert response.status_code == 403
    priya.refresh_from_db()
    assert priya.is_active


def test_the_last_administrator_cannot_close_their_account_but_one_of_two_can(client, staff):
    client.force_login(staff)
    assert close(client).status_code == 403
    assert "You are the last administrator." in client.get(DELETE).content.decode()

    UserFactory(is_staff=True, is_superuser=True)
    assert close(client).status_code == 302
    staff.refresh_from_db()
    assert not staff.is_active and not staff.is_superuser


def test_staff_close_an_account_from_the_admin(client, staff, priya):
    sighting = SightingFactory(author=priya, published=True)
    client.force_login(staff)

    client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "close_keeping_published", "_selected_action": [priya.pk]},
    )

    priya.refresh_from_db()
    assert not priya.is_active and priya.email == ""
    assert "a former practitioner" in client.get(sighting.get_absolute_url()).text


def test_closed_accounts_notes_stay_without_a_name(client, priya):
    note = CellNoteFactory(cell=CellFactory(), author=priya, published=True)
    client.force_login(priya)
    close(client)
    assert CellNote.objects.filter(pk=note.pk, status=CellNote.Status.PUBLISHED).exists()
