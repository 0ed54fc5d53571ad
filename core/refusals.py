"""Why a rule refused an action, in words a person can read."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def refusal(error):
    """The message of a ValidationError or PermissionDenied raised by a model's rule."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do that.")
