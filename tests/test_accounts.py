import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from accounts import signups, views
from accounts.models import Preferences
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


def sign_up(client, data=GOOD_SIGNUP, **extra):
    """Sign up, sending the emails it queues as the request's transaction would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(SIGNUP, data, **extra)


def confirmation_link(email):
    return re.search(r"http://testserver(/accounts/signup/\S+/\S*)", email.body)[1]


def answer(response, client):
    """What a sign-up shows: where it leads, and that page without its form tokens."""
    page = client.get(response["Location"]).content.decode()
    return response.status_code, response["Location"], re.sub(r'value="[^"]{40,}"', "", page)


def test_signing_up_sends_a_link_that_confirms_the_account_and_signs_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup-sent")
    assert "Check your email" in client.get(response["Location"]).content.decode()
    assert "_auth_user_id" not in client.session
    user = get_user_model().objects.get()
    assert user.email == "nadia@example.org"
    assert user.first_name == "Nadia, Leeds"
    assert user.check_password("quiet-river-lantern")
    assert not user.is_active

    (email,) = mail.outbox
    assert email.to == ["nadia@example.org"]
    assert email.subject == "Confirm your email address for the Observatory"
    link = confirmation_link(email)
    # Opening the link (as a mail program checking it may) confirms nothing yet.
    assert "Confirm and sign in" in client.get(link).content.decode()
    assert not get_user_model().objects.get().is_active
    confirmed = client.post(link)
    assert confirmed["Location"] == reverse("sightings:mine")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert get_user_model().objects.get().is_active
    assert "Your account is ready" in client.get(confirmed["Location"]).content.decode()


def test_a_confirmation_link_works_once(client):
    sign_up(client)
    link = confirmation_link(mail.outbox[0])
    client.post(link)
    client.logout()
    spent = client.post(link)
    assert spent.status_code == 200
    assert "This link does not work" in spent.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_link_leads_on_to_the_page_the_sign_up_came_from(client):
    sign_up(client, {**GOOD_SIGNUP, "next": "/sightings/new/"})
    assert client.post(confirmation_link(mail.outbox[0]))["Location"] == "/sightings/new/"


def test_the_link_never_leads_to_another_site(client):
    sign_up(client, {**GOOD_SIGNUP, "next": "https://evil.example/"})
    link = confirmation_link(mail.outbox[0])
    assert "evil.example" not in link
    assert client.post(link)["Location"] == reverse("sightings:mine")


def test_an_account_waiting_for_confirmation_cannot_sign_in(client):
    sign_up(client)
    response = client.post(
        LOGIN, {"username": GOOD_SIGNUP["email"], "password": GOOD_SIGNUP["password"]}
    )
    # Refused in the very words a wrong password gets.
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_up_again_replaces_the_waiting_details_and_spends_the_old_link(client):
    sign_up(client, {**GOOD_SIGNUP, "display_name": "Someone else", "password": "a-squatters-pass"})
    old_link = confirmation_link(mail.outbox[0])
    sign_up(client)
    user = get_user_model().objects.get()
    assert user.first_name == "Nadia, Leeds"
    assert user.check_password("quiet-river-lantern")
    assert "This link does not work" in client.post(old_link).content.decode()
    client.post(confirmation_link(mail.outbox[1]))
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_address_with_an_account_gets_the_same_answer_and_its_owner_a_note(client):
    owner = UserFactory(username="nadia", email="nadia@example.org", first_name="Nadia")
    taken = sign_up(client)
    owners_note = mail.outbox[-1]
    get_user_model().objects.filter(pk=owner.pk).delete()
    new = sign_up(client)
    assert answer(taken, client) == answer(new, client)
    assert "already" not in client.get(taken["Location"]).content.decode()

    assert owners_note.to == ["nadia@example.org"]
    assert owners_note.subject == "Someone tried to sign up to the Observatory with your address"
    assert "http://testserver/accounts/login/" in owners_note.body
    assert "http://testserver/accounts/password/reset/" in owners_note.body
    assert "/accounts/signup/" not in owners_note.body


def test_an_address_with_an_account_whatever_its_case_is_left_as_it_was(client):
    owner = UserFactory(username="nadia", email="nadia@example.org", first_name="Nadia")
    sign_up(client)
    assert get_user_model().objects.count() == 1
    owner.refresh_from_db()
    assert (owner.first_name, owner.is_active) == ("Nadia", True)
    assert owner.check_password(PASSWORD)
    assert "_auth_user_id" not in client.session


def test_the_owners_note_is_in_the_owners_language(client):
    owner = UserFactory(email="nadia@example.org")
    Preferences.objects.create(user=owner, language="cy")
    sign_up(client)
    assert mail.outbox[0].subject == (
        "Ceisiodd rhywun gofrestru gyda’r Arsyllfa gan ddefnyddio eich cyfeiriad"
    )
    assert "http://testserver/cy/accounts/login/" in mail.outbox[0].body


def test_one_address_is_sent_only_a_few_sign_up_emails(client, monkeypatch):
    monkeypatch.setattr(signups, "EMAILS_PER_ADDRESS", "2/h")
    UserFactory(email="nadia@example.org")
    answers = {answer(sign_up(client), client) for _ in range(4)}
    assert len(answers) == 1
    assert len(mail.outbox) == 2
    # Another address is not held back by it.
    sign_up(client, {**GOOD_SIGNUP, "email": "omar@example.org"})
    assert mail.outbox[-1].to == ["omar@example.org"]


def test_a_filled_honeypot_creates_no_account(client):
    response = client.post(SIGNUP, {**GOOD_SIGNUP, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not get_user_model().objects.exists()


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
