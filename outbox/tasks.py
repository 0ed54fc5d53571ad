"""Sending one email, with retries: the task behind outbox.mail.queue."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

from outbox.models import UndeliveredEmail

logger = logging.getLogger(__name__)


@task()
def deliver(email, attempt=1):
    try:
        as_django_message(email).send()
    except Exception as error:
        # Whatever went wrong, the message must not be lost: try again later, and after
        # the last attempt keep it where staff will see it.
        try_again_or_keep(email, attempt, error)


def as_django_message(email):
    message = EmailMultiAlternatives(
        subject=email["subject"],
        body=email["body"],
        to=email["to"],
        headers=email.get("headers") or {},
    )
    if email.get("html"):
        message.attach_alternative(email["html"], "text/html")
    return message


def retry_delays():
    """Seconds to wait before each further attempt: growing, so a server that is down
    for an hour is not hammered, and one that blinked is retried soon."""
    return settings.OUTBOX_RETRY_DELAYS


def try_again_or_keep(email, attempt, error):
    delays = retry_delays()
    if attempt <= len(delays):
        logger.warning(
            "Email %r to %s failed (attempt %s): %s; trying again in %s s.",
            email["subject"],
            ", ".join(email["to"]),
            attempt,
            error,
            delays[attempt - 1],
        )
        later(delays[attempt - 1]).enqueue(email, attempt + 1)
        return
    UndeliveredEmail.objects.create(
        recipients="\n".join(email["to"]),
        subject=email["subject"][:300],
        body=email["body"],
        html=email.get("html", ""),
        headers=email.get("headers") or {},
        attempts=attempt,
        error=f"{type(error).__name__}: {error}",
    )
    logger.error(
        "Email %r to %s was not delivered after %s attempts: %s. It is kept under "
        "“Undelivered emails” in the admin.",
        email["subject"],
        ", ".join(email["to"]),
        attempt,
        error,
    )


def later(seconds):
    # A backend that runs tasks at once (the tests', locally without a worker) cannot
    # wait, so it tries again straight away.
    if deliver.get_backend().supports_defer:
        return deliver.using(run_after=timezone.now() + datetime.timedelta(seconds=seconds))
    return deliver
