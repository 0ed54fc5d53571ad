"""The weekly digest: one email to each person with what their weekly follows published.

Run by `manage.py send_digests`, daily or weekly (README.md): each person gets at most one
digest a week. Each follow remembers up to when it has been covered (`digested_until`), so
running it twice sends nothing twice, and a run missed for a week is not made up with a
fortnight's news.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from accounts.follows import by_person, email_about
from accounts.models import Follow
from cells.models import CellNote
from outbox import mail
from sightings.filters import saved_search_results
from sightings.models import Sighting

WEEK = datetime.timedelta(days=7)
# A person is due a digest a week after their last; a little less, so that a job run
# daily at a slightly different time never skips a week.
DUE_AFTER = WEEK - datetime.timedelta(hours=6)
UPDATE_BATCH = 500


@dataclass
class Week:
    """What was published in the week, read once for every person's digest."""

    sightings: list
    notes: list
    searches: dict = field(default_factory=dict)

    def sightings_for(self, follow, since):
        fresh = [s for s in self.sightings if s.published_at > since]
        kind = follow.kind
        if kind == "search":
            matching = self.searches.get(follow.query, set())
            return [s for s in fresh if s.pk in matching]
        if kind == "shift":
            return [s for s in fresh if follow.shift_id in s.shift_ids]
        if kind == "theme":
            return [s for s in fresh if follow.theme_id in s.theme_ids]
        if kind == "place":
            return [s for s in fresh if s.place_ref_id == follow.place_id]
        return []

    def notes_for(self, follow, since):
        if follow.kind != "cell":
            return []
        return [n for n in self.notes if n.cell_id == follow.cell_id and n.published_at > since]


def the_week(now):
    since = now - WEEK
    sightings = list(
        Sighting.objects.published()
        .filter(published_at__gt=since, published_at__lte=now)
        .only("pk", "title", "slug", "summary", "place", "published_at", "place_ref", "author")
        .prefetch_related("shifts", "themed_items")
        .order_by("published_at", "pk")
    )
    for sighting in sightings:
        sighting.shift_ids = {shift.pk for shift in sighting.shifts.all()}
        sighting.theme_ids = {link.tag_id for link in sighting.themed_items.all()}
    notes = list(
        CellNote.objects.published()
        .filter(published_at__gt=since, published_at__lte=now)
        .select_related("cell")
        .order_by("published_at", "pk")
    )
    week = Week(sightings=sightings, notes=notes)
    week.searches = searches_in(week, Follow.objects.weekly().searches())
    return week


def searches_in(week, search_follows):
    """For each saved search, which of the week's sightings it finds."""
    ids = [s.pk for s in week.sightings]
    found = {}
    if not ids:
        return found
    queries = search_follows.order_by().values_list("query", flat=True).distinct()
    for query in queries.iterator():
        results = saved_search_results(query, Sighting.objects.filter(pk__in=ids))
        found[query] = set(results.values_list("pk", flat=True))
    return found


def sections_for(user, follows, week, now):
    """Each follow with what it brought this week; every item shown once only."""
    shown = set()
    sections = []
    for follow in follows:
        since = max(follow.digested_until or now - WEEK, now - WEEK)
        sightings = [
            s
            for s in week.sightings_for(follow, since)
            if s.author_id != user.pk and ("s", s.pk) not in shown
        ]
        notes = [n for n in week.notes_for(follow, since) if ("n", n.pk) not in shown]
        shown.update(("s", s.pk) for s in sightings)
        shown.update(("n", n.pk) for n in notes)
        if sightings or notes:
            sections.append({"follow": follow, "sightings": sightings, "notes": notes})
    return sections


def send_digests(now=None):
    """Queue this week's digest for everyone with weekly follows; how many were queued."""
    now = now or timezone.now()
    return mail.queue_all(digests(the_week(now), now))


def digests(week, now):
    """Each due person's digest email, marking their follows covered as it goes."""
    site = settings.SITE_URL.rstrip("/")
    covered = []
    for user, follows in by_person(Follow.objects.weekly().of_active_people()):
        if not is_due(follows, now):
            continue
        sections = sections_for(user, follows, week, now)
        covered.extend(follow.pk for follow in follows)
        if len(covered) >= UPDATE_BATCH:
            mark_covered(covered, now)
            covered = []
        if sections:
            context = {
                "sections": sections,
                "site": site,
                "count": sum(len(s["sightings"]) + len(s["notes"]) for s in sections),
            }
            followed = [section["follow"] for section in sections]
            yield email_about(user, followed, "following/email/digest", context)
    mark_covered(covered, now)


def is_due(follows, now):
    return any(f.digested_until is None or f.digested_until <= now - DUE_AFTER for f in follows)


def mark_covered(follow_ids, now):
    if follow_ids:
        Follow.objects.filter(pk__in=follow_ids).update(digested_until=now)
