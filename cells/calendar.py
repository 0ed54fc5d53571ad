"""The iCalendar file for a cell's next meeting."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

# A note records only when the next meeting starts. Calendars show an event with no
# end as a moment rather than a meeting, so the file offers an hour as a placeholder.
MEETING_LENGTH = datetime.timedelta(hours=1)


def next_meeting_calendar(request, cell, note):
    calendar = Calendar()
    calendar.add("prodid", "-//The Observatory//Cell meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")

    event = Event()
    # One UID per note, so a calendar that imports the file again updates the event.
    event.add("uid", f"cell-{cell.pk}-note-{note.pk}-next-meeting@{request.get_host()}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", note.next_meeting.astimezone(datetime.UTC))
    event.add("duration", MEETING_LENGTH)
    event.add("summary", f"{cell.name}: next meeting")
    description = [f"The next meeting of the {cell.name} cell."]
    if note.topics_next:
        description.append(f"Topics for next time:\n{note.topics_next}")
    description.append(
        f"Notes of earlier meetings: {request.build_absolute_uri(cell.get_absolute_url())}"
    )
    event.add("description", "\n\n".join(description))
    event.add("url", request.build_absolute_uri(cell.get_absolute_url()))
    calendar.add_component(event)
    return calendar


def next_meeting_response(request, cell, note):
    response = HttpResponse(
        next_meeting_calendar(request, cell, note).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{cell.slug}-next-meeting.ics"'
    return response
