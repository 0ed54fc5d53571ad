"""Security headers and cookie flags on the pages people reach first."""

import pytest

from tests.factories import PASSWORD, CellFactory

PAGES = ["home", "sightings", "sighting", "cells", "login", "missing"]


@pytest.fixture
def page_urls(published_sighting):
    cell = CellFactory()
    return {
        "home": "/",
        "sightings": "/sightings/",
        "sighting": published_sighting.get_absolute_url(),
        "cells": cell.get_absolute_url(),
        "login": "/accounts/login/",
        "missing": "/no-such-page/",
    }


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("name", PAGES)
def test_page_sends_a_content_security_policy_without_inline_script(client, page_urls, name):
    response = client.get(page_urls[name])
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", PAGES)
def test_page_sends_the_browser_hardening_headers(client, page_urls, name):
    response = client.get(page_urls[name])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_https_responses_carry_strict_transport_security(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_plain_http_is_redirected_to_https_except_the_health_check(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/sightings/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/sightings/"
    assert client.get("/healthz").status_code == 200


def test_behind_a_tls_proxy_the_forwarded_scheme_is_trusted(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/sightings/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200


def test_session_and_csrf_cookies_are_http_only_and_same_site(client, practitioner, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client.get("/accounts/login/")
    csrf = client.cookies["csrftoken"]
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"
    assert csrf["secure"] is True

    response = client.post(
        "/accounts/login/",
        {"username": practitioner.username, "password": PASSWORD, "next": "/"},
    )
    assert response.status_code == 302
    session = client.cookies["sessionid"]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert session["secure"] is True
