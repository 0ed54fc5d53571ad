"""The cache is an accelerator only: made by `migrate`, impossible to flood, never needed."""

import logging
import os
import subprocess
import sys

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import Client

from core import caches as observatory_caches
from core import generation
from sightings.models import Sighting
from tests.browser.shifts import ensure_five_shifts
from tests.factories import SightingFactory, UserFactory
from tests.test_accounts import GOOD_SIGNUP, SIGNUP
from tests.test_authoring import full_sighting
from tests.test_deploy import ROOT
from tests.test_page_cache import queries_for

PUBLIC_PAGES = [
    "/",
    "/sightings/",
    "/sightings/?shift=me-to-we",
    "/shifts/",
    "/themes/",
    "/places/",
    "/insights/",
    "/cells/",
    "/sitemap.xml",
    "/api/sightings/",
]


def test_migrate_alone_makes_the_cache_tables(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    environ = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    environ.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=environ,
        check=True,
        timeout=300,
    )
    check = (
        "from django.core.cache import caches; "
        "[caches[name].set('k', name, 60) for name in ('default', 'entries')]; "
        "print(caches['default'].get('k'), caches['entries'].get('k'))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", check],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split()[-2:] == ["default", "entries"], result.stderr


def test_no_deployment_file_asks_for_createcachetable():
    for name in ["Makefile", "Dockerfile", "compose.yaml", "README.md", ".ci/run", "bench/run.py"]:
        assert "createcachetable" not in (ROOT / name).read_text(), name
    assert "createcachetable" not in (ROOT / "docs" / "operations.md").read_text()


@pytest.mark.django_db
def test_a_flood_of_addresses_evicts_neither_the_generation_nor_anyone_elses_page(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "entries": {**settings.CACHES["entries"], "OPTIONS": {"MAX_ENTRIES": 20}},
    }
    SightingFactory.create_batch(2, published=True)
    client.get("/sightings/?shift=me-to-we")
    before = cache.get(generation.GENERATION_KEY)
    for number in range(60):
        assert client.get(f"/sightings/?q=flood{number}").status_code == 200
    assert cache.get(generation.GENERATION_KEY) == before
    # Still kept: the generation, then the page, and nothing rendered.
    assert queries_for(client, "/sightings/?shift=me-to-we") == 2


def every_page_answers_and_every_write_succeeds(caplog):
    """What a person does on the site, all of it while the cache is unreachable."""
    caplog.set_level(logging.WARNING, logger="core.caches")
    published = SightingFactory(published=True, title="Lunch club carries on")
    visitor = Client()
    for url in PUBLIC_PAGES:
        assert visitor.get(url).status_code == 200, url
    assert visitor.get(published.get_absolute_url()).status_code == 200

    author, convenor = UserFactory(), UserFactory(is_staff=True, is_superuser=True)
    writer = Client()
    writer.force_login(author)
    submitted = writer.post("/sightings/new/", full_sighting(title="Written while it was down"))
    assert submitted.status_code == 302
    sighting = Sighting.objects.get(title="Written while it was down")
    reviewer = Client()
    reviewer.force_login(convenor)
    decided = reviewer.post(
        f"/review/{sighting.pk}/",
        {
            "shifts": [shift.pk for shift in sighting.shifts.all()],
            "themes": "",
            "direction": sighting.direction,
            "feedback": "",
            "decision": "publish",
        },
    )
    assert decided.status_code == 302
    assert "Written while it was down" in visitor.get("/sightings/").content.decode()
    assert Client().post(SIGNUP, GOOD_SIGNUP).status_code == 302
    assert "carrying on without it" in caplog.text


@pytest.mark.django_db
def test_with_redis_stopped_every_page_answers_and_every_write_succeeds(settings, caplog):
    # Nothing listens on the discard port: as a Redis that has stopped.
    stopped = {"BACKEND": "core.caches.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    settings.CACHES = {"default": stopped, "entries": {**stopped, "KEY_PREFIX": "entries"}}
    every_page_answers_and_every_write_succeeds(caplog)


@pytest.mark.django_db(transaction=True)
def test_with_the_cache_tables_dropped_every_page_answers_and_every_write_succeeds(caplog):
    ensure_five_shifts()
    with connection.cursor() as cursor:
        for table in ("observatory_cache", "observatory_entries"):
            cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    try:
        every_page_answers_and_every_write_succeeds(caplog)
    finally:
        observatory_caches._resting_until.clear()
        call_command("createcachetable", verbosity=0)
        caches["default"].clear()
