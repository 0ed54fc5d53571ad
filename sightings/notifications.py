"""Emails that tell a sighting's author what a convenor decided."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.languages import language_of
from accounts.names import public_name
from outbox import mail


def email_author_about(change):
    sighting = change.sighting
    author = sighting.author
    if author is None or not author.email:
        return
    # In the author's language, addresses and all, whoever's request caused it.
    with translation.override(language_of(author)):
        _send_decision(change, sighting, author)


def _send_decision(change, sighting, author):
    context = {
        "change": change,
        "sighting": sighting,
        "name": public_name(author),
        "sighting_url": site_url(sighting.get_absolute_url()),
        "mine_url": site_url(reverse("sightings:mine")),
        "edit_url": site_url(reverse("sightings:edit", kwargs={"slug": sighting.slug})),
    }
    mail.queue(mail.render("sightings/email/decision", context, to=[author.email]))


def site_url(path):
    return getattr(settings, "SITE_URL", "").rstrip("/") + path
