"""Rules for values that several models share, checked wherever the models are edited.

A validator on a model field is run by every ModelForm and by the admin, so a rule
written here once holds on each form that edits the field.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The Observatory records living practice; an earlier year is a slip of the keyboard.
EARLIEST_DATE = datetime.date(1900, 1, 1)


def between_1900_and_today(day):
    """Refuses a date still to come, or one before 1900.

    A field may word the refusal for itself through its error_messages, keyed by the
    codes "future" and "before_1900".
    """
    if day > timezone.localdate():
        raise ValidationError(_("The date observed cannot be in the future."), code="future")
    if day < EARLIEST_DATE:
        raise ValidationError(
            _("Check the year: the date observed is before 1900."), code="before_1900"
        )
