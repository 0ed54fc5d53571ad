"""Posting limits: one account cannot flood the public pages, whatever it posts."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cells.models import CellNote
from core import limits
from observatory.settings import env_rate
from sightings.authoring import FOLLOW_UPS
from sightings.models import FollowUp, Sighting
from tests.factories import CellFactory, SightingFactory, UserFactory
from tests.test_authoring import full_sighting

pytestmark = pytest.mark.django_db

REFUSED = "you have reached that"


@pytest.fixture
def signed_in(client, author):
    client.force_login(author)
    return client


def follow_up_form(sighting):
    return reverse("sightings:follow-up", kwargs={"slug": sighting.slug})


def a_follow_up(number=0, **fields):
    return {
        "outcome": FollowUp.Outcome.STOPPED,
        "observed_on": timezone.localdate().isoformat(),
        "note": f"It stopped, says post number {number}.",
        **fields,
    }


def test_posting_the_follow_up_form_forty_times_saves_one_and_tells_the_rest(signed_in, author):
    sighting = SightingFactory(author=author, published=True)
    refused = 0
    for number in range(40):
        response = signed_in.post(follow_up_form(sighting), a_follow_up(number))
        if response.status_code == 200:
            html = response.content.decode()
            assert "You can add at most 1 follow-up a day to one sighting" in html
            assert f"It stopped, says post number {number}." in html
            refused += 1
        else:
            assert response.status_code == 302
    assert FollowUp.objects.count() == 1
    assert refused == 39


def test_posting_follow_ups_across_many_sightings_stops_at_the_hourly_limit(signed_in, author):
    sightings = SightingFactory.create_batch(8, author=author, published=True)
    for number in range(40):
        signed_in.post(follow_up_form(sightings[number % 8]), a_follow_up(number))
    assert FollowUp.objects.count() == 5
    html = signed_in.post(follow_up_form(sightings[7]), a_follow_up(41)).content.decode()
    assert "You can add at most 5 follow-ups an hour" in html


def test_a_refused_follow_up_keeps_everything_typed_and_is_tied_to_the_form(signed_in, author):
    sighting = SightingFactory(author=author, published=True)
    signed_in.post(follow_up_form(sighting), a_follow_up())
    html = signed_in.post(
        follow_up_form(sighting),
        a_follow_up(outcome=FollowUp.Outcome.GROWN, note="Grown to two streets"),
    ).content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert "Nothing was saved and what you wrote is still here" in html
    assert "Grown to two streets</textarea>" in html
    assert re.search(r'value="grown"[^>]*checked', html)
    assert FollowUp.objects.count() == 1


def test_an_invalid_follow_up_uses_up_no_allowance(signed_in, author):
    sighting = SightingFactory(author=author, published=True)
    for _ in range(3):
        signed_in.post(follow_up_form(sighting), a_follow_up(note=""))
    signed_in.post(follow_up_form(sighting), a_follow_up())
    assert FollowUp.objects.count() == 1


def test_each_person_has_an_allowance_of_their_own(client, author, convenor):
    sighting = SightingFactory(author=author, published=True)
    for person in (author, convenor):
        client.force_login(person)
        client.post(follow_up_form(sighting), a_follow_up())
    assert set(FollowUp.objects.values_list("author", flat=True)) == {author.pk, convenor.pk}


def test_a_limit_is_read_from_the_settings(signed_in, author, settings):
    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "follow-up-per-sighting": "3/d"}
    sighting = SightingFactory(author=author, published=True)
    for number in range(6):
        signed_in.post(follow_up_form(sighting), a_follow_up(number))
    assert FollowUp.objects.count() == 3


def test_a_limit_set_off_counts_nothing(signed_in, author, settings):
    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "follow-up-per-sighting": None}
    sighting = SightingFactory(author=author, published=True)
    for number in range(6):
        signed_in.post(follow_up_form(sighting), a_follow_up(number))
    assert FollowUp.objects.count() == 5


def test_submitting_forty_sightings_in_a_row_stops_at_the_limit(signed_in):
    refused = 0
    for number in range(40):
        response = signed_in.post(
            reverse("sightings:new"), full_sighting(title=f"Neighbours share a van {number}")
        )
        if response.status_code == 200:
            html = response.content.decode()
            assert "You can add at most 20 sightings an hour for review" in html
            assert f'value="Neighbours share a van {number}"' in html
            refused += 1
    assert Sighting.objects.filter(status=Sighting.Status.SUBMITTED).count() == 20
    assert Sighting.objects.count() == 20
    assert refused == 20


def test_writing_forty_cell_notes_in_a_row_stops_at_the_limit(client, convenor):
    cell = CellFactory(convenors=[convenor])
    client.force_login(convenor)
    new_note = reverse("cells:note-create", kwargs={"slug": cell.slug})
    refused = 0
    for number in range(40):
        response = client.post(new_note, {"title": f"Meeting {number}", "action": "save"})
        if response.status_code == 200:
            html = response.content.decode()
            assert "You can add at most 10 new meeting notes an hour" in html
            assert f'value="Meeting {number}"' in html
            refused += 1
    assert CellNote.objects.count() == 10
    assert refused == 30


def test_editing_a_note_already_written_is_not_counted(client, convenor, settings):
    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "cell-note": "1/h"}
    cell = CellFactory(convenors=[convenor])
    client.force_login(convenor)
    client.post(reverse("cells:note-create", kwargs={"slug": cell.slug}), {"title": "First"})
    note = CellNote.objects.get()
    for number in range(3):
        client.post(note.get_edit_url(), {"title": f"First, take {number}", "action": "save"})
    note.refresh_from_db()
    assert note.title == "First, take 2"


def anonymous_request(address):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


def test_visitors_are_counted_by_their_address(settings):
    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "follow-up": "2/h"}
    first, second = anonymous_request("203.0.113.5"), anonymous_request("198.51.100.7")
    answers = [limits.refusal(first, FOLLOW_UPS) for _ in range(3)]
    assert answers[:2] == ["", ""]
    assert "2 follow-ups an hour" in answers[2]
    assert limits.refusal(second, FOLLOW_UPS) == ""


def test_a_post_refused_by_one_limit_uses_up_none_of_the_others(settings):
    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "follow-up": "1/h", "echo": "2/h"}
    echoes = limits.Limit("echo", "echo", "echoes")
    request = anonymous_request("203.0.113.5")
    assert limits.refusal(request, FOLLOW_UPS) == ""
    for _ in range(3):
        assert limits.refusal(request, FOLLOW_UPS, echoes)
    assert limits.refusal(request, echoes) == ""


def test_limits_are_kept_in_the_shared_cache_not_in_a_worker(signed_in, author):
    sighting = SightingFactory(author=author, published=True)
    signed_in.post(follow_up_form(sighting), a_follow_up())
    # A second worker has its own connections but the same cache.
    caches.close_all()
    signed_in.post(follow_up_form(sighting), a_follow_up())
    assert FollowUp.objects.count() == 1


def redis_or_skip(url):
    import redis

    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.RedisError:
        pytest.skip("Redis is not running")


def test_limits_hold_in_redis(signed_in, author, settings):
    url = "redis://127.0.0.1:6379/5"
    redis_or_skip(url)
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-limits-{author.pk}-{timezone.now().timestamp()}",
        },
    }
    settings.RATELIMIT_USE_CACHE = "limits"
    sighting = SightingFactory(author=author, published=True)
    for number in range(4):
        signed_in.post(follow_up_form(sighting), a_follow_up(number))
    caches["limits"].clear()
    assert FollowUp.objects.count() == 1


def test_a_post_goes_ahead_when_the_cache_is_unreachable(signed_in, author, settings):
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    settings.RATELIMIT_USE_CACHE = "unreachable"
    sighting = SightingFactory(author=author, published=True)
    response = signed_in.post(follow_up_form(sighting), a_follow_up())
    assert response.status_code == 302
    assert FollowUp.objects.count() == 1


@pytest.mark.parametrize(
    ("rate", "words"),
    [
        ("1/d", "1 follow-up a day"),
        ("5/h", "5 follow-ups an hour"),
        ("10/15m", "10 follow-ups every 15 minutes"),
        ("3/2d", "3 follow-ups every 2 days"),
        ("2/s", "2 follow-ups a second"),
    ],
)
def test_a_rate_reads_as_words(rate, words):
    assert limits.describe_rate(rate, "follow-up", "follow-ups") == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(30, "in a minute or two"), (600, "in about 10 minutes"), (7200, "in about 2 hours")],
)
def test_the_wait_reads_as_words(seconds, words):
    assert limits.describe_wait(seconds) == words


def test_a_limit_in_the_environment_must_be_a_rate(monkeypatch):
    monkeypatch.setenv("OBSERVATORY_LIMIT_FOLLOW_UPS", "lots")
    with pytest.raises(ImproperlyConfigured):
        env_rate("OBSERVATORY_LIMIT_FOLLOW_UPS", "5/h")
    monkeypatch.setenv("OBSERVATORY_LIMIT_FOLLOW_UPS", " 12/30M ")
    assert env_rate("OBSERVATORY_LIMIT_FOLLOW_UPS", "5/h") == "12/30m"
    monkeypatch.setenv("OBSERVATORY_LIMIT_FOLLOW_UPS", "off")
    assert env_rate("OBSERVATORY_LIMIT_FOLLOW_UPS", "5/h") is None


def test_another_account_is_not_held_back(client, author):
    sighting = SightingFactory(author=author, published=True)
    client.force_login(author)
    client.post(follow_up_form(sighting), a_follow_up())
    other = SightingFactory(author=UserFactory(), published=True)
    client.force_login(other.author)
    assert client.post(follow_up_form(other), a_follow_up()).status_code == 302
