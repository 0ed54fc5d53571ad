"""Bringing sightings in from a CSV file in the open data's column layout.

A convenor uploads a file; every row is checked by the same form a person fills in
on the site, and the whole file is shown back, row by row, before anything is saved.
Nothing is saved unless every row is valid; then each row becomes a sighting
submitted for review, told to the convenor who brought it in.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sightings.export import COLUMN_NAMES, SPREADSHEET_PREFIXES
from sightings.forms import SightingForm
from sightings.models import Shift, Sighting

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# Columns the Observatory fills in itself: accepted, so an export can be brought back
# in, but what they hold is not read.
ASSIGNED_COLUMNS = ["id", "url", "published_at", "latest_follow_up"]
LIST_SEPARATOR = "|"


def read_columns():
    """The export's columns an import reads, in the export's order."""
    return [name for name in COLUMN_NAMES if name in SightingForm.base_fields]


def required_columns():
    """The columns every submission needs: the title and what review asks for."""
    required = {"title", *Sighting.REQUIRED_TO_SUBMIT}
    return [name for name in read_columns() if name in required]


def template_rows():
    """The header and one example row, for the template file offered for download."""
    example = {
        "title": "Neighbours take turns at the laundrette",
        "summary": "A rota of neighbours now does the washing for three older residents.",
        "story": "It began when one of them *broke her wrist*.",
        "place": "Hackney, London",
        "date_observed": "2024-05-01",
        "setting": Sighting.Setting.NEIGHBOURHOOD.value,
        "connection": Sighting.Connection.BRIDGING.value,
        "shifts": LIST_SEPARATOR.join(["me-to-we", "doubting-to-trusting"]),
        "themes": LIST_SEPARATOR.join(["mutual aid", "older people"]),
        "source_url": "",
    }
    columns = read_columns()
    return [columns, [example.get(name, "") for name in columns]]


class Refusal(ValidationError):
    """Why a whole file is refused before any row is looked at."""


def decode(uploaded):
    """The uploaded file's text, or a Refusal saying plainly why it cannot be read."""
    if uploaded.size > MAX_BYTES:
        raise Refusal(
            _(
                "The file is %(size)s; the most the Observatory takes at once is %(limit)s. "
                "Split it into smaller files."
            )
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(MAX_BYTES)}
        )
    raw = uploaded.read(MAX_BYTES + 1)
    if b"\x00" in raw or not uploaded.name.lower().endswith((".csv", ".txt")):
        raise Refusal(
            _(
                "This is not a CSV file. In your spreadsheet program choose Save as or "
                "Download, then “CSV UTF-8 (comma-separated)”, and upload that file."
            )
        )
    try:
        # utf-8-sig: the byte-order mark spreadsheet programs put first is dropped.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refusal(
            _(
                "The file is not in UTF-8, so its letters cannot be read reliably. Save it "
                "again as “CSV UTF-8” and upload that file."
            )
        ) from None


def parse(text):
    """The header and the rows of a CSV text, as dicts of column → value."""
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        message = _("The file could not be read as CSV: %(error)s.") % {"error": error}
        raise Refusal(message) from None
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if not lines:
        raise Refusal(_("The file is empty."))
    header = [name.strip() for name in lines[0]]
    check_header(header)
    rows = lines[1:]
    if not rows:
        raise Refusal(_("The file has a header row but no sightings under it."))
    if len(rows) > MAX_ROWS:
        raise Refusal(
            _(
                "The file has %(count)s sightings; the most the Observatory takes at once "
                "is %(limit)s. Split it into smaller files."
            )
            % {"count": f"{len(rows):,}", "limit": f"{MAX_ROWS:,}"}
        )
    return header, rows


def cells_by_column(header, row):
    """A row as column → value; a spreadsheet leaves off empty cells at a line's end."""
    row = row + [""] * (len(header) - len(row))
    return dict(zip(header, row[: len(header)], strict=True))


def overflow_problems(header, row):
    if any(cell.strip() for cell in row[len(header) :]):
        return [_("This row has more cells than the header has columns.")]
    return []


