from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.forms import HoneypotMixin
from core import versions
from core.keys import KeysChoiceField
from core.versions import SeenVersionMixin
from sightings.models import FollowUp, Place, Shift, Sighting, Theme
from sightings.places import place_key
from sightings.themes import MAX_THEME_LENGTH, MAX_THEMES, normalise_theme, parse_themes

THEMES_HELP = format_lazy(
    _(
        "Optional. Up to {count}, separated by commas, for example “loneliness, mutual aid”. "
        "Use a theme that is already in use where one fits."
    ),
    count=MAX_THEMES,
)


class ShiftChoiceField(KeysChoiceField):
    """The five shifts as checkboxes; templates show each one's description beside it."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Shift.objects.order_by("position"))
        kwargs.setdefault("label", _("Shifts"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Which of the five shifts did you see? Choose one or more.")
        )
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return obj.translated_name


class ThemesField(forms.CharField):
    """Comma-separated themes in, a clean list of theme names out."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Themes"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", THEMES_HELP)
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"list": "theme-options", "autocomplete": "off", "data-theme-suggestions": ""}
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        themes = parse_themes(super().clean(value))
        if len(themes) > MAX_THEMES:
            raise forms.ValidationError(
                _("Choose at most %(limit)s themes; you gave %(count)s.")
                % {"limit": MAX_THEMES, "count": len(themes)}
            )
        if too_long := [theme for theme in themes if len(theme) > MAX_THEME_LENGTH]:
            raise forms.ValidationError(
                _(
                    "Keep each theme under %(limit)s characters: “%(start)s…” is too long. "
                    "Separate themes with commas."
                )
                % {"limit": MAX_THEME_LENGTH, "start": too_long[0][:20]}
            )
        return themes


def themes_as_text(sighting):
    if not sighting.pk:
        return ""
    return ", ".join(theme.name for theme in sighting.themes.order_by("name"))


def use_direction_choices(field):
    """The two directions as radio buttons, forward chosen unless a person says otherwise.

    Left unanswered (a draft saved from an older form, say) it means forward.
    """
    field.choices = list(Sighting.Direction.choices)
    field.required = False
    field.initial = field.initial or Sighting.Direction.FORWARD


class SightingForm(HoneypotMixin, SeenVersionMixin, forms.ModelForm):
    """Writing a sighting: a draft needs only a title, a submission every
    field in Sighting.REQUIRED_TO_SUBMIT.

    `submitting` switches on the rules for review, so that Save draft and Preview
    accept a half-written sighting and Submit for review does not.
    """

    shifts = ShiftChoiceField()
    themes = ThemesField()
    source_url = forms.URLField(
        label=_("Source link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Optional. A link to a report, post or article about it."),
    )

    class Meta:
        model = Sighting
        fields = [
            "title",
            "summary",
            "story",
            "place",
            "date_observed",
            "setting",
            "shifts",
            "direction",
            "themes",
            "connection",
            "source_url",
            "consent",
        ]
        # Each label is the field's name, then the question a person answers.
        labels = {
            "summary": _("Summary — In a sentence or two"),
            "story": _("Story — What did you see?"),
            "place": _("Place — Where?"),
            "connection": _("Connection — Who was brought together?"),
            "consent": _("No one can be identified in this sighting without their consent."),
        }
        help_texts = {
            "title": _("A short headline, at most 120 characters."),
            "summary": _("What changed? At most 300 characters."),
            "story": _(
                "Who was involved, what happened and why it matters. "
                "You can use Markdown: *emphasis*, lists and links."
            ),
            "place": _("A town, borough or neighbourhood, for example “Hackney, London”."),
            "date_observed": _("When you saw it. It cannot be in the future."),
            "connection": _("Optional: people like each other, unlike each other, or both."),
            "direction": _("Along the shifts you chose: most sightings move forward."),
            "consent": _("Tick to confirm."),
        }
        error_messages = {
            "title": {"required": _("Give your sighting a title, even for a draft.")},
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "story": forms.Textarea(attrs={"rows": 12}),
            "date_observed": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "connection": forms.RadioSelect,
            "direction": forms.RadioSelect,
        }

    field_order = Meta.fields + ["website"]

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.add_seen_version(self.instance)
        self.initial["themes"] = themes_as_text(self.instance)
        self.fields["setting"].choices = [("", _("Choose a setting"))] + list(
            Sighting.Setting.choices
        )
        self.fields["connection"].choices = list(Sighting.Connection.choices)
        self.fields["connection"].required = False
        use_direction_choices(self.fields["direction"])
        for name, message in Sighting.REQUIRED_TO_SUBMIT.items():
            field = self.fields[name]
            field.help_text = format_lazy(
                "{} {}", field.help_text, _("Needed to submit for review.")
            )
            # Marked the same on every render, so a label never changes under a person.
            field.marked_required = True
            if submitting:
                field.required = True
                field.error_messages = {**field.error_messages, "required": message}

    def clean_direction(self):
        return self.cleaned_data.get("direction") or Sighting.Direction.FORWARD

    def _post_clean(self):
        super()._post_clean()
        if "place" in self.changed_data:
            # Matched again on submission, to what the author now says.
            self.instance.place_ref = None

    def preview(self):
        """What the public page would show, from the form alone: nothing is saved."""
        return self.instance.preview(
            shifts=self.cleaned_data["shifts"], themes=self.cleaned_data["themes"]
        )


