from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from observatory.rendering import render_markdown
from sightings.models import Shift, Sighting


def unique_slug(queryset, title, fallback, max_length=120):
    base = slugify(title)[:max_length].strip("-") or fallback
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


class CellQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def convened_by(self, user):
        return self.filter(convenors=user) if user.is_authenticated else self.none()

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
            .prefetch_related(Prefetch("convenors", to_attr="convenor_list"))
            .order_by("-is_active", "name")
        )


class Cell(models.Model):
    """A working group that meets to take stock of what the sightings teach."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, max_length=140)
    purpose = models.TextField(help_text="What the cell is for and how it works. Markdown.")
    purpose_html = models.TextField(blank=True, editable=False)
    convenors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="convened_cells",
        blank=True,
        help_text="Naming someone here puts them in the Convenors group.",
    )
    is_active = models.BooleanField(
        "Active",
        default=True,
        help_text="A closed cell keeps its notes public but takes no new ones.",
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

    def newest_first(self):
        return self.order_by("-met_on", "-pk")


class CellNote(models.Model):
    """The note of one meeting of a cell."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    cell = models.ForeignKey(Cell, on_delete=models.PROTECT, related_name="notes")
    title = models.CharField("Title", max_length=160)
    slug = models.SlugField(max_length=180, editable=False)
    met_on = models.DateField("Date met")
    summary = models.TextField("Summary", help_text="What the meeting found, in a paragraph.")
    body = models.TextField("Note", help_text="The full note. Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    topics_next = models.TextField(
        "Topics for next time", blank=True, help_text="Optional. Markdown."
    )
    topics_next_html = models.TextField(blank=True, editable=False)
    next_meeting = models.DateTimeField("Next meeting", null=True, blank=True)
    sightings = models.ManyToManyField(
        Sighting,
        related_name="cell_notes",
        blank=True,
        verbose_name="Linked sightings",
        help_text="Published sightings the meeting discussed.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
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
            models.UniqueConstraint(fields=["cell", "slug"], name="unique_note_slug_per_cell")
        ]
        indexes = [models.Index(fields=["cell", "status", "-met_on"], name="note_cell_status")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.cell.notes.all(), self.title, "note")
        self.body_html = render_markdown(self.body)
        self.topics_next_html = render_markdown(self.topics_next)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cells:note-detail", kwargs={"slug": self.cell.slug, "note_slug": self.slug})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    def public_sightings(self):
        """Linked sightings the public may see; one later withdrawn simply drops out."""
        return self.sightings.published().for_cards().order_by("title")

    def publish(self, *, by):
        if not self.cell.is_convened_by(by):
            raise ValidationError("Only this cell's convenors may publish its notes.")
        if self.is_public:
            raise ValidationError("This note is already published.")
        with transaction.atomic():
            self.status = self.Status.PUBLISHED
            self.published_at = timezone.now()
            self.author = self.author or by
            self.save()
