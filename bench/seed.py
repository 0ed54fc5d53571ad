"""Fill a PostgreSQL database with a country's worth of published sightings.

    python -m bench.seed --sightings 100000

Rows go in through COPY, so 100,000 sightings with their shifts, themes, follow-ups,
cells and notes take a few minutes rather than the hours that saving each model would.
Stories are built from a small stock of paragraphs and each distinct story is rendered
to HTML once. The text is chosen so that the word "neighbours" (the default search word
of bench/run.py) appears in about a third of the sightings.

Seeding tops up: it adds published sightings until there are at least the number asked
for, and adds themes, authors and cells only when they are missing. Themes and cells
grow with the number of sightings asked for (THEMES_PER_SIGHTING, CELLS_PER_SIGHTING).
While the sightings and their links are loaded and their search vectors filled, the
tables' secondary indexes are dropped and built again afterwards: one build is far
quicker than a million updates of each index.
"""

import argparse
import contextlib
import datetime
import os
import random
import sys
import time
from pathlib import Path

import django

COMMON_WORD = "neighbours"
# Themes and cells grow in proportion to the sightings: 2,000 themes and 50 cells for
# each 100,000 sightings, and never fewer than that.
THEMES_PER_SIGHTING = 2000 / 100_000
CELLS_PER_SIGHTING = 50 / 100_000
AUTHOR_COUNT = 1000
NOTES_PER_CELL = 20
SIGHTINGS_PER_NOTE = 5
FOLLOW_UP_SHARE = 0.04
YEARS = 5

