"""Tasks that tell people about sightings: run by the worker, never in a request."""

from django.urls import reverse
from django_tasks import task

from accounts.roles import convenors_to_alert, public_name
from outbox import mail
from sightings.models import Sighting
from sightings.notifications import site_url


@task()
def alert_convenors(sighting_id):
    """One email to each convenor for a submitted sighting; never to its own author."""
    sighting = Sighting.objects.select_related("author").filter(pk=sighting_id).first()
    if sighting is None or sighting.status != Sighting.Status.SUBMITTED:
        return 0
    context = {
        "sighting": sighting,
        "author_name": public_name(sighting.author),
        "review_url": site_url(reverse("review:sighting", kwargs={"pk": sighting.pk})),
        "queue_url": site_url(reverse("review:queue")),
        "settings_url": site_url(reverse("me:settings")),
    }
    recipients = convenors_to_alert().exclude(pk=sighting.author_id).only("email")
    sent = 0
    for convenor in recipients.iterator():
        mail.queue_now(mail.render("sightings/email/submitted", context, to=[convenor.email]))
        sent += 1
    return sent
