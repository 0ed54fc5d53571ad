"""Versions, so that two people acting on one thing at once never undo each other's work.

A versioned model has a `version` field that each save counts up (`count_save`, called
from the model's save()). A form that changes one carries the version the person saw as
a hidden field (`SeenVersionMixin`). The change is made inside a transaction that first
locks the row (`lock`): if the version has moved on meanwhile, `Stale` is raised with the
row as it is now, nothing is saved, and the page shows both what is now saved and what
the person typed. The lock also makes two decisions pressed at the same instant wait for
each other, so the second sees the first's result rather than the state both started from.
"""

from django import forms
from django.utils.translation import gettext_lazy

CHANGED_MEANWHILE = gettext_lazy(
    "This changed after you opened the page (in another window, or someone else acted on "
    "it), so nothing was saved. What is saved now is shown on this page, and what you typed "
    "is kept: press the button again to save yours over it."
)


class Stale(Exception):
    """The object changed after the form was shown; `current` is how it is now."""

    def __init__(self, current):
        super().__init__(f"{current} has changed since it was shown.")
        self.current = current


def lock(instance, seen=None):
    """Lock the object's row until the transaction ends and return it as it is now.

    Call inside transaction.atomic(). With `seen`, refuse (Stale) if the version is no
    longer the one the person saw.
    """
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if seen is not None and current.version != seen:
        raise Stale(current)
    return current


def count_save(instance, save_kwargs):
    """Count one more version of an object about to be saved again (from its save())."""
    if instance._state.adding:
        return
    instance.version += 1
    if save_kwargs.get("update_fields") is not None:
        save_kwargs["update_fields"] = {*save_kwargs["update_fields"], "version"}


class SeenVersionMixin:
    """A form field, hidden, holding the version of the object the person was shown."""

    def add_seen_version(self, instance):
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput,
            required=False,
            min_value=1,
            initial=instance.version if instance.pk else None,
        )

    @property
    def seen_version(self):
        return self.cleaned_data.get("version")

    def lock_seen(self):
        """Inside a transaction, before saving: lock the row, refusing (Stale) if it moved on."""
        if self.instance.pk:
            self.instance.version = lock(self.instance, self.seen_version).version

    def refuse_stale(self, current, names, message=CHANGED_MEANWHILE):
        """Refuse the form: say why, keep what was typed, and return the named fields as saved now.

        What was typed is marked as seen against `current`, so pressing the button again
        saves it over what is there now, knowingly.
        """
        data = self.data.copy()
        data[self.add_prefix("version")] = current.version
        self.data = data
        self.add_error(None, message)
        return saved_now(current, names)


def saved_now(current, names):
    """Each named field's label and value as saved now, to show beside what was typed."""
    shown = []
    for name in names:
        field = current._meta.get_field(name)
        display = getattr(current, f"get_{name}_display", None)
        value = display() if display else field.value_from_object(current)
        shown.append((field.verbose_name, value))
    return shown
