"""The paper sighting form: the web form's questions on one printable page."""

import pytest
from django.urls import reverse

from sightings.forms import SightingForm
from sightings.models import Shift, Sighting
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_paper_form_asks_the_web_forms_questions_in_the_same_words(client):
    page = client.get(reverse("sightings:paper")).content.decode()

    form = SightingForm()
    for name in ["title", "summary", "story", "place", "date_observed", "setting", "themes"]:
        assert str(form.fields[name].label) in page, name
    assert "No one can be identified in this sighting without their consent." in page
    for shift in Shift.objects.all():
        assert shift.name in page
    for _value, label in [*Sighting.Setting.choices, *Sighting.Connection.choices]:
        assert str(label) in page


def test_the_paper_form_has_no_navigation_and_its_own_print_stylesheet(client):
    page = client.get(reverse("sightings:paper")).content.decode()

    assert "<nav" not in page
    assert 'aria-label="Main"' not in page
    assert "css/paper.css" in page
    assert page.count("<h1") == 1


def test_the_home_page_and_the_sighting_form_link_to_the_paper_form(client):
    paper = reverse("sightings:paper")
    assert paper in client.get("/").content.decode()
    client.force_login(UserFactory())
    assert paper in client.get(reverse("sightings:new")).content.decode()


def test_a_sighting_titled_paper_does_not_hide_the_paper_form(client):
    sighting = SightingFactory(title="Paper", published=True)

    assert sighting.slug != "paper"
    assert client.get(reverse("sightings:paper")).status_code == 200
