"""Each sighting carries the shifts it shows, as the bits of one number: shift_mask.

The shift at position n is bit n - 1 (Shift.bit; the five positions are fixed). A list of
one shift then walks that shift's own partial index, newest seen first, rather than
looking for a link from every sighting it passes; a search within a shift tests the
words of that shift's sightings alone; and the counts beside the filters read every
shift with the ids, from the lists' indexes.

Triggers keep the number right however a row changes. On PostgreSQL a sighting's
number is worked out from its links whenever the row is written, so a save() holding
an old value cannot store it, and a change to the links rewrites their sightings. SQLite
cannot change a row before it is written, so there each change is followed by an UPDATE
that puts the right number back. The column is added by ALTER TABLE on both databases:
Django would have SQLite rebuild the table, which drops the triggers of migration 0021
and of cells 0007. A later migration that makes SQLite rebuild either table must create
its triggers again.
"""

from django.db import migrations, models

from core.vendor_sql import run_by_vendor

SHIFTS = range(1, 6)

POSTGRESQL_ADD = [
    "ALTER TABLE sightings_sighting "
    "ADD COLUMN shift_mask smallint NOT NULL DEFAULT 0 CHECK (shift_mask >= 0)",
]

POSTGRESQL_CREATE = [
    """
    UPDATE sightings_sighting AS sighting SET shift_mask = shown.mask
    FROM (
        SELECT link.sighting_id, sum(1 << (shift.position - 1)) AS mask
        FROM sightings_sighting_shifts AS link
        JOIN sightings_shift AS shift ON shift.id = link.shift_id
        GROUP BY link.sighting_id
    ) AS shown
    WHERE shown.sighting_id = sighting.id
    """,
    """
    CREATE OR REPLACE FUNCTION sightings_sighting_shift_mask() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        SELECT coalesce(sum(1 << (shift.position - 1)), 0) INTO NEW.shift_mask
        FROM sightings_sighting_shifts AS link
        JOIN sightings_shift AS shift ON shift.id = link.shift_id
        WHERE link.sighting_id = NEW.id;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER sightings_sighting_shift_mask
    BEFORE INSERT OR UPDATE ON sightings_sighting
    FOR EACH ROW EXECUTE FUNCTION sightings_sighting_shift_mask()
    """,
    # Writing a sighting is enough: its own trigger above works the number out.
    """
    CREATE OR REPLACE FUNCTION sightings_sighting_shifts_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            UPDATE sightings_sighting SET shift_mask = 0
            WHERE id IN (SELECT sighting_id FROM added);
        ELSIF TG_OP = 'DELETE' THEN
            UPDATE sightings_sighting SET shift_mask = 0
            WHERE id IN (SELECT sighting_id FROM removed);
        ELSE
            UPDATE sightings_sighting SET shift_mask = 0
            WHERE id IN (SELECT sighting_id FROM added UNION SELECT sighting_id FROM removed);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER sightings_sighting_shifts_added
    AFTER INSERT ON sightings_sighting_shifts REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION sightings_sighting_shifts_changed()
    """,
    """
    CREATE TRIGGER sightings_sighting_shifts_removed
    AFTER DELETE ON sightings_sighting_shifts REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION sightings_sighting_shifts_changed()
    """,
    """
    CREATE TRIGGER sightings_sighting_shifts_moved
    AFTER UPDATE ON sightings_sighting_shifts
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION sightings_sighting_shifts_changed()
    """,
    # One shift's published sightings, newest seen first, with what the facets count.
    # The condition is the one SightingQuerySet.showing() writes.
    *(
        f"""
        CREATE INDEX sighting_newest_showing_{position}
        ON sightings_sighting (date_observed DESC, published_at DESC, id DESC)
        INCLUDE (setting, shift_mask)
        WHERE status = 'published' AND (shift_mask & {1 << (position - 1)}) > 0
        """
        for position in SHIFTS
    ),
]

POSTGRESQL_DROP = [
    *(f"DROP INDEX IF EXISTS sighting_newest_showing_{position}" for position in SHIFTS),
    "DROP TRIGGER IF EXISTS sightings_sighting_shifts_moved ON sightings_sighting_shifts",
    "DROP TRIGGER IF EXISTS sightings_sighting_shifts_removed ON sightings_sighting_shifts",
    "DROP TRIGGER IF EXISTS sightings_sighting_shifts_added ON sightings_sighting_shifts",
    "DROP FUNCTION IF EXISTS sightings_sighting_shifts_changed()",
    "DROP TRIGGER IF EXISTS sightings_sighting_shift_mask ON sightings_sighting",
    "DROP FUNCTION IF EXISTS sightings_sighting_shift_mask()",
]

POSTGRESQL_REMOVE = ["ALTER TABLE sightings_sighting DROP COLUMN shift_mask"]

