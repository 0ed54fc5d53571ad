import datetime
import functools

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.lookups import GreaterThan
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from accounts.roles import is_convenor
from core import versions
from core.markdown import render_markdown
from core.slugs import unique_slug
from core.validators import between_1900_and_today
from sightings import places
from sightings.notifications import email_author_about
from sightings.themes import MAX_THEMES, normalise_theme


def url_by_slug(name, slug):
    """reverse() for a slug address, worked out once per process.

    A page of twenty cards links to a hundred sightings, shifts and themes, and
    reversing each was much of the time it took to render them (docs/performance.md).
    """
    return _reverse_once(
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        # Welsh addresses carry the /cy/ prefix: each language has its own entries.
        translation.get_language(),
        name,
        slug,
    )


@functools.lru_cache(maxsize=20_000)
def _reverse_once(prefix, urlconf, language, name, slug):
    return reverse(name, urlconf=urlconf, kwargs={"slug": slug})


class ShiftQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionDenied(_("The five shifts are fixed and cannot be deleted."))


class Shift(models.Model):
    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(max_length=80)
    description = models.CharField(
        max_length=300, help_text=_("One or two sentences shown beside the checkbox.")
    )
    explanation = models.TextField(
        blank=True, help_text=_("A longer account, shown on the shift's own page. Markdown.")
    )
    explanation_html = models.TextField(blank=True, editable=False)
    position = models.PositiveSmallIntegerField(unique=True)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.explanation_html = render_markdown(self.explanation)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url_by_slug("sightings:shift-detail", self.slug)

    @property
    def bit(self):
        """This shift's bit in a sighting's shift_mask: the five positions are fixed."""
        return 1 << (self.position - 1)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(_("The five shifts are fixed and cannot be deleted."))

    # The five shifts' words in the reader's language (sightings/shift_texts.py says
    # why they are translated with gettext rather than in translated columns).
    @property
    def translated_name(self):
        return gettext(self.name)

    @property
    def translated_description(self):
        return gettext(self.description)

    @property
    def translated_explanation_html(self):
        translated = gettext(self.explanation) if self.explanation else ""
        if translated == self.explanation:
            return self.explanation_html
        return render_markdown(translated)


class ThemeQuerySet(models.QuerySet):
    def with_published_counts(self):
        """Themes carried by at least one published sighting, with how many."""
        return self.annotate(
            published_count=Count(
                "themed_items",
                filter=Q(themed_items__content_object__status=Sighting.Status.PUBLISHED),
            )
        ).filter(published_count__gt=0)


class Theme(TagBase):
    """A free theme, shared by every sighting that names it."""

    published_total = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="How many published sightings carry it, kept as they change "
        "(sightings/tallies.py).",
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def save(self, *args, **kwargs):
        self.name = normalise_theme(self.name)
        if not self.slug:
            self.slug = self._unique_slug_for(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url_by_slug("sightings:theme-detail", self.slug)

    def rename(self, name):
        """Give the theme a new name (and address); every sighting keeps it."""
        name = normalise_theme(name)
        if not name:
            raise ValidationError(_("A theme needs a name."))
        if Theme.objects.filter(name=name).exclude(pk=self.pk).exists():
            raise ValidationError(f"There is already a theme called “{name}”: merge them instead.")
        old_slug = self.slug
        with transaction.atomic():
            self.name = name
            self.slug = self._unique_slug_for(name)
            self.save()
            ThemeAlias.remember(old_slug, self)

    def merge_into(self, target):
        """Move every sighting from this theme to `target`, then remove this one.

        A sighting that carries both themes keeps a single link, to `target`.
        """
        if target.pk == self.pk:
            raise ValidationError(_("Choose two different themes to merge."))
        with transaction.atomic():
            already_there = ThemedSighting.objects.filter(tag=target).values("content_object_id")
            self.themed_items.filter(content_object_id__in=already_there).delete()
            self.themed_items.update(tag=target)
            recount_themes(Theme.objects.filter(pk=target.pk))
            self.aliases.update(theme=target)
            ThemeAlias.remember(self.slug, target)
            self.delete()

    def _unique_slug_for(self, name):
        return unique_slug(
            Theme.objects.exclude(pk=self.pk), name, "theme", max_length=90, counted=True
        )


def recount_themes(themes):
    """Count afresh how many published sightings carry each of these themes."""
    published_links = (
        ThemedSighting.objects.filter(
            tag=OuterRef("pk"), content_object__status=Sighting.Status.PUBLISHED
        )
        .order_by()
        .values("tag")
        .annotate(n=Count("*"))
        .values("n")
    )
    themes.update(published_total=Coalesce(Subquery(published_links), 0))


class ThemeAlias(models.Model):
    """A theme's earlier address, kept when it is renamed or merged so links still work."""

    slug = models.SlugField(unique=True, max_length=100)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="aliases")

    def __str__(self):
        return f"{self.slug} → {self.theme}"

    @classmethod
    def remember(cls, slug, theme):
        if slug != theme.slug:
            cls.objects.update_or_create(slug=slug, defaults={"theme": theme})


