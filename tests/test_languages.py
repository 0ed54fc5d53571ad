"""English at today's addresses, Welsh under /cy/: the switch, the first visit, the saved choice."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import Preferences
from tests.factories import PASSWORD, SightingFactory

SWITCH = "/language/"


def switch(client, language, next_url, **extra):
    return client.post(SWITCH, {"language": language, "next": next_url}, **extra)


@pytest.mark.django_db
def test_english_stays_at_todays_addresses():
    assert reverse("sightings:list") == "/sightings/"
    with translation.override("cy"):
        assert reverse("sightings:list") == "/cy/sightings/"


@pytest.mark.django_db
def test_welsh_page_says_so_and_links_its_english_twin(client):
    page = client.get("/cy/sightings/")

    assert page.status_code == 200
    assert page["Content-Language"] == "cy"
    html = page.text
    assert '<html lang="cy">' in html
    assert '<link rel="alternate" hreflang="en-GB" href="http://testserver/sightings/">' in html
    assert '<link rel="alternate" hreflang="cy" href="http://testserver/cy/sightings/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/sightings/">' in html


@pytest.mark.django_db
def test_english_page_says_so_and_links_its_welsh_twin(client):
    html = client.get("/shifts/").text

    assert '<html lang="en-GB">' in html
    assert 'hreflang="cy" href="http://testserver/cy/shifts/"' in html


@pytest.mark.django_db
def test_the_alternates_keep_the_filters(client):
    html = client.get("/sightings/", {"shift": "me-to-we"}).text

    assert 'hreflang="cy" href="http://testserver/cy/sightings/?shift=me-to-we"' in html


@pytest.mark.django_db
def test_the_header_offers_the_other_language_as_a_plain_form(client):
    english = client.get("/sightings/").text
    welsh = client.get("/cy/sightings/").text

    assert f'action="{SWITCH}"' in english
    assert 'name="language" value="cy" lang="cy"' in english
    assert 'name="next" value="/sightings/"' in english
    assert 'name="language" value="en-gb" lang="en-GB"' in welsh
    assert 'name="next" value="/cy/sightings/"' in welsh


@pytest.mark.django_db
def test_switching_to_welsh_returns_to_the_same_page_in_welsh(client):
    response = switch(client, "cy", "/sightings/?shift=me-to-we")

    assert response.status_code == 302
    assert response["Location"] == "/cy/sightings/?shift=me-to-we"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"


@pytest.mark.django_db
def test_switching_back_to_english_returns_to_the_english_address(client):
    response = switch(client, "en-gb", "/cy/shifts/me-to-we/")

    assert response["Location"] == "/shifts/me-to-we/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en-gb"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["xx", "de", "fr", "", "cy'><script>", "CY "])
def test_an_unknown_language_is_ignored(client, language):
    response = switch(client, language, "/sightings/")

    assert response.status_code == 302
    assert response["Location"] == "/sightings/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"],
)
def test_an_off_site_next_address_is_not_followed(client, next_url):
    response = switch(client, "cy", next_url)

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert not response["Location"].startswith("javascript:")
    assert response["Location"].startswith("/")


@pytest.mark.django_db
def test_the_switch_does_not_answer_a_get(client):
    assert client.get(SWITCH, {"language": "cy", "next": "/"}).status_code == 405


@pytest.mark.django_db
def test_a_first_visit_from_a_welsh_browser_goes_to_the_welsh_page(client):
    response = client.get("/sightings/", HTTP_ACCEPT_LANGUAGE="cy,en-GB;q=0.8")

    assert response.status_code == 302
    assert response["Location"] == "/cy/sightings/"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_an_english_browser_stays_on_the_english_page(client):
    response = client.get("/sightings/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,cy;q=0.5")

    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_a_visitor_who_chose_english_is_not_moved_by_their_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"

    response = client.get("/sightings/", HTTP_ACCEPT_LANGUAGE="cy")

    assert response.status_code == 200
    assert '<html lang="en-GB">' in response.text


@pytest.mark.django_db
def test_addresses_outside_the_prefix_are_never_moved(client):
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="cy").status_code == 200
    assert client.get("/api/shifts/", HTTP_ACCEPT_LANGUAGE="cy").status_code == 200
    assert client.get("/cy/api/shifts/").status_code == 404
    assert client.get("/cy/healthz").status_code == 404


@pytest.mark.django_db
def test_an_unknown_welsh_address_is_a_welsh_404(client):
    response = client.get("/cy/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="cy">' in response.text
    assert "Heb ddod o hyd i’r dudalen" in response.text


@pytest.mark.django_db
def test_a_signed_in_persons_switch_is_kept_in_their_preferences(client, practitioner):
    client.force_login(practitioner)

    switch(client, "cy", "/me/")

    assert Preferences.objects.get(user=practitioner).language == "cy"


@pytest.mark.django_db
def test_a_signed_in_persons_switch_needs_the_csrf_token(practitioner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)

    response = switch(client, "cy", "/me/")

    assert response.status_code == 403
    assert not Preferences.objects.filter(user=practitioner, language="cy").exists()


@pytest.mark.django_db
def test_signing_in_brings_back_the_saved_language(client, practitioner):
    Preferences.objects.create(user=practitioner, language="cy")

    response = client.post(
        reverse("accounts:login"), {"username": practitioner.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/cy/me/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"


@pytest.mark.django_db
def test_the_settings_page_offers_the_language_and_keeps_it(client, practitioner):
    client.force_login(practitioner)
    page = client.get("/me/settings/").text
    assert '<input type="radio" name="language" value="cy"' in page
    assert 'lang="cy">Cymraeg</label>' in page

    response = client.post("/me/settings/", {"show_name": "True", "language": "cy"})

    assert response["Location"] == "/cy/me/settings/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    assert Preferences.objects.get(user=practitioner).language == "cy"
    assert "Mae eich gosodiadau wedi’u cadw." in client.get("/cy/me/settings/").text


@pytest.mark.django_db
def test_dates_are_written_in_the_pages_language(client):
    sighting = SightingFactory(published=True, date_observed=datetime.date(2026, 3, 14))

    english = client.get(sighting.get_absolute_url()).text
    with translation.override("cy"):
        welsh_url = sighting.get_absolute_url()
    welsh = client.get(welsh_url).text

    assert welsh_url.startswith("/cy/sightings/")
    assert "14 March 2026" in english
    assert "14 Mawrth 2026" in welsh


@pytest.mark.django_db
def test_the_shifts_are_named_in_welsh(client):
    page = client.get("/cy/shifts/me-to-we/").text

    assert "Fi → Ni" in page
    assert "Llanw o ewyllys da" in page
    assert "Me → We" not in page


@pytest.mark.django_db
def test_the_account_closed_email_goes_out_in_the_persons_language(
    client, practitioner, django_capture_on_commit_callbacks
):
    Preferences.objects.create(user=practitioner, language="cy")
    client.force_login(practitioner)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:delete"), {"published": "keep", "password": PASSWORD})

    (message,) = mail.outbox
    assert message.subject == "Mae eich cyfrif ar yr Arsyllfa wedi’i gau"
    assert "Fel y gofynnoch, mae eich cyfrif ar yr Arsyllfa wedi’i gau." in message.body


@pytest.mark.django_db
def test_the_welsh_feed_has_a_welsh_title(client):
    SightingFactory(published=True)

    feed = client.get("/cy/sightings/feed/", {"lasting": "on", "shift": "me-to-we"}).text

    assert (
        "<title>Yr Arsyllfa: arsylwadau (Newid: Fi → Ni; Newidiadau sy’n para yn unig)</title>"
        in feed
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address, link",
    [
        ("/themes/", "/themes/loneliness/"),
        ("/", "/themes/loneliness/"),
        ("/places/", "/places/hackney/"),
    ],
)
def test_kept_counts_link_to_the_pages_own_language(client, address, link):
    sighting = SightingFactory(published=True, themes=["loneliness"], place="Hackney")
    sighting.match_place()
    sighting.save()

    english = client.get(address)
    welsh = client.get("/cy" + address)

    assert f'href="{link}"' in english.text
    assert f'href="/cy{link}"' in welsh.text
    assert f'href="{link}"' not in welsh.text
