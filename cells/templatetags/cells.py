"""What cells add to other apps' pages, so that those apps need not know about cells."""

from dataclasses import dataclass

from django import template
from django.urls import reverse

from cells.models import Cell
from core.generation import cached

register = template.Library()


# A place discussed by hundreds of cells still has a page of a readable size.
CELLS_SHOWN = 12


@dataclass(frozen=True)
class CellHere:
    name: str
    slug: str
    notes_here: int

    def get_absolute_url(self):
        return reverse("cells:detail", kwargs={"slug": self.slug})


@register.simple_tag
def cells_that_discussed(place):
    """{% cells_that_discussed place as cells %}: the cells that discussed its sightings
    most (cells.shown, at most CELLS_SHOWN, by name) and how many others did (cells.more).

    Kept until what is published changes: at a million sightings finding them reads
    every published note's links to the place's sightings.
    """
    key = f"cells-that-discussed:{place.pk}"
    return cached({key: lambda: _cells_that_discussed(place)})[key]


def _cells_that_discussed(place):
    found = Cell.objects.that_discussed(place).order_by("-notes_here", "name")
    cells = [CellHere(*row) for row in found.values_list("name", "slug", "notes_here")]
    shown = sorted(cells[:CELLS_SHOWN], key=lambda cell: cell.name)
    return {"shown": shown, "more": len(cells) - len(shown)}
