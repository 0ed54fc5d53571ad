"""What in this app changes what the public sees counted, listed or kept in a page.

A change starts a new generation (core/generation.py), so every cached count and kept
page from before it is never read again. The receivers catch those changes wherever
they come from: the status methods, forms, the admin, taggit.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.generation import published_changed
from sightings.models import (
    Echo,
    FollowUp,
    Place,
    PlaceAlias,
    Shift,
    Sighting,
    Theme,
    ThemeAlias,
    ThemedSighting,
)


@receiver(post_save, sender=Sighting)
@receiver(post_delete, sender=Sighting)
def _sighting_changed(sender, instance, **kwargs):
    if Sighting.Status.PUBLISHED in {instance.status, instance.status_when_loaded}:
        published_changed()
    instance.status_when_loaded = instance.status


@receiver(m2m_changed, sender=Sighting.shifts.through)
@receiver(m2m_changed, sender=ThemedSighting)
def _links_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse or not isinstance(instance, Sighting) or instance.is_public:
        published_changed()


@receiver(post_save, sender=Shift)
@receiver(post_save, sender=Theme)
@receiver(post_delete, sender=Theme)
@receiver(post_save, sender=ThemeAlias)
@receiver(post_delete, sender=ThemeAlias)
@receiver(post_save, sender=FollowUp)
@receiver(post_delete, sender=FollowUp)
@receiver(post_save, sender=Echo)
@receiver(post_delete, sender=Echo)
@receiver(post_save, sender=Place)
@receiver(post_delete, sender=Place)
@receiver(post_save, sender=PlaceAlias)
@receiver(post_delete, sender=PlaceAlias)
@receiver(post_save, sender=ThemedSighting)
@receiver(post_delete, sender=ThemedSighting)
def _names_or_links_changed(sender, **kwargs):
    published_changed()
