"""Who may reach what: every address × every role, as SPEC "People and what each may do" says.

The table is the contract. A new address added to the URL configuration without a row
here makes `test_every_address_has_a_row` fail, so no page escapes the matrix.

Expected statuses follow the SPEC: 404 where the object is not public (a draft is never
revealed), 403 where it is public but the role may not act, and a redirect to sign-in
for a visitor on a page that needs an account.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import CONVENORS_GROUP
from tests.factories import (
    PASSWORD,
    CellFactory,
    CellNoteFactory,
    SightingFactory,
    UserFactory,
)

ROLES = ["visitor", "practitioner", "author", "convenor", "other_convenor", "staff"]


@dataclass
class World:
    """One of everything a row can point at, and one user for each role."""

    users: dict
    objects: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction rolled back when the module ends.

    Each test runs in its own savepoint inside it (the `db` fixture), so nothing a test
    does reaches the next one, and the two hundred cases do not each rebuild the world.
    """
    fast_hashing = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), transaction.atomic(), fast_hashing:
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db):
    return shared_world


def build_world():
    convenors = Group.objects.get_or_create(name=CONVENORS_GROUP)[0]
    users = {
        "visitor": None,
        "practitioner": UserFactory(username="practitioner"),
        "author": UserFactory(username="author"),
        "convenor": UserFactory(username="convenor"),
        "other_convenor": UserFactory(username="other-convenor"),
        "staff": UserFactory(username="staff", is_staff=True, is_superuser=True),
    }
    for name in ["convenor", "other_convenor"]:
        users[name].groups.add(convenors)
    author = users["author"]
    cell = CellFactory(name="Changing practices", convenors=[users["convenor"]])
    CellFactory(name="Better ways to fund", convenors=[users["other_convenor"]])
    published = SightingFactory(
        author=author, published=True, title="Library lends time", themes=["mutual aid"]
    )
    submitted = SightingFactory(
        author=author, submitted=True, title="Nurses plan rotas", themes=["rota sharing"]
    )
    objects = {
        "published": published,
        "submitted": submitted,
        "cell": cell,
        "published_note": CellNoteFactory(cell=cell, published=True, sightings=[published]),
        "draft_note": CellNoteFactory(cell=cell, title="Notes still being written"),
    }
    return World(users=users, objects=objects)


def url_exists(name):
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


# The signed-in destination after sign-in (My sightings) arrives with the submission
# work; until then the redirect it leads to cannot be built.
NEEDS_MY_SIGHTINGS = pytest.mark.xfail(
    not url_exists(settings.LOGIN_REDIRECT_URL),
    reason="LOGIN_REDIRECT_URL is not routed on this branch yet",
    strict=True,
)


@dataclass
class Row:
    """One address, how to build it from the world, and what each role gets."""

    id: str
    name: str
    kwargs: object = None  # a function of the world's objects, or None
    method: str = "get"
    expect: tuple = ()
    marks: dict = field(default_factory=dict)  # role -> pytest mark

    def url(self, objects):
        return reverse(self.name, kwargs=self.kwargs(objects) if self.kwargs else None)


def every(status):
    return (status,) * len(ROLES)


#             visitor practitioner author convenor other_convenor staff
NOT_PUBLIC = (404, 404, 200, 200, 200, 200)
CELL_DRAFT = (404, 404, 404, 200, 404, 200)
SIGNED_IN_REDIRECTED = (200, 302, 302, 302, 302, 302)

