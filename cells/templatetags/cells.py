"""What cells add to other apps' pages, so that those apps need not know about cells."""

from django import template

from cells.models import Cell

register = template.Library()


@register.simple_tag
def cells_that_discussed(place):
    """{% cells_that_discussed place as cells %}: the cells that discussed its sightings."""
    return Cell.objects.that_discussed(place)
