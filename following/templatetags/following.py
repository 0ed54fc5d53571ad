from django import template

from following import targets

register = template.Library()


@register.inclusion_tag("following/_follow_button.html", takes_context=True)
def follow_button(context, kind, target):
    """Follow (or stop following) a shift, theme, place or cell, from its own page."""
    request = context["request"]
    return _button(request, kind, target, slug=target.slug)


@register.inclusion_tag("following/_follow_button.html", takes_context=True)
def follow_search_button(context):
    """Follow the sightings list's current filters as a saved search."""
    request = context["request"]
    query = targets.saved_search(request.GET.urlencode())
    if not query:
        return {"hidden": True}
    return _button(request, "search", query, query=query)


def _button(request, kind, target, *, slug="", query=""):
    user = request.user
    current = targets.follow_for(user, kind, target) if user.is_authenticated else None
    return {
        "user": user,
        "kind": kind,
        "slug": slug,
        "query": query,
        "following": current,
        "next": request.get_full_path(),
        "request": request,
    }
