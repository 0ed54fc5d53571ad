import datetime
import re

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

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
    same = [SightingFactory(title="Neighbours shop for strangers") for _ in range(3)]
    assert len({sighting.slug for sighting in same}) == 3
    for sighting in same:
        assert re.fullmatch(r"neighbours-shop-for-strangers-[0-9a-f]{6}", sighting.slug)


def test_a_slug_never_tells_that_a_draft_with_the_same_title_exists():
    alone = SightingFactory(title="Allotment swaps", published=True).slug
    SightingFactory(title="Lunch club")
    after_a_draft = SightingFactory(title="Lunch club", published=True).slug
    shape = re.compile(r"(.+)-[0-9a-f]{6}")
    assert shape.fullmatch(alone)[1] == "allotment-swaps"
    assert shape.fullmatch(after_a_draft)[1] == "lunch-club"


def test_a_sighting_titled_like_an_address_under_sightings_never_shadows_it():
    for title in ("New", "Feed", "Paper"):
        assert SightingFactory(title=title).slug.startswith(f"{title.lower()}-")


def test_a_non_latin_title_gets_a_usable_unique_slug():
    first = SightingFactory(title="Соседи помогают друг другу")
    second = SightingFactory(title="邻里互助")
    assert first.slug and second.slug and first.slug != second.slug
    assert first.get_absolute_url() != second.get_absolute_url()


def test_a_slug_stays_the_same_when_the_title_changes():
    sighting = SightingFactory(title="A first title")
    sighting.title = "A better title"
    sighting.save()
    first_slug = sighting.slug
    sighting.refresh_from_db()
    assert sighting.slug == first_slug
    assert sighting.slug.startswith("a-first-title-")


def test_themes_are_trimmed_and_lower_cased_into_one():
    first = SightingFactory(themes=["Loneliness", "Mutual Aid"])
    second = SightingFactory(themes=["loneliness ", "  mutual   aid"])
    assert Theme.objects.count() == 2
    assert sorted(t.name for t in first.themes.all()) == ["loneliness", "mutual aid"]
    assert set(first.themes.all()) == set(second.themes.all())


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


def test_themes_that_slugify_alike_are_counted_as_places_are():
    first, second = Theme.objects.create(name="mutual aid"), Theme.objects.create(name="mutual-aid")
    assert [first.slug, second.slug] == ["mutual-aid", "mutual-aid-2"]


@pytest.mark.parametrize(
    "label, field",
    [
        ("sightings.Sighting", "date_observed"),
        ("sightings.FollowUp", "observed_on"),
        ("cells.CellNote", "met_on"),
    ],
)
def test_every_date_people_give_is_refused_before_1900_and_after_today(label, field):
    date_field = apps.get_model(label)._meta.get_field(field)
    today = timezone.localdate()
    assert date_field.clean(today, None) == today
    for day, code in [
        (today + datetime.timedelta(days=1), "future"),
        (datetime.date(1899, 12, 31), "before_1900"),
    ]:
        with pytest.raises(ValidationError) as refused:
            date_field.clean(day, None)
        assert refused.value.error_list[0].code == code
