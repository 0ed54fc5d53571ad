from django.apps import AppConfig


class SightingsConfig(AppConfig):
    name = "sightings"
    verbose_name = "Sightings"

    def ready(self):
        # Connects the receivers that start a new generation of cached counts.
        from sightings import counts  # noqa: F401
