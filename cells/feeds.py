from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _

from accounts.names import public_name
from cells.models import Cell, DiscussedSighting
from core.feeds import SafeAtomFeed
from sightings.models import Sighting

FEED_ITEMS = 20


class NotesAtomFeed(SafeAtomFeed):
    """Each entry's content: the summary, then the sightings discussed and their readings."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class CellNotesFeed(Feed):
    """A cell's published notes, newest meeting first."""

    feed_type = NotesAtomFeed

    def get_object(self, request, slug):
        cell = get_object_or_404(Cell, slug=slug)
        # Links inside an entry's HTML are read away from the site, so they carry its address.
        cell.site_root = request.build_absolute_uri("/").rstrip("/")
        return cell

    def title(self, cell):
        return _("%(cell)s: meeting notes from the Observatory") % {"cell": cell.name}

    def subtitle(self, cell):
        return _("Published notes of the %(cell)s cell.") % {"cell": cell.name}

    def link(self, cell):
        return cell.get_absolute_url()

    def items(self, cell):
        public_links = (
            DiscussedSighting.objects.filter(sighting__status=Sighting.Status.PUBLISHED)
            .select_related("sighting")
            .order_by("sighting__title")
        )
        notes = list(
            cell.published_notes()
            .select_related("cell", "author__preferences")
            .prefetch_related(Prefetch("discussed", public_links, to_attr="public_links"))
            .newest_first()[:FEED_ITEMS]
        )
        for note in notes:
            note.site_root = cell.site_root
        return notes

    def item_title(self, note):
        return note.title

    def item_description(self, note):
        # Atom calls the summary HTML and readers render it: plain text must arrive as text.
        return escape(note.summary)

    def item_extra_kwargs(self, note):
        return {"content": _content(note)}

    def item_pubdate(self, note):
        return note.published_at

    def item_updateddate(self, note):
        return note.updated_at

    def item_author_name(self, note):
        return public_name(note.author)


def _content(note):
    summary = format_html("<p>{}</p>", note.summary)
    if not note.public_links:
        return summary
    return summary + format_html(
        "<p>{}</p><ul>{}</ul>",
        _("Sightings discussed:"),
        format_html_join(
            "", "<li>{}</li>", ([_discussed(note.site_root, link)] for link in note.public_links)
        ),
    )


def _discussed(site_root, link):
    text = format_html(
        '<a href="{}{}">{}</a>', site_root, link.sighting.get_absolute_url(), link.sighting.title
    )
    if link.reading:
        text += format_html(
            " — {}",
            _("the meeting’s reading: %(reading)s") % {"reading": link.get_reading_display()},
        )
        if link.why:
            text += format_html(" ({})", link.why)
    return text