class SightingThemes(_TaggableManager):
    """Normalises theme names however they arrive: from a form, the admin or code."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        return super()._to_tag_model_instances(_normalised(tags), tag_kwargs)

    def remove(self, *tags):
        return super().remove(*_normalised(tags))


def _normalised(tags):
    result = []
    for tag in tags:
        if isinstance(tag, str):
            tag = normalise_theme(tag)
        if tag and tag not in result:
            result.append(tag)
    return result


class ThemedSighting(TaggedItemBase):
    """Links a theme to a sighting with a real foreign key, not a generic relation."""

    content_object = models.ForeignKey(
        "Sighting", on_delete=models.CASCADE, related_name="themed_items"
    )
    tag = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="themed_items")
    # The sighting's own dates, copied by database triggers (migration 0021) however
    # the sighting or the link changes, so a theme's newest sightings are read in
    # order from one index rather than sorted from all of the theme's links.
    date_observed = models.DateField(null=True, editable=False)
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_theme_per_sighting"
            )
        ]
        indexes = [
            # A theme's sightings read from an index alone, as the shifts' are.
            models.Index(fields=["tag", "content_object"], name="theme_link_by_theme"),
            models.Index(
                fields=["tag", "-date_observed", "-published_at", "-content_object"],
                name="theme_newest_seen",
            ),
        ]


class PlaceQuerySet(models.QuerySet):
    def for_name(self, name):
        """The place a typed name means, made if there is none yet; None for no name.

        A place renamed or merged away still answers to its old name.
        """
        key = places.place_key(name)
        if not key:
            return None
        found = self.filter(key=key).first()
        if found is None:
            alias = PlaceAlias.objects.filter(key=key).select_related("place").first()
            found = alias.place if alias else None
        return found or self._make(name, key)

    def _make(self, name, key):
        try:
            with transaction.atomic():
                return Place.make(name, key)
        except IntegrityError:
            # Someone else's sighting made the same place a moment ago.
            made = self.filter(key=key).first()
            if made is None:
                raise
            return made

    def with_published_counts(self):
        """Places with at least one published sighting, each with published_count."""
        return self.annotate(
            published_count=Count(
                "sightings", filter=Q(sightings__status=Sighting.Status.PUBLISHED)
            )
        ).filter(published_count__gt=0)

    def by_slug(self, slug):
        """The place at an address, or at an address it once had; None when there is none."""
        found = self.filter(slug=slug).first()
        if found is None:
            alias = PlaceAlias.objects.filter(slug=slug).select_related("place").first()
            found = alias.place if alias else None
        return found


class Place(models.Model):
    """Where sightings were seen, shared by every spelling of the same place."""

    name = models.CharField(_("Name"), max_length=200)
    # The name as matched: see sightings/places.py.
    key = models.CharField(max_length=200, unique=True, editable=False)
    slug = models.SlugField(unique=True, max_length=140, editable=False)
    latitude = models.FloatField(
        _("Latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Degrees north, for example 51.5449 for Hackney."),
    )
    longitude = models.FloatField(
        _("Longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Degrees east; west is negative, for example -0.0553 for Hackney."),
    )
    region = models.CharField(
        _("Region"), max_length=100, blank=True, help_text=_("For example “Wales” or “North East”.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return url_by_slug("sightings:place-detail", self.slug)

    @property
    def is_located(self):
        return self.latitude is not None and self.longitude is not None

    @classmethod
    def make(cls, name, key):
        """A new place for a name, located from the gazetteer when a town there matches."""
        name = " ".join(str(name).split())[:200]
        place = cls(name=name, key=key, slug=cls.unique_slug(name))
        place.locate_from_gazetteer()
        place.save()
        return place

    def locate_from_gazetteer(self):
        """Fill in coordinates and region from the gazetteer; True if a town matched."""
        found = places.locate(self.name)
        if found is None:
            return False
        self.latitude, self.longitude, region = found
        self.region = self.region or region
        return True

    @staticmethod
    def unique_slug(name, exclude_pk=None):
        """A counted slug, free among places and the addresses places once had."""
        return unique_slug(
            Place.objects.exclude(pk=exclude_pk),
            name,
            "place",
            reserved=PlaceAlias.objects.values_list("slug", flat=True),
            counted=True,
        )

    def rename(self, name):
        """A new name and address; the old address and name still lead here."""
        name = " ".join(str(name).split())
        key = places.place_key(name)
        if not key:
            raise ValidationError(_("A place needs a name with at least one letter or number."))
        if Place.objects.filter(key=key).exclude(pk=self.pk).exists():
            raise ValidationError(f"There is already a place called “{name}”: merge them instead.")
        old_slug, old_key = self.slug, self.key
        with transaction.atomic():
            self.name, self.key = name[:200], key
            self.slug = Place.unique_slug(name, exclude_pk=self.pk)
            self.save()
            PlaceAlias.remember(self, slug=old_slug, key=old_key)

    def merge_into(self, target):
        """Move every sighting of this place to `target`, then remove this one."""
        if target.pk == self.pk:
            raise ValidationError(_("A place cannot be merged into itself: choose two places."))
        if not Place.objects.filter(pk=target.pk).exists():
            raise ValidationError(_("The place to merge into no longer exists."))
        # An update sends no signal, so the tallies are told of the move themselves.
        from sightings.tallies import move_place

        with transaction.atomic():
            self.sightings.update(place_ref=target)
            move_place(self, target)
            self.aliases.update(place=target)
            PlaceAlias.remember(target, slug=self.slug, key=self.key)
            self.delete()


class PlaceAlias(models.Model):
    """A place's earlier address and name, kept when it is renamed or merged."""

    slug = models.SlugField(max_length=140, unique=True, null=True, blank=True)
    key = models.CharField(max_length=200, blank=True, db_index=True)
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = _("place aliases")

    def __str__(self):
        return f"{self.slug or self.key} → {self.place}"

    @classmethod
    def remember(cls, place, *, slug, key):
        if slug != place.slug:
            cls.objects.update_or_create(slug=slug, defaults={"place": place, "key": key})
        elif key != place.key:
            cls.objects.create(key=key, place=place)


