"""Cells and their published notes show on public pages (a sighting's "Discussed in", a
place's "Discussed by", the cell list), so saving one starts a new generation
(core/generation.py) and nothing cached from before it is read again. Signals rather
than calls in the views, because the admin and the cell's own methods save them too."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cells.models import Cell, CellNote
from core.generation import published_changed


@receiver(post_save, sender=Cell)
@receiver(post_save, sender=CellNote)
@receiver(post_delete, sender=CellNote)
def _cell_or_note_changed(sender, **kwargs):
    published_changed()
