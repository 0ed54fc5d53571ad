"""Staff clean up after one account: everything it posted in a window, in one action."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from sightings.admin import show_again_selected
from sightings.models import FollowUp, Sighting
from sightings.moderation import CleanUpForm
from tests.factories import FollowUpFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db

CLEAN_UP = reverse("admin:sightings_clean_up")
REASON = "A scanner posted thousands of follow-ups from this account."


def at(hours_ago):
    return timezone.now() - datetime.timedelta(hours=hours_ago)


def created(obj, hours_ago):
    type(obj).objects.filter(pk=obj.pk).update(created_at=at(hours_ago))
    return obj


@pytest.fixture
def abuser(db):
    return UserFactory(username="scanner", email="scanner@example.org")


@pytest.fixture
def posted(abuser, author):
    """What the abuser posted inside the last two hours and before, and someone else's."""
    own = created(SightingFactory(author=abuser, published=True, title="Own sighting"), 1)
    other = SightingFactory(author=author, published=True, title="Someone else's")
    inside = [created(FollowUpFactory(sighting=own, author=abuser), 1) for _ in range(5)]
    earlier = created(FollowUpFactory(sighting=other, author=abuser, note="A year ago."), 24 * 365)
    theirs = created(FollowUpFactory(sighting=other, author=author), 1)
    return {"own": own, "other": other, "inside": inside, "earlier": earlier, "theirs": theirs}


