"""Writing, withdrawing and following up sightings: the pages behind an account."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import is_convenor
from core import limits, versions
from core.refusals import refusal
from sightings import counts
from sightings.forms import FollowUpForm, FollowUpHideForm, SightingForm, ToldSightingForm
from sightings.models import FollowUp, Sighting

# The rates are settings.POSTING_LIMITS, read from the environment.
SUBMISSIONS = limits.Limit("sighting-submission", "sighting", "sightings", " for review")
FOLLOW_UPS = limits.Limit("follow-up", "follow-up", "follow-ups")
FOLLOW_UPS_ON_ONE_SIGHTING = limits.Limit(
    "follow-up-per-sighting", "follow-up", "follow-ups", " to one sighting"
)
FOLLOW_UP_AFTER = datetime.timedelta(days=91)
# What a refused edit shows of the sighting as it is now saved.
SAVED_FIELDS = ["status", "title", "summary", "story", "place", "date_observed"]
THEME_SUGGESTIONS = 300

# The order of My sightings: what needs the author first, what is settled last.
MY_GROUPS = [
    (Sighting.Status.RETURNED, gettext_lazy("Returned to you for changes")),
    (Sighting.Status.DRAFT, gettext_lazy("Drafts")),
    (Sighting.Status.SUBMITTED, gettext_lazy("Waiting for review")),
    (Sighting.Status.PUBLISHED, gettext_lazy("Published")),
    (Sighting.Status.DECLINED, gettext_lazy("Declined")),
    (Sighting.Status.WITHDRAWN, gettext_lazy("Withdrawn")),
]


def own_sighting(request, slug):
    """The signed-in author's sighting; 404 if another's is not public, 403 if it is."""
    sighting = get_object_or_404(Sighting.objects.select_related("author"), slug=slug)
    if sighting.is_author(request.user):
        return sighting
    if sighting.is_visible_to(request.user):
        raise PermissionDenied(_("Only its author may change this sighting."))
    raise Http404("No sighting here.")


def refuse_if_not_editable(request, sighting):
    if sighting.can_edit(request.user):
        return None
    return render(request, "sightings/sighting_locked.html", {"sighting": sighting}, status=403)


@login_required
def sighting_new(request):
    return write_sighting(request, Sighting(author=request.user))


@login_required
def sighting_edit(request, slug):
    sighting = own_sighting(request, slug)
    return refuse_if_not_editable(request, sighting) or write_sighting(request, sighting)


def form_class_for(sighting):
    return ToldSightingForm if sighting.is_told else SightingForm


def write_sighting(request, sighting, form_class=None):
    # Anything but an explicit Save or Submit is a preview, so nothing is stored
    # that the person did not ask to store.
    action = request.POST.get("action") if request.method == "POST" else None
    if action not in {"draft", "submit"}:
        action = "preview"
    form_class = form_class or form_class_for(sighting)
    form = form_class(request.POST or None, instance=sighting, submitting=action == "submit")
    preview = changed = None
    if form.is_bound and form.is_valid():
        try:
            if action == "draft":
                sighting = save_draft(form)
                messages.success(
                    request, _("Draft saved. Only you can see it until you submit it for review.")
                )
                return redirect("sightings:edit", slug=sighting.slug)
            if action == "submit" and submit(request, form):
                messages.success(
                    request,
                    _(
                        "Thank you. Your sighting is waiting for a convenor to review it; "
                        "we will email you when they have."
                    ),
                )
                return redirect("sightings:mine")
        except versions.Stale as stale:
            changed = form.refuse_stale(stale.current, SAVED_FIELDS)
        if action == "preview":
            preview = form.preview()
    return render(
        request,
        "sightings/sighting_form.html",
        {
            "form": form,
            "sighting": sighting,
            "preview": preview,
            "changed": changed,
            "theme_options": theme_suggestions(),
        },
    )


def save_draft(form):
    with transaction.atomic():
        form.lock_seen()
        return form.save()


def submit(request, form):
    """Save and submit together: if the model refuses, nothing is saved."""
    if not limits.allow(request, form, SUBMISSIONS):
        return False
    try:
        with transaction.atomic():
            form.lock_seen()
            sighting = form.save()
            sighting.submit(by=request.user)
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, refusal(error))
        return False
    return True


def theme_suggestions():
    """The most used published themes, offered while typing so that people reuse them.

    Only published sightings count: a draft's themes are nobody else's business.
    """
    return [theme.name for theme in counts.most_used_themes(THEME_SUGGESTIONS)]


@login_required
def sighting_withdraw(request, slug):
    sighting = own_sighting(request, slug)
    if not sighting.can_withdraw(request.user):
        messages.info(request, _("That sighting is already withdrawn."))
        return redirect("sightings:mine")
    if request.method == "POST":
        try:
            sighting.withdraw(by=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, refusal(error))
        else:
            messages.success(
                request,
                _("“%(title)s” is withdrawn and no longer public.") % {"title": sighting.title},
            )
        return redirect("sightings:mine")
    return render(request, "sightings/sighting_confirm_withdraw.html", {"sighting": sighting})


@login_required
@require_POST
def sighting_reminders(request, slug):
    """The author turns "did it last?" emails off, or on again, for one sighting."""
    sighting = own_sighting(request, slug)
    sighting.wants_reminders = request.POST.get("reminders") == "on"
    sighting.save(update_fields=["wants_reminders", "updated_at"])
    if sighting.wants_reminders:
        message = _("We will ask you whether “%(title)s” lasted.")
    else:
        message = _("We will not ask you again whether “%(title)s” lasted.")
    messages.success(request, message % {"title": sighting.title})
    return redirect("sightings:mine")


@login_required
def follow_up_new(request, slug):
    sighting = get_object_or_404(
        Sighting.objects.visible_to(request.user).select_related("author"), slug=slug
    )
    if not FollowUp.may_add(sighting, request.user):
        raise PermissionDenied(
            _("Only its author or a convenor may follow up a published sighting.")
        )
    form = FollowUpForm(request.POST or None, sighting=sighting)
    if form.is_valid() and limits.allow(
        request, form, FOLLOW_UPS_ON_ONE_SIGHTING.on(sighting), FOLLOW_UPS
    ):
        form.save_for(request.user)
        messages.success(request, _("Thank you. Your follow-up now shows on the sighting."))
        return redirect(sighting)
    return render(request, "sightings/followup_form.html", {"form": form, "sighting": sighting})


def moderated_follow_up(request, slug, pk):
    """A follow-up on a sighting this convenor may see; 403 for anyone else."""
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("sighting"), pk=pk, sighting__slug=slug
    )
    if not follow_up.sighting.is_visible_to(request.user):
        raise Http404("No sighting here.")
    if not FollowUp.may_moderate(request.user):
        raise PermissionDenied(_("Only convenors may hide follow-ups."))
    return follow_up


@login_required
def follow_up_hide(request, slug, pk):
    follow_up = moderated_follow_up(request, slug, pk)
    if follow_up.is_hidden:
        messages.info(request, _("That follow-up is already hidden."))
        return redirect(follow_up.sighting)
    form = FollowUpHideForm(request.POST or None)
    if form.is_valid():
        follow_up.hide(by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("The follow-up is hidden. Its author sees why; nobody else sees it.")
        )
        return redirect(follow_up.sighting)
    return render(request, "sightings/followup_hide.html", {"form": form, "follow_up": follow_up})


@login_required
@require_POST
def follow_up_show_again(request, slug, pk):
    follow_up = moderated_follow_up(request, slug, pk)
    try:
        follow_up.show_again(by=request.user)
    except ValidationError as error:
        messages.info(request, refusal(error))
    else:
        messages.success(request, _("The follow-up shows on the sighting again."))
    return redirect(follow_up.sighting)


def due_for_follow_up(sighting, now):
    """Published over three months ago, and not followed up in the last three."""
    if sighting.status != Sighting.Status.PUBLISHED or not sighting.published_at:
        return False
    if sighting.published_at > now - FOLLOW_UP_AFTER:
        return False
    last = sighting.last_followed_up_on
    return last is None or last < (now - FOLLOW_UP_AFTER).date()


@login_required
def my_sightings(request):
    now = timezone.now()
    sightings = (
        Sighting.objects.by(request.user)
        .annotate(
            last_followed_up_on=Max(
                "follow_ups__observed_on", filter=Q(follow_ups__hidden_at__isnull=True)
            )
        )
        .prefetch_related("shifts")
        .order_by("-updated_at", "-pk")
    )
    by_status = {status: [] for status, _ in MY_GROUPS}
    for sighting in sightings:
        sighting.follow_up_due = due_for_follow_up(sighting, now)
        by_status[sighting.status].append(sighting)
    groups = [
        {"status": status, "heading": heading, "sightings": by_status[status]}
        for status, heading in MY_GROUPS
        if by_status[status]
    ]
    return render(request, "sightings/my_sightings.html", {"groups": groups})


def history_for(sighting, user):
    """A sighting's review history, for its author and the convenors only."""
    if not (sighting.is_author(user) or is_convenor(user)):
        return []
    return list(sighting.changes.select_related("actor__preferences"))


def detail_context(sighting, user):
    """What the public sighting page adds for the people who may act on it."""
    return {
        "history": history_for(sighting, user),
        "may_edit": sighting.can_edit(user),
        "may_withdraw": sighting.can_withdraw(user),
    }
