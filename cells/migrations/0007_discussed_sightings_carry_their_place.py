"""Each sighting a note discusses carries the sighting's place.

The cells that discussed a place are then found from that place's links
(discussed_by_place) instead of joining every link to all of the place's sightings.
Triggers rather than save() keep the copy right however a row changes: a link added or
moved, a sighting matched to a place by save() or QuerySet.update(), a place merged
away. They are written for each database; a later migration that makes SQLite rebuild
either table must create its triggers again.
"""

import django.db.models.deletion
from django.db import migrations, models

from core.vendor_sql import run_by_vendor

POSTGRESQL_CREATE = [
    """
    UPDATE cells_discussedsighting AS link SET place_ref_id = sighting.place_ref_id
    FROM sightings_sighting AS sighting
    WHERE sighting.id = link.sighting_id AND sighting.place_ref_id IS NOT NULL
    """,
    """
    CREATE OR REPLACE FUNCTION cells_discussedsighting_place() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        SELECT place_ref_id INTO NEW.place_ref_id
        FROM sightings_sighting WHERE id = NEW.sighting_id;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER cells_discussedsighting_place
    BEFORE INSERT OR UPDATE ON cells_discussedsighting
    FOR EACH ROW EXECUTE FUNCTION cells_discussedsighting_place()
    """,
    """
    CREATE OR REPLACE FUNCTION sightings_sighting_place_to_discussions() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE cells_discussedsighting SET place_ref_id = NEW.place_ref_id
        WHERE sighting_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER sightings_sighting_place_to_discussions
    AFTER UPDATE OF place_ref_id ON sightings_sighting
    FOR EACH ROW WHEN (OLD.place_ref_id IS DISTINCT FROM NEW.place_ref_id)
    EXECUTE FUNCTION sightings_sighting_place_to_discussions()
    """,
]

POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS sightings_sighting_place_to_discussions ON sightings_sighting",
    "DROP TRIGGER IF EXISTS cells_discussedsighting_place ON cells_discussedsighting",
    "DROP FUNCTION IF EXISTS sightings_sighting_place_to_discussions()",
    "DROP FUNCTION IF EXISTS cells_discussedsighting_place()",
]

SQLITE_COPY_PLACE = """
    UPDATE cells_discussedsighting SET place_ref_id = (
        SELECT place_ref_id FROM sightings_sighting WHERE id = {link}.sighting_id
    )
"""

SQLITE_CREATE = [
    SQLITE_COPY_PLACE.format(link="cells_discussedsighting"),
    f"""
    CREATE TRIGGER cells_discussedsighting_place_added
    AFTER INSERT ON cells_discussedsighting
    BEGIN {SQLITE_COPY_PLACE.format(link="NEW")} WHERE id = NEW.id; END
    """,
    f"""
    CREATE TRIGGER cells_discussedsighting_place_moved
    AFTER UPDATE OF sighting_id ON cells_discussedsighting
    BEGIN {SQLITE_COPY_PLACE.format(link="NEW")} WHERE id = NEW.id; END
    """,
    """
    CREATE TRIGGER sightings_sighting_place_to_discussions
    AFTER UPDATE OF place_ref_id ON sightings_sighting
    WHEN OLD.place_ref_id IS NOT NEW.place_ref_id
    BEGIN
        UPDATE cells_discussedsighting SET place_ref_id = NEW.place_ref_id
        WHERE sighting_id = NEW.id;
    END
    """,
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS sightings_sighting_place_to_discussions",
    "DROP TRIGGER IF EXISTS cells_discussedsighting_place_moved",
    "DROP TRIGGER IF EXISTS cells_discussedsighting_place_added",
]


class Migration(migrations.Migration):
    dependencies = [
        ("cells", "0006_status_label"),
        ("sightings", "0021_theme_links_carry_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="discussedsighting",
            name="place_ref",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="sightings.place",
            ),
        ),
        migrations.RunPython(
            run_by_vendor(postgresql=POSTGRESQL_CREATE, sqlite=SQLITE_CREATE),
            run_by_vendor(postgresql=POSTGRESQL_DROP, sqlite=SQLITE_DROP),
        ),
        migrations.AddIndex(
            model_name="discussedsighting",
            index=models.Index(fields=["place_ref", "note"], name="discussed_by_place"),
        ),
    ]