class ToldSightingForm(SightingForm):
    """A sighting told to a convenor on paper, on the phone or in person, typed in by them.

    The convenor becomes its author, so another convenor reviews it like any other;
    the public page credits the teller (or nobody) and says whom it was told to.
    """

    TOLD_FIELDS = ["told_via", "told_by", "consent_given", "consent_note"]
    # A spreadsheet's sightings come in through the import, not one by one.
    WAYS_TOLD = [
        choice for choice in Sighting.Telling.choices if choice[0] != Sighting.Telling.IMPORT
    ]
    WAYS_OF_CONSENT = [
        choice for choice in Sighting.Consent.choices if choice[0] != Sighting.Consent.WEB_FORM
    ]

    class Meta(SightingForm.Meta):
        fields = [
            "told_via",
            "told_by",
            "consent_given",
            "consent_note",
            *SightingForm.Meta.fields,
        ]
        labels = {
            **SightingForm.Meta.labels,
            "told_via": _("How was it told to you?"),
            "told_by": _("The teller's name, as it may be shown"),
            "consent_given": _("How was consent given?"),
            "consent_note": _("How, if other"),
        }
        help_texts = {
            **SightingForm.Meta.help_texts,
            "told_by": _("Leave empty to show the teller as anonymous."),
            "consent_note": _("Needed when consent was given some other way."),
        }
        widgets = {
            **SightingForm.Meta.widgets,
            "told_via": forms.RadioSelect,
            "consent_given": forms.RadioSelect,
        }

    field_order = Meta.fields + ["website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ways = self.WAYS_TOLD
        if self.instance.told_via == Sighting.Telling.IMPORT:
            ways = [*ways, (Sighting.Telling.IMPORT, Sighting.Telling.IMPORT.label)]
        self.fields["told_via"].choices = ways
        # Always asked, even for a draft: it is what keeps the sighting one told to a convenor.
        self.fields["told_via"].required = True
        if not self.instance.told_via:
            self.initial["told_via"] = Sighting.Telling.PAPER
        consent = self.fields["consent_given"]
        consent.choices = self.WAYS_OF_CONSENT
        consent.required = self.submitting
        consent.marked_required = True
        consent.error_messages["required"] = _("Say how the teller gave their consent.")
        if self.instance.consent_given == Sighting.Consent.WEB_FORM:
            # Nobody ticked a web form here: unanswered until the convenor says how.
            self.instance.consent_given = ""
            self.initial["consent_given"] = ""

    def clean_told_by(self):
        return " ".join(self.cleaned_data["told_by"].split())

    def clean(self):
        cleaned = super().clean()
        other = cleaned.get("consent_given") == Sighting.Consent.OTHER
        if self.submitting and other and not cleaned.get("consent_note", "").strip():
            self.add_error("consent_note", _("Say how consent was given."))
        return cleaned


class ImportForm(forms.Form):
    """A CSV file of sightings and how their tellers gave consent, all at once."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, in the open data's columns, at most 2 MB and 1,000 sightings. "
            "Nothing is saved until you have seen every row checked."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": _("Choose a CSV file to upload."),
            "empty": _("The file is empty."),
        },
    )
    consent_given = forms.ChoiceField(
        label=_("How did the tellers give their consent?"),
        choices=ToldSightingForm.WAYS_OF_CONSENT,
        widget=forms.RadioSelect,
    )
    consent_note = forms.CharField(
        label=_("How, if other"),
        required=False,
        max_length=300,
        help_text=_("Needed when consent was given some other way."),
    )
    consent = forms.BooleanField(
        label=SightingForm.Meta.labels["consent"],
        help_text=_("Tick to confirm it for every sighting in the file."),
        error_messages={"required": _("Confirm this for every sighting before importing.")},
    )

    def clean(self):
        cleaned = super().clean()
        other = cleaned.get("consent_given") == Sighting.Consent.OTHER
        if other and not cleaned.get("consent_note", "").strip():
            self.add_error("consent_note", _("Say how consent was given."))
        return cleaned


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["outcome", "observed_on", "note"]
        labels = {"observed_on": _("When did you last look?")}
        help_texts = {"outcome": _("Compared with when you first saw it.")}
        widgets = {
            "outcome": forms.RadioSelect,
            "observed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        }

    def __init__(self, *args, sighting, **kwargs):
        super().__init__(*args, **kwargs)
        self.sighting = sighting
        self.fields["outcome"].choices = list(FollowUp.Outcome.choices)

    def clean_observed_on(self):
        day = self.cleaned_data["observed_on"]
        published = self.sighting.published_at
        if published and day < timezone.localtime(published).date():
            raise forms.ValidationError(_("The date cannot be before the sighting was published."))
        return day

    def save_for(self, author):
        follow_up = self.save(commit=False)
        follow_up.sighting = self.sighting
        follow_up.author = author
        follow_up.save()
        return follow_up


class FollowUpHideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why hide it?"),
        max_length=500,
        help_text=_("Its author sees this; it is also kept in the follow-up's history."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )


class ReviewForm(SeenVersionMixin, forms.Form):
    """A convenor's decision, with any change to the shifts and themes it rests on."""

    DECISIONS = {
        # First, so that pressing Enter in a field shows the changes and decides nothing.
        "preview": _("Show the changes"),
        "publish": _("Publish"),
        "return": _("Return with feedback"),
        "decline": _("Decline"),
    }

    # The decisions that tell the author why, by the status each leads to.
    NEEDS_FEEDBACK = {"return": Sighting.Status.RETURNED, "decline": Sighting.Status.DECLINED}

    shifts = ShiftChoiceField(help_text=_("Adjust if the author chose too many or too few."))
    direction = forms.ChoiceField(
        label=_("Which way is it moving?"),
        widget=forms.RadioSelect,
        help_text=_("Correct it if the story tells of a shift slipping back, or moving forward."),
    )
    themes = ThemesField(
        help_text=format_lazy(
            _("Up to {count}, separated by commas. Adjust if needed."), count=MAX_THEMES
        )
    )
    place_name = forms.CharField(
        label=_("Place on the map"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"list": "place-options", "autocomplete": "off"}),
        help_text=_(
            "The place this sighting counts towards on the places pages and insights. Choose "
            "another place if the match is wrong, or type a new one. Left empty, it is matched "
            "from what the author typed."
        ),
    )
    feedback = forms.CharField(
        label=_("Feedback or reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Needed to return or decline: the author reads it by email and in My sightings. "
            "Leave empty to publish."
        ),
    )
    decision = forms.ChoiceField(choices=list(DECISIONS.items()), widget=forms.HiddenInput)

    def __init__(self, *args, sighting, **kwargs):
        super().__init__(*args, **kwargs)
        self.sighting = sighting
        self.add_seen_version(sighting)
        self.fields["shifts"].initial = list(sighting.shifts.all())
        self.fields["direction"].initial = sighting.direction
        use_direction_choices(self.fields["direction"])
        self.fields["themes"].initial = themes_as_text(sighting)
        self.fields["place_name"].initial = sighting.place_ref.name if sighting.place_ref else ""

    def clean_place_name(self):
        name = " ".join(self.cleaned_data.get("place_name", "").split())
        if name and not place_key(name):
            raise forms.ValidationError(
                _("Give the place a name with at least one letter or number.")
            )
        return name

    def chosen_place(self):
        """The place the convenor chose, made if new; None leaves it to be matched."""
        name = self.cleaned_data["place_name"]
        current = self.sighting.place_ref
        if current and name == current.name:
            return current
        return Place.objects.for_name(name)

    def clean_direction(self):
        return self.cleaned_data.get("direction") or self.sighting.direction

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        feedback = cleaned.get("feedback", "").strip()
        if decision in self.NEEDS_FEEDBACK and not feedback:
            self.add_error("feedback", Sighting.FEEDBACK_NEEDED[self.NEEDS_FEEDBACK[decision]])
        if decision == "publish" and "shifts" in cleaned and not cleaned["shifts"]:
            self.add_error("shifts", _("Choose at least one shift before publishing."))
        return cleaned

    @property
    def is_preview(self):
        return self.cleaned_data.get("decision") == "preview"

    def decide(self, by):
        """Apply the tagging and the decision together, or neither."""
        data = self.cleaned_data
        sighting = self.sighting
        with transaction.atomic():
            # First, so that a decision on a sighting changed since it was shown changes
            # nothing, and one made at the same instant as another waits for it.
            versions.lock(sighting, self.seen_version)
            sighting.shifts.set(data["shifts"])
            sighting.themes.set(data["themes"])
            # Saved by the decision itself, which writes the whole sighting.
            sighting.direction = data["direction"]
            sighting.place_ref = self.chosen_place()
            if data["decision"] == "publish":
                sighting.publish(by=by)
            elif data["decision"] == "return":
                sighting.return_to_author(by=by, feedback=data["feedback"].strip())
            else:
                sighting.decline(by=by, reason=data["feedback"].strip())
        return data["decision"]


