"""The production image and settings: what `docker build` and `check --deploy` rely on.

Docker itself is not available where the suite runs, so the Dockerfile's essentials are
checked as text; the gunicorn settings and the health check are run for real.
"""

import os
import re
import runpy
import secrets
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def dockerfile_stages():
    """The Dockerfile's instructions, split into its build stages, comments dropped."""
    text = (ROOT / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    stages = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, argument = line.partition(" ")
        if instruction.upper() == "FROM":
            stages.append([])
        stages[-1].append((instruction.upper(), argument.strip()))
    return stages


def arguments(stage, instruction):
    return [argument for name, argument in stage if name == instruction]


def test_dockerfile_builds_in_stages_and_ends_on_slim_python():
    stages = dockerfile_stages()
    assert len(stages) >= 2
    assert arguments(stages[0], "FROM")[0].endswith("AS builder")
    assert arguments(stages[-1], "FROM") == ["python:3.11-slim"]
    assert any("--from=builder" in copy for copy in arguments(stages[-1], "COPY"))


def test_dockerfile_runs_as_a_user_who_is_not_root():
    final = dockerfile_stages()[-1]
    users = arguments(final, "USER")
    assert users, "the final stage must switch to an unprivileged user"
    assert users[-1] not in {"root", "0", "0:0"}
    names = [name for name, _ in final]
    assert names.index("USER") > max(i for i, name in enumerate(names) if name == "RUN")


def test_dockerfile_collects_static_files_at_build_time_without_a_real_secret():
    runs = " ".join(arguments(dockerfile_stages()[-1], "RUN"))
    assert "manage.py collectstatic --noinput" in runs
    assert "DJANGO_SECRET_KEY=" in runs
    assert not any("SECRET_KEY" in env for env in arguments(dockerfile_stages()[-1], "ENV"))


def test_dockerfile_serves_with_gunicorn_and_checks_health():
    final = dockerfile_stages()[-1]
    command = arguments(final, "CMD")[-1]
    assert '"gunicorn"' in command
    assert '"gunicorn.conf.py"' in command
    assert "observatory.wsgi:application" in command
    healthcheck = arguments(final, "HEALTHCHECK")[-1]
    assert "scripts/healthcheck.py" in healthcheck
    assert "/healthz" in (ROOT / "scripts" / "healthcheck.py").read_text()
    assert arguments(final, "EXPOSE") == ["8000"]


def test_dockerignore_keeps_local_state_out_of_the_image():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "db.sqlite3", "staticfiles", "tests", ".env"} <= ignored


def test_compose_starts_postgresql_and_migrates_before_serving():
    compose = (ROOT / "compose.yaml").read_text()
    assert "image: postgres:16" in compose
    assert "condition: service_healthy" in compose
    migrate = compose.index("manage.py migrate --noinput")
    assert migrate < compose.index("exec gunicorn --config gunicorn.conf.py")
    assert "DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:?" in compose
    assert "REDIS_URL" in compose


def gunicorn_settings(monkeypatch, **environ):
    for name in [n for n in os.environ if n.startswith("GUNICORN_")]:
        monkeypatch.delenv(name)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_workers_follow_the_cpus_and_log_requests_to_stdout(monkeypatch):
    config = gunicorn_settings(monkeypatch)
    assert config["bind"] == "0.0.0.0:8000"
    assert config["workers"] == config["cpu_count"]() * 2 + 1
    assert config["timeout"] == 30
    assert config["accesslog"] == "-"


def test_gunicorn_settings_can_be_overridden_and_empty_means_default(monkeypatch):
    config = gunicorn_settings(monkeypatch, GUNICORN_WORKERS="3", GUNICORN_TIMEOUT="")
    assert config["workers"] == 3
    assert config["timeout"] == 30


class StatusServer(HTTPServer):
    """A stand-in for gunicorn answering /healthz with a fixed status."""

    def __init__(self, status):
        self.status = status
        self.hosts = []
        super().__init__(("127.0.0.1", 0), StatusHandler)


class StatusHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hosts.append((self.path, self.headers["Host"]))
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(("status", "exit_code"), [(200, 0), (503, 1)])
def test_health_check_script_passes_only_on_200(monkeypatch, status, exit_code):
    healthcheck = runpy.run_path(str(ROOT / "scripts" / "healthcheck.py"))
    server = StatusServer(status)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("HEALTHCHECK_PORT", str(server.server_port))
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", ".observatory.example.org,localhost")
    try:
        assert healthcheck["main"]() == exit_code
    finally:
        server.shutdown()
        server.server_close()
    assert server.hosts == [("/healthz", "observatory.example.org")]


def test_health_check_script_fails_when_nothing_answers(monkeypatch):
    healthcheck = runpy.run_path(str(ROOT / "scripts" / "healthcheck.py"))
    server = StatusServer(200)
    port = server.server_port
    server.server_close()
    monkeypatch.setenv("HEALTHCHECK_PORT", str(port))
    assert healthcheck["main"]() == 1


PRODUCTION = {
    "DEBUG": False,
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": ["observatory.example.org"],
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31536000,
}


def test_check_deploy_reports_nothing_with_production_settings(settings, capsys, monkeypatch):
    # Set by tests/conftest.py for Playwright; a deployment never has it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    for name, value in PRODUCTION.items():
        setattr(settings, name, value)
    # fail_level WARNING turns any warning into an error, so the call itself is the test.
    call_command("check", deploy=True, fail_level="WARNING")
    assert "no issues" in capsys.readouterr().out


def test_production_environment_turns_every_https_setting_on():
    """The settings module itself, read from a production-like environment in a fresh process."""
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environ |= {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "observatory.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_off_without_a_secret_key_refuses_to_start():
    environ = {n: v for n, v in os.environ.items() if not n.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def cache_backend(**environ):
    """The cache backend the settings choose, in a fresh process with this environment."""
    env = {n: v for n, v in os.environ.items() if n != "REDIS_URL"} | environ
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env=env | {"DJANGO_SETTINGS_MODULE": "observatory.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_cache_is_shared_by_every_worker_and_redis_url_moves_it_to_redis():
    # Rate limits and lock-outs must hold across gunicorn workers and servers, so the
    # cache is never per-process memory.
    assert cache_backend() == "core.caches.DatabaseCache"
    assert cache_backend(REDIS_URL="redis://cache.internal:6379/0") == "core.caches.RedisCache"
