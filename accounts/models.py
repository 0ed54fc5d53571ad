from django.conf import settings
from django.db import models
from django.urls import reverse
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


FOLLOW_TARGETS = ["shift", "theme", "place", "cell"]


class FollowQuerySet(models.QuerySet):
    def immediate(self):
        return self.filter(frequency=Follow.Frequency.IMMEDIATE)

    def weekly(self):
        return self.filter(frequency=Follow.Frequency.WEEKLY)

    def of_active_people(self):
        return self.filter(user__is_active=True).exclude(user__email="")

    def of_sighting(self, *, shift_ids, theme_ids, place_id):
        """Follows of anything a sighting is about: one of its shifts, themes or its place."""
        about = models.Q(shift_id__in=shift_ids) | models.Q(theme_id__in=theme_ids)
        if place_id is not None:
            about |= models.Q(place_id=place_id)
        return self.filter(about)

    def searches(self):
        return self.exclude(query="")

    def for_listing(self):
        return self.select_related("shift", "theme", "place", "cell").order_by("-created_at", "-pk")


class Follow(models.Model):
    """Someone asks to be told when something they care about is published.

    Exactly one of shift, theme, place, cell or a saved search of the sightings list
    (`query`, the list's query string) says what is followed.
    """

    TARGETS = FOLLOW_TARGETS
    # Enough for anyone's real interests; a limit so that nobody follows everything.
    MAX_PER_PERSON = 200

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("At once, one email each")
        WEEKLY = "weekly", _("Once a week, in one email")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    shift = models.ForeignKey(
        "sightings.Shift", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        "sightings.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    place = models.ForeignKey(
        "sightings.Place", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    cell = models.ForeignKey(
        "cells.Cell", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    query = models.CharField(
        _("Search"),
        max_length=500,
        blank=True,
        help_text=_("The sightings list's filters, as in its address after the “?”."),
    )
    frequency = models.CharField(
        _("How often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    digested_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("The weekly digest has covered everything published up to this time."),
    )

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="follow_exactly_one_thing",
                condition=(
                    models.Q(shift__isnull=False, theme=None, place=None, cell=None, query="")
                    | models.Q(shift=None, theme__isnull=False, place=None, cell=None, query="")
                    | models.Q(shift=None, theme=None, place__isnull=False, cell=None, query="")
                    | models.Q(shift=None, theme=None, place=None, cell__isnull=False, query="")
                    | (
                        models.Q(shift=None, theme=None, place=None, cell=None)
                        & ~models.Q(query="")
                    )
                ),
            ),
            *[
                models.UniqueConstraint(
                    fields=["user", target],
                    condition=models.Q(**{f"{target}__isnull": False}),
                    name=f"follow_{target}_once",
                )
                for target in FOLLOW_TARGETS
            ],
            models.UniqueConstraint(
                fields=["user", "query"],
                condition=~models.Q(query=""),
                name="follow_search_once",
            ),
        ]
        indexes = [models.Index(fields=["frequency", "user"], name="follow_by_frequency")]

    def __str__(self):
        return f"{self.user} follows {self.describe()}"

    @property
    def kind(self):
        return next((target for target in self.TARGETS if getattr(self, f"{target}_id")), "search")

    @property
    def target(self):
        return getattr(self, self.kind) if self.kind != "search" else None

    def describe(self):
        """What is followed, in words: “the shift Me → We”, “the search ?q=food”."""
        kind = self.kind
        if kind == "search":
            return _("the search “%(query)s”") % {"query": self.query}
        words = {
            "shift": _("the shift %(name)s"),
            "theme": _("the theme %(name)s"),
            "place": _("the place %(name)s"),
            "cell": _("the cell %(name)s"),
        }
        return words[kind] % {"name": self.target}

    def get_target_url(self):
        if self.kind == "search":
            return reverse("sightings:list") + "?" + self.query
        return self.target.get_absolute_url()
