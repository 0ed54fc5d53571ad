from django import forms
from django.utils.translation import gettext_lazy as _


class CloseAccountForm(forms.Form):
    KEEP, WITHDRAW = "keep", "withdraw"

    published = forms.ChoiceField(
        label=_("What happens to your published sightings?"),
        choices=[
            (KEEP, _("Leave them up, without my name: they show as by “a former practitioner”")),
            (WITHDRAW, _("Withdraw them: nobody sees them any more")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to your published sightings.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        help_text=_("To be sure it is you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to close your account.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password. Nothing was changed."))
        return password

    @property
    def keep_published(self):
        return self.cleaned_data["published"] == self.KEEP
