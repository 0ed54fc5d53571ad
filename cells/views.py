from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cells.calendar import next_meeting_response
from cells.forms import CellNoteForm, Readings, SightingPickerForm, picked_sightings
from cells.models import Cell, CellNote, DiscussedSighting
from core import limits, versions

# Counted when a note is first saved: editing a note already written adds nothing.
NEW_NOTES = limits.Limit("cell-note", "new meeting note", "new meeting notes")
# What a refused edit shows of the note as it is now saved.
SAVED_FIELDS = ["status", "title", "met_on", "summary", "body"]


def cell_list(request):
    return render(request, "cells/cell_list.html", {"cells": Cell.objects.for_listing()})


def cell_detail(request, slug):
    cell = get_object_or_404(Cell.objects.for_listing(), slug=slug)
    may_write = cell.is_convened_by(request.user)
    return render(
        request,
        "cells/cell_detail.html",
        {
            "cell": cell,
            "notes": cell.published_notes().newest_first(),
            "drafts": cell.notes.drafts().order_by("-updated_at") if may_write else [],
            "may_write": may_write,
            "shift_counts": cell.shift_counts(),
        },
    )


def note_detail(request, slug, note_slug):
    note = get_object_or_404(
        CellNote.objects.select_related("cell", "author"), cell__slug=slug, slug=note_slug
    )
    may_edit = note.cell.is_convened_by(request.user)
    if not note.is_public and not may_edit:
        raise Http404("No note here.")
    return render(
        request,
        "cells/cellnote_detail.html",
        {
            "note": note,
            "cell": note.cell,
            "sightings": note.public_sightings(),
            "may_edit": may_edit,
            "previous_note": note.previous_published() if note.is_public else None,
            "next_note": note.next_published() if note.is_public else None,
        },
    )


@require_safe
def next_meeting_ics(request, slug):
    cell = get_object_or_404(Cell, slug=slug)
    note = cell.next_meeting_note()
    if note is None:
        raise Http404("This cell has no meeting arranged.")
    return next_meeting_response(request, cell, note)


@login_required
def note_create(request, slug):
    cell = get_object_or_404(Cell, slug=slug)
    if not cell.is_convened_by(request.user):
        raise PermissionDenied(_("Only this cell's convenors write its notes."))
    if not cell.is_active:
        messages.warning(request, _("This cell has closed and takes no new notes."))
        return redirect(cell)
    return note_form(request, cell, CellNote(cell=cell, author=request.user))


@login_required
def note_edit(request, slug, note_slug):
    note = get_object_or_404(
        CellNote.objects.select_related("cell"), cell__slug=slug, slug=note_slug
    )
    if not note.cell.is_convened_by(request.user):
        # Never reveal that a draft exists to someone who may not see it.
        if not note.is_public:
            raise Http404("No note here.")
        raise PermissionDenied(_("Only this cell's convenors edit its notes."))
    return note_form(request, note.cell, note)


def note_form(request, cell, note):
    """Write or edit a note: find sightings to link, save a draft, preview or publish.

    Every button posts the whole form, so searching for sightings or previewing keeps
    everything typed so far, and the picks travel as ticked checkboxes, each with how
    the meeting read it.
    """
    action = request.POST.get("action", "save") if request.method == "POST" else "show"
    publishing = action == "publish" or note.is_public
    checking = action not in {"show", "search"}
    preview = preview_sightings = changed = None

    if checking:
        form = CellNoteForm(request.POST, instance=note, publishing=publishing)
    else:
        initial = request.POST.dict() if action == "search" else None
        form = CellNoteForm(initial=initial, instance=note, publishing=publishing)

    if request.method == "POST":
        pick_ids = request.POST.getlist("sightings")
    else:
        pick_ids = form.initial.get("sightings", [])
    picked = picked_sightings(pick_ids)
    readings = Readings(
        note, picked, request.POST if request.method == "POST" else None, bound=checking
    )

    if checking:
        note_ok, readings_ok = form.is_valid(), readings.is_valid()
        if not readings_ok:
            form.add_error(None, _("Check how the meeting read the linked sightings, below."))
        elif note_ok and action == "preview":
            preview = form.instance
            preview.render_html()
            preview_sightings = with_readings(
                form.cleaned_data["sightings"].for_cards(), readings.chosen()
            )
        elif note_ok and (note.pk or limits.allow(request, form, NEW_NOTES)):
            try:
                return save_note(request, form, readings, publish=action == "publish")
            except versions.Stale as stale:
                changed = form.refuse_stale(stale.current, SAVED_FIELDS)

    picker = SightingPickerForm(request.POST if request.method == "POST" else request.GET or None)
    found, more_found = picker.results(exclude=[s.pk for s in picked])
    return render(
        request,
        "cells/cellnote_form.html",
        {
            "cell": cell,
            "note": note,
            "form": form,
            "picker": picker,
            "picked": readings,
            "picked_count": len(picked),
            "found": found,
            "more_found": more_found,
            "preview": preview,
            "preview_sightings": preview_sightings or [],
            "changed": changed,
        },
    )


def with_readings(sightings, chosen):
    sightings = list(sightings)
    for sighting in sightings:
        reading, sighting.reading_why = chosen.get(sighting.pk, ("", ""))
        sighting.reading = DiscussedSighting.reading_named(reading)
    return sightings


def save_note(request, form, readings, *, publish):
    with transaction.atomic():
        form.lock_seen()
        note = form.save()
        note.record_readings(readings.chosen())
    if not publish or note.is_public:
        messages.success(request, _("Changes saved.") if note.is_public else _("Draft saved."))
        return redirect(note.get_edit_url())
    try:
        note.publish(by=request.user)
    except ValidationError as error:
        messages.error(
            request, f"{_('Saved as a draft but not published.')} {' '.join(error.messages)}"
        )
        return redirect(note.get_edit_url())
    messages.success(request, _("Note published."))
    return redirect(note)
