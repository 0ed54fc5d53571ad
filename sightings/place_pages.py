"""The places pages: every place on a map and in a table, and one place's profile."""

from django.http import Http404
from django.shortcuts import redirect, render

from core import page_cache
from sightings import place_profiles
from sightings.models import Place, PlaceAlias, Shift, Sighting
from sightings.views import LIST_PARAMETERS, filtered_list_context


@page_cache.for_visitors(params=["sort"])
def place_list(request):
    places = place_profiles.places_with_counts()
    sort, ordered = place_profiles.sorted_places(places, request.GET.get("sort"))
    shifts = list(Shift.objects.order_by("position").only("name", "slug", "position"))
    return render(
        request,
        "sightings/place_list.html",
        {
            "rows": [(place, place_profiles.profile_bar(place, shifts)) for place in ordered],
            "sort": sort,
            "sorts": {key: label for key, (label, _order) in place_profiles.SORTS.items()},
            "map": place_profiles.place_map(places),
            "shifts": shifts,
            "places": places,
            "total": sum(place.published_count for place in places),
        },
    )


@page_cache.for_visitors(params=LIST_PARAMETERS)
def place_detail(request, slug):
    place = Place.objects.filter(slug=slug).first()
    profile = place_profiles.place_profile(place) if place else None
    if not (profile and profile["total"]):
        # A renamed or merged place's old address leads to the place it became.
        alias = PlaceAlias.objects.filter(slug=slug).select_related("place").first()
        if alias is None:
            raise Http404("No place with published sightings has this address.")
        return redirect(alias.place, permanent=True)
    context = filtered_list_context(
        request,
        Sighting.objects.published().at(place),
        fixed=["place_ref"],
        fixed_query={"place_ref": place.slug},
    )
    return render(
        request,
        "sightings/place_detail.html",
        {
            "place": place,
            "profile": profile,
            **context,
        },
    )
