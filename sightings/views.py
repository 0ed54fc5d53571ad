from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from observatory import page_cache
from sightings import counts
from sightings.filters import SightingFilter
from sightings.models import FollowUp, Shift, Sighting, Theme


class CountedPaginator(Paginator):
    """A paginator that is told how many items there are, and reads a page's ids first.

    Django's own paginator counts every match on every page; here the count comes from
    the cache (sightings/counts.py). A page is found by reading only the ids, which an
    index holds, so page 2,000 skips 40,000 index entries instead of 40,000 full rows.
    """

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)


def paginate(request, queryset, count):
    paginator = CountedPaginator(queryset, settings.SIGHTINGS_PER_PAGE, count)
    return paginator.get_page(request.GET.get("page"))


def filtered_sightings(request, queryset=None):
    queryset = queryset if queryset is not None else Sighting.objects.published()
    sighting_filter = SightingFilter(request.GET or None, queryset=queryset.newest_first())
    return sighting_filter, sighting_filter.qs


@page_cache.for_visitors
def sighting_list(request):
    sighting_filter, sightings = filtered_sightings(request)
    count, per_shift = counts.results_with_shift_counts(
        counts.canonical_query(request.GET), sightings
    )
    page = paginate(request, sightings.for_cards(), count)
    shift_counts = sighting_filter.shifts
    for shift in shift_counts:
        shift.matching = per_shift.get(shift.pk, 0)
    return render(
        request,
        "sightings/sighting_list.html",
        {
            "filter": sighting_filter,
            "selected_shifts": sighting_filter.selected("shift"),
            "selected_themes": sighting_filter.selected("theme"),
            "active_filters": sighting_filter.active_filters(),
            "page": page,
            "shift_counts": shift_counts,
        },
    )


def sighting_detail(request, slug):
    sighting = get_object_or_404(
        Sighting.objects.select_related("author").prefetch_related("shifts"), slug=slug
    )
    if not sighting.is_visible_to(request.user):
        raise Http404("No sighting here.")
    return render(
        request,
        "sightings/sighting_detail.html",
        {
            "sighting": sighting,
            "themes": sighting.themes,
            "follow_ups": sighting.follow_ups.all(),
            "discussed_in": sighting.cell_notes.published()
            .select_related("cell")
            .order_by("-met_on"),
            "may_follow_up": FollowUp.may_add(sighting, request.user),
        },
    )


def shift_list(request):
    return render(
        request,
        "sightings/shift_list.html",
        {"shifts": counts.shifts_with_counts()},
    )


@page_cache.for_visitors
def shift_detail(request, slug):
    shift = get_object_or_404(Shift, slug=slug)
    sightings = Sighting.objects.published().with_shift_ids(shift.pk).newest_first()
    count = counts.result_count(f"shift={shift.slug}", sightings)
    return render(
        request,
        "sightings/shift_detail.html",
        {"shift": shift, "page": paginate(request, sightings.for_cards(), count)},
    )


def theme_list(request):
    # The index of 2,000 themes takes longer to render than to count, so the page
    # keeps the rendered list for as long as the counts stay the same.
    return render(
        request,
        "sightings/theme_list.html",
        {
            "generation": counts.generation(),
            "themes": SimpleLazyObject(counts.themes_with_counts),
        },
    )


@page_cache.for_visitors
def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    sightings = Sighting.objects.published().with_theme_ids(theme.pk).newest_first()
    count = counts.result_count(f"theme={theme.slug}", sightings)
    page = paginate(request, sightings.for_cards(), count)
    if not page.paginator.count:
        raise Http404("No published sighting has this theme.")
    return render(request, "sightings/theme_detail.html", {"theme": theme, "page": page})
