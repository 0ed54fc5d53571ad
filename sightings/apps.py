from django.apps import AppConfig


class SightingsConfig(AppConfig):
    name = "sightings"
    verbose_name = "Sightings"
