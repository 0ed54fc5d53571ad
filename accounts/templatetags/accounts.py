from django import template

register = template.Library()


@register.filter
def in_minutes(duration):
    """A cool-off period as people say it: "15 minutes", "1 hour"."""
    if not duration:
        return "a few minutes"
    minutes = max(1, round(duration.total_seconds() / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
