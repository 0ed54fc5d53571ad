"""Counts of published sightings, kept in the cache until what is published changes.

At 100,000 sightings, counting them by shift, by theme or for a filtered list reads
hundreds of thousands of rows: 50 to 300 ms a page (docs/performance.md). This module
is the one owner of those cached counts.

Every entry is stored with the generation it was computed in. Anything that changes
what the public sees counted or listed (a sighting saved or deleted while it is or
was published, its shifts or themes changed, a shift, theme, cell or cell note saved)
starts a new generation, and older entries are never read again. The same generation
marks the pages kept for visitors (observatory/page_cache.py). The receivers below
catch those changes wherever they come from: the status methods, forms, the admin,
taggit. A change made behind the ORM's back (raw SQL, QuerySet.update) shows within
ENTRY_TIMEOUT.
"""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from cells.models import Cell, CellNote
from sightings.models import (
    Echo,
    FollowUp,
    Place,
    PlaceAlias,
    Shift,
    Sighting,
    Theme,
    ThemeAlias,
    ThemedSighting,
)

GENERATION_KEY = "counts:generation"
ENTRY_TIMEOUT = 10 * 60
# Part of every entry's key; changed whenever the shape of an entry does, so that a new
# release never reads what an older one stored.
FORMAT = 1
SHIFTS_KEY = f"counts:{FORMAT}:shifts"
THEMES_KEY = f"counts:{FORMAT}:themes"


def published_changed():
    _new_generation()
    # Again once the change is committed: a request that read the old rows while the
    # transaction was open may have stored them under the first new generation.
    transaction.on_commit(_new_generation)


def _new_generation():
    cache.set(GENERATION_KEY, time.time_ns(), None)


def generation():
    """The current generation, started now if there is none."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        current = cache.get(GENERATION_KEY)
    return current


def cached(computations):
    """Values by key, from the cache when fresh, else computed by the given callables.

    One cache read answers every key when all are fresh.
    """
    found = cache.get_many([GENERATION_KEY, *computations])
    # Never set, or evicted: a new generation starts, so nothing older is trusted.
    current = found.get(GENERATION_KEY) or generation()
    values = {}
    for key, compute in computations.items():
        entry = found.get(key)
        if entry is not None and entry[0] == current:
            values[key] = entry[1]
        else:
            values[key] = compute()
            cache.set(key, (current, values[key]), ENTRY_TIMEOUT)
    return values


def _published_per_shift():
    links = Sighting.shifts.through.objects.filter(sighting__status=Sighting.Status.PUBLISHED)
    return dict(links.values_list("shift_id").annotate(n=Count("*")).order_by())


def shifts_with_counts():
    """The five shifts in order, each with published_count."""
    counts = cached({SHIFTS_KEY: _published_per_shift})[SHIFTS_KEY]
    shifts = list(Shift.objects.order_by("position"))
    for shift in shifts:
        shift.published_count = counts.get(shift.pk, 0)
    return shifts


@dataclass(frozen=True)
class ThemeCount:
    """A theme as the theme index shows it: small, so 2,000 of them cache cheaply."""

    name: str
    slug: str
    url: str
    published_count: int

    def get_absolute_url(self):
        return self.url


def _published_per_theme():
    links = ThemedSighting.objects.filter(content_object__status=Sighting.Status.PUBLISHED)
    counts = dict(links.values_list("tag_id").annotate(n=Count("*")).order_by())
    # One reverse() for the pattern, not 2,000.
    url = reverse("sightings:theme-detail", kwargs={"slug": "-slug-"})
    return [
        ThemeCount(name, slug, url.replace("-slug-", slug), counts[pk])
        for pk, name, slug in Theme.objects.filter(pk__in=counts)
        .order_by("name")
        .values_list("pk", "name", "slug")
    ]


def themes_with_counts():
    """Every theme carried by a published sighting, by name, with published_count."""
    return cached({THEMES_KEY: _published_per_theme})[THEMES_KEY]


def published_count_of_theme(slug):
    """How many published sightings carry the theme; 0 when none does."""
    key = f"counts:{FORMAT}:theme:{slug}"

    def count():
        found = [theme for theme in themes_with_counts() if theme.slug == slug]
        return found[0].published_count if found else 0

    return cached({key: count})[key]


def most_used_themes(limit):
    # Kept apart from the whole index: reading back twenty themes is quicker than
    # unpickling and sorting 2,000 on every page that offers them.
    key = f"counts:{FORMAT}:most-used:{limit}"

    def most_used():
        themes = themes_with_counts()
        return sorted(themes, key=lambda theme: (-theme.published_count, theme.name))[:limit]

    return cached({key: most_used})[key]


def _key(prefix, query):
    return f"counts:{FORMAT}:{prefix}:{hashlib.sha256(query.encode()).hexdigest()[:32]}"


def result_count(query, queryset):
    """How many sightings a query matches, cached by the query's canonical text."""
    key = _key("count", query)
    return cached({key: queryset.count})[key]


def results_with_shift_counts(query, queryset):
    """How many sightings match, and how many of those show each shift (by shift id)."""
    count_key, shifts_key = _key("count", query), _key("shifts", query)

    def per_shift():
        links = Sighting.shifts.through.objects.filter(sighting__in=queryset.values("pk"))
        return dict(links.values_list("shift_id").annotate(n=Count("*")).order_by())

    values = cached({count_key: queryset.count, shifts_key: per_shift})
    return values[count_key], values[shifts_key]


def canonical_query(params, ignore=("page", "sort")):
    """The filter part of a query string, in a fixed order, as a cache key's text."""
    return "&".join(
        f"{name}={value}"
        for name in sorted(params)
        if name not in ignore
        for value in sorted(params.getlist(name))
    )


@receiver(post_save, sender=Sighting)
@receiver(post_delete, sender=Sighting)
def _sighting_changed(sender, instance, **kwargs):
    if Sighting.Status.PUBLISHED in {instance.status, instance.status_when_loaded}:
        published_changed()
    instance.status_when_loaded = instance.status


@receiver(m2m_changed, sender=Sighting.shifts.through)
@receiver(m2m_changed, sender=ThemedSighting)
def _links_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse or not isinstance(instance, Sighting) or instance.is_public:
        published_changed()


@receiver(post_save, sender=Cell)
@receiver(post_save, sender=CellNote)
@receiver(post_delete, sender=CellNote)
@receiver(post_save, sender=Shift)
@receiver(post_save, sender=Theme)
@receiver(post_delete, sender=Theme)
@receiver(post_save, sender=ThemeAlias)
@receiver(post_delete, sender=ThemeAlias)
@receiver(post_save, sender=FollowUp)
@receiver(post_delete, sender=FollowUp)
@receiver(post_save, sender=Echo)
@receiver(post_delete, sender=Echo)
@receiver(post_save, sender=Place)
@receiver(post_delete, sender=Place)
@receiver(post_save, sender=PlaceAlias)
@receiver(post_delete, sender=PlaceAlias)
@receiver(post_save, sender=ThemedSighting)
@receiver(post_delete, sender=ThemedSighting)
def _names_or_links_changed(sender, **kwargs):
    published_changed()
