"""The admin's pages work under the Content Security Policy, which allows no inline style."""

import re

import pytest

from tests.factories import CellNoteFactory, SightingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_staff(client, staff):
    client.force_login(staff)
    return client


def inline_styles(html):
    return re.findall(r"<[^>]+\sstyle=\"[^\"]*\"|<style[\s>]", html)


@pytest.mark.parametrize("pages", [1, 3])
def test_a_sightings_history_page_has_no_inline_style(as_staff, settings, pages):
    sighting = SightingFactory(published=True)
    for number in range(pages * 2):
        sighting.title = f"Edited {number}"
        sighting.save()
    # simple_history pages its list; its paginator carried the inline style.
    settings.SIMPLE_HISTORY_HISTORY_LIST_PER_PAGE = 2
    response = as_staff.get(f"/admin/sightings/sighting/{sighting.pk}/history/")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert inline_styles(response.content.decode()) == []


def test_a_notes_history_page_has_no_inline_style(as_staff):
    note = CellNoteFactory()
    response = as_staff.get(f"/admin/cells/cellnote/{note.pk}/history/")
    assert response.status_code == 200
    assert inline_styles(response.content.decode()) == []
