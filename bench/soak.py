"""A soak: mixed load on gunicorn for a while, then proof that nothing was lost.

    DATABASE_URL=postgres://user@host:5432/observatory_soak python -m bench.soak \\
        [--duration 600] [--visitors 3] [--practitioners 2] [--convenors 1] [--exporters 1]

Needs a PostgreSQL database it may fill (it migrates it and loads the demo data if it
is empty). Serves the site with gunicorn on a loopback port, exactly as bench/run.py
does, and for --duration seconds runs, all at once: visitors browsing and searching,
practitioners signing in and submitting sightings, convenors publishing or returning
them, and clients downloading the exports. Halfway through it takes a backup with
scripts/backup_check.py (pg_dump in one snapshot, restored into a scratch database and
compared table by table) while the load goes on.

At the end it checks, and exits 1 unless all hold:
- no answer was a 5xx;
- every sighting a practitioner was told was submitted is in the database, and every
  decision a convenor was told was recorded is in the status log;
- the backup restored and matched.
It reports each worker's memory (RSS) after warming up and at the end, which should
stay flat, the answers by status, and the latencies, and writes them as JSON to
bench/results/soak-<time>.json. It is a benchmark, not a test: it runs for minutes.
"""

import argparse
import datetime
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from contextlib import suppress

import psycopg
import requests

from bench.run import RESULTS, ROOT, Gunicorn, machine, memory_kb, server_environment

PASSWORD = "soak-only-password-long-enough"
BROWSING = [
    "/",
    "/sightings/",
    "/sightings/?shift=me-to-we",
    "/sightings/?q=neighbours",
    "/sightings/?setting=education&sort=oldest",
    "/shifts/",
    "/themes/",
    "/places/",
    "/insights/",
    "/cells/",
    "/sightings/feed/",
    "/sitemap.xml",
    "/api/sightings/",
]
EXPORTS = ["/sightings/export.csv", "/sightings/export.json"]
ACCOUNTS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from accounts.roles import CONVENORS_GROUP
convenors = Group.objects.get_or_create(name=CONVENORS_GROUP)[0]
for role, count in (("practitioner", {practitioners}), ("convenor", {convenors})):
    for number in range(count):
        name = f"soak-{{role}}-{{number}}"
        user, _ = get_user_model().objects.get_or_create(
            username=name, defaults={{"email": f"{{name}}@example.org", "first_name": name}}
        )
        user.set_password("{password}")
        user.save()
        if role == "convenor":
            user.groups.add(convenors)
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600, help="seconds of load")
    parser.add_argument("--visitors", type=int, default=3)
    parser.add_argument("--practitioners", type=int, default=2)
    parser.add_argument("--convenors", type=int, default=1)
    parser.add_argument("--exporters", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--no-backup", action="store_true", help="skip the backup halfway")
    args = parser.parse_args(argv)

    env = server_environment() | {
        # Practitioners here submit far more than a person may: the limits would
        # otherwise be what is measured.
        "OBSERVATORY_LIMIT_SUBMISSIONS": "off",
    }
    prepare(env, args)
    url = env["DATABASE_URL"]
    run = Run(url, shift_ids(url))
    with Gunicorn(env, args.workers) as server:
        run.server = f"http://127.0.0.1:{server.port}"
        memory = Memory(server)
        threads = [threading.Thread(target=memory.watch, args=(run,), daemon=True)]
        for role, count in (
            ("visitor", args.visitors),
            ("practitioner", args.practitioners),
            ("convenor", args.convenors),
            ("exporter", args.exporters),
        ):
            for number in range(count):
                threads.append(threading.Thread(target=run.loop, args=(role, number)))
        started = time.monotonic()
        run.until = started + args.duration
        for thread in threads:
            thread.start()
        backup = None
        if not args.no_backup:
            time.sleep(args.duration / 2)
            backup = take_backup(env)
        for thread in threads[1:]:
            thread.join()
        elapsed = time.monotonic() - started
        memory.sample()
    results = report(run, memory, backup, elapsed, args)
    output = RESULTS / f"soak-{time.strftime('%Y%m%d-%H%M%S')}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWritten to {output}")
    return 0 if results["passed"] else 1


def prepare(env, args):
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo_data"], cwd=ROOT, env=env, check=True)
    accounts = ACCOUNTS.format(
        practitioners=args.practitioners, convenors=args.convenors, password=PASSWORD
    )
    subprocess.run([*manage, "shell", "-c", accounts], cwd=ROOT, env=env, check=True)


