"""The cells and their published meeting notes, for search engines."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q

from cells.models import Cell, CellNote


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