class ThemeNameField(forms.ModelChoiceField):
    """An existing theme, typed by name (offered from a datalist) rather than picked by id."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Theme.objects.all())
        kwargs.setdefault("to_field_name", "name")
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": "all-themes", "autocomplete": "off"})
        )
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("There is no theme called that. Choose one from the list.")},
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(normalise_theme(value or ""))


class RenameThemeForm(forms.Form):
    theme = ThemeNameField(label=_("Theme to rename"))
    new_name = forms.CharField(
        label=_("New name"),
        max_length=MAX_THEME_LENGTH,
        help_text=_("Lower case is used for every theme. Every sighting keeps the theme."),
    )

    def clean_new_name(self):
        name = normalise_theme(self.cleaned_data["new_name"])
        if not name:
            raise forms.ValidationError(_("Give the theme a name."))
        return name

    def clean(self):
        cleaned = super().clean()
        theme, name = cleaned.get("theme"), cleaned.get("new_name")
        if theme and name:
            if theme.name == name:
                self.add_error("new_name", _("That is already its name."))
            elif Theme.objects.filter(name=name).exists():
                self.add_error(
                    "new_name",
                    _("There is already a theme called “%(name)s”: merge them instead.")
                    % {"name": name},
                )
        return cleaned

    def save(self):
        theme = self.cleaned_data["theme"]
        old_name = theme.name
        theme.rename(self.cleaned_data["new_name"])
        return old_name, theme


class MergeIntoForm(forms.Form):
    """Merges `source` into `target`: both themes or both places, never one into itself."""

    into_itself = ""

    def clean(self):
        cleaned = super().clean()
        source, target = cleaned.get("source"), cleaned.get("target")
        if source and target and source.pk == target.pk:
            self.add_error("target", self.into_itself)
        return cleaned

    def save(self):
        source, target = self.cleaned_data["source"], self.cleaned_data["target"]
        name = source.name
        source.merge_into(target)
        return name, target


class MergeThemesForm(MergeIntoForm):
    source = ThemeNameField(
        label=_("Merge this theme"),
        help_text=_("It disappears; its sightings move to the theme below."),
    )
    target = ThemeNameField(label=_("Into this theme"), help_text=_("It stays, with both sets."))
    into_itself = _("Choose a different theme to merge into.")


class PlaceNameField(forms.CharField):
    """An existing place, typed by name (offered from a datalist); any spelling of it will do."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": "all-places", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        name = super().clean(value)
        key = place_key(name)
        place = Place.objects.filter(key=key).first() if key else None
        if place is None:
            raise forms.ValidationError(
                _("There is no place called that. Choose one from the list.")
            )
        return place


