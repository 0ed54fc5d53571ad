"""Serve the Observatory with gunicorn as in production and measure it over HTTP.

    python -m bench.run [--requests 30] [--duration 30] [--clients 20] [--output FILE]

Needs DATABASE_URL pointing at a seeded PostgreSQL database (see bench/seed.py).
Prints tables and writes the same figures as JSON to bench/results/<timestamp>.json.

1. Every page rendered afresh, one request at a time: each timed request asks for an
   address the run has not asked for before (another filter, search, theme, place or
   page), so neither the page cache nor the counts and facets kept per address can
   answer it. Each page is timed for a visitor and for a person signed in through the
   sign-in form: median and 95th percentile.
2. The first request to each page after a sighting is published (a new generation:
   every kept count and page is stale), one publication per page.
3. Concurrent: 20 clients for 30 s on /healthz, and on never-seen-before searches as
   visitors and as a signed-in person: requests per second, errors and the CPU
   milliseconds the gunicorn workers spent per request (from /proc).
4. The export of one shift as CSV: rows a second and how far the worker's peak RSS grows.
5. Growth: the newest result in bench/results/ at each size beside this one, with the
   factor by which each page's median grew from one size to the next.
"""

import argparse
import csv
import datetime
import glob
import http.client
import io
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SECRET_KEY = "bench-only-secret-key-never-used-in-production"
EXPORT_SHIFT = "me-to-we"
TARGET_MEDIAN_MS = 50
TARGET_P95_MS = 100
TARGET_RPS = 100
TARGET_AFTER_PUBLISH_MS = 250
TARGET_EXPORT_MB = 50
TARGET_EXPORT_ROWS_PER_SECOND = 20_000
# A page whose first SLOW_SAMPLE requests all take longer than SLOW_MS is timed no further.
SLOW_SAMPLE = 5
SLOW_MS = 1000
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
READER = "bench-reader"
READER_PASSWORD = "bench-reader-password-not-secret"
# One word from each of bench/seed.py's sixteen paragraphs: a story holds two to four
# of them, so each word is on about a fifth of the sightings (the run measures the
# share) and two of them together on a few per cent. A search of two is a search of
# two common words.
WORDS = [
    "leaflet",
    "committee",
    "script",
    "charities",
    "timetable",
    "licence",
    "homework",
    "fares",
    "civic",
    "referring",
    "continuity",
    "pilot",
    "soup",
    "agenda",
    "rule",
    "paper",
]
WORD_PAIRS = list(itertools.combinations(WORDS, 2))
SETTINGS = ["health-and-care", "education", "employment", "housing", "faith", "workplace", ""]
DIRECTIONS = ["", "forward", "back"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="per page and kind of reader")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=30, help="seconds per concurrent run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--skip-export", action="store_true", help="leave out the export")
    parser.add_argument("--output", type=Path, help="JSON file (default bench/results/<time>.json)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if any page answered anything but 200"
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="NAME",
        help='time only these pages, by name ("insights, shift and place"), and nothing else',
    )
    args = parser.parse_args(argv)

    env = server_environment()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True
    )
    data = child_json(env, LOOKUP)
    pages = chosen_pages(fresh_pages(data), args.pages)
    with Gunicorn(env, args.workers) as server, Publisher(env) as publisher:
        client = Client(server.port)
        client.signed_in_cookie = sign_in(client)
        warm_up(client, pages, args)
        results = {
            "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "settings": vars(args) | {"output": str(args.output or "")},
            "data": data["sizes"],
            "pages": measure_pages(client, pages, args),
        }
        if not args.pages:
            results |= {
                "served": measure_served(client, data),
                "after_publish": measure_after_publish(client, publisher, pages, args),
                "concurrent": measure_concurrent(server, client, args),
            }
        if not (args.skip_export or args.pages):
            results["export"] = measure_export(server, client)
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    output = args.output or RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    print_report(results)
    print_growth(results, output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWritten to {output}")
    if args.check and (failures := failed_requests(results)):
        raise SystemExit(f"Not every request succeeded: {', '.join(failures)}")


def failed_requests(results):
    """The pages and runs that answered anything but 200, by name."""
    failed = [
        row["name"]
        for row in results["pages"]
        if row["visitor"]["statuses"] != [200] or row["signed_in"]["statuses"] != [200]
    ]
    failed += [row["name"] for row in results["after_publish"] if row["status"] != 200]
    failed += [run["name"] for run in results["concurrent"] if run["errors"]]
    if not results.get("export", {}).get("complete", True):
        failed.append("export")
    return failed


def server_environment():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a seeded PostgreSQL database.")
    return os.environ | {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", SECRET_KEY),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_SETTINGS_MODULE": "observatory.settings",
        # The benchmark is one client asking thousands of times: the API's per-client
        # limit would otherwise measure 429s.
        "API_RATE": "1000000/m",
        # Workers are not replaced after a thousand requests, as gunicorn.conf.py has
        # them be in production: a worker replaced mid-run takes the export's peak
        # memory figure with it.
        "GUNICORN_MAX_REQUESTS": "0",
    }


def child_json(env, code):
    """Run code in a child process with Django set up; it prints JSON."""
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(found.stdout)


# Run in a child process so that this one never holds a database connection or Django.
# It also makes the signed-in reader, whose password the run types into the form.
LOOKUP = f"""
import json, django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.db.models import Count
from cells.models import Cell
from sightings.models import Place, Shift, Sighting, Theme, ThemedSighting
# What an earlier run kept for its addresses would answer this run's: start empty.
caches[settings.ENTRIES_CACHE].clear()
reader, _ = get_user_model().objects.get_or_create(username={READER!r})
reader.set_password({READER_PASSWORD!r})
reader.save()
published = Sighting.objects.published()
total = published.count()
common = (
    ThemedSighting.objects.values("tag_id").annotate(n=Count("*")).order_by("-n")[:80]
)
ids = [row["tag_id"] for row in common]
slugs = dict(Theme.objects.filter(pk__in=ids).values_list("pk", "slug"))
themes = [slugs[row["tag_id"]] for row in common]
places = list(
    Place.objects.annotate(n=Count("sightings")).filter(n__gt=0).order_by("-n", "slug")
    .values_list("slug", flat=True)
)
words = {{}}
with connection.cursor() as cursor:
    for word in {WORDS!r}:
        cursor.execute(
            "SELECT count(*) FROM sightings_sighting WHERE status = 'published' "
            "AND search_vector @@ plainto_tsquery('english', %s)",
            [word],
        )
        words[word] = round(cursor.fetchone()[0] / total, 3) if total else 0
print(json.dumps({{
    "shifts": list(Shift.objects.order_by("position").values_list("slug", flat=True)),
    "sizes": {{
        "published_sightings": total,
        "themes": Theme.objects.count(),
        "cells": Cell.objects.count(),
        "places": len(places),
        "word_shares": words,
    }},
    "themes": themes,
    "sightings": list(
        published.order_by("-published_at").values_list("slug", flat=True)[50:5050:50]
    ),
    "cells": list(Cell.objects.order_by("pk").values_list("slug", flat=True)[:80]),
    "places": places,
}}))
"""


def fresh_pages(data):
    """Each page as a function of n giving a new address for every n (0, 1, 2, ...).

    Every address asks for a different set of sightings (another date, filter,
    search, theme, place or page), so nothing kept for an earlier address answers it.
    """
    themes, places, cells, sightings, shifts = (
        data["themes"],
        data["places"],
        data["cells"],
        data["sightings"],
        data["shifts"],
    )

    def day(n):
        # A different "seen up to" date for each n, a day apart, some years back.
        return (datetime.date(2025, 6, 30) - datetime.timedelta(days=n)).isoformat()

    def pair(n):
        first, second = WORD_PAIRS[n % len(WORD_PAIRS)]
        return f"{first}+{second}"

    def place(n):
        return places[n % len(places)]

    def cursor(n):
        seen = datetime.date(2023, 6, 1) - datetime.timedelta(days=n)
        return f"{seen.isoformat()}~{seen.isoformat()}T09:00:00%2B00:00~999999999"

    return [
        ("home", lambda n: f"/?v={n}"),
        ("list", lambda n: f"/sightings/?to={day(n)}"),
        ("list by shift", lambda n: f"/sightings/?shift={shifts[n % 5]}&to={day(n)}"),
        ("list by theme", lambda n: f"/sightings/?theme={themes[n % len(themes)]}"),
        (
            "list by shift and theme",
            lambda n: f"/sightings/?shift={shifts[n % 5]}&theme={themes[n % len(themes)]}",
        ),
        ("list slipping back", lambda n: f"/sightings/?direction=back&to={day(n)}"),
        ("search, two common words", lambda n: f"/sightings/?q={pair(n)}"),
        (
            "search, shift, relevance",
            lambda n: f"/sightings/?q={pair(n)}&shift={shifts[n % 5]}&sort=relevance",
        ),
        ("list, a numbered page", lambda n: f"/sightings/?page={2 + n % 49}"),
        ("list further on (keyset)", lambda n: f"/sightings/?after={cursor(n)}"),
        ("sighting detail", lambda n: f"/sightings/{sightings[n % len(sightings)]}/"),
        ("themes", lambda n: f"/themes/?page={1 + n % 4}&v={n}"),
        ("one theme", lambda n: f"/themes/{themes[n % len(themes)]}/"),
        ("shifts", lambda n: f"/shifts/?v={n}"),
        ("one shift", lambda n: f"/shifts/{shifts[n % 5]}/?to={day(n)}"),
        ("cell", lambda n: f"/cells/{cells[n % len(cells)]}/"),
        (
            "insights",
            lambda n: (
                f"/insights/?setting={SETTINGS[n % 6]}&shift={shifts[n // 6 % 5]}"
                f"&direction={DIRECTIONS[n // 30 % 3]}"
            ),
        ),
        (
            "insights, shift and place",
            lambda n: f"/insights/?shift={shifts[n % 5]}&place_ref={place(n // 5)}",
        ),
        ("places", lambda n: f"/places/?sort={('count', 'name')[n % 2]}&v={n}"),
        ("one place", lambda n: f"/places/{place(n)}/?setting={SETTINGS[n // len(places) % 7]}"),
        (
            "feed",
            lambda n: f"/sightings/feed/?shift={shifts[n % 5]}&theme={themes[n % len(themes)]}",
        ),
        ("api sightings", lambda n: f"/api/sightings/?to={day(n)}"),
        (
            "api shift and theme",
            lambda n: f"/api/sightings/?shift={shifts[n % 5]}&theme={themes[n % len(themes)]}",
        ),
        (
            "api shift and place",
            lambda n: f"/api/sightings/?shift={shifts[n % 5]}&place_ref={place(n // 5)}",
        ),
        ("api search and shift", lambda n: f"/api/sightings/?q={pair(n)}&shift={shifts[n % 5]}"),
    ]


def chosen_pages(pages, names):
    if not names:
        return pages
    unknown = set(names) - {name for name, _address in pages}
    if unknown:
        raise SystemExit(f"No page is called {', '.join(sorted(unknown))}")
    return [(name, address) for name, address in pages if name in names]


def warm_up(client, pages, args):
    """Start the workers' imports and the database's caches, at addresses never timed.

    The timed requests use n = 0 to 2 × requests - 1; these use the next two.
    """
    for n in (2 * args.requests, 2 * args.requests + 1):
        for _name, address in pages:
            client.get(address(n))


def measure_pages(client, pages, args):
    """Each page at a new address per request: a visitor, then a signed-in person."""
    measured = []
    print("Rendered afresh at a new address each time (ms): visitor, signed in")
    for name, address in pages:
        row = {"name": name, "example": address(0)}
        for kind, offset, signed_in in (
            ("visitor", 0, False),
            ("signed_in", args.requests, True),
        ):
            timings, statuses, sizes = [], set(), []
            for n in range(offset, offset + args.requests):
                status, elapsed, body = client.timed(address(n), signed_in=signed_in)
                timings.append(elapsed)
                statuses.add(status)
                sizes.append(len(body))
                if len(timings) == SLOW_SAMPLE and min(timings) > SLOW_MS:
                    break  # far over any target: a few requests say so as well as thirty
            row[kind] = {
                "requests": len(timings),
                "median_ms": round(statistics.median(timings), 1),
                "p95_ms": p95(timings),
                "statuses": sorted(statuses),
                "largest_bytes": max(sizes),
            }
        row["meets_target"] = all(
            row[kind]["statuses"] == [200]
            and row[kind]["median_ms"] < TARGET_MEDIAN_MS
            and row[kind]["p95_ms"] < TARGET_P95_MS
            for kind in ("visitor", "signed_in")
        )
        measured.append(row)
        print(
            f"  {name:<28} {row['visitor']['median_ms']:>7.1f} {row['visitor']['p95_ms']:>7.1f}"
            f"  {row['signed_in']['median_ms']:>7.1f} {row['signed_in']['p95_ms']:>7.1f}",
            flush=True,
        )
    return measured


def measure_served(client, data):
    """Pages a visitor gets from the page cache: the same address asked again."""
    addresses = [
        ("healthz", "/healthz"),
        ("home", "/"),
        ("list by shift and theme", f"/sightings/?shift=me-to-we&theme={data['themes'][0]}"),
        ("search", "/sightings/?q=leaflet+pilot"),
    ]
    measured = []
    for name, address in addresses:
        client.get(address)
        timings = [client.timed(address)[1] for _ in range(30)]
        measured.append(
            {
                "name": name,
                "path": address,
                "median_ms": round(statistics.median(timings), 1),
                "p95_ms": p95(timings),
            }
        )
    return measured


def measure_after_publish(client, publisher, pages, args):
    """The first request to each page after a sighting is published, as a visitor.

    Each page follows a publication of its own, so every count and page kept before
    is stale and this request is the one that finds out.
    """
    measured = []
    for name, address in pages:
        publisher.publish()
        status, elapsed, _body = client.timed(address(2 * args.requests + 2))
        measured.append(
            {
                "name": name,
                "status": status,
                "ms": round(elapsed, 1),
                "meets_target": status == 200 and elapsed < TARGET_AFTER_PUBLISH_MS,
            }
        )
    return measured


# A child process that publishes a sighting whenever it reads a line: it turns a
# published sighting back into a submitted one and publishes it again through the
# model, as a convenor's decision does, so every receiver runs.
PUBLISHER = """
import sys, django
django.setup()
from sightings.models import Sighting
for line in sys.stdin:
    sighting = Sighting.objects.published().order_by("-published_at").first()
    sighting.status = Sighting.Status.SUBMITTED
    sighting.save()
    sighting.status = Sighting.Status.PUBLISHED
    sighting.save()
    print("published", flush=True)
"""


class Publisher:
    def __init__(self, env):
        self.env = env

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-c", PUBLISHER],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        return self

    def publish(self):
        self.process.stdin.write("publish\n")
        self.process.stdin.flush()
        if self.process.stdout.readline().strip() != "published":
            raise SystemExit("The publisher stopped.")

    def __exit__(self, *exc):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def sign_in(client):
    """Sign the reader in through the form, as a person does; the session cookie."""
    status, _body, cookies = client.request("GET", "/accounts/login/")
    token = cookies.get("csrftoken")
    if status != 200 or not token:
        raise SystemExit(f"The sign-in page answered {status} without a CSRF cookie.")
    form = urllib.parse.urlencode(
        {"username": READER, "password": READER_PASSWORD, "csrfmiddlewaretoken": token}
    )
    status, _body, cookies = client.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token}",
            "Referer": f"http://127.0.0.1:{client.port}/accounts/login/",
        },
    )
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"Signing in through the form answered {status}.")
    return f"sessionid={cookies['sessionid']}"


