"""Prove that a backup of the Observatory's PostgreSQL database restores.

    DATABASE_URL=postgres://user@host:5432/observatory python scripts/backup_check.py

Dumps the database named by DATABASE_URL with pg_dump (custom format), restores the
dump with pg_restore into a new scratch database on the same server, and compares the
row count of every table in the two. The counts of the source are taken in the very
snapshot pg_dump reads, so they match even while the site is taking writes. Prints the
counts, drops the scratch database (unless --keep) and exits 1 on any difference.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

TABLES = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public' ORDER BY c.relname
"""
# The tables an empty restore would betray first; the check fails if any is empty.
MAIN_TABLES = ["django_migrations", "sightings_shift"]


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def row_counts(connection, tables):
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def dump(url, path):
    """Dump in one snapshot and count the rows in that same snapshot."""
    with psycopg.connect(url) as connection:
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        subprocess.run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}", url],
            check=True,
        )
        tables = [row[0] for row in connection.execute(TABLES)]
        counts = row_counts(connection, tables)
        connection.rollback()
    return counts


def restore(path, url, scratch):
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(scratch))
        )
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={with_database(url, scratch)}",
            str(path),
        ],
        check=True,
    )


def drop(url, scratch):
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))


def report(source, restored):
    width = max(len(table) for table in source)
    print(f"{'table':<{width}}  {'source':>8}  {'restored':>8}")
    differences = []
    for table, count in source.items():
        copied = restored.get(table)
        mark = "" if copied == count else "  DIFFERENT"
        if mark:
            differences.append(table)
        print(f"{table:<{width}}  {count:>8}  {copied if copied is not None else '-':>8}{mark}")
    return differences


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--scratch", help="name for the scratch database")
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("Set DATABASE_URL to the PostgreSQL database to back up.", file=sys.stderr)
        return 2
    source_name = urlsplit(url).path.lstrip("/")
    scratch = args.scratch or f"{source_name}_restore_check_{int(time.time())}"

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{source_name}.dump"
        source = dump(url, path)
        print(f"Dumped {source_name} ({path.stat().st_size:,} bytes); restoring into {scratch}")
        try:
            restore(path, url, scratch)
            with psycopg.connect(with_database(url, scratch)) as connection:
                restored = row_counts(connection, list(source))
        finally:
            if not args.keep:
                drop(url, scratch)

    differences = report(source, restored)
    empty = [table for table in MAIN_TABLES if not source.get(table)]
    if differences or empty:
        print(f"Restore check FAILED: different {differences}, empty {empty}", file=sys.stderr)
        return 1
    print(f"Restore check passed: {len(source)} tables, {sum(source.values()):,} rows.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
