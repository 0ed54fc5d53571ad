"""How people are named on the site: the name shown beside their work, and to whom."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
