"""The container's health check: exit 0 when /healthz answers 200, 1 otherwise.

It asks with a host name the site accepts (the first of DJANGO_ALLOWED_HOSTS), since
any other is refused with 400 before the view runs.
"""

import os
import sys
import urllib.request


def allowed_host():
    hosts = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")]
    for host in hosts:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def main():
    port = os.environ.get("HEALTHCHECK_PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": allowed_host()}
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
