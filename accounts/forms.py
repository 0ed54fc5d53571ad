from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Preferences
from accounts.names import ANONYMOUS_PRACTITIONER, own_name
from accounts.roles import is_convenor
from outbox import mail

PASSWORD_HELP = _("At least eight characters, not only numbers and not a common password.")


class HoneypotMixin(forms.Form):
    """A field that people never see and so leave empty; form-filling robots do not.

    It is hidden by the stylesheet, not by a type="hidden" input, because robots skip
    hidden inputs but fill every visible-looking text box.
    """

    website = forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(_("This form could not be accepted. Please try again."))
        return cleaned_data


class SignupForm(HoneypotMixin):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=150,
        help_text=_("You sign in with it; we never show it to anyone."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=150,
        help_text=_("Shown beside the sightings you post, for example “Priya, Hackney”."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = ["email", "display_name", "password", "website"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects
        if users.filter(email__iexact=email).exists() or users.filter(username=email).exists():
            raise forms.ValidationError(
                _("An account already uses this email address. Sign in, or reset your password."),
                code="taken",
            )
        return email

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if "@" in name:
            raise forms.ValidationError(_("Choose a name rather than an email address."))
        return name

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and not self.has_error("email"):
            candidate = get_user_model()(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("display_name", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def save(self):
        data = self.cleaned_data
        # The email address doubles as the username, so it is unique and the
        # email-or-username sign-in finds it; public_name never shows it.
        return get_user_model().objects.create_user(
            username=data["email"],
            email=data["email"],
            password=data["password"],
            first_name=data["display_name"],
        )


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Email address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That email address and password do not match an account. "
            "Check them and try again, or reset your password."
        ),
    }


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].label = _("New password again")


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, its email queued for the worker rather than sent in the request."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        mail.queue_now(
            mail.message(
                to=[to_email],
                subject=render_to_string(subject_template_name, context),
                body=render_to_string(email_template_name, context),
                html=(
                    render_to_string(html_email_template_name, context)
                    if html_email_template_name
                    else ""
                ),
            )
        )


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].label = _("New password again")


class SettingsForm(forms.ModelForm):
    show_name = forms.TypedChoiceField(
        label=_("Public name"),
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        help_text=_(
            "Shown beside your sightings, follow-ups and notes, in feeds, downloads and "
            "everywhere else your work appears."
        ),
    )

    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("The language of the Observatory's pages and of the emails it sends you."),
    )

    class Meta:
        model = Preferences
        fields = ["show_name", "language", "reminders", "convenor_alerts"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show_name"].choices = [
            (True, _("My name: %(name)s") % {"name": own_name(self.instance.user)}),
            (False, _("“%(anonymous)s”") % {"anonymous": ANONYMOUS_PRACTITIONER}),
        ]
        if not self.instance.language:
            self.initial["language"] = translation.get_language()

        # Only convenors are told of submissions, so only they are offered the switch.
        if not is_convenor(self.instance.user):
            del self.fields["convenor_alerts"]

    def clean_language(self):
        # Left unanswered, the language stays as it was: the one being read.
        return self.cleaned_data["language"] or self.instance.language or translation.get_language()
