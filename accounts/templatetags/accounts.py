from django import template
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.filter
def in_minutes(duration):
    """A cool-off period as people say it: "15 minutes", "1 hour"."""
    if not duration:
        return gettext("a few minutes")
    minutes = max(1, round(duration.total_seconds() / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
