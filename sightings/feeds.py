"""The Atom feed of published sightings, honouring the list's filters.

/sightings/feed/?shift=me-to-we&setting=education is the feed of "Me → We in
Education": a reader subscribes to exactly the list they were looking at.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.feeds import SafeAtomFeed
from sightings.filters import SightingFilter, shareable_query
from sightings.models import Sighting

FEED_ITEMS = 30


class SightingFeed(Feed):
    feed_type = SafeAtomFeed
    description_template = None

    def get_object(self, request):
        sighting_filter = SightingFilter(request.GET or None, queryset=Sighting.objects.published())
        sighting_filter.query_string = shareable_query(request)
        return sighting_filter

    def title(self, sighting_filter):
        chips = [chip["label"] for chip in sighting_filter.active_filters()]
        if not chips:
            return _("The Observatory: new sightings")
        return _("The Observatory: sightings (%(filters)s)") % {"filters": "; ".join(chips)}

    def subtitle(self, sighting_filter):
        return _("Newly published sightings of relationship-centred practice.")

    def link(self, sighting_filter):
        return f"{reverse('sightings:list')}{sighting_filter.query_string}"

    def feed_url(self, sighting_filter):
        return f"{reverse('sightings:feed')}{sighting_filter.query_string}"

    def items(self, sighting_filter):
        # The newest ids first, from the newest-published index alone (each entry's shift
        # and theme asked of the links' indexes), then only those rows from the table:
        # reading every row it walked past took a rare theme's feed three times as long.
        newest = sighting_filter.qs.order_by("-published_at", "-pk")
        ids = list(newest.values_list("pk", flat=True)[:FEED_ITEMS])
        found = Sighting.objects.filter(pk__in=ids).order_by("-published_at", "-pk")
        return found.prefetch_related("shifts")

    def item_title(self, sighting):
        return sighting.title

    def item_description(self, sighting):
        # Atom calls the summary HTML and readers render it: plain text must arrive as text.
        return escape(sighting.summary)

    def item_pubdate(self, sighting):
        return sighting.published_at

    def item_updateddate(self, sighting):
        return sighting.updated_at

    def item_categories(self, sighting):
        categories = [shift.translated_name for shift in sighting.shifts.all()]
        if sighting.is_slipping_back:
            categories.append(_("Slipping back"))
        return categories
