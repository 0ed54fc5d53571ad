"""SQL for migrations written once for each database the Observatory runs on."""


def run_by_vendor(postgresql=(), sqlite=()):
    """A RunPython function running, in order, the statements for the database in use.

    SQLite's driver runs one statement at a time, so each is given on its own. They go
    through the schema editor, so `sqlmigrate` prints them rather than running them.
    """

    def run(apps, schema_editor):
        chosen = {"postgresql": postgresql, "sqlite": sqlite}.get(
            schema_editor.connection.vendor, ()
        )
        for sql in chosen:
            # No parameters: the statements are whole, and a % in them is the SQL's own.
            schema_editor.execute(sql, params=None)

    return run
