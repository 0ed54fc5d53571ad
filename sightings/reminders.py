""" "Did it last?": the emails that ask an author, months on, whether a shift held.

`manage.py send_reminders` runs daily (README.md). 3, 6 and 12 months after a sighting is
published its author is emailed a link to its follow-up form, unless a follow-up was
added since the last stage or they turned reminders off for it or for everything. Each
email sent is recorded (Reminder, one per sighting and stage), so running the job twice
sends nothing twice; a sighting first reached when it is already a year old is asked
once, at its latest stage, not three times at once.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation

from accounts.languages import language_of
from accounts.names import own_name
from outbox import mail
from sightings.models import FollowUp, Reminder, Sighting
from sightings.notifications import site_url

MONTH = datetime.timedelta(days=30.5)
# Each stage, latest first, with the stage before it.
STAGES = [(12, 6), (6, 3), (3, 0)]


def due(stage, previous, now):
    """Published sightings whose author is due the reminder of this stage."""
    later_stage_sent = Reminder.objects.filter(sighting=OuterRef("pk"), stage__gte=stage)
    followed_up_since = FollowUp.objects.visible().filter(
        sighting=OuterRef("pk"),
        created_at__gte=OuterRef("published_at") + previous * MONTH,
    )
    return (
        Sighting.objects.published()
        .filter(
            published_at__lte=now - stage * MONTH,
            wants_reminders=True,
            author__is_active=True,
        )
        .exclude(author__email="")
        .exclude(author__preferences__reminders=False)
        .exclude(Exists(later_stage_sent))
        .exclude(Exists(followed_up_since))
        .select_related("author__preferences")
        .order_by("pk")
    )


def send_reminders(now=None):
    now = now or timezone.now()
    return sum(
        mail.queue_all(
            reminder_email(sighting, stage)
            for sighting in in_batches(due(stage, previous, now))
            if record(sighting, stage)
        )
        for stage, previous in STAGES
    )


def in_batches(sightings, size=500):
    # By id, not through one open cursor: the emails are committed as they are queued.
    ids = list(sightings.values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield from sightings.filter(pk__in=ids[start : start + size])


def record(sighting, stage):
    """Note the stage as sent (with its email, in the same transaction); False if another
    run got there first."""
    try:
        with transaction.atomic():
            Reminder.objects.create(sighting=sighting, stage=stage)
    except IntegrityError:
        return False
    return True


def reminder_email(sighting, stage):
    context = {
        "sighting": sighting,
        "stage": stage,
        "name": own_name(sighting.author),
        "follow_up_url": site_url(reverse("sightings:follow-up", kwargs={"slug": sighting.slug})),
        "mine_url": site_url(reverse("sightings:mine")),
        "settings_url": site_url(reverse("me:settings")),
    }
    with translation.override(language_of(sighting.author)):
        return mail.render(
            "sightings/email/reminder", context, to=[sighting.author.email], with_html=True
        )
