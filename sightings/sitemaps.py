"""What search engines are told about: only what the public may see."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from sightings.models import Place, Shift, Sighting, Theme


class SightingSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Sighting.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, sighting):
        return sighting.updated_at

    def get_latest_lastmod(self):
        # The index would otherwise load every sighting to find the newest change.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ShiftSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Shift.objects.order_by("position")


class ThemeSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        # Only themes a published sighting carries: the others' pages are 404.
        return Theme.objects.with_published_counts().order_by("name")


class PlaceSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        # Only places a published sighting names: the others' pages are 404.
        return Place.objects.with_published_counts().order_by("name")
