"""Who may do what (README.md, "What it does"), for the addresses behind an account.

404 where the object is not public, 403 otherwise, and a visitor is sent to sign in.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.roles import CONVENORS_GROUP
from sightings.models import Sighting
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "sign in"
ROLES = ["visitor", "practitioner", "author", "convenor", "staff"]

# address template → expected answer for each role, in the order of ROLES.
TABLE = [
    ("/sightings/new/", [SIGN_IN, 200, 200, 200, 200]),
    ("/me/", [SIGN_IN, 200, 200, 200, 200]),
    ("/accounts/password/change/", [SIGN_IN, 200, 200, 200, 200]),
    ("/sightings/{draft}/", [404, 404, 200, 404, 404]),
    ("/sightings/{submitted}/", [404, 404, 200, 200, 200]),
    ("/sightings/{published}/", [200, 200, 200, 200, 200]),
    ("/sightings/{draft}/edit/", [SIGN_IN, 404, 200, 404, 404]),
    ("/sightings/{returned}/edit/", [SIGN_IN, 404, 200, 403, 403]),
    ("/sightings/{submitted}/edit/", [SIGN_IN, 404, 403, 403, 403]),
    ("/sightings/{published}/edit/", [SIGN_IN, 403, 403, 403, 403]),
    ("/sightings/{draft}/withdraw/", [SIGN_IN, 404, 200, 404, 404]),
    ("/sightings/{published}/withdraw/", [SIGN_IN, 403, 200, 403, 403]),
    ("/sightings/{published}/follow-up/", [SIGN_IN, 403, 200, 200, 200]),
    ("/sightings/{draft}/follow-up/", [SIGN_IN, 404, 403, 404, 404]),
    ("/sightings/no-such-sighting/edit/", [SIGN_IN, 404, 404, 404, 404]),
    ("/review/", [SIGN_IN, 403, 403, 200, 200]),
    ("/review/{submitted_pk}/", [SIGN_IN, 403, 403, 200, 200]),
    ("/review/{draft_pk}/", [SIGN_IN, 403, 403, 404, 404]),
    ("/review/999999/", [SIGN_IN, 403, 403, 404, 404]),
    ("/review/themes/", [SIGN_IN, 403, 403, 200, 200]),
]
CASES = [
    pytest.param(address, role, expected[index], id=f"{role}-{address}")
    for address, expected in TABLE
    for index, role in enumerate(ROLES)
]


@pytest.fixture
def world(author):
    sightings = {
        status: SightingFactory(author=author, status=status, title=f"A {status} one")
        for status in ("draft", "submitted", "published", "returned")
    }
    return {
        **{status: sighting.slug for status, sighting in sightings.items()},
        "draft_pk": sightings["draft"].pk,
        "submitted_pk": sightings["submitted"].pk,
    }


def client_for(role, author):
    client = Client()
    if role == "visitor":
        return client
    user = author if role == "author" else UserFactory(is_staff=role == "staff")
    if role == "convenor":
        user.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    client.force_login(user)
    return client


@pytest.mark.parametrize(("address", "role", "expected"), CASES)
def test_each_role_at_each_address(address, role, expected, world, author):
    url = address.format(**world)
    response = client_for(role, author).get(url)
    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == expected


STATE_CHANGES = [
    ("/sightings/{draft}/withdraw/", {}),
    ("/sightings/{draft}/edit/", {"title": "Changed", "action": "draft"}),
    ("/review/{submitted_pk}/", {"decision": "decline", "feedback": "No.", "themes": ""}),
]


@pytest.mark.parametrize(("address", "data"), STATE_CHANGES)
def test_state_changes_refuse_a_post_without_csrf(address, data, world, author, staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff if address.startswith("/review/") else author)
    response = client.post(address.format(**world), data)
    assert response.status_code == 403
    assert not Sighting.objects.filter(status__in=["withdrawn", "declined"]).exists()
    assert not Sighting.objects.filter(title="Changed").exists()


def test_another_practitioner_cannot_withdraw_by_post(client, world, practitioner):
    client.force_login(practitioner)
    assert client.post(f"/sightings/{world['published']}/withdraw/").status_code == 403
    assert client.post(f"/sightings/{world['draft']}/withdraw/").status_code == 404
    assert not Sighting.objects.filter(status="withdrawn").exists()


def test_a_practitioner_cannot_decide_by_post(client, world, author):
    client.force_login(author)
    response = client.post(
        f"/review/{world['submitted_pk']}/", {"decision": "publish", "themes": ""}
    )
    assert response.status_code == 403
    assert Sighting.objects.get(pk=world["submitted_pk"]).status == "submitted"


def test_a_visitor_posting_a_sighting_is_sent_to_sign_in_and_nothing_saved(client):
    response = client.post("/sightings/new/", {"title": "Sneaky", "action": "draft"})
    assert response["Location"].startswith("/accounts/login/")
    assert not Sighting.objects.exists()


@pytest.mark.parametrize("address", ["/review/99999999999999999999/", "/review/0/"])
def test_an_impossible_review_number_is_404_not_an_error(address, client, staff):
    client.force_login(staff)
    assert client.get(address).status_code == 404
