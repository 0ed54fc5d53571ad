"""The filters of the sighting list, read from the query string."""

import django_filters
from django import forms

from sightings.models import Shift, Sighting, Theme


class SightingFilter(django_filters.FilterSet):
    shift = django_filters.MultipleChoiceFilter(
        label="Shift",
        method="filter_shift",
        widget=forms.CheckboxSelectMultiple,
    )
    theme = django_filters.MultipleChoiceFilter(
        label="Theme",
        method="filter_theme",
        widget=forms.MultipleHiddenInput,
    )

    class Meta:
        model = Sighting
        fields = ["shift", "theme"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.shifts = list(Shift.objects.all())
        self.filters["shift"].extra["choices"] = [(shift.slug, shift.name) for shift in self.shifts]
        themes = self._chosen_themes(data)
        self.filters["theme"].extra["choices"] = [(theme.slug, theme.name) for theme in themes]
        # Filtering by id, not slug, lets the database plan from its statistics.
        self.ids = {
            "shift": {shift.slug: shift.pk for shift in self.shifts},
            "theme": {theme.slug: theme.pk for theme in themes},
        }

    @staticmethod
    def _chosen_themes(data):
        # Only the themes asked for are looked up, so the form never loads all of them.
        slugs = data.getlist("theme") if data is not None else []
        return list(Theme.objects.filter(slug__in=slugs).only("pk", "slug", "name"))

    def filter_shift(self, queryset, name, value):
        return queryset.with_shift_ids(*(self.ids["shift"][slug] for slug in value))

    def filter_theme(self, queryset, name, value):
        return queryset.with_theme_ids(*(self.ids["theme"][slug] for slug in value))

    def selected(self, name):
        """The known values chosen for a multiple-choice filter, unknown ones dropped."""
        if not self.is_bound:
            return []
        known = dict(self.filters[name].extra["choices"])
        return [value for value in self.data.getlist(name) if value in known]

    def active_filters(self):
        """Each chosen filter value as a chip a reader can remove."""
        chips = []
        for name in ("shift", "theme"):
            labels = dict(self.filters[name].extra["choices"])
            label = self.filters[name].label
            chips += [
                {"key": name, "value": value, "label": f"{label}: {labels[value]}"}
                for value in self.selected(name)
            ]
        return chips
