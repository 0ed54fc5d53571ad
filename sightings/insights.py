"""The /insights/ page: what the published sightings show, as charts drawn on the server.

Each insight is counted in one grouped query, then laid out here as plain numbers
(points, bars, ticks) that the template draws as SVG. Nothing needs JavaScript,
every chart has a data table and a sentence, and only published sightings count.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import dateformat, timezone

from sightings import counts
from sightings.models import FollowUp, Shift, Sighting

MONTHS = 24
INSIGHTS_KEY = "insights:1"
WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 22, 10, 200


@dataclass
class Series:
    name: str
    css_class: str
    values: list
    points: str = ""


@dataclass
class Insight:
    slug: str
    title: str
    sentence: str
    description: str
    kind: str
    columns: list
    rows: list
    chart: dict = field(default_factory=dict)


def current_insights():
    """The insights, counted again only once what is published has changed."""
    return counts.cached({INSIGHTS_KEY: build_insights})[INSIGHTS_KEY]


def build_insights(today=None):
    today = today or timezone.localdate()
    shifts = list(Shift.objects.order_by("position"))
    published = Sighting.objects.published()
    return [
        shifts_per_month(published, shifts, today),
        shifts_by_setting(published, shifts),
        bonding_and_bridging(published, today),
        how_shifts_last(published),
    ]


def _months(today, count=MONTHS):
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return months[::-1]


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def shifts_per_month(published, shifts, today):
    months = _months(today)
    counts = (
        Sighting.shifts.through.objects.filter(
            sighting__in=published, sighting__date_observed__gte=months[0]
        )
        .annotate(month=TruncMonth("sighting__date_observed"))
        .values("shift_id", "month")
        .annotate(total=Count("sighting_id"))
        .order_by()
    )
    found = {(row["shift_id"], _as_date(row["month"])): row["total"] for row in counts}
    series = [
        Series(
            shift.name,
            f"series--shift-{shift.position}",
            [found.get((shift.pk, month), 0) for month in months],
        )
        for shift in shifts
    ]
    labels = [dateformat.format(month, "M Y") for month in months]
    totals = {s.name: sum(s.values) for s in series}
    total = sum(totals.values())
    if total:
        leader = max(series, key=lambda s: sum(s.values))
        sentence = (
            f"Over the last {MONTHS} months, {leader.name} was the shift seen most often: "
            f"{totals[leader.name]} published sightings show it."
        )
    else:
        sentence = f"No published sighting was seen in the last {MONTHS} months."
    return Insight(
        slug="shifts-per-month",
        title="Sightings of each shift, month by month",
        sentence=sentence,
        description=f"A line for each of the five shifts, counting the published sightings "
        f"that show it by the month they were seen, over the last {MONTHS} months.",
        kind="line",
        columns=["Month", *[s.name for s in series]],
        rows=[[label, *[s.values[i] for s in series]] for i, label in enumerate(labels)],
        chart=_line_chart(series, labels, every=3),
    )


def shifts_by_setting(published, shifts):
    counts = (
        Sighting.shifts.through.objects.filter(sighting__in=published)
        .values("sighting__setting", "shift_id")
        .annotate(total=Count("sighting_id"))
        .order_by()
    )
    found = {(row["sighting__setting"], row["shift_id"]): row["total"] for row in counts}
    settings = [
        (value, label)
        for value, label in Sighting.Setting.choices
        if any(found.get((value, shift.pk)) for shift in shifts)
    ]
    rows = [[label, *[found.get((value, s.pk), 0) for s in shifts]] for value, label in settings]
    if rows:
        busiest = max(rows, key=lambda row: sum(row[1:]))
        top_shift = shifts[busiest[1:].index(max(busiest[1:]))]
        sentence = (
            f"{busiest[0]} is the setting with the most sightings, and there "
            f"{top_shift.name} is the shift seen most often ({max(busiest[1:])})."
        )
    else:
        sentence = "No published sighting has a setting and a shift yet."
    bars = [(row[0], _shift_segments(shifts, row[1:])) for row in rows]
    return Insight(
        slug="shifts-by-setting",
        title="Shifts by setting",
        sentence=sentence,
        description="A bar for each setting, divided by how many of its published "
        "sightings show each of the five shifts.",
        kind="bar",
        columns=["Setting", *[s.name for s in shifts]],
        rows=rows,
        chart=_bar_chart(bars, legend=[(s.name, f"series--shift-{s.position}") for s in shifts]),
    )


def _shift_segments(shifts, counts):
    return [
        (shift.name, f"series--shift-{shift.position}", count)
        for shift, count in zip(shifts, counts, strict=True)
    ]


CONNECTIONS = [
    (Sighting.Connection.BONDING, "Bonding (people like each other)", "series--bonding"),
    (Sighting.Connection.BRIDGING, "Bridging (people unlike each other)", "series--bridging"),
    (Sighting.Connection.BOTH, "Both", "series--both"),
]


def bonding_and_bridging(published, today):
    quarters = sorted({_quarter_start(month) for month in _months(today)})
    counts = (
        published.filter(date_observed__gte=quarters[0])
        .annotate(quarter=TruncQuarter("date_observed"))
        .values("quarter", "connection")
        .annotate(total=Count("pk"))
        .order_by()
    )
    found = {(_as_date(row["quarter"]), row["connection"]): row["total"] for row in counts}
    series = [
        Series(label, css, [found.get((quarter, value), 0) for quarter in quarters])
        for value, label, css in CONNECTIONS
    ]
    labels = [f"Q{(q.month - 1) // 3 + 1} {q.year}" for q in quarters]
    bonding, bridging = sum(series[0].values), sum(series[1].values)
    if bonding or bridging:
        half = len(quarters) // 2
        recent = sum(series[1].values[half:]) - sum(series[0].values[half:])
        trend = (
            "Bridging outnumbered bonding in the most recent year."
            if recent > 0
            else "Bonding outnumbered bridging in the most recent year."
            if recent < 0
            else "In the most recent year the two were level."
        )
        sentence = (
            f"Over the last {MONTHS} months, {bridging} published sighting"
            f"{'s' if bridging != 1 else ''} brought together people unlike each other "
            f"and {bonding} brought together people like each other. {trend}"
        )
    else:
        sentence = (
            f"No published sighting in the last {MONTHS} months says who it brought together."
        )
    return Insight(
        slug="bonding-and-bridging",
        title="Bonding and bridging over time",
        sentence=sentence,
        description="Lines counting, quarter by quarter, the published sightings that "
        "brought together people like each other (bonding), unlike each other "
        "(bridging), or both.",
        kind="line",
        columns=["Quarter", *[s.name for s in series]],
        rows=[[label, *[s.values[i] for s in series]] for i, label in enumerate(labels)],
        chart=_line_chart(series, labels, every=1),
    )


def _quarter_start(day):
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def how_shifts_last(published):
    counts = (
        published.with_latest_outcome()
        .filter(latest_outcome__isnull=False)
        .values("latest_outcome")
        .annotate(total=Count("pk"))
        .order_by()
    )
    found = {row["latest_outcome"]: row["total"] for row in counts}
    rows = [[label, found.get(value, 0)] for value, label in FollowUp.Outcome.choices]
    followed = sum(found.values())
    lasting = sum(found.get(value, 0) for value in FollowUp.LASTING)
    if followed:
        sentence = (
            f"Of the {followed} published sighting{'s' if followed != 1 else ''} with a "
            f"follow-up, {lasting} ({round(100 * lasting / followed)}%) were still happening "
            "or had grown when last checked."
        )
    else:
        sentence = "No published sighting has a follow-up yet."
    bars = [
        (label, [(label, f"series--{value}", found.get(value, 0))])
        for value, label in FollowUp.Outcome.choices
    ]
    return Insight(
        slug="how-shifts-last",
        title="Do the shifts last?",
        sentence=sentence,
        description="A bar for each answer to “Is it still happening?”, counting published "
        "sightings by their newest follow-up.",
        kind="bar",
        columns=["Newest follow-up", "Sightings"],
        rows=rows,
        chart=_bar_chart(bars),
    )


def _nice_top(value):
    """A round number at or above the largest value, for the axis."""
    if value <= 4:
        return 4
    step = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if value <= step * factor:
            return int(step * factor)
    return value


def _line_chart(series, labels, every):
    top = _nice_top(max((max(s.values) for s in series if s.values), default=0))
    inner_width, inner_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_width / max(len(labels) - 1, 1)

    def x(index):
        return round(LEFT + index * step, 1)

    def y(value):
        return round(TOP + inner_height - value / top * inner_height, 1)

    for s in series:
        s.points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(s.values))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "series": series,
        "x_labels": [
            {"x": x(i), "y": HEIGHT - BOTTOM + 18, "text": label}
            for i, label in enumerate(labels)
            if i % every == 0
        ],
        "y_ticks": [
            {"y": y(value), "text": f"{value:g}", "x": LEFT - 6} for value in (0, top / 2, top)
        ],
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "legend": [(s.name, s.css_class) for s in series],
    }


def _bar_chart(bars, legend=None):
    top = _nice_top(max((sum(n for *_, n in segments) for _, segments in bars), default=0))
    inner_width = WIDTH - LABEL_WIDTH - RIGHT
    rows = []
    for index, (label, segments) in enumerate(bars):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        x, parts = LABEL_WIDTH, []
        for name, css, value in segments:
            width = round(value / top * inner_width, 1)
            if value:
                parts.append({"x": x, "width": width, "css": css, "value": value, "name": name})
            x += width
        total = sum(n for *_, n in segments)
        rows.append(
            {
                "label": label,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "segments": parts,
                "total": total,
                "total_x": round(x + 6, 1),
            }
        )
    height = TOP + len(bars) * (BAR_HEIGHT + BAR_GAP) + 24
    return {
        "width": WIDTH,
        "height": height,
        "rows": rows,
        "bar_height": BAR_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "left": LABEL_WIDTH,
        "axis_y": height - 20,
        "legend": legend or [],
    }
