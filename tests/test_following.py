"""Following: who is emailed for each event, without duplicates; tokens; digests."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.follows import unsubscribe_token
from accounts.models import Follow
from following.digests import send_digests
from sightings.models import Place, Shift, Theme
from tests.factories import CellFactory, CellNoteFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hackney(db):
    place, _ = Place.objects.get_or_create(
        slug="hackney", defaults={"name": "Hackney", "key": "hackney"}
    )
    return place


def shift(slug="me-to-we"):
    return Shift.objects.get(slug=slug)


def theme(name):
    return Theme.objects.get_or_create(name=name, defaults={"slug": name})[0]


def publish(sighting, convenor, capture):
    sighting.status = "submitted"
    sighting.submitted_at = timezone.now()
    sighting.save()
    mail.outbox.clear()
    with capture(execute=True):
        sighting.publish(by=convenor)
    # The author's own "your sighting is published" is not a follower's email.
    return [m for m in mail.outbox if not m.subject.startswith("Your sighting")]


def follow_url():
    return reverse("following:follow")


# Following and stopping


def test_following_a_shift_from_its_page(client, practitioner):
    client.force_login(practitioner)
    page = client.get("/shifts/me-to-we/").content.decode()
    assert f'action="{follow_url()}"' in page
    client.post(follow_url(), {"kind": "shift", "slug": "me-to-we", "next": "/shifts/me-to-we/"})
    follow = Follow.objects.get(user=practitioner)
    assert follow.shift.slug == "me-to-we"
    assert follow.frequency == "immediate"
    listing = client.get(reverse("following:list")).content.decode()
    assert "The shift Me → We" in listing
    assert "Stop following" in client.get("/shifts/me-to-we/").content.decode()


def test_following_the_same_thing_twice_is_one_follow(client, practitioner):
    client.force_login(practitioner)
    for _ in range(2):
        client.post(follow_url(), {"kind": "shift", "slug": "me-to-we"})
    assert Follow.objects.count() == 1


@pytest.mark.parametrize("kind", ["shift", "theme", "place", "cell", "planet"])
def test_following_something_unknown_is_404(client, practitioner, kind):
    client.force_login(practitioner)
    response = client.post(follow_url(), {"kind": kind, "slug": "no-such-thing"})
    assert response.status_code == 404
    assert not Follow.objects.exists()


def test_visitors_are_asked_to_sign_in(client):
    page = client.get("/shifts/me-to-we/").content.decode()
    assert "Sign in to follow" in page
    response = client.post(follow_url(), {"kind": "shift", "slug": "me-to-we"})
    assert reverse("accounts:login") in response["Location"]


def test_following_a_search_saves_only_its_filters(client, practitioner):
    client.force_login(practitioner)
    page = client.get("/sightings/?theme=food&shift=me-to-we&page=2&sort=oldest").content.decode()
    assert "Follow this search" in page
    client.post(
        follow_url(), {"kind": "search", "query": "theme=food&shift=me-to-we&page=2&evil=1"}
    )
    assert Follow.objects.get().query == "shift=me-to-we&theme=food"


def test_a_search_with_no_filters_cannot_be_followed(client, practitioner):
    client.force_login(practitioner)
    assert "Follow this search" not in client.get("/sightings/").content.decode()
    client.post(follow_url(), {"kind": "search", "query": "page=2"})
    assert not Follow.objects.exists()


def test_a_person_may_follow_at_most_two_hundred_things(client, practitioner):
    Follow.objects.bulk_create(
        Follow(user=practitioner, query=f"q=word{n}") for n in range(Follow.MAX_PER_PERSON)
    )
    client.force_login(practitioner)
    response = client.post(follow_url(), {"kind": "shift", "slug": "me-to-we"}, follow=True)
    assert "as many as anyone may" in response.content.decode()
    assert Follow.objects.count() == Follow.MAX_PER_PERSON


def test_changing_how_often_and_stopping(client, practitioner):
    follow = Follow.objects.create(user=practitioner, shift=shift())
    client.force_login(practitioner)
    client.post(
        reverse("following:change", kwargs={"pk": follow.pk}), {f"f{follow.pk}-frequency": "weekly"}
    )
    follow.refresh_from_db()
    assert follow.frequency == "weekly"
    client.post(reverse("following:stop", kwargs={"pk": follow.pk}))
    assert not Follow.objects.exists()


def test_nobody_can_change_or_stop_another_persons_follow(client, practitioner):
    follow = Follow.objects.create(user=UserFactory(), shift=shift())
    client.force_login(practitioner)
    assert client.post(reverse("following:stop", kwargs={"pk": follow.pk})).status_code == 404
    change = reverse("following:change", kwargs={"pk": follow.pk})
    assert client.post(change, {f"f{follow.pk}-frequency": "weekly"}).status_code == 404
    assert Follow.objects.get().frequency == "immediate"


# Who is emailed when a sighting is published


def test_one_email_per_follower_whatever_they_follow(
    author, convenor, hackney, django_capture_on_commit_callbacks
):
    everything = UserFactory()
    for_shift, for_theme, for_place, for_search = UserFactory.create_batch(4)
    unrelated, weekly, inactive = UserFactory(), UserFactory(), UserFactory(is_active=False)
    Follow.objects.create(user=everything, shift=shift())
    Follow.objects.create(user=everything, theme=theme("food"))
    Follow.objects.create(user=everything, place=hackney)
    Follow.objects.create(user=everything, query="theme=food")
    Follow.objects.create(user=for_shift, shift=shift())
    Follow.objects.create(user=for_theme, theme=theme("food"))
    Follow.objects.create(user=for_place, place=hackney)
    Follow.objects.create(user=for_search, query="q=lunch")
    Follow.objects.create(user=unrelated, shift=shift("doubting-to-trusting"))
    Follow.objects.create(user=unrelated, query="theme=housing")
    Follow.objects.create(user=weekly, shift=shift(), frequency="weekly")
    Follow.objects.create(user=inactive, shift=shift())
    Follow.objects.create(user=author, shift=shift())

    sighting = SightingFactory(
        author=author, themes=["food"], place_ref=hackney, title="Lunch club"
    )
    sent = publish(sighting, convenor, django_capture_on_commit_callbacks)
    recipients = sorted(m.to[0] for m in sent)
    assert recipients == sorted(
        u.email for u in [everything, for_shift, for_theme, for_place, for_search]
    )
    [to_everything] = [m for m in sent if m.to == [everything.email]]
    assert to_everything.subject == "New sighting: Lunch club"
    for words in ["the shift Me → We", "the theme food", "the place Hackney", "the search"]:
        assert words in to_everything.body


def test_a_published_cell_note_reaches_the_cells_followers(
    convenor, django_capture_on_commit_callbacks
):
    cell = CellFactory(convenors=[convenor])
    follower, other = UserFactory(), UserFactory()
    Follow.objects.create(user=follower, cell=cell)
    Follow.objects.create(user=other, cell=CellFactory())
    note = CellNoteFactory(cell=cell, title="June meeting")
    with django_capture_on_commit_callbacks(execute=True):
        note.publish(by=convenor)
    assert [m.to for m in mail.outbox] == [[follower.email]]
    assert "June meeting" in mail.outbox[0].subject


def test_every_email_has_both_parts_escaped_html_and_unsubscribe_headers(
    author, convenor, practitioner, django_capture_on_commit_callbacks
):
    follow = Follow.objects.create(user=practitioner, shift=shift())
    sighting = SightingFactory(author=author, title="<script>alert(1)</script> & co")
    [message] = publish(sighting, convenor, django_capture_on_commit_callbacks)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "<script>alert(1)</script> & co" in message.body
    token = unsubscribe_token(follow)
    assert re.fullmatch(
        rf"<https?://[^>]+/unsubscribe/{re.escape(token)}/>",
        message.extra_headers["List-Unsubscribe"],
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/unsubscribe/{token}/" in message.body
    assert f"/unsubscribe/{token}/" in html


# Unsubscribing


def unsubscribe_path(token):
    return reverse("following:unsubscribe", kwargs={"token": token})


def test_the_link_works_signed_out_and_stops_only_that_follow(client, practitioner):
    stopped = Follow.objects.create(user=practitioner, shift=shift())
    kept = Follow.objects.create(user=practitioner, theme=theme("food"))
    path = unsubscribe_path(unsubscribe_token(stopped))
    page = client.get(path)
    assert "Stop these emails?" in page.content.decode()
    assert Follow.objects.count() == 2
    response = client.post(path)
    assert "You no longer follow the shift Me → We" in response.content.decode()
    assert list(Follow.objects.all()) == [kept]


def test_one_click_from_a_mail_program_needs_no_csrf_token(practitioner):
    from django.test import Client

    follow = Follow.objects.create(user=practitioner, shift=shift())
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_path(unsubscribe_token(follow)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-3],
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: str(int(t.split(":")[0]) + 1) + t[t.index(":") :],
        lambda t: "x",
    ],
)
def test_forged_or_cut_short_tokens_change_nothing(client, practitioner, mangle):
    follow = Follow.objects.create(user=practitioner, shift=shift())
    token = unsubscribe_token(follow)
    bad = mangle(token)
    assert bad != token
    response = client.post(unsubscribe_path(bad))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert Follow.objects.count() == 1


def test_a_token_for_a_stopped_follow_says_so_and_changes_nothing(client, practitioner):
    follow = Follow.objects.create(user=practitioner, shift=shift())
    other = Follow.objects.create(user=practitioner, theme=theme("food"))
    token = unsubscribe_token(follow)
    follow.delete()
    response = client.post(unsubscribe_path(token))
    assert response.status_code == 410
    assert "Already stopped" in response.content.decode()
    assert list(Follow.objects.all()) == [other]


# Weekly digests


def test_a_weekly_digest_groups_the_weeks_items_in_one_email(practitioner, convenor, hackney):
    now = timezone.now()
    cell = CellFactory(convenors=[convenor])
    Follow.objects.create(user=practitioner, shift=shift(), frequency="weekly")
    Follow.objects.create(user=practitioner, place=hackney, frequency="weekly")
    Follow.objects.create(user=practitioner, cell=cell, frequency="weekly")
    Follow.objects.create(user=UserFactory(), shift=shift())  # immediate: no digest
    recent = SightingFactory(published=True, title="Recent one", place_ref=hackney)
    SightingFactory(published=True, title="Old one", published_at=now - datetime.timedelta(days=9))
    CellNoteFactory(cell=cell, published=True, title="Meeting of the week")

    assert send_digests() == 1
    [digest] = mail.outbox
    assert digest.to == [practitioner.email]
    assert digest.subject == "Your week at the Observatory: 2 new items"
    assert digest.body.count("Recent one") == 1
    assert "Old one" not in digest.body
    assert "Meeting of the week" in digest.body
    assert "List-Unsubscribe" in digest.extra_headers
    assert recent.get_absolute_url() in digest.alternatives[0][0]


def test_running_the_digest_twice_sends_nothing_twice(practitioner):
    Follow.objects.create(user=practitioner, shift=shift(), frequency="weekly")
    SightingFactory(published=True)
    start = timezone.now()
    output = io.StringIO()
    call_command("send_digests", stdout=output)
    call_command("send_digests", stdout=output)
    assert output.getvalue().splitlines() == [
        "Queued 1 weekly digest(s).",
        "Queued 0 weekly digest(s).",
    ]
    assert len(mail.outbox) == 1
    SightingFactory(published=True, title="Published since")
    send_digests(now=start + datetime.timedelta(days=7))
    assert len(mail.outbox) == 2
    assert "Published since" in mail.outbox[1].body
    assert re.search(r"1 new item$", mail.outbox[1].subject)


def test_nobody_is_sent_an_empty_digest(practitioner):
    Follow.objects.create(
        user=practitioner, shift=shift("doubting-to-trusting"), frequency="weekly"
    )
    SightingFactory(published=True, shifts=["me-to-we"])
    assert send_digests() == 0
    assert mail.outbox == []


def test_a_daily_run_sends_each_person_one_digest_a_week(practitioner):
    Follow.objects.create(user=practitioner, shift=shift(), frequency="weekly")
    SightingFactory(published=True, title="First week")
    start = timezone.now()
    assert send_digests(now=start) == 1
    SightingFactory(published=True, title="Second week")
    for day in range(1, 7):
        assert send_digests(now=start + datetime.timedelta(days=day)) == 0
    assert send_digests(now=start + datetime.timedelta(days=7)) == 1
    assert "Second week" in mail.outbox[-1].body
    assert "First week" not in mail.outbox[-1].body
