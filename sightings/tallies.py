"""The tallies of published sightings, kept as they are published, changed and withdrawn.

Counting a million sightings by shift, month, place and setting takes seconds, and the
insights would count them again after every publication. Instead each published
sighting adds one to the rows of sightings.Tally that describe it (see its docstring),
and takes one away when it stops counting or changes. The receivers below do that
inside the same transaction as the change, wherever it comes from (the review, forms,
the admin, fixtures, follow-ups, themes), by reading what a sighting counted for before
the change and after it; each theme's count of published sightings is kept the same
way. rebuild() counts everything afresh, for a new table or after a change made behind
the ORM's back.
"""

import threading
from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver

from core.generation import ENTRY_TIMEOUT, entries
from sightings.models import (
    FollowUp,
    Place,
    Shift,
    Sighting,
    Tally,
    Theme,
    ThemedSighting,
    recount_themes,
)

IN_STEP_KEY = "tallies:in-step"
KEY = ("place", "month", "shift", "direction", "setting", "connection", "outcome")
DESCRIBED_BY = ("place_ref_id", "date_observed", "direction", "setting", "connection")


def keys_for(place, seen, direction, setting, connection, outcome, shifts):
    """Every tally row one published sighting counts in."""
    places = [Tally.EVERY_PLACE, *([place] if place else [])]
    months = [Tally.ALL_TIME, *([seen.replace(day=1)] if seen else [])]
    return [
        (at, month, shift, direction, setting, connection, outcome)
        for at in places
        for month in months
        for shift in [Tally.ITSELF, *shifts]
    ]


def newest_outcomes():
    """The newest counted follow-up of each sighting that has one (FollowUp.counted)."""
    return FollowUp.objects.counted().newest_per_sighting()


def counted(sighting_ids):
    """What these sightings count for now, as read from the database."""
    published = Sighting.objects.published().filter(pk__in=sighting_ids)
    described = {row[0]: row[1:] for row in published.values_list("pk", *DESCRIBED_BY)}
    if not described:
        return Counter()
    shifts = {pk: [] for pk in described}
    links = Sighting.shifts.through.objects.filter(sighting_id__in=described)
    for sighting, shift in links.values_list("sighting_id", "shift_id"):
        shifts[sighting].append(shift)
    newest = newest_outcomes().filter(sighting_id__in=described)
    outcomes = dict(newest.values_list("sighting_id", "outcome"))
    return Counter(
        key
        for pk, facts in described.items()
        for key in keys_for(*facts, outcomes.get(pk, ""), shifts[pk])
    )


def in_step():
    """Whether the tallies count as many published sightings as there are.

    Every change made through the ORM keeps them in step, so this looks only for
    sightings loaded behind its back (raw SQL, COPY), and like any change made there
    (core/generation.py) those show within ENTRY_TIMEOUT: the answer is kept that long
    however often sightings are published, since counting a million takes a tenth of a
    second. Until `manage.py recount_tallies`, the sightings themselves are counted.
    """
    found = entries().get(IN_STEP_KEY)
    if found is None:
        found = _in_step()
        entries().set(IN_STEP_KEY, found, ENTRY_TIMEOUT)
    return found


def _in_step():
    itself = Tally.objects.filter(place=Tally.EVERY_PLACE, month=Tally.ALL_TIME, shift=Tally.ITSELF)
    kept = itself.aggregate(total=Sum("total"))["total"] or 0
    return kept == Sighting.objects.published().count()


def add(change):
    """Add each key's count in `change` (a Counter, negative to take away) to its row."""
    rows = [
        (place, connection.ops.adapt_datefield_value(month), *rest, total)
        for (place, month, *rest), total in change.items()
        if total
    ]
    if not rows:
        return
    table = connection.ops.quote_name(Tally._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in (*KEY, "total"))
    conflict = ", ".join(connection.ops.quote_name(name) for name in KEY)
    placeholders = ", ".join(["%s"] * (len(KEY) + 1))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
            f"ON CONFLICT ({conflict}) DO UPDATE SET total = {table}.total + excluded.total",
            rows,
        )


def themes_counted(sighting_ids):
    """The themes these sightings count towards now: each published one's themes."""
    published = Sighting.objects.published().filter(pk__in=sighting_ids)
    links = ThemedSighting.objects.filter(content_object__in=published)
    return Counter(links.values_list("tag_id", flat=True))


def add_to_themes(change):
    for theme, n in change.items():
        if n:
            Theme.objects.filter(pk=theme).update(published_total=F("published_total") + n)


def rebuild():
    """Count every published sighting afresh, and each theme's."""
    with transaction.atomic():
        recount_themes(Theme.objects.all())
        Tally.objects.all().delete()
        for by_place in (False, True):
            for by_month in (False, True):
                for by_shift in (False, True):
                    _insert_counted(by_place, by_month, by_shift)
    entries().delete(IN_STEP_KEY)


