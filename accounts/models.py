from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preferences(models.Model):
    """What a person has chosen at /me/settings/."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    show_name = models.BooleanField(
        _("Public name"),
        default=True,
        help_text=_("Shown beside what you write: your name, or “a practitioner”."),
    )
    convenor_alerts = models.BooleanField(
        _("Email me when a sighting is submitted for review"),
        default=True,
        help_text=_("For convenors: one email for each sighting that waits for review."),
    )
    reminders = models.BooleanField(
        _("Ask me whether my sightings lasted"),
        default=True,
        help_text=_(
            "An email 3, 6 and 12 months after each of your sightings is published, "
            "with a link to say whether it is still happening."
        ),
    )
    closed_at = models.DateTimeField(
        _("Account closed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the person closed the account; their name was removed then."),
    )

    class Meta:
        verbose_name_plural = "preferences"

    def __str__(self):
        return f"Preferences of {self.user}"

    @classmethod
    def of(cls, user):
        """The person's preferences, unsaved defaults when they have chosen none."""
        try:
            return user.preferences
        except cls.DoesNotExist:
            return cls(user=user)
