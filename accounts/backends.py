from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


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
        if username and "@" in username:
            user = (
                get_user_model()
                .objects.filter(email__iexact=username.strip())
                .order_by("pk")
                .first()
            )
            if user is not None:
                username = user.get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)
