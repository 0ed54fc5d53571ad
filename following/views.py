"""Following shifts, themes, places, cells and searches; stopping with one click."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.follows import follow_id_from
from accounts.models import Follow
from core import limits
from following import targets

# The rate is settings.POSTING_LIMITS["follow"], read from the environment.
FOLLOWS = limits.Limit("follow", "new follow", "new follows")


class FollowForm(forms.Form):
    kind = forms.ChoiceField(choices=[(kind, kind) for kind in targets.KINDS])
    slug = forms.CharField(required=False, max_length=200)
    query = forms.CharField(required=False, max_length=2000)
    frequency = forms.ChoiceField(
        choices=Follow.Frequency.choices, required=False, initial=Follow.Frequency.IMMEDIATE
    )


class FrequencyForm(forms.ModelForm):
    class Meta:
        model = Follow
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}


@login_required
def following_list(request):
    follows = list(Follow.objects.filter(user=request.user).for_listing())
    rows = [
        {"follow": follow, "form": FrequencyForm(instance=follow, prefix=f"f{follow.pk}")}
        for follow in follows
    ]
    return render(
        request,
        "following/following_list.html",
        {"rows": rows, "limit": Follow.MAX_PER_PERSON},
    )


@login_required
@require_POST
def follow(request):
    form = FollowForm(request.POST)
    if not form.is_valid():
        raise Http404("There is nothing to follow at that address.")
    kind = form.cleaned_data["kind"]
    if kind == "search":
        target = targets.saved_search(form.cleaned_data["query"])
        if not target:
            messages.error(request, _("Choose at least one filter before following a search."))
            return redirect(back(request))
    else:
        target = targets.find(kind, form.cleaned_data["slug"])
    frequency = form.cleaned_data["frequency"] or Follow.Frequency.IMMEDIATE
    if targets.follow_for(request.user, kind, target):
        messages.info(request, _("You already follow this."))
        return redirect(back(request))
    if Follow.objects.filter(user=request.user).count() >= Follow.MAX_PER_PERSON:
        messages.error(
            request,
            _(
                "You follow %(limit)s things, which is as many as anyone may. Stop following "
                "something on your Following page first."
            )
            % {"limit": Follow.MAX_PER_PERSON},
        )
        return redirect(back(request))
    if reason := limits.refusal(request, FOLLOWS):
        messages.error(request, reason)
        return redirect(back(request))
    try:
        with transaction.atomic():
            made = Follow.objects.create(
                user=request.user, frequency=frequency, **targets.target_fields(kind, target)
            )
    except IntegrityError:
        # Pressed twice at once: the other press made the follow.
        messages.info(request, _("You already follow this."))
        return redirect(back(request))
    messages.success(
        request,
        _("You now follow %(what)s. Choose how often you hear on your Following page.")
        % {"what": made.describe()},
    )
    return redirect(back(request))


@login_required
@require_POST
def change(request, pk):
    chosen = get_object_or_404(Follow, pk=pk, user=request.user)
    form = FrequencyForm(request.POST, instance=chosen, prefix=f"f{chosen.pk}")
    if form.is_valid():
        form.save()
        messages.success(
            request,
            _("You will hear about %(what)s %(how)s.")
            % {"what": chosen.describe(), "how": chosen.get_frequency_display().lower()},
        )
    else:
        messages.error(request, _("Choose how often you want to hear."))
    return redirect("following:list")


@login_required
@require_POST
def stop(request, pk):
    chosen = get_object_or_404(Follow, pk=pk, user=request.user)
    what = chosen.describe()
    chosen.delete()
    messages.success(request, _("You no longer follow %(what)s.") % {"what": what})
    return redirect(back(request))


# Mail programs send the one-click "Unsubscribe" (RFC 8058) as a POST with no cookie and
# no CSRF token; the signed token in the address is what proves the request genuine, and
# all it can do is stop the one follow it names.
@csrf_exempt
def unsubscribe(request, token):
    follow_id = follow_id_from(token)
    found = Follow.objects.filter(pk=follow_id).first() if follow_id else None
    if found is None:
        status = 400 if follow_id is None else 410
        return render(request, "following/unsubscribe.html", {"problem": status}, status=status)
    if request.method == "POST":
        what = found.describe()
        found.delete()
        return render(request, "following/unsubscribe.html", {"stopped": what})
    # A link in an email is opened by some mail scanners before the person sees it, so
    # opening it asks; the one button below stops the follow.
    return render(request, "following/unsubscribe.html", {"follow": found})


def back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "following:list"
