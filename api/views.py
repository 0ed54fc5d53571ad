"""The read API: published data as JSON, and the pages that explain and embed it.

Built on Django REST framework rather than django-ninja because the sighting list
already filters with a django-filter FilterSet: REST framework applies that very
FilterSet (DjangoFilterBackend), and drf-spectacular documents its filters in the
OpenAPI description, so the API takes the list's filters, with the same names and
meanings, by construction rather than by a copy kept in step by hand.
"""

from csp.constants import NONE
from csp.decorators import csp_replace
from django.conf import settings
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import freshness
from api.pagination import KeysetPagination
from api.serializers import (
    CellNoteSerializer,
    CellSerializer,
    InsightSerializer,
    PlaceSerializer,
    ShiftSerializer,
    SightingSerializer,
    ThemeSerializer,
)
from cells.models import Cell, DiscussedSighting
from sightings import counts, export, insights, place_profiles
from sightings.filters import SightingFilter, shareable_query
from sightings.models import Shift, Sighting

EMBED_SIZE = 10


class PublicData(APIView):
    """Answers with ETag and Last-Modified, and 304 when the client's copy is current."""

    def get(self, request, *args, **kwargs):
        unchanged = freshness.unchanged_response(request._request)
        if unchanged is not None:
            return unchanged
        return self.read(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return freshness.mark(request, response)


class SightingFilterBackend(DjangoFilterBackend):
    """The sighting list's own FilterSet; a value it cannot read is a 400, not ignored."""

    def get_filterset_class(self, view, queryset=None):
        return SightingFilter


SLUG_LISTS = [
    OpenApiParameter(
        "shift",
        str,
        many=True,
        explode=True,
        description="A shift's slug (see /api/shifts/); repeat it for any of several.",
    ),
    OpenApiParameter(
        "theme",
        str,
        many=True,
        explode=True,
        description="A theme's slug (see /api/themes/); repeat it for any of several.",
    ),
]


@extend_schema_view(get=extend_schema(parameters=SLUG_LISTS))
class SightingList(PublicData, generics.ListAPIView):
    """Published sightings, newest seen first, filtered and searched as the list is."""

    serializer_class = SightingSerializer
    pagination_class = KeysetPagination
    filter_backends = [SightingFilterBackend]
    filterset_class = SightingFilter

    def get_queryset(self):
        return Sighting.objects.published()

    def objects_by_id(self, ids):
        return Sighting.objects.for_api().in_bulk(ids)

    def read(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="The sighting's id.")
        ]
    )
)
class SightingDetail(PublicData, generics.RetrieveAPIView):
    serializer_class = SightingSerializer

    def get_object(self):
        try:
            pk = int(self.kwargs["pk"])
        except ValueError:
            raise NotFound("A sighting's id is a whole number.") from None
        published = Sighting.objects.published().for_api()
        return get_object_or_404(published, pk=pk)

    def read(self, request, *args, **kwargs):
        return self.retrieve(request, *args, **kwargs)


