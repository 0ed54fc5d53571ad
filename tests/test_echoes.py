""" "We've seen this too": who may say it, how it shows, how it is counted and moderated."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Preferences
from sightings.models import Echo
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


def seen_too_url(sighting):
    return reverse("sightings:seen-too", kwargs={"slug": sighting.slug})


def say_seen(client, sighting, place="Cardiff", note=""):
    return client.post(seen_too_url(sighting), {"place": place, "note": note})


def test_a_signed_in_person_says_they_have_seen_it_and_it_shows_at_once(
    client, practitioner, published_sighting
):
    client.force_login(practitioner)
    response = say_seen(client, published_sighting, "Cardiff", "Our library does the same.")
    assert response.status_code == 302
    page = client.get(published_sighting.get_absolute_url()).content.decode()
    assert "Priya" in page
    assert "Cardiff" in page
    assert "Our library does the same." in page
    assert "Seen in 2 places" in page


def test_pressing_again_changes_the_one_echo(client, practitioner, published_sighting):
    client.force_login(practitioner)
    say_seen(client, published_sighting, "Cardiff")
    say_seen(client, published_sighting, "Swansea", "Now in Swansea too.")
    [echo] = Echo.objects.all()
    assert (echo.place, echo.note) == ("Swansea", "Now in Swansea too.")


def test_a_signed_in_reader_sees_the_plain_form(client, practitioner, published_sighting):
    client.force_login(practitioner)
    page = client.get(published_sighting.get_absolute_url()).content.decode()
    assert f'action="{seen_too_url(published_sighting)}"' in page
    assert "We've seen this too</button>" in page


def test_the_place_is_prefilled_from_the_last_one_given(client, practitioner):
    first, second = SightingFactory(published=True), SightingFactory(published=True)
    client.force_login(practitioner)
    say_seen(client, first, "Merthyr Tydfil")
    page = client.get(second.get_absolute_url()).content.decode()
    assert 'value="Merthyr Tydfil"' in page


def test_the_author_cannot_echo_their_own_sighting(client, author, published_sighting):
    client.force_login(author)
    assert (
        "We&#x27;ve seen this too"
        not in client.get(published_sighting.get_absolute_url()).content.decode()
    )
    assert say_seen(client, published_sighting).status_code == 403
    assert not Echo.objects.exists()


def test_visitors_are_sent_to_sign_in(client, published_sighting):
    response = say_seen(client, published_sighting)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not Echo.objects.exists()


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "withdrawn"])
def test_an_unpublished_sighting_cannot_be_echoed(client, practitioner, status):
    sighting = SightingFactory(status=status)
    client.force_login(practitioner)
    assert say_seen(client, sighting).status_code == 404


def test_an_unknown_sighting_is_404(client, practitioner):
    client.force_login(practitioner)
    assert client.post("/sightings/no-such-thing/seen-too/", {"place": "X"}).status_code == 404


@pytest.mark.parametrize(
    ("place", "note", "error"),
    [
        ("   ", "", "This field is required."),
        ("Cardiff", "x" * 281, "at most 280 characters"),
    ],
)
def test_bad_input_comes_back_with_a_clear_message(
    client, practitioner, published_sighting, place, note, error
):
    client.force_login(practitioner)
    response = say_seen(client, published_sighting, place, note)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Echo.objects.exists()


def test_a_note_is_shown_as_plain_text(client, practitioner, published_sighting):
    client.force_login(practitioner)
    say_seen(client, published_sighting, "Leeds", "<script>alert(1)</script><b>bold</b>")
    page = client.get(published_sighting.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_the_public_name_is_what_the_person_chose(client, practitioner, published_sighting):
    Preferences.objects.create(user=practitioner, show_name=False)
    client.force_login(practitioner)
    say_seen(client, published_sighting, "Leeds")
    client.logout()
    page = client.get(published_sighting.get_absolute_url()).content.decode()
    assert "a practitioner" in page
    assert "Priya" not in page


def test_its_author_may_delete_it(client, practitioner, published_sighting):
    client.force_login(practitioner)
    say_seen(client, published_sighting)
    client.post(reverse("sightings:seen-too-delete", kwargs={"slug": published_sighting.slug}))
    assert not Echo.objects.exists()


def test_nobody_else_can_delete_it(client, practitioner, published_sighting):
    Echo.objects.create(sighting=published_sighting, author=UserFactory(), place="Bath")
    client.force_login(practitioner)
    client.post(reverse("sightings:seen-too-delete", kwargs={"slug": published_sighting.slug}))
    assert Echo.objects.count() == 1


def test_a_convenor_hides_one_with_a_reason_kept_in_the_history(
    client, convenor, practitioner, published_sighting
):
    echo = Echo.objects.create(sighting=published_sighting, author=practitioner, place="Bath")
    client.force_login(convenor)
    hide_url = reverse(
        "sightings:seen-too-hide", kwargs={"slug": published_sighting.slug, "pk": echo.pk}
    )
    assert client.post(hide_url, {"reason": ""}).status_code == 200
    client.post(hide_url, {"reason": "Names a child."})
    echo.refresh_from_db()
    assert echo.is_hidden and echo.hidden_reason == "Names a child."
    newest = echo.history.first()
    assert newest.hidden_reason == "Names a child."
    assert newest.history_user == convenor

    client.logout()
    page = client.get(published_sighting.get_absolute_url()).content.decode()
    assert "Bath" not in page
    assert "Seen in" not in page
    client.force_login(practitioner)
    page = client.get(published_sighting.get_absolute_url()).content.decode()
    assert "Names a child." in page


def test_a_practitioner_cannot_hide_one(client, practitioner, published_sighting):
    echo = Echo.objects.create(sighting=published_sighting, author=UserFactory(), place="Bath")
    client.force_login(practitioner)
    url = reverse(
        "sightings:seen-too-hide", kwargs={"slug": published_sighting.slug, "pk": echo.pk}
    )
    assert client.post(url, {"reason": "No"}).status_code == 403
    assert not Echo.objects.get().is_hidden


def test_echoes_are_rate_limited_per_person(client, practitioner, settings):
    settings.POSTING_LIMITS = {**settings.POSTING_LIMITS, "echo": "2/h"}
    client.force_login(practitioner)
    sightings = SightingFactory.create_batch(3, published=True)
    for sighting in sightings[:2]:
        assert say_seen(client, sighting).status_code == 302
    response = say_seen(client, sightings[2])
    assert response.status_code == 200
    assert "You can add at most 2" in response.content.decode()
    assert Echo.objects.count() == 2


def test_cards_count_the_places_and_the_list_sorts_by_most_seen(client):
    quiet = SightingFactory(published=True, title="Quiet one")
    popular = SightingFactory(published=True, title="Popular one")
    for _ in range(3):
        Echo.objects.create(sighting=popular, author=UserFactory(), place="Somewhere")
    Echo.objects.create(
        sighting=quiet, author=UserFactory(), place="Elsewhere", hidden_at="2020-01-01T00:00Z"
    )
    page = client.get("/sightings/?sort=most-seen").content.decode()
    assert page.index("Popular one") < page.index("Quiet one")
    assert "Seen in 4 places" in page
    assert "Seen in 2 places" not in page


def test_the_form_asks_in_welsh_on_a_welsh_page(client, practitioner, published_sighting):
    client.force_login(practitioner)
    page = client.get("/cy" + published_sighting.get_absolute_url()).content.decode()
    assert "Ble rydych chi wedi’i weld?" in page
    assert "Where have you seen it?" not in page


def test_a_convenor_cannot_hide_one_twice_or_show_one_that_is_not_hidden(
    convenor, practitioner, published_sighting
):
    echo = Echo.objects.create(sighting=published_sighting, author=practitioner, place="Neath")
    with pytest.raises(ValidationError, match="not hidden"):
        echo.show_again(by=convenor)
    echo.hide(by=convenor, reason="Off topic")
    with pytest.raises(ValidationError, match="already hidden"):
        echo.hide(by=convenor, reason="Again")
    echo.show_again(by=convenor)
    assert Echo.objects.visible().filter(pk=echo.pk).exists()
