from django.core.management.base import BaseCommand

from following.digests import send_digests


class Command(BaseCommand):
    help = (
        "Queue the weekly digest for everyone who follows something weekly. Run it once a "
        "week (README.md); running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        queued = send_digests()
        self.stdout.write(f"Queued {queued} weekly digest(s).")
