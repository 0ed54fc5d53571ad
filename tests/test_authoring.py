import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sightings.models import FollowUp, Shift, Sighting, StatusChange, Theme
from tests.factories import FollowUpFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW = "/sightings/new/"


def shift_pks(*slugs):
    return [str(pk) for pk in Shift.objects.filter(slug__in=slugs).values_list("pk", flat=True)]


def full_sighting(**changes):
    data = {
        "title": "Pharmacy staff phone lonely regulars",
        "summary": "A chemist's counter staff now ring customers they have not seen for a week.",
        "story": "It began with *one* regular.\n\n- calls on Mondays\n- a list by the till",
        "place": "Walthamstow, London",
        "date_observed": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "setting": Sighting.Setting.HEALTH_AND_CARE,
        "shifts": shift_pks("doubting-to-trusting", "me-to-we"),
        "themes": "Loneliness, Pharmacies ",
        "connection": Sighting.Connection.BRIDGING,
        "source_url": "https://example.org/pharmacy",
        "consent": "on",
        "website": "",
        "action": "submit",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def signed_in(client, author):
    client.force_login(author)
    return client


def test_the_form_shows_every_field_with_its_label_and_the_shift_descriptions(signed_in):
    SightingFactory(published=True, themes=["mutual aid"])
    html = signed_in.get(NEW).content.decode()
    for label in (
        "Title",
        "Summary",
        "Story",
        "Place",
        "Date observed",
        "Setting",
        "Shifts",
        "Themes",
        "Connection",
        "Source link",
        "No one can be identified in this sighting without their consent.",
    ):
        assert f">{label}" in html, label
    for shift in Shift.objects.all():
        assert shift.description in html
        assert f">{shift.name}</label>" in html
    assert '<datalist id="theme-options"><option value="mutual aid">' in html
    assert 'list="theme-options"' in html
    assert "In a sentence or two" in html
    assert "What did you see?" in html
    assert "Who was brought together?" in html


def test_save_draft_needs_only_a_title(signed_in, author):
    response = signed_in.post(NEW, {"title": "Half an idea", "action": "draft"})
    sighting = Sighting.objects.get()
    assert response["Location"] == reverse("sightings:edit", kwargs={"slug": sighting.slug})
    assert sighting.status == Sighting.Status.DRAFT
    assert sighting.author == author
    assert not sighting.changes.exists()


def test_a_draft_without_a_title_is_refused(signed_in):
    response = signed_in.post(NEW, {"title": "", "story": "Keep this", "action": "draft"})
    html = response.content.decode()
    assert "Give your sighting a title, even for a draft." in html
    assert "Keep this</textarea>" in html
    assert not Sighting.objects.exists()


def test_preview_shows_the_rendered_story_and_saves_nothing(signed_in):
    response = signed_in.post(NEW, full_sighting(action="preview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<em>one</em>" in html
    assert "<li>calls on Mondays</li>" in html
    assert "Nothing has been saved" in html
    assert "Doubting → Trusting" in html
    assert "loneliness" in html
    assert not Sighting.objects.exists()
    assert not Theme.objects.exists()


def test_preview_of_an_edit_leaves_the_saved_sighting_alone(signed_in, author):
    sighting = SightingFactory(author=author, title="As saved", themes=["kept"])
    edit = reverse("sightings:edit", kwargs={"slug": sighting.slug})
    signed_in.post(edit, full_sighting(title="Not yet saved", action="preview", themes="new one"))
    sighting.refresh_from_db()
    assert sighting.title == "As saved"
    assert [theme.name for theme in sighting.themes.all()] == ["kept"]


def test_preview_sanitises_the_story(signed_in):
    story = "<script>alert(1)</script> [x](javascript:alert(1))"
    html = signed_in.post(NEW, full_sighting(action="preview", story=story)).content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html


def test_submitting_a_complete_sighting_sends_it_for_review(signed_in, author):
    response = signed_in.post(NEW, full_sighting())
    assert response["Location"] == reverse("sightings:mine")
    sighting = Sighting.objects.get()
    assert sighting.status == Sighting.Status.SUBMITTED
    assert sighting.submitted_at is not None
    assert sorted(sighting.shifts.values_list("slug", flat=True)) == [
        "doubting-to-trusting",
        "me-to-we",
    ]
    assert sorted(theme.name for theme in sighting.themes.all()) == ["loneliness", "pharmacies"]
    assert sighting.consent
    change = StatusChange.objects.get()
    assert (change.actor, change.from_status, change.to_status) == (author, "draft", "submitted")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"summary": ""}, "summary", "Write a summary in a sentence or two."),
        ({"story": ""}, "story", "Tell the story of what you saw."),
        ({"place": ""}, "place", "Say where you saw it."),
        ({"setting": ""}, "setting", "Choose the setting."),
        ({"date_observed": ""}, "date_observed", "Give the date you saw it."),
        ({"shifts": None}, "shifts", "Choose at least one shift."),
        ({"consent": None}, "consent", "Tick this box to confirm it before submitting."),
        ({"title": "x" * 121}, "title", "at most 120 characters"),
        ({"summary": "x" * 301}, "summary", "at most 300 characters"),
        ({"source_url": "not a link"}, "source_url", "Enter a valid URL."),
        ({"date_observed": "31/02/2024"}, "date_observed", "Enter a valid date."),
        ({"setting": "the-moon"}, "setting", "Select a valid choice."),
        ({"shifts": ["999999"]}, "shifts", "Select a valid choice."),
    ],
)
def test_each_submission_rule_is_enforced_beside_its_field(signed_in, changes, field, message):
    html = signed_in.post(NEW, full_sighting(**changes)).content.decode()
    assert f'id="id_{field}_error">' in html
    assert message in html
    assert "There is a problem" in html
    assert not Sighting.objects.exists()