class Client:
    def __init__(self, port):
        self.port = port
        self.signed_in_cookie = ""

    def request(self, method, path, body=None, headers=None, timeout=60):
        """Status, full body and the cookies set; gunicorn's sync workers close each connection."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(
                method, path, body=body, headers={"Host": "127.0.0.1"} | (headers or {})
            )
            response = connection.getresponse()
            cookies = {}
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    cookies[name.strip()] = rest.split(";")[0]
            return response.status, response.read(), cookies
        finally:
            connection.close()

    def get(self, path, timeout=60, signed_in=False):
        headers = {"Cookie": self.signed_in_cookie} if signed_in else {}
        status, body, _cookies = self.request("GET", path, headers=headers, timeout=timeout)
        return status, body

    def count_csv_rows(self, path):
        """Status, the CSV records read (a story may span lines) and whether the file
        ended as it should, read as it streams; a response cut short counts its rows."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        records = 0
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            if response.status != 200:
                return response.status, 0, False
            try:
                for _row in csv.reader(io.TextIOWrapper(response, encoding="utf-8")):
                    records += 1
            except (http.client.HTTPException, OSError):
                return response.status, max(records - 1, 0), False
            return response.status, max(records - 1, 0), True
        finally:
            connection.close()

    def timed(self, path, signed_in=False):
        started = time.perf_counter()
        status, body = self.get(path, signed_in=signed_in)
        return status, (time.perf_counter() - started) * 1000, body


