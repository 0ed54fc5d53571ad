"""The address of the person at the other end, as the proxies in front of the site saw it.

Every rate limit and sign-in lock-out counts by this address: django-ratelimit through
RATELIMIT_IP_META_KEY and django-axes through AXES_CLIENT_IP_CALLABLE. Behind
`settings.PROXY_COUNT` proxies (DJANGO_PROXY_COUNT), each proxy appends to
X-Forwarded-For the address its connection came from, so the client's is the entry that
many places from the end; anything before it was written by the client and is not
believed. With no proxy in front, X-Forwarded-For is ignored altogether: anyone can
send one.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    connected = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if not proxies:
        return connected
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    # Fewer entries than proxies: the request did not come through all of them.
    if len(forwarded) < proxies:
        return connected
    return _valid(forwarded[-proxies]) or connected


def _valid(text):
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return ""
