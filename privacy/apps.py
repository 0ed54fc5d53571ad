from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "People's own data"

    def ready(self):
        # Connects the receiver that refreshes cached pages when a public name changes.
        from privacy import invalidation  # noqa: F401
