"""Cleaning up after abuse: everything one account posted in a time window, at once."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sightings.models import Echo, FollowUp, Sighting

HIDE, DELETE = "hide", "delete"


def posted_by(account, since, until):
    """What the account posted in the window that others may see, by kind.

    Every kind of public post belongs here, so that one clean-up reaches it all.
    """
    window = {"author": account, "created_at__gte": since, "created_at__lt": until}
    return {
        "follow-ups": FollowUp.objects.filter(**window),
        "seen this too": Echo.objects.filter(**window),
        "sightings": Sighting.objects.filter(**window),
    }


def clean_up(account, *, since, until, action, by, reason, deactivate):
    """Hide or delete what the account posted in the window, each change in its history.

    Hiding keeps the evidence: follow-ups are hidden and sightings taken down, with
    the reason. Deleting removes them; the history keeps a copy of each. Returns how
    many of each kind were changed.
    """
    with transaction.atomic():
        posted = posted_by(account, since, until)
        if action == HIDE:
            done = {kind: _hide_all(items, by=by, reason=reason) for kind, items in posted.items()}
        else:
            done = {kind: _delete_all(items, by=by) for kind, items in posted.items()}
        if deactivate and account.is_active:
            account.is_active = False
            account.save(update_fields=["is_active"])
    return done


def _hide_all(items, *, by, reason):
    if items.model in {FollowUp, Echo}:
        showing = list(items.visible())
        for item in showing:
            item.hide(by=by, reason=reason)
    else:
        showing = list(items.exclude(status=Sighting.Status.WITHDRAWN))
        for sighting in showing:
            sighting.take_down(by=by, reason=reason)
    return len(showing)


def _delete_all(items, *, by):
    found = list(items)
    for item in found:
        # Deleting one at a time, not in bulk, so that each leaves a copy in the history.
        item._history_user = by
        item.delete()
    return len(found)


class CleanUpForm(forms.Form):
    account = forms.CharField(label=_("Account"), help_text=_("The user name or email address."))
    since = forms.DateTimeField(
        label=_("Posted from"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    until = forms.DateTimeField(
        label=_("Posted up to"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    action = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            (
                HIDE,
                _("Hide it all: follow-ups hidden, sightings taken down (kept, can be undone)"),
            ),
            (DELETE, _("Delete it all (the history keeps a copy)")),
        ],
        initial=HIDE,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("Shown to the account's owner with each hidden item; kept in the history."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deactivate = forms.BooleanField(
        label=_("Deactivate the account, so it can no longer sign in"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.localtime()
        self.fields["since"].initial = now - datetime.timedelta(days=1)
        self.fields["until"].initial = now

    def clean_account(self):
        name = self.cleaned_data["account"].strip()
        users = get_user_model().objects.filter(Q(username__iexact=name) | Q(email__iexact=name))
        found = list(users[:2])
        if len(found) != 1:
            raise forms.ValidationError(_("No single account has that user name or email address."))
        return found[0]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since >= until:
            self.add_error("until", "The end of the window comes after its start.")
        return cleaned

    def found(self):
        data = self.cleaned_data
        return {
            kind: items.count()
            for kind, items in posted_by(data["account"], data["since"], data["until"]).items()
        }

    def clean_up(self, by):
        data = self.cleaned_data
        return clean_up(
            data["account"],
            since=data["since"],
            until=data["until"],
            action=data["action"],
            by=by,
            reason=data["reason"],
            deactivate=data["deactivate"],
        )
