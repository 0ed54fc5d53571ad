from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.html import escape

from accounts.roles import public_name
from cells.models import Cell
from observatory.feeds import SafeAtomFeed

FEED_ITEMS = 20


class CellNotesFeed(Feed):
    """A cell's published notes, newest meeting first."""

    feed_type = SafeAtomFeed

    def get_object(self, request, slug):
        return get_object_or_404(Cell, slug=slug)

    def title(self, cell):
        return f"{cell.name}: meeting notes from the Observatory"

    def subtitle(self, cell):
        return f"Published notes of the {cell.name} cell."

    def link(self, cell):
        return cell.get_absolute_url()

    def items(self, cell):
        return (
            cell.published_notes()
            .select_related("cell", "author__preferences")
            .newest_first()[:FEED_ITEMS]
        )

    def item_title(self, note):
        return note.title

    def item_description(self, note):
        # Atom calls the summary HTML and readers render it: plain text must arrive as text.
        return escape(note.summary)

    def item_pubdate(self, note):
        return note.published_at

    def item_updateddate(self, note):
        return note.updated_at

    def item_author_name(self, note):
        return public_name(note.author)
