""" "Did it last?" reminders: at 3, 6 and 12 months, once each, unless not wanted."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Preferences
from sightings.models import Reminder
from sightings.reminders import send_reminders
from tests.factories import FollowUpFactory, SightingFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def published_months_ago(months, **kwargs):
    when = NOW - datetime.timedelta(days=int(months * 30.5) + 1)
    return SightingFactory(published=True, published_at=when, **kwargs)


def test_the_author_is_asked_at_three_months_with_a_link_to_the_follow_up_form(author):
    sighting = published_months_ago(3, author=author, title="Lunch club")
    published_months_ago(2)
    assert send_reminders(NOW) == 1
    [email] = mail.outbox
    assert email.to == [author.email]
    assert email.subject == "Did it last? Lunch club"
    assert reverse("sightings:follow-up", kwargs={"slug": sighting.slug}) in email.body
    assert email.alternatives[0][1] == "text/html"
    assert Reminder.objects.get().stage == 3


def test_running_twice_sends_nothing_twice(author):
    published_months_ago(3, author=author)
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_each_stage_is_asked_once_as_time_passes(author):
    sighting = published_months_ago(0, author=author)
    stages = []
    for months in range(1, 14):
        send_reminders(NOW + datetime.timedelta(days=int(months * 30.5) + 1))
        stages = list(Reminder.objects.filter(sighting=sighting).values_list("stage", flat=True))
    assert sorted(stages) == [3, 6, 12]
    assert len(mail.outbox) == 3


def test_a_sighting_first_reached_at_a_year_is_asked_once(author):
    published_months_ago(13, author=author)
    assert send_reminders(NOW) == 1
    assert list(Reminder.objects.values_list("stage", flat=True)) == [12]
    assert send_reminders(NOW) == 0


def test_a_follow_up_added_since_means_no_reminder(author):
    sighting = published_months_ago(3, author=author)
    FollowUpFactory(sighting=sighting)
    assert send_reminders(NOW) == 0


def test_turned_off_for_the_sighting_or_for_everything(client, author):
    one = published_months_ago(3, author=author)
    published_months_ago(3)
    client.force_login(author)
    client.post(reverse("sightings:reminders", kwargs={"slug": one.slug}))
    one.refresh_from_db()
    assert not one.wants_reminders
    assert send_reminders(NOW) == 1
    assert author.email not in [m.to[0] for m in mail.outbox]

    two = published_months_ago(6, author=author)
    Preferences.objects.create(user=author, reminders=False)
    assert send_reminders(NOW) == 0
    assert not Reminder.objects.filter(sighting=two).exists()


def test_only_the_author_may_turn_reminders_off(client, practitioner, published_sighting):
    client.force_login(practitioner)
    url = reverse("sightings:reminders", kwargs={"slug": published_sighting.slug})
    assert client.post(url).status_code == 403
    published_sighting.refresh_from_db()
    assert published_sighting.wants_reminders


def test_unpublished_sightings_are_never_asked_about(author):
    SightingFactory(
        author=author, status="withdrawn", published_at=NOW - datetime.timedelta(days=400)
    )
    assert send_reminders(NOW) == 0