def check_header(header):
    known = set(COLUMN_NAMES)
    if unknown := [name for name in header if name not in known]:
        raise Refusal(
            _(
                "These columns are not in the Observatory's layout: %(columns)s. Use the "
                "column names of the template file."
            )
            % {"columns": ", ".join(f"“{name}”" for name in unknown)}
        )
    if repeated := sorted({name for name in header if header.count(name) > 1}):
        raise Refusal(
            _("These columns appear more than once: %(columns)s.")
            % {"columns": ", ".join(f"“{name}”" for name in repeated)}
        )
    if missing := [name for name in required_columns() if name not in header]:
        raise Refusal(
            _("The file lacks these columns: %(columns)s.")
            % {"columns": ", ".join(f"“{name}”" for name in missing)}
        )


def unspreadsheet(value):
    """Undo the apostrophe the export puts before a value a spreadsheet could run."""
    if value[:1] == "'" and value[1:2] in SPREADSHEET_PREFIXES:
        return value[1:]
    return value


@dataclass
class ImportRow:
    line: int
    values: dict
    form: SightingForm
    problems: list = field(default_factory=list)

    @property
    def is_valid(self):
        return not self.problems


def check(header, rows, *, by, consent_given, consent_note=""):
    """Each row checked exactly as the sighting form checks a submission."""
    shift_pks = dict(Shift.objects.values_list("slug", "pk"))
    checked = []
    # The header is line 1 of the file, so the first sighting is on line 2 (a line
    # break inside a quoted story makes the count approximate, never wrong by a row).
    for line, row in enumerate(rows, start=2):
        cells = cells_by_column(header, row)
        values = {name: unspreadsheet(value.strip()) for name, value in cells.items()}
        data, problems = form_data(values, shift_pks)
        problems = overflow_problems(header, row) + problems
        sighting = Sighting(
            author=by,
            told_via=Sighting.Telling.IMPORT,
            consent_given=consent_given,
            consent_note=consent_note,
        )
        form = SightingForm(data, instance=sighting, submitting=True)
        if not form.is_valid():
            problems += form_problems(form)
        checked.append(ImportRow(line=line, values=values, form=form, problems=problems))
    return checked


def form_data(values, shift_pks):
    data = {name: values.get(name, "") for name in read_columns() if name in values}
    data["consent"] = "on"
    data["website"] = ""
    problems = []
    slugs = split_list(values.get("shifts", ""))
    if unknown := [slug for slug in slugs if slug not in shift_pks]:
        problems.append(
            _("Shifts: %(codes)s is not a shift code.")
            % {"codes": ", ".join(f"“{slug}”" for slug in unknown)}
        )
    data["shifts"] = [shift_pks[slug] for slug in slugs if slug in shift_pks]
    data["themes"] = ", ".join(split_list(values.get("themes", "")))
    return data, problems


def split_list(text):
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def form_problems(form):
    problems = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for message in errors:
            problems.append(f"{label}: {message}" if label else message)
    return problems


def save(checked, *, by):
    """Every row as a submitted sighting, or none of them if any is refused."""
    if not all(row.is_valid for row in checked):
        raise ValidationError(_("Nothing was imported: correct the rows with problems first."))
    with transaction.atomic():
        sightings = []
        for row in checked:
            sighting = row.form.save()
            try:
                sighting.submit(by=by)
            except (ValidationError, PermissionDenied) as error:
                raise ValidationError(
                    _("Line %(line)s: %(problem)s") % {"line": row.line, "problem": error}
                ) from error
            sightings.append(sighting)
    return sightings


def fingerprint(text):
    """Names the exact file a convenor saw checked, so they import what they saw."""
    return hashlib.sha256(text.encode()).hexdigest()


def summary(checked):
    bad = sum(1 for row in checked if not row.is_valid)
    if bad:
        return ngettext(
            "%(bad)s of %(count)s rows has a problem. Nothing has been imported.",
            "%(bad)s of %(count)s rows have problems. Nothing has been imported.",
            bad,
        ) % {"bad": bad, "count": len(checked)}
    return ngettext(
        "The row is ready to import.",
        "All %(count)s rows are ready to import.",
        len(checked),
    ) % {"count": len(checked)}
