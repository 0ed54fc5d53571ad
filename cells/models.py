from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import versions
from core.markdown import render_markdown
from core.slugs import unique_slug
from core.validators import between_1900_and_today
from sightings.models import Place, Shift, Sighting


class CellQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def convened_by(self, user):
        return self.filter(convenors=user) if user.is_authenticated else self.none()

    def that_discussed(self, place):
        """Cells whose published notes link a published sighting seen at `place`, each
        with how many of its notes do (notes_here)."""
        # One filter(), so the notes counted are the ones joined to the place's links,
        # which the links' copy of their sighting's place finds by index.
        return (
            self.filter(
                notes__status=CellNote.Status.PUBLISHED,
                notes__discussed__place_ref=place,
                notes__discussed__sighting__status=Sighting.Status.PUBLISHED,
            )
            .annotate(notes_here=Count("notes", distinct=True))
            .order_by("name")
        )

    def for_listing(self):
        now = timezone.now()
        published = Q(notes__status=CellNote.Status.PUBLISHED)
        return (
            self.annotate(
                published_note_count=Count("notes", filter=published),
                next_meeting=Min(
                    "notes__next_meeting", filter=published & Q(notes__next_meeting__gte=now)
                ),
                last_met=Max("notes__met_on", filter=published),
            )
            .prefetch_related(
                Prefetch(
                    "convenors",
                    queryset=get_user_model().objects.select_related("preferences"),
                    to_attr="convenor_list",
                )
            )
            .order_by("-is_active", "name")
        )


class Cell(models.Model):
    """A working group that meets to take stock of what the sightings teach."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, max_length=140)
    purpose = models.TextField(help_text=_("What the cell is for and how it works. Markdown."))
    purpose_html = models.TextField(blank=True, editable=False)
    convenors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="convened_cells",
        blank=True,
        help_text=_("Naming someone here puts them in the Convenors group."),
    )
    is_active = models.BooleanField(
        _("Active"),
        default=True,
        help_text=_("A closed cell keeps its notes public but takes no new ones."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CellQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["purpose_html"])

    class Meta:
        ordering = ["-is_active", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Cell.objects.all(), self.name, "cell")
        self.purpose_html = render_markdown(self.purpose)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cells:detail", kwargs={"slug": self.slug})

    def is_convened_by(self, user):
        if not user.is_authenticated:
            return False
        return user.is_staff or self.convenors.filter(pk=user.pk).exists()

    def published_notes(self):
        return self.notes.published()

    def next_meeting_note(self):
        """The published note that names the soonest meeting still to come."""
        return (
            self.notes.published()
            .filter(next_meeting__gte=timezone.now())
            .order_by("next_meeting", "pk")
            .first()
        )

    def shift_counts(self):
        """How many of the sightings its published notes discuss show each shift."""
        discussed = Sighting.objects.published().filter(
            cell_notes__cell=self, cell_notes__status=CellNote.Status.PUBLISHED
        )
        # Counted per shift from the discussed sightings' links, not by joining every
        # sighting of every shift: a hundred rows read instead of 200,000.
        links = (
            Sighting.shifts.through.objects.filter(
                shift=OuterRef("pk"), sighting__in=discussed.values("pk")
            )
            .values("shift")
            .annotate(n=Count("sighting", distinct=True))
            .values("n")
        )
        return Shift.objects.annotate(discussed_count=Coalesce(Subquery(links), 0))


class CellNoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CellNote.Status.PUBLISHED)

    def drafts(self):
        return self.filter(status=CellNote.Status.DRAFT)

    def newest_first(self):
        return self.order_by("-met_on", "-pk")


class CellNote(models.Model):
    """The note of one meeting of a cell."""

    REQUIRED_TO_PUBLISH = ["met_on", "summary", "body"]

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    cell = models.ForeignKey(Cell, on_delete=models.PROTECT, related_name="notes")
    title = models.CharField(_("Title"), max_length=160)
    slug = models.SlugField(max_length=180, editable=False)
    # Only the title is needed to save a draft; publish() insists on the rest.
    met_on = models.DateField(
        _("Date met"),
        null=True,
        blank=True,
        validators=[between_1900_and_today],
        error_messages={"future": _("A note records a meeting that has happened.")},
    )
    summary = models.TextField(
        _("Summary"), blank=True, help_text=_("What the meeting found, in a paragraph.")
    )
    body = models.TextField(
        _("Note"),
        blank=True,
        help_text=_("The full note: aims, presentations, discussion. Markdown."),
    )
    body_html = models.TextField(blank=True, editable=False)
    topics_next = models.TextField(
        _("Topics for next time"),
        blank=True,
        help_text=_("Optional. Questions the cell means to take up next. Markdown."),
    )
    topics_next_html = models.TextField(blank=True, editable=False)
    next_meeting = models.DateTimeField(_("Next meeting"), null=True, blank=True)
    sightings = models.ManyToManyField(
        Sighting,
        through="DiscussedSighting",
        related_name="cell_notes",
        blank=True,
        limit_choices_to={"status": "published"},
        verbose_name=_("Linked sightings"),
        help_text=_("Published sightings the meeting discussed."),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Counted up by every save, so that an edit made on an older form is refused rather
    # than undoing someone else's (core/versions.py).
    version = models.PositiveIntegerField(default=1, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cell_notes",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = CellNoteQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html", "topics_next_html"])

    class Meta:
        ordering = ["-met_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["cell", "slug"], name="unique_note_slug_per_cell"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(met_on__isnull=False),
                name="published_note_has_date_met",
                violation_error_message="A published note needs the date the cell met.",
            ),
        ]
        indexes = [models.Index(fields=["cell", "status", "-met_on"], name="note_cell_status")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            # "new" is the address of the form for writing a note.
            self.slug = unique_slug(self.cell.notes.all(), self.title, "note", reserved={"new"})
        self.render_html()
        versions.count_save(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cells:note-detail", kwargs={"slug": self.cell.slug, "note_slug": self.slug})

    def get_edit_url(self):
        return reverse("cells:note-edit", kwargs={"slug": self.cell.slug, "note_slug": self.slug})

    def render_html(self):
        """Renders the Markdown once, on save, and for a preview that is not saved."""
        self.body_html = render_markdown(self.body)
        self.topics_next_html = render_markdown(self.topics_next)

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    def previous_published(self):
        """The cell's published note that met just before this one."""
        earlier = Q(met_on__lt=self.met_on) | Q(met_on=self.met_on, pk__lt=self.pk)
        return self.cell.notes.published().filter(earlier).order_by("-met_on", "-pk").first()

    def next_published(self):
        later = Q(met_on__gt=self.met_on) | Q(met_on=self.met_on, pk__gt=self.pk)
        return self.cell.notes.published().filter(later).order_by("met_on", "pk").first()

    def missing_for_publishing(self):
        return [name for name in self.REQUIRED_TO_PUBLISH if not getattr(self, name)]

    def public_sightings(self):
        """Linked sightings the public may see; one later withdrawn simply drops out.

        Each carries how the meeting read it, as `reading` and `reading_why`.
        """
        sightings = list(
            Sighting.objects.published()
            .filter(discussions__note=self)
            .annotate(reading=F("discussions__reading"), reading_why=F("discussions__why"))
            .for_cards()
            .order_by("title")
        )
        for sighting in sightings:
            sighting.reading = DiscussedSighting.reading_named(sighting.reading)
        return sightings

    def public_discussions(self):
        """The links to published sightings, each with its reading, by sighting title."""
        return (
            self.discussed.filter(sighting__status=Sighting.Status.PUBLISHED)
            .select_related("sighting")
            .order_by("sighting__title")
        )

    def record_readings(self, readings):
        """Store how the meeting read each linked sighting: {sighting id: (reading, why)}."""
        links = list(self.discussed.filter(sighting_id__in=readings))
        for link in links:
            link.reading, link.why = readings[link.sighting_id]
        DiscussedSighting.objects.bulk_update(links, ["reading", "why"])

    def publish(self, *, by):
        if not self.cell.is_convened_by(by):
            raise PermissionDenied(_("Only this cell's convenors may publish its notes."))
        if self.is_public:
            raise ValidationError(_("This note is already published."))
        if not self.cell.is_active:
            raise ValidationError(_("This cell has closed and publishes no new notes."))
        if missing := self.missing_for_publishing():
            labels = [str(self._meta.get_field(name).verbose_name) for name in missing]
            raise ValidationError(f"Complete these before publishing: {', '.join(labels)}.")
        with transaction.atomic():
            self.status = self.Status.PUBLISHED
            self.published_at = timezone.now()
            self.author = self.author or by
            self.save()
            transaction.on_commit(self._tell_followers)

    def _tell_followers(self):
        # Imported here, not at the top, because the task reads these models.
        from cells.alerts import tell_cell_followers

        tell_cell_followers.enqueue(self.pk)