ROWS = [
    Row("home", "home", expect=every(200)),
    Row("healthz", "healthz", expect=every(200)),
    Row("robots", "robots-txt", expect=every(200)),
    Row("sitemap", "sitemap", expect=every(200)),
    Row(
        "login",
        "accounts:login",
        expect=SIGNED_IN_REDIRECTED,
        marks=dict.fromkeys(ROLES[1:], NEEDS_MY_SIGHTINGS),
    ),
    Row("logout-by-get", "accounts:logout", expect=every(200)),
    Row("sighting-list", "sightings:list", expect=every(200)),
    Row(
        "sighting-published",
        "sightings:detail",
        lambda o: {"slug": o["published"].slug},
        expect=every(200),
    ),
    Row(
        "sighting-submitted",
        "sightings:detail",
        lambda o: {"slug": o["submitted"].slug},
        expect=NOT_PUBLIC,
    ),
    Row(
        "sighting-unknown",
        "sightings:detail",
        lambda o: {"slug": "no-such-sighting"},
        expect=every(404),
    ),
    Row("shift-list", "sightings:shift-list", expect=every(200)),
    Row("shift", "sightings:shift-detail", lambda o: {"slug": "me-to-we"}, expect=every(200)),
    Row(
        "shift-unknown",
        "sightings:shift-detail",
        lambda o: {"slug": "us-to-them"},
        expect=every(404),
    ),
    Row("theme-list", "sightings:theme-list", expect=every(200)),
    Row(
        "theme-published",
        "sightings:theme-detail",
        lambda o: {"slug": "mutual-aid"},
        expect=every(200),
    ),
    # A theme only an unpublished sighting carries is not public yet, for anyone.
    Row(
        "theme-unpublished",
        "sightings:theme-detail",
        lambda o: {"slug": "rota-sharing"},
        expect=every(404),
    ),
    Row("cell-list", "cells:list", expect=every(200)),
    Row("cell", "cells:detail", lambda o: {"slug": o["cell"].slug}, expect=every(200)),
    Row("cell-unknown", "cells:detail", lambda o: {"slug": "no-such-cell"}, expect=every(404)),
    Row(
        "note-published",
        "cells:note-detail",
        lambda o: {"slug": o["cell"].slug, "note_slug": o["published_note"].slug},
        expect=every(200),
    ),
    Row(
        "note-draft",
        "cells:note-detail",
        lambda o: {"slug": o["cell"].slug, "note_slug": o["draft_note"].slug},
        expect=CELL_DRAFT,
    ),
]


def cases():
    for row in ROWS:
        assert len(row.expect) == len(ROLES), row.id
        for role, status in zip(ROLES, row.expect, strict=True):
            marks = [row.marks[role]] if role in row.marks else []
            yield pytest.param(row, role, status, id=f"{row.id}-{role}", marks=marks)


def client_for(world, role, **kwargs):
    client = Client(**kwargs)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


