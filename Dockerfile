# syntax=docker/dockerfile:1
# The Observatory's production image: gunicorn serves Django, whitenoise the static files.
# Build: docker build -t observatory .   Run: see compose.yaml and docs/operations.md.

# --- builder: install the dependencies into a virtual environment that the final
# image copies whole, so compilers and pip caches never reach it.
FROM python:3.11-slim AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /build
COPY pyproject.toml ./
# Only the runtime dependencies from pyproject.toml: the project itself is plain source
# copied into the final image, and the dev extra (test tools, browsers) stays out.
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && pip install --upgrade pip \
    && pip install -r requirements.txt

# --- final: the slim runtime with the venv, the source and the collected static files.
FROM python:3.11-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_DEBUG=0

RUN groupadd --system --gid 10001 observatory \
    && useradd --system --uid 10001 --gid observatory --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin observatory

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# The source stays owned by root: the process that serves it cannot change it.
COPY . .

# Hashed, compressed static files (observatory/storage.py) made once, at build time, and
# the Welsh translations compiled from their .po files with GNU gettext, which is removed
# again. The key only satisfies the settings' check; it signs nothing and is not in the
# final env.
RUN DJANGO_SECRET_KEY=collectstatic-only-build-key python manage.py collectstatic --noinput \
    && apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && DJANGO_SECRET_KEY=compilemessages-only-build-key python manage.py compilemessages \
    && apt-get purge -y --auto-remove gettext \
    && rm -rf /var/lib/apt/lists/*

USER observatory

EXPOSE 8000

# slim has no curl: the check is a few lines of Python against /healthz, which answers
# 503 when the database does not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "scripts/healthcheck.py"]

# The same image runs the worker that sends email and does other slow work, as its own
# process beside gunicorn (compose.yaml's "worker" service):
#   docker run ... observatory python manage.py db_worker --no-reload
# Without a worker, emails wait in the database queue; none is lost.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "observatory.wsgi:application"]