class DiscussedSightingQuerySet(models.QuerySet):
    def in_published_notes(self):
        return self.filter(note__status=CellNote.Status.PUBLISHED)


class DiscussedSighting(models.Model):
    """A sighting linked from a cell's note, and how the meeting read it."""

    class Reading(models.TextChoices):
        AFFIRMS = "affirms", _("Affirms")
        COMPLICATES = "complicates", _("Complicates")
        ASKS = "asks", _("Asks for a follow-up")

    note = models.ForeignKey(CellNote, on_delete=models.CASCADE, related_name="discussed")
    sighting = models.ForeignKey(Sighting, on_delete=models.CASCADE, related_name="discussions")
    reading = models.CharField(
        _("How did the meeting read it?"),
        max_length=20,
        choices=Reading.choices,
        blank=True,
        help_text=_(
            "Optional: whether the meeting found it affirms what the cell is learning, "
            "complicates it, or asks for a follow-up."
        ),
    )
    why = models.CharField(
        _("Why, in a line"),
        max_length=200,
        blank=True,
        help_text=_("Optional: one line on what the meeting made of it."),
    )
    # The sighting's place, copied by database triggers (migration 0007) however the
    # sighting or the link changes, so the cells that discussed a place are found from
    # that place's links alone rather than from all of its sightings.
    place_ref = models.ForeignKey(
        Place,
        null=True,
        editable=False,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )

    objects = DiscussedSightingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "sighting"], name="unique_sighting_per_note")
        ]
        indexes = [models.Index(fields=["place_ref", "note"], name="discussed_by_place")]

    def __str__(self):
        return f"{self.sighting} in {self.note}"

    @property
    def reading_label(self):
        return self.reading_named(self.reading)

    @classmethod
    def reading_named(cls, value):
        """The reading with its label, or None when the meeting did not say."""
        return cls.Reading(value) if value else None