class ShiftList(PublicData, generics.ListAPIView):
    """The five shifts, in order, each with its count of published sightings."""

    serializer_class = ShiftSerializer
    pagination_class = None

    def get_queryset(self):
        return counts.shifts_with_counts()

    def read(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


class ThemeList(PublicData, generics.ListAPIView):
    """Every theme that a published sighting carries, by name, with how many do."""

    serializer_class = ThemeSerializer
    pagination_class = None

    def get_queryset(self):
        return counts.themes_with_counts()

    def read(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


class CellList(PublicData, generics.ListAPIView):
    """Every cell, active ones first, with its published notes counted."""

    serializer_class = CellSerializer
    pagination_class = None

    def get_queryset(self):
        return Cell.objects.for_listing()

    def read(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


class CellNoteList(PublicData, generics.ListAPIView):
    """A cell's published notes, newest meeting first, with the sightings each discussed."""

    serializer_class = CellNoteSerializer
    pagination_class = None

    def get_queryset(self):
        cell = get_object_or_404(Cell, slug=self.kwargs["slug"])
        return (
            cell.notes.published()
            .newest_first()
            .prefetch_related(_published_discussions("published_readings"))
        )

    def read(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


def _published_discussions(to_attr):
    return Prefetch(
        "discussed",
        queryset=DiscussedSighting.objects.filter(
            sighting__status=Sighting.Status.PUBLISHED
        ).order_by("sighting_id"),
        to_attr=to_attr,
    )


class PlaceList(PublicData, generics.ListAPIView):
    """Every place with a published sighting, by name, with its counts and coordinates."""

    serializer_class = PlaceSerializer
    pagination_class = None

    def get_queryset(self):
        _chosen, found = place_profiles.sorted_places(place_profiles.places_with_counts(), "name")
        return found

    def get_serializer_context(self):
        shifts = Shift.objects.order_by("position").values_list("slug", flat=True)
        return super().get_serializer_context() | {"shift_slugs": list(shifts)}

    def read(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


@extend_schema_view(get=extend_schema(parameters=SLUG_LISTS))
class InsightList(PublicData, generics.ListAPIView):
    """The numbers behind each chart of /insights/, for the sightings the filters pick."""

    serializer_class = InsightSerializer
    pagination_class = None
    filter_backends = [SightingFilterBackend]
    filterset_class = SightingFilter

    def get_queryset(self):
        return Sighting.objects.published()

    def list(self, request, *args, **kwargs):
        sighting_filter = SightingFilterBackend().get_filterset(request, self.get_queryset(), self)
        if not sighting_filter.is_valid():
            raise ValidationError(sighting_filter.errors)
        charts = insights.insights_for(sighting_filter)
        return Response(self.get_serializer(charts, many=True).data)

    def read(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


def api_index(request):
    """The human page: what the API offers, with examples to copy."""
    base = request.build_absolute_uri(reverse("api:sightings"))
    return render(
        request,
        "api/api_index.html",
        {
            "sightings_url": base,
            "example_url": f"{base}?shift=me-to-we&theme=loneliness&sort=newest",
            "search_url": f"{base}?q=mutual+aid&setting=neighbourhood-and-community",
            "slipping_back_url": f"{base}?direction=back&place_ref=swansea",
            "openapi_url": request.build_absolute_uri(reverse("api:openapi")),
            "embed_url": request.build_absolute_uri(reverse("embed-sightings")),
            "filters": _filter_descriptions(),
            "rate": settings.API_RATE,
            "page_size": settings.API_PAGE_SIZE,
            "max_page_size": settings.API_MAX_PAGE_SIZE,
            "licence": export.LICENCE,
            "licence_url": export.LICENCE_URL,
            "attribution": export.ATTRIBUTION,
            "cache_control": freshness.CACHE_CONTROL,
        },
    )


def _filter_descriptions():
    meanings = {
        "q": _("Full-text search over title, summary, story, place and themes."),
        "shift": _("A shift's slug; repeat it for any of several."),
        "theme": _("A theme's slug; repeat it for any of several."),
        "setting": _("A setting code, as on the open data page."),
        "connection": _("A connection code: who was brought together."),
        "place": _("Sightings whose place, as its author typed it, contains this text."),
        "place_ref": _("A place's slug (see /api/places/): only the sightings matched to it."),
        "direction": _("forward (moving forward) or back (slipping back)."),
        "lasting": _("1 for only the sightings whose newest follow-up says the shift lasts."),
        "from": _("Seen on or after this day (YYYY-MM-DD)."),
        "to": _("Seen on or before this day (YYYY-MM-DD)."),
        "sort": _("newest (the default), oldest, or relevance when searching."),
    }
    return [
        {"name": name, "label": flt.label, "meaning": meanings.get(name, flt.label)}
        for name, flt in SightingFilter.base_filters.items()
    ]


@require_safe
@xframe_options_exempt
# The one page any site may frame: it runs no script and changes nothing.
@csp_replace({"frame-ancestors": ["*"], "script-src": [NONE]})
def embed_sightings(request):
    """The newest published sightings for one filter, small enough for a partner's iframe."""
    sighting_filter = SightingFilter(request.GET or None, queryset=Sighting.objects.published())
    ids = list(sighting_filter.qs.values_list("pk", flat=True)[:EMBED_SIZE])
    found = Sighting.objects.for_cards().in_bulk(ids)
    response = render(
        request,
        "api/embed_sightings.html",
        {
            "sightings": [found[pk] for pk in ids if pk in found],
            "list_url": f"{reverse('sightings:list')}{shareable_query(request)}",
        },
    )
    response["Cache-Control"] = freshness.CACHE_CONTROL
    return response


def not_found(request, rest=""):
    """Any other address under /api/ answers in JSON, as the rest of the API does."""
    if not request.path.endswith("/") and _is_api_address(f"{request.path}/"):
        return redirect(f"{request.path}/", permanent=True)
    return JsonResponse({"detail": "There is nothing at this address."}, status=404)


def _is_api_address(path):
    try:
        return resolve(path).url_name != "not-found"
    except Resolver404:
        return False
