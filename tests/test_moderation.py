"""Hiding follow-ups, what hidden ones no longer touch, and one person counting once."""

import csv
import datetime
import io
import json

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from sightings.insights import build_insights
from sightings.models import FollowUp, Sighting
from tests.factories import FollowUpFactory, SightingFactory

pytestmark = pytest.mark.django_db

REASON = "Posted hundreds of times by a script."


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def flood(lunch_club):
    return FollowUpFactory(
        sighting=lunch_club,
        outcome=FollowUp.Outcome.STOPPED,
        observed_on=days_ago(1),
        note="Flooded claim that it stopped.",
    )


def hide_url(follow_up):
    return reverse(
        "sightings:follow-up-hide", kwargs={"slug": follow_up.sighting.slug, "pk": follow_up.pk}
    )


def page(client, sighting):
    return client.get(sighting.get_absolute_url()).content.decode()


def test_a_convenor_hides_a_follow_up_with_a_reason(client, convenor, flood):
    client.force_login(convenor)
    assert "Hide this follow-up" in page(client, flood.sighting)
    response = client.post(hide_url(flood), {"reason": REASON})
    assert response.status_code == 302
    flood.refresh_from_db()
    assert flood.is_hidden
    assert (flood.hidden_by, flood.hidden_reason) == (convenor, REASON)


def test_the_reason_is_kept_in_the_history(convenor, flood):
    flood.hide(by=convenor, reason=REASON)
    record = flood.history.first()
    assert record.hidden_reason == REASON
    assert record.history_user == convenor
    assert record.history_change_reason == "Hidden by a convenor"


def test_hiding_needs_a_reason_and_keeps_the_form(client, convenor, flood):
    client.force_login(convenor)
    html = client.post(hide_url(flood), {"reason": "  "}).content.decode()
    assert "There is a problem" in html
    flood.refresh_from_db()
    assert not flood.is_hidden


def test_a_practitioner_may_not_hide_follow_ups(client, practitioner, flood):
    client.force_login(practitioner)
    assert client.get(hide_url(flood)).status_code == 403
    assert client.post(hide_url(flood), {"reason": REASON}).status_code == 403
    flood.refresh_from_db()
    assert not flood.is_hidden


def test_a_visitor_is_sent_to_sign_in(client, flood):
    response = client.post(hide_url(flood), {"reason": REASON})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_follow_up_of_a_draft_is_404_even_for_a_convenor(client, convenor, author):
    follow_up = FollowUpFactory(sighting=SightingFactory(author=author))
    client.force_login(convenor)
    assert client.get(hide_url(follow_up)).status_code == 404


def test_a_hidden_follow_up_shows_to_nobody_else(client, practitioner, convenor, flood):
    flood.hide(by=convenor, reason=REASON)
    assert "Flooded claim" not in page(client, flood.sighting)
    client.force_login(practitioner)
    html = page(client, flood.sighting)
    assert "Flooded claim" not in html
    assert "Two more streets joined." in html


def test_its_author_sees_it_with_the_reason(client, author, convenor, flood):
    flood.hide(by=convenor, reason=REASON)
    client.force_login(author)
    html = page(client, flood.sighting)
    assert "Flooded claim" in html
    assert "Hidden by a convenor" in html
    assert REASON in html


def test_the_newest_shown_follow_up_is_marked_newest(client, convenor, flood):
    flood.hide(by=convenor, reason=REASON)
    client.force_login(convenor)
    html = page(client, flood.sighting)
    newest = html.index("(newest)")
    assert html.index("Two more streets joined.") > newest > html.index("Flooded claim")


def test_a_convenor_shows_a_hidden_follow_up_again(client, convenor, flood):
    flood.hide(by=convenor, reason=REASON)
    client.force_login(convenor)
    show = reverse("sightings:follow-up-show", kwargs={"slug": flood.sighting.slug, "pk": flood.pk})
    assert client.post(show).status_code == 302
    flood.refresh_from_db()
    assert not flood.is_hidden
    assert [h.history_change_reason for h in flood.history.all()[:2]] == [
        "Shown again",
        "Hidden by a convenor",
    ]


def test_a_hidden_follow_up_leaves_the_newest_outcome(convenor, lunch_club, flood):
    newest = Sighting.objects.with_latest_outcome().get(pk=lunch_club.pk)
    assert newest.latest_outcome == FollowUp.Outcome.STOPPED
    flood.hide(by=convenor, reason=REASON)
    newest = Sighting.objects.with_latest_outcome().get(pk=lunch_club.pk)
    assert newest.latest_outcome == FollowUp.Outcome.GROWN


def titles(client, url):
    return client.get(url).content.decode()