def among(ids):
    """The right side of `pk__in` for a long list of ids: one array on PostgreSQL.

    Written as IN (%s, %s, …), a thousand ids cost more to build, send and plan than
    to answer (docs/performance.md); SQLite takes the list as it is.
    """
    if connection.vendor != "postgresql":
        return list(ids)
    # An array's text form: psycopg's adaptation of a list of ints costs more.
    return RawSQL("SELECT unnest(%s::bigint[])", ["{" + ",".join(str(int(pk)) for pk in ids) + "}"])


def _links_to_any(table, sighting_column, other_column, others):
    """Whether the sighting has a link in `table` to any of `others`, asked per sighting.

    Written out because PostgreSQL would otherwise gather every sighting linked to a
    common theme into a hash first (a fifth of a million rows); OFFSET 0 keeps the
    question per row, a probe of the link table's unique index.
    """
    ids = [other.pk for other in others]
    outer = Sighting._meta.db_table
    placeholders = ", ".join(["%s"] * len(ids))
    return RawSQL(
        f'EXISTS (SELECT 1 FROM "{table}" AS link WHERE link."{sighting_column}" = '
        f'"{outer}"."id" AND link."{other_column}" IN ({placeholders}) LIMIT 1 OFFSET 0)',
        ids,
        output_field=models.BooleanField(),
    )


class SightingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Sighting.Status.PUBLISHED)

    def with_shift(self, *slugs):
        """Sightings showing any of the given shifts."""
        slugs = [slug for slug in slugs if slug]
        if not slugs:
            return self
        return self.showing(*Shift.objects.filter(slug__in=slugs).only("position"))

    def showing(self, *shifts):
        """Sightings showing any of the given shifts, tested on their own row.

        The condition is written as each shift's partial index states it (migration
        0022), so that PostgreSQL walks one shift's sightings alone, newest seen first.
        """
        mask = 0
        for shift in shifts:
            mask |= shift.bit
        return self.filter(GreaterThan(F("shift_mask").bitand(mask), 0))

    def with_theme(self, *slugs):
        """Sightings tagged with any of the given theme slugs."""
        slugs = [slug for slug in slugs if slug]
        if not slugs:
            return self
        ids = Theme.objects.filter(slug__in=slugs).values_list("pk", flat=True)
        return self.with_theme_ids(*ids)

    def with_theme_ids(self, *ids):
        if len(ids) == 1:
            # A sighting has one link to a theme at most, so the join repeats no row,
            # and its copies of the dates let newest_seen_first() walk the theme's own
            # index rather than sort all of the theme's sightings.
            return self.filter(themed_items__tag_id=ids[0]).alias(
                seen_in_theme=F("themed_items__date_observed"),
                published_in_theme=F("themed_items__published_at"),
            )
        links = ThemedSighting.objects.filter(tag_id__in=ids)
        return self.filter(pk__in=links.values("content_object_id"))

    def newest_seen_first(self):
        """Newest seen first, then newest published: the order of every list."""
        if "seen_in_theme" in self.query.annotations:
            return self.order_by("-seen_in_theme", "-published_in_theme", "-pk")
        return self.order_by("-date_observed", "-published_at", "-pk")

    def moving(self, direction):
        """Sightings moving the given way along their shifts: forward or back."""
        return self.filter(direction=direction)

    def slipping_back(self):
        return self.moving(Sighting.Direction.BACK)

    def at(self, place):
        return self.filter(place_ref=place)

    def like(self, sighting, *, shifts, themes, limit=4):
        """Up to `limit` other published sightings that share a shift and a theme with
        this one, or its place: newest first, in one query.

        The newest-published index is walked and each sighting checked through the
        link tables' unique indexes until there are enough, so the query stays cheap
        however common a shift, a theme or the place is.
        """
        related = Q()
        if shifts and themes:
            shifts_table = Sighting.shifts.through._meta.db_table
            themes_table = ThemedSighting._meta.db_table
            related |= Q(
                _links_to_any(shifts_table, "sighting_id", "shift_id", shifts),
                _links_to_any(themes_table, "content_object_id", "tag_id", themes),
            )
        if sighting.place_ref_id:
            related |= Q(place_ref_id=sighting.place_ref_id)
        if not related:
            return self.none()
        return self.published().exclude(pk=sighting.pk).filter(related).newest_first()[:limit]

    def by(self, user):
        return self.filter(author=user)

    def visible_to(self, user):
        """What this person may open: see Sighting.is_visible_to."""
        shown = Q(status=Sighting.Status.PUBLISHED)
        if user.is_authenticated:
            shown |= Q(author=user)
            if is_convenor(user):
                shown |= Q(status__in=Sighting.SHARED_WITH_CONVENORS)
        return self.filter(shown)

    def awaiting_review(self):
        return self.filter(status=Sighting.Status.SUBMITTED).order_by("submitted_at", "pk")

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def with_latest_outcome(self):
        newest = FollowUp.objects.counted().filter(sighting=OuterRef("pk")).newest_first()
        return self.annotate(latest_outcome=Subquery(newest.values("outcome")[:1]))

    def lasting(self):
        """Sightings whose newest counted follow-up says the change goes on or grew.

        Read from the follow-ups (few) rather than a subquery per sighting (many).
        """
        newest_lasting = (
            FollowUp.objects.counted()
            .newest_per_sighting()
            .filter(outcome__in=FollowUp.LASTING)
            .values("sighting_id")
        )
        return self.filter(pk__in=newest_lasting)

    def with_echo_counts(self):
        """`echo_count`: how many people elsewhere have said they have seen it too."""
        echoes = (
            Echo.objects.visible()
            .filter(sighting=OuterRef("pk"))
            .order_by()
            .values("sighting")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(echo_count=Coalesce(Subquery(echoes), 0))

    def most_seen_first(self):
        return self.with_echo_counts().order_by(
            "-echo_count", "-date_observed", "-published_at", "-pk"
        )

    def for_cards(self):
        """What a list of sighting cards needs, in a fixed number of queries.

        A card shows neither the rendered story nor the search vector, two of the
        largest columns; they and the shifts' explanations are left unread. (The
        story itself stays: search snippets on SQLite are cut from it.)
        """
        cards = self.defer("story_html", "search_vector").with_echo_counts()
        return cards.select_related("author", "place_ref")._with_shifts_and_themes()

    def for_api(self):
        """What the read API shows of each sighting: no author, echoes or rendered story."""
        public = self.defer("story_html", "search_vector").with_latest_outcome()
        return public.select_related("place_ref")._with_shifts_and_themes()

    def _with_shifts_and_themes(self):
        return self.prefetch_related(
            models.Prefetch(
                "shifts",
                queryset=Shift.objects.only("pk", "slug", "name", "position").order_by("position"),
            ),
            models.Prefetch(
                "themed_items",
                queryset=ThemedSighting.objects.select_related("tag").order_by("tag__name"),
                to_attr="theme_links",
            ),
        )


class Sighting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned for changes")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Setting(models.TextChoices):
        HEALTH_AND_CARE = "health-and-care", _("Health and care")
        EDUCATION = "education", _("Education")
        EMPLOYMENT = "employment", _("Employment")
        HOUSING = "housing", _("Housing")
        NEIGHBOURHOOD = "neighbourhood-and-community", _("Neighbourhood and community")
        LOCAL_GOVERNMENT = "local-government", _("Local government")
        VOLUNTARY_SECTOR = "voluntary-sector", _("Voluntary sector")
        WORKPLACE = "workplace", _("Workplace")
        FAITH = "faith", _("Faith")
        JUSTICE = "justice-and-policing", _("Justice and policing")
        OTHER = "other", _("Other")

    class Connection(models.TextChoices):
        BONDING = "bonding", _("People like each other (bonding)")
        BRIDGING = "bridging", _("People unlike each other (bridging)")
        BOTH = "both", _("Both")
        NOT_SURE = "not-sure", _("Not sure")

    class Direction(models.TextChoices):
        FORWARD = "forward", _("Moving forward — for example, doubting → trusting")
        BACK = "back", _("Slipping back — for example, trusting → doubting")

    class Telling(models.TextChoices):
        # Empty: written on the Observatory by the person who saw it.
        PAPER = "paper", _("On a paper form")
        PHONE = "phone", _("On the phone")
        IN_PERSON = "in-person", _("In person")
        IMPORT = "import", _("In a spreadsheet (CSV) a convenor brought in")

    class Consent(models.TextChoices):
        WEB_FORM = "web-form", _("Ticked on the web form")
        PAPER = "paper", _("Written on the paper form")
        PHONE = "phone", _("Said on the phone")
        OTHER = "other", _("Other")

    EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}
    # What convenors see of other people's sightings: what has been put before them.
    # A draft is not yet shared and a withdrawn one was taken back, so both stay private.
    SHARED_WITH_CONVENORS = {Status.SUBMITTED, Status.PUBLISHED, Status.RETURNED, Status.DECLINED}
    # Returning or declining a sighting tells its author why; without a word it is refused.
    FEEDBACK_NEEDED = {
        Status.RETURNED: _("Tell the author what to change before returning it."),
        Status.DECLINED: _("Give the author a reason for declining it."),
    }
    # A draft needs only a title; going to review needs each of these too, and what
    # the form says when one is left empty.
    REQUIRED_TO_SUBMIT = {
        "summary": _("Write a summary in a sentence or two."),
        "story": _("Tell the story of what you saw."),
        "place": _("Say where you saw it."),
        "date_observed": _("Give the date you saw it."),
        "setting": _("Choose the setting."),
        "consent": _("Tick this box to confirm it before submitting."),
        "shifts": _("Choose at least one shift."),
    }

    title = models.CharField(_("Title"), max_length=120)
    slug = models.SlugField(unique=True, max_length=140, editable=False)
    summary = models.CharField(
        _("Summary"),
        max_length=300,
        blank=True,
        help_text=_("In a sentence or two"),
    )
    story = models.TextField(
        _("Story"),
        blank=True,
        help_text=_("What did you see? You can use Markdown: *emphasis*, lists and links."),
    )
    story_html = models.TextField(blank=True, editable=False)
    place = models.CharField(
        _("Place"), max_length=200, blank=True, help_text=_('Where? For example "Hackney, London".')
    )
    place_ref = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sightings",
        verbose_name=_("Place on the map"),
        help_text=_("The place the “Where?” was matched to when it was submitted."),
    )
    date_observed = models.DateField(
        _("Date observed"), null=True, blank=True, validators=[between_1900_and_today]
    )
    setting = models.CharField(_("Setting"), max_length=40, choices=Setting.choices, blank=True)
    shifts = models.ManyToManyField(
        Shift, related_name="sightings", blank=True, verbose_name=_("Shifts")
    )
    direction = models.CharField(
        _("Which way is it moving?"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.FORWARD,
        help_text=_("Most sightings move a shift forward; say so when one is slipping back."),
    )
    themes = TaggableManager(
        "Themes",
        through=ThemedSighting,
        manager=SightingThemes,
        blank=True,
        help_text=_("Optional, up to ten, separated by commas."),
    )
    connection = models.CharField(
        _("Connection"),
        max_length=20,
        choices=Connection.choices,
        blank=True,
        help_text=_("Who was brought together?"),
    )
    source_url = models.URLField(_("Source link"), blank=True, max_length=500)
    consent = models.BooleanField(
        _("Consent"),
        default=False,
        help_text=_("No one can be identified in this sighting without their consent."),
    )

    consent_given = models.CharField(
        _("How was consent given?"),
        max_length=20,
        choices=Consent.choices,
        default=Consent.WEB_FORM,
        # Empty only on a draft told to a convenor, until they say how it was given.
        blank=True,
    )
    consent_note = models.CharField(
        _("About the consent"),
        max_length=300,
        blank=True,
        help_text=_("How consent was given, when it was neither on paper nor on the phone."),
    )
    told_via = models.CharField(
        _("Told to a convenor"),
        max_length=20,
        choices=Telling.choices,
        blank=True,
        help_text=_("Empty when the person who saw it wrote it here themselves."),
    )
    told_by = models.CharField(
        _("Told by"),
        max_length=150,
        blank=True,
        help_text=_("The teller's public name; empty shows them as anonymous."),
    )

    # The person who wrote it here: the one who saw it, or the convenor it was told to.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sightings",
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Counted up by every save, so that a form or a decision made on an older one is
    # refused rather than undoing what someone else did meanwhile (core/versions.py).
    version = models.PositiveIntegerField(default=1, editable=False)
    feedback = models.TextField(
        _("Reviewer feedback"),
        blank=True,
        help_text=_("Why it was returned or declined, shown to the author."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    wants_reminders = models.BooleanField(
        _("Ask me whether it lasted"),
        default=True,
        help_text=_("Its author is emailed 3, 6 and 12 months after it is published."),
    )
    # Written only by database triggers on PostgreSQL (see sightings/search.py and
    # migration 0003); always empty on SQLite, where search uses a contains match.
    search_vector = SearchVectorField(null=True, editable=False)
    # The shifts it shows, each as its Shift.bit, kept by database triggers (migration
    # 0022) so that the lists read them with the sighting and not from the links.
    shift_mask = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = SightingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["story_html", "search_vector", "shift_mask"])

    # The status as last read or saved, so that leaving "published" can be told apart
    # from never having been there (sightings/invalidation.py).
    status_when_loaded = None
    # A search's excerpt with the matched words marked, which sightings.search gives the
    # cards it lists. Elsewhere a card has none; were the attribute missing, the
    # template would list every name the object has (dir()) before giving up on it.
    snippet = ""

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            # With the id, each order the lists use is read from an index alone: newest
            # published for the home page and feeds, newest (or, read backwards,
            # oldest) seen for the lists, which also serves "seen from" and "up to".
            # Each carries the shifts, so a feed or list of a shift tests them there.
            models.Index(
                fields=["status", "-published_at", "-id"],
                include=["shift_mask"],
                name="sighting_newest_first",
            ),
            models.Index(fields=["status", "submitted_at"], name="sighting_status_submitted"),
            # The list's filters on a sighting's own columns are tested in the index
            # (PostgreSQL), so a list of the one in twelve slipping back walks index
            # entries rather than fetching eleven table rows for each one it shows.
            models.Index(
                fields=["status", "-date_observed", "-published_at", "-id"],
                include=["direction", "setting", "connection", "place_ref", "shift_mask"],
                name="sighting_newest_seen",
            ),
            # A theme's sightings are found by id in its links and sorted by the date
            # seen: carried beside the id (with the setting the facets count), the sort
            # reads an index, not a table row each.
            models.Index(
                fields=["id"],
                include=["status", "date_observed", "published_at", "setting", "shift_mask"],
                name="sighting_sort_by_id",
            ),
            # A place's page lists its sightings newest seen first, as the list does. Its
            # profile and the insights at a place count them by direction, setting and who
            # was brought together: carried in the index (PostgreSQL), so those counts
            # read the index alone and not a table page per sighting.
            models.Index(
                fields=["place_ref", "status", "-date_observed", "-published_at", "-id"],
                include=["direction", "setting", "connection", "shift_mask"],
                name="sighting_place_counted",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Sighting.objects.all(), self.title, "sighting")
        self.story_html = render_markdown(self.story)
        versions.count_save(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url_by_slug("sightings:detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.status_when_loaded = instance.__dict__.get("status")
        return instance

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_slipping_back(self):
        return self.direction == self.Direction.BACK

    @property
    def setting_label(self):
        """The setting's name in the reader's language. get_setting_display() builds
        and translates every setting's name each time it is asked: a page of cards
        spent more time on that than on anything else it translated."""
        try:
            return self.Setting(self.setting).label
        except ValueError:
            return self.setting

    @property
    def direction_word(self):
        """The direction in two words, for badges and tables."""
        return gettext("Slipping back") if self.is_slipping_back else gettext("Moving forward")

    @property
    def places_seen(self):
        """Where it has been seen: its own place and each visible "seen this too"."""
        return 1 + self.echo_count

    @property
    def is_told(self):
        """Told to a convenor, who wrote it here, rather than written by the one who saw it."""
        return bool(self.told_via)

    @property
    def themes_in_order(self):
        """The sighting's themes by name, from the card prefetch when there is one."""
        if hasattr(self, "theme_links"):
            return [link.tag for link in self.theme_links]
        return list(self.themes.order_by("name"))

    def preview(self, *, shifts, themes):
        """What the public page would show with these shifts and themes: nothing is saved."""
        return {
            "sighting": self,
            "story_html": render_markdown(self.story),
            "shifts": list(shifts),
            "themes": list(themes),
        }

    def is_visible_to(self, user):
        if self.is_public or self.is_author(user):
            return True
        return self.status in self.SHARED_WITH_CONVENORS and is_convenor(user)

    def is_author(self, user):
        return user.is_authenticated and self.author_id == user.pk

    def can_edit(self, user):
        return self.is_author(user) and self.status in self.EDITABLE_STATUSES

    def can_withdraw(self, user):
        return self.is_author(user) and self.status != self.Status.WITHDRAWN

    def submission_problems(self):
        """Why this sighting may not go to review (or be published) yet; empty when it may."""
        problems = []
        if missing := self.missing_for_submission():
            problems.append(f"Complete these before submitting: {', '.join(missing)}.")
        if self.date_observed:
            try:
                between_1900_and_today(self.date_observed)
            except ValidationError as refused:
                problems.extend(refused.messages)
        if self.pk and self.themes.count() > MAX_THEMES:
            problems.append(f"A sighting can have at most {MAX_THEMES} themes.")
        return problems

    def missing_for_submission(self):
        """The required fields still empty, by field name."""
        missing = [
            name for name in ["title", *self.REQUIRED_TO_SUBMIT] if not self._is_filled_in(name)
        ]
        if self.is_told and not self.consent_given:
            missing.append("how consent was given")
        if self.consent_given == self.Consent.OTHER and not self.consent_note.strip():
            missing.append("how consent was given")
        return missing

    def _is_filled_in(self, name):
        if name == "shifts":
            # Shifts are chosen alongside the first save, so an unsaved one is not short of them.
            return not self.pk or self.shifts.exists()
        return bool(getattr(self, name))

    def match_place(self):
        """Link the typed "Where?" to its Place, unless it is linked already.

        A convenor's correction stays until the author changes what they typed
        (SightingForm unlinks it then).
        """
        if self.place_ref_id is None:
            self.place_ref = Place.objects.for_name(self.place)

    def _change_status(self, to, *, by, allowed_from, note="", **fields):
        with transaction.atomic():
            # Locked, and read afresh: of two decisions made at once, the second waits
            # for the first and is judged on the status it left.
            current = versions.lock(self)
            if current.status not in allowed_from:
                raise ValidationError(
                    f"A sighting that is {current.get_status_display().lower()} cannot be "
                    f"{StatusChange.Step(to).label.lower()}."
                )
            previous, self.version = current.status, current.version
            self.status = to
            for name, value in fields.items():
                setattr(self, name, value)
            self.save()
            return StatusChange.objects.create(
                sighting=self, actor=by, from_status=previous, to_status=to, note=note
            )

    def _require_reviewer(self, user):
        if not is_convenor(user):
            raise PermissionDenied(_("Only convenors may review sightings."))
        # A second pair of eyes is the point of review, so nobody decides on their own.
        if self.is_author(user):
            raise PermissionDenied(_("Another convenor reviews the sightings you wrote yourself."))

    def submit(self, *, by):
        if not self.is_author(by):
            raise PermissionDenied(_("Only the author may submit a sighting for review."))
        if problems := self.submission_problems():
            raise ValidationError(problems)
        self.match_place()
        self._change_status(
            self.Status.SUBMITTED,
            by=by,
            allowed_from={self.Status.DRAFT, self.Status.RETURNED},
            submitted_at=timezone.now(),
        )
        _after_commit("alert_convenors", self.pk)

    def publish(self, *, by):
        self._require_reviewer(by)
        if self.status == self.Status.SUBMITTED and (problems := self.submission_problems()):
            raise ValidationError(problems)
        self.match_place()
        change = self._change_status(
            self.Status.PUBLISHED,
            by=by,
            allowed_from={self.Status.SUBMITTED},
            published_at=timezone.now(),
            feedback="",
        )
        _tell_the_author(change)
        _after_commit("tell_followers", self.pk)

    def return_to_author(self, *, by, feedback):
        self._require_reviewer(by)
        if not feedback.strip():
            raise ValidationError(self.FEEDBACK_NEEDED[self.Status.RETURNED])
        change = self._change_status(
            self.Status.RETURNED,
            by=by,
            allowed_from={self.Status.SUBMITTED},
            note=feedback,
            feedback=feedback,
        )
        _tell_the_author(change)

    def decline(self, *, by, reason):
        self._require_reviewer(by)
        if not reason.strip():
            raise ValidationError(self.FEEDBACK_NEEDED[self.Status.DECLINED])
        change = self._change_status(
            self.Status.DECLINED,
            by=by,
            allowed_from={self.Status.SUBMITTED},
            note=reason,
            feedback=reason,
        )
        _tell_the_author(change)

    def take_down(self, *, by, reason):
        """Staff withdraw it after abuse; the reason is kept and shown to its author."""
        if not by.is_staff:
            raise PermissionDenied(_("Only staff may take a sighting down."))
        if not reason.strip():
            raise ValidationError(_("Give a reason for taking it down."))
        self._change_status(
            self.Status.WITHDRAWN,
            by=by,
            allowed_from=set(self.Status) - {self.Status.WITHDRAWN},
            note=reason,
            feedback=reason,
        )

    def put_back(self, *, by):
        """Undo a take-down: the sighting returns to the status it had before."""
        if not by.is_staff:
            raise PermissionDenied(_("Only staff may put a sighting back."))
        last = self.changes.order_by("created_at", "pk").last()
        taken_down = (
            last is not None
            and last.to_status == self.Status.WITHDRAWN
            and last.actor_id != self.author_id
        )
        if self.status != self.Status.WITHDRAWN or not taken_down:
            raise ValidationError(_("Only a sighting that staff took down can be put back."))
        earlier = self.changes.filter(to_status=last.from_status).exclude(pk=last.pk).last()
        keeps_feedback = last.from_status in {self.Status.RETURNED, self.Status.DECLINED}
        self._change_status(
            last.from_status,
            by=by,
            allowed_from={self.Status.WITHDRAWN},
            note="Put back after being taken down.",
            feedback=earlier.note if keeps_feedback and earlier else "",
        )

    def withdraw(self, *, by):
        if not self.is_author(by):
            raise PermissionDenied(_("Only the author may withdraw a sighting."))
        self._change_status(
            self.Status.WITHDRAWN,
            by=by,
            allowed_from=set(self.Status) - {self.Status.WITHDRAWN},
        )


def _after_commit(task_name, *args):
    """Queue one of sightings/alerts.py's tasks once the change commits.

    Imported here, not at the top, because the tasks read these models.
    """
    from sightings import alerts

    transaction.on_commit(lambda: getattr(alerts, task_name).enqueue(*args))


def _tell_the_author(change):
    # Queued when the decision commits, so nobody is told of one that was rolled back.
    email_author_about(change)


class StatusChange(models.Model):
    """One step in a sighting's life: who moved it, when, and what they said."""

    # The statuses again, each said as the step that reaches it, for a sighting's history.
    class Step(models.TextChoices):
        DRAFT = "draft", _("Saved as a draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned with feedback")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    sighting = models.ForeignKey(Sighting, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=Sighting.Status.choices)
    to_status = models.CharField(max_length=20, choices=Step.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_to_status_display()}: {self.sighting}"


def _later_than_outer():
    """Follow-ups after the outer one: a later date, or the same date and added since."""
    return Q(observed_on__gt=OuterRef("observed_on")) | Q(
        observed_on=OuterRef("observed_on"), pk__gt=OuterRef("pk")
    )


class HideableQuerySet(models.QuerySet):
    def visible(self):
        """Not hidden by a convenor: what the public sees, counts and exports."""
        return self.filter(hidden_at__isnull=True)

    def hidden(self):
        return self.filter(hidden_at__isnull=False)

    def visible_to(self, user):
        """A hidden one still shows to its author (with the reason) and to convenors."""
        if is_convenor(user):
            return self
        if user.is_authenticated:
            return self.filter(Q(hidden_at__isnull=True) | Q(author=user))
        return self.visible()


class Hideable(models.Model):
    """What people add to a published sighting, which a convenor may hide with a reason.

    Each subclass names, in its own words, who may hide it and what is already hidden.
    """

    MAY_HIDE = _("Only convenors may hide this.")
    MAY_SHOW = _("Only convenors may show this again.")
    ALREADY_HIDDEN = _("This is already hidden.")
    NOT_HIDDEN = _("This is not hidden.")

    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    hidden_reason = models.CharField(
        _("Why it is hidden"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("Shown to its author; kept in the history."),
    )

    class Meta:
        abstract = True

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @staticmethod
    def may_moderate(user):
        return is_convenor(user)

    def hide(self, *, by, reason):
        """Hide it from the public; its author still sees it, and why."""
        if not self.may_moderate(by):
            raise PermissionDenied(self.MAY_HIDE)
        reason = reason.strip()
        if not reason:
            raise ValidationError(_("Say why it is hidden: its author will see the reason."))
        if self.is_hidden:
            raise ValidationError(self.ALREADY_HIDDEN)
        # The reason itself is kept in the history's copy of hidden_reason.
        self._moderate(timezone.now(), by, reason, by=by, why="Hidden by a convenor")

    def show_again(self, *, by):
        if not self.may_moderate(by):
            raise PermissionDenied(self.MAY_SHOW)
        if not self.is_hidden:
            raise ValidationError(self.NOT_HIDDEN)
        self._moderate(None, None, "", by=by, why="Shown again")

    def _moderate(self, hidden_at, hidden_by, reason, *, by, why):
        with transaction.atomic():
            self.hidden_at, self.hidden_by, self.hidden_reason = hidden_at, hidden_by, reason
            self._change_reason = why
            self._history_user = by
            self.save()


class FollowUpQuerySet(HideableQuerySet):
    def counted(self):
        """The follow-ups that count towards outcomes: visible, and one per person per
        sighting per month, that person's newest, so that volume carries no weight.
        """
        later_same_month = (
            FollowUp.objects.visible()
            .annotate(month=TruncMonth("observed_on"))
            .filter(
                _later_than_outer(),
                sighting=OuterRef("sighting"),
                author=OuterRef("author"),
                month=OuterRef("month"),
            )
        )
        return (
            self.visible()
            .annotate(month=TruncMonth("observed_on"))
            .exclude(Exists(later_same_month))
        )

    def newest_per_sighting(self):
        # The newest visible follow-up of a sighting is always counted (it is the newest
        # of its person's month), so looking among the visible ones is enough here.
        newer = FollowUp.objects.visible().filter(
            _later_than_outer(), sighting=OuterRef("sighting")
        )
        return self.exclude(Exists(newer))

    def newest_first(self):
        return self.order_by("-observed_on", "-pk")


class FollowUp(Hideable):
    """Is it still happening? A later look at a published sighting."""

    MAY_HIDE = _("Only convenors may hide follow-ups.")
    MAY_SHOW = _("Only convenors may show hidden follow-ups again.")
    ALREADY_HIDDEN = _("This follow-up is already hidden.")
    NOT_HIDDEN = _("This follow-up is not hidden.")

    class Outcome(models.TextChoices):
        STILL_HAPPENING = "still-happening", _("Still happening")
        GROWN = "grown", _("Grown")
        FADED = "faded", _("Faded")
        STOPPED = "stopped", _("Stopped")

    LASTING = [Outcome.STILL_HAPPENING, Outcome.GROWN]

    sighting = models.ForeignKey(Sighting, on_delete=models.CASCADE, related_name="follow_ups")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="follow_ups"
    )
    observed_on = models.DateField(
        _("Date"),
        default=timezone.localdate,
        validators=[between_1900_and_today],
        error_messages={"future": _("The date cannot be in the future.")},
    )
    outcome = models.CharField(_("Is it still happening?"), max_length=20, choices=Outcome.choices)
    note = models.CharField(
        _("Note"), max_length=500, help_text=_("A sentence or two on what changed.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-observed_on", "-pk"]
        indexes = [models.Index(fields=["sighting", "-observed_on"], name="followup_newest")]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.observed_on:%d %B %Y})"

    def get_absolute_url(self):
        return f"{self.sighting.get_absolute_url()}#follow-up-{self.pk}"

    @property
    def is_lasting(self):
        return self.outcome in self.LASTING

    @staticmethod
    def may_add(sighting, user):
        return sighting.is_public and (sighting.is_author(user) or is_convenor(user))


class Echo(Hideable):
    """ "We've seen this too": someone elsewhere has seen the same shift happening."""

    NOTE_LENGTH = 280
    MAY_HIDE = _("Only convenors may hide what others have seen.")

    sighting = models.ForeignKey(Sighting, on_delete=models.CASCADE, related_name="echoes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="echoes"
    )
    place = models.CharField(
        _("Where have you seen it?"),
        max_length=200,
        help_text=_("A town, city or area, such as “Cardiff” or “north Leeds”."),
    )
    note = models.CharField(
        _("How? (optional)"),
        max_length=NOTE_LENGTH,
        blank=True,
        help_text=format_lazy(_("Plain text, at most {} characters."), NOTE_LENGTH),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HideableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sighting", "author"], name="one_echo_per_person")
        ]
        verbose_name = "“seen this too”"
        verbose_name_plural = "“seen this too”s"

    def __str__(self):
        return f"Seen in {self.place}: {self.sighting}"

    def get_absolute_url(self):
        return f"{self.sighting.get_absolute_url()}#echo-{self.pk}"

    @staticmethod
    def may_add(sighting, user):
        """Anyone signed in but its author may say they have seen a published sighting too."""
        return user.is_authenticated and sighting.is_public and not sighting.is_author(user)

    def may_delete(self, user):
        return user.is_authenticated and self.author_id == user.pk


class Reminder(models.Model):
    """A "did it last?" email sent to a sighting's author, one per sighting and stage."""

    class Stage(models.IntegerChoices):
        THREE_MONTHS = 3, "3 months"
        SIX_MONTHS = 6, "6 months"
        TWELVE_MONTHS = 12, "12 months"

    sighting = models.ForeignKey(Sighting, on_delete=models.CASCADE, related_name="reminders")
    stage = models.PositiveSmallIntegerField(choices=Stage.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sighting", "stage"], name="one_reminder_per_stage")
        ]

    def __str__(self):
        return f"{self.get_stage_display()} reminder: {self.sighting}"


class Tally(models.Model):
    """How many published sightings share a place, a month, a shift, a direction, a
    setting, a connection and the answer of their newest counted follow-up: kept as
    sightings are published, changed, followed up and withdrawn (sightings/tallies.py),
    so that the insights read a few thousand rows at most however many sightings there
    are.

    Each sighting is counted once as itself (shift 0) and once for each of its shifts,
    and under its own place and month as well as under every place (place 0) and all
    time (ALL_TIME), so that a count over every place or every month reads rows of its
    own rather than summing the rows of each place or month.
    """

    EVERY_PLACE = 0
    ITSELF = 0
    ALL_TIME = datetime.date.min

    place = models.PositiveIntegerField(help_text="The place's id, or 0 for every place.")
    month = models.DateField(help_text="The first day of the month seen, or ALL_TIME.")
    shift = models.PositiveIntegerField(help_text="The shift's id, or 0 for the sighting.")
    direction = models.CharField(max_length=10)
    setting = models.CharField(max_length=40, blank=True)
    connection = models.CharField(max_length=20, blank=True)
    outcome = models.CharField(
        max_length=20, blank=True, help_text="The newest counted follow-up's answer, if any."
    )
    total = models.IntegerField(default=0)

    class Meta:
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "place",
                    "month",
                    "shift",
                    "direction",
                    "setting",
                    "connection",
                    "outcome",
                ],
                name="one_tally_per_key",
            )
        ]
        # With every column beside their keys, the sums read an index alone (on
        # PostgreSQL): one place's rows, or every place's for all time.
        indexes = [
            models.Index(
                fields=[*leading, "shift"],
                include=["direction", "setting", "connection", "outcome", "total"],
                name=name,
            )
            for leading, name in [
                (["place", "month"], "tally_by_place"),
                (["month", "place"], "tally_by_month"),
            ]
        ]

    def __str__(self):
        return f"{self.total} at place {self.place}, {self.month}, shift {self.shift}"
