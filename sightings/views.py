import csv

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core import page_cache
from sightings import authoring, counts, echoes, export, importing, paging, search
from sightings.filters import COUNT_LIMIT, SightingFilter, facet_counts, shareable_query
from sightings.forms import SightingForm
from sightings.insights import ENOUGH_AT_A_PLACE, insights_for
from sightings.models import FollowUp, Shift, Sighting, Theme, ThemeAlias

# The most used themes offered in the filter form; any other is reached from /themes/.
THEMES_TO_CHOOSE = 40


class CountedPaginator(Paginator):
    """A paginator told its count, which was computed with the facets.

    A page is found by reading only the ids, which an index holds, and then the
    twenty rows they name by primary key alone: page 500 skips 10,000 index
    entries, not 10,000 rows, and the filters and search are not run a second time.
    The count stops at COUNT_LIMIT, so page numbers do too; further on, a list goes
    on from where its last page ended (PageAfter). Sorted newest first, as the facets
    were counted, a page's ids are cut from the ids the facets read (`newest`).
    """

    def __init__(self, object_list, per_page, count, newest=None):
        super().__init__(object_list, per_page)
        self.count = count
        self.newest = newest

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if self.newest is not None:
            ids = self.newest[bottom : bottom + self.per_page]
        else:
            ids = list(
                self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page]
            )
        return self._get_page(_cards(ids), number, self)


def _cards(ids):
    by_id = Sighting.objects.for_cards().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


class PageAfter:
    """A page beyond the numbered ones, read from where the one before it ended."""

    number = None

    def __init__(self, object_list, paginator, has_more):
        self.object_list = object_list
        self.paginator = paginator
        self.has_more = has_more

    def has_other_pages(self):
        # The numbered navigation is not shown; the links onward and back to the start are.
        return False


# The orders a list can be read onward in, beyond its numbered pages: newest or oldest
# seen first (paging.KEYSET_FIELDS, descending or not).
KEYSET_SORTS = {"newest": True, "oldest": False}


def _page(request, sighting_filter, paginator):
    descending = KEYSET_SORTS.get(sighting_filter.chosen_sort)
    after = paging.decode(request.GET.get("after")) if descending is not None else None
    if after is None:
        return paginator.get_page(request.GET.get("page"))
    ids, has_more = paging.page_after(
        sighting_filter.qs, after, descending, settings.SIGHTINGS_PER_PAGE
    )
    return PageAfter(_cards(ids), paginator, has_more)


def _onward_url(request, sighting_filter, page, facets):
    """The address of the page after the last numbered one, or after a PageAfter."""
    if sighting_filter.chosen_sort not in KEYSET_SORTS or not page.object_list:
        return None
    if isinstance(page, PageAfter):
        more = page.has_more
    else:
        more = facets["capped"] and not page.has_next()
    cursor = paging.encode(page.object_list[-1]) if more else None
    if cursor is None:
        return None
    query = request.GET.copy()
    query.pop("page", None)
    query["after"] = cursor
    return f"?{query.urlencode()}"


def _first_page_url(request):
    query = request.GET.copy()
    for name in ("page", "after"):
        query.pop(name, None)
    return f"?{query.urlencode()}"


def filtered_list_context(request, queryset, *, fixed=(), fixed_query=None):
    """Filter, search, count, facet and page a set of published sightings.

    `fixed` names the filters the page decides itself, and `fixed_query` the query
    string that says the same, so its feed and downloads keep it.
    """
    sighting_filter = SightingFilter(request.GET or None, queryset=queryset, fixed=fixed)
    facets = facet_counts(sighting_filter)
    paginator = CountedPaginator(
        sighting_filter.qs,
        settings.SIGHTINGS_PER_PAGE,
        facets["total"],
        newest=facets["newest"] if sighting_filter.chosen_sort == "newest" else None,
    )
    page = _page(request, sighting_filter, paginator)
    page.object_list = search.add_snippets(page.object_list, sighting_filter.search_text)
    query = shareable_query(request, fixed_query)
    return {
        "filter": sighting_filter,
        "page": page,
        "facets": facets,
        "onward_url": _onward_url(request, sighting_filter, page, facets),
        "first_page_url": _first_page_url(request) if isinstance(page, PageAfter) else None,
        "count_limit": COUNT_LIMIT,
        "selected_shifts": sighting_filter.selected("shift"),
        "selected_themes": sighting_filter.selected("theme"),
        "theme_choices": counts.most_used_themes(THEMES_TO_CHOOSE)
        if "theme" in sighting_filter.filters
        else [],
        "active_filters": sighting_filter.active_filters(),
        "search_capped": sighting_filter.is_search and facets["total"] >= search.SEARCH_LIMIT,
        "search_limit": search.SEARCH_LIMIT,
        "full_text_search": search.uses_full_text(),
        "feed_url": f"{reverse('sightings:feed')}{query}",
        "csv_url": f"{reverse('sightings:export-csv')}{query}",
        "json_url": f"{reverse('sightings:export-json')}{query}",
    }