def test_a_hidden_follow_up_leaves_the_lasting_filter(client, convenor, lunch_club, flood):
    assert "Lunch club" not in titles(client, "/sightings/?lasting=1")
    flood.hide(by=convenor, reason=REASON)
    assert "Lunch club" in titles(client, "/sightings/?lasting=1")


def test_a_hidden_lasting_follow_up_no_longer_makes_a_sighting_last(client, convenor, lunch_club):
    lunch_club.follow_ups.get().hide(by=convenor, reason=REASON)
    assert "Lunch club" not in titles(client, "/sightings/?lasting=1")
    assert not Sighting.objects.lasting().exists()


def feed_titles(client, query=""):
    feed = feedparser.parse(client.get(f"/sightings/feed/{query}").content)
    return [entry.title for entry in feed.entries]


def test_the_lasting_feed_follows_hidden_follow_ups(client, convenor, lunch_club, flood):
    assert "Lunch club" not in feed_titles(client, "?lasting=1")
    flood.hide(by=convenor, reason=REASON)
    assert "Lunch club" in feed_titles(client, "?lasting=1")
    assert "Flooded claim" not in client.get("/sightings/feed/").content.decode()


def exported(client):
    csv_rows = list(csv.DictReader(io.StringIO(streamed(client, "/sightings/export.csv"))))
    json_rows = json.loads(streamed(client, "/sightings/export.json"))["sightings"]
    return csv_rows[0]["latest_follow_up"], json_rows[0]["latest_follow_up"]


def streamed(client, url):
    return b"".join(client.get(url).streaming_content).decode()


def test_exports_leave_out_hidden_follow_ups(client, convenor, flood):
    assert exported(client) == ("stopped", "stopped")
    flood.hide(by=convenor, reason=REASON)
    assert exported(client) == ("grown", "grown")
    FollowUp.objects.exclude(pk=flood.pk).get().hide(by=convenor, reason=REASON)
    assert exported(client) == ("", "")


def how_shifts_last():
    return next(i for i in build_insights() if i.slug == "how-shifts-last")


def test_insights_leave_out_hidden_follow_ups(client, convenor, flood):
    assert dict(how_shifts_last().rows)["Stopped"] == 1
    flood.hide(by=convenor, reason=REASON)
    assert dict(how_shifts_last().rows) == {
        "Still happening": 0,
        "Grown": 1,
        "Faded": 0,
        "Stopped": 0,
    }
    assert "Flooded claim" not in client.get("/insights/").content.decode()


def test_the_insights_page_changes_as_soon_as_a_follow_up_is_hidden(client, convenor, flood):
    assert "0 (0%) were still happening" in client.get("/insights/").content.decode()
    flood.hide(by=convenor, reason=REASON)
    assert "1 (100%) were still happening" in client.get("/insights/").content.decode()


def test_fifty_follow_ups_from_one_person_in_a_month_count_as_one(lunch_club, author):
    first_of_month = timezone.localdate().replace(day=1)
    for number in range(50):
        FollowUpFactory(
            sighting=lunch_club,
            author=author,
            outcome=FollowUp.Outcome.STOPPED,
            observed_on=first_of_month,
            note=f"Stopped, again ({number}).",
        )
    counted = FollowUp.objects.counted().filter(sighting=lunch_club, observed_on=first_of_month)
    assert counted.count() == 1
    assert counted.get().note == "Stopped, again (49)."


def test_each_person_and_each_month_counts_once(lunch_club, author, convenor):
    for day in (3, 5):
        for person in (author, convenor):
            FollowUpFactory(
                sighting=lunch_club, author=person, observed_on=datetime.date(2025, 3, day)
            )
    FollowUpFactory(sighting=lunch_club, author=author, observed_on=datetime.date(2025, 4, 1))
    counted = FollowUp.objects.counted().filter(observed_on__lt=datetime.date(2025, 5, 1))
    assert sorted((f.author_id, f.observed_on.day) for f in counted) == sorted(
        [(author.pk, 5), (convenor.pk, 5), (author.pk, 1)]
    )


def test_a_hidden_follow_up_never_counts(convenor, flood):
    flood.hide(by=convenor, reason=REASON)
    assert flood not in FollowUp.objects.counted()


def test_my_sightings_prompts_again_when_the_only_follow_up_is_hidden(
    client, author, convenor, lunch_club
):
    client.force_login(author)
    my = reverse("sightings:mine")
    assert "follow-up-prompt" not in client.get(my).content.decode()
    lunch_club.follow_ups.get().hide(by=convenor, reason=REASON)
    assert "follow-up-prompt" in client.get(my).content.decode()
