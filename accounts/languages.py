"""A person's chosen language: kept in their preferences and in Django's language cookie."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url

from accounts.models import Preferences


def language_of(user):
    """The language a person reads: the one they chose, or the site's own."""
    if user is None or not getattr(user, "pk", None):
        return settings.LANGUAGE_CODE
    return Preferences.of(user).language or settings.LANGUAGE_CODE


def remember_language(response, language):
    """Set the language cookie as Django's own language switch does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def in_saved_language(user, response):
    """After signing in: the redirect goes to the page in the person's own language."""
    language = Preferences.of(user).language
    if not language or not isinstance(response, HttpResponseRedirect):
        return response
    redirected = HttpResponseRedirect(translate_url(response.url, language))
    redirected.cookies = response.cookies
    return remember_language(redirected, language)
