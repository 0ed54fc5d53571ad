"""Counts of published sightings, kept in the cache until what is published changes.

Counting them by shift or by theme over the whole Observatory reads hundreds of
thousands of rows at scale (docs/performance.md), so they are read from the tallies
kept as sightings are published (sightings/tallies.py) while those are in step. This
module is the one owner of those cached counts; they are kept for a generation of what
is published (core/generation.py), which sightings/invalidation.py and
cells/invalidation.py renew.
"""

from dataclasses import dataclass

from django.db.models import Count, Sum

from core.generation import cached
from sightings import tallies
from sightings.models import Shift, Sighting, Tally, Theme, ThemedSighting, url_by_slug

# Part of every entry's key; changed whenever the shape of an entry does, so that a new
# release never reads what an older one stored.
FORMAT = 2
SHIFTS_KEY = f"counts:{FORMAT}:shifts"
THEMES_KEY = f"counts:{FORMAT}:themes"


def _published_per_shift():
    if tallies.in_step():
        every_link = Tally.objects.filter(place=Tally.EVERY_PLACE, month=Tally.ALL_TIME).exclude(
            shift=Tally.ITSELF
        )
        per_shift = every_link.values_list("shift").annotate(n=Sum("total")).order_by()
        return {shift: n for shift, n in per_shift if n}
    links = Sighting.shifts.through.objects.filter(sighting__status=Sighting.Status.PUBLISHED)
    return dict(links.values_list("shift_id").annotate(n=Count("*")).order_by())


def published_per_shift():
    """How many published sightings show each shift, by the shift's id."""
    return cached({SHIFTS_KEY: _published_per_shift})[SHIFTS_KEY]


def shifts_with_counts():
    """The five shifts in order, each with published_count."""
    per_shift = published_per_shift()
    shifts = list(Shift.objects.order_by("position"))
    for shift in shifts:
        shift.published_count = per_shift.get(shift.pk, 0)
    return shifts


@dataclass(frozen=True)
class ThemeCount:
    """A theme as the theme index shows it: small, so 2,000 of them cache cheaply."""

    name: str
    slug: str
    published_count: int

    def get_absolute_url(self):
        # Worked out as it is shown, not kept: the same count serves /themes/ and /cy/themes/.
        return url_by_slug("sightings:theme-detail", self.slug)


def _carried():
    """Themes a published sighting carries, with the count kept as sightings are
    published (sightings/tallies.py), when the tallies are in step; else None."""
    if not tallies.in_step():
        return None
    return Theme.objects.filter(published_total__gt=0)


def _theme_counts(themes):
    rows = themes.values_list("name", "slug", "published_total")
    return [ThemeCount(name, slug, n) for name, slug, n in rows]


def _published_per_theme():
    if (carried := _carried()) is not None:
        return _theme_counts(carried.order_by("name"))
    links = ThemedSighting.objects.filter(content_object__status=Sighting.Status.PUBLISHED)
    per_theme = dict(links.values_list("tag_id").annotate(n=Count("*")).order_by())
    return [
        ThemeCount(name, slug, per_theme[pk])
        for pk, name, slug in Theme.objects.filter(pk__in=per_theme)
        .order_by("name")
        .values_list("pk", "name", "slug")
    ]


def themes_with_counts():
    """Every theme carried by a published sighting, by name, with published_count."""
    return cached({THEMES_KEY: _published_per_theme})[THEMES_KEY]


def themes_page(number, per_page):
    """One page of the theme index, by name: (the page's number, its themes, how many
    themes there are in all). A number past either end gives the first or last page.

    Each page is kept on its own, so showing page 3 reads 500 themes from the cache,
    not every theme; filling it reads those 500 and the kept counts' total.
    """
    key = f"counts:{FORMAT}:themes-page:{per_page}:{number}"

    def one_page():
        if (carried := _carried()) is not None:
            total = carried.count()

            def slice_from(bottom):
                return _theme_counts(carried.order_by("name")[bottom : bottom + per_page])
        else:
            themes = themes_with_counts()
            total = len(themes)

            def slice_from(bottom):
                return themes[bottom : bottom + per_page]

        last = max(1, -(-total // per_page))
        shown = min(max(1, number), last)
        return shown, slice_from((shown - 1) * per_page), total

    return cached({key: one_page})[key]


def published_count_of_theme(slug):
    """How many published sightings carry the theme; 0 when none does."""
    key = f"counts:{FORMAT}:theme:{slug}"

    def count():
        if (carried := _carried()) is not None:
            return carried.filter(slug=slug).values_list("published_total", flat=True).first() or 0
        return _counts_by_slug().get(slug, 0)

    return cached({key: count})[key]


def _counts_by_slug():
    # A theme's page needs one count: a dict of them reads back from the cache far
    # quicker than the whole index of tens of thousands of themes.
    key = f"counts:{FORMAT}:themes-by-slug"

    def by_slug():
        return {theme.slug: theme.published_count for theme in themes_with_counts()}

    return cached({key: by_slug})[key]


def most_used_themes(limit):
    # Kept apart from the whole index: reading back twenty themes is quicker than
    # unpickling and sorting 2,000 on every page that offers them.
    key = f"counts:{FORMAT}:most-used:{limit}"

    def most_used():
        if (carried := _carried()) is not None:
            return _theme_counts(carried.order_by("-published_total", "name")[:limit])
        themes = themes_with_counts()
        return sorted(themes, key=lambda theme: (-theme.published_count, theme.name))[:limit]

    return cached({key: most_used})[key]
