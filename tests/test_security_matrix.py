"""Who may reach what: every address × every role (README.md, "What it does").

The table is the contract. A new address added to the URL configuration without a row
here makes `test_every_address_has_a_row` fail, so no page escapes the matrix.

Expected statuses follow one rule: 404 where the object is not public (a draft is never
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
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.follows import unsubscribe_token
from accounts.models import Follow
from accounts.roles import CONVENORS_GROUP
from sightings.models import Echo, Shift, Sighting
from tests.factories import (
    PASSWORD,
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)

ROLES = ["visitor", "practitioner", "author", "convenor", "other_convenor", "staff"]


@dataclass
class World:
    """One of everything a row can point at, and one user for each role."""

    users: dict
    objects: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # role -> session key, signed in once


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
        author=author,
        submitted=True,
        title="Nurses plan rotas",
        themes=["rota sharing"],
        place="Ward Seven",
    )
    for linked in (published, submitted):
        linked.match_place()
        linked.save()
    objects = {
        "published": published,
        "submitted": submitted,
        "cell": cell,
        "closed_cell": CellFactory(
            name="Closed cell", is_active=False, convenors=[users["convenor"]]
        ),
        "published_note": CellNoteFactory(
            cell=cell,
            published=True,
            sightings=[published],
            next_meeting=timezone.now() + timedelta(days=14),
        ),
        "draft_note": CellNoteFactory(cell=cell, title="Notes still being written"),
    }
    for status in ["draft", "returned", "declined", "withdrawn"]:
        objects[status] = SightingFactory(
            author=author, status=status, title=f"A {status} sighting", feedback="Say where."
        )
    objects["follow_up"] = FollowUpFactory(sighting=published, author=author)
    objects["hidden_follow_up"] = FollowUpFactory(sighting=published, author=author)
    objects["hidden_follow_up"].hide(by=users["convenor"], reason="Posted twice.")
    objects["draft_follow_up"] = FollowUpFactory(sighting=objects["draft"], author=author)
    objects["echo"] = Echo.objects.create(
        sighting=published, author=users["practitioner"], place="Leeds"
    )
    objects["follow"] = Follow.objects.create(
        user=users["practitioner"], shift=Shift.objects.get(slug="me-to-we")
    )
    return World(users=users, objects=objects, sessions=signed_in_sessions(users))


def signed_in_sessions(users):
    sessions = {}
    for role, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


@dataclass
class Row:
    """One address, how to build it from the world, and what each role gets."""

    id: str
    name: str
    kwargs: object = None  # a function of the world's objects, or None
    expect: tuple = ()
    method: str = "get"
    data: dict = field(default_factory=dict)  # what a POST sends

    def url(self, objects):
        return reverse(self.name, kwargs=self.kwargs(objects) if self.kwargs else None)


def every(status):
    return (status,) * len(ROLES)


def sighting(state):
    return lambda o: {"slug": o[state].slug}


def sighting_pk(state):
    return lambda o: {"pk": o[state].pk}


def follow_up(name):
    return lambda o: {"slug": o[name].sighting.slug, "pk": o[name].pk}


def note(state):
    return lambda o: {"slug": o["cell"].slug, "note_slug": o[state].slug}


def cell(name="cell"):
    return lambda o: {"slug": o[name].slug}


#             visitor practitioner author convenor other_convenor staff
NOT_PUBLIC = (404, 404, 200, 200, 200, 200)
AUTHOR_ONLY = (404, 404, 200, 404, 404, 404)
CELL_DRAFT = (404, 404, 404, 200, 404, 200)
SIGNED_IN_REDIRECTED = (200, 302, 302, 302, 302, 302)
ACCOUNT = (302, 200, 200, 200, 200, 200)
CONVENORS = (302, 403, 403, 200, 200, 200)
THIS_CELLS_CONVENORS = (302, 403, 403, 200, 403, 200)
THIS_CELLS_CONVENORS_DRAFT = (302, 404, 404, 200, 404, 200)

ROWS = [
    Row("home", "home", expect=every(200)),
    Row("healthz", "healthz", expect=every(200)),
    Row("robots", "robots-txt", expect=every(200)),
    Row("sitemap", "sitemap", expect=every(200)),
    Row("sitemap-sightings", "sitemap-section", lambda o: {"section": "sightings"}, every(200)),
    Row("sitemap-notes", "sitemap-section", lambda o: {"section": "notes"}, every(200)),
    Row("sitemap-unknown", "sitemap-section", lambda o: {"section": "drafts"}, every(404)),
    # --- The language switch: a POST from the header's form, for everyone.
    Row("set-language", "set-language", expect=every(405)),
    Row(
        "set-language-post",
        "set-language",
        method="post",
        data={"language": "cy", "next": "/"},
        expect=every(302),
    ),
    # --- Accounts.
    Row("login", "accounts:login", expect=SIGNED_IN_REDIRECTED),
    Row("login-post", "accounts:login", method="post", expect=(200, *(302,) * 5)),
    Row("signup", "accounts:signup", expect=SIGNED_IN_REDIRECTED),
    Row("signup-post", "accounts:signup", method="post", expect=SIGNED_IN_REDIRECTED),
    Row("password-change", "accounts:password-change", expect=ACCOUNT),
    Row("my-settings", "me:settings", expect=ACCOUNT),
    Row("my-settings-post", "me:settings", expect=ACCOUNT, method="post"),
    Row("my-data", "privacy:data", expect=ACCOUNT),
    Row("my-data-post", "privacy:data", expect=(302, *(405,) * 5), method="post"),
    # Closing an account (a wrong password here): a cell's convenor and the last
    # administrator are refused whatever they send.
    Row("close-account", "privacy:delete", expect=ACCOUNT),
    Row(
        "close-account-post",
        "privacy:delete",
        expect=(302, 200, 200, 403, 403, 403),
        method="post",
    ),
    Row("password-change-post", "accounts:password-change", method="post", expect=ACCOUNT),
    Row("password-change-done", "accounts:password-change-done", expect=ACCOUNT),
    Row("password-reset", "accounts:password-reset", expect=every(200)),
    Row("password-reset-post", "accounts:password-reset", method="post", expect=every(200)),
    Row("password-reset-done", "accounts:password-reset-done", expect=every(200)),
    # A link that is not a real reset link shows the page that says so, to anyone.
    Row(
        "password-reset-bad-link",
        "accounts:password-reset-confirm",
        lambda o: {"uidb64": "MQ", "token": "not-a-token"},
        expect=every(200),
    ),
    Row(
        "password-reset-bad-link-post",
        "accounts:password-reset-confirm",
        lambda o: {"uidb64": "MQ", "token": "not-a-token"},
        method="post",
        expect=every(200),
    ),
    Row("password-reset-complete", "accounts:password-reset-complete", expect=every(200)),
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
        "sighting-draft",
        "sightings:detail",
        sighting("draft"),
        AUTHOR_ONLY,
    ),
    Row("sighting-returned", "sightings:detail", sighting("returned"), NOT_PUBLIC),
    Row("sighting-declined", "sightings:detail", sighting("declined"), NOT_PUBLIC),
    Row(
        "sighting-withdrawn",
        "sightings:detail",
        sighting("withdrawn"),
        AUTHOR_ONLY,
    ),
    Row(
        "sighting-unknown",
        "sightings:detail",
        lambda o: {"slug": "no-such-sighting"},
        expect=every(404),
    ),
    # --- The read API: published data alike for everyone, whoever is signed in.
    Row("api-index", "api-index", expect=every(200)),
    Row("api-openapi", "api:openapi", expect=every(200)),
    Row("api-sightings", "api:sightings", expect=every(200)),
    Row("api-sightings-post", "api:sightings", method="post", expect=every(405)),
    Row("api-sighting-published", "api:sighting", sighting_pk("published"), every(200)),
    *(
        Row(f"api-sighting-{state}", "api:sighting", sighting_pk(state), every(404))
        for state in ["draft", "submitted", "returned", "declined", "withdrawn"]
    ),
    Row("api-shifts", "api:shifts", expect=every(200)),
    Row("api-themes", "api:themes", expect=every(200)),
    Row("api-places", "api:places", expect=every(200)),
    Row("api-cells", "api:cells", expect=every(200)),
    Row("api-cell-notes", "api:cell-notes", cell(), every(200)),
    Row("api-insights", "api:insights", expect=every(200)),
    Row("api-not-found", "api:not-found", lambda o: {"rest": "nothing-here/"}, every(404)),
    Row("embed-sightings", "embed-sightings", expect=every(200)),
    # --- Open data: public, read-only.
    Row("feed", "sightings:feed", expect=every(200)),
    Row("export-csv", "sightings:export-csv", expect=every(200)),
    Row("export-csv-post", "sightings:export-csv", method="post", expect=every(405)),
    Row("export-json", "sightings:export-json", expect=every(200)),
    Row("export-json-post", "sightings:export-json", method="post", expect=every(405)),
    Row("open-data", "sightings:open-data", expect=every(200)),
    Row("insights", "sightings:insights", expect=every(200)),
    Row(
        "insight-csv",
        "sightings:insight-csv",
        lambda o: {"slug": "shifts-by-setting"},
        expect=every(200),
    ),
    Row(
        "insight-csv-unknown",
        "sightings:insight-csv",
        lambda o: {"slug": "no-such-chart"},
        expect=every(404),
    ),
    Row(
        "insight-csv-post",
        "sightings:insight-csv",
        lambda o: {"slug": "shifts-by-setting"},
        method="post",
        expect=every(405),
    ),
    # --- Writing: an account for anything; the author alone edits (draft or returned)
    # and withdraws; another's sighting that is not public is 404, a public one 403.
    Row("my-sightings", "sightings:mine", expect=ACCOUNT),
    Row("new", "sightings:new", expect=ACCOUNT),
    Row("new-post", "sightings:new", method="post", expect=ACCOUNT),
    Row(
        "edit-draft",
        "sightings:edit",
        sighting("draft"),
        (302, 404, 200, 404, 404, 404),
    ),
    Row(
        "edit-draft-post",
        "sightings:edit",
        sighting("draft"),
        (302, 404, 200, 404, 404, 404),
        method="post",
    ),
    Row("edit-submitted", "sightings:edit", sighting("submitted"), (302, 404, 403, 403, 403, 403)),
    Row(
        "edit-submitted-post",
        "sightings:edit",
        sighting("submitted"),
        (302, 404, 403, 403, 403, 403),
        method="post",
    ),
    Row("edit-returned", "sightings:edit", sighting("returned"), (302, 404, 200, 403, 403, 403)),
    Row(
        "edit-returned-post",
        "sightings:edit",
        sighting("returned"),
        (302, 404, 200, 403, 403, 403),
        method="post",
    ),
    Row("edit-published", "sightings:edit", sighting("published"), (302, 403, 403, 403, 403, 403)),
    Row(
        "edit-published-post",
        "sightings:edit",
        sighting("published"),
        (302, 403, 403, 403, 403, 403),
        method="post",
    ),
    Row("edit-declined", "sightings:edit", sighting("declined"), (302, 404, 403, 403, 403, 403)),
    Row(
        "edit-withdrawn",
        "sightings:edit",
        sighting("withdrawn"),
        (302, 404, 403, 404, 404, 404),
    ),
    Row(
        "edit-unknown",
        "sightings:edit",
        lambda o: {"slug": "no-such-sighting"},
        (302, 404, 404, 404, 404, 404),
    ),
    Row(
        "withdraw-draft",
        "sightings:withdraw",
        sighting("draft"),
        (302, 404, 200, 404, 404, 404),
    ),
    Row(
        "withdraw-draft-post",
        "sightings:withdraw",
        sighting("draft"),
        (302, 404, 302, 404, 404, 404),
        method="post",
    ),
    Row(
        "withdraw-submitted",
        "sightings:withdraw",
        sighting("submitted"),
        (302, 404, 200, 403, 403, 403),
    ),
    Row(
        "withdraw-submitted-post",
        "sightings:withdraw",
        sighting("submitted"),
        (302, 404, 302, 403, 403, 403),
        method="post",
    ),
    Row(
        "withdraw-returned",
        "sightings:withdraw",
        sighting("returned"),
        (302, 404, 200, 403, 403, 403),
    ),
    Row(
        "withdraw-published",
        "sightings:withdraw",
        sighting("published"),
        (302, 403, 200, 403, 403, 403),
    ),
    Row(
        "withdraw-published-post",
        "sightings:withdraw",
        sighting("published"),
        (302, 403, 302, 403, 403, 403),
        method="post",
    ),
    # Already withdrawn: the author is sent back to My sightings with a message.
    Row(
        "withdraw-withdrawn",
        "sightings:withdraw",
        sighting("withdrawn"),
        (302, 404, 302, 404, 404, 404),
    ),
    # A follow-up is for a published sighting, by its author or a convenor.
    Row(
        "follow-up-published",
        "sightings:follow-up",
        sighting("published"),
        (302, 403, 200, 200, 200, 200),
    ),
    Row(
        "follow-up-published-post",
        "sightings:follow-up",
        sighting("published"),
        (302, 403, 200, 200, 200, 200),
        method="post",
    ),
    Row(
        "follow-up-submitted",
        "sightings:follow-up",
        sighting("submitted"),
        (302, 404, 403, 403, 403, 403),
    ),
    Row(
        "follow-up-draft",
        "sightings:follow-up",
        sighting("draft"),
        (302, 404, 403, 404, 404, 404),
    ),
    Row("paper-form", "sightings:paper", expect=every(200)),
    Row("import-template", "sightings:import-template", expect=every(200)),
    # Convenors hide follow-ups and show them again; the address names the sighting.
    Row("follow-up-hide", "sightings:follow-up-hide", follow_up("follow_up"), CONVENORS),
    Row(
        "follow-up-hide-post",
        "sightings:follow-up-hide",
        follow_up("follow_up"),
        CONVENORS,
        method="post",
    ),
    Row(
        "follow-up-hide-draft",
        "sightings:follow-up-hide",
        follow_up("draft_follow_up"),
        (302, 404, 403, 404, 404, 404),
    ),
    Row(
        "follow-up-show",
        "sightings:follow-up-show",
        follow_up("hidden_follow_up"),
        (302, *(405,) * 5),
    ),
    Row(
        "follow-up-show-post",
        "sightings:follow-up-show",
        follow_up("hidden_follow_up"),
        (302, 403, 403, 302, 302, 302),
        method="post",
    ),
    # "Seen this too": anyone signed in but the author, on a published sighting only.
    Row("seen-too", "sightings:seen-too", sighting("published"), (302, 200, 403, 200, 200, 200)),
    Row(
        "seen-too-post",
        "sightings:seen-too",
        sighting("published"),
        (302, 302, 403, 302, 302, 302),
        method="post",
        data={"place": "Leeds"},
    ),
    Row(
        "seen-too-submitted",
        "sightings:seen-too",
        sighting("submitted"),
        (302, 404, 404, 404, 404, 404),
    ),
    Row(
        "seen-too-delete",
        "sightings:seen-too-delete",
        sighting("published"),
        (302, *(405,) * 5),
    ),
    Row(
        "seen-too-delete-post",
        "sightings:seen-too-delete",
        sighting("published"),
        (302, *(302,) * 5),
        method="post",
    ),
    Row(
        "seen-too-hide",
        "sightings:seen-too-hide",
        lambda o: {"slug": o["published"].slug, "pk": o["echo"].pk},
        CONVENORS,
    ),
    Row(
        "seen-too-hide-post",
        "sightings:seen-too-hide",
        lambda o: {"slug": o["published"].slug, "pk": o["echo"].pk},
        (302, 403, 403, 302, 302, 302),
        method="post",
        data={"reason": "Names someone."},
    ),
    Row("reminders", "sightings:reminders", sighting("published"), (302, *(405,) * 5)),
    Row(
        "reminders-post",
        "sightings:reminders",
        sighting("published"),
        (302, 403, 302, 403, 403, 403),
        method="post",
    ),
    Row(
        "reminders-post-draft",
        "sightings:reminders",
        sighting("draft"),
        (302, 404, 302, 404, 404, 404),
        method="post",
    ),
    # Following: each person's own follows; unsubscribing needs only the signed link.
    Row("following", "following:list", expect=ACCOUNT),
    Row("follow", "following:follow", expect=(302, *(405,) * 5)),
    Row(
        "follow-post",
        "following:follow",
        expect=(302, *(302,) * 5),
        method="post",
        data={"kind": "theme", "slug": "mutual-aid"},
    ),
    Row(
        "follow-post-unknown",
        "following:follow",
        expect=(302, *(404,) * 5),
        method="post",
        data={"kind": "place", "slug": "atlantis"},
    ),
    Row(
        "follow-change-post",
        "following:change",
        lambda o: {"pk": o["follow"].pk},
        (302, 302, 404, 404, 404, 404),
        method="post",
        data={"frequency": "weekly"},
    ),
    Row(
        "follow-stop-post",
        "following:stop",
        lambda o: {"pk": o["follow"].pk},
        (302, 302, 404, 404, 404, 404),
        method="post",
    ),
    Row(
        "unsubscribe",
        "following:unsubscribe",
        lambda o: {"token": unsubscribe_token(o["follow"])},
        every(200),
    ),
    Row(
        "unsubscribe-forged",
        "following:unsubscribe",
        lambda o: {"token": unsubscribe_token(o["follow"])[:-2]},
        every(400),
        method="post",
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
    Row("place-list", "sightings:place-list", expect=every(200)),
    Row(
        "place-published",
        "sightings:place-detail",
        lambda o: {"slug": o["published"].place_ref.slug},
        expect=every(200),
    ),
    # A place only an unpublished sighting names is not public yet, for anyone.
    Row(
        "place-unpublished",
        "sightings:place-detail",
        lambda o: {"slug": "ward-seven"},
        expect=every(404),
    ),
    Row(
        "place-unknown",
        "sightings:place-detail",
        lambda o: {"slug": "no-such-place"},
        expect=every(404),
    ),
    Row("cell-list", "cells:list", expect=every(200)),
    Row("cell", "cells:detail", lambda o: {"slug": o["cell"].slug}, expect=every(200)),
    Row("cell-unknown", "cells:detail", lambda o: {"slug": "no-such-cell"}, expect=every(404)),
    Row("cell-feed", "cells:feed", cell(), every(200)),
    Row("cell-feed-unknown", "cells:feed", lambda o: {"slug": "no-such-cell"}, every(404)),
    Row("next-meeting", "cells:next-meeting-ics", cell(), every(200)),
    Row("next-meeting-post", "cells:next-meeting-ics", cell(), every(405), method="post"),
    # A cell with no meeting arranged has no calendar file.
    Row("next-meeting-none", "cells:next-meeting-ics", cell("closed_cell"), every(404)),
    Row("note-create", "cells:note-create", cell(), THIS_CELLS_CONVENORS),
    Row("note-create-post", "cells:note-create", cell(), THIS_CELLS_CONVENORS, method="post"),
    # A closed cell takes no new notes: its convenors are sent back to it.
    Row(
        "note-create-closed",
        "cells:note-create",
        cell("closed_cell"),
        (302, 403, 403, 302, 403, 302),
    ),
    Row(
        "note-create-unknown",
        "cells:note-create",
        lambda o: {"slug": "no-such-cell"},
        (302, 404, 404, 404, 404, 404),
    ),
    Row("note-edit-published", "cells:note-edit", note("published_note"), THIS_CELLS_CONVENORS),
    Row(
        "note-edit-published-post",
        "cells:note-edit",
        note("published_note"),
        THIS_CELLS_CONVENORS,
        method="post",
    ),
    Row("note-edit-draft", "cells:note-edit", note("draft_note"), THIS_CELLS_CONVENORS_DRAFT),
    Row(
        "note-edit-draft-post",
        "cells:note-edit",
        note("draft_note"),
        THIS_CELLS_CONVENORS_DRAFT,
        method="post",
    ),
    Row(
        "note-edit-unknown",
        "cells:note-edit",
        lambda o: {"slug": o["cell"].slug, "note_slug": "no-such-note"},
        (302, 404, 404, 404, 404, 404),
    ),
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
    # --- Review: the Convenors group and staff, whichever cell they convene.
    Row("review-queue", "review:queue", expect=CONVENORS),
    Row("review-themes", "review:themes", expect=CONVENORS),
    Row("review-themes-post", "review:themes", expect=CONVENORS, method="post"),
    Row("review-places", "review:places", expect=CONVENORS),
    Row("review-places-post", "review:places", expect=CONVENORS, method="post"),
    Row("review-on-behalf", "review:on-behalf", expect=CONVENORS),
    Row("review-on-behalf-post", "review:on-behalf", expect=CONVENORS, method="post"),
    Row("review-import", "review:import", expect=CONVENORS),
    Row("review-import-post", "review:import", expect=CONVENORS, method="post"),
    # Importing is a POST from the checked file's page; with nothing checked, back there.
    Row("review-import-confirm", "review:import-confirm", expect=(302, 403, 403, 405, 405, 405)),
    Row(
        "review-import-confirm-post",
        "review:import-confirm",
        expect=(302, 403, 403, 302, 302, 302),
        method="post",
    ),
    Row("review-submitted", "review:sighting", sighting_pk("submitted"), CONVENORS),
    Row(
        "review-submitted-post",
        "review:sighting",
        sighting_pk("submitted"),
        CONVENORS,
        method="post",
    ),
    Row("review-returned", "review:sighting", sighting_pk("returned"), CONVENORS),
    Row("review-declined", "review:sighting", sighting_pk("declined"), CONVENORS),
    Row("review-published", "review:sighting", sighting_pk("published"), CONVENORS),
    # Nothing to decide once decided: the convenor is sent back to the page.
    Row(
        "review-published-post",
        "review:sighting",
        sighting_pk("published"),
        (302, 403, 403, 302, 302, 302),
        method="post",
    ),
    Row(
        "review-draft",
        "review:sighting",
        sighting_pk("draft"),
        (302, 403, 403, 404, 404, 404),
    ),
    Row(
        "review-withdrawn",
        "review:sighting",
        sighting_pk("withdrawn"),
        (302, 403, 403, 404, 404, 404),
    ),
    Row(
        "review-unknown",
        "review:sighting",
        lambda o: {"pk": 999999},
        (302, 403, 403, 404, 404, 404),
    ),
    # A number too big for the database, or none that could exist: 404, not an error.
    Row(
        "review-impossible",
        "review:sighting",
        lambda o: {"pk": 99999999999999999999},
        (302, 403, 403, 404, 404, 404),
    ),
    Row("review-zero", "review:sighting", lambda o: {"pk": 0}, (302, 403, 403, 404, 404, 404)),
]


def cases():
    for row in ROWS:
        assert len(row.expect) == len(ROLES), row.id
        for role, status in zip(ROLES, row.expect, strict=True):
            yield pytest.param(row, role, status, id=f"{row.id}-{role}")


def client_for(world, role, **kwargs):
    client = Client(**kwargs)
    if role in world.sessions:
        # A session made once for the module: each case's savepoint undoes any change.
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


@pytest.mark.parametrize(("row", "role", "status"), list(cases()))
def test_address_gives_each_role_the_status_its_row_says(world, row, role, status):
    client = client_for(world, role)
    url = row.url(world.objects)
    response = client.post(url, row.data) if row.method == "post" else client.get(url)
    assert response.status_code == status
    if status == 302 and role == "visitor" and row.name != "set-language":
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


# People the six roles leave out get what one of the six gets: staff who are neither
# superusers nor in the Convenors group get what staff get; a cell's convenor outside
# the group gets what its convenor gets at its notes, and another cell's convenor
# outside the group what a practitioner gets.
SUBMISSION_ROWS = [
    "new",
    "my-sightings",
    "password-change",
    *(f"sighting-{state}" for state in ["draft", "submitted", "published"]),
    *(f"edit-{state}" for state in ["draft", "returned", "submitted", "published", "unknown"]),
    "withdraw-draft",
    "withdraw-published",
    "follow-up-published",
    "follow-up-draft",
    "review-queue",
    "review-submitted",
    "review-draft",
    "review-unknown",
    "review-themes",
]
NOTE_ROWS = [
    "note-create",
    "note-edit-draft",
    "note-edit-published",
    "note-draft",
    "note-published",
]
STANDS_IN_FOR = [
    ("staff outside the group", "staff", SUBMISSION_ROWS),
    ("this cell's convenor outside the group", "convenor", NOTE_ROWS),
    ("another cell's convenor outside the group", "practitioner", NOTE_ROWS),
]
ROWS_BY_ID = {row.id: row for row in ROWS}


def person(world, kind):
    if kind == "staff outside the group":
        return UserFactory(username="staff-only", is_staff=True)
    user = UserFactory(username="cell-convenor-only")
    cell = world.objects["cell"] if kind.startswith("this") else CellFactory(name="Another")
    cell.convenors.add(user)
    return user


@pytest.mark.parametrize(
    ("kind", "role", "row_id"),
    [
        pytest.param(kind, role, row_id, id=f"{row_id}-{kind}")
        for kind, role, row_ids in STANDS_IN_FOR
        for row_id in row_ids
    ],
)
def test_people_outside_the_six_roles_get_what_their_like_gets(world, kind, role, row_id):
    row = ROWS_BY_ID[row_id]
    client = Client()
    client.force_login(person(world, kind))
    response = client.get(row.url(world.objects))
    assert response.status_code == row.expect[ROLES.index(role)]


# Whether a convenor sees a sighting, at its page and at its review page, by status.
SHOWN_TO_CONVENORS = {"submitted", "published", "returned", "declined"}


@pytest.mark.parametrize("status", list(Sighting.Status))
def test_convenors_see_only_what_was_put_before_them(world, status):
    sighting = SightingFactory(author=world.users["author"], status=status)
    client = client_for(world, "convenor")
    shown = status in SHOWN_TO_CONVENORS

    detail = client.get(sighting.get_absolute_url())
    review = client.get(reverse("review:sighting", kwargs={"pk": sighting.pk}))

    assert detail.status_code == (200 if shown else 404)
    assert review.status_code == (200 if shown else 404)


def test_a_visitor_is_sent_to_sign_in_and_back(world):
    url = reverse("cells:note-create", kwargs={"slug": world.objects["cell"].slug})
    response = client_for(world, "visitor").get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={url}"


@pytest.mark.parametrize("role", ["visitor", "practitioner", "author", "other_convenor"])
def test_only_the_cells_convenors_can_post_a_note(world, role):
    cell, draft = world.objects["cell"], world.objects["draft_note"]
    published = world.objects["published_note"]
    client = client_for(world, role)
    data = {"title": "Sneaked in", "action": "save"}
    client.post(reverse("cells:note-create", kwargs={"slug": cell.slug}), data)
    client.post(published.get_edit_url(), {**data, "action": "save"})
    client.post(draft.get_edit_url(), {**data, "action": "publish"})
    assert not cell.notes.filter(title="Sneaked in").exists()
    draft.refresh_from_db()
    assert not draft.is_public


def test_another_practitioner_cannot_withdraw_by_post(world):
    client = client_for(world, "practitioner")
    published, draft = world.objects["published"], world.objects["draft"]
    assert client.post(f"/sightings/{published.slug}/withdraw/").status_code == 403
    assert client.post(f"/sightings/{draft.slug}/withdraw/").status_code == 404
    for sighting, status in [(published, "published"), (draft, "draft")]:
        sighting.refresh_from_db()
        assert sighting.status == status


def test_a_practitioner_cannot_decide_by_post(world):
    submitted = world.objects["submitted"]
    response = client_for(world, "author").post(
        f"/review/{submitted.pk}/", {"decision": "publish", "themes": ""}
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_visitor_posting_a_sighting_is_sent_to_sign_in_and_nothing_saved(world):
    response = client_for(world, "visitor").post(
        "/sightings/new/", {"title": "Sneaky", "action": "draft"}
    )
    assert response["Location"].startswith("/accounts/login/")
    assert not Sighting.objects.filter(title="Sneaky").exists()


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


# The ones that matter most, sent by the very person who may act, with everything the
# action needs except the token: nothing changes.
FORGED = [
    pytest.param(
        "author", "sightings:withdraw", sighting("submitted"), {}, "submitted", id="withdraw"
    ),
    pytest.param(
        "convenor",
        "review:sighting",
        sighting_pk("submitted"),
        {"decision": "publish", "shifts": [], "themes": "", "feedback": ""},
        "submitted",
        id="publish",
    ),
    pytest.param(
        "author",
        "sightings:edit",
        sighting("returned"),
        {"title": "Forged", "action": "submit"},
        "returned",
        id="resubmit",
    ),
    pytest.param(
        "author", "sightings:withdraw", sighting("draft"), {}, "draft", id="withdraw-draft"
    ),
    pytest.param(
        "author",
        "sightings:edit",
        sighting("draft"),
        {"title": "Forged", "action": "draft"},
        "draft",
        id="edit-draft",
    ),
    pytest.param(
        "staff",
        "review:sighting",
        sighting_pk("submitted"),
        {"decision": "decline", "feedback": "No.", "themes": ""},
        "submitted",
        id="decline",
    ),
]


@pytest.mark.parametrize(("role", "name", "kwargs", "data", "status"), FORGED)
def test_a_forged_post_from_the_person_who_may_act_changes_nothing(
    world, role, name, kwargs, data, status
):
    target = world.objects[status]
    client = client_for(world, role, enforce_csrf_checks=True)
    response = client.post(reverse(name, kwargs=kwargs(world.objects)), data)
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.status == status
    assert target.title != "Forged"


def test_opening_the_withdraw_page_withdraws_nothing(world):
    target = world.objects["published"]
    response = client_for(world, "author").get(
        reverse("sightings:withdraw", kwargs={"slug": target.slug})
    )
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.status == Sighting.Status.PUBLISHED


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
    # The JSON API reads only and uses no session: any POST is 405, with or without a token.
    if row.name in JSON_API:
        assert response.status_code == 405
    elif row.name in SIGNED_LINKS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


# One-click unsubscribing (RFC 8058) is posted by mail programs with no cookie and no
# token: the signature in its address is the proof, and it stops only the follow it names.
SIGNED_LINKS = {"following:unsubscribe"}
JSON_API = {"api:openapi", "api:sightings", "api:sighting", "api:shifts", "api:themes"}
JSON_API |= {"api:places", "api:cells", "api:cell-notes", "api:insights"}


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