@pytest.mark.parametrize(("row", "role", "status"), list(cases()))
def test_address_gives_each_role_the_status_the_spec_says(world, row, role, status):
    client = client_for(world, role)
    response = getattr(client, row.method)(row.url(world.objects))
    assert response.status_code == status
    if status == 302 and role == "visitor":
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def named_patterns(patterns, namespace=""):
    """Every route's full name (namespace:name), or its regex when it has none."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else f"unnamed {pattern.pattern}"


def test_every_address_has_a_row():
    routed = set(named_patterns(get_resolver().url_patterns))
    covered = {row.name for row in ROWS}
    missing = sorted(routed - covered)
    assert not missing, f"Add rows to ROWS in {__name__} for: {', '.join(missing)}"
    assert not covered - routed, "ROWS names an address that no longer exists"


# Addresses that change something: a GET must not, and neither may a forged POST.
STATE_CHANGING = [
    pytest.param("accounts:logout", None, id="logout"),
]


@pytest.mark.parametrize(("name", "kwargs"), STATE_CHANGING)
@pytest.mark.parametrize("role", ["practitioner", "staff"])
def test_state_changes_are_refused_by_get(world, name, kwargs, role):
    client = client_for(world, role)
    response = client.get(reverse(name, kwargs=kwargs))
    # A confirmation page that posts, or a refusal; either way nothing changed.
    assert response.status_code in (200, 405)
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(("name", "kwargs"), STATE_CHANGING)
@pytest.mark.parametrize("role", ["practitioner", "staff"])
def test_state_changes_are_refused_without_a_csrf_token(world, name, kwargs, role):
    client = client_for(world, role, enforce_csrf_checks=True)
    response = client.post(reverse(name, kwargs=kwargs))
    assert response.status_code == 403
    # Still signed in: the forged request changed nothing.
    assert "_auth_user_id" in client.session


def test_sign_out_with_its_csrf_token_signs_out(world):
    client = client_for(world, "practitioner", enforce_csrf_checks=True)
    client.get(reverse("home"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def unique_addresses():
    seen = set()
    for row in ROWS:
        if row.name not in seen:
            seen.add(row.name)
            yield pytest.param(row, id=row.id)


@pytest.mark.parametrize("row", list(unique_addresses()))
def test_no_address_accepts_a_post_without_a_csrf_token(world, row):
    client = client_for(world, "practitioner", enforce_csrf_checks=True)
    response = client.post(row.url(world.objects), {"title": "forged"})
    assert response.status_code == 403


def test_a_forged_sign_in_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:login"), {"username": "practitioner", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


# --- Redirects after sign-in stay on this site.

EVIL_NEXTS = [
    "https://evil.example",
    "https://evil.example/accounts/login/",
    "//evil.example",
    "/\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
]


@pytest.mark.parametrize("next_url", EVIL_NEXTS)
def test_sign_in_page_drops_a_next_address_on_another_site(client, next_url, db):
    response = client.get(reverse("accounts:login"), {"next": next_url})
    assert response.status_code == 200
    assert "evil.example" not in response.text
    assert "javascript:" not in response.text


@pytest.mark.parametrize("next_url", EVIL_NEXTS)
def test_signing_in_never_redirects_to_another_site(client, settings, world, next_url):
    # The default destination is not under test here, only that `next` is refused.
    settings.LOGIN_REDIRECT_URL = "/"
    response = client.post(
        reverse("accounts:login"),
        {"username": "practitioner", "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_signing_in_follows_a_next_address_on_this_site(client, world):
    response = client.post(
        reverse("accounts:login"),
        {"username": "practitioner", "password": PASSWORD, "next": "/cells/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/cells/"


# --- Sign-in lock-out.


def sign_in(client, password, username="practitioner"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, "next": "/"}
    )


def test_repeated_failed_sign_ins_lock_the_account_with_a_clear_message(client, world):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "wrong-password")
        assert response.status_code == 200
        assert "Signing in is paused" not in response.text
    response = sign_in(client, "wrong-password")
    assert response.status_code == 429
    assert "Signing in is paused" in response.text
    assert "15 minutes" in response.text

    # Even the right password is refused while the lock holds.
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The count is kept in the database, so every gunicorn worker and server shares it.
    assert AccessAttempt.objects.get(username="practitioner").failures_since_start >= (
        settings.AXES_FAILURE_LIMIT
    )


def test_the_lock_out_ends_by_itself_after_the_cool_off(client, world):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-password")
    assert sign_in(client, PASSWORD).status_code == 429

    # Let the cool-off pass, as the clock would.
    passed = settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= passed
        attempt.save(update_fields=["attempt_time"])

    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users["practitioner"].pk)


def test_a_lock_out_holds_for_that_account_only(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong-password")
    assert sign_in(client, PASSWORD).status_code == 429
    assert sign_in(client, PASSWORD, username="author").status_code == 302


# --- The admin is left out of the walk above (Django's own routes), but who reaches it
# is part of the contract: staff only.

ADMIN_ADDRESSES = [
    "admin:index",
    "admin:sightings_sighting_changelist",
    "admin:auth_user_changelist",
]


@pytest.mark.parametrize("name", ADMIN_ADDRESSES)
@pytest.mark.parametrize("role", ROLES)
def test_only_staff_reach_the_admin(world, name, role):
    response = client_for(world, role).get(reverse(name))
    if role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
