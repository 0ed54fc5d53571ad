"""SQL for migrations written once for each database the Observatory runs on."""


def run_by_vendor(postgresql=(), sqlite=()):
    """A RunPython function running, in order, the statements for the database in use.

    SQLite's driver runs one statement at a time, so each is given on its own.
    """

    def run(apps, schema_editor):
        chosen = {"postgresql": postgresql, "sqlite": sqlite}.get(
            schema_editor.connection.vendor, ()
        )
        with schema_editor.connection.cursor() as cursor:
            for sql in chosen:
                cursor.execute(sql)

    return run
