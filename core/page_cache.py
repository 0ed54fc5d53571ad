"""Whole pages kept for visitors until what is published changes.

Every visitor who is not signed in sees the same page for the same address, so the
rendered page is kept in the cache and read back in one query (docs/performance.md).
Entries carry the generation of what is published (core/generation.py), so any change
to it is shown at once.

Signed-in people, and visitors with a session or a message waiting, always get a
freshly rendered page: theirs differs from everyone else's. A request that asks for a
fresh copy (Cache-Control: no-cache, as a browser's hard reload sends) is rendered
again, and the new copy replaces the old.

Django's cache_page does not serve here: its entries only expire with time, so a page
would go on showing what was withdrawn; it marks responses with max-age and Expires,
so browsers would keep stale copies too; it keeps a copy per cookie rather than
skipping signed-in people; and it ignores a request's Cache-Control: no-cache.
"""

import hashlib
import zlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from core import generation

TIMEOUT = 10 * 60
FORMAT = 2


def for_visitors(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _same_for_every_visitor(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        found = cache.get_many([generation.GENERATION_KEY, key])
        current = found.get(generation.GENERATION_KEY) or generation.generation()
        entry = found.get(key)
        if entry is not None and entry[0] == current and not _wants_fresh_copy(request):
            _generation, compressed, content_type = entry
            return HttpResponse(zlib.decompress(compressed), content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            # A TemplateResponse, such as the sitemap's, renders only on its way out.
            response.render()
        if _may_keep(request, response):
            # Compressed, a page is a fifth of the size: quicker to write and read
            # through the database cache, which stores it as base64 text.
            compressed = zlib.compress(response.content, 1)
            cache.set(key, (current, compressed, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper


def _same_for_every_visitor(request):
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def _wants_fresh_copy(request):
    return "no-cache" in request.headers.get("Cache-Control", "")


def _may_keep(request, response):
    # A page that set a cookie or used a CSRF token belongs to one visitor only.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
    )


def _key(request):
    # The version changes whenever the shape of an entry does, so that a new release
    # never reads what an older one stored.
    address = f"{request.get_host()}{request.get_full_path()}"
    return f"page:{FORMAT}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"
