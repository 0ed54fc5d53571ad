"""Bringing sightings in from a CSV file: checked row by row, all or nothing."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import CONVENORS_GROUP
from sightings import importing
from sightings.models import Sighting
from tests.factories import UserFactory
from tests.test_feeds_export import COLUMNS

pytestmark = pytest.mark.django_db

IMPORT = reverse("review:import")
CONFIRM = reverse("review:import-confirm")
# The export's columns that an import reads, in the export's order: all but those the
# Observatory fills in itself, which are accepted and ignored.
FILLED_IN = {"id", "url", "published_at", "latest_follow_up", "place_ref"}
HEADER = [name for name in COLUMNS if name not in FILLED_IN]


def row(**changes):
    values = dict(zip(*importing.template_rows(), strict=True))
    values.update(changes)
    return values


def csv_bytes(rows, header=HEADER, encoding="utf-8"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(name, "") for name in header])
    return out.getvalue().encode(encoding)


def upload(client, content, name="sightings.csv", **fields):
    data = {
        "file": SimpleUploadedFile(name, content, content_type="text/csv"),
        "consent_given": "paper",
        "consent_note": "",
        "consent": "on",
        **fields,
    }
    return client.post(IMPORT, data)


def confirm(client, response):
    return client.post(CONFIRM, {"fingerprint": response.context["pending"] or ""})


@pytest.fixture
def as_convenor(client, convenor):
    client.force_login(convenor)
    return client


@pytest.fixture
def second_convenor(db):
    user = UserFactory(first_name="Dafydd")
    user.groups.add(Group.objects.get_or_create(name=CONVENORS_GROUP)[0])
    return user


def test_practitioners_may_not_import(client, practitioner):
    client.force_login(practitioner)
    assert client.get(IMPORT).status_code == 403
    assert upload(client, csv_bytes([row()])).status_code == 403
    assert not Sighting.objects.exists()


def test_the_template_file_has_the_import_columns_and_an_example_that_imports(as_convenor):
    response = as_convenor.get(reverse("sightings:import-template"))
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == HEADER
    assert set(HEADER) <= set(COLUMNS)

    checked = upload(as_convenor, response.content)
    assert checked.context["ready"]


def test_one_bad_row_saves_nothing_and_each_problem_is_shown_by_line(as_convenor):
    rows = [
        row(title="Good one"),
        row(title="", shifts="me-to-we|us-to-them", date_observed="2999-01-01"),
        row(title="Another good one", setting="circus"),
    ]
    response = upload(as_convenor, csv_bytes(rows))
    page = response.content.decode()

    assert not response.context["ready"]
    problems = {r.line: r.problems for r in response.context["checked"]}
    assert problems[2] == []
    assert any("“us-to-them” is not a shift code" in p for p in problems[3])
    assert any(p.startswith("Title:") for p in problems[3])
    assert any("cannot be in the future" in p for p in problems[3])
    assert any(p.startswith("Setting:") for p in problems[4])
    assert "2 of 3 rows have problems. Nothing has been imported." in page
    assert CONFIRM not in page
    assert confirm(as_convenor, response).status_code == 302
    assert not Sighting.objects.exists()


def test_a_valid_file_becomes_submitted_sightings_told_to_the_convenor(
    as_convenor, convenor, second_convenor
):
    rows = [
        row(title="Café owners share a float", themes="Mutual Aid|money"),
        row(title="Buses wait for pupils", shifts="doubting-to-trusting", connection=""),
    ]
    checked = upload(as_convenor, b"\xef\xbb\xbf" + csv_bytes(rows))
    assert checked.context["ready"]
    assert not Sighting.objects.exists()

    response = confirm(as_convenor, checked)

    assert response["Location"] == reverse("sightings:mine")
    sightings = list(Sighting.objects.order_by("pk"))
    assert [s.title for s in sightings] == ["Café owners share a float", "Buses wait for pupils"]
    for sighting in sightings:
        assert sighting.status == Sighting.Status.SUBMITTED
        assert sighting.author == convenor
        assert sighting.told_via == Sighting.Telling.IMPORT
        assert sighting.consent_given == Sighting.Consent.PAPER
        assert sighting.consent
    assert sorted(sightings[0].themes.names()) == ["money", "mutual aid"]
    assert [s.slug for s in sightings[1].shifts.all()] == ["doubting-to-trusting"]

    sightings[0].publish(by=second_convenor)
    page = as_convenor.get(sightings[0].get_absolute_url()).content.decode()
    assert "<dt>Told to</dt><dd>Carys</dd>" in page


def test_confirming_twice_imports_once(as_convenor):
    checked = upload(as_convenor, csv_bytes([row()]))
    confirm(as_convenor, checked)
    confirm(as_convenor, checked)
    assert Sighting.objects.count() == 1


def test_consent_given_some_other_way_needs_a_note_and_the_statement_is_required(as_convenor):
    response = upload(as_convenor, csv_bytes([row()]), consent_given="other", consent="")
    errors = response.context["form"].errors
    assert errors["consent_note"] == ["Say how consent was given."]
    assert errors["consent"] == ["Confirm this for every sighting before importing."]
    assert response.context["checked"] is None


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("café".encode("latin-1") + b"\n", "s.csv", "The file is not in UTF-8"),
        (b"PK\x03\x04\x00\x00binary", "s.xlsx", "This is not a CSV file."),
        (b"PK\x03\x04\x00\x00binary", "s.csv", "This is not a CSV file."),
        (b"", "s.csv", "The file is empty."),
        (csv_bytes([]), "s.csv", "a header row but no sightings"),
        (
            csv_bytes([row()], header=[*HEADER, "mood"]),
            "s.csv",
            "These columns are not in the Observatory's layout: “mood”.",
        ),
        (csv_bytes([row()], header=HEADER[1:]), "s.csv", "The file lacks these columns: “title”."),
        (
            csv_bytes([row()], header=[*HEADER, "title"]),
            "s.csv",
            "These columns appear more than once: “title”.",
        ),
        (b'title\n"never closed', "s.csv", "The file could not be read as CSV"),
    ],
)
def test_a_file_that_cannot_be_taken_is_refused_with_a_reason(as_convenor, content, name, message):
    response = upload(as_convenor, content, name=name)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["file"])
    assert response.context["checked"] is None
    assert not Sighting.objects.exists()


def test_more_than_a_thousand_rows_are_refused(as_convenor):
    content = csv_bytes([row()] * (importing.MAX_ROWS + 1))
    response = upload(as_convenor, content)
    assert response.context["form"].errors["file"] == [
        "The file has 1,001 sightings; the most the Observatory takes at once is 1,000. "
        "Split it into smaller files."
    ]


def test_a_file_over_two_megabytes_is_refused(as_convenor):
    content = csv_bytes([row(story="x" * 1000)] * 2200)
    assert len(content) > importing.MAX_BYTES
    response = upload(as_convenor, content)
    [error] = response.context["form"].errors["file"]
    assert error.startswith("The file is 2.")
    assert "the most the Observatory takes at once is 2.0\xa0MB" in error


def test_a_formula_imported_is_neutralised_in_the_export_and_survives_a_round_trip(
    as_convenor, client, second_convenor
):
    formula = '=HYPERLINK("https://example.org","click")'
    confirm(as_convenor, upload(as_convenor, csv_bytes([row(summary=formula)])))
    sighting = Sighting.objects.get()
    assert sighting.summary == formula
    sighting.publish(by=second_convenor)

    exported = b"".join(client.get(reverse("sightings:export-csv")).streaming_content)
    [exported_row] = list(csv.DictReader(io.StringIO(exported.decode())))
    assert exported_row["summary"] == f"'{formula}"

    again = upload(as_convenor, exported.replace(b"Neighbours take", b"Others take"))
    [checked] = again.context["checked"]
    assert checked.form.cleaned_data["summary"] == formula
