"""Admin actions that change objects one at a time through their own rules."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from core.refusals import refusal


def publish_each(modeladmin, request, objects, summary):
    """Publish each; `summary(done)` says how many were, in words for the kind."""
    act_on_each(modeladmin, request, objects, lambda item: item.publish(by=request.user), summary)


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