def shift_ids(url):
    with psycopg.connect(url) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM sightings_shift")]


class Run:
    """The load, and what each client was told."""

    def __init__(self, url, shifts):
        self.url = url
        self.shifts = shifts
        self.server = ""
        self.until = 0
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.failures = []
        self.timings = defaultdict(list)
        self.submitted = []
        self.decided = []
        self.began = datetime.datetime.now(datetime.UTC)

    def loop(self, role, number):
        browser = requests.Session()
        chance = random.Random(f"{role}-{number}")
        if role in {"practitioner", "convenor"}:
            self.sign_in(browser, f"soak-{role}-{number}")
        step = getattr(self, role)
        count = 0
        while time.monotonic() < self.until:
            try:
                step(browser, chance, number, count)
            except requests.RequestException as error:
                self.note("error", 0, 0, f"{role}: {error}")
            count += 1

    def request(self, browser, kind, method, path, **kwargs):
        began = time.monotonic()
        response = browser.request(
            method, f"{self.server}{path}", timeout=60, allow_redirects=False, **kwargs
        )
        self.note(kind, response.status_code, time.monotonic() - began, path)
        return response

    def note(self, kind, status, seconds, what):
        with self.lock:
            self.statuses[status] += 1
            if status >= 500 or status == 0:
                self.failures.append(f"{status} {what}")
            elif seconds:
                self.timings[kind].append(seconds)

    def token(self, browser, path):
        page = self.request(browser, "form", "GET", path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        return found[1] if found else ""

    def sign_in(self, browser, username):
        token = self.token(browser, "/accounts/login/")
        data = {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        answer = self.request(browser, "sign-in", "POST", "/accounts/login/", data=data)
        if answer.status_code != 302:
            raise SystemExit(f"{username} could not sign in ({answer.status_code})")

    def visitor(self, browser, chance, number, count):
        path = chance.choice(BROWSING)
        page = self.request(browser, "browse", "GET", path)
        links = re.findall(r'href="(/sightings/[a-z0-9-]+/)"', page.text)
        if links:
            self.request(browser, "browse", "GET", chance.choice(links))

    def practitioner(self, browser, chance, number, count):
        title = f"Soak {os.getpid()} practitioner {number} sighting {count}"
        token = self.token(browser, "/sightings/new/")
        data = {
            "csrfmiddlewaretoken": token,
            "title": title,
            "summary": "A neighbour who never joined in now runs the Saturday lunch club.",
            "story": "It began with *one* meal and a borrowed kitchen.",
            "place": chance.choice(["Leeds", "Hackney, London", "Cardiff", "Stirling"]),
            "date_observed": (datetime.date.today() - datetime.timedelta(days=3)).isoformat(),
            "setting": "neighbourhood-and-community",
            "shifts": chance.sample(self.shifts, 2),
            "direction": "forward",
            "themes": "food, mutual aid",
            "connection": "bridging",
            "consent": "on",
            "website": "",
            "action": "submit",
        }
        answer = self.request(browser, "submit", "POST", "/sightings/new/", data=data)
        if answer.status_code == 302:
            with self.lock:
                self.submitted.append(title)

    def convenor(self, browser, chance, number, count):
        queue = self.request(browser, "review", "GET", "/review/")
        waiting = re.findall(r'href="/review/(\d+)/"', queue.text)
        if not waiting:
            time.sleep(0.5)
            return
        pk = int(chance.choice(waiting[:5]))
        page = self.request(browser, "review", "GET", f"/review/{pk}/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        version = re.search(r'name="version" value="(\d+)"', page.text)
        if not (token and version):
            return
        with psycopg.connect(self.url) as connection:
            shifts = [
                row[0]
                for row in connection.execute(
                    "SELECT shift_id FROM sightings_sighting_shifts WHERE sighting_id = %s", [pk]
                )
            ]
        decision = "publish" if count % 3 else "return"
        data = {
            "csrfmiddlewaretoken": token[1],
            "version": version[1],
            "shifts": shifts,
            "direction": "forward",
            "themes": "food",
            "feedback": "" if decision == "publish" else "Please say who runs it now.",
            "decision": decision,
        }
        answer = self.request(browser, "decide", "POST", f"/review/{pk}/", data=data)
        if answer.status_code == 302:
            with self.lock:
                self.decided.append(pk)

    def exporter(self, browser, chance, number, count):
        self.request(browser, "export", "GET", chance.choice(EXPORTS))
        time.sleep(1)


class Memory:
    """Each gunicorn worker's resident memory, sampled every few seconds."""

    def __init__(self, server):
        self.server = server
        self.samples = defaultdict(list)

    def sample(self):
        for pid in self.server.worker_pids():
            with suppress(FileNotFoundError, KeyError):
                self.samples[pid].append((time.monotonic(), memory_kb(pid)["VmRSS"]))

    def watch(self, run):
        while time.monotonic() < run.until:
            self.sample()
            time.sleep(5)

    def per_worker(self):
        """Each worker's RSS once warmed up (a quarter of the way in) and at the end, in MB."""
        found = {}
        for pid, samples in self.samples.items():
            if len(samples) < 4:
                continue
            warmed = samples[len(samples) // 4][1] / 1024
            end = samples[-1][1] / 1024
            found[pid] = {
                "warmed_mb": round(warmed, 1),
                "end_mb": round(end, 1),
                "peak_mb": round(max(rss for _t, rss in samples) / 1024, 1),
                "growth_percent": round(100 * (end - warmed) / warmed, 1),
            }
        return found


def take_backup(env):
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "scripts/backup_check.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    last = (result.stdout.strip().splitlines() or [""])[-1]
    print(f"Backup during the soak: {last or result.stderr.strip()}")
    return {
        "passed": result.returncode == 0,
        "summary": last,
        "errors": result.stderr.strip()[-2000:],
        "seconds": round(time.monotonic() - began, 1),
    }


def report(run, memory, backup, elapsed, args):
    with psycopg.connect(run.url) as connection:
        stored = {
            row[0]
            for row in connection.execute(
                "SELECT title FROM sightings_sighting WHERE title = ANY(%s)", [run.submitted]
            )
        }
        recorded = connection.execute(
            "SELECT count(*) FROM sightings_statuschange c JOIN auth_user u ON u.id = c.actor_id "
            "WHERE u.username LIKE 'soak-convenor-%%' AND c.to_status IN ('published', 'returned') "
            "AND c.created_at >= %s",
            [run.began],
        ).fetchone()[0]
    missing = sorted(set(run.submitted) - stored)
    server_errors = sum(count for status, count in run.statuses.items() if status >= 500)
    timings = {
        kind: {
            "requests": len(values),
            "median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(sorted(values)[int(len(values) * 0.95) - 1] * 1000, 1),
        }
        for kind, values in sorted(run.timings.items())
        if values
    }
    workers = memory.per_worker()
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": dict(vars(args)),
        "seconds": round(elapsed, 1),
        "requests": sum(run.statuses.values()),
        "statuses": {str(status): count for status, count in sorted(run.statuses.items())},
        "server_errors": server_errors,
        "connection_errors": run.statuses.get(0, 0),
        "failures": run.failures[:20],
        "submitted": len(run.submitted),
        "submitted_missing": missing[:20],
        "decisions_told": len(run.decided),
        "decisions_recorded": recorded,
        "timings": timings,
        "workers": workers,
        "backup": backup,
    }
    results["passed"] = (
        server_errors == 0
        and not run.statuses.get(0)
        and not missing
        and recorded == len(run.decided)
        and (backup is None or backup["passed"])
    )
    print_report(results)
    return results


def print_report(results):
    print(f"\nSoak of {results['seconds']:.0f} s: {results['requests']} requests")
    print(f"  answers by status: {results['statuses']}")
    print(f"  5xx: {results['server_errors']}, connection errors: {results['connection_errors']}")
    for failure in results["failures"]:
        print(f"    {failure}")
    print(
        f"  sightings submitted: {results['submitted']}, "
        f"missing from the database: {len(results['submitted_missing'])}"
    )
    print(
        f"  decisions told recorded: {results['decisions_told']}, "
        f"in the status log: {results['decisions_recorded']}"
    )
    for kind, figures in results["timings"].items():
        print(
            f"  {kind:<8} {figures['requests']:>6} requests, median {figures['median_ms']} ms, "
            f"95th percentile {figures['p95_ms']} ms"
        )
    for pid, figures in results["workers"].items():
        print(
            f"  worker {pid}: {figures['warmed_mb']} MB warmed up, {figures['end_mb']} MB at "
            f"the end ({figures['growth_percent']:+}%), peak {figures['peak_mb']} MB"
        )
    if results["backup"]:
        print(f"  backup during the soak: {'passed' if results['backup']['passed'] else 'FAILED'}")
    print("PASSED" if results["passed"] else "FAILED")


if __name__ == "__main__":
    sys.exit(main())
