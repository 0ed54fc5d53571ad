import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django_ratelimit.core import get_usage

from cells.models import CellNote
from core import page_cache
from sightings import counts
from sightings.models import Sighting

HOME_SIGHTINGS = 6
HOME_NOTES = 3
HOME_THEMES = 12
# How long a client is asked to wait while the database cannot be reached.
OUTAGE_RETRY_AFTER = 30


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
        response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        response["Retry-After"] = OUTAGE_RETRY_AFTER
        return response
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


def rate_limited(request, exception=None):
    """django-ratelimit's refusal (RATELIMIT_VIEW), saying when to come back."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = _seconds_until_allowed(request)
    return response


def _seconds_until_allowed(request):
    # The rate callable leaves the group and rate on the request (accounts.views.rate);
    # without them, a minute is a polite guess.
    group, rate = getattr(request, "rate_limit", (None, None))
    if group is None:
        return 60
    usage = get_usage(request, group=group, key="ip", rate=rate, method=request.method)
    return max(1, usage["time_left"]) if usage else 60


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
    # Django calls this while the exception is being handled, so it can be read here,
    # whichever layer raised it: the view, the session or the page cache.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable()
    return HttpResponseServerError(loader.render_to_string("500.html"))


def database_unavailable():
    """The database cannot be reached: an outage, not a fault, and it will pass by itself.

    Django closes a connection that failed at the end of the request and opens a new one
    for the next, so nothing needs restarting once the database is back.
    """
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = OUTAGE_RETRY_AFTER
    return response
