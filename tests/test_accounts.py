import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts import views
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
GOOD_SIGNUP = {
    "email": "Nadia@Example.org",
    "display_name": "Nadia, Leeds",
    "password": "quiet-river-lantern",
    "website": "",
}


def test_signup_page_labels_every_field(client):
    response = client.get(SIGNUP)
    assert response.status_code == 200
    for label in ("Email address", "Display name", "Password"):
        assert f">{label}" in response.content.decode()


def test_signing_up_creates_an_account_and_signs_in(client):
    response = client.post(SIGNUP, GOOD_SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("sightings:mine")
    user = get_user_model().objects.get()
    assert user.email == "nadia@example.org"
    assert user.first_name == "Nadia, Leeds"
    assert user.check_password("quiet-river-lantern")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_filled_honeypot_creates_no_account(client):
    response = client.post(SIGNUP, {**GOOD_SIGNUP, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not get_user_model().objects.exists()


def test_an_email_address_already_used_is_refused_whatever_its_case(client):
    UserFactory(username="nadia", email="nadia@example.org")
    response = client.post(SIGNUP, GOOD_SIGNUP)
    assert "already uses this email address" in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_one_address_is_told_only_a_few_times_that_an_email_address_is_taken(client, monkeypatch):
    monkeypatch.setitem(views.RATES, "accounts:signup-taken", "3/h")
    for number in range(3):
        UserFactory(email=f"member{number}@example.org")
        told = client.post(SIGNUP, {**GOOD_SIGNUP, "email": f"member{number}@example.org"})
        assert "already uses this email address" in told.content.decode()
    UserFactory(email="member9@example.org")
    refused = client.post(SIGNUP, {**GOOD_SIGNUP, "email": "member9@example.org"})
    assert refused.status_code == 429
    assert "already uses" not in refused.content.decode()
    # Signing up with a new address is not held back by it.
    assert client.post(SIGNUP, GOOD_SIGNUP).status_code == 302


def test_one_email_address_is_told_only_a_few_times_whoever_asks(client, monkeypatch):
    monkeypatch.setitem(views.RATES, "accounts:signup-taken-address", "3/h")
    UserFactory(email="nadia@example.org")
    for number in range(3):
        told = client.post(
            SIGNUP, {**GOOD_SIGNUP, "email": "Nadia@example.org "}, REMOTE_ADDR=f"10.0.0.{number}"
        )
        assert "already uses this email address" in told.content.decode()
    refused = client.post(SIGNUP, GOOD_SIGNUP, REMOTE_ADDR="10.0.0.9")
    assert refused.status_code == 429
    assert "already uses" not in refused.content.decode()
    # Another address, from the same client, is answered as before.
    UserFactory(email="omar@example.org")
    other = client.post(
        SIGNUP, {**GOOD_SIGNUP, "email": "omar@example.org"}, REMOTE_ADDR="10.0.0.9"
    )
    assert "already uses this email address" in other.content.decode()


def test_a_weak_password_is_refused_and_the_rest_is_kept(client):
    response = client.post(SIGNUP, {**GOOD_SIGNUP, "password": "12345678"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'value="Nadia@Example.org"' in html
    assert 'value="Nadia, Leeds"' in html
    assert 'value="12345678"' not in html
    assert not get_user_model().objects.exists()


def test_signup_is_rate_limited_per_address(client, monkeypatch):
    monkeypatch.setitem(views.RATES, "accounts:signup", "3/h")
    for number in range(3):
        client.post(SIGNUP, {**GOOD_SIGNUP, "email": f"robot{number}@example.org"})
        client.logout()
    response = client.post(SIGNUP, {**GOOD_SIGNUP, "email": "robot9@example.org"})
    assert response.status_code == 429
    assert get_user_model().objects.count() == 3


def test_someone_signed_in_is_sent_on_from_signup(client, practitioner):
    client.force_login(practitioner)
    assert client.get(SIGNUP)["Location"] == reverse("sightings:mine")


def test_members_sign_in_with_their_email_address(client, practitioner):
    response = client.post(LOGIN, {"username": practitioner.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("sightings:mine")


def test_a_wrong_password_says_so_beside_the_form(client, practitioner):
    response = client.post(LOGIN, {"username": practitioner.email, "password": "wrong"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


def test_too_many_failed_sign_ins_show_a_clear_lockout_page(client, practitioner):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": practitioner.email, "password": "wrong"})
    response = client.post(LOGIN, {"username": practitioner.email, "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Signing in is paused" in html
    assert "15 minutes" in html
    assert reverse("accounts:password-reset") in html
    assert "_auth_user_id" not in client.session


def test_signing_out_needs_a_post(client, practitioner):
    client.force_login(practitioner)
    asked = client.get("/accounts/logout/")
    assert asked.status_code == 200
    assert 'method="post" action="/accounts/logout/"' in asked.content.decode()
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_header_shows_who_is_signed_in_and_their_links(client, practitioner):
    client.force_login(practitioner)
    html = client.get("/").content.decode()
    assert "Signed in as <strong>Priya" in html
    assert reverse("sightings:mine") in html
    assert reverse("review:queue") not in html
    assert '<button type="submit" class="link-button">Sign out</button>' in html


def test_the_header_offers_review_to_convenors(client, convenor):
    client.force_login(convenor)
    assert reverse("review:queue") in client.get("/").content.decode()


def test_the_header_offers_sign_in_and_sign_up_to_visitors(client):
    html = client.get("/").content.decode()
    assert reverse("accounts:login") in html
    assert reverse("accounts:signup") in html
    assert "Sign out" not in html


def test_password_change_needs_an_account(client):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_member_changes_their_password(client, practitioner):
    client.force_login(practitioner)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-phrase",
            "new_password2": "another-long-phrase",
        },
    )
    assert response["Location"] == reverse("accounts:password-change-done")
    practitioner.refresh_from_db()
    assert practitioner.check_password("another-long-phrase")


def test_a_forgotten_password_is_reset_by_email(client, practitioner):
    response = client.post("/accounts/password/reset/", {"email": practitioner.email})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-fresh-start-99", "new_password2": "a-fresh-start-99"},
    )
    assert response["Location"] == reverse("accounts:password-reset-complete")
    practitioner.refresh_from_db()
    assert practitioner.check_password("a-fresh-start-99")


def test_password_reset_says_the_same_for_an_unknown_address(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert mail.outbox == []


def test_password_reset_requests_are_rate_limited(client, practitioner):
    for _ in range(5):
        client.post("/accounts/password/reset/", {"email": practitioner.email})
    response = client.post("/accounts/password/reset/", {"email": practitioner.email})
    assert response.status_code == 429
    assert len(mail.outbox) == 5
