"""Convenors are emailed when a sighting is submitted, each able to turn it off."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Preferences
from accounts.roles import CONVENORS_GROUP
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_convenor(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    return user


def submit(sighting, by, capture):
    with capture(execute=True):
        sighting.submit(by=by)


def test_each_convenor_gets_one_email_for_a_submission(
    author, practitioner, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = make_convenor(), make_convenor()
    sighting = SightingFactory(author=author, title="Library opens late for carers")
    submit(sighting, author, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    message = mailoutbox[0]
    assert message.subject == "A sighting waits for review: Library opens late for carers"
    assert f"/review/{sighting.pk}/" in message.body
    assert "/me/settings/" in message.body
    assert practitioner.email not in [m.to[0] for m in mailoutbox]


def test_a_convenor_who_wrote_the_sighting_is_not_told_of_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    writer, other = make_convenor(), make_convenor()
    sighting = SightingFactory(author=writer)
    submit(sighting, writer, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[other.email]]


def test_a_convenor_who_turned_alerts_off_is_not_emailed(
    author, mailoutbox, django_capture_on_commit_callbacks
):
    quiet, keen = make_convenor(), make_convenor()
    Preferences.objects.create(user=quiet, convenor_alerts=False)
    submit(SightingFactory(author=author), author, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[keen.email]]


def test_a_resubmission_is_a_new_submission_and_alerts_again(
    author, convenor, mailoutbox, django_capture_on_commit_callbacks
):
    sighting = SightingFactory(author=author)
    submit(sighting, author, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        sighting.return_to_author(by=convenor, feedback="Say where.")
    submit(sighting, author, django_capture_on_commit_callbacks)
    alerts = [m for m in mailoutbox if m.to == [convenor.email]]
    assert len(alerts) == 2


def test_a_submission_through_the_form_alerts_the_convenors(
    client, author, convenor, mailoutbox, django_capture_on_commit_callbacks
):
    sighting = SightingFactory(author=author, shifts=["me-to-we"])
    client.force_login(author)
    form = client.get(reverse("sightings:edit", kwargs={"slug": sighting.slug})).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"shifts", "themes"}
    }
    data.update(
        shifts=[s.pk for s in sighting.shifts.all()], themes="", consent="on", action="submit"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sightings:edit", kwargs={"slug": sighting.slug}), data)
    assert response.status_code == 302, response.context["form"].errors
    assert [m.to for m in mailoutbox] == [[convenor.email]]


def test_convenors_see_and_change_the_switch_in_their_settings(client, convenor):
    client.force_login(convenor)
    page = client.get(reverse("me:settings")).content.decode()
    assert "Email me when a sighting is submitted for review" in page
    client.post(reverse("me:settings"), {"show_name": "True", "reminders": "on"})
    assert Preferences.objects.get(user=convenor).convenor_alerts is False


def test_practitioners_are_not_offered_the_convenor_switch(client, practitioner):
    client.force_login(practitioner)
    page = client.get(reverse("me:settings")).content.decode()
    assert "Email me when a sighting is submitted for review" not in page
    assert "Ask me whether my sightings lasted" in page
