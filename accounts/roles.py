"""Who may do what, by role (README.md, "What it does")."""

from django.contrib.auth import get_user_model
from django.db.models import Q

CONVENORS_GROUP = "Convenors"


def is_convenor(user):
    """Convenors and staff review sightings; the answer is kept for the request."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_convenor"):
        user._is_convenor = user.is_staff or user.groups.filter(name=CONVENORS_GROUP).exists()
    return user._is_convenor


def convenors_to_alert():
    """Everyone who reviews and has not turned off the email about each submission."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=CONVENORS_GROUP) | Q(is_staff=True), is_active=True)
        .exclude(email="")
        .exclude(preferences__convenor_alerts=False)
        .distinct()
    )
