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
    language = models.CharField(
        _("Language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the pages and emails; blank until the person chooses."),
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
