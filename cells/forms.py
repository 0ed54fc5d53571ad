from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cells.models import CellNote, DiscussedSighting
from core.keys import KeysChoiceField, is_key
from core.versions import SeenVersionMixin
from sightings.models import Shift, Sighting

PICKER_RESULTS = 20


class CellNoteForm(SeenVersionMixin, forms.ModelForm):
    """A cell's meeting note. Only the title is needed for a draft; publishing needs more."""

    sightings = KeysChoiceField(
        queryset=Sighting.objects.published(),
        required=False,
        label=_("Linked sightings"),
        # The picker in the template draws its own checkboxes, only for the sightings
        # picked or found, so the whole published list is never rendered.
        widget=forms.MultipleHiddenInput,
        error_messages={
            "invalid_choice": _(
                "Only published sightings can be linked; one you picked is no longer public."
            ),
        },
    )

    class Meta:
        model = CellNote
        fields = ["title", "met_on", "summary", "body", "topics_next", "next_meeting", "sightings"]
        widgets = {
            "met_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "next_meeting": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "topics_next": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"body": _("Body")}
        help_texts = {
            "summary": _("What the meeting found, in a paragraph."),
            "body": _(
                "A note usually covers the aims of the meeting, any presentations and "
                "the points raised in discussion. You can use Markdown: headings, *emphasis*, "
                "lists and links."
            ),
            "next_meeting": _("Optional. Date and time; visitors can add it to their calendar."),
        }

    def __init__(self, *args, publishing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.publishing = publishing
        self.add_seen_version(self.instance)
        for name in CellNote.REQUIRED_TO_PUBLISH:
            field = self.fields[name]
            needed = _("Needed before publishing.")
            field.help_text = (
                format_lazy("{} {}", field.help_text, needed) if field.help_text else needed
            )
            field.required = publishing
            field.marked_required = True
        if not self.is_bound and self.instance.pk:
            # A linked sighting withdrawn since is dropped quietly on the next save.
            self.initial["sightings"] = list(
                self.instance.sightings.published().values_list("pk", flat=True)
            )

    def clean(self):
        cleaned = super().clean()
        met_on, next_meeting = cleaned.get("met_on"), cleaned.get("next_meeting")
        if met_on and next_meeting and timezone.localdate(next_meeting) <= met_on:
            self.add_error(
                "next_meeting", _("The next meeting comes after the one this note records.")
            )
        return cleaned


class SightingPickerForm(forms.Form):
    """Finds published sightings to link, inside the note form, without JavaScript."""

    q = forms.CharField(label=_("Words in the title"), required=False, max_length=120)
    shift = forms.ModelChoiceField(
        label=_("Shift"),
        queryset=Shift.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any shift"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "find")
        super().__init__(*args, **kwargs)

    @property
    def searched(self):
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())

    def results(self, exclude=()):
        """Up to PICKER_RESULTS matches, newest first, and whether there were more."""
        if not self.searched:
            return [], False
        sightings = Sighting.objects.published().exclude(pk__in=exclude)
        for word in self.cleaned_data["q"].split():
            sightings = sightings.filter(title__icontains=word)
        if shift := self.cleaned_data["shift"]:
            sightings = sightings.with_shift(shift.slug)
        found = list(sightings.newest_first().prefetch_related("shifts")[: PICKER_RESULTS + 1])
        return found[:PICKER_RESULTS], len(found) > PICKER_RESULTS


def picked_sightings(pks):
    """The published sightings among these keys, for the picker's ticked boxes."""
    pks = [pk for pk in pks if is_key(pk)]
    if not pks:
        return []
    return list(Sighting.objects.published().filter(pk__in=pks).order_by("title"))


class ReadingForm(forms.ModelForm):
    """How the meeting read one linked sighting, beside its box in the picker."""

    class Meta:
        model = DiscussedSighting
        fields = ["reading", "why"]
        help_texts = {"reading": "", "why": ""}
        error_messages = {
            "reading": {"invalid_choice": _("Choose one of the readings offered, or “Not said”.")},
            "why": {"max_length": _("Keep it to one line of at most %(limit_value)d characters.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reading"].choices = [("", _("Not said")), *DiscussedSighting.Reading.choices]


class Readings:
    """One ReadingForm for each picked sighting, posted with the note form.

    Fields are named after the sighting ("reading-12-why"), so a sighting's reading
    travels with it through searches and previews however the picks change.
    """

    def __init__(self, note, sightings, data=None, bound=False):
        links = {link.sighting_id: link for link in note.discussed.all()} if note.pk else {}
        self.forms = [
            (
                sighting,
                ReadingForm(
                    data if bound else None,
                    # Searching keeps what was chosen without showing errors yet.
                    initial=None if bound or data is None else _posted(data, sighting.pk),
                    prefix=f"reading-{sighting.pk}",
                    instance=links.get(sighting.pk) or DiscussedSighting(sighting=sighting),
                ),
            )
            for sighting in sightings
        ]

    def __iter__(self):
        return iter(self.forms)

    def is_valid(self):
        # Every form is checked, not only up to the first mistake, so each shows its errors.
        valid = [form.is_valid() for _sighting, form in self.forms]
        return all(valid)

    def chosen(self):
        """{sighting id: (reading, why)} from valid forms."""
        return {
            sighting.pk: (form.cleaned_data["reading"], form.cleaned_data["why"].strip())
            for sighting, form in self.forms
        }


def _posted(data, pk):
    prefix = f"reading-{pk}-"
    return {name: data[prefix + name] for name in ReadingForm.Meta.fields if prefix + name in data}
