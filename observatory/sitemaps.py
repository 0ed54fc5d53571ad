"""Every public address in one sitemap: the fixed pages, and each app's own sitemaps."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cells.sitemaps import CellNoteSitemap, CellSitemap
from sightings.sitemaps import (
    PlaceSitemap,
    ShiftSitemap,
    SightingSitemap,
    ThemeSitemap,
)


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
