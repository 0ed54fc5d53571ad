"""Open data: every published sighting matching the list's filters, as CSV or JSON.

Both formats are streamed: rows are read from the database in chunks and written
out as they come, each with the shifts its row carries and one query per chunk for
their themes, so memory stays flat however many sightings match. The columns, their
order and their meaning are fixed here and documented on the Open data page; add new
ones at the end.
"""

import csv
import json
from collections import defaultdict
from itertools import islice

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sightings.models import FollowUp, Shift, Theme, ThemedSighting, among

CHUNK_SIZE = 2000
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "The Observatory and the practitioners who posted each sighting"

# name, description: the single source for the files and the Open data page.
COLUMNS = [
    ("id", _("A number that identifies the sighting and never changes.")),
    ("url", _("The address of the sighting's page on the Observatory.")),
    ("title", _("The title, at most 120 characters.")),
    ("summary", _("What was seen, in a sentence or two.")),
    ("story", _("The full account, as the author wrote it, in Markdown.")),
    ("place", _("Where it was seen, as free text (for example “Hackney, London”).")),
    ("date_observed", _("The day it was seen, as YYYY-MM-DD.")),
    ("setting", _("Where it happened, as one of the setting codes listed below.")),
    ("connection", _("Who was brought together, as a connection code (may be empty).")),
    ("shifts", _("The shifts it shows, as shift slugs separated by “|”, in the five's order.")),
    ("themes", _("Its themes, lower-case, separated by “|”, in alphabetical order.")),
    ("source_url", _("A link to a published source, if the author gave one.")),
    ("published_at", _("When it was published, in UTC, as an ISO 8601 date and time.")),
    (
        "latest_follow_up",
        _(
            "The newest follow-up's answer to “Is it still happening?”, as a follow-up code "
            "(empty when there is none)."
        ),
    ),
    (
        "direction",
        _(
            "Which way it moves along its shifts, as a direction code: “forward” or “back” "
            "(slipping back)."
        ),
    ),
    (
        "place_ref",
        _(
            "The address name of the place it was matched to, as on /places/<place_ref>/ (empty "
            "when it has none); the list, feeds and these files take it as a filter."
        ),
    ),
]
COLUMN_NAMES = [name for name, _description in COLUMNS]

_FIELDS = [
    "pk",
    "slug",
    "title",
    "summary",
    "story",
    "place",
    "date_observed",
    "setting",
    "connection",
    "source_url",
    "published_at",
    "direction",
    "place_ref__slug",
    "shift_mask",
]


def _chunks(queryset, absolute_url):
    """Each matching sighting as a dict of the columns, in order, in lists of
    CHUNK_SIZE, so a response can send each list at once."""
    url_for = _sighting_url_maker(absolute_url)
    names = _Names()
    values = queryset.order_by("-published_at", "-pk").values(*_FIELDS)
    # In a transaction PostgreSQL's cursor hands rows over as it finds them, newest
    # first from the index; outside one Django declares it WITH HOLD, and the whole
    # result (400,000 rows at a million sightings) is sorted and stored before the
    # first row is sent.
    with transaction.atomic():
        iterator = values.iterator(chunk_size=CHUNK_SIZE)
        while chunk := list(islice(iterator, CHUNK_SIZE)):
            pks = [row["pk"] for row in chunk]
            themes = names.themes_by_sighting(pks)
            outcomes = _latest_outcomes(pks)
            yield [
                _columns(
                    row,
                    names.shifts_in(row["shift_mask"]),
                    themes[row["pk"]],
                    outcomes.get(row["pk"]),
                    url_for,
                )
                for row in chunk
            ]


