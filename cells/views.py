from django.http import Http404
from django.shortcuts import get_object_or_404, render

from cells.models import Cell, CellNote


def cell_list(request):
    return render(request, "cells/cell_list.html", {"cells": Cell.objects.for_listing()})


def cell_detail(request, slug):
    cell = get_object_or_404(Cell.objects.for_listing(), slug=slug)
    return render(
        request,
        "cells/cell_detail.html",
        {
            "cell": cell,
            "notes": cell.published_notes().newest_first(),
            "shift_counts": cell.shift_counts(),
        },
    )


def note_detail(request, slug, note_slug):
    note = get_object_or_404(
        CellNote.objects.select_related("cell", "author"), cell__slug=slug, slug=note_slug
    )
    if not note.is_public and not note.cell.is_convened_by(request.user):
        raise Http404("No note here.")
    published = note.cell.notes.published()
    return render(
        request,
        "cells/cellnote_detail.html",
        {
            "note": note,
            "cell": note.cell,
            "sightings": note.public_sightings(),
            "previous_note": published.filter(met_on__lt=note.met_on).newest_first().first(),
            "next_note": published.filter(met_on__gt=note.met_on).order_by("met_on").first(),
        },
    )
