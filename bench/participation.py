"""How email to many followers scales: publishing with followers, and a weekly digest run.

    python -m bench.participation [--followers 10000] [--deliveries 500] [--output FILE]

Needs DATABASE_URL pointing at a PostgreSQL database it may fill (it migrates it and
adds bench-* accounts, follows and sightings, removed again at the end). Measures, with
the production task queue (the database backend):

1. Publishing one sighting that `--followers` people follow, through the review page:
   the request's time (it only queues tasks), then the worker's fan-out task that
   queues one email per follower, its time and how far the peak memory grew.
2. The weekly digest (`send_digests`) for `--followers` weekly followers of a week with
   20 new sightings: its time and how far the process's peak memory grew, after the same
   run for a tenth as many people, to show memory stays flat as the number grows.
3. The worker sending `--deliveries` of the queued emails (`db_worker --batch` with a
   mail backend that accepts and discards), as emails per second.

Prints the figures and writes them as JSON to bench/results/participation-<time>.json.
"""

import argparse
import datetime
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PREFIX = "bench-follower-"
TARGET_PUBLISH_REQUEST_S = 1.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--deliveries", type=int, default=500, help="emails the worker sends")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    setup_django()

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    clean_up()
    try:
        results = {
            "load_average_at_start": os.getloadavg(),
            "followers": args.followers,
            "publish": measure_publish(args.followers),
            "digest": measure_digests(args.followers),
            "worker": measure_worker(args.deliveries),
        }
    finally:
        clean_up()
    results["load_average_at_end"] = os.getloadavg()
    report(results, args.output)


def setup_django():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench.participation needs DATABASE_URL set to a PostgreSQL database.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatory.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-never-used-in-production")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
    os.environ["OBSERVATORY_TASKS"] = "database"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.POSTING_LIMITS = dict.fromkeys(settings.POSTING_LIMITS)


