from django.core.management.base import BaseCommand

from sightings.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email authors 3, 6 and 12 months after publication to ask whether their sighting "
        "lasted. Run it daily (README.md); running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Queued {sent} reminder(s).")
