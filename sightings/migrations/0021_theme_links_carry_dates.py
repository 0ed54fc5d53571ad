"""Each link from a sighting to a theme carries the sighting's two dates.

A theme's newest sightings are then read in order from one index on the links
(theme_newest_seen) instead of being sorted from all of the theme's links. Triggers
rather than save() keep the copies right however a row changes: a link added or moved,
a sighting saved, published or withdrawn by QuerySet.update(). They are written for
each database, so SQLite lists a theme the same way; a later migration that makes
SQLite rebuild either table must create its triggers again.

On PostgreSQL the links' statement trigger of migration 0003 rebuilt the search vector
of every sighting whose links were updated; it now does so only for a link that moved
to another theme or sighting, so a sighting's new dates do not rebuild its vector.
"""

from django.db import migrations, models

from core.vendor_sql import run_by_vendor

TOUCH_FUNCTION = """
CREATE OR REPLACE FUNCTION sightings_themedsighting_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE sightings_sighting SET title = title
        WHERE id IN (SELECT content_object_id FROM added);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE sightings_sighting SET title = title
        WHERE id IN (SELECT content_object_id FROM removed);
    ELSE
        UPDATE sightings_sighting SET title = title
        WHERE id IN (
            SELECT unnest(ARRAY[before.content_object_id, after.content_object_id])
            FROM added AS after JOIN removed AS before ON before.id = after.id
            WHERE {moved}
        );
    END IF;
    RETURN NULL;
END
$$;
"""

MOVED = (
    "before.tag_id <> after.tag_id OR before.content_object_id <> after.content_object_id"
)

POSTGRESQL_CREATE = [
    TOUCH_FUNCTION.format(moved=MOVED),
    """
    UPDATE sightings_themedsighting AS link
    SET date_observed = sighting.date_observed, published_at = sighting.published_at
    FROM sightings_sighting AS sighting
    WHERE sighting.id = link.content_object_id
    """,
    """
    CREATE OR REPLACE FUNCTION sightings_themedsighting_dates() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        SELECT date_observed, published_at INTO NEW.date_observed, NEW.published_at
        FROM sightings_sighting WHERE id = NEW.content_object_id;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER sightings_themedsighting_dates
    BEFORE INSERT OR UPDATE ON sightings_themedsighting
    FOR EACH ROW EXECUTE FUNCTION sightings_themedsighting_dates()
    """,
    """
    CREATE OR REPLACE FUNCTION sightings_sighting_dates_to_themes() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE sightings_themedsighting
        SET date_observed = NEW.date_observed, published_at = NEW.published_at
        WHERE content_object_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER sightings_sighting_dates_to_themes
    AFTER UPDATE OF date_observed, published_at ON sightings_sighting
    FOR EACH ROW
    WHEN (OLD.date_observed IS DISTINCT FROM NEW.date_observed
          OR OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION sightings_sighting_dates_to_themes()
    """,
]

POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS sightings_sighting_dates_to_themes ON sightings_sighting",
    "DROP TRIGGER IF EXISTS sightings_themedsighting_dates ON sightings_themedsighting",
    "DROP FUNCTION IF EXISTS sightings_sighting_dates_to_themes()",
    "DROP FUNCTION IF EXISTS sightings_themedsighting_dates()",
    TOUCH_FUNCTION.format(moved="TRUE"),
]

SQLITE_COPY_DATES = """
    UPDATE sightings_themedsighting SET
        date_observed = (
            SELECT date_observed FROM sightings_sighting WHERE id = {link}.content_object_id
        ),
        published_at = (
            SELECT published_at FROM sightings_sighting WHERE id = {link}.content_object_id
        )
"""

SQLITE_CREATE = [
    SQLITE_COPY_DATES.format(link="sightings_themedsighting"),
    f"""
    CREATE TRIGGER sightings_themedsighting_dates_added
    AFTER INSERT ON sightings_themedsighting
    BEGIN {SQLITE_COPY_DATES.format(link="NEW")} WHERE id = NEW.id; END
    """,
    f"""
    CREATE TRIGGER sightings_themedsighting_dates_moved
    AFTER UPDATE OF content_object_id ON sightings_themedsighting
    BEGIN {SQLITE_COPY_DATES.format(link="NEW")} WHERE id = NEW.id; END
    """,
    """
    CREATE TRIGGER sightings_sighting_dates_to_themes
    AFTER UPDATE OF date_observed, published_at ON sightings_sighting
    WHEN OLD.date_observed IS NOT NEW.date_observed OR OLD.published_at IS NOT NEW.published_at
    BEGIN
        UPDATE sightings_themedsighting
        SET date_observed = NEW.date_observed, published_at = NEW.published_at
        WHERE content_object_id = NEW.id;
    END
    """,
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS sightings_sighting_dates_to_themes",
    "DROP TRIGGER IF EXISTS sightings_themedsighting_dates_moved",
    "DROP TRIGGER IF EXISTS sightings_themedsighting_dates_added",
]


class Migration(migrations.Migration):
    dependencies = [
        ("sightings", "0020_covering_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="themedsighting",
            name="date_observed",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="themedsighting",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(
            run_by_vendor(postgresql=POSTGRESQL_CREATE, sqlite=SQLITE_CREATE),
            run_by_vendor(postgresql=POSTGRESQL_DROP, sqlite=SQLITE_DROP),
        ),
        migrations.AddIndex(
            model_name="themedsighting",
            index=models.Index(
                fields=["tag", "-date_observed", "-published_at", "-content_object"],
                name="theme_newest_seen",
            ),
        ),
    ]