SUBJECTS = [
    "Pharmacy staff",
    "A primary school",
    "Library volunteers",
    "A housing association",
    "The council's social workers",
    "A faith group",
    "Two rival food banks",
    "A job centre team",
    "Local police officers",
    "A district nurse team",
    "A tenants' association",
    "A youth club",
    "Care home workers",
    "A mosque and a church",
    "Bus drivers",
    "A football club",
    "A GP surgery",
    "Street champions",
    "A community garden",
    "Probation officers",
    "A credit union",
    "Shop owners on the high street",
    "A parish council",
    "Refugee volunteers",
]
ACTIONS = [
    "set up a weekly lunch club",
    "gave front-line staff their own budget",
    "started sharing referrals",
    "rebuilt a service around one family",
    "opened the building in the evenings",
    "let residents run the meetings",
    "stopped competing for the same grant",
    "trusted people to decide what help they need",
    "kept the mutual aid rota going",
    "swapped forms for conversations",
    "met round one table about the same family",
    "lent out tools and skills",
    "turned a car park into a market",
    "offered appointments where people already are",
    "paired older and younger residents",
    "handed the keys to a community group",
    "pooled their budgets",
    "learned every regular's name",
    "ran a repair café",
    "wrote the plan with the people it serves",
]
PLACES = [
    "Hackney, London",
    "Merthyr Tydfil",
    "Leeds",
    "Govan, Glasgow",
    "Bristol",
    "Wigan",
    "Norwich",
    "Belfast",
    "Plymouth",
    "Middlesbrough",
    "Stoke-on-Trent",
    "Hastings",
    "Carlisle",
    "Swansea",
    "Bradford",
    "Barking and Dagenham",
    "Inverness",
    "Derry",
    "Cornwall",
    "Sunderland",
    "Oldham",
    "Luton",
    "Aberystwyth",
    "Dundee",
    "Ipswich",
    "Lambeth, London",
    "Walsall",
    "Hull",
    "Exeter",
    "Blackpool",
]
# Summaries with the common search word; one in three sightings gets one of these.
SUMMARIES_WITH_WORD = [
    "Neighbours who had never spoken now check on each other every week.",
    "What began as a few neighbours helping out has become a fixture of the street.",
    "Staff and neighbours plan the sessions together, and nobody is turned away.",
    "Older neighbours teach younger ones to cook, and the younger ones fix phones.",
    "The rota is kept by neighbours rather than by the council, and it has not missed a week.",
    "Neighbours were asked what would help, and the answer changed how the service works.",
]
SUMMARIES_WITHOUT_WORD = [
    "A small change in how people are treated has lasted well beyond the emergency.",
    "Managers stepped back and let the people closest to the problem decide.",
    "Two organisations that used to compete now share staff, space and credit.",
    "People are met as individuals rather than as cases on a list.",
    "The group has no committee and no funding, yet it keeps going.",
    "A service that used to say no first now starts by asking what matters.",
    "Strangers became regulars, and the regulars now run it themselves.",
    "Trust came first, and the paperwork followed only where it was needed.",
    "What started as a pilot is now simply how the team works.",
    "Families say they are listened to for the first time.",
    "Volunteers and paid staff are hard to tell apart, and that is the point.",
    "The budget was handed over with a single question: what would you do with it?",
]
PARAGRAPHS = [
    "It began with a leaflet through every door: *if you are stuck indoors, call this number*. "
    "Within a fortnight dozens of households had joined.",
    "Nobody runs it. There is no committee and no bank account; whoever is hosting sends a "
    "message the night before and people bring what they can.",
    "The team used to follow a script. Now they are trusted to use their judgement, and the "
    "complaints have fallen while the thank-you cards have piled up.",
    "Two charities that had bid against each other for years agreed to share a waiting list, "
    "so a family asks for help once rather than four times.",
    "Each person is asked what a good week would look like, and the support is arranged "
    "around the answer rather than around the timetable.",
    "The council handed over the building on a simple licence and stopped asking for monthly "
    "reports. Attendance has doubled since.",
    "A retired teacher runs homework sessions on Tuesdays; a teenager who once came for help "
    "now helps the younger ones.",
    "Staff were given a small budget each to spend without sign-off. Most of it went on bus "
    "fares, school shoes and the odd electricity top-up.",
    "The meeting moved from the civic centre to the café on the estate, and people who had "
    "never come before started to turn up.",
    "Instead of referring people on, the worker walks with them to the next door and stays "
    "until someone there knows their name.",
    "What matters most, people say, is that the same faces are there each week. Continuity "
    "does more than any leaflet could.",
    "The pilot was meant to last six months. Three years later it is simply how the place "
    "works, and nobody remembers the old forms.",
    "- soup on Thursdays\n- a lift to appointments\n- someone to ring when the boiler fails",
    "Faith groups, the school and the GP surgery now meet monthly round one table, with an "
    "agenda written by the families themselves.",
    "The first rule of the group is that nobody is turned away, and the second is that "
    "everyone who comes is asked to bring something, even if it is only a story.",
    "When the funding ended, the volunteers kept going on their own, and the local paper "
    "now lists the sessions every week.",
]
THEME_BASE = [
    "mutual aid",
    "loneliness",
    "food",
    "housing",
    "mental health",
    "covid-19",
    "young people",
    "older people",
    "employment",
    "trust",
    "volunteering",
    "faith",
    "schools",
    "care",
    "poverty",
    "debt",
    "transport",
    "refugees",
    "policing",
    "local government",
]
THEME_QUALIFIERS = [
    "rural",
    "urban",
    "community",
    "youth",
    "family",
    "digital",
    "shared",
    "neighbourhood",
    "public",
    "informal",
    "local",
    "early",
    "peer",
    "place-based",
    "intergenerational",
    "coastal",
    "estate",
    "women's",
    "men's",
    "welsh",
    "scottish",
    "northern",
    "cross-sector",
    "frontline",
    "grassroots",
    "small",
    "seasonal",
    "everyday",
    "open",
    "quiet",
    "long-term",
    "emergency",
    "weekly",
    "cultural",
    "green",
    "health",
    "financial",
    "civic",
    "learning",
    "kind",
]
THEME_NOUNS = [
    "budgets",
    "kitchens",
    "gardens",
    "libraries",
    "buses",
    "clubs",
    "networks",
    "rotas",
    "markets",
    "cafés",
    "allotments",
    "choirs",
    "sport",
    "repair",
    "tenancies",
    "befriending",
    "referrals",
    "partnerships",
    "pantries",
    "leadership",
    "listening",
    "hubs",
    "walks",
    "mentoring",
    "childcare",
    "lunches",
    "festivals",
    "apprenticeships",
    "advice",
    "phone trees",
    "noticeboards",
    "workshops",
    "pharmacies",
    "surgeries",
    "hostels",
    "pubs",
    "parks",
    "schools",
    "street parties",
    "tool sheds",
    "youth work",
    "welcome packs",
    "lifts",
    "laundries",
    "benches",
    "housing co-ops",
    "timebanks",
    "meals",
    "safe spaces",
    "circles",
]
CELL_TOPICS = [
    "Changing practices",
    "Trust in public services",
    "Mutual aid after the emergency",
    "Schools and families",
    "Health and care together",
    "Funding that lets go",
    "Faith and neighbourhood",
    "Young people leading",
    "Housing with people",
    "Work that fits lives",
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sightings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=6, help="random seed, for repeatable data")
    args = parser.parse_args(argv)
    setup_django()
    seed(args.sightings, rng=random.Random(args.seed))


