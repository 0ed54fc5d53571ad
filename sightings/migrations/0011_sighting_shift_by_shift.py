from django.db import migrations

# The shift filter reads every link of a shift ("the sightings showing me-to-we"). An
# index led by the shift and holding the sighting answers that from the index alone,
# where the one Django makes on shift_id sends each of tens of thousands of rows to
# the table. The links table is made by the ManyToManyField, so the index is made here.
CREATE = (
    "CREATE INDEX IF NOT EXISTS sighting_shift_by_shift "
    "ON sightings_sighting_shifts (shift_id, sighting_id)"
)
DROP = "DROP INDEX IF EXISTS sighting_shift_by_shift"


class Migration(migrations.Migration):
    dependencies = [("sightings", "0010_link_sightings_to_places")]

    operations = [migrations.RunSQL(CREATE, DROP)]
