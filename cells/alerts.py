"""The task that tells a cell's followers of a newly published note."""

from django.conf import settings
from django_tasks import task

from accounts.follows import by_person, email_about
from accounts.models import Follow
from cells.models import CellNote
from outbox import mail


@task()
def tell_cell_followers(note_id):
    note = CellNote.objects.published().select_related("cell").filter(pk=note_id).first()
    if note is None:
        return 0
    follows = Follow.objects.immediate().of_active_people().filter(cell_id=note.cell_id)
    context = {
        "note": note,
        "note_url": settings.SITE_URL.rstrip("/") + note.get_absolute_url(),
    }
    return mail.queue_all(
        email_about(user, their_follows, "following/email/note", context)
        for user, their_follows in by_person(follows)
    )