def setup_django():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatory.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key")
    django.setup()


def seed(target, rng):
    from django.db import connection

    from sightings.models import Sighting

    if connection.vendor != "postgresql":
        raise SystemExit("Seeding uses COPY: point DATABASE_URL at PostgreSQL.")
    started = time.monotonic()
    existing = Sighting.objects.published().count()
    missing = target - existing
    if missing <= 0:
        log(f"{existing} published sightings already; nothing to add.")
        return
    log(f"{existing} published sightings; adding {missing}.")
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    authors = ensure_authors(rng)
    themes = ensure_themes(theme_count(target))
    places = ensure_places()
    with row_triggers_off(), secondary_indexes_dropped(*LOADED_TABLES):
        new_ids, dates, shifts = copy_sightings(missing, authors, places, rng)
        copy_shift_links(shifts)
        copy_theme_links(dates, themes, rng)
        fill_search_vectors()
    copy_follow_ups(new_ids, authors, rng)
    ensure_cells(authors, rng, cell_count(target))
    count_tallies()
    vacuum_analyse()
    log(f"Done in {time.monotonic() - started:.0f} s.")


def log(message):
    print(f"[seed] {message}", flush=True)


def table_and_columns(model):
    return model._meta.db_table, {f.attname: f for f in model._meta.concrete_fields}


def copy_rows(model, rows, fields):
    """COPY rows (dicts by attribute name) into the model's table.

    Columns the benchmark does not know about (added by later migrations) take the
    field's default, so a new nullable or defaulted column does not break seeding.
    """
    from django.db import connection
    from django.db.models import GeneratedField

    table, concrete = table_and_columns(model)
    extra = {
        name: field.get_default()
        for name, field in concrete.items()
        if name not in fields and name != "id" and not isinstance(field, GeneratedField)
    }
    names = list(fields) + list(extra)
    columns = ", ".join(connection.ops.quote_name(concrete[name].column) for name in names)
    extra_values = tuple(extra.values())
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(tuple(row[name] for name in fields) + extra_values)


def next_ids(model, count):
    """Reserve count ids from the table's identity sequence, as a range."""
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return ids


def ensure_authors(rng):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    usernames = [f"bench-author-{n}" for n in range(AUTHOR_COUNT)]
    have = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    User.objects.bulk_create(
        [
            User(
                username=name,
                email=f"{name}@example.org",
                first_name=rng.choice(["Amara", "Gareth", "Siobhán", "Priya", "Callum", "Bethan"]),
                password="!",  # unusable: nobody signs in as a benchmark author
            )
            for name in usernames
            if name not in have
        ],
        batch_size=1000,
    )
    return list(User.objects.filter(username__in=usernames).values_list("pk", flat=True))


def theme_count(sightings):
    return max(2000, round(sightings * THEMES_PER_SIGHTING))


def cell_count(sightings):
    return max(50, round(sightings * CELLS_PER_SIGHTING))


# A third word for themes beyond the first 2,020 names.
THEME_KINDS = ["projects", "groups", "schemes", "circles", "pledges", "days", "funds", "forums"]


def theme_names(count):
    names = list(THEME_BASE)
    for noun in THEME_NOUNS:
        for qualifier in THEME_QUALIFIERS:
            names.append(f"{qualifier} {noun}")
    for kind in THEME_KINDS:
        for noun in THEME_NOUNS:
            for qualifier in THEME_QUALIFIERS:
                if len(names) >= count:
                    return names[:count]
                names.append(f"{qualifier} {noun} {kind}")
    return names[:count]


