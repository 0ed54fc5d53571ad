"""What may be followed, found from what a Follow button sends: a kind and a slug, or a
search of the sightings list."""

from django.http import Http404, QueryDict

from accounts.models import Follow
from cells.models import Cell
from sightings.filters import SightingFilter
from sightings.models import Place, Shift, Theme

MODELS = {"shift": Shift, "theme": Theme, "place": Place, "cell": Cell}
KINDS = [*MODELS, "search"]
# The list's parameters that choose sightings; paging and sorting choose nothing.
NOT_FILTERS = {"page", "sort"}


def find(kind, slug):
    """The followed object of this kind with this slug; 404 for anything unknown."""
    model = MODELS.get(kind)
    found = model.objects.filter(slug=slug).first() if model and slug else None
    if found is None:
        raise Http404("There is nothing to follow at that address.")
    return found


def saved_search(query_string):
    """The list's filters from a query string, in a fixed order; "" if it filters nothing."""
    params = QueryDict(query_string or "", mutable=True)
    known = set(SightingFilter.base_filters) - NOT_FILTERS
    kept = QueryDict(mutable=True)
    for name in sorted(params):
        values = sorted({value.strip() for value in params.getlist(name) if value.strip()})
        if name in known and values:
            kept.setlist(name, values)
    return kept.urlencode()[: Follow._meta.get_field("query").max_length]


def follow_for(user, kind, target):
    """The person's follow of this target, if they have one."""
    follows = Follow.objects.filter(user=user)
    if kind == "search":
        return follows.filter(query=target).first()
    return follows.filter(**{kind: target}).first()


def target_fields(kind, target):
    return {"query": target} if kind == "search" else {kind: target}