def window(**changes):
    data = {
        "account": "scanner@example.org",
        "since": timezone.localtime(at(2)).strftime("%Y-%m-%dT%H:%M"),
        "until": timezone.localtime(at(-1)).strftime("%Y-%m-%dT%H:%M"),
        "action": "hide",
        "reason": REASON,
        "deactivate": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_the_clean_up_page_is_linked_from_the_follow_ups_list(admin_client):
    html = admin_client.get(reverse("admin:sightings_followup_changelist")).content.decode()
    assert CLEAN_UP in html


def test_checking_first_shows_what_was_found_and_changes_nothing(admin_client, posted, abuser):
    html = admin_client.post(CLEAN_UP, window()).content.decode()
    assert "Follow-ups: 5" in html
    assert "Sightings: 1" in html
    assert 'name="confirm"' in html
    assert not FollowUp.objects.hidden().exists()
    abuser.refresh_from_db()
    assert abuser.is_active


def test_hiding_everything_an_account_posted_in_a_window(admin_client, posted, abuser, staff):
    response = admin_client.post(CLEAN_UP, window(confirm="Yes"))
    assert response.status_code == 302
    hidden = set(FollowUp.objects.hidden())
    assert hidden == set(posted["inside"])
    assert all(f.hidden_reason == REASON and f.hidden_by == staff for f in hidden)
    posted["own"].refresh_from_db()
    assert posted["own"].status == Sighting.Status.WITHDRAWN
    assert posted["own"].changes.last().actor == staff
    posted["other"].refresh_from_db()
    assert posted["other"].is_public
    abuser.refresh_from_db()
    assert not abuser.is_active
    assert LogEntry.objects.filter(object_id=str(abuser.pk)).exists()


def test_hidden_items_keep_their_history(admin_client, posted, staff):
    admin_client.post(CLEAN_UP, window(confirm="Yes"))
    record = posted["inside"][0].history.first()
    assert (record.history_user, record.hidden_reason) == (staff, REASON)


def test_the_public_no_longer_sees_what_was_cleaned_up(client, admin_client, posted):
    admin_client.post(CLEAN_UP, window(confirm="Yes"))
    client.logout()
    assert client.get(posted["own"].get_absolute_url()).status_code == 404
    html = client.get(posted["other"].get_absolute_url()).content.decode()
    assert "A year ago." in html
    assert "Own sighting" not in client.get("/sightings/").content.decode()


def test_deleting_everything_an_account_posted_keeps_a_copy_in_the_history(
    admin_client, posted, abuser
):
    admin_client.post(CLEAN_UP, window(action="delete", deactivate=None, confirm="Yes"))
    assert set(FollowUp.objects.filter(author=abuser)) == {posted["earlier"]}
    assert not Sighting.objects.filter(author=abuser).exists()
    assert FollowUp.objects.filter(pk=posted["theirs"].pk).exists()
    deleted = FollowUp.history.filter(history_type="-", author=abuser)
    assert deleted.count() == 5
    abuser.refresh_from_db()
    assert abuser.is_active


def test_the_window_must_run_forwards(admin_client, posted):
    data = window(since=window()["until"], until=window()["since"], confirm="Yes")
    html = admin_client.post(CLEAN_UP, data).content.decode()
    assert "The end of the window comes after its start." in html
    assert not FollowUp.objects.hidden().exists()


def test_an_unknown_account_is_named_as_such(admin_client):
    html = admin_client.post(CLEAN_UP, window(account="nobody")).content.decode()
    assert "No single account has that user name or email address." in html


def test_staff_without_permission_to_delete_may_not_clean_up(client, posted):
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_followup"))
    client.force_login(clerk)
    assert client.get(CLEAN_UP).status_code == 403
    assert client.post(CLEAN_UP, window(confirm="Yes")).status_code == 403
    assert not FollowUp.objects.hidden().exists()


def test_a_practitioner_never_reaches_the_clean_up(client, practitioner):
    client.force_login(practitioner)
    response = client.get(CLEAN_UP)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_users_list_leads_to_the_clean_up_for_one_account(admin_client, abuser):
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "clean_up_after", "_selected_action": [abuser.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{CLEAN_UP}?account=scanner"
    html = admin_client.get(response["Location"]).content.decode()
    assert 'value="scanner"' in html


def test_a_deactivated_account_is_signed_out_of_its_sessions(admin_client, abuser):
    theirs = Client()
    theirs.force_login(abuser)
    assert theirs.get(reverse("sightings:mine")).status_code == 200
    admin_client.post(CLEAN_UP, window(confirm="Yes"))
    assert theirs.get(reverse("sightings:mine")).status_code == 302


def test_a_hide_clean_up_can_be_undone_from_the_admin(admin_client, posted):
    admin_client.post(CLEAN_UP, window(confirm="Yes"))
    admin_client.post(
        reverse("admin:sightings_followup_changelist"),
        {
            "action": "show_again_selected",
            "_selected_action": [f.pk for f in posted["inside"]],
        },
    )
    assert not FollowUp.objects.hidden().exists()
    admin_client.post(
        reverse("admin:sightings_sighting_changelist"),
        {"action": "put_back_selected", "_selected_action": [posted["own"].pk]},
    )
    posted["own"].refresh_from_db()
    assert posted["own"].status == Sighting.Status.PUBLISHED


def test_a_returned_sighting_put_back_keeps_its_feedback(staff, abuser, convenor):
    sighting = SightingFactory(author=abuser, submitted=True)
    sighting.return_to_author(by=convenor, feedback="Say where it was.")
    sighting.take_down(by=staff, reason=REASON)
    assert sighting.feedback == REASON
    sighting.put_back(by=staff)
    sighting.refresh_from_db()
    assert (sighting.status, sighting.feedback) == (Sighting.Status.RETURNED, "Say where it was.")


def test_a_sighting_its_author_withdrew_cannot_be_put_back(staff, abuser):
    sighting = SightingFactory(author=abuser, published=True)
    sighting.withdraw(by=abuser)
    with pytest.raises(ValidationError):
        sighting.put_back(by=staff)


def test_only_staff_take_down_and_put_back(convenor, abuser):
    sighting = SightingFactory(author=abuser, published=True)
    with pytest.raises(PermissionDenied):
        sighting.take_down(by=convenor, reason=REASON)
    with pytest.raises(PermissionDenied):
        sighting.put_back(by=convenor)


def test_the_clean_up_and_its_actions_are_worded_for_translation():
    # The admin itself stays at /admin/ in English; its wording is ready for Welsh.
    with translation.override("cy"):
        assert str(CleanUpForm.base_fields["action"].choices[1][1]) == (
            "Dileu’r cyfan (mae’r hanes yn cadw copi)"
        )
        assert str(show_again_selected.short_description) == (
            "Dangos eto y diweddariadau cudd a ddewiswyd"
        )
