"""Who may reach a cell's note addresses: each role, for its own cell and another."""

import pytest

from tests.factories import CellFactory, CellNoteFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/login/"


@pytest.fixture
def cell(db):
    return CellFactory(convenors=[UserFactory(first_name="Olu")])


@pytest.fixture
def draft(cell):
    return CellNoteFactory(cell=cell, title="A draft note")


@pytest.fixture
def published(cell):
    return CellNoteFactory(cell=cell, title="A published note", published=True)


@pytest.fixture
def people(cell, practitioner, staff):
    other_convenor = UserFactory(first_name="Gwen")
    CellFactory(convenors=[other_convenor])
    return {
        "visitor": None,
        "practitioner": practitioner,
        "convenor of another cell": other_convenor,
        "convenor of this cell": cell.convenors.get(),
        "staff": staff,
    }


ADDRESSES = {
    "new": lambda cell, draft, published: f"/cells/{cell.slug}/notes/new/",
    "edit draft": lambda cell, draft, published: draft.get_edit_url(),
    "edit published": lambda cell, draft, published: published.get_edit_url(),
    "view draft": lambda cell, draft, published: draft.get_absolute_url(),
    "view published": lambda cell, draft, published: published.get_absolute_url(),
}

# What each role gets at each address; "sign in" is a redirect to the sign-in page.
EXPECTED = {
    "visitor": {
        "new": "sign in",
        "edit draft": "sign in",
        "edit published": "sign in",
        "view draft": 404,
        "view published": 200,
    },
    "practitioner": {
        "new": 403,
        "edit draft": 404,
        "edit published": 403,
        "view draft": 404,
        "view published": 200,
    },
    "convenor of another cell": {
        "new": 403,
        "edit draft": 404,
        "edit published": 403,
        "view draft": 404,
        "view published": 200,
    },
    "convenor of this cell": {
        "new": 200,
        "edit draft": 200,
        "edit published": 200,
        "view draft": 200,
        "view published": 200,
    },
    "staff": {
        "new": 200,
        "edit draft": 200,
        "edit published": 200,
        "view draft": 200,
        "view published": 200,
    },
}

CASES = [(role, address) for role, row in EXPECTED.items() for address in row]


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(SIGN_IN):
        return "sign in"
    return response.status_code


@pytest.mark.parametrize(("role", "address"), CASES, ids=[f"{r}-{a}" for r, a in CASES])
def test_note_addresses_answer_each_role_as_the_spec_says(
    client, people, cell, draft, published, role, address
):
    if people[role]:
        client.force_login(people[role])
    url = ADDRESSES[address](cell, draft, published)
    assert outcome(client.get(url)) == EXPECTED[role][address]


@pytest.mark.parametrize("role", ["visitor", "practitioner", "convenor of another cell"])
def test_only_the_cells_convenors_can_post_a_note(client, people, cell, draft, published, role):
    if people[role]:
        client.force_login(people[role])
    data = {"title": "Sneaked in", "action": "save"}
    client.post(f"/cells/{cell.slug}/notes/new/", data)
    client.post(published.get_edit_url(), {**data, "action": "save"})
    client.post(draft.get_edit_url(), {**data, "action": "publish"})
    assert not cell.notes.filter(title="Sneaked in").exists()
    draft.refresh_from_db()
    assert not draft.is_public


def test_a_visitor_is_sent_to_sign_in_and_back(client, cell):
    response = client.get(f"/cells/{cell.slug}/notes/new/")
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=/cells/{cell.slug}/notes/new/"


def test_note_addresses_of_a_missing_cell_or_note_are_404(client, staff, cell):
    client.force_login(staff)
    assert client.get("/cells/no-such-cell/notes/new/").status_code == 404
    assert client.get(f"/cells/{cell.slug}/notes/no-such-note/edit/").status_code == 404
