"""English at today's addresses, Welsh under /cy/: the switch, the first visit, the alternates.

A person's language is the one in the address. The switch in the header posts to
`switch_language`, which keeps the choice in Django's language cookie (and, for a
signed-in person, in their preferences, so it follows them to another device) and
returns them to the same page in the other language. A visitor who has never chosen
is sent, on their first visit to an English address, to the Welsh one when their
browser prefers Welsh.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.models import Preferences


def language_names():
    return dict(settings.LANGUAGES)


def is_known_language(code):
    return code in language_names()


class FirstVisitLanguageMiddleware:
    """Send a first-time visitor whose browser prefers Welsh to the Welsh address.

    Only a visitor with no language cookie is moved, and only from an English page
    that has a Welsh twin, so choosing English with the switch is always respected
    and addresses outside the language prefix (the API, the admin) never move.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self._welsh_twin_for_first_visit(request)
        response = HttpResponseRedirect(target) if target else self.get_response(request)
        if self._in_default_language_without_prefix(request):
            # The same English address may answer a redirect to another browser.
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response

    def _welsh_twin_for_first_visit(self, request):
        if request.method not in {"GET", "HEAD"}:
            return None
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return None
        if not self._in_default_language_without_prefix(request):
            return None
        preferred = translation.get_language_from_request(request, check_path=False)
        if preferred == settings.LANGUAGE_CODE or not is_known_language(preferred):
            return None
        twin = translate_url(request.get_full_path(), preferred)
        return twin if twin != request.get_full_path() else None

    @staticmethod
    def _in_default_language_without_prefix(request):
        return translation.get_language_from_path(request.path_info) is None


@csrf_exempt
@require_POST
def switch_language(request):
    # The switch sits on every page, including the ones kept whole for every visitor,
    # which cannot carry one visitor's CSRF token; for a visitor a forged switch could
    # only change the language of the next page. A signed-in person's choice is saved
    # to their account, so for them the token is checked as on any other form.
    if request.user.is_authenticated:
        return _switch_and_remember(request)
    return _switch(request)


def _switch(request):
    # Django finds the page's twin by resolving `next` in the language being read; the
    # switch's own address has no prefix, so read `next` in the language of its own.
    next_url = request.POST.get("next", "")
    if not is_known_language(request.POST.get("language")):
        # Django would take any language it has a translation of; this site has two.
        request.POST = request.POST.copy()
        request.POST.pop("language", None)
    with translation.override(translation.get_language_from_path(next_url)):
        return set_language(request)


@csrf_protect
def _switch_and_remember(request):
    response = _switch(request)
    language = request.POST.get("language", "")
    if is_known_language(language):
        preferences = Preferences.of(request.user)
        preferences.language = language
        preferences.save()
    return response


def alternates(request):
    """The page's address in each language, for hreflang links and the switch."""
    current = translation.get_language()
    try:
        request.get_host()
    except DisallowedHost:
        # The page refusing an unknown host has no address of its own to offer.
        return {"language_alternates": [], "html_lang": bcp47(current)}
    path = _address_without_onward_link(request)
    others = []
    for code, name in settings.LANGUAGES:
        address = path if code == current else translate_url(path, code)
        if code != current and address == path:
            # This page has no twin in that language (it lives outside the prefix).
            continue
        others.append(
            {
                "code": code,
                "hreflang": bcp47(code),
                "name": name,
                "url": request.build_absolute_uri(address),
                "path": address,
                "current": code == current,
            }
        )
    return {
        "language_alternates": others if len(others) > 1 else [],
        "html_lang": bcp47(current),
    }


def _address_without_onward_link(request):
    # Filters and page numbers carry over to the other language; an onward `next`
    # address is the sign-in form's business and is never echoed into every link.
    query = request.GET.copy()
    query.pop("next", None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def bcp47(code):
    """Django's "en-gb" as HTML and hreflang write it: "en-GB"."""
    language, _, region = (code or settings.LANGUAGE_CODE).partition("-")
    return f"{language}-{region.upper()}" if region else language