def ensure_themes(count):
    """The themes, most used first: a few are common, most are rare."""
    from django.utils.text import slugify

    from sightings.models import Theme

    names = theme_names(count)
    have = dict(Theme.objects.filter(name__in=names).values_list("name", "pk"))
    taken = set(Theme.objects.values_list("slug", flat=True))
    new = []
    for name in names:
        if name in have:
            continue
        slug = slugify(name) or "theme"
        suffix = 2
        while slug in taken:
            slug, suffix = f"{slugify(name)}-{suffix}", suffix + 1
        taken.add(slug)
        new.append(Theme(name=name, slug=slug))
    Theme.objects.bulk_create(new, batch_size=1000)
    have = dict(Theme.objects.filter(name__in=names).values_list("name", "pk"))
    log(f"{len(new)} themes added.")
    return [have[name] for name in names]


def build_stories(rng):
    """A stock of distinct stories, each rendered to HTML once."""
    from core.markdown import render_markdown

    stories = []
    for _ in range(300):
        text = "\n\n".join(rng.sample(PARAGRAPHS, rng.randint(2, 4)))
        stories.append((text, render_markdown(text)))
    return stories


def ensure_places():
    """Each place the sightings name, matched as a submission is: by name, id."""
    from sightings.models import Place

    return {name: Place.objects.for_name(name).pk for name in PLACES}


# About one sighting in twelve tells of a shift slipping back.
SLIPPING_BACK = 1 / 12


def copy_sightings(count, authors, places, rng):
    from django.utils import timezone

    from sightings.models import Shift, Sighting

    stories = build_stories(rng)
    all_shifts = list(Shift.objects.all())
    settings_ = list(Sighting.Setting.values)
    connections = [*Sighting.Connection.values, ""]
    now = timezone.now()
    today = timezone.localdate()
    days = 365 * YEARS
    ids = next_ids(Sighting, count)
    # Oldest first, so that later ids were seen later, as they are when sightings
    # arrive over the years: the table is then stored roughly in the order of time,
    # as a real one is, and reading the newest few reads few pages of it.
    ages = sorted((rng.randint(30, days) for _ in ids), reverse=True)
    dates = {}
    shifts = {}
    started = time.monotonic()

    def rows():
        for pk, age in zip(ids, ages, strict=True):
            title = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)}"
            place = rng.choice(PLACES)
            summary_pool = SUMMARIES_WITH_WORD if rng.random() < 1 / 3 else SUMMARIES_WITHOUT_WORD
            story, story_html = rng.choice(stories)
            observed = today - datetime.timedelta(days=age)
            published = timezone.make_aware(
                datetime.datetime.combine(observed, datetime.time(9))
            ) + datetime.timedelta(days=rng.randint(1, 29), minutes=rng.randint(0, 600))
            published = min(published, now)
            dates[pk] = (observed, published)
            shown = rng.sample(all_shifts, rng.randint(1, 3))
            shifts[pk] = [shift.pk for shift in shown]
            yield {
                "id": pk,
                "title": title,
                "slug": f"{slug_for(title)}-{pk}",
                "summary": rng.choice(summary_pool),
                "story": story,
                "story_html": story_html,
                "place": place,
                "place_ref_id": places[place],
                "direction": "back" if rng.random() < SLIPPING_BACK else "forward",
                "date_observed": observed,
                "setting": rng.choice(settings_),
                "connection": rng.choice(connections),
                "source_url": "",
                "consent": True,
                "author_id": rng.choice(authors),
                "status": Sighting.Status.PUBLISHED,
                "feedback": "",
                "created_at": published - datetime.timedelta(days=2),
                "updated_at": published,
                "submitted_at": published - datetime.timedelta(days=1),
                "published_at": published,
                "shift_mask": sum(shift.bit for shift in shown),
            }

    fields = list(next(rows()).keys())
    copy_rows(Sighting, rows(), fields)
    log(f"{count} sightings copied in {time.monotonic() - started:.0f} s.")
    return ids, dates, shifts


_slug_cache = {}


def slug_for(title):
    from django.utils.text import slugify

    if title not in _slug_cache:
        _slug_cache[title] = slugify(title)[:120].strip("-")
    return _slug_cache[title]


