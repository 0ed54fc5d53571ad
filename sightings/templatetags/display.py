"""Filters that turn what is stored into what a page shows: names, links and repeats."""

from urllib.parse import urlsplit

from django import template

from accounts.names import pseudonymous_name as _pseudonymous_name
from accounts.names import public_name as _public_name

register = template.Library()


@register.filter
def public_name(user):
    return _public_name(user)


@register.filter
def pseudonymous_name(user):
    return _pseudonymous_name(user)


@register.filter
def times(count):
    """range() for templates: `{% for _ in 3|times %}` repeats a block three times."""
    return range(int(count))


@register.simple_tag(takes_context=True)
def query_without(context, key, value=None):
    """The current query string without one filter value (a removable chip), from page 1.

    Django's {% querystring %} removes or replaces a whole parameter named in the
    template; a chip removes one of several values (one theme of three) under a name
    the chip carries, which it cannot.
    """
    query = context["request"].GET.copy()
    query.pop("page", None)
    if value is None:
        query.pop(key, None)
    else:
        query.setlist(key, [v for v in query.getlist(key) if v != str(value)])
    return f"?{query.urlencode()}" if query else "?"


@register.filter
def web_address(url):
    """The address if it is http or https, else "": a stored `javascript:` link never
    becomes a live one, even if it got past the form (an import, the shell)."""
    scheme = urlsplit(url or "").scheme.lower()
    return url if scheme in {"http", "https"} else ""