def p95(timings):
    ordered = sorted(timings)
    return round(ordered[max(0, -(-95 * len(ordered) // 100) - 1)], 1)


def measure_concurrent(server, client, args):
    """Clients asking back to back; for searches, every request a search never made before."""
    # The pages timed one at a time searched each pair once already, without a date.
    counter = itertools.count(len(WORD_PAIRS))

    def new_search():
        # Two common words, each pair with a "seen up to" date a day earlier each
        # round, so no search repeats within a run.
        n = next(counter)
        first, second = WORD_PAIRS[n % len(WORD_PAIRS)]
        rounds = n // len(WORD_PAIRS)
        up_to = datetime.date.today() - datetime.timedelta(days=rounds)
        return f"/sightings/?q={first}+{second}&to={up_to.isoformat()}"

    plan = [
        ("healthz", lambda: "/healthz", False),
        ("new searches, visitors", new_search, False),
        ("new searches, signed in", new_search, True),
    ]
    runs = []
    print(f"Concurrent ({args.clients} clients, {args.duration:.0f} s each)")
    for name, address, signed_in in plan:
        cpu_before = server.cpu_seconds()
        completed, errors, elapsed = hammer(
            server.port,
            address,
            args.clients,
            args.duration,
            client.signed_in_cookie if signed_in else "",
        )
        cpu = server.cpu_seconds() - cpu_before
        run = {
            "name": name,
            "example": address(),
            "signed_in": signed_in,
            "clients": args.clients,
            "seconds": round(elapsed, 1),
            "requests": completed,
            "errors": errors,
            "requests_per_second": round(completed / elapsed, 1),
            "cpu_ms_per_request": round(cpu * 1000 / completed, 1) if completed else None,
        }
        run["meets_target"] = errors == 0 and run["requests_per_second"] >= TARGET_RPS
        runs.append(run)
        print(f"  {name:<28} {run['requests_per_second']:>8.1f} req/s", flush=True)
    return runs


def hammer(port, address, clients, duration, cookie):
    """Several clients requesting back to back for a fixed time; address() gives each path."""
    deadline = time.monotonic() + duration
    counts = [[0, 0] for _ in range(clients)]
    lock = threading.Lock()

    def client_loop(tally):
        client = Client(port)
        while time.monotonic() < deadline:
            with lock:
                path = address()
            try:
                headers = {"Cookie": cookie} if cookie else {}
                status, _body, _cookies = client.request("GET", path, headers=headers, timeout=30)
            except OSError:
                status = None
            tally[0 if status == 200 else 1] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client_loop, args=(tally,)) for tally in counts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return sum(c[0] for c in counts), sum(c[1] for c in counts), elapsed


def measure_export(server, client):
    """Rows a second and peak RSS growth of the worker while one full CSV export streams."""
    path = f"/sightings/export.csv?shift={EXPORT_SHIFT}"
    before = {}
    for pid in server.worker_pids():
        # Writing 5 to clear_refs resets the peak (VmHWM) to the current RSS.
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        before[pid] = memory_kb(pid)["VmRSS"]
    started = time.perf_counter()
    status, rows, complete = client.count_csv_rows(path)
    elapsed = time.perf_counter() - started
    growth = max(memory_kb(pid)["VmHWM"] - rss for pid, rss in before.items())
    result = {
        "path": path,
        "status": status,
        "complete": complete,
        "rows": rows,
        "seconds": round(elapsed, 1),
        "rows_per_second": round(rows / elapsed) if elapsed else 0,
        "peak_rss_growth_mb": round(growth / 1024, 1),
    }
    result["meets_target"] = (
        status == 200
        and complete
        and growth / 1024 < TARGET_EXPORT_MB
        and result["rows_per_second"] >= TARGET_EXPORT_ROWS_PER_SECOND
    )
    print(
        f"Export: {rows} rows in {elapsed:.1f} s, peak RSS grew {result['peak_rss_growth_mb']} MB",
        flush=True,
    )
    return result


class Gunicorn:
    """gunicorn as in production, on a free loopback port, stopped on exit."""

    def __init__(self, env, workers):
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.log = RESULTS / "gunicorn.log"

    def __enter__(self):
        RESULTS.mkdir(parents=True, exist_ok=True)
        self.log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "observatory.wsgi",
                "-w",
                str(self.workers),
                "-b",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log_file.close()

    def _wait_until_ready(self):
        deadline = time.monotonic() + 30
        client = Client(self.port)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {self.log}")
            try:
                if client.get("/healthz")[0] == 200 and len(self.worker_pids()) == self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within 30 s; see {self.log}")

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def cpu_seconds(self):
        """User and system CPU time of all workers so far, living or replaced.

        gunicorn.conf.py replaces a worker after max_requests; the CPU time of one
        that has exited is counted in the master's cutime and cstime once reaped.
        """
        master = _stat_fields(self.process.pid)
        total = int(master[13]) + int(master[14])  # cutime, cstime
        for pid in self.worker_pids():
            fields = _stat_fields(pid)
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / CLOCK_TICKS


def _stat_fields(pid):
    """The fields of /proc/<pid>/stat after the command name, from the state on."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def memory_kb(pid):
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = int(rest.split()[0])
    return values


def machine():
    memory = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    return {
        "load_average_at_start": os.getloadavg()[0],
        "cpus": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "python": sys.version.split()[0],
        "postgresql": postgres_version(),
    }


def postgres_version():
    try:
        found = subprocess.run(
            ["psql", os.environ["DATABASE_URL"], "-Atc", "SHOW server_version"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return found.stdout.strip() or "unknown"


def print_report(results):
    print()
    data = results["data"]
    print(
        f"{data['published_sightings']:,} published sightings, {data['themes']:,} themes, "
        f"{data['cells']} cells, {data['places']} places; search words on "
        f"{min(data['word_shares'].values()):.0%} to {max(data['word_shares'].values()):.0%} "
        "of sightings"
    )
    print()
    print("Rendered afresh at a new address each time (ms)")
    print(f"{'page':<28} {'visitor':>8} {'p95':>7} {'signed in':>9} {'p95':>7} {'KB':>5}  result")
    for row in results["pages"]:
        visitor, signed_in = row["visitor"], row["signed_in"]
        verdict = "meets target" if row["meets_target"] else "MISSES TARGET"
        statuses = sorted(set(visitor["statuses"]) | set(signed_in["statuses"]))
        if statuses != [200]:
            verdict += f" (answered {', '.join(map(str, statuses))})"
        size = max(visitor["largest_bytes"], signed_in["largest_bytes"]) / 1024
        print(
            f"{row['name']:<28} {visitor['median_ms']:>8.1f} {visitor['p95_ms']:>7.1f} "
            f"{signed_in['median_ms']:>9.1f} {signed_in['p95_ms']:>7.1f} {size:>5.0f}  {verdict}"
        )
    if "served" not in results:
        _print_machine(results["machine"])
        return
    print()
    print("Kept pages served to visitors, the same address again (ms)")
    for row in results["served"]:
        print(f"{row['name']:<28} {row['median_ms']:>8.1f} {row['p95_ms']:>7.1f}")
    print()
    print(f"First request after a sighting is published (ms; target < {TARGET_AFTER_PUBLISH_MS})")
    for row in results["after_publish"]:
        verdict = "meets target" if row["meets_target"] else "MISSES TARGET"
        print(f"{row['name']:<28} {row['ms']:>8.1f}  {verdict}")
    print()
    print(f"{'concurrent':<28} {'req/s':>8} {'errors':>6} {'CPU ms/req':>10}  result")
    for run in results["concurrent"]:
        verdict = "meets target" if run["meets_target"] else "BELOW TARGET"
        if run["name"] == "healthz":
            verdict = "(the floor of the stack)"
        print(
            f"{run['name']:<28} {run['requests_per_second']:>8.1f} {run['errors']:>6} "
            f"{run['cpu_ms_per_request'] or 0:>10.1f}  {verdict}"
        )
    export = results.get("export")
    if export:
        verdict = "meets target" if export["meets_target"] else "MISSES TARGET"
        if not export["complete"]:
            verdict += "; the response was cut short"
        print()
        print(
            f"Export: {export['rows']:,} rows in {export['seconds']} s "
            f"({export['rows_per_second']:,} rows/s), peak RSS of the worker grew by "
            f"{export['peak_rss_growth_mb']} MB ({verdict})"
        )
    _print_machine(results["machine"])


def _print_machine(machine_):
    print(
        f"Machine: {machine_['cpus']} CPUs, {machine_['memory_gb']} GB, PostgreSQL "
        f"{machine_['postgresql']}; load average {machine_['load_average_at_start']:.1f} "
        f"at the start, {machine_['load_average_at_end']:.1f} at the end"
    )


def print_growth(results, output):
    """This run beside the newest earlier run at each other size, with growth factors."""
    by_size = {}
    for path in sorted(glob.glob(str(RESULTS / "*.json"))):
        if Path(path) == output:
            continue
        try:
            earlier = json.loads(Path(path).read_text())
            size = earlier["data"]["published_sightings"]
        except (ValueError, KeyError, TypeError):
            continue  # a result from before sizes were recorded
        if earlier["settings"].get("pages"):
            continue  # a run that timed only some pages
        by_size[size] = earlier
    by_size[results["data"]["published_sightings"]] = results
    sizes = sorted(by_size)
    if len(sizes) < 2:
        return
    print()
    print("Growth: signed-in median / p95 (ms) at each size, and the median's factor")
    header = "".join(f" {size:>15,}" for size in sizes)
    print(f"{'page':<28}{header}  growth")
    for row in results["pages"]:
        cells, medians = [], []
        for size in sizes:
            found = {r["name"]: r for r in by_size[size]["pages"]}.get(row["name"])
            if found is None:
                cells.append(f" {'-':>15}")
                medians.append(None)
                continue
            signed_in = found["signed_in"]
            cells.append(f" {signed_in['median_ms']:>7.1f} /{signed_in['p95_ms']:>6.1f}")
            medians.append(signed_in["median_ms"])
        factors = [
            f"×{later / earlier:.1f}"
            for earlier, later in itertools.pairwise(medians)
            if earlier and later
        ]
        print(f"{row['name']:<28}{''.join(cells)}  {' '.join(factors)}")


if __name__ == "__main__":
    main()