def test_a_date_in_the_future_is_refused(signed_in):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    html = signed_in.post(NEW, full_sighting(date_observed=tomorrow)).content.decode()
    assert "The date observed cannot be in the future." in html
    assert not Sighting.objects.exists()


def test_themes_offered_come_only_from_published_sightings(signed_in):
    SightingFactory(published=True, themes=["mutual aid"])
    SightingFactory(themes=["secret plan"])
    SightingFactory(status=Sighting.Status.WITHDRAWN, themes=["taken back"])

    html = signed_in.get(NEW).content.decode()

    assert '<option value="mutual aid">' in html
    assert "secret plan" not in html
    assert "taken back" not in html


def test_a_date_before_1900_is_refused_as_a_slip(signed_in):
    html = signed_in.post(NEW, full_sighting(date_observed="0001-01-01")).content.decode()
    assert "before 1900" in html
    assert not Sighting.objects.exists()


def test_more_than_ten_themes_are_refused(signed_in):
    themes = ", ".join(f"theme {n}" for n in range(11))
    html = signed_in.post(NEW, full_sighting(themes=themes)).content.decode()
    assert "Choose at most 10 themes; you gave 11." in html
    assert not Sighting.objects.exists()
    assert not Theme.objects.exists()


def test_ten_themes_repeated_in_other_cases_count_once(signed_in):
    themes = ", ".join([f"Theme {n}" for n in range(10)] + [f"theme {n} " for n in range(10)])
    signed_in.post(NEW, full_sighting(themes=themes))
    assert Sighting.objects.get().themes.count() == 10


