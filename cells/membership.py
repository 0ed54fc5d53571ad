"""Keeps the Convenors group in step with who convenes a cell.

A signal rather than a model method, because `cell.convenors.add()` is called from
the admin, the shell and tests alike, and every path must move the group with it.
Deleting a cell removes its convenor links without an m2m_changed signal, so the
delete signals carry the same sync.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, pre_delete
from django.dispatch import receiver

from accounts.roles import CONVENORS_GROUP
from cells.models import Cell


def sync_convenors_group(user_ids):
    """Each of these users is in the group exactly when they convene at least one cell."""
    if not user_ids:
        return
    group, _ = Group.objects.get_or_create(name=CONVENORS_GROUP)
    users = get_user_model().objects.filter(pk__in=user_ids)
    for user in users:
        if user.convened_cells.exists():
            user.groups.add(group)
        else:
            user.groups.remove(group)


@receiver(m2m_changed, sender=Cell.convenors.through)
def convenors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and not reverse:
        instance._convenors_before_clear = set(instance.convenors.values_list("pk", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        user_ids = {instance.pk}
    elif action == "post_clear":
        user_ids = getattr(instance, "_convenors_before_clear", set())
    else:
        user_ids = pk_set or set()
    sync_convenors_group(user_ids)


@receiver(pre_delete, sender=Cell)
def remember_convenors_of_deleted_cell(sender, instance, **kwargs):
    instance._convenors_before_delete = set(instance.convenors.values_list("pk", flat=True))


@receiver(post_delete, sender=Cell)
def cell_deleted(sender, instance, **kwargs):
    sync_convenors_group(getattr(instance, "_convenors_before_delete", set()))
