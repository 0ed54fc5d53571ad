"""Tasks that tell people about sightings: run by the worker, never in a request."""

from django.urls import reverse
from django.utils import translation
from django_tasks import task

from accounts.follows import by_person, email_about
from accounts.languages import language_of
from accounts.models import Follow
from accounts.names import public_name
from accounts.roles import convenors_to_alert
from outbox import mail
from sightings.filters import saved_search_results
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
    return mail.queue_all(alert(convenor, context) for convenor in list(recipients))


def alert(convenor, context):
    with translation.override(language_of(convenor)):
        return mail.render("sightings/email/submitted", context, to=[convenor.email])


@task()
def tell_followers(sighting_id):
    """One email to each person following anything the newly published sighting is about.

    A person who follows its shift, a theme and a search that matches it still gets one
    email, naming each. Weekly followers hear of it in their digest instead.
    """
    sighting = Sighting.objects.published().select_related("place_ref").filter(pk=sighting_id)
    sighting = sighting.first()
    if sighting is None:
        return 0
    follows = Follow.objects.immediate().of_active_people().exclude(user_id=sighting.author_id)
    about = follows.of_sighting(
        shift_ids=list(sighting.shifts.values_list("pk", flat=True)),
        theme_ids=list(sighting.themed_items.values_list("tag_id", flat=True)),
        place_id=sighting.place_ref_id,
    )
    matching = follows.filter(query__in=searches_matching(sighting, follows.searches()))
    context = {"sighting": sighting, "sighting_url": site_url(sighting.get_absolute_url())}
    return mail.queue_all(
        email_about(user, their_follows, "following/email/sighting", context)
        for user, their_follows in by_person(about | matching)
    )


def searches_matching(sighting, search_follows):
    """The saved searches (list query strings) whose results include this sighting."""
    queries = search_follows.order_by().values_list("query", flat=True).distinct()
    return [query for query in queries.iterator() if search_includes(query, sighting)]


def search_includes(query, sighting):
    return saved_search_results(query, Sighting.objects.filter(pk=sighting.pk)).exists()
