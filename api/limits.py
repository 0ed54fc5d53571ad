"""How often one client may call the API.

Counted by django-ratelimit on the client's address ("ip"), which behind a proxy is
the real client's (RATELIMIT_IP_META_KEY), in the shared cache so every worker agrees.
"""

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle

GROUP = "api"


class PerClientRate(BaseThrottle):
    def allow_request(self, request, view):
        self.usage = get_usage(
            request._request, group=GROUP, key="ip", rate=settings.API_RATE, increment=True
        )
        return not (self.usage and self.usage["should_limit"])

    def wait(self):
        # Retry-After: the seconds left in the current window, at least one.
        return max(1, self.usage["time_left"]) if self.usage else None
