from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend


class LockoutBackend(AxesStandaloneBackend):
    """Counts failed sign-ins and refuses locked-out ones.

    Only a sign-in made over HTTP carries a request; one made in code (a management
    command, a test client's login) has none and is left to the next backend.
    """

    def authenticate(self, request, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


class EmailOrUsernameBackend(ModelBackend):
    """Members sign in with the email address they signed up with, or a username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username:
            username = self._stored_username(username.strip())
        return super().authenticate(request, username=username, password=password, **kwargs)

    @staticmethod
    def _stored_username(typed):
        """The account's own username for what was typed, ignoring letter case."""
        lookup = {"email__iexact" if "@" in typed else "username__iexact": typed}
        user = get_user_model().objects.filter(**lookup).order_by("pk").first()
        return user.get_username() if user is not None else typed


class StaffCurateBackend(BaseBackend):
    """Staff curate sightings and cells in the admin without being given each permission.

    Staff have the admin (README.md, "What it does"). Managing accounts and groups
    stays with superusers: staff may only look people up, as naming a cell's convenors
    needs.
    """

    CURATED_APPS = {"sightings", "cells"}
    LOOK_UP_PEOPLE = "auth.view_user"

    def has_perm(self, user_obj, perm, obj=None):
        if not self._curates(user_obj):
            return False
        return perm.split(".", 1)[0] in self.CURATED_APPS or perm == self.LOOK_UP_PEOPLE

    def has_module_perms(self, user_obj, app_label):
        return self._curates(user_obj) and app_label in self.CURATED_APPS

    @staticmethod
    def _curates(user):
        return user.is_active and user.is_staff
