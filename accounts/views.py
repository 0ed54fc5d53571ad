from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django_ratelimit.decorators import ratelimit

from accounts.forms import SignupForm

# Generous for a household or an office behind one address, tight for a robot.
SIGNUP_RATE = "5/h"


def rate_limited(request, exception=None):
    return render(request, "429.html", status=429)


@ratelimit(key="ip", rate=SIGNUP_RATE, method="POST", block=False)
def signup(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    if getattr(request, "limited", False):
        return rate_limited(request)
    form = SignupForm(request.POST or None)
    if form.is_valid():
        user = form.save()
        login(request, user, backend="accounts.backends.EmailOrUsernameBackend")
        messages.success(request, "Welcome to the Observatory. Your account is ready.")
        return redirect(_safe_next(request))
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": request.POST.get("next", request.GET.get("next", ""))},
    )


def _safe_next(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)
