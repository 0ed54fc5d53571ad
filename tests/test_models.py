import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sightings.models import Shift, Sighting, Theme
from tests.factories import SightingFactory

pytestmark = pytest.mark.django_db

SHIFTS_IN_ORDER = [
    ("doubting-to-trusting", "Doubting → Trusting"),
    ("controlling-to-enabling", "Controlling → Enabling"),
    ("competing-to-co-operating", "Competing → Co-operating"),
    ("standardised-to-personalised", "Standardised → Personalised"),
    ("me-to-we", "Me → We"),
]


def test_the_five_shifts_exist_in_order_after_migrate():
    assert list(Shift.objects.values_list("slug", "name")) == SHIFTS_IN_ORDER
    assert all(Shift.objects.values_list("description", flat=True))


def test_a_shift_cannot_be_deleted_one_at_a_time_or_in_bulk():
    with pytest.raises(PermissionDenied):
        Shift.objects.first().delete()
    with pytest.raises(PermissionDenied):
        Shift.objects.all().delete()
    assert Shift.objects.count() == 5


def test_sightings_with_the_same_title_get_different_slugs():
    first = SightingFactory(title="Neighbours shop for strangers")
    second = SightingFactory(title="Neighbours shop for strangers")
    third = SightingFactory(title="Neighbours shop for strangers")
    assert first.slug == "neighbours-shop-for-strangers"
    assert second.slug == "neighbours-shop-for-strangers-2"
    assert third.slug == "neighbours-shop-for-strangers-3"


def test_a_non_latin_title_gets_a_usable_unique_slug():
    first = SightingFactory(title="Соседи помогают друг другу")
    second = SightingFactory(title="邻里互助")
    assert first.slug and second.slug and first.slug != second.slug
    assert first.get_absolute_url() != second.get_absolute_url()


def test_a_slug_stays_the_same_when_the_title_changes():
    sighting = SightingFactory(title="A first title")
    sighting.title = "A better title"
    sighting.save()
    sighting.refresh_from_db()
    assert sighting.slug == "a-first-title"


def test_themes_are_trimmed_and_lower_cased_into_one():
    first = SightingFactory(themes=["Loneliness", "Mutual Aid"])
    second = SightingFactory(themes=["loneliness ", "  mutual   aid"])
    assert Theme.objects.count() == 2
    assert sorted(t.name for t in first.tags.all()) == ["loneliness", "mutual aid"]
    assert set(first.tags.all()) == set(second.tags.all())


def test_a_new_sighting_is_a_draft_and_not_public():
    sighting = SightingFactory()
    assert sighting.status == Sighting.Status.DRAFT
    assert not Sighting.objects.published().filter(pk=sighting.pk).exists()


def test_the_author_submits_and_a_convenor_publishes(author, convenor):
    sighting = SightingFactory(author=author)
    sighting.submit(by=author)
    assert sighting.status == Sighting.Status.SUBMITTED
    assert sighting.submitted_at is not None
    sighting.publish(by=convenor)
    assert sighting.status == Sighting.Status.PUBLISHED
    assert sighting.published_at is not None
    assert [c.to_status for c in sighting.changes.all()] == ["submitted", "published"]


def test_a_draft_cannot_be_published_directly(author, convenor):
    sighting = SightingFactory(author=author)
    with pytest.raises(ValidationError):
        sighting.publish(by=convenor)
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.DRAFT


def test_a_practitioner_cannot_publish(author, practitioner):
    sighting = SightingFactory(author=author, submitted=True)
    with pytest.raises(PermissionDenied):
        sighting.publish(by=practitioner)
    sighting.refresh_from_db()
    assert sighting.status == Sighting.Status.SUBMITTED


def test_a_declined_sighting_cannot_be_resubmitted(author, convenor):
    sighting = SightingFactory(author=author, submitted=True)
    sighting.decline(by=convenor, reason="It names a person who did not consent.")
    with pytest.raises(ValidationError):
        sighting.submit(by=author)
    assert sighting.feedback == "It names a person who did not consent."


def test_a_sighting_missing_required_fields_cannot_be_submitted(author):
    sighting = SightingFactory(author=author, summary="", consent=False, shifts=[])
    with pytest.raises(ValidationError):
        sighting.submit(by=author)
    assert set(sighting.missing_for_submission()) >= {"summary", "consent", "shifts"}


def test_the_author_may_withdraw_a_published_sighting(author):
    sighting = SightingFactory(author=author, published=True)
    sighting.withdraw(by=author)
    assert sighting.status == Sighting.Status.WITHDRAWN
    assert not Sighting.objects.published().exists()


def test_deleting_an_author_keeps_their_published_sighting(author):
    sighting = SightingFactory(author=author, published=True)
    author.delete()
    sighting.refresh_from_db()
    assert sighting.author is None
    assert sighting.is_public
