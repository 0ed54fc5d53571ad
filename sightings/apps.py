from django.apps import AppConfig


class SightingsConfig(AppConfig):
    name = "sightings"
    verbose_name = "Sightings"

    def ready(self):
        # Receivers, not calls from save(): cached counts and pages must be renewed
        # however a sighting, theme or place changes (forms, admin, taggit, the ORM).
        from sightings import invalidation, tallies  # noqa: F401