def people(count, tag):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    User.objects.bulk_create(
        (
            User(
                username=f"{PREFIX}{tag}-{n}",
                email=f"{PREFIX}{tag}-{n}@example.org",
                first_name=f"Follower {n}",
                password="!",
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    return User.objects.filter(username__startswith=f"{PREFIX}{tag}-")


def follow_all(users, frequency, **target):
    from accounts.models import Follow

    Follow.objects.bulk_create(
        (
            Follow(user_id=pk, frequency=frequency, **target)
            for pk in users.values_list("pk", flat=True)
        ),
        batch_size=2000,
    )


def measure_publish(followers):
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse
    from django_tasks_db.models import DBTaskResult

    from accounts.roles import CONVENORS_GROUP
    from sightings.alerts import tell_followers
    from sightings.models import Shift, Sighting

    shift = Shift.objects.get(slug="me-to-we")
    follow_all(people(followers, "now"), "immediate", shift=shift)
    convenor = people(1, "convenor").get()
    convenor.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    author = people(1, "author").get()
    sighting = bench_sighting(author, Sighting.Status.SUBMITTED, "Published to many")
    sighting.shifts.set([shift])

    client = Client()
    client.force_login(convenor)
    # The first request of a process loads the URL configuration and compiles templates.
    client.get(reverse("review:sighting", kwargs={"pk": sighting.pk}))
    queued_before = DBTaskResult.objects.count()
    started = time.perf_counter()
    response = client.post(
        reverse("review:sighting", kwargs={"pk": sighting.pk}),
        {"decision": "publish", "shifts": [shift.pk], "direction": "forward", "themes": ""},
    )
    request_s = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    queued_by_request = DBTaskResult.objects.count() - queued_before

    fan_out = DBTaskResult.objects.get(task_path="sightings.alerts.tell_followers")
    rss_before = peak_rss_mib()
    started, cpu_started = time.perf_counter(), time.process_time()
    sent = tell_followers.call(*fan_out.args_kwargs["args"])
    fan_out_s = time.perf_counter() - started
    fan_out_cpu = time.process_time() - cpu_started
    peak = peak_rss_mib() - rss_before
    fan_out.delete()
    return {
        "request_seconds": round(request_s, 3),
        "tasks_queued_by_request": queued_by_request,
        "fan_out_seconds": round(fan_out_s, 2),
        "fan_out_python_cpu_seconds": round(fan_out_cpu, 2),
        "emails_queued_by_fan_out": sent,
        "fan_out_peak_rss_growth_mib": round(peak, 1),
        "target_request_seconds": TARGET_PUBLISH_REQUEST_S,
    }


def peak_rss_mib():
    """The process's peak resident memory so far: growth across a run is its own peak."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_sighting(author, status, title, **fields):
    from django.utils import timezone

    from sightings.models import Sighting

    now = timezone.now()
    return Sighting.objects.create(
        author=author,
        title=title,
        summary="A measured sighting.",
        story="Neighbours kept the lunch club going.",
        place="Hackney, London",
        date_observed=now.date() - datetime.timedelta(days=3),
        setting=Sighting.Setting.NEIGHBOURHOOD,
        consent=True,
        status=status,
        submitted_at=now,
        **fields,
    )


def measure_digests(followers):
    from django.utils import timezone

    from following.digests import send_digests
    from sightings.models import Shift, Sighting

    shift = Shift.objects.get(slug="doubting-to-trusting")
    author = people(1, "digest-author").get()
    now = timezone.now()
    for n in range(20):
        sighting = bench_sighting(
            author,
            Sighting.Status.PUBLISHED,
            f"Digest item {n}",
            published_at=now - datetime.timedelta(hours=n + 1),
        )
        sighting.shifts.set([shift])
    runs = {}
    for size in sorted({max(followers // 10, 1), followers}):
        follow_all(people(size, f"weekly{size}"), "weekly", shift=shift)
        rss_before = peak_rss_mib()
        started, cpu_started = time.perf_counter(), time.process_time()
        queued = send_digests(now=now)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        peak = peak_rss_mib() - rss_before
        runs[size] = {
            "digests_queued": queued,
            "seconds": round(seconds, 2),
            "python_cpu_seconds": round(cpu, 2),
            "per_digest_ms": round(seconds / max(queued, 1) * 1000, 2),
            "peak_rss_growth_mib": round(peak, 1),
        }
    return runs


def measure_worker(deliveries):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path="outbox.tasks.deliver", status="READY")
    keep = set(waiting.order_by("enqueued_at").values_list("pk", flat=True)[:deliveries])
    waiting.exclude(pk__in=keep).delete()
    started = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    seconds = time.perf_counter() - started
    done = DBTaskResult.objects.filter(pk__in=keep, status="SUCCESSFUL").count()
    return {
        "emails_sent": done,
        "seconds": round(seconds, 2),
        "emails_per_second": round(done / seconds, 1) if seconds else None,
    }


def clean_up():
    from django.contrib.auth import get_user_model
    from django_tasks_db.models import DBTaskResult

    from sightings.models import Sighting

    Sighting.objects.filter(author__username__startswith=PREFIX).delete()
    get_user_model().objects.filter(username__startswith=PREFIX).delete()
    DBTaskResult.objects.all().delete()


def report(results, output):
    publish, digest, worker = results["publish"], results["digest"], results["worker"]
    print(f"Followers: {results['followers']:,}")
    print(
        f"Publishing: request {publish['request_seconds']} s "
        f"({publish['tasks_queued_by_request']} tasks queued; target < "
        f"{publish['target_request_seconds']} s); fan-out task {publish['fan_out_seconds']} s "
        f"({publish['fan_out_python_cpu_seconds']} s of Python CPU) "
        f"queuing {publish['emails_queued_by_fan_out']:,} emails, peak memory grew "
        f"{publish['fan_out_peak_rss_growth_mib']} MiB"
    )
    for size, run in digest.items():
        print(
            f"Digest for {size:,} people: {run['seconds']} s ({run['per_digest_ms']} ms each, "
            f"{run['python_cpu_seconds']} s of Python CPU), "
            f"{run['digests_queued']:,} queued, peak memory grew {run['peak_rss_growth_mib']} MiB"
        )
    print(
        f"Worker: {worker['emails_sent']} emails in {worker['seconds']} s "
        f"({worker['emails_per_second']} a second)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = output or RESULTS / f"participation-{stamp}.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Written to {path}")


if __name__ == "__main__":
    main()
