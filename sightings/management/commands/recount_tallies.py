from django.core.management.base import BaseCommand

from sightings.tallies import rebuild


class Command(BaseCommand):
    help = (
        "Count every published sighting into the tallies afresh. Needed only after "
        "sightings were loaded or changed behind the ORM's back (raw SQL, COPY, "
        "QuerySet.update); until then the insights count the sightings themselves."
    )

    def handle(self, *args, **options):
        rebuild()
        self.stdout.write("The tallies count every published sighting afresh.")
