"""ETag, Last-Modified and Cache-Control for the API's public data.

Every answer depends only on its address and on what is published, and what is
published has a generation that changes with it (core/generation.py). So the ETag
is the address and the generation, known from one cache read without running the
query, and a client that already holds the answer gets 304 Not Modified for free.
"""

import hashlib

from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from core.generation import generation

# Part of every ETag; changed whenever the shape of an answer does.
FORMAT = 1
# Public data, the same for everyone: any cache may keep it briefly, then revalidate.
CACHE_CONTROL = "public, max-age=60"


def version_of(request):
    """The ETag and the Last-Modified timestamp (in seconds) of the answer to `request`."""
    if not hasattr(request, "_public_version"):
        request._public_version = _version(request)
    return request._public_version


def _version(request):
    current = generation()
    address = f"{FORMAT}:{current}:{request.get_full_path()}"
    etag = f'"{hashlib.sha256(address.encode()).hexdigest()[:32]}"'
    return etag, int(current // 1_000_000_000)


def unchanged_response(request):
    """A 304 (or 412) when the client's copy is current; None when it needs the answer."""
    etag, modified = version_of(request)
    return get_conditional_response(request, etag=etag, last_modified=modified)


def mark(request, response):
    """Add the validators and the caching rule to a successful answer."""
    if request.method in {"GET", "HEAD"} and response.status_code in {200, 304}:
        etag, modified = version_of(request)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        response["Cache-Control"] = CACHE_CONTROL
    return response