def _insert_counted(by_place, by_month, by_shift):
    published = Sighting.objects.published()
    if by_place:
        published = published.exclude(place_ref=None)
    if by_month:
        published = published.exclude(date_observed=None)
    if by_shift:
        published = published.filter(shifts__isnull=False)
    newest = newest_outcomes().filter(sighting=OuterRef("pk")).values("outcome")[:1]
    chosen = {
        "tally_place": F("place_ref_id") if by_place else Value(Tally.EVERY_PLACE),
        "tally_month": TruncMonth("date_observed") if by_month else Value(Tally.ALL_TIME),
        "tally_shift": F("shifts") if by_shift else Value(Tally.ITSELF),
        "tally_outcome": Coalesce(Subquery(newest), Value("")),
    }
    grouped = (
        published.annotate(**chosen)
        .values_list(*chosen, "direction", "setting", "connection")
        .annotate(total=Count("pk"))
        .order_by()
    )
    sql, params = grouped.query.sql_with_params()
    quote = connection.ops.quote_name
    # Chosen by name from the grouped rows, whatever order their columns come in.
    place, month, shift, outcome = chosen
    chosen_columns = [place, month, shift, *KEY[3:6], outcome, "total"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(Tally._meta.db_table)} "
            f"({', '.join(quote(name) for name in (*KEY, 'total'))}) "
            f"SELECT {', '.join(quote(name) for name in chosen_columns)} FROM ({sql}) counted",
            params,
        )


def move_place(source, target):
    """What was counted at `source` is counted at `target` (a merge), and `source` forgotten."""
    at_source = Tally.objects.filter(place=source.pk)
    moved = Counter(
        {(target.pk, *row[1:-1]): row[-1] for row in at_source.values_list(*KEY, "total")}
    )
    add(moved)
    at_source.delete()


def _may_count(sighting):
    """False only when the sighting is known to be unpublished before and after."""
    published = Sighting.Status.PUBLISHED
    return sighting.status == published or sighting.status_when_loaded in {published, None}


class _Changing(threading.local):
    """For each sighting being changed in this thread: what it counted for when the
    change began (its tally keys, its themes) and how many changes are under way.

    One change can send several signals for one sighting (a sighting deleted with its
    follow-ups and theme links, a queryset of follow-ups deleted at once), each "before"
    read ahead of any deletion: each "after" adds what changed since the last, and the
    sighting is forgotten when the last is done.
    """

    def __init__(self):
        self.sightings = {}


_changing = _Changing()


def _before(sighting_ids, *, counting=True):
    for pk in sighting_ids:
        under_way = _changing.sightings.get(pk)
        if under_way is None:
            counts = (counted([pk]), themes_counted([pk])) if counting else (Counter(), Counter())
            _changing.sightings[pk] = [*counts, 1]
        else:
            under_way[2] += 1


def _after(sighting_ids):
    for pk in sighting_ids:
        under_way = _changing.sightings.get(pk)
        if under_way is None:
            continue
        now, themes_now = counted([pk]), themes_counted([pk])
        add(_difference(now, under_way[0]))
        add_to_themes(_difference(themes_now, under_way[1]))
        under_way[:2] = now, themes_now
        under_way[2] -= 1
        if not under_way[2]:
            del _changing.sightings[pk]


@receiver(pre_save, sender=Sighting)
def _before_save(sender, instance, **kwargs):
    if instance.pk and not instance._state.adding and _may_count(instance):
        _before([instance.pk])


@receiver(post_save, sender=Sighting)
def _after_save(sender, instance, created, **kwargs):
    if created:
        _before([instance.pk], counting=False)
    _after([instance.pk])


@receiver(pre_delete, sender=Sighting)
def _before_delete(sender, instance, **kwargs):
    _before([instance.pk])


@receiver(post_delete, sender=Sighting)
def _after_delete(sender, instance, **kwargs):
    _after([instance.pk])


# The parts of a sighting that change what it counts for, and their link to it.
SIGHTING_OF = {FollowUp: "sighting_id", ThemedSighting: "content_object_id"}


@receiver(pre_save, sender=FollowUp)
@receiver(pre_delete, sender=FollowUp)
@receiver(pre_save, sender=ThemedSighting)
@receiver(pre_delete, sender=ThemedSighting)
def _before_part_changes(sender, instance, **kwargs):
    _before([getattr(instance, SIGHTING_OF[sender])])


@receiver(post_save, sender=FollowUp)
@receiver(post_delete, sender=FollowUp)
@receiver(post_save, sender=ThemedSighting)
@receiver(post_delete, sender=ThemedSighting)
def _after_part_changed(sender, instance, **kwargs):
    _after([getattr(instance, SIGHTING_OF[sender])])


@receiver(pre_delete, sender=Place)
def _place_deleted(sender, instance, **kwargs):
    # Its sightings lose their place by an update that sends no signal of its own.
    Tally.objects.filter(place=instance.pk).delete()


@receiver(m2m_changed, sender=Sighting.shifts.through)
def _shifts_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action.startswith("pre_"):
        instance._shift_change = _affected(instance, reverse, pk_set)
        _before(instance._shift_change)
    elif action.startswith("post_"):
        _after(getattr(instance, "_shift_change", []))


def _affected(instance, reverse, pk_set):
    if not reverse:
        return [instance.pk]
    if pk_set is not None:
        return list(pk_set)
    links = Shift.sightings.through.objects.filter(shift=instance)
    return list(links.values_list("sighting_id", flat=True))


def _difference(now, before):
    change = Counter(now)
    change.subtract(before)
    return change
