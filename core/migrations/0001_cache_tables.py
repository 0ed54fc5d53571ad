"""The database cache's tables, so that `migrate` alone prepares a database.

Django makes them with `createcachetable`, which a deployment could forget; this runs
the same code for the tables settings.CACHES names when Redis is not used. A table that
already exists (made by hand before) is left as it is.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLES = ["observatory_cache", "observatory_entries"]


def create_tables(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    for table in TABLES:
        command.create_table(schema_editor.connection.alias, table, dry_run=False)


def drop_tables(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for table in TABLES:
        if table in existing:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create_tables, drop_tables)]
