import datetime
import itertools
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cells.models import Cell, CellNote
from sightings.models import FollowUp, Shift, Sighting, StatusChange

# Dates in it count back from the day the command runs, so the demo always looks current:
# a sighting was seen `days_ago` days before today, a follow-up `days_after` days after
# its sighting, and a note's next meeting is `next_meeting_in_days` from today (negative
# is past, null not yet set). Sightings have a key by which notes, readings and follow-ups
# refer to them; stories, purposes and note bodies are lists of Markdown paragraphs.
DEMO_DATA = Path(__file__).with_name("demo_data.json")

DRAFT, SUBMITTED, PUBLISHED = (
    Sighting.Status.DRAFT,
    Sighting.Status.SUBMITTED,
    Sighting.Status.PUBLISHED,
)


class Command(BaseCommand):
    help = "Load demo sightings, cells and notes into an empty database."

    def handle(self, *args, **options):
        if Sighting.objects.exists():
            self.stdout.write("The database already has sightings, so no demo data was loaded.")
            return
        self.demo = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.changes = []
        self.password_hash = make_password(self.demo["password"])
        with transaction.atomic():
            self.users = {
                username: self.user(username, name)
                for username, name in self.demo["convenors"] + self.demo["practitioners"]
            }
            self.convenors = [self.users[username] for username, _ in self.demo["convenors"]]
            self.shifts = {shift.slug: shift for shift in Shift.objects.all()}
            sightings = self.published_sightings()
            others = [self.unpublished_sighting(row) for row in self.demo["unpublished_sightings"]]
            StatusChange.objects.bulk_create(self.changes)
            cells = {row["key"]: self.cell(row) for row in self.demo["cells"]}
            notes = [self.note(row, cells, sightings) for row in self.demo["notes"]]
            follow_ups = [self.follow_up(row, sightings) for row in self.demo["follow_ups"]]

        published_notes = sum(note.is_public for note in notes)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(sightings)} published sightings and {len(others)} in other "
                f"states, {len(cells)} cells with {published_notes} published notes and "
                f"{len(notes) - published_notes} draft, and {len(follow_ups)} follow-ups."
            )
        )
        password, convenors, practitioners = (
            self.demo["password"],
            [username for username, _ in self.demo["convenors"]],
            [username for username, _ in self.demo["practitioners"]],
        )
        self.stdout.write(f'Demo logins, all with the password "{password}":')
        self.stdout.write(f"  convenors:     {', '.join(convenors)}")
        self.stdout.write(f"  practitioners: {', '.join(practitioners)}")

    def user(self, username, first_name):
        if existing := get_user_model().objects.filter(username=username).first():
            return existing
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.org", first_name=first_name
        )
        # Hashing is deliberately slow; the six accounts share one password, so hash it once.
        user.password = self.password_hash
        user.save(update_fields=["password"])
        return user

    def at(self, day, hour, minute=0):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
        return min(moment, self.now)

    def days_ago(self, days):
        return self.today - datetime.timedelta(days=days)

    def sighting(self, row, **fields):
        sighting = Sighting(
            title=row["title"],
            summary=row["summary"],
            story="\n\n".join(row["story"]),
            place=row["place"],
            date_observed=self.days_ago(row["days_ago"]),
            setting=row["setting"],
            connection=row["connection"],
            direction=row.get("direction", Sighting.Direction.FORWARD),
            author=self.users[row["author"]],
            **fields,
        )
        if sighting.status != DRAFT:
            sighting.match_place()
        sighting.full_clean(exclude=["slug"])
        sighting.save()
        sighting.shifts.set([self.shifts[slug] for slug in row["shifts"]])
        sighting.themes.set(row["themes"])
        return sighting

    def published_sightings(self):
        sightings = {}
        reviewers = itertools.cycle(self.convenors)
        for number, row in enumerate(self.demo["sightings"]):
            observed = self.days_ago(row["days_ago"])
            published_at = self.at(observed + datetime.timedelta(days=3 + number % 5), 10)
            submitted_at = published_at - datetime.timedelta(days=1, hours=number % 6)
            sighting = self.sighting(
                row,
                consent=True,
                status=Sighting.Status.PUBLISHED,
                submitted_at=submitted_at,
                published_at=published_at,
            )
            reviewer = next(reviewers)
            if reviewer == sighting.author:
                reviewer = next(reviewers)
            self.record(sighting, DRAFT, SUBMITTED, sighting.author, submitted_at)
            self.record(sighting, SUBMITTED, PUBLISHED, reviewer, published_at)
            self.backdate(sighting, submitted_at - datetime.timedelta(hours=2), published_at)
            sightings[row["key"]] = sighting
        return sightings

    def unpublished_sighting(self, row):
        submitted_at = reviewed_at = None
        if row["submitted_days_ago"] is not None:
            submitted_at = self.at(self.days_ago(row["submitted_days_ago"]), 18, 30)
        if row["reviewed_days_ago"] is not None:
            reviewed_at = self.at(self.days_ago(row["reviewed_days_ago"]), 9, 45)
        sighting = self.sighting(
            row,
            consent=row["consent"],
            status=row["status"],
            feedback=row["feedback"],
            submitted_at=submitted_at,
        )
        if submitted_at:
            self.record(sighting, DRAFT, SUBMITTED, sighting.author, submitted_at)
        if reviewed_at:
            reviewer = self.users[row["reviewer"]]
            self.record(sighting, SUBMITTED, row["status"], reviewer, reviewed_at, row["feedback"])
        written_at = self.at(sighting.date_observed + datetime.timedelta(days=1), 20)
        self.backdate(sighting, written_at, reviewed_at or submitted_at or written_at)
        return sighting

    def record(self, sighting, from_status, to_status, actor, when, note=""):
        self.changes.append(
            StatusChange(
                sighting=sighting,
                actor=actor,
                from_status=from_status,
                to_status=to_status,
                note=note,
                created_at=when,
            )
        )

    def backdate(self, sighting, created_at, updated_at):
        # auto_now and auto_now_add ignore values given to save(), so set them afterwards.
        Sighting.objects.filter(pk=sighting.pk).update(created_at=created_at, updated_at=updated_at)

    def cell(self, row):
        cell = Cell.objects.create(
            name=row["name"], purpose="\n\n".join(row["purpose"]), is_active=row["is_active"]
        )
        cell.convenors.add(*(self.users[username] for username in row["convenors"]))
        return cell

    def note(self, row, cells, sightings):
        met_on = self.days_ago(row["met_days_ago"])
        next_meeting = None
        if row["next_meeting_in_days"] is not None:
            day = self.today + datetime.timedelta(days=row["next_meeting_in_days"])
            next_meeting = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15)))
        is_published = row["status"] == CellNote.Status.PUBLISHED
        note = CellNote.objects.create(
            cell=cells[row["cell"]],
            title=row["title"],
            met_on=met_on,
            summary=row["summary"],
            body="\n\n".join(row["body"]),
            topics_next=row["topics_next"],
            next_meeting=next_meeting,
            status=row["status"],
            author=self.users[row["author"]],
            published_at=self.at(met_on + datetime.timedelta(days=4), 11) if is_published else None,
        )
        note.sightings.set([sightings[key] for key in row["sightings"]])
        readings = self.demo["readings"].get(row["title"], {})
        note.record_readings({sightings[key].pk: read for key, read in readings.items()})
        return note

    def follow_up(self, row, sightings):
        sighting = sightings[row["sighting"]]
        return FollowUp.objects.create(
            sighting=sighting,
            author=self.users[row["author"]],
            observed_on=min(
                sighting.date_observed + datetime.timedelta(days=row["days_after"]), self.today
            ),
            outcome=row["outcome"],
            note=row["note"],
        )