def test_nothing_typed_is_lost_when_a_submission_has_errors(signed_in):
    data = full_sighting(consent=None, shifts=shift_pks("me-to-we"), title="Kept & shown")
    html = signed_in.post(NEW, data).content.decode()
    assert 'value="Kept &amp; shown"' in html
    assert "A chemist&#x27;s counter staff now ring customers" in html
    assert "It began with *one* regular." in html
    assert 'value="Walthamstow, London"' in html
    assert f'value="{data["date_observed"]}"' in html
    assert f'<option value="{Sighting.Setting.HEALTH_AND_CARE}" selected>' in html
    me_to_we = Shift.objects.get(slug="me-to-we").pk
    assert re.search(
        rf'<input type="checkbox" name="shifts" value="{me_to_we}"[^>]* checked>', html
    )
    assert 'value="Loneliness, Pharmacies "' in html
    assert 'value="bridging" id="id_connection_1" checked' in html
    assert 'value="https://example.org/pharmacy"' in html


def test_the_honeypot_stops_a_robot_submission(signed_in):
    signed_in.post(NEW, full_sighting(website="cheap pills"))
    assert not Sighting.objects.exists()


def test_a_sighting_called_new_does_not_hide_the_form():
    sighting = SightingFactory(title="New")
    assert sighting.slug != "new"


def test_the_author_edits_a_draft(signed_in, author):
    sighting = SightingFactory(author=author, title="First go")
    edit = reverse("sightings:edit", kwargs={"slug": sighting.slug})
    assert 'value="First go"' in signed_in.get(edit).content.decode()
    signed_in.post(edit, full_sighting(title="Second go", action="draft", themes="one, two"))
    sighting.refresh_from_db()
    assert sighting.title == "Second go"
    assert sighting.status == Sighting.Status.DRAFT
    assert sorted(theme.name for theme in sighting.themes.all()) == ["one", "two"]


def test_the_author_resubmits_a_returned_sighting(signed_in, author, convenor):
    sighting = SightingFactory(author=author, submitted=True)
    sighting.return_to_author(by=convenor, feedback="Say which borough.")
    edit = reverse("sightings:edit", kwargs={"slug": sighting.slug})
    assert "Say which borough." in signed_in.get(edit).content.decode()
    signed_in.post(edit, full_sighting(place="Barking, London"))
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.SUBMITTED
    assert sighting.place == "Barking, London"


@pytest.mark.parametrize(
    "status",
    [
        Sighting.Status.SUBMITTED,
        Sighting.Status.PUBLISHED,
        Sighting.Status.DECLINED,
        Sighting.Status.WITHDRAWN,
    ],
)
def test_the_author_cannot_edit_a_sighting_out_of_their_hands(signed_in, author, status):
    sighting = SightingFactory(author=author, status=status, title="Fixed")
    edit = reverse("sightings:edit", kwargs={"slug": sighting.slug})
    response = signed_in.get(edit)
    assert response.status_code == 403
    assert "cannot be edited now" in response.content.decode()
    signed_in.post(edit, full_sighting(title="Changed", action="draft"))
    sighting.refresh_from_db()
    assert sighting.title == "Fixed"


def test_withdrawing_asks_for_confirmation_first(signed_in, author):
    sighting = SightingFactory(author=author, published=True)
    url = reverse("sightings:withdraw", kwargs={"slug": sighting.slug})
    response = signed_in.get(url)
    assert "Withdraw this sighting?" in response.content.decode()
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.PUBLISHED


def test_withdrawing_a_published_sighting_takes_it_off_the_site(signed_in, author, client):
    sighting = SightingFactory(author=author, published=True)
    response = signed_in.post(reverse("sightings:withdraw", kwargs={"slug": sighting.slug}))
    assert response["Location"] == reverse("sightings:mine")
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.WITHDRAWN
    signed_in.logout()
    assert client.get(sighting.get_absolute_url()).status_code == 404


def test_withdrawing_twice_changes_nothing_more(signed_in, author):
    sighting = SightingFactory(author=author, status=Sighting.Status.WITHDRAWN)
    url = reverse("sightings:withdraw", kwargs={"slug": sighting.slug})
    response = signed_in.post(url, follow=True)
    assert "already withdrawn" in response.content.decode()
    assert not sighting.changes.exists()


