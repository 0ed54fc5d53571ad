"""Two servers sharing PostgreSQL and Redis behave as one site.

Each test starts two gunicorn servers, on two ports, with the test database and the
local Redis (database 2), as two machines behind a load balancer would run, and sends
a person's requests to one and then the other.
"""

import re

import pytest
import redis
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests.browser.shifts import ensure_five_shifts
from tests.factories import PASSWORD, SightingFactory, UserFactory
from tests.servers import Gunicorn

REDIS_URL = "redis://127.0.0.1:6379/2"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def servers(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two servers share a database over the network: PostgreSQL")
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.exceptions.RedisError:
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    ensure_five_shifts()
    environ = {"REDIS_URL": REDIS_URL, "GUNICORN_WORKERS": "2"}
    with Gunicorn(tmp_path, "a", **environ) as first, Gunicorn(tmp_path, "b", **environ) as second:
        yield first.url, second.url
    redis.Redis.from_url(REDIS_URL).flushdb()


def form_token(browser, url):
    page = browser.get(url, timeout=20)
    assert page.status_code == 200, url
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]


def post(browser, url, data):
    data = {"csrfmiddlewaretoken": form_token(browser, url), **data}
    return browser.post(url, data=data, allow_redirects=False, timeout=20)


def member(**fields):
    """A member whose password the servers can check: tests hash with MD5, they do not."""
    user = UserFactory(**fields)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "twoservers", iterations=1000)
    user.save(update_fields=["password"])
    return user


def sign_in(browser, server, user, password=PASSWORD):
    return post(
        browser, f"{server}/accounts/login/", {"username": user.email, "password": password}
    )


def test_a_session_made_on_one_server_works_on_the_other(servers):
    first, second = servers
    browser = requests.Session()
    assert sign_in(browser, first, member(first_name="Priya")).status_code == 302
    mine = browser.get(f"{second}/me/", allow_redirects=False, timeout=20)
    assert mine.status_code == 200
    assert "Signed in as <strong>Priya" in mine.text


def test_a_lock_out_and_a_rate_limit_reached_through_one_server_hold_on_the_other(
    servers, settings
):
    first, second = servers
    someone = member()
    browser = requests.Session()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(browser, first, someone, password="wrong").status_code == 200
    # The last failure allowed pauses signing in, on this server and the other.
    assert sign_in(browser, first, someone, password="wrong").status_code == 429
    locked = sign_in(requests.Session(), second, someone)
    assert locked.status_code == 429
    assert "Signing in is paused" in locked.text

    resetting = requests.Session()
    for _ in range(5):
        reset = post(resetting, f"{first}/accounts/password/reset/", {"email": "a@example.org"})
        assert reset.status_code == 302
    refused = post(resetting, f"{second}/accounts/password/reset/", {"email": "a@example.org"})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0


def test_a_sighting_published_through_one_server_shows_at_once_on_the_other(servers):
    first, second = servers
    sighting = SightingFactory(submitted=True, title="Library lends tools", shifts=["me-to-we"])
    visitor = requests.Session()
    # The other server keeps its list for visitors: it must not be shown stale.
    assert "Library lends tools" not in visitor.get(f"{second}/sightings/", timeout=20).text
    assert "Library lends tools" not in visitor.get(f"{second}/sightings/", timeout=20).text

    convenor = requests.Session()
    assert sign_in(convenor, first, member(is_staff=True, is_superuser=True)).status_code == 302
    decided = post(
        convenor,
        f"{first}/review/{sighting.pk}/",
        {
            "shifts": [shift.pk for shift in sighting.shifts.all()],
            "themes": "",
            "direction": sighting.direction,
            "feedback": "",
            "decision": "publish",
            "version": sighting.version,
        },
    )
    assert decided.status_code == 302

    assert "Library lends tools" in visitor.get(f"{second}/sightings/", timeout=20).text
    sighting.refresh_from_db()
    page = visitor.get(f"{second}{sighting.get_absolute_url()}", timeout=20)
    assert page.status_code == 200
