"""Whole pages kept for visitors until what is published changes.

Every visitor who is not signed in sees the same page for the same address, so the
rendered page is kept in the cache and read back in one query (docs/performance.md).
Entries carry the generation of what is published (core/generation.py), so any change
to it is shown at once.

Signed-in people, and visitors with something in their session or a message waiting,
always get a freshly rendered page: theirs differs from everyone else's. Everyone else
gets the kept page, even when asking for a fresh copy (Cache-Control: no-cache): the
kept page is already as fresh as what is published, and otherwise anyone could make
the site render every page for every request.

A page is kept under its path and the query parameters the view names as its own
(`params`), sorted and without empty values, so that `?b=2&a=1&c=` and `?a=1&b=2`
share one entry. Other parameters do not count: `?a=1&utm_source=x` is served the page
kept for `?a=1`, or, when there is none yet, rendered and not kept, so made-up
parameters can neither fill the cache nor have every request rendered afresh. Entries
live in their own cache
(settings.ENTRIES_CACHE), apart from the generation, with the headers the view set
(X-Robots-Tag, Last-Modified) as well as its content.

Django's cache_page does not serve here: its entries only expire with time, so a page
would go on showing what was withdrawn; it marks responses with max-age and Expires,
so browsers would keep stale copies too; and it keeps a copy per cookie rather than
skipping signed-in people.
"""

import hashlib
import zlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse

from core import generation

TIMEOUT = 10 * 60
FORMAT = 3


def for_visitors(view=None, *, params=()):
    """Keep the view's pages for visitors; `params` are the query parameters it reads."""
    if view is None:
        return lambda view: for_visitors(view, params=params)
    known = frozenset(params)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _same_for_every_visitor(request):
            return view(request, *args, **kwargs)
        key, only_known = _key(request, known)
        current = generation.generation()
        if current is None:
            # No generation to tell a fresh entry by: the cache is down.
            return view(request, *args, **kwargs)
        entry = generation.entries().get(key)
        if entry is not None and entry[0] == current:
            return _response(*entry[1:])
        response = view(request, *args, **kwargs)
        if not only_known:
            # Rendered with parameters the view does not read, which may still show in
            # its links: served, never kept for the address without them.
            return response
        if hasattr(response, "render"):
            # A TemplateResponse, such as the sitemap's, renders only on its way out.
            response.render()
        if _may_keep(request, response):
            # Compressed, a page is a fifth of the size: quicker to write and read
            # through the database cache, which stores it as base64 text.
            compressed = zlib.compress(response.content, 1)
            headers = dict(response.headers.items())
            generation.entries().set(key, (current, compressed, headers), TIMEOUT)
        return response

    return wrapper


def _response(compressed, headers):
    response = HttpResponse(zlib.decompress(compressed))
    for name, value in headers.items():
        response[name] = value
    return response


def _same_for_every_visitor(request):
    # Reading whether someone is signed in loads their session, so asking whether it
    # holds anything costs nothing more; a made-up session cookie holds nothing.
    return (
        request.method in {"GET", "HEAD"}
        and not _has_messages(request)
        and not request.user.is_authenticated
        and not (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and hasattr(request, "session")
            and list(request.session.keys())
        )
    )


def _has_messages(request):
    # Counting them reads the cookie without marking them shown; a made-up cookie,
    # with no valid signature, holds none.
    return "messages" in request.COOKIES and len(messages.get_messages(request)) > 0


def _may_keep(request, response):
    # A page that set a cookie or used a CSRF token belongs to one visitor only.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
    )


def _key(request, known):
    """The entry's key, from the path and the known parameters, and whether all were known."""
    query = request.GET
    chosen = [
        (name, value)
        for name in sorted(query)
        if name in known
        for value in sorted(set(query.getlist(name)))
        if value != ""
    ]
    # The version changes whenever the shape of an entry does, so that a new release
    # never reads what an older one stored.
    address = f"{request.get_host()}{request.path}?{urlencode(chosen)}"
    key = f"page:{FORMAT}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"
    return key, all(name in known for name in query)
