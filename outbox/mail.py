"""Every email the Observatory sends leaves through here, as a task on the queue.

A request only queues the message; the worker sends it (outbox/tasks.py), so a slow or
refusing mail server never slows or fails the request that caused the email. The message
travels as plain JSON: addresses, subject, the plain-text and HTML parts and any headers.
"""

from django.db import transaction
from django.template.loader import render_to_string


def message(*, to, subject, body, html="", headers=None):
    return {
        "to": list(to),
        "subject": " ".join(subject.split()),
        "body": body,
        "html": html,
        "headers": dict(headers or {}),
    }


def render(template_prefix, context, *, to, headers=None, with_html=False):
    """A message from `<prefix>_subject.txt`, `<prefix>.txt` and, with_html, `<prefix>.html`."""
    return message(
        to=to,
        subject=render_to_string(f"{template_prefix}_subject.txt", context),
        body=render_to_string(f"{template_prefix}.txt", context),
        html=render_to_string(f"{template_prefix}.html", context) if with_html else "",
        headers=headers,
    )


def queue(email):
    """Queue one message once the current transaction commits, so a rolled-back change
    never sends news of itself."""
    from outbox.tasks import deliver

    transaction.on_commit(lambda: deliver.enqueue(email))


# Queuing is one row in the database: committed one by one, each costs a flush to disk.
BATCH = 500


def queue_all(emails):
    """Queue many messages (any iterable, read lazily), committed in batches; how many."""
    from outbox.tasks import deliver

    count = 0
    pending = iter(emails)
    while True:
        with transaction.atomic():
            done = 0
            for email in pending:
                deliver.enqueue(email)
                done += 1
                if done == BATCH:
                    break
        count += done
        if done < BATCH:
            return count


def queue_now(email):
    """Queue at once: for an email that reports no change to wait for (a password reset),
    or from work that is itself a task."""
    from outbox.tasks import deliver

    return deliver.enqueue(email)
