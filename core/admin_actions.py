"""Admin actions that change objects one at a time through their own rules."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.defaultfilters import pluralize

from core.refusals import refusal


def publish_each(modeladmin, request, objects, noun):
    act_on_each(
        modeladmin,
        request,
        objects,
        lambda item: item.publish(by=request.user),
        lambda done: f"Published {done} {noun}{pluralize(done)}.",
    )


def act_on_each(modeladmin, request, objects, act, summary):
    """Act on each through its own rules, saying which were refused and why."""
    done = 0
    for item in objects:
        try:
            act(item)
        except (ValidationError, PermissionDenied) as error:
            modeladmin.message_user(request, f"{item}: {refusal(error)}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, summary(done), messages.SUCCESS)
