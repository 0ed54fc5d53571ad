"""Cached pages show people's public names: a changed choice or a closed account must
show at once, however the preferences were saved (the settings page, closing an account
or the admin)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Preferences
from core.generation import published_changed


@receiver(post_save, sender=Preferences)
def _public_name_changed(sender, **kwargs):
    published_changed()
