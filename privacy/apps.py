from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "People's own data"

    def ready(self):
        # A receiver, not a call from save(): cached pages show public names, and must be
        # renewed however preferences are saved (settings page, closing an account, admin).
        from privacy import invalidation  # noqa: F401