class _Names:
    """The slugs of the shifts and the names of the themes, each read once per file.

    A sighting's row says which shifts it shows (`shift_mask`), and each chunk reads
    only the (sighting, theme) id pairs from the links' index, without joining the
    theme table again.
    """

    def __init__(self):
        self.shifts = [(shift.bit, shift.slug) for shift in Shift.objects.only("slug", "position")]
        self.shift_slugs = {}
        self.themes = {}

    def shifts_in(self, mask):
        """The slugs of the shifts a shift_mask holds, in the five's order."""
        if mask not in self.shift_slugs:
            self.shift_slugs[mask] = [slug for bit, slug in self.shifts if mask & bit]
        return self.shift_slugs[mask]

    def themes_by_sighting(self, pks):
        links = list(
            ThemedSighting.objects.filter(content_object_id__in=among(pks)).values_list(
                "content_object_id", "tag_id"
            )
        )
        unseen = {theme for _sighting, theme in links} - self.themes.keys()
        if unseen:
            self.themes |= dict(Theme.objects.filter(pk__in=unseen).values_list("pk", "name"))
        found = _grouped((sighting, self.themes[theme]) for sighting, theme in links)
        return defaultdict(list, {pk: sorted(names) for pk, names in found.items()})


def _sighting_url_maker(absolute_url):
    # One reverse() and one absolute address for the whole file, not one per row: a
    # large export spent much of its time on them (docs/performance.md).
    placeholder = "slug-placeholder"
    pattern = absolute_url(reverse("sightings:detail", kwargs={"slug": placeholder}))
    before, after = pattern.split(placeholder, 1)
    return lambda slug: f"{before}{slug}{after}"


def _latest_outcomes(pks):
    # Per chunk, not a subquery per row: a few follow-ups among thousands of sightings.
    newest = FollowUp.objects.visible().newest_per_sighting().filter(sighting_id__in=among(pks))
    return dict(newest.values_list("sighting_id", "outcome"))


def _grouped(pairs):
    """(sighting id, value) pairs as each sighting's list of values, in the pairs' order."""
    found = defaultdict(list)
    for sighting_id, value in pairs:
        found[sighting_id].append(value)
    return found


def _columns(row, shifts, themes, latest_outcome, url_for):
    published_at = row["published_at"]
    return {
        "id": row["pk"],
        "url": url_for(row["slug"]),
        "title": row["title"],
        "summary": row["summary"],
        "story": row["story"],
        "place": row["place"],
        "date_observed": row["date_observed"].isoformat() if row["date_observed"] else "",
        "setting": row["setting"],
        "connection": row["connection"],
        "shifts": "|".join(shifts),
        "themes": "|".join(themes),
        "source_url": row["source_url"],
        "published_at": published_at.isoformat() if published_at else "",
        "latest_follow_up": latest_outcome or "",
        "direction": row["direction"],
        "place_ref": row["place_ref__slug"] or "",
    }


class _Echo:
    """A file-like object whose write returns the line, for csv.writer to stream."""

    def write(self, value):
        return value


def csv_lines(queryset, absolute_url):
    """The file in pieces of CHUNK_SIZE lines: a piece per line meant a write to the
    socket per line, which took most of an export's time."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMN_NAMES)
    for chunk in _chunks(queryset, absolute_url):
        yield "".join(writer.writerow(_spreadsheet_safe_row(row)) for row in chunk)


# A cell starting with one of these would run as a formula in a spreadsheet.
SPREADSHEET_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The columns people write; the others are numbers, dates, addresses and codes.
FREE_TEXT = ("title", "summary", "story", "place", "themes", "source_url")


def _spreadsheet_safe_row(row):
    return [_spreadsheet_safe(value) if name in FREE_TEXT else value for name, value in row.items()]


def _spreadsheet_safe(value):
    if isinstance(value, str) and value[:1] in SPREADSHEET_PREFIXES:
        return f"'{value}"
    return value


def table_lines(columns, rows):
    """A small table (the numbers of one chart) as CSV lines, spreadsheet-safe."""
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_spreadsheet_safe(value) for value in row])


def json_chunks(queryset, absolute_url, *, source):
    """One JSON document, written piece by piece: the licence, then the sightings."""
    header = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "source": source,
        "columns": COLUMN_NAMES,
    }
    yield _json(header)[:-1] + ', "sightings": ['
    separator = ""
    for chunk in _chunks(queryset, absolute_url):
        pieces = []
        for row in chunk:
            pieces.append(separator + "\n" + _json(row))
            separator = ","
        yield "".join(pieces)
    yield "\n]}\n"


# The same escapes as Django's json_script: the file stays inert even if a browser or
# another site ever treats it as HTML, and parses to exactly what was written.
_HTML_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _json(value):
    return json.dumps(value, ensure_ascii=False).translate(_HTML_SAFE)