SQLITE_ADD = [
    "ALTER TABLE sightings_sighting ADD COLUMN shift_mask smallint unsigned NOT NULL "
    "DEFAULT 0 CHECK (shift_mask >= 0)",
]

SQLITE_MASK = """(
    SELECT coalesce(sum(1 << (shift.position - 1)), 0)
    FROM sightings_sighting_shifts AS link
    JOIN sightings_shift AS shift ON shift.id = link.shift_id
    WHERE link.sighting_id = {sighting}
)"""


def sqlite_update(sighting):
    return (
        f"UPDATE sightings_sighting SET shift_mask = {SQLITE_MASK.format(sighting=sighting)} "
        f"WHERE id = {sighting};"
    )


SQLITE_CREATE = [
    "UPDATE sightings_sighting "
    f"SET shift_mask = {SQLITE_MASK.format(sighting='sightings_sighting.id')}",
    f"""
    CREATE TRIGGER sightings_sighting_shifts_added
    AFTER INSERT ON sightings_sighting_shifts
    BEGIN {sqlite_update("NEW.sighting_id")} END
    """,
    f"""
    CREATE TRIGGER sightings_sighting_shifts_removed
    AFTER DELETE ON sightings_sighting_shifts
    BEGIN {sqlite_update("OLD.sighting_id")} END
    """,
    f"""
    CREATE TRIGGER sightings_sighting_shifts_moved
    AFTER UPDATE ON sightings_sighting_shifts
    BEGIN {sqlite_update("OLD.sighting_id")} {sqlite_update("NEW.sighting_id")} END
    """,
    f"""
    CREATE TRIGGER sightings_sighting_shift_mask_added
    AFTER INSERT ON sightings_sighting
    BEGIN {sqlite_update("NEW.id")} END
    """,
    f"""
    CREATE TRIGGER sightings_sighting_shift_mask_written
    AFTER UPDATE OF shift_mask ON sightings_sighting
    WHEN NEW.shift_mask IS NOT {SQLITE_MASK.format(sighting="NEW.id")}
    BEGIN {sqlite_update("NEW.id")} END
    """,
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS sightings_sighting_shift_mask_written",
    "DROP TRIGGER IF EXISTS sightings_sighting_shift_mask_added",
    "DROP TRIGGER IF EXISTS sightings_sighting_shifts_moved",
    "DROP TRIGGER IF EXISTS sightings_sighting_shifts_removed",
    "DROP TRIGGER IF EXISTS sightings_sighting_shifts_added",
]

SQLITE_REMOVE = ["ALTER TABLE sightings_sighting DROP COLUMN shift_mask"]


class Migration(migrations.Migration):
    dependencies = [
        ("sightings", "0021_theme_links_carry_dates"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="sighting",
                    name="shift_mask",
                    field=models.PositiveSmallIntegerField(default=0, editable=False),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    run_by_vendor(postgresql=POSTGRESQL_ADD, sqlite=SQLITE_ADD),
                    run_by_vendor(postgresql=POSTGRESQL_REMOVE, sqlite=SQLITE_REMOVE),
                ),
            ],
        ),
        migrations.RunPython(
            run_by_vendor(postgresql=POSTGRESQL_CREATE, sqlite=SQLITE_CREATE),
            run_by_vendor(postgresql=POSTGRESQL_DROP, sqlite=SQLITE_DROP),
        ),
        migrations.RemoveIndex(model_name="sighting", name="sighting_newest_first"),
        migrations.RemoveIndex(model_name="sighting", name="sighting_place_counted"),
        migrations.RemoveIndex(model_name="sighting", name="sighting_newest_seen"),
        migrations.RemoveIndex(model_name="sighting", name="sighting_sort_by_id"),
        migrations.AddIndex(
            model_name="sighting",
            index=models.Index(
                fields=["status", "-published_at", "-id"],
                include=("shift_mask",),
                name="sighting_newest_first",
            ),
        ),
        migrations.AddIndex(
            model_name="sighting",
            index=models.Index(
                fields=["status", "-date_observed", "-published_at", "-id"],
                include=("direction", "setting", "connection", "place_ref", "shift_mask"),
                name="sighting_newest_seen",
            ),
        ),
        migrations.AddIndex(
            model_name="sighting",
            index=models.Index(
                fields=["id"],
                include=("status", "date_observed", "published_at", "setting", "shift_mask"),
                name="sighting_sort_by_id",
            ),
        ),
        migrations.AddIndex(
            model_name="sighting",
            index=models.Index(
                fields=["place_ref", "status", "-date_observed", "-published_at", "-id"],
                include=("direction", "setting", "connection", "shift_mask"),
                name="sighting_place_counted",
            ),
        ),
    ]
