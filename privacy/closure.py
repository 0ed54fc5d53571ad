"""Closing an account: the person's name goes from everywhere, their work as they chose.

The account row itself stays, emptied of everything that identifies the person, so that
the history convenors see keeps one pseudonymous id for each step the person took and
every foreign key still points somewhere. The email address, names and password go;
the username becomes a random pseudonym; the account can no longer sign in, and every
session it had ends because its session hash changes with the password.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.languages import language_of
from accounts.models import Preferences
from privacy.notifications import email_account_closed
from sightings.models import Sighting

PSEUDONYM_PREFIX = "former-"


def refusals(user):
    """Why this account may not be closed yet; empty when it may."""
    reasons = []
    if cells := list(user.convened_cells.order_by("name").values_list("name", flat=True)):
        reasons.append(
            _(
                "You convene %(cells)s. Ask a member of staff to hand the cell to another "
                "convenor first, so that its notes keep someone who can publish them."
            )
            % {"cells": ", ".join(f"“{name}”" for name in cells)}
        )
    if user.is_superuser and not other_superusers(user).exists():
        reasons.append(
            _(
                "You are the last administrator. Make someone else an administrator first, "
                "so that the Observatory keeps someone who can manage accounts."
            )
        )
    return reasons


def other_superusers(user):
    return get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)


@transaction.atomic
def close_account(user, *, keep_published):
    """Withdraw or keep the person's sightings, then remove what identifies them.

    With `keep_published`, published sightings stay public under "a former practitioner";
    everything else of theirs (drafts, those waiting for review) is withdrawn, since
    nobody could answer for it any more.
    """
    address = user.email
    language = language_of(user)
    for sighting in Sighting.objects.by(user).exclude(status=Sighting.Status.WITHDRAWN):
        if keep_published and sighting.status == Sighting.Status.PUBLISHED:
            continue
        sighting.withdraw(by=user)
    forget(user)
    if address:
        email_account_closed(address, keep_published, language)


def forget(user):
    user.username = f"{PSEUDONYM_PREFIX}{secrets.token_hex(6)}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    # A new unusable password changes the session hash, so every session ends.
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    preferences = Preferences.of(user)
    preferences.closed_at = timezone.now()
    preferences.save()
