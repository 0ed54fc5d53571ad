"""Serve the Observatory with gunicorn as in production and measure it over HTTP.

    python -m bench.run [--requests 30] [--duration 30] [--clients 20] [--output FILE]

Needs DATABASE_URL pointing at a seeded PostgreSQL database (see bench/seed.py).
Prints a table and writes the same figures as JSON to bench/results/<timestamp>.json.

1. One request at a time: median and 95th percentile latency of each page, and each
   page's median as a multiple of /healthz (the trivial view, the floor of the stack).
   Each page is timed as served (visitors get the copy kept in the cache) and rendered
   afresh (Cache-Control: no-cache), as a signed-in person or the first visitor after
   a change gets it. A page that answers 404 is reported as missing.
2. Concurrent: 20 clients for 30 s on /healthz, the filtered list and search, served and
   rendered, giving requests per second, errors, the ratio to /healthz and the CPU
   milliseconds the gunicorn workers spent per request (from /proc).
3. Export memory: how far the peak RSS of the worker grows while it streams a CSV
   export of one shift.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SECRET_KEY = "bench-only-secret-key-never-used-in-production"
EXPORT_SHIFT = "me-to-we"
SEARCH_WORD = "neighbours"
TARGET_MEDIAN_MS = 50
TARGET_P95_MS = 100
TARGET_RPS = 100
TARGET_RATIO = 0.25
TARGET_EXPORT_MB = 50
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="per page, one at a time")
    parser.add_argument("--export-requests", type=int, default=5, help="full CSV exports timed")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=30, help="seconds per concurrent run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--word", default=SEARCH_WORD, help="a word in about a third of sightings")
    parser.add_argument("--output", type=Path, help="JSON file (default bench/results/<time>.json)")
    args = parser.parse_args(argv)

    env = server_environment()
    pages = pages_to_measure(env, args.word)
    subprocess.run([sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    with Gunicorn(env, args.workers) as server:
        client = Client(server.port)
        warm_up(client, pages)
        results = {
            "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "settings": vars(args) | {"output": str(args.output or "")},
            "pages": measure_pages(client, pages, args),
            "fresh": measure_fresh(client, fresh_pages(env), args),
        }
        results["search_applied"] = search_is_applied(client, args.word)
        results["concurrent"] = measure_concurrent(server, pages, args)
        results["export_memory"] = measure_export_memory(server, client, pages)
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    print_report(results)
    output = args.output or RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWritten to {output}")


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
    }


def pages_to_measure(env, word):
    """The pages to time, with real slugs looked up from the database."""
    found = subprocess.run(
        [sys.executable, "-c", LOOKUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    slugs = json.loads(found.stdout)
    theme, sighting, cell = slugs["theme"], slugs["sighting"], slugs["cell"]
    place = slugs["place"]
    return [
        ("healthz", "/healthz"),
        ("home", "/"),
        ("list", "/sightings/"),
        ("list by shift", "/sightings/?shift=me-to-we"),
        ("list by theme", f"/sightings/?theme={theme}"),
        ("list by shift and theme", f"/sightings/?shift=me-to-we&theme={theme}"),
        ("search", f"/sightings/?q={word}"),
        ("search, shift, relevance", f"/sightings/?q={word}&shift=me-to-we&sort=relevance"),
        ("list page 2000", "/sightings/?page=2000"),
        ("sighting detail", f"/sightings/{sighting}/"),
        ("themes", "/themes/"),
        ("one theme", f"/themes/{theme}/"),
        ("shifts", "/shifts/"),
        ("one shift", "/shifts/me-to-we/"),
        ("cell", f"/cells/{cell}/"),
        ("insights", "/insights/"),
        ("places", "/places/"),
        ("one place", f"/places/{place}/"),
        ("list slipping back", "/sightings/?direction=back"),
        ("feed", "/sightings/feed/"),
        ("export csv (one shift)", f"/sightings/export.csv?shift={EXPORT_SHIFT}"),
        # The API never keeps whole answers, so every request here is computed afresh.
        ("api sightings", "/api/sightings/"),
        ("api by shift and theme", f"/api/sightings/?shift=me-to-we&theme={theme}"),
        ("api setting and dates", "/api/sightings/?setting=education&from=2024-01-01&sort=oldest"),
        ("api search and shift", f"/api/sightings/?q={word}&shift=me-to-we"),
        ("api 100 a page", f"/api/sightings/?theme={theme}&page_size=100"),
    ]


# Pages timed at a new address on every request, so that neither the page cache nor the
# counts kept per filter (the insights, a place's page) can answer: each is computed afresh.
# The places index still reads its counts kept until what is published changes; counting
# them again is timed on its own (see docs/performance.md). Targets: p95 for the pages,
# median for the API.
FRESH_TARGETS = {"p95_ms": TARGET_P95_MS, "median_ms": TARGET_MEDIAN_MS}


def fresh_pages(env):
    found = subprocess.run(
        [sys.executable, "-c", FRESH_LOOKUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    places = json.loads(found.stdout)
    shifts = ["me-to-we", "doubting-to-trusting", "controlling-to-enabling"]

    def rotate(template):
        return [
            template.format(n=n, place=place, shift=shifts[n % len(shifts)])
            for n, place in enumerate(places)
        ]

    return [
        ("places", "p95_ms", rotate("/places/?sort={n}")),
        ("one place", "p95_ms", rotate("/places/{place}/")),
        (
            "insights, shift and place",
            "p95_ms",
            rotate("/insights/?shift={shift}&place_ref={place}"),
        ),
        (
            "api, shift and place",
            "median_ms",
            rotate("/api/sightings/?shift={shift}&place_ref={place}"),
        ),
        (
            "api, slipping back, setting",
            "median_ms",
            rotate("/api/sightings/?direction=back&setting=education&place_ref={place}"),
        ),
        ("api, slipping back", "median_ms", rotate("/api/sightings/?direction=back&v={n}")),
    ]


def measure_fresh(client, pages, args):
    measured = []
    for name, target, paths in pages:
        timings, statuses = [], set()
        for path in paths[: args.requests]:
            status, elapsed, _body = client.timed(path, fresh=True)
            timings.append(elapsed)
            statuses.add(status)
        row = {
            "name": name,
            "example": paths[0],
            "requests": len(timings),
            "statuses": sorted(statuses),
            "median_ms": round(statistics.median(timings), 1),
            "p95_ms": p95(timings),
            "target": f"{target.replace('_ms', '')} < {FRESH_TARGETS[target]} ms",
        }
        row["meets_target"] = statuses == {200} and row[target] < FRESH_TARGETS[target]
        measured.append(row)
        print(f"  {name:<30} {row['median_ms']:>8.1f} ms  {row['p95_ms']:>8.1f} ms", flush=True)
    return measured


# The busiest places first: each timed request asks for a different one.
FRESH_LOOKUP = """
import json, django
django.setup()
from django.db.models import Count
from sightings.models import Place
places = Place.objects.annotate(n=Count("sightings")).order_by("-n", "slug")
print(json.dumps(list(places.values_list("slug", flat=True)[:100])))
"""


# Run in a child process so that this one never holds a database connection or Django.
LOOKUP = """
import json, django
django.setup()
from django.db.models import Count
from cells.models import Cell
from sightings.models import Place, Sighting, Theme
theme = (
    Theme.objects.annotate(n=Count("themed_items")).order_by("-n").values_list("slug", flat=True)
)[0]
sighting = Sighting.objects.published().newest_first().values_list("slug", flat=True)[50]
cell = Cell.objects.order_by("pk").values_list("slug", flat=True)[0]
place = (
    Place.objects.annotate(n=Count("sightings")).order_by("-n").values_list("slug", flat=True)
)[0]
print(json.dumps({"theme": theme, "sighting": sighting, "cell": cell, "place": place}))
"""


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


class Client:
    def __init__(self, port):
        self.port = port

    def get(self, path, timeout=60, fresh=False):
        """Status and full body; gunicorn's sync workers close each connection.

        fresh asks for a newly rendered page rather than the copy kept for visitors.
        """
        headers = {"Host": "127.0.0.1"}
        if fresh:
            headers["Cache-Control"] = "no-cache"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def timed(self, path, fresh=False):
        started = time.perf_counter()
        status, body = self.get(path, fresh=fresh)
        return status, (time.perf_counter() - started) * 1000, body


def warm_up(client, pages):
    for _ in range(3):
        for _name, path in pages:
            client.get(path)


def measure_pages(client, pages, args):
    measured = []
    for name, path in pages:
        count = args.export_requests if "export" in path else args.requests
        timings, statuses, size = [], set(), 0
        for _ in range(count):
            status, elapsed, body = client.timed(path)
            timings.append(elapsed)
            statuses.add(status)
            size = len(body)
        # The same page rendered afresh each time: what a signed-in person, or the
        # first visitor after a change, waits for.
        rendered = [client.timed(path, fresh=True)[1] for _ in range(count)]
        row = {"name": name, "path": path, "statuses": sorted(statuses), "bytes": size}
        if statuses == {404}:
            row["result"] = "missing"
        elif statuses != {200}:
            row["result"] = "error"
        else:
            row["result"] = "ok"
        row |= {
            "median_ms": round(statistics.median(timings), 1),
            "p95_ms": p95(timings),
            "rendered_median_ms": round(statistics.median(rendered), 1),
            "rendered_p95_ms": p95(rendered),
        }
        measured.append(row)
        print(f"  {name:<26} {row['median_ms']:>8.1f} ms  {row['result']}", flush=True)
    floor = measured[0]["median_ms"]
    for row in measured:
        row["ratio_to_healthz"] = round(row["median_ms"] / floor, 1)
        row["meets_target"] = row["result"] == "ok" and (
            row["median_ms"] < TARGET_MEDIAN_MS and row["p95_ms"] < TARGET_P95_MS
        )
        row["rendered_meets_target"] = row["result"] == "ok" and (
            row["rendered_median_ms"] < TARGET_MEDIAN_MS and row["rendered_p95_ms"] < TARGET_P95_MS
        )
    return measured


def p95(timings):
    ordered = sorted(timings)
    return round(ordered[max(0, -(-95 * len(ordered) // 100) - 1)], 1)


RESULT_COUNT = re.compile(rb"([\d,]+) sightings?\b")


def search_is_applied(client, word):
    """Whether ?q= narrows the list at all, or is still ignored on this branch."""
    status, body = client.get(f"/sightings/?q={word}")
    _status, everything = client.get("/sightings/")
    if status != 200:
        return False
    found, total = RESULT_COUNT.search(body), RESULT_COUNT.search(everything)
    return bool(found and total and found.group(1) != total.group(1))


def measure_concurrent(server, pages, args):
    by_name = dict(pages)
    runs = []
    plan = [
        ("healthz", "healthz", False),
        ("list by shift and theme", "list by shift and theme", False),
        ("search", "search", False),
        ("list by shift and theme, rendered", "list by shift and theme", True),
        ("search, rendered", "search", True),
    ]
    for name, page, fresh in plan:
        path = by_name[page]
        cpu_before = server.cpu_seconds()
        completed, errors, elapsed = hammer(server.port, path, args.clients, args.duration, fresh)
        cpu = server.cpu_seconds() - cpu_before
        runs.append(
            {
                "name": name,
                "path": path,
                "rendered": fresh,
                "clients": args.clients,
                "seconds": round(elapsed, 1),
                "requests": completed,
                "errors": errors,
                "requests_per_second": round(completed / elapsed, 1),
                "cpu_ms_per_request": round(cpu * 1000 / completed, 1) if completed else None,
            }
        )
        print(f"  {name:<34} {runs[-1]['requests_per_second']:>8.1f} req/s", flush=True)
    floor = runs[0]["requests_per_second"]
    for run in runs:
        run["ratio_to_healthz"] = round(run["requests_per_second"] / floor, 2)
        run["meets_target"] = (
            run["errors"] == 0
            and run["requests_per_second"] >= TARGET_RPS
            and run["ratio_to_healthz"] >= TARGET_RATIO
        )
    return runs


def hammer(port, path, clients, duration, fresh=False):
    """Several clients requesting one page back to back for a fixed time."""
    deadline = time.monotonic() + duration
    counts = [[0, 0] for _ in range(clients)]

    def client_loop(tally):
        client = Client(port)
        while time.monotonic() < deadline:
            try:
                status, _body = client.get(path, timeout=30, fresh=fresh)
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


def measure_export_memory(server, client, pages):
    """Peak RSS growth of the workers while one full CSV export streams."""
    path = dict(pages)["export csv (one shift)"]
    before = {}
    for pid in server.worker_pids():
        # Writing 5 to clear_refs resets the peak (VmHWM) to the current RSS.
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        before[pid] = memory_kb(pid)["VmRSS"]
    status, body = client.get(path, timeout=300)
    growth = max(memory_kb(pid)["VmHWM"] - rss for pid, rss in before.items())
    rows = max(body.count(b"\n") - 1, 0) if status == 200 else 0
    result = {
        "path": path,
        "status": status,
        "rows": rows,
        "peak_rss_growth_mb": round(growth / 1024, 1),
    }
    result["meets_target"] = status == 200 and growth / 1024 < TARGET_EXPORT_MB
    return result


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
    print("One request at a time (ms; 'rendered' asks for a fresh page with no-cache)")
    print(
        f"{'page':<26} {'median':>7} {'p95':>7} {'× healthz':>9} {'rendered':>8} {'p95':>7}  result"
    )
    for row in results["pages"]:
        if row["result"] == "missing":
            print(f"{row['name']:<26} {'-':>7} {'-':>7} {'-':>9} {'-':>8} {'-':>7}  missing (404)")
            continue
        verdict = row["result"]
        if row["result"] == "error":
            verdict = f"ERROR: answered {', '.join(map(str, row['statuses']))}"
        if row["result"] == "ok":
            verdict = "meets target" if row["meets_target"] else "SLOWER THAN TARGET"
            if row["meets_target"] and not row["rendered_meets_target"]:
                verdict += " (not when rendered)"
        if row["name"].startswith("search") and not results["search_applied"]:
            verdict += " (q ignored: no search on this branch)"
        print(
            f"{row['name']:<26} {row['median_ms']:>7.1f} {row['p95_ms']:>7.1f} "
            f"{row['ratio_to_healthz']:>9.1f} {row['rendered_median_ms']:>8.1f} "
            f"{row['rendered_p95_ms']:>7.1f}  {verdict}"
        )
    print()
    print("Rendered afresh at a new address each time (ms)")
    print(f"{'page':<30} {'median':>7} {'p95':>7}  {'target':<16} result")
    for row in results["fresh"]:
        verdict = "meets target" if row["meets_target"] else "MISSES TARGET"
        if row["statuses"] != [200]:
            verdict += f" (answered {', '.join(map(str, row['statuses']))})"
        print(
            f"{row['name']:<30} {row['median_ms']:>7.1f} {row['p95_ms']:>7.1f}  "
            f"{row['target']:<16} {verdict}"
        )
    print()
    print(f"Concurrent ({results['settings']['clients']} clients)")
    print(f"{'page':<34} {'req/s':>7} {'errors':>6} {'÷ healthz':>9} {'CPU ms/req':>10}  result")
    for run in results["concurrent"]:
        verdict = "meets target" if run["meets_target"] else "BELOW TARGET"
        print(
            f"{run['name']:<34} {run['requests_per_second']:>7.1f} {run['errors']:>6} "
            f"{run['ratio_to_healthz']:>9.2f} {run['cpu_ms_per_request'] or 0:>10.1f}  {verdict}"
        )
    export = results["export_memory"]
    machine_ = results["machine"]
    print()
    if export["status"] == 404:
        print("Export memory: missing (404)")
    else:
        verdict = "meets target" if export["meets_target"] else "ABOVE TARGET"
        print(
            f"Export memory: {export['rows']} rows, peak RSS of the worker grew by "
            f"{export['peak_rss_growth_mb']} MB ({verdict})"
        )
    print(
        f"Machine: {machine_['cpus']} CPUs, {machine_['memory_gb']} GB, PostgreSQL "
        f"{machine_['postgresql']}; load average {machine_['load_average_at_start']:.1f} "
        f"at the start, {machine_['load_average_at_end']:.1f} at the end"
    )


if __name__ == "__main__":
    main()
