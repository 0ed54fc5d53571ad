"""The filters of the sighting list, read from the query string.

The same FilterSet serves the list, the shift and theme pages, the feed and the
open-data exports, so a bookmark, a feed and a download of "me-to-we in Education"
all mean the same sightings. A value that is not understood is reported on the
form and ignored; it never breaks the page.
"""

import hashlib
from collections import Counter
from functools import cached_property

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet
from django.http import QueryDict
from django.utils import dateformat, translation
from django.utils.translation import gettext_lazy as _

from core.generation import cached
from sightings import search
from sightings.models import Place, Shift, Sighting, Theme


class LastingCheckbox(forms.CheckboxInput):
    """Reads "1", "on", "true" or "yes" as ticked; anything else leaves the filter off."""

    TICKED = {"1", "on", "true", "yes"}

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in self.TICKED


class KnownChoicesField(forms.MultipleChoiceField):
    """Keeps the values it knows and drops the rest, so one stale slug spoils nothing."""

    def clean(self, value):
        known = {str(choice) for choice, _label in self.choices}
        return super().clean([item for item in value or [] if item in known])


class KnownChoicesFilter(django_filters.MultipleChoiceFilter):
    field_class = KnownChoicesField


class SightingFilterForm(forms.Form):
    def clean_place_ref(self):
        """The Place at the address given (or at its old address), in place of the slug."""
        slug = (self.cleaned_data.get("place_ref") or "").strip()
        if not slug:
            return None
        place = Place.objects.by_slug(slug) if len(slug) <= 140 else None
        if place is None:
            raise forms.ValidationError(_("There is no place at that address, so it was left out."))
        return place

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("from"), cleaned_data.get("to")
        if start and end and start > end:
            self.add_error("to", _("This date comes before the “from” date, so it was left out."))
        return cleaned_data


# The filter's words for each direction: short, as they read in a chip or a select.
DIRECTIONS = [
    (Sighting.Direction.FORWARD.value, _("Moving forward")),
    (Sighting.Direction.BACK.value, _("Slipping back")),
]


