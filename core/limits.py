"""How often one person may post: limits counted in the shared cache.

Each limit is named in settings.POSTING_LIMITS, where its rate comes from the
environment, and counted per account (per client address for someone signed out) in
the default cache, so it holds across every worker and server. A view checks its
limits once the form is valid and before anything is saved:

    if form.is_valid() and limits.allow(request, form, FOLLOW_UPS.on(sighting)):
        form.save()

Over a limit, the reason goes on the form as an error, the form comes back with what
was typed, and nothing is saved. A post with no form of its own (a button) asks
`limits.refusal(request, ...)` for the reason and shows it as a message.
"""

import logging
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import DatabaseError
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PERIODS = {1: "second", 60: "minute", 3600: "hour", 86400: "day"}
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Limit:
    name: str
    noun: str
    plural: str
    where: str = ""
    scope: str = ""

    def on(self, obj):
        """The same limit counted separately for each object, such as each sighting."""
        return replace(self, scope=f"{obj._meta.label_lower}:{obj.pk}")

    @property
    def rate(self):
        return settings.POSTING_LIMITS[self.name]

    def usage(self, request, *, increment):
        return get_usage(
            request,
            group=f"limits:{self.name}:{self.scope}",
            key="user_or_ip",
            rate=self.rate,
            increment=increment,
        )

    def message(self, seconds_left):
        return (
            f"You can add at most {describe_rate(self.rate, self.noun, self.plural)}"
            f"{self.where}, and you have reached that. Nothing was saved and what you wrote "
            f"is still here: please try again {describe_wait(seconds_left)}."
        )


def refusal(request, *limits):
    """Count one post against each limit: why it is refused, or "" when it may go ahead.

    Every limit is read before any is counted, so a post refused by one uses up none of
    the others. If the cache cannot be reached the post goes ahead: the limits guard
    the site, and losing them for a while is better than refusing everyone.
    """
    try:
        for limit in limits:
            usage = limit.usage(request, increment=False)
            if usage and usage["count"] >= usage["limit"]:
                return limit.message(usage["time_left"])
        for limit in limits:
            usage = limit.usage(request, increment=True)
            # Two posts at once can both pass the first look; only one passes this.
            if usage and usage["should_limit"]:
                return limit.message(usage["time_left"])
    except (RedisError, DatabaseError, OSError):
        logger.warning("Posting limits could not be counted; the post goes ahead.", exc_info=True)
    return ""


def allow(request, form, *limits):
    """True if the post may be saved; otherwise the reason is added to the form."""
    reason = refusal(request, *limits)
    if reason:
        form.add_error(None, reason)
    return not reason


def describe_rate(rate, noun, plural):
    """ "5/h" as "5 follow-ups an hour", "1/d" as "1 follow-up a day"."""
    count, period = rate.split("/")
    count, seconds = int(count), int(period[:-1] or 1) * UNITS[period[-1]]
    what = f"{count} {noun if count == 1 else plural}"
    if seconds in PERIODS:
        unit = PERIODS[seconds]
        return f"{what} {'an' if unit == 'hour' else 'a'} {unit}"
    for length, unit in sorted(PERIODS.items(), reverse=True):
        if seconds % length == 0:
            return f"{what} every {seconds // length} {unit}s"
    return f"{what} every {seconds} seconds"


def describe_wait(seconds):
    if seconds < 90:
        return "in a minute or two"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"in about {minutes} minutes"
    return f"in about {round(minutes / 60)} hours"
