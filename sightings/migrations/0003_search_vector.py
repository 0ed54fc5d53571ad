"""A stored full-text search vector for sightings.

The column exists on every database so the model is the same everywhere; the
triggers that fill it and its GIN index are PostgreSQL-only, so they are created
only when the migration runs on PostgreSQL and SQLite keeps migrating cleanly.

Triggers rather than save() keep the vector current however a row changes: a
save, a QuerySet.update(), a theme added or removed, a theme renamed or merged.
"""

import django.contrib.postgres.search
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION sightings_theme_names(sighting_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_agg(theme.name, ' '), '')
    FROM sightings_themedsighting link
    JOIN sightings_theme theme ON theme.id = link.tag_id
    WHERE link.content_object_id = sighting_id
$$;

CREATE OR REPLACE FUNCTION sightings_sighting_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english',
            coalesce(NEW.title, '') || ' ' || sightings_theme_names(NEW.id)), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B')
        || setweight(to_tsvector('english',
            coalesce(NEW.story, '') || ' ' || coalesce(NEW.place, '')), 'C');
    RETURN NEW;
END
$$;

CREATE TRIGGER sightings_sighting_search_vector
BEFORE INSERT OR UPDATE OF title, summary, story, place ON sightings_sighting
FOR EACH ROW EXECUTE FUNCTION sightings_sighting_search_vector();

-- A theme added to or taken from a sighting re-runs the trigger above on it. These
-- run once per statement, over the rows it changed, so setting ten themes at once
-- (or a bulk load) updates each sighting once rather than once per theme.
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
            SELECT content_object_id FROM added
            UNION SELECT content_object_id FROM removed
        );
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER sightings_themedsighting_added
AFTER INSERT ON sightings_themedsighting REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION sightings_themedsighting_touch();

CREATE TRIGGER sightings_themedsighting_removed
AFTER DELETE ON sightings_themedsighting REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION sightings_themedsighting_touch();

CREATE TRIGGER sightings_themedsighting_changed
AFTER UPDATE ON sightings_themedsighting REFERENCING OLD TABLE AS removed NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION sightings_themedsighting_touch();

-- A renamed theme changes the words of every sighting that carries it.
CREATE OR REPLACE FUNCTION sightings_theme_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sightings_sighting SET title = title
    WHERE id IN (
        SELECT content_object_id FROM sightings_themedsighting WHERE tag_id = NEW.id
    );
    RETURN NULL;
END
$$;

CREATE TRIGGER sightings_theme_touch
AFTER UPDATE OF name ON sightings_theme
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION sightings_theme_touch();

CREATE INDEX sighting_search_vector ON sightings_sighting USING gin (search_vector);

UPDATE sightings_sighting SET title = title;
"""

DROP = """
DROP INDEX IF EXISTS sighting_search_vector;
DROP TRIGGER IF EXISTS sightings_theme_touch ON sightings_theme;
DROP TRIGGER IF EXISTS sightings_themedsighting_added ON sightings_themedsighting;
DROP TRIGGER IF EXISTS sightings_themedsighting_removed ON sightings_themedsighting;
DROP TRIGGER IF EXISTS sightings_themedsighting_changed ON sightings_themedsighting;
DROP TRIGGER IF EXISTS sightings_sighting_search_vector ON sightings_sighting;
DROP FUNCTION IF EXISTS sightings_theme_touch();
DROP FUNCTION IF EXISTS sightings_themedsighting_touch();
DROP FUNCTION IF EXISTS sightings_sighting_search_vector();
DROP FUNCTION IF EXISTS sightings_theme_names(bigint);
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters, so the several statements go in one simple query.
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('sightings', '0002_the_five_shifts'),
    ]

    operations = [
        migrations.AddField(
            model_name='sighting',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP)),
    ]
