import datetime
import os
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone, translation

from accounts.roles import CONVENORS_GROUP
from core import caches as observatory_caches
from sightings.models import FollowUp, Sighting
from tests import factories

# Playwright's synchronous API runs an event loop in the test's thread; the live
# server and the test's own database calls are still ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def pytest_sessionstart(session):
    # `make test` compiles the translations with GNU gettext first; a bare `pytest` after
    # editing a .po file would otherwise test yesterday's Welsh.
    for po_path in LOCALE.glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))


@pytest.fixture(autouse=True)
def _english_between_requests():
    # A request activates its page's language in the thread and leaves it there, so
    # a Welsh page fetched by one test would make the next test's reverse() Welsh.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # A deliberately slow hash protects real passwords; tests make hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Production queues tasks for a worker; the tests run each as it is queued, so the
    # email a request causes is in mail.outbox by the time the response is read.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Rate-limit counters and cached counts start empty in every test that has a database.

    The cache lives in the database, in a table that a transactional test's flush skips.
    """
    # A cache that failed in an earlier test (on purpose) rests for a few seconds; not here.
    observatory_caches._resting_until.clear()
    uses_database = request.node.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
        request.fixturenames
    )
    if uses_database:
        transactional = "transactional_db" in request.fixturenames
        request.getfixturevalue("transactional_db" if transactional else "db")
        cache.clear()
    yield


@pytest.fixture
def practitioner(db):
    return factories.UserFactory(first_name="Priya")


@pytest.fixture
def author(db):
    return factories.UserFactory(first_name="Ade")


@pytest.fixture
def convenor(db):
    user = factories.UserFactory(first_name="Carys")
    user.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    return user


@pytest.fixture
def staff(db):
    return factories.UserFactory(first_name="Sam", is_staff=True, is_superuser=True)


@pytest.fixture
def published_sighting(db, author):
    return factories.SightingFactory(author=author, published=True)


@pytest.fixture
def make_sightings(db):
    """Makes `count` published sightings by one author, every one different from the next
    in place, shifts, themes, connection and date, and every third with a follow-up: so
    that a page, chart or facet that ran a query per item, place or theme would show it."""

    def make(count):
        author = factories.UserFactory()
        shifts = ["me-to-we", "competing-to-co-operating", "doubting-to-trusting"]
        themes = ["food", "housing", "loneliness", "mutual aid"]
        made = []
        for n in range(count):
            sighting = factories.SightingFactory(
                published=True,
                author=author,
                place=["Hull", "Swansea", "Leeds"][n % 3],
                shifts=shifts[: 1 + n % 3],
                themes=themes[: 1 + n % 4],
                date_observed=timezone.localdate() - datetime.timedelta(days=30 * (n % 20)),
                connection=[Sighting.Connection.BONDING, Sighting.Connection.BRIDGING][n % 2],
            )
            sighting.match_place()
            sighting.save()
            if n % 3 == 0:
                factories.FollowUpFactory(sighting=sighting)
            made.append(sighting)
        return made

    return make


@pytest.fixture
def lunch_club(author):
    """A sighting published long ago that has grown since, by its author's follow-up."""
    sighting = factories.SightingFactory(
        author=author,
        published=True,
        title="Lunch club",
        published_at=timezone.now() - datetime.timedelta(days=200),
    )
    factories.FollowUpFactory(
        sighting=sighting,
        outcome=FollowUp.Outcome.GROWN,
        observed_on=timezone.localdate() - datetime.timedelta(days=20),
        note="Two more streets joined.",
    )
    return sighting
