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
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

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
    # How often one client address may be told that an email address already has an
    # account: enough for someone who forgot they signed up, too few to sift a list.
    "accounts:signup-taken": "5/h",
    # How often anyone may be told so of one email address, from however many clients.
    "accounts:signup-taken-address": "5/h",
}


def rate(group, request):
    """The rate for a form, read at each request; the refusal page reads it back."""
    request.rate_limit = (group, RATES[group])
    return RATES[group]


@ratelimit(group="accounts:signup", key="ip", rate=rate, method="POST")
def signup(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if form.has_error("email", "taken") and told_too_often(request):
        raise Ratelimited()
    if form.is_valid():
        user = form.save()
        Preferences.objects.create(user=user, language=translation.get_language())
        login(request, user, backend="accounts.backends.EmailOrUsernameBackend")
        messages.success(request, _("Welcome to the Observatory. Your account is ready."))
        return redirect(_safe_next(request))
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": request.POST.get("next", request.GET.get("next", ""))},
    )


def told_too_often(request):
    """Whether this client, or anyone asking about this email address, has been told
    too often that it has an account. Each count goes up on every asking, so neither
    limit wears down while the other refuses."""
    limits = [
        ("accounts:signup-taken", "ip"),
        ("accounts:signup-taken-address", _typed_email),
    ]
    refusing = [
        group
        for group, key in limits
        if is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)
    ]
    if refusing:
        # The refusal page names the limit that was reached.
        rate(refusing[0], request)
    return bool(refusing)


def _typed_email(_group, request):
    return request.POST.get("email", "").strip().lower()


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


def _safe_next(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


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
