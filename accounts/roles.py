"""Who may do what, by role (README.md, "What it does")."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CONVENORS_GROUP = "Convenors"


def is_convenor(user):
    """Convenors and staff review sightings; the answer is kept for the request."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_convenor"):
        user._is_convenor = user.is_staff or user.groups.filter(name=CONVENORS_GROUP).exists()
    return user._is_convenor


def convenors_to_alert():
    """Everyone who reviews and has not turned off the email about each submission."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=CONVENORS_GROUP) | Q(is_staff=True), is_active=True)
        .exclude(email="")
        .exclude(preferences__convenor_alerts=False)
        .distinct()
    )


ANONYMOUS_PRACTITIONER = _("a practitioner")
FORMER_PRACTITIONER = _("a former practitioner")


def public_name(user):
    """The name shown beside a person's work; never their email address.

    Reads the person's preferences, so a page that names many people fetches them with
    select_related("preferences") (or "author__preferences") to keep its queries fixed.
    """
    # Plain text in the reader's language, never a lazy string: names are cached and exported.
    if user is None:
        return str(FORMER_PRACTITIONER)
    preferences = _preferences(user)
    if preferences is not None and preferences.closed_at:
        return str(FORMER_PRACTITIONER)
    if preferences is not None and not preferences.show_name:
        return str(ANONYMOUS_PRACTITIONER)
    return own_name(user)


def own_name(user):
    """The person's name as they gave it, whatever they chose to show."""
    name = user.get_full_name().strip()
    if name:
        return name
    if "@" not in user.username:
        return user.username
    return gettext("a member")


def pseudonymous_name(user):
    """For convenors' eyes: the public name, and for a closed account a lasting pseudonym
    (its former username) so that one person's steps in a history can be told apart."""
    name = public_name(user)
    preferences = _preferences(user) if user is not None else None
    if preferences is not None and preferences.closed_at:
        return f"{name} ({user.username})"
    return name


def _preferences(user):
    try:
        return user.preferences
    except ObjectDoesNotExist:
        return None
