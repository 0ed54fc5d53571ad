from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from accounts import signups
from accounts.forms import LoginForm, PasswordResetForm, SettingsForm, SignupForm
from accounts.languages import in_saved_language, remember_language
from accounts.models import Preferences

# How often one client address may post each form, by django-ratelimit's group name.
RATES = {
    # Generous for a household, an office or a training session behind one address,
    # tight for a robot.
    "accounts:signup": "20/h",
    # The lock-out guards one account; this slows one address trying many accounts.
    "accounts:sign-in": "30/15m",
    # Each reset request sends an email, so a robot must not be able to send many.
    "accounts:password-reset": "5/h",
}


def rate(group, request):
    """The rate for a form, read at each request; the refusal page reads it back."""
    request.rate_limit = (group, RATES[group])
    return RATES[group]


@ratelimit(group="accounts:signup", key="ip", rate=rate, method="POST")
def signup(request):
    """Every valid sign-up is answered alike, whether or not the address has an account
    (accounts/signups.py says why and how)."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if form.is_valid():
        next_url = _on_this_site(request, request.POST.get("next", ""))
        signups.sign_up(request, form.cleaned_data, next_url=next_url)
        return redirect("accounts:signup-sent")
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": request.POST.get("next", request.GET.get("next", ""))},
    )


def signup_sent(request):
    return render(request, "accounts/signup_sent.html")


def signup_confirm(request, uidb64, token):
    """The link emailed to a new address: a button that confirms it and signs in.

    A button rather than the link itself, so that a mail program that opens links to
    check them does not spend it."""
    user = signups.waiting_account(uidb64, token)
    if user is None:
        return render(request, "accounts/signup_confirm.html", {"valid": False})
    if request.method != "POST":
        return render(request, "accounts/signup_confirm.html", {"valid": True})
    signups.confirm(user)
    login(request, user, backend="accounts.backends.EmailOrUsernameBackend")
    messages.success(request, _("Welcome to the Observatory. Your account is ready."))
    # The page to go on to travels in the link.
    next_url = _on_this_site(request, request.GET.get("next", ""))
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


_login_view = auth_views.LoginView.as_view(
    redirect_authenticated_user=True, authentication_form=LoginForm
)


@ratelimit(group="accounts:sign-in", key="ip", rate=rate, method="POST")
def sign_in(request):
    response = _login_view(request)
    if request.method == "POST" and request.user.is_authenticated:
        return in_saved_language(request.user, response)
    return response


class SignOutView(auth_views.LogoutView):
    """Signs out by POST; a GET, from a bookmark or a typed address, asks first."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "registration/logout_confirm.html")


def _on_this_site(request, target):
    """`target` if it is an address on this site, else an empty string."""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


_password_reset_form = auth_views.PasswordResetView.as_view(
    form_class=PasswordResetForm,
    success_url=reverse_lazy("accounts:password-reset-done"),
    email_template_name="registration/password_reset_email.txt",
    subject_template_name="registration/password_reset_subject.txt",
)


password_reset = ratelimit(group="accounts:password-reset", key="ip", rate=rate, method="POST")(
    _password_reset_form
)


@login_required
def my_settings(request):
    form = SettingsForm(request.POST or None, instance=Preferences.of(request.user))
    if form.is_valid():
        preferences = form.save()
        with translation.override(preferences.language):
            messages.success(request, _("Your settings are saved."))
            response = redirect("me:settings")
        return remember_language(response, preferences.language)
    return render(request, "accounts/settings.html", {"form": form})
