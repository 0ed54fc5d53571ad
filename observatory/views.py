from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from cells.models import CellNote
from core import page_cache
from sightings import counts
from sightings.models import Sighting

HOME_SIGHTINGS = 6
HOME_NOTES = 3
HOME_THEMES = 12


@page_cache.for_visitors
def home(request):
    return render(
        request,
        "home.html",
        {
            "shifts": counts.shifts_with_counts(),
            "sightings": Sighting.objects.published().newest_first().for_cards()[:HOME_SIGHTINGS],
            "notes": CellNote.objects.published()
            .select_related("cell")
            .order_by("-published_at", "-pk")[:HOME_NOTES],
            "themes": counts.most_used_themes(HOME_THEMES),
        },
    )


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /me/",
        "Disallow: /review/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    # Django's own page is unstyled and speaks of tokens; the reason stays in the logs.
    return render(request, "403_csrf.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponseServerError(loader.render_to_string("500.html"))