# The query parameters a list page reads: its filters and the page number. Kept pages
# are keyed by these alone (core/page_cache.py).
LIST_PARAMETERS = [*SightingFilter.base_filters, "page", "after"]


@page_cache.for_visitors(params=LIST_PARAMETERS)
def sighting_list(request):
    context = filtered_list_context(request, Sighting.objects.published())
    return render(request, "sightings/sighting_list.html", context)


def filtered_for_export(request):
    sighting_filter = SightingFilter(request.GET or None, queryset=Sighting.objects.published())
    return sighting_filter.qs


@require_safe
def export_csv(request):
    lines = export.csv_lines(filtered_for_export(request), request.build_absolute_uri)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="observatory-sightings.csv"'
    response["Link"] = f'<{export.LICENCE_URL}>; rel="license"'
    return response


@require_safe
def export_json(request):
    source = request.build_absolute_uri()
    chunks = export.json_chunks(
        filtered_for_export(request), request.build_absolute_uri, source=source
    )
    response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="observatory-sightings.json"'
    response["Link"] = f'<{export.LICENCE_URL}>; rel="license"'
    return response


@require_safe
def import_template(request):
    """A file in the columns convenors import, with one example row to copy."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="observatory-import-template.csv"'
    csv.writer(response).writerows(importing.template_rows())
    return response


def open_data(request):
    return render(
        request,
        "sightings/open_data.html",
        {
            "columns": export.COLUMNS,
            "licence": export.LICENCE,
            "licence_url": export.LICENCE_URL,
            "attribution": export.ATTRIBUTION,
            "shifts": Shift.objects.all(),
            "settings": Sighting.Setting.choices,
            "connections": Sighting.Connection.choices,
            "directions": Sighting.Direction.choices,
            "outcomes": FollowUp.Outcome.choices,
            "import_columns": importing.read_columns(),
            "import_required": importing.required_columns(),
            "import_ignored": importing.ASSIGNED_COLUMNS,
            "import_max_rows": importing.MAX_ROWS,
            "import_max_bytes": importing.MAX_BYTES,
            "enough_at_a_place": ENOUGH_AT_A_PLACE,
        },
    )


def paper_form(request):
    """The sighting form on one sheet of A4, for people who are not online.

    Its questions come from the web form itself, so the two never drift apart; a
    convenor types a completed sheet in from the review pages.
    """
    form = SightingForm()
    return render(
        request,
        "sightings/sighting_paper.html",
        {
            "form": form,
            "settings": [choice for choice in form.fields["setting"].choices if choice[0]],
            "shifts": Shift.objects.all(),
        },
    )


def sighting_detail(request, slug):
    sighting = get_object_or_404(
        Sighting.objects.visible_to(request.user)
        .select_related("author__preferences", "place_ref")
        .prefetch_related("shifts"),
        slug=slug,
    )
    themes = sighting.themes_in_order
    return render(
        request,
        "sightings/sighting_detail.html",
        {
            "sighting": sighting,
            "themes": themes,
            "more_like_this": Sighting.objects.like(
                sighting, shifts=list(sighting.shifts.all()), themes=themes
            ).for_cards()
            if sighting.is_public
            else [],
            **follow_up_context(sighting, request.user),
            # A note stops showing a sighting once it is withdrawn, so the link back goes too.
            "discussed_in": sighting.discussions.in_published_notes()
            .select_related("note__cell")
            .order_by("-note__met_on", "-note__pk")
            if sighting.is_public
            else [],
            "may_follow_up": FollowUp.may_add(sighting, request.user),
            **authoring.detail_context(sighting, request.user),
            **echoes.echo_context(sighting, request.user),
        },
    )


def follow_up_context(sighting, user):
    follow_ups = list(sighting.follow_ups.visible_to(user).newest_first())
    newest = next((f for f in follow_ups if not f.is_hidden), None)
    return {
        "follow_ups": follow_ups,
        "newest_follow_up_id": newest.pk if newest else None,
        "may_moderate": FollowUp.may_moderate(user),
    }


def shift_list(request):
    return render(
        request,
        "sightings/shift_list.html",
        {"shifts": counts.shifts_with_counts()},
    )


@page_cache.for_visitors(params=LIST_PARAMETERS)
def shift_detail(request, slug):
    shift = get_object_or_404(Shift, slug=slug)
    context = filtered_list_context(
        request,
        Sighting.objects.published().showing(shift),
        fixed=["shift"],
        fixed_query={"shift": shift.slug},
    )
    return render(request, "sightings/shift_detail.html", {"shift": shift, **context})


# The theme index in pages, by name: thousands of themes on one page would be hundreds
# of kilobytes of HTML (docs/performance.md).
THEMES_PER_PAGE = 500


@page_cache.for_visitors(params=["page"])
def theme_list(request):
    number, themes, total = counts.themes_page(_page_number(request), THEMES_PER_PAGE)
    page = Paginator(range(total), THEMES_PER_PAGE).get_page(number)
    return render(
        request,
        "sightings/theme_list.html",
        {"page": page, "themes": themes},
    )


def _page_number(request):
    try:
        return int(request.GET.get("page") or 1)
    except ValueError:
        return 1


@page_cache.for_visitors(params=LIST_PARAMETERS)
def theme_detail(request, slug):
    theme = Theme.objects.filter(slug=slug).first()
    if theme is not None:
        theme.published_count = counts.published_count_of_theme(theme.slug)
    if not (theme and theme.published_count):
        # A renamed or merged theme's old address leads to the theme it became.
        alias = get_object_or_404(ThemeAlias.objects.select_related("theme"), slug=slug)
        return redirect(alias.theme, permanent=True)
    context = filtered_list_context(
        request,
        Sighting.objects.published().with_theme_ids(theme.pk),
        fixed=["theme"],
        fixed_query={"theme": theme.slug},
    )
    return render(request, "sightings/theme_detail.html", {"theme": theme, **context})


def insights(request):
    sighting_filter = SightingFilter(request.GET or None, queryset=Sighting.objects.published())
    query = shareable_query(request)
    return render(
        request,
        "sightings/insights.html",
        {
            "charts": insights_for(sighting_filter),
            "filter": sighting_filter,
            "selected_shifts": sighting_filter.selected("shift"),
            "active_filters": sighting_filter.active_filters(),
            "shifts": sighting_filter.shifts,
            "query": query,
            "list_url": f"{reverse('sightings:list')}{query}",
            "kept_filters": _filters_kept_beside(request, sighting_filter, INSIGHTS_FORM_FIELDS),
        },
    )


# What the insights page's own form asks; every other filter in the address rides along.
INSIGHTS_FORM_FIELDS = {"shift", "setting", "direction"}


def _filters_kept_beside(request, sighting_filter, asked):
    return [
        (name, value)
        for name in sighting_filter.filters
        if name not in asked and name != "sort"
        for value in request.GET.getlist(name)
        if value
    ]


@require_safe
def insight_csv(request, slug):
    sighting_filter = SightingFilter(request.GET or None, queryset=Sighting.objects.published())
    chart = next((c for c in insights_for(sighting_filter) if c.slug == slug), None)
    if chart is None:
        raise Http404("There is no such chart.")
    response = HttpResponse(
        export.table_lines(chart.columns, chart.rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="observatory-{chart.slug}.csv"'
    response["Link"] = f'<{export.LICENCE_URL}>; rel="license"'
    return response