def copy_shift_links(shifts):
    """Each sighting's links to the shifts its row's shift_mask already holds."""
    from sightings.models import Sighting

    through = Sighting.shifts.through
    rows = (
        {"sighting_id": pk, "shift_id": shift_id}
        for pk, shift_ids in shifts.items()
        for shift_id in shift_ids
    )
    copy_rows(through, rows, ["sighting_id", "shift_id"])
    log("Shift links copied.")


def copy_theme_links(dates, theme_ids, rng):
    """Each sighting's themes, its links carrying its dates as the triggers would copy."""
    from sightings.models import ThemedSighting

    # Zipf-like weights: the first themes are common, the long tail rare.
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(theme_ids))]
    cumulative = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)

    def rows():
        for pk, (observed, published) in dates.items():
            chosen = set()
            wanted = rng.randint(1, 4)
            while len(chosen) < wanted:
                chosen.update(rng.choices(theme_ids, cum_weights=cumulative, k=wanted))
            for theme_id in list(chosen)[:wanted]:
                yield {
                    "content_object_id": pk,
                    "tag_id": theme_id,
                    "date_observed": observed,
                    "published_at": published,
                }

    fields = ["content_object_id", "tag_id", "date_observed", "published_at"]
    copy_rows(ThemedSighting, rows(), fields)
    log("Theme links copied.")


def copy_follow_ups(sighting_ids, authors, rng):
    from django.utils import timezone

    from sightings.models import FollowUp

    outcomes = list(FollowUp.Outcome.values)
    notes = [
        "Still meeting every week, with new faces.",
        "It has spread to the next street.",
        "Fewer people come since the funding ended.",
        "The group stopped when the hall closed.",
        "The council has adopted the approach across the borough.",
    ]
    today = timezone.localdate()
    chosen = rng.sample(sighting_ids, int(len(sighting_ids) * FOLLOW_UP_SHARE))
    rows = (
        {
            "sighting_id": pk,
            "author_id": rng.choice(authors),
            "observed_on": today - datetime.timedelta(days=rng.randint(0, 300)),
            "outcome": rng.choice(outcomes),
            "note": rng.choice(notes),
            "created_at": timezone.now(),
        }
        for pk in chosen
    )
    copy_rows(
        FollowUp, rows, ["sighting_id", "author_id", "observed_on", "outcome", "note", "created_at"]
    )
    log(f"{len(chosen)} follow-ups copied.")


def ensure_cells(authors, rng, count):
    from django.db import transaction
    from django.utils import timezone

    from cells.models import Cell, CellNote
    from core.markdown import render_markdown
    from sightings.models import Sighting

    have = Cell.objects.filter(slug__startswith="bench-cell-").count()
    if have >= count:
        return
    published_ids = list(Sighting.objects.published().values_list("pk", flat=True))
    body = (
        "## What we looked at\n\nWe read the sightings linked below and asked which of them "
        "would still be happening in a year.\n\n## What we found\n\n- trust came first\n"
        "- the people closest to the problem led\n- money followed relationships"
    )
    body_html = render_markdown(body)
    purpose = "To take stock of what the sightings teach about *relationships* and practice."
    purpose_html = render_markdown(purpose)
    today = timezone.localdate()
    through = CellNote.sightings.through
    with transaction.atomic():
        for n in range(have, count):
            cell = Cell.objects.create(
                name=f"{CELL_TOPICS[n % len(CELL_TOPICS)]} {n + 1}",
                slug=f"bench-cell-{n + 1}",
                purpose=purpose,
            )
            cell.convenors.set(rng.sample(authors, 2))
            notes = []
            for m in range(NOTES_PER_CELL):
                met = today - datetime.timedelta(days=30 * (NOTES_PER_CELL - m))
                notes.append(
                    CellNote(
                        cell=cell,
                        title=f"Meeting {m + 1}",
                        slug=f"meeting-{m + 1}",
                        met_on=met,
                        summary="We took stock of five sightings and what they have in common.",
                        body=body,
                        body_html=body_html,
                        status=CellNote.Status.PUBLISHED,
                        author_id=rng.choice(authors),
                        published_at=timezone.make_aware(
                            datetime.datetime.combine(met, datetime.time(18))
                        ),
                    )
                )
            # bulk_create skips save(), so the HTML rendered above is stored as it is.
            notes = CellNote.objects.bulk_create(notes)
            Cell.objects.filter(pk=cell.pk).update(purpose_html=purpose_html)
            through.objects.bulk_create(
                [
                    through(note_id=note.pk, sighting_id=sighting_id)
                    for note in notes
                    for sighting_id in rng.sample(published_ids, SIGHTINGS_PER_NOTE)
                ]
            )
    log(f"{count - have} cells with {NOTES_PER_CELL} published notes each added.")


