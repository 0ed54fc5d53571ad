""" "We've seen this too": saying so, changing or deleting it, and convenors hiding one."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import limits
from sightings.models import Echo, Sighting

# The rate is settings.POSTING_LIMITS["echo"], read from the environment.
ECHOES = limits.Limit("echo", "“seen this too”", "“seen this too”s")


class EchoForm(forms.ModelForm):
    class Meta:
        model = Echo
        fields = ["place", "note"]
        widgets = {
            "place": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": Echo.NOTE_LENGTH}),
        }

    def clean_place(self):
        place = " ".join(self.cleaned_data["place"].split())
        if not place:
            raise forms.ValidationError(_("Say where you have seen it."))
        return place

    def clean_note(self):
        return self.cleaned_data["note"].strip()


class EchoHideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why hide it?"),
        max_length=500,
        help_text=gettext_lazy("Its author sees this; it is also kept in the history."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )


def echo_form_for(sighting, user, data=None):
    """The form for the person's own echo: theirs to change, or a new one."""
    if not Echo.may_add(sighting, user):
        return None
    return form_for_echo(
        sighting, user, Echo.objects.filter(sighting=sighting, author=user).first(), data
    )


def form_for_echo(sighting, user, mine, data=None):
    if mine is not None:
        return EchoForm(data, instance=mine)
    return EchoForm(data, instance=Echo(sighting=sighting, author=user), initial=_last_place(user))


def _last_place(user):
    """The place the person gave last time they said they had seen something too."""
    last = Echo.objects.filter(author=user).order_by("-updated_at").values_list("place", flat=True)
    place = last.first()
    return {"place": place} if place else {}


def public_sighting(request, slug):
    sighting = get_object_or_404(Sighting.objects.select_related("author"), slug=slug)
    if not sighting.is_public:
        raise Http404("No sighting here.")
    return sighting


@login_required
def seen_too(request, slug):
    sighting = public_sighting(request, slug)
    if sighting.is_author(request.user):
        raise PermissionDenied("You cannot say you have seen your own sighting too.")
    form = echo_form_for(sighting, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid() and limits.allow(request, form, ECHOES):
        adding = form.instance.pk is None
        form.save()
        messages.success(
            request,
            _("Thank you: your “seen this too” shows on the sighting.")
            if adding
            else _("Your “seen this too” is changed."),
        )
        return redirect(form.instance)
    return render(request, "sightings/echo_form.html", {"form": form, "sighting": sighting})


@login_required
@require_POST
def seen_too_delete(request, slug):
    sighting = public_sighting(request, slug)
    echo = Echo.objects.filter(sighting=sighting, author=request.user).first()
    if echo is None:
        messages.info(request, _("You had not said you have seen this too."))
    else:
        echo.delete()
        messages.success(request, _("Your “seen this too” is deleted."))
    return redirect(sighting)


@login_required
def seen_too_hide(request, slug, pk):
    echo = get_object_or_404(
        Echo.objects.select_related("sighting", "author__preferences"),
        pk=pk,
        sighting__slug=slug,
    )
    if not echo.sighting.is_visible_to(request.user):
        raise Http404("No sighting here.")
    if not Echo.may_moderate(request.user):
        raise PermissionDenied(Echo.MAY_HIDE)
    if echo.is_hidden:
        messages.info(request, _("That is already hidden."))
        return redirect(echo.sighting)
    form = EchoHideForm(request.POST or None)
    if form.is_valid():
        echo.hide(by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("It is hidden. Its author sees why; nobody else sees it."))
        return redirect(echo.sighting)
    return render(request, "sightings/echo_hide.html", {"form": form, "echo": echo})


def echo_context(sighting, user):
    """What the sighting's page shows of "seen this too", in a fixed number of queries."""
    if not sighting.is_public:
        return {"echoes": [], "echo_form": None}
    echoes = list(
        sighting.echoes.visible_to(user)
        .select_related("author__preferences")
        .order_by("created_at", "pk")
    )
    sighting.echo_count = sum(1 for echo in echoes if not echo.is_hidden)
    mine = next(
        (echo for echo in echoes if user.is_authenticated and echo.author_id == user.pk), None
    )
    return {
        "echoes": echoes,
        "my_echo": mine,
        "echo_form": form_for_echo(sighting, user, mine) if Echo.may_add(sighting, user) else None,
        "may_moderate_echoes": Echo.may_moderate(user),
    }
