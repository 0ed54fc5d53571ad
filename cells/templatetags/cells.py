"""What cells add to other apps' pages, so that those apps need not know about cells."""

from django import template

from cells.models import Cell

register = template.Library()


# A place discussed by hundreds of cells still has a page of a readable size.
CELLS_SHOWN = 12


@register.simple_tag
def cells_that_discussed(place):
    """{% cells_that_discussed place as cells %}: the cells that discussed its sightings
    most (cells.shown, at most CELLS_SHOWN, by name) and how many others did (cells.more)."""
    cells = list(Cell.objects.that_discussed(place).order_by("-notes_here", "name"))
    shown = sorted(cells[:CELLS_SHOWN], key=lambda cell: cell.name)
    return {"shown": shown, "more": len(cells) - len(shown)}
