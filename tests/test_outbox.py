"""Email leaves through the task queue: retried with back-off, never lost, never in the way."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from outbox import mail as outbox_mail
from outbox.models import UndeliveredEmail
from sightings.models import Sighting
from tests.browser.shifts import ensure_five_shifts
from tests.factories import SightingFactory
from tests.mail_backends import FlakyBackend

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def publish(client, convenor, sighting):
    client.force_login(convenor)
    return client.post(
        reverse("review:sighting", kwargs={"pk": sighting.pk}),
        {"decision": "publish", "shifts": [s.pk for s in sighting.shifts.all()]},
    )


# The worker closes a database connection that is not in autocommit mode, as a test's
# wrapping transaction would leave it, so the tests that run it commit as they go.
runs_the_worker = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_refusing_mail_server_does_not_fail_the_request_and_the_email_is_kept(
    client, convenor, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    sighting = SightingFactory(submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = publish(client, convenor, sighting)
    assert response.status_code == 302
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.PUBLISHED
    [kept] = UndeliveredEmail.objects.all()
    assert kept.recipients == sighting.author.email
    assert kept.subject.startswith("Your sighting is published")
    assert kept.attempts == len(settings.OUTBOX_RETRY_DELAYS) + 1
    assert "SMTPServerDisconnected" in kept.error
    assert "was not delivered" in caplog.text


def test_a_mail_server_that_times_out_twice_delivers_on_the_third_attempt(
    client, convenor, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    FlakyBackend.failures_left = 2
    sighting = SightingFactory(submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        publish(client, convenor, sighting)
    assert [m.to for m in mail.outbox] == [[sighting.author.email]]
    assert not UndeliveredEmail.objects.exists()


@runs_the_worker
def test_with_the_database_queue_the_request_only_queues_and_the_worker_sends(
    client, convenor, settings, django_capture_on_commit_callbacks
):
    # An earlier test that committed may have emptied the shifts the migration made.
    ensure_five_shifts()
    settings.TASKS = DATABASE_TASKS
    sighting = SightingFactory(submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        publish(client, convenor, sighting)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="outbox.tasks.deliver").count() == 1
    run_worker()
    assert [m.to for m in mail.outbox] == [[sighting.author.email]]


@runs_the_worker
def test_a_refused_email_is_queued_again_later_with_growing_waits(settings):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    outbox_mail.queue_now(outbox_mail.message(to=["a@example.org"], subject="Hello", body="Hi"))
    before = timezone.now()
    run_worker()
    retry = DBTaskResult.objects.filter(status=TaskResultStatus.READY).get()
    assert retry.task_path == "outbox.tasks.deliver"
    assert retry.args_kwargs["args"][1] == 2
    assert retry.run_after >= before + datetime.timedelta(seconds=60)
    assert not UndeliveredEmail.objects.exists()
    # The worker skips it until its time comes: nothing is tried early.
    run_worker()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).get().pk == retry.pk


def test_staff_see_undelivered_emails_and_queue_them_again(client, staff, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    outbox_mail.queue_now(
        outbox_mail.message(to=["a@example.org"], subject="About your sighting", body="Hi")
    )
    kept = UndeliveredEmail.objects.get()
    client.force_login(staff)
    listing = client.get(reverse("admin:outbox_undeliveredemail_changelist"))
    assert "About your sighting" in listing.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(
        reverse("admin:outbox_undeliveredemail_changelist"),
        {"action": "send_again", "_selected_action": [kept.pk]},
    )
    assert [m.subject for m in mail.outbox] == ["About your sighting"]
    kept.refresh_from_db()
    assert kept.resent_at is not None


def test_a_practitioner_cannot_see_undelivered_emails(client, practitioner):
    client.force_login(practitioner)
    response = client.get(reverse("admin:outbox_undeliveredemail_changelist"))
    assert response.status_code == 302


def test_html_and_headers_travel_with_the_message():
    outbox_mail.queue_now(
        outbox_mail.message(
            to=["a@example.org"],
            subject="  A   subject\n",
            body="Plain",
            html="<p>Rich</p>",
            headers={"List-Unsubscribe": "<https://example.org/u>"},
        )
    )
    [sent] = mail.outbox
    assert sent.subject == "A subject"
    assert sent.alternatives[0][0] == "<p>Rich</p>"
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.org/u>"
