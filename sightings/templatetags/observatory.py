from django import template

from accounts.roles import public_name as _public_name

register = template.Library()


@register.filter
def public_name(user):
    return _public_name(user)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced; None removes one."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}" if query else "?"


@register.simple_tag(takes_context=True)
def query_without(context, key, value=None):
    """The current query string without one filter value (a removable chip)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if value is None:
        query.pop(key, None)
    else:
        query.setlist(key, [v for v in query.getlist(key) if v != str(value)])
    return f"?{query.urlencode()}" if query else "?"
