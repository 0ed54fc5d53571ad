"""Two people acting on one thing at once: one result is recorded, the other person is told."""

import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.test import Client

from cells.models import CellNote
from core import versions
from sightings.forms import ReviewForm
from sightings.models import Sighting, StatusChange
from tests.browser.shifts import ensure_five_shifts
from tests.factories import CellFactory, CellNoteFactory, SightingFactory, UserFactory
from tests.test_authoring import full_sighting

pytestmark = pytest.mark.django_db

CHANGED = "This changed after you opened the page"


def seen_version(response):
    return int(re.search(r'name="version" value="(\d+)"', response.content.decode())[1])


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def review_url(sighting):
    return f"/review/{sighting.pk}/"


def decision(sighting, what, version, feedback=""):
    return {
        "shifts": [shift.pk for shift in sighting.shifts.all()],
        "themes": "",
        "direction": sighting.direction,
        "feedback": feedback,
        "decision": what,
        "version": version,
    }


def test_every_save_counts_a_new_version(author):
    sighting = SightingFactory(author=author)
    assert sighting.version == 1
    sighting.title = "Renamed"
    sighting.save()
    sighting.save(update_fields=["title"])
    sighting.refresh_from_db()
    assert sighting.version == 3


def test_an_edit_made_on_a_stale_form_is_refused_showing_both_versions(author):
    sighting = SightingFactory(author=author, title="The first title")
    first_tab, second_tab = signed_in(author), signed_in(author)
    edit = f"/sightings/{sighting.slug}/edit/"
    seen = seen_version(first_tab.get(edit))
    second_tab.post(
        edit, full_sighting(title="Saved in the other tab", action="draft", version=seen)
    )

    response = first_tab.post(
        edit, full_sighting(title="Typed in the first tab", action="draft", version=seen)
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert CHANGED in html
    assert "Saved in the other tab" in html
    assert 'value="Typed in the first tab"' in html
    sighting.refresh_from_db()
    assert sighting.title == "Saved in the other tab"
    # Having seen both, pressing again saves what was typed.
    again = first_tab.post(
        edit,
        full_sighting(
            title="Typed in the first tab", action="draft", version=seen_version(response)
        ),
    )
    assert again.status_code == 302
    sighting.refresh_from_db()
    assert sighting.title == "Typed in the first tab"


def test_a_decision_on_a_sighting_decided_meanwhile_is_refused_and_keeps_the_feedback(convenor):
    sighting = SightingFactory(submitted=True, shifts=["me-to-we"])
    other = UserFactory(is_staff=True, is_superuser=True)
    reader = signed_in(convenor)
    seen = seen_version(reader.get(review_url(sighting)))
    assert (
        signed_in(other).post(review_url(sighting), decision(sighting, "publish", seen)).status_code
        == 302
    )

    response = reader.post(
        review_url(sighting),
        decision(sighting, "return", seen, feedback="Please say where the lunch club meets."),
    )

    html = response.content.decode()
    assert "Someone else decided on this sighting after you opened the page" in html
    assert "Please say where the lunch club meets." in html
    assert "Published" in html
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.PUBLISHED
    assert sighting.changes.count() == 1


def test_a_sighting_changed_and_resubmitted_meanwhile_is_not_published_unread(convenor, author):
    sighting = SightingFactory(author=author, submitted=True, shifts=["me-to-we"])
    reader = signed_in(convenor)
    seen = seen_version(reader.get(review_url(sighting)))
    sighting.return_to_author(by=UserFactory(is_staff=True), feedback="Add the place.")
    sighting.title = "A new story altogether"
    sighting.submit(by=author)

    response = reader.post(review_url(sighting), decision(sighting, "publish", seen))

    html = response.content.decode()
    assert CHANGED in html
    assert "A new story altogether" in html
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.SUBMITTED
    assert seen_version(response) == sighting.version


def test_a_note_edited_meanwhile_is_refused_keeping_what_was_typed():
    convenor = UserFactory()
    cell = CellFactory(convenors=[convenor])
    note = CellNoteFactory(cell=cell, title="June meeting")
    first, second = signed_in(convenor), signed_in(convenor)
    seen = seen_version(first.get(note.get_edit_url()))
    second.post(
        note.get_edit_url(),
        {"title": "June meeting (corrected)", "action": "save", "version": seen},
    )

    response = first.post(
        note.get_edit_url(),
        {"title": "June meeting, typed here", "action": "save", "version": seen},
    )

    html = response.content.decode()
    assert CHANGED in html
    assert "June meeting (corrected)" in html
    assert 'value="June meeting, typed here"' in html
    assert CellNote.objects.get().title == "June meeting (corrected)"


@pytest.mark.django_db(transaction=True)
def test_publish_and_return_pressed_at_the_same_instant_record_exactly_one():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time, so nothing runs at the same instant")
    ensure_five_shifts()
    sighting = SightingFactory(submitted=True, shifts=["me-to-we"])
    first, second = UserFactory(is_staff=True), UserFactory(is_staff=True)
    start = threading.Barrier(2)
    outcomes = []

    def press(by, what, feedback):
        try:
            # Each convenor's page was drawn before either pressed.
            shown = Sighting.objects.get(pk=sighting.pk)
            form = ReviewForm(decision(shown, what, shown.version, feedback), sighting=shown)
            assert form.is_valid(), form.errors
            start.wait(timeout=10)
            form.decide(by=by)
            outcomes.append(what)
        except (versions.Stale, ValidationError) as refused:
            outcomes.append(refused)
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=press, args=(first, "publish", "")),
        threading.Thread(target=press, args=(second, "return", "Say where it was.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    decided = [outcome for outcome in outcomes if isinstance(outcome, str)]
    assert len(outcomes) == 2
    assert len(decided) == 1
    assert StatusChange.objects.filter(sighting=sighting).count() == 1
    sighting.refresh_from_db()
    assert sighting.status == {"publish": "published", "return": "returned"}[decided[0]]
