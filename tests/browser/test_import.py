"""Importing a CSV file in a browser: a bad row stops everything, a good file comes in."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.roles import CONVENORS_GROUP
from sightings.models import Sighting
from tests.browser.axe import serious_violations
from tests.browser.test_submission import sign_in
from tests.factories import UserFactory
from tests.test_import import csv_bytes, row

pytestmark = pytest.mark.django_db(transaction=True)


def choose_file(page, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    page.get_by_label("CSV file").set_input_files(str(path))
    page.get_by_label("Written on the paper form").check()
    page.get_by_label("No one can be identified").check()
    page.get_by_role("button", name="Check the file").click()


def test_a_file_with_one_bad_row_saves_nothing_then_the_corrected_file_is_imported(
    page, site, tmp_path
):
    convenor = UserFactory(first_name="Carys", email="carys@example.org")
    convenor.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    sign_in(page, site, "carys@example.org")
    page.goto(site + "/review/")
    page.get_by_role("link", name="Import sightings from a CSV file").click()
    assert serious_violations(page) == []

    good = row(title="Allotment holders share their tools")
    bad = row(title="Choir sings at the surgery", shifts="us-to-them")
    choose_file(page, tmp_path, "first.csv", csv_bytes([good, bad]))

    summary = page.get_by_role("status")
    expect(summary).to_have_text("1 of 2 rows has a problem. Nothing has been imported.")
    problem_row = page.get_by_role("row").filter(has_text="Choir sings at the surgery")
    expect(problem_row).to_contain_text("“us-to-them” is not a shift code")
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    assert serious_violations(page) == []
    assert not Sighting.objects.exists()

    fixed = row(title="Choir sings at the surgery", shifts="me-to-we")
    choose_file(page, tmp_path, "second.csv", csv_bytes([good, fixed]))
    expect(page.get_by_text("All 2 rows are ready to import.")).to_be_visible()
    page.get_by_role("button", name="Import these 2 sightings").click()

    expect(page.get_by_text("Imported 2 sightings.")).to_be_visible()
    waiting = page.locator("section", has=page.get_by_role("heading", name="Waiting for review"))
    expect(
        waiting.get_by_role("link", name="Choir sings at the surgery", exact=True)
    ).to_be_visible()
    assert Sighting.objects.filter(status=Sighting.Status.SUBMITTED).count() == 2