# The triggers that keep each sighting's search vector current (migration 0003), copy
# its dates to its theme links (migration 0021) and work out its shift_mask (migration
# 0022). Row by row they would rewrite every sighting once more for its themes and its
# shifts and look up every link's sighting; during the bulk load they are off: the
# sightings are copied with their shift masks and the links with their dates, and the
# vectors are filled afterwards in one UPDATE that computes what the triggers would have.
LOAD_TRIGGERS = [
    ("sightings_sighting", "sightings_sighting_search_vector"),
    ("sightings_sighting", "sightings_sighting_shift_mask"),
    ("sightings_sighting_shifts", "sightings_sighting_shifts_added"),
    ("sightings_themedsighting", "sightings_themedsighting_added"),
    ("sightings_themedsighting", "sightings_themedsighting_dates"),
]


@contextlib.contextmanager
def row_triggers_off():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgname = ANY(%s)",
            [[name for _table, name in LOAD_TRIGGERS]],
        )
        present = {row[0] for row in cursor.fetchall()}
        triggers = [(table, name) for table, name in LOAD_TRIGGERS if name in present]
        for table, name in triggers:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
        try:
            yield
        finally:
            for table, name in triggers:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")


LOADED_TABLES = ["sightings_sighting", "sightings_sighting_shifts", "sightings_themedsighting"]


@contextlib.contextmanager
def secondary_indexes_dropped(*tables):
    """Drop the tables' indexes but primary keys and unique ones; build them again after.

    They are built again however the block ends, so a failed load leaves none missing.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes AS i
            JOIN pg_class AS c ON c.relname = i.indexname
            JOIN pg_index AS x ON x.indexrelid = c.oid
            WHERE i.tablename = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary
            """,
            [list(tables)],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem TO '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
        log(f"{len(indexes)} indexes built again in {time.monotonic() - started:.0f} s.")


def fill_search_vectors():
    """Fill the search vectors the bulk load left empty, as the triggers would have.

    Titles and theme names weigh most, then the summary, then the story and place.
    """
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE sightings_sighting AS s SET search_vector =
                setweight(to_tsvector('english',
                    coalesce(s.title, '') || ' ' || coalesce(t.names, '')), 'A')
                || setweight(to_tsvector('english', coalesce(s.summary, '')), 'B')
                || setweight(to_tsvector('english',
                    coalesce(s.story, '') || ' ' || coalesce(s.place, '')), 'C')
            FROM sightings_sighting AS bare
            LEFT JOIN (
                SELECT link.content_object_id AS id, string_agg(theme.name, ' ') AS names
                FROM sightings_themedsighting AS link
                JOIN sightings_theme AS theme ON theme.id = link.tag_id
                GROUP BY link.content_object_id
            ) AS t ON t.id = bare.id
            WHERE bare.id = s.id AND s.search_vector IS NULL
            """
        )
        # The UPDATE left a dead copy of every row behind it, nearly half the table's
        # pages; an Observatory that grew one publication at a time writes each row
        # once, vector and all, so the table is written again without them.
        cursor.execute("VACUUM FULL sightings_sighting")
    log(f"Search vectors filled and the table compacted in {time.monotonic() - started:.0f} s.")


def count_tallies():
    # COPY sends no signals, so the tallies the insights read are counted afresh, once
    # the planner knows what was copied (without statistics it probes the follow-ups
    # badly for every sighting).
    from django.db import connection

    from sightings.tallies import rebuild

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rebuild()
    log(f"Tallies counted in {time.monotonic() - started:.0f} s.")


def vacuum_analyse():
    # Fresh statistics for the planner, and a visibility map so index-only scans work.
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    log(f"VACUUM ANALYZE in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
