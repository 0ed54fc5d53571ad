from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from sightings import authoring
from sightings.filters import SightingFilter
from sightings.models import FollowUp, Shift, Sighting, Theme


def paginate(request, queryset):
    return Paginator(queryset, settings.SIGHTINGS_PER_PAGE).get_page(request.GET.get("page"))


def filtered_sightings(request, queryset=None):
    queryset = queryset if queryset is not None else Sighting.objects.published()
    sighting_filter = SightingFilter(request.GET or None, queryset=queryset.newest_first())
    return sighting_filter, sighting_filter.qs


def sighting_list(request):
    sighting_filter, sightings = filtered_sightings(request)
    page = paginate(request, sightings.for_cards())
    return render(
        request,
        "sightings/sighting_list.html",
        {
            "filter": sighting_filter,
            "selected_shifts": sighting_filter.selected("shift"),
            "selected_themes": sighting_filter.selected("theme"),
            "active_filters": sighting_filter.active_filters(),
            "page": page,
            "shift_counts": Shift.objects.annotate(
                matching=Count("sightings", filter=Q(sightings__in=sightings.values("pk")))
            ),
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
            # A note stops showing a sighting once it is withdrawn, so the link back goes too.
            "discussed_in": sighting.cell_notes.published()
            .select_related("cell")
            .order_by("-met_on", "-pk")
            if sighting.is_public
            else [],
            "may_follow_up": FollowUp.may_add(sighting, request.user),
            **authoring.detail_context(sighting, request.user),
        },
    )


def shift_list(request):
    return render(
        request,
        "sightings/shift_list.html",
        {"shifts": Shift.objects.with_published_counts()},
    )


def shift_detail(request, slug):
    shift = get_object_or_404(Shift, slug=slug)
    sightings = Sighting.objects.published().with_shift(shift.slug).newest_first().for_cards()
    return render(
        request,
        "sightings/shift_detail.html",
        {"shift": shift, "page": paginate(request, sightings)},
    )


def theme_list(request):
    themes = Theme.objects.with_published_counts().order_by("name")
    return render(request, "sightings/theme_list.html", {"themes": themes})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    sightings = Sighting.objects.published().with_theme(theme.slug).newest_first().for_cards()
    page = paginate(request, sightings)
    if not page.paginator.count:
        raise Http404("No published sighting has this theme.")
    return render(request, "sightings/theme_detail.html", {"theme": theme, "page": page})