class SightingFilter(django_filters.FilterSet):
    SORTS = [
        ("newest", _("Newest seen first")),
        ("oldest", _("Oldest seen first")),
        ("relevance", _("Best match")),
        ("most-seen", _("Most seen elsewhere")),
    ]

    q = django_filters.CharFilter(label=_("Search"), method="filter_nothing")
    shift = KnownChoicesFilter(
        label=_("Shift"), method="filter_shift", widget=forms.CheckboxSelectMultiple
    )
    theme = KnownChoicesFilter(
        label=_("Theme"), method="filter_theme", widget=forms.MultipleHiddenInput
    )
    setting = django_filters.ChoiceFilter(label=_("Setting"), choices=Sighting.Setting.choices)
    connection = django_filters.ChoiceFilter(
        label=_("Who was brought together"), choices=Sighting.Connection.choices
    )
    direction = django_filters.ChoiceFilter(
        label=_("Which way"), choices=DIRECTIONS, method="filter_direction"
    )
    place = django_filters.CharFilter(label=_("Place"), lookup_expr="icontains")
    place_ref = django_filters.CharFilter(label=_("Place on the map"), method="filter_place_ref")
    lasting = django_filters.BooleanFilter(
        label=_("Only lasting shifts"), method="filter_lasting", widget=LastingCheckbox
    )
    sort = django_filters.ChoiceFilter(label=_("Sort"), choices=SORTS, method="filter_nothing")

    class Meta:
        model = Sighting
        fields = []
        form = SightingFilterForm

    def __init__(self, data=None, *args, fixed=(), **kwargs):
        """`fixed` names filters the page itself decides (the shift on a shift's page)."""
        super().__init__(data, *args, **kwargs)
        for name in fixed:
            del self.filters[name]
        self.shifts = []
        if "shift" in self.filters:
            self.shifts = list(Shift.objects.only("pk", "slug", "name", "position"))
            self.filters["shift"].extra["choices"] = [
                (shift.slug, shift.translated_name) for shift in self.shifts
            ]
        if "theme" in self.filters:
            self.filters["theme"].extra["choices"] = self._theme_choices(data)

    @staticmethod
    def _theme_choices(data):
        # Only the themes asked for are looked up, so the form never loads all of them.
        slugs = [slug for slug in data.getlist("theme") if slug] if data is not None else []
        if not slugs:
            return []
        return list(Theme.objects.filter(slug__in=slugs).values_list("slug", "name"))

    def filter_nothing(self, queryset, name, value):
        # Search and sort apply last, to the result of every other filter: see qs.
        return queryset

    def filter_shift(self, queryset, name, value: list[str]):
        return queryset.showing(*(shift for shift in self.shifts if shift.slug in value))

    def filter_theme(self, queryset, name, value: list[str]):
        return queryset.with_theme(*value)

    def filter_direction(self, queryset, name, value):
        return queryset.moving(value)

    def filter_place_ref(self, queryset, name, value):
        return queryset.at(value) if value else queryset

    def filter_lasting(self, queryset, name, value):
        return queryset.lasting() if value else queryset

    @cached_property
    def results(self):
        """Every filter and the search applied, in no order: what counts and facets read."""
        queryset = super().qs
        if self.search_text:
            queryset = search.matching(queryset, self.search_text)
        return queryset.order_by()

    @cached_property
    def qs(self):
        return self._sorted(self.results, self.search_text)

    def _sorted(self, queryset, text):
        sort = self.chosen_sort
        if sort == "relevance" and text:
            return search.by_relevance(queryset, text)
        # Newest and oldest by when it was seen, the date every card shows.
        if sort == "oldest":
            return queryset.order_by("date_observed", "published_at", "pk")
        if sort == "most-seen":
            return queryset.most_seen_first()
        return queryset.order_by("-date_observed", "-published_at", "-pk")

    def _clean(self, name):
        if not self.is_bound or name not in self.filters:
            return None
        self.form.is_valid()  # fills cleaned_data with the values that are valid
        return self.form.cleaned_data.get(name)

    @cached_property
    def search_text(self):
        return (self._clean("q") or "").strip()

    @cached_property
    def chosen_sort(self):
        chosen = self._clean("sort")
        if chosen:
            return chosen
        return "relevance" if self.search_text else "newest"

    @property
    def is_search(self):
        return bool(self.search_text)

    def selected(self, name):
        """The known values chosen for a multiple-choice filter, unknown ones dropped."""
        if not self.is_bound or name not in self.filters:
            return []
        known = dict(self.filters[name].extra["choices"])
        return [value for value in self.data.getlist(name) if value in known]

    def active_filters(self):
        """Each chosen filter value as a chip a reader can remove."""
        chips = []
        if not self.is_bound:
            return chips
        self.form.is_valid()
        cleaned = self.form.cleaned_data
        for name in ("shift", "theme"):
            if name in self.filters:
                labels = dict(self.filters[name].extra["choices"])
                chips += [
                    _chip(
                        name,
                        value,
                        _("%(filter)s: %(value)s")
                        % {"filter": self.filters[name].label, "value": labels[value]},
                    )
                    for value in self.selected(name)
                ]
        for name in ("setting", "connection", "direction"):
            if cleaned.get(name):
                label = dict(self.filters[name].extra["choices"])[cleaned[name]]
                chips.append(
                    _chip(
                        name,
                        None,
                        _("%(filter)s: %(value)s")
                        % {"filter": self.filters[name].label, "value": label},
                    )
                )
        if cleaned.get("place_ref"):
            chips.append(
                _chip(
                    "place_ref", None, _("Place: %(place)s") % {"place": cleaned["place_ref"].name}
                )
            )
        if cleaned.get("place"):
            chips.append(
                _chip("place", None, _("Place contains “%(words)s”") % {"words": cleaned["place"]})
            )
        if cleaned.get("from"):
            chips.append(
                _chip("from", None, _("Seen from %(date)s") % {"date": _day(cleaned["from"])})
            )
        if cleaned.get("to"):
            chips.append(
                _chip("to", None, _("Seen up to %(date)s") % {"date": _day(cleaned["to"])})
            )
        if cleaned.get("lasting"):
            chips.append(_chip("lasting", None, str(_("Only lasting shifts"))))
        if self.search_text:
            chips.append(_chip("q", None, _("Search: “%(words)s”") % {"words": self.search_text}))
        return chips


def _day(value):
    return dateformat.format(value, "j F Y")


def _chip(key, value, label):
    return {"key": key, "value": value, "label": label}


# "from" and "to" are the addresses' own words, but "from" is a Python keyword, so
# these two filters are added by name rather than declared in the class body.
SightingFilter.base_filters["from"] = django_filters.DateFilter(
    field_name="date_observed", lookup_expr="gte", label=_("Seen from")
)
SightingFilter.base_filters["to"] = django_filters.DateFilter(
    field_name="date_observed", lookup_expr="lte", label=_("Seen up to")
)


