"""A convenor reviewing a resubmitted sighting sees what changed since the feedback."""

import pytest
from django.urls import reverse

from sightings.changes import marked_words, since_feedback
from tests.factories import SightingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resubmitted(author, convenor):
    sighting = SightingFactory(
        author=author,
        title="Lunch club",
        story="Neighbours cook together on Thursdays.",
        place="Hackney",
    )
    sighting.submit(by=author)
    sighting.return_to_author(by=convenor, feedback="Say who started it.")
    sighting.story = "Neighbours who met in lockdown cook together on Thursdays."
    sighting.place = "Hackney, London"
    sighting.save()
    sighting.submit(by=author)
    return sighting


def test_the_review_page_shows_the_feedback_and_each_changed_field(client, resubmitted, convenor):
    client.force_login(convenor)
    page = client.get(reverse("review:sighting", kwargs={"pk": resubmitted.pk})).content.decode()
    assert "What changed since the feedback" in page
    assert "Say who started it." in page
    assert "<ins>who met in lockdown</ins>" in page
    assert "<del>Hackney</del> <ins>Hackney, London</ins>" in page


def test_unchanged_fields_are_not_listed(resubmitted):
    labels = [change.label for change in since_feedback(resubmitted).changes]
    assert labels == ["Story", "Place"]


def test_a_first_submission_shows_no_changes(author, convenor, client):
    sighting = SightingFactory(author=author)
    sighting.submit(by=author)
    assert since_feedback(sighting) is None
    client.force_login(convenor)
    page = client.get(reverse("review:sighting", kwargs={"pk": sighting.pk})).content.decode()
    assert "What changed since the feedback" not in page


def test_words_are_escaped_as_they_are_marked():
    marked = marked_words("a <b>", "a <script>x</script>")
    assert "<script>" not in marked
    assert "<del>&lt;b&gt;</del>" in marked
    assert "<ins>&lt;script&gt;x&lt;/script&gt;</ins>" in marked