class RenamePlaceForm(forms.Form):
    place = PlaceNameField(label=_("Place to rename"))
    new_name = forms.CharField(
        label=_("New name"),
        max_length=200,
        help_text=_("Its sightings keep it, and its old address leads to the new one."),
    )

    def clean_new_name(self):
        name = " ".join(self.cleaned_data["new_name"].split())
        if not place_key(name):
            raise forms.ValidationError(
                _("Give the place a name with at least one letter or number.")
            )
        return name

    def clean(self):
        cleaned = super().clean()
        place, name = cleaned.get("place"), cleaned.get("new_name")
        if place and name:
            if place.name == name:
                self.add_error("new_name", _("That is already its name."))
            elif Place.objects.filter(key=place_key(name)).exclude(pk=place.pk).exists():
                self.add_error(
                    "new_name",
                    _("There is already a place called “%(name)s”: merge them instead.")
                    % {"name": name},
                )
        return cleaned

    def save(self):
        place = self.cleaned_data["place"]
        old_name = place.name
        place.rename(self.cleaned_data["new_name"])
        return old_name, place


class MergePlacesForm(MergeIntoForm):
    source = PlaceNameField(
        label=_("Merge this place"),
        help_text=_(
            "It disappears; its sightings move to the place below, and its address leads there."
        ),
    )
    target = PlaceNameField(label=_("Into this place"), help_text=_("It stays, with both sets."))
    into_itself = _("A place cannot be merged into itself: choose another place.")


class LocatePlaceForm(forms.Form):
    place = PlaceNameField(label=_("Place to locate"))
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_(
            "Degrees north, for example 51.5449. Leave both empty to look it up in the "
            "gazetteer of towns."
        ),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        help_text=_("Degrees east; west is negative, for example -0.0553."),
    )
    region = forms.CharField(
        label=_("Region"),
        required=False,
        max_length=100,
        help_text=_(
            "Optional, for example “Wales” or “North East”. Left empty, it stays as it is."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not self.errors:
            missing = "longitude" if longitude is None else "latitude"
            self.add_error(missing, _("Give both the latitude and the longitude, or neither."))
        place = cleaned.get("place")
        looked_up = place and latitude is None and longitude is None and not self.errors
        if looked_up and not place.locate_from_gazetteer():
            self.add_error(
                "latitude",
                _("The gazetteer has no town called “%(name)s”: type its coordinates.")
                % {"name": place.name},
            )
        return cleaned

    def save(self):
        place, data = self.cleaned_data["place"], self.cleaned_data
        if data["latitude"] is not None:
            place.latitude, place.longitude = data["latitude"], data["longitude"]
        if data["region"].strip():
            place.region = data["region"].strip()
        place.save()
        return place.name, place