def test_my_sightings_groups_by_status_with_the_feedback(signed_in, author, convenor):
    SightingFactory(author=author, title="A draft of mine")
    returned = SightingFactory(author=author, submitted=True, title="Sent back")
    returned.return_to_author(by=convenor, feedback="Please remove the surname.")
    declined = SightingFactory(author=author, submitted=True, title="Not for us")
    declined.decline(by=convenor, reason="This is an advert.")
    SightingFactory(author=author, published=True, title="Out in the world")
    SightingFactory(title="Someone else's")

    html = signed_in.get("/me/").content.decode()
    headings = ["Returned to you for changes", "Drafts", "Published", "Declined"]
    positions = [html.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Waiting for review" not in html
    assert "Please remove the surname." in html
    assert "This is an advert." in html
    assert "Someone else&#x27;s" not in html


def test_my_sightings_asks_about_published_sightings_over_three_months_old(signed_in, author):
    long_ago = timezone.now() - datetime.timedelta(days=120)
    old = SightingFactory(author=author, published=True, published_at=long_ago)
    recent = SightingFactory(author=author, published=True)
    followed = SightingFactory(author=author, published=True, published_at=long_ago)
    FollowUpFactory(sighting=followed, observed_on=timezone.localdate())

    html = signed_in.get("/me/").content.decode()
    assert reverse("sightings:follow-up", kwargs={"slug": old.slug}) in html
    assert reverse("sightings:follow-up", kwargs={"slug": recent.slug}) not in html
    assert reverse("sightings:follow-up", kwargs={"slug": followed.slug}) not in html
    assert html.count("Is it still happening?") == 1


def test_the_author_adds_a_follow_up_that_shows_on_the_sighting(signed_in, author):
    sighting = SightingFactory(author=author, published=True)
    url = reverse("sightings:follow-up", kwargs={"slug": sighting.slug})
    response = signed_in.post(
        url,
        {
            "outcome": "grown",
            "observed_on": timezone.localdate().isoformat(),
            "note": "Two more streets joined.",
        },
    )
    assert response["Location"] == sighting.get_absolute_url()
    follow_up = FollowUp.objects.get()
    assert (follow_up.author, follow_up.outcome) == (author, "grown")
    assert "Two more streets joined." in signed_in.get(sighting.get_absolute_url()).content.decode()


def test_a_follow_up_dated_in_the_future_is_refused_and_kept(signed_in, author):
    sighting = SightingFactory(author=author, published=True)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = signed_in.post(
        reverse("sightings:follow-up", kwargs={"slug": sighting.slug}),
        {"outcome": "faded", "observed_on": tomorrow, "note": "Fewer came."},
    )
    html = response.content.decode()
    assert "The date cannot be in the future." in html
    assert "Fewer came.</textarea>" in html
    assert not FollowUp.objects.exists()


def test_a_convenor_may_follow_up_anyones_published_sighting(client, convenor):
    sighting = SightingFactory(published=True)
    client.force_login(convenor)
    client.post(
        reverse("sightings:follow-up", kwargs={"slug": sighting.slug}),
        {"outcome": "stopped", "observed_on": timezone.localdate().isoformat(), "note": "Ended."},
    )
    assert FollowUp.objects.get().author == convenor


def test_the_sighting_page_shows_its_history_to_the_author_only(client, author, convenor):
    sighting = SightingFactory(author=author, submitted=True)
    sighting.return_to_author(by=convenor, feedback="Which town?")
    client.force_login(author)
    html = client.get(sighting.get_absolute_url()).content.decode()
    assert "History" in html
    assert "Returned with feedback" in html
    assert "Which town?" in html
    assert reverse("sightings:edit", kwargs={"slug": sighting.slug}) in html

    sighting.submit(by=author)
    sighting.publish(by=convenor)
    client.force_login(UserFactory())
    html = client.get(sighting.get_absolute_url()).content.decode()
    assert "Which town?" not in html
    assert 'id="history-heading"' not in html
