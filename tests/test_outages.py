"""When the database cannot be reached: a friendly 503, and the site back by itself after."""

import time

import pytest
import requests
from django.db import OperationalError, connection
from django.test import Client

from tests.factories import SightingFactory
from tests.servers import Gunicorn, TcpProxy, database_url

FRIENDLY = "Back in a moment"


def unreachable(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/sightings/", "/themes/", "/cells/"])
def test_a_page_answers_503_with_retry_after_while_the_database_is_away(url):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(unreachable):
        response = client.get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert FRIENDLY in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_503_while_the_database_is_away(client):
    with connection.execute_wrapper(unreachable):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_a_programming_fault_is_still_a_500_not_an_outage():
    def broken(execute, sql, params, many, context):
        raise ZeroDivisionError

    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(broken):
        response = client.get("/sightings/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def get(url):
    return requests.get(url, timeout=20, allow_redirects=False)


@pytest.mark.django_db(transaction=True)
def test_a_live_server_answers_503_while_postgresql_is_cut_off_and_recovers_by_itself(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL reached over the network")
    sighting = SightingFactory(published=True)
    proxy = TcpProxy(connection.settings_dict["PORT"] or 5432).open()
    url = database_url(port=proxy.port)
    try:
        with Gunicorn(tmp_path, DATABASE_URL=url, DATABASE_CONN_MAX_AGE="60") as server:
            page = f"{server.url}{sighting.get_absolute_url()}"
            assert get(page).status_code == 200
            assert get(f"{server.url}/healthz").status_code == 200

            proxy.close()
            for address in (page, f"{server.url}/sightings/", f"{server.url}/healthz"):
                response = get(address)
                assert response.status_code == 503, address
                assert int(response.headers["Retry-After"]) > 0
            assert FRIENDLY in get(page).text

            proxy.open()
            # No restart: each worker drops its broken connection and opens a new one.
            deadline = time.monotonic() + 15
            while get(page).status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.5)
            for _ in range(4):
                assert get(page).status_code == 200
                assert get(f"{server.url}/healthz").status_code == 200
            assert "500 " not in server.log.read_text()
    finally:
        proxy.close()