def shareable_query(request, fixed=None):
    """The filters in the address, for a feed or a download: no page, no sort.

    `fixed` adds the filters a page decides itself, such as the shift of its page.
    """
    query = request.GET.copy()
    for name in ("page", "sort"):
        query.pop(name, None)
    for name in list(query):
        # The filter form sends its empty fields too; they mean nothing in a feed address.
        query.setlist(name, [value for value in query.getlist(name) if value])
        if not query.getlist(name):
            del query[name]
    for name, value in (fixed or {}).items():
        query.setlist(name, [value])
    return f"?{query.urlencode()}" if query else ""


# Counting every match of a broad filter reads most of the table, and the cost grows
# with the Observatory (docs/performance.md). So the results are counted only as far as
# the newest COUNT_LIMIT: up to that the total and the facets are exact; beyond it the
# page says "more than 1,000" and that the facets count the newest 1,000. Both are
# kept, keyed by the exact query they count and by the generation of what is published
# (core/generation.py), so a change shows at once.
COUNT_LIMIT = 1_000


def facet_counts(sighting_filter):
    """How many of the current results show each shift and each setting, and the total.

    All are counted among the newest COUNT_LIMIT results: `capped` says when there are
    more, and `sample` is then that number (None when the counts cover every result).
    `newest` is their ids, newest seen first.
    """
    results = sighting_filter.results
    shifts = sighting_filter.shifts
    try:
        sql, params = results.query.sql_with_params()
    except EmptyResultSet:
        # A search of nothing but operators matches nothing: zeros, from no query.
        return _facets(Counter(), {}, shifts) | {"capped": False, "sample": None, "newest": []}
    # The facets carry the shifts' and settings' names, so each language keeps its own.
    language = translation.get_language()
    key = (
        "facets:5:"
        + hashlib.sha256(
            f"{language}{sql}{params!r}{[shift.slug for shift in shifts]!r}".encode()
        ).hexdigest()
    )
    return cached({key: lambda: _bounded_facets(results, shifts)})[key]


def _bounded_facets(results, shifts):
    """The ids of the newest COUNT_LIMIT results, in the list's order, and their facets.

    One query reads COUNT_LIMIT + 1 ids with their settings and shifts (the newest-seen
    indexes carry both, so no row is visited; the extra id only says there are more).
    The list's numbered pages are then cut from the ids.
    """
    newest = results.newest_seen_first().values_list("pk", "setting", "shift_mask")
    found = list(newest[: COUNT_LIMIT + 1])
    capped = len(found) > COUNT_LIMIT
    counted = found[:COUNT_LIMIT]
    ids = [pk for pk, _setting, _mask in counted]
    settings = Counter(setting for _pk, setting, _mask in counted)
    masks = Counter(mask for _pk, _setting, mask in counted)
    return _facets(settings, _shift_counts(masks, shifts), shifts) | {
        "capped": capped,
        "sample": COUNT_LIMIT if capped else None,
        "newest": ids,
    }


def _shift_counts(masks, shifts):
    """How many sightings show each shift, by the shift's id, from a Counter of their
    shift masks."""
    return {
        shift.pk: sum(count for mask, count in masks.items() if mask & shift.bit)
        for shift in shifts
    }


def _facets(settings, shift_counts, shifts):
    """The counts beside the filters, from the sightings' settings and shift counts."""
    return {
        "total": settings.total(),
        "shifts": [
            {
                "slug": shift.slug,
                "name": shift.translated_name,
                "count": shift_counts.get(shift.pk, 0),
            }
            for shift in shifts
        ],
        "settings": [
            {"value": value, "label": label, "count": settings[value]}
            for value, label in Sighting.Setting.choices
        ],
    }


def saved_search_results(query, queryset):
    """What a followed search (a list query string) finds among `queryset`.

    Stricter than the list, which ignores a value it does not understand: a saved search
    with a theme that no longer exists finds nothing rather than everything.
    """
    data = QueryDict(query)
    found = SightingFilter(data, queryset=queryset)
    if not found.form.is_valid():
        return queryset.none()
    for name in ("shift", "theme"):
        asked = {value for value in data.getlist(name) if value}
        if len(asked) != len(set(found.selected(name))):
            return queryset.none()
    return found.qs
