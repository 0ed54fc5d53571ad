"""The convenors' pages: the review queue, one decision, and tidying the themes."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext
from django.views.decorators.http import require_POST

from accounts.roles import is_convenor
from core import versions
from core.refusals import refusal
from sightings import changes, importing
from sightings.authoring import history_for, theme_suggestions, write_sighting
from sightings.forms import (
    ImportForm,
    LocatePlaceForm,
    MergePlacesForm,
    MergeThemesForm,
    RenamePlaceForm,
    RenameThemeForm,
    ReviewForm,
    ToldSightingForm,
)
from sightings.models import Place, Sighting, Theme

QUEUE_PER_PAGE = 25
# The checked file waits here between "Check the file" and "Import", so the convenor
# imports exactly what they were shown and need not upload it twice.
PENDING_IMPORT = "sightings:pending-import"
THEMES_PER_PAGE = 100
PLACES_PER_PAGE = 100

# What a refused decision shows of the sighting as it is now saved.
DECISION_FIELDS = ["status", "title", "summary", "story", "feedback"]
DECIDED = {
    "publish": gettext_lazy(
        "Published “%(title)s”. It is now public and its author has been emailed."
    ),
    "return": gettext_lazy("Returned “%(title)s” to its author with your feedback."),
    "decline": gettext_lazy("Declined “%(title)s”. Its author has been emailed your reason."),
}


def decided_meanwhile(sighting):
    """Why a decision was refused: another convenor decided first."""
    return _(
        "Someone else decided on this sighting after you opened the page: it is now "
        "%(status)s. Your decision was not recorded; what you typed is shown below."
    ) % {"status": sighting.get_status_display().lower()}


def convenor_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_convenor(request.user):
            raise PermissionDenied(_("Only convenors review sightings."))
        return view(request, *args, **kwargs)

    return wrapped


@convenor_required
def review_queue(request):
    waiting = (
        Sighting.objects.awaiting_review()
        .exclude(author=request.user)
        .select_related("author__preferences")
        .prefetch_related("shifts")
    )
    page = Paginator(waiting, QUEUE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "review/queue.html", {"page": page})


@convenor_required
def record_told_sighting(request):
    """A sighting told on paper, on the phone or in person, typed in by the convenor.

    It goes to review like any other, and since the convenor is its author another
    convenor decides on it.
    """
    return write_sighting(request, Sighting(author=request.user), form_class=ToldSightingForm)


@convenor_required
def import_sightings(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    checked = None
    if form.is_valid():
        checked = check_upload(request, form)
    return render(
        request,
        "review/import.html",
        {
            "form": form,
            "checked": checked,
            "summary": importing.summary(checked) if checked else "",
            "ready": bool(checked) and all(row.is_valid for row in checked),
            "pending": request.session.get(PENDING_IMPORT, {}).get("fingerprint"),
            "max_rows": importing.MAX_ROWS,
        },
    )


def check_upload(request, form):
    """Every row of the uploaded file, checked; kept for importing if all are valid."""
    data = form.cleaned_data
    try:
        text = importing.decode(data["file"])
        header, rows = importing.parse(text)
    except importing.Refusal as refusal_:
        form.add_error("file", refusal_)
        return None
    consent = {"consent_given": data["consent_given"], "consent_note": data["consent_note"]}
    checked = importing.check(header, rows, by=request.user, **consent)
    request.session.pop(PENDING_IMPORT, None)
    if all(row.is_valid for row in checked):
        request.session[PENDING_IMPORT] = {
            "text": text,
            "fingerprint": importing.fingerprint(text),
            **consent,
        }
    return checked


@convenor_required
@require_POST
def import_confirm(request):
    pending = request.session.get(PENDING_IMPORT)
    if not pending or pending["fingerprint"] != request.POST.get("fingerprint"):
        messages.error(request, _("Check the file again before importing it: nothing was saved."))
        return redirect("review:import")
    header, rows = importing.parse(pending["text"])
    checked = importing.check(
        header,
        rows,
        by=request.user,
        consent_given=pending["consent_given"],
        consent_note=pending["consent_note"],
    )
    try:
        sightings = importing.save(checked, by=request.user)
    except ValidationError as error:
        messages.error(request, f"{refusal(error)} {_('Nothing was imported.')}")
        return redirect("review:import")
    del request.session[PENDING_IMPORT]
    messages.success(
        request,
        ngettext(
            "Imported %(count)s sighting. It waits for another convenor to review it.",
            "Imported %(count)s sightings. They wait for another convenor to review them.",
            len(sightings),
        )
        % {"count": len(sightings)},
    )
    return redirect("sightings:mine")


@convenor_required
def review_sighting(request, pk):
    sighting = get_object_or_404(
        Sighting.objects.visible_to(request.user).select_related(
            "author__preferences", "place_ref"
        ),
        pk=pk,
    )
    own = sighting.is_author(request.user)
    awaiting = sighting.status == Sighting.Status.SUBMITTED and not own
    form = ReviewForm(request.POST or None, sighting=sighting)
    changed = typed = None
    if request.method == "POST" and not awaiting:
        if own or not form.is_valid():
            messages.error(
                request, f"{nothing_to_decide(sighting, own)} {_('Nothing was changed.')}"
            )
            return redirect("review:sighting", pk=sighting.pk)
        # Decided by someone else while this convenor read it: show what was decided,
        # and keep what they typed.
        decided = decided_meanwhile(sighting)
        changed = form.refuse_stale(sighting, DECISION_FIELDS, message=decided)
        typed = form.cleaned_data["feedback"].strip()
    preview_shifts = list(sighting.shifts.all())
    preview_themes = [theme.name for theme in sighting.themes.order_by("name")]
    if form.is_bound and form.is_valid() and form.is_preview:
        preview_shifts = sorted(form.cleaned_data["shifts"], key=lambda shift: shift.position)
        preview_themes = sorted(form.cleaned_data["themes"])
        # Only the copy on this page changes: nothing is saved by a preview.
        sighting.direction = form.cleaned_data["direction"]
    elif form.is_bound and form.is_valid():
        try:
            decision = form.decide(by=request.user)
        except versions.Stale as stale:
            sighting.refresh_from_db()
            awaiting = sighting.status == Sighting.Status.SUBMITTED
            if awaiting:
                changed = form.refuse_stale(stale.current, DECISION_FIELDS)
            else:
                decided = decided_meanwhile(sighting)
                changed = form.refuse_stale(stale.current, DECISION_FIELDS, message=decided)
            preview_shifts = list(sighting.shifts.all())
            preview_themes = [theme.name for theme in sighting.themes.order_by("name")]
            typed = "" if awaiting else form.cleaned_data["feedback"].strip()
        except (ValidationError, PermissionDenied) as error:
            sighting.refresh_from_db()
            messages.error(request, f"{refusal(error)} {_('Nothing was changed.')}")
        else:
            messages.success(request, DECIDED[decision] % {"title": sighting.title})
            return redirect("review:queue")
    return render(
        request,
        "review/review_sighting.html",
        {
            "sighting": sighting,
            "awaiting": awaiting,
            "own": own,
            "form": form,
            "changed": changed,
            "typed": typed,
            "preview": sighting.preview(shifts=preview_shifts, themes=preview_themes),
            "history": history_for(sighting, request.user),
            "since_feedback": changes.since_feedback(sighting),
            "theme_options": theme_suggestions(),
            "place_options": Place.objects.values_list("name", flat=True),
        },
    )


def nothing_to_decide(sighting, own):
    if own:
        return _("You wrote this sighting, so another convenor reviews it.")
    return _("This sighting is %(status)s, so there is nothing to decide.") % {
        "status": sighting.get_status_display().lower()
    }


@convenor_required
def review_themes(request):
    action = request.POST.get("action") if request.method == "POST" else None
    rename_form = RenameThemeForm(request.POST if action == "rename" else None, prefix="rename")
    merge_form = MergeThemesForm(request.POST if action == "merge" else None, prefix="merge")
    if action == "rename" and rename_form.is_valid():
        return _apply(request, rename_form, gettext_noop("Renamed “{0}” to “{1.name}”."))
    if action == "merge" and merge_form.is_valid():
        return _apply(
            request,
            merge_form,
            gettext_noop("Merged “{0}” into “{1.name}”; every sighting kept its theme."),
        )
    themes = Theme.objects.annotate(
        uses=Count("themed_items"),
        published_uses=Count(
            "themed_items",
            filter=Q(themed_items__content_object__status=Sighting.Status.PUBLISHED),
        ),
    ).order_by("name")
    return render(
        request,
        "review/themes.html",
        {
            "rename_form": rename_form,
            "merge_form": merge_form,
            "page": Paginator(themes, THEMES_PER_PAGE).get_page(request.GET.get("page")),
            "all_theme_names": Theme.objects.order_by("name").values_list("name", flat=True),
        },
    )


def _apply(request, form, message, then="review:themes"):
    try:
        before, changed = form.save()
    except ValidationError as error:
        messages.error(request, f"{refusal(error)} {_('Nothing was changed.')}")
    else:
        # The message is marked where it is written and translated here, once filled in.
        messages.success(request, _(message).format(before, changed))
    return redirect(then)


PLACE_ACTIONS = {
    "rename": (
        RenamePlaceForm,
        gettext_noop("Renamed “{0}” to “{1.name}”; its old address leads there."),
    ),
    "merge": (
        MergePlacesForm,
        gettext_noop(
            "Merged “{0}” into “{1.name}”; every sighting moved and the old address leads there."
        ),
    ),
    "locate": (LocatePlaceForm, gettext_noop("Saved where “{0}” is: {1.latitude}, {1.longitude}.")),
}


@convenor_required
def review_places(request):
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        name: form_class(request.POST if action == name else None, prefix=name)
        for name, (form_class, _message) in PLACE_ACTIONS.items()
    }
    if action in forms and forms[action].is_valid():
        return _apply(request, forms[action], PLACE_ACTIONS[action][1], then="review:places")
    places = Place.objects.annotate(
        uses=Count("sightings"),
        published_uses=Count("sightings", filter=Q(sightings__status=Sighting.Status.PUBLISHED)),
    ).order_by("name")
    return render(
        request,
        "review/places.html",
        {
            "rename_form": forms["rename"],
            "merge_form": forms["merge"],
            "locate_form": forms["locate"],
            "page": Paginator(places, PLACES_PER_PAGE).get_page(request.GET.get("page")),
            "all_place_names": Place.objects.order_by("name").values_list("name", flat=True),
        },
    )
