"""What search engines are told about: only what the public may see."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from cells.models import Cell, CellNote
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


class CellSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        published = Q(notes__status=CellNote.Status.PUBLISHED)
        return Cell.objects.annotate(last_note=Max("notes__updated_at", filter=published)).order_by(
            "name"
        )

    def lastmod(self, cell):
        return cell.last_note


class CellNoteSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return CellNote.objects.published().select_related("cell").order_by("pk")

    def lastmod(self, note):
        return note.updated_at

    def get_latest_lastmod(self):
        return CellNote.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class PageSitemap(Sitemap):
    """The fixed pages worth finding: the lists, insights and open data."""

    changefreq = "daily"

    def items(self):
        return [
            "home",
            "sightings:list",
            "sightings:shift-list",
            "sightings:theme-list",
            "sightings:place-list",
            "cells:list",
            "sightings:insights",
            "sightings:open-data",
        ]

    def location(self, name):
        return reverse(name)


sitemaps = {
    "pages": PageSitemap,
    "sightings": SightingSitemap,
    "shifts": ShiftSitemap,
    "themes": ThemeSitemap,
    "places": PlaceSitemap,
    "cells": CellSitemap,
    "notes": CellNoteSitemap,
}
