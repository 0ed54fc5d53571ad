"""gunicorn settings for the Observatory's image; each can be overridden from the environment."""

import os


def cpu_count():
    # The CPUs this process may run on, which in a container limited with cpusets is
    # fewer than the host has.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def env_int(name, default):
    # An empty variable (as compose passes one left unset) means the default.
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND") or "0.0.0.0:8000"
workers = env_int("GUNICORN_WORKERS", cpu_count() * 2 + 1)
threads = env_int("GUNICORN_THREADS", 1)
# Threaded workers, even with one thread each: a worker's main loop tells the arbiter it
# is alive while a request runs, so a long download (the open data of a million
# sightings streams for minutes) is not cut off at the timeout as a sync worker's is.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or "gthread"

# A worker silent for longer than this is stuck: it is killed and replaced.
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then so a slow leak never grows without bound; the jitter
# stops them all restarting at once.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# Logs go to stdout and stderr, where the container runtime collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL") or "info"

# The heartbeat file lives in memory, not on a possibly slow overlay filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The addresses of the TLS proxy whose X-Forwarded-* headers are believed.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS") or "127.0.0.1"

# Recent gunicorn versions open a control socket in $HOME, which the image's unprivileged
# user cannot write; nothing here uses it. Older versions ignore the setting.
control_socket_disable = True
