"""Sightings told to a convenor on paper, on the phone or in person, typed in by them."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.roles import CONVENORS_GROUP
from sightings.models import Sighting
from tests.factories import SightingFactory, UserFactory
from tests.test_authoring import full_sighting

pytestmark = pytest.mark.django_db

ON_BEHALF = reverse("review:on-behalf")


def told(**changes):
    told_fields = {
        "told_via": "phone",
        "told_by": "Mair, Rhyl",
        "consent_given": "phone",
        "consent_note": "",
    }
    return full_sighting(**{**told_fields, **changes})


@pytest.fixture
def second_convenor(db):
    user = UserFactory(first_name="Dafydd")
    user.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    return user


def test_visitors_sign_in_first_and_practitioners_may_not_record_for_others(client, practitioner):
    assert client.get(ON_BEHALF)["Location"].startswith(reverse("accounts:login"))
    client.force_login(practitioner)
    assert client.get(ON_BEHALF).status_code == 403
    assert client.post(ON_BEHALF, told()).status_code == 403
    assert not Sighting.objects.exists()


def test_a_convenor_submits_a_told_sighting_that_waits_for_review(client, convenor):
    client.force_login(convenor)
    page = client.get(ON_BEHALF).content.decode()
    assert "How was it told to you?" in page
    assert "No one can be identified in this sighting without their consent." in page

    response = client.post(ON_BEHALF, told())

    assert response.status_code == 302
    sighting = Sighting.objects.get()
    assert sighting.status == Sighting.Status.SUBMITTED
    assert sighting.author == convenor
    assert (sighting.told_via, sighting.told_by, sighting.consent_given) == (
        "phone",
        "Mair, Rhyl",
        "phone",
    )
    assert sighting.changes.get().actor == convenor


def test_the_convenor_who_typed_it_may_not_publish_it_but_another_may(
    client, convenor, second_convenor
):
    client.force_login(convenor)
    client.post(ON_BEHALF, told())
    sighting = Sighting.objects.get()

    with pytest.raises(PermissionDenied):
        sighting.publish(by=convenor)
    assert sighting not in client.get(reverse("review:queue")).context["page"]

    sighting.publish(by=second_convenor)
    client.logout()
    page = client.get(sighting.get_absolute_url()).content.decode()
    assert "<dt>Told to</dt><dd>Carys</dd>" in page
    assert "<dt>Told by</dt><dd>Mair, Rhyl</dd>" in page
    assert "Posted by" not in page


def test_an_anonymous_teller_is_shown_as_anonymous(client, convenor):
    sighting = SightingFactory(
        author=convenor, published=True, told_via="paper", told_by="", consent_given="paper"
    )
    page = client.get(sighting.get_absolute_url()).content.decode()
    assert "<dt>Told by</dt><dd>anonymous</dd>" in page


def test_consent_given_some_other_way_needs_a_note(client, convenor):
    client.force_login(convenor)

    response = client.post(ON_BEHALF, told(consent_given="other"))
    assert response.status_code == 200
    assert "Say how consent was given." in response.content.decode()
    assert response.context["form"]["title"].value() == "Pharmacy staff phone lonely regulars"
    assert not Sighting.objects.exists()

    client.post(ON_BEHALF, told(consent_given="other", consent_note="Nodded at the café."))
    assert Sighting.objects.get().consent_note == "Nodded at the café."


def test_submitting_needs_how_consent_was_given_but_a_draft_does_not(client, convenor):
    client.force_login(convenor)

    response = client.post(ON_BEHALF, told(consent_given=None))
    assert "Say how the teller gave their consent." in response.content.decode()
    assert not Sighting.objects.exists()

    client.post(
        ON_BEHALF, {"title": "Told at the market", "told_via": "in-person", "action": "draft"}
    )
    draft = Sighting.objects.get()
    assert draft.status == Sighting.Status.DRAFT
    assert draft.is_told
    assert "how consent was given" in draft.missing_for_submission()


def test_a_returned_told_sighting_is_edited_with_its_teller_and_consent(
    client, convenor, second_convenor
):
    sighting = SightingFactory(
        author=convenor, submitted=True, told_via="paper", told_by="Mair", consent_given="paper"
    )
    sighting.return_to_author(by=second_convenor, feedback="Which market?")
    client.force_login(convenor)
    edit = reverse("sightings:edit", kwargs={"slug": sighting.slug})

    form = client.get(edit).context["form"]
    assert form["told_by"].value() == "Mair"

    client.post(edit, told(told_by="", told_via="paper", consent_given="paper"))
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.SUBMITTED
    assert sighting.told_by == ""


def test_practitioners_cannot_make_their_own_sighting_a_told_one(client, author):
    client.force_login(author)
    client.post(reverse("sightings:new"), told())
    sighting = Sighting.objects.get()
    assert not sighting.is_told
    assert sighting.consent_given == Sighting.Consent.WEB_FORM
