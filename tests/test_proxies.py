"""Behind a proxy, every rate limit and lock-out counts the real client's address."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory

from accounts import views
from core.client_address import client_address
from tests.factories import PASSWORD, UserFactory
from tests.test_accounts import GOOD_SIGNUP, LOGIN, SIGNUP

PROXY = "10.0.0.1"


def through_proxy(client_ip):
    """What the proxy in front sends on: its own address, the client's appended."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"198.51.100.66, {client_ip}"}


@pytest.mark.parametrize(
    ("proxies", "meta", "address"),
    [
        # Nothing in front: whatever a client writes in X-Forwarded-For is ignored.
        (0, {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": "192.0.2.1"}, "203.0.113.5"),
        (0, {"REMOTE_ADDR": "203.0.113.5"}, "203.0.113.5"),
        # One proxy: the address it appended, not what the client wrote before it.
        (
            1,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.5"},
            "203.0.113.5",
        ),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "203.0.113.5"),
        # Two proxies: the second appended the first's address after the client's.
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.1, 203.0.113.5, 10.0.0.2"},
            "203.0.113.5",
        ),
        # A request that did not pass every proxy, or garbage: the connection's own address.
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address"}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "2001:db8::7"}, "2001:db8::7"),
    ],
)
def test_the_client_address_is_the_one_the_proxies_in_front_saw(settings, proxies, meta, address):
    settings.PROXY_COUNT = proxies
    request = RequestFactory().get("/")
    request.META.update(meta)
    assert client_address(request) == address


@pytest.mark.django_db
def test_behind_a_proxy_one_client_reaching_the_sign_up_limit_blocks_only_itself(
    client, settings, monkeypatch
):
    settings.PROXY_COUNT = 1
    monkeypatch.setitem(views.RATES, "accounts:signup", "3/h")
    for number in range(3):
        client.post(
            SIGNUP,
            {**GOOD_SIGNUP, "email": f"robot{number}@example.org"},
            **through_proxy("203.0.113.7"),
        )
        client.logout()
    refused = client.post(
        SIGNUP, {**GOOD_SIGNUP, "email": "robot9@example.org"}, **through_proxy("203.0.113.7")
    )
    assert refused.status_code == 429
    someone_else = client.post(SIGNUP, GOOD_SIGNUP, **through_proxy("203.0.113.8"))
    assert someone_else.status_code == 302
    assert get_user_model().objects.count() == 4


@pytest.mark.django_db
def test_without_a_proxy_a_forged_forwarded_for_does_not_escape_the_limit(
    client, settings, monkeypatch
):
    settings.PROXY_COUNT = 0
    monkeypatch.setitem(views.RATES, "accounts:signup", "3/h")
    for number in range(4):
        response = client.post(
            SIGNUP,
            {**GOOD_SIGNUP, "email": f"robot{number}@example.org"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
        client.logout()
    assert response.status_code == 429
    assert get_user_model().objects.count() == 3


@pytest.mark.django_db
def test_behind_a_proxy_a_lock_out_holds_one_client_only(client, settings):
    settings.PROXY_COUNT = 1
    member = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN, {"username": member.email, "password": "wrong"}, **through_proxy("203.0.113.7")
        )
    locked = client.post(
        LOGIN, {"username": member.email, "password": PASSWORD}, **through_proxy("203.0.113.7")
    )
    assert locked.status_code == 429
    member_at_home = client.post(
        LOGIN, {"username": member.email, "password": PASSWORD}, **through_proxy("203.0.113.8")
    )
    assert member_at_home.status_code == 302


@pytest.mark.django_db
def test_the_too_many_attempts_page_says_when_to_come_back(client, monkeypatch):
    monkeypatch.setitem(views.RATES, "accounts:password-reset", "1/h")
    client.post("/accounts/password/reset/", {"email": "someone@example.org"})
    response = client.post("/accounts/password/reset/", {"email": "someone@example.org"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 3600


def test_django_ratelimit_checks_the_cache_it_is_given(settings):
    settings.CACHES = {
        **settings.CACHES,
        "plain-database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "observatory_cache",
        },
    }
    settings.RATELIMIT_USE_CACHE = "plain-database"
    found = {message.id for message in checks.run_checks(tags=[checks.Tags.caches])}
    assert "django_ratelimit.E003" in found


def test_the_cache_rate_limits_use_passes_django_ratelimits_checks():
    found = checks.run_checks(tags=[checks.Tags.caches])
    assert [message for message in found if not message.is_silenced()] == []


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_counts_every_increment_made_at_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time")
    cache = caches["default"]
    cache.set("concurrent-count", 0, 60)
    threads, each = 6, 15

    def count():
        try:
            for _ in range(each):
                cache.incr("concurrent-count")
        finally:
            connection.close()

    workers = [threading.Thread(target=count) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert cache.get("concurrent-count") == threads * each
