import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cells.models import Cell, CellNote
from sightings.models import FollowUp, Shift, Sighting

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    password = factory.django.Password(PASSWORD)


class SightingFactory(factory.django.DjangoModelFactory):
    """A sighting with every field a submission needs; a draft unless told otherwise."""

    class Meta:
        model = Sighting
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=Sighting.Status.PUBLISHED,
            submitted_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )
        submitted = factory.Trait(
            status=Sighting.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )

    title = factory.Sequence(lambda n: f"Neighbours kept the lunch club going {n}")
    summary = "A street group that began in lockdown still meets every Thursday."
    story = "They started with *shopping* runs and now cook together.\n\n- soup\n- bread"
    place = "Hackney, London"
    date_observed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    setting = Sighting.Setting.NEIGHBOURHOOD
    connection = Sighting.Connection.BRIDGING
    consent = True
    author = factory.SubFactory(UserFactory)
    status = Sighting.Status.DRAFT

    @factory.post_generation
    def shifts(self, create, extracted, **kwargs):
        if not create:
            return
        slugs = extracted if extracted is not None else ["me-to-we"]
        self.shifts.set(Shift.objects.filter(slug__in=slugs))

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    sighting = factory.SubFactory(SightingFactory, published=True)
    author = factory.SelfAttribute("sighting.author")
    outcome = FollowUp.Outcome.STILL_HAPPENING
    note = "Still meeting every week."


class CellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cell
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Changing practices {n}")
    purpose = "To explore how services can be built around *relationships*."

    @factory.post_generation
    def convenors(self, create, extracted, **kwargs):
        if create and extracted:
            self.convenors.set(extracted)


class CellNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CellNote
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=CellNote.Status.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )

    cell = factory.SubFactory(CellFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    met_on = factory.Sequence(lambda n: datetime.date(2020, 6, 10) + datetime.timedelta(weeks=n))
    summary = "We took stock of what the pandemic changed."
    body = "## Aims\n\nTo share what we have seen."
    status = CellNote.Status.DRAFT

    @factory.post_generation
    def sightings(self, create, extracted, **kwargs):
        if create and extracted:
            self.sightings.set(extracted)
