"""What the places pages count and draw: each place's sightings, shifts and map point.

Every place's counts are read together, in two grouped queries over the tallies kept as
sightings are published (sightings/tallies.py), and kept until what is published
changes (core/generation.py); one place's page reads its profile from them rather
than counting its own sightings again.
"""

import math
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.generation import cached
from sightings import counts, tallies
from sightings.models import Place, Shift, Sighting, Tally, url_by_slug

# The second part changes whenever PlaceCount does, so no older shape is read back.
PLACES_KEY = f"counts:{counts.FORMAT}:places:3"
WHOLE_PROFILE_KEY = f"counts:{counts.FORMAT}:whole-profile"
TALLIES_KEY = f"counts:{counts.FORMAT}:place-tallies"

# The map: an equirectangular projection of the United Kingdom, longitude scaled by the
# cosine of 54.5° N (the middle of the frame) so that distances read true there.
MAP_NORTH, MAP_SOUTH = 61.0, 49.8
MAP_WEST, MAP_EAST = -8.7, 2.0
MAP_MIDDLE_LATITUDE = 54.5
MAP_SCALE = 50  # pixels to a degree of latitude
MAP_MARGIN = 12
SMALLEST_POINT, LARGEST_POINT = 4, 14
PROFILE_WIDTH = 120
MAP_LABELS = 8
# Marked here, translated where the map's caption shows it.
PROJECTION = gettext_noop(
    "Equirectangular projection of the United Kingdom: north is up; a degree of "
    "longitude is drawn as cos 54.5° of a degree of latitude."
)


@dataclass(frozen=True)
class PlaceCount:
    """A place as the index shows it; small, so thousands of them cache cheaply."""

    id: int
    name: str
    slug: str
    region: str
    latitude: float | None
    longitude: float | None
    published_count: int
    # Published sightings per shift, in the five's order.
    shift_counts: tuple

    def get_absolute_url(self):
        # Worked out as it is shown, not kept: the same count serves /places/ and /cy/places/.
        return url_by_slug("sightings:place-detail", self.slug)


def _place_tallies():
    """Per place: its published sightings by connection and direction, and its links
    to shifts by shift and direction. Two grouped queries answer every place's page:
    over the tallies kept as sightings are published, or over the sightings when the
    tallies are not in step (sightings/tallies.py)."""
    if tallies.in_step():
        every_place = Tally.objects.filter(month=Tally.ALL_TIME).exclude(place=Tally.EVERY_PLACE)
        return _by_place(
            every_place.filter(shift=Tally.ITSELF).values_list("place", "connection", "direction"),
            every_place.exclude(shift=Tally.ITSELF).values_list("place", "shift", "direction"),
            Sum("total"),
        )
    published = Sighting.objects.published().exclude(place_ref=None)
    links = Sighting.shifts.through.objects.filter(
        sighting__status=Sighting.Status.PUBLISHED, sighting__place_ref__isnull=False
    )
    return _by_place(
        published.values_list("place_ref_id", "connection", "direction"),
        links.values_list("sighting__place_ref_id", "shift_id", "sighting__direction"),
        Count("*"),
    )


def _by_place(sightings, links, counted):
    by_place = {}
    for place, connection, direction, n in sightings.annotate(n=counted).order_by():
        if n:
            place_tally = by_place.setdefault(place, {"sightings": {}, "links": {}})
            place_tally["sightings"][(connection, direction)] = n
    for place, shift, direction, n in links.annotate(n=counted).order_by():
        if n:
            place_tally = by_place.setdefault(place, {"sightings": {}, "links": {}})
            place_tally["links"][(shift, direction)] = n
    return by_place


def place_tallies():
    """Every place's tallies (_place_tallies), kept until what is published changes."""
    return cached({TALLIES_KEY: _place_tallies})[TALLIES_KEY]


def _places_with_counts():
    tallies = place_tallies()
    shift_ids = list(Shift.objects.order_by("position").values_list("pk", flat=True))
    rows = Place.objects.filter(pk__in=tallies).values_list(
        "pk", "name", "slug", "region", "latitude", "longitude"
    )
    places = []
    for pk, name, slug, region, latitude, longitude in rows:
        by_shift = {}
        for (shift, _direction), n in tallies[pk]["links"].items():
            by_shift[shift] = by_shift.get(shift, 0) + n
        total = sum(tallies[pk]["sightings"].values())
        if not total:
            continue
        places.append(
            PlaceCount(
                id=pk,
                name=name,
                slug=slug,
                region=region,
                latitude=latitude,
                longitude=longitude,
                published_count=total,
                shift_counts=tuple(by_shift.get(shift, 0) for shift in shift_ids),
            )
        )
    return places


def places_with_counts():
    """Every place with a published sighting, unsorted."""
    return cached({PLACES_KEY: _places_with_counts})[PLACES_KEY]


SORTS = {
    "count": (
        _("Most sightings first"),
        lambda place: (-place.published_count, place.name.lower()),
    ),
    "name": (_("By name"), lambda place: (place.name.lower(), place.slug)),
}
DEFAULT_SORT = "count"


def profile_bar(place, shifts):
    """A place's shifts as the parts of one bar, each as wide as its share."""
    total = sum(place.shift_counts)
    parts, x = [], 0.0
    for shift, count in zip(shifts, place.shift_counts, strict=True):
        width = PROFILE_WIDTH * count / total if total else 0
        parts.append({"shift": shift, "count": count, "x": round(x, 1), "width": round(width, 1)})
        x += width
    return parts


def sorted_places(places, sort):
    """The places in the order asked for; an order not offered falls back to the default."""
    chosen = sort if sort in SORTS else DEFAULT_SORT
    return chosen, sorted(places, key=SORTS[chosen][1])


@dataclass(frozen=True)
class MapPoint:
    place: PlaceCount
    x: float
    y: float
    radius: float
    labelled: bool

    @property
    def label_on_left(self):
        """Labels in the eastern half sit west of their point, so none runs off the map."""
        return self.x > map_size()[0] / 2

    @property
    def label_x(self):
        gap = self.radius + 3
        return round(self.x - gap if self.label_on_left else self.x + gap, 1)


def project(latitude, longitude):
    """Map coordinates (x right, y down) of a point, or None when it is off the map."""
    if not (MAP_SOUTH <= latitude <= MAP_NORTH and MAP_WEST <= longitude <= MAP_EAST):
        return None
    stretch = math.cos(math.radians(MAP_MIDDLE_LATITUDE))
    x = MAP_MARGIN + (longitude - MAP_WEST) * stretch * MAP_SCALE
    y = MAP_MARGIN + (MAP_NORTH - latitude) * MAP_SCALE
    return round(x, 1), round(y, 1)


def map_size():
    stretch = math.cos(math.radians(MAP_MIDDLE_LATITUDE))
    width = (MAP_EAST - MAP_WEST) * stretch * MAP_SCALE + 2 * MAP_MARGIN
    height = (MAP_NORTH - MAP_SOUTH) * MAP_SCALE + 2 * MAP_MARGIN
    return round(width), round(height)


def place_map(places):
    """The points of the map, largest first so that small ones are drawn on top."""
    located = [
        (place, project(place.latitude, place.longitude))
        for place in places
        if place.latitude is not None and place.longitude is not None
    ]
    located = [(place, xy) for place, xy in located if xy is not None]
    most = max((place.published_count for place, _xy in located), default=1)
    by_size = sorted(located, key=lambda pair: (-pair[0].published_count, pair[0].name))
    labelled = {place.slug for place, _xy in by_size[:MAP_LABELS]}
    width, height = map_size()
    return {
        "width": width,
        "height": height,
        "points": [
            MapPoint(
                place=place,
                x=x,
                y=y,
                # The area, not the radius, grows with the count.
                radius=round(
                    SMALLEST_POINT
                    + (LARGEST_POINT - SMALLEST_POINT) * math.sqrt(place.published_count / most),
                    1,
                ),
                labelled=place.slug in labelled,
            )
            for place, (x, y) in by_size
        ],
        "graticule": _graticule(),
        "projection": PROJECTION,
        "off_map": len(places) - len(located),
    }


def _graticule():
    """Lines every two degrees, so the points can be read against latitude and longitude."""
    top_left, bottom_right = project(MAP_NORTH, MAP_WEST), project(MAP_SOUTH, MAP_EAST)
    lines = []
    for latitude in range(50, 61, 2):
        y = project(latitude, MAP_WEST)[1]
        lines.append({"x1": top_left[0], "y1": y, "x2": bottom_right[0], "y2": y})
    for longitude in range(-8, 3, 2):
        x = project(MAP_SOUTH, longitude)[0]
        lines.append({"x1": x, "y1": top_left[1], "x2": x, "y2": bottom_right[1]})
    return lines


def _whole_profile():
    # The counts per shift are the Observatory's own (sightings/counts.py).
    if tallies.in_step():
        itself = Tally.objects.filter(
            place=Tally.EVERY_PLACE, month=Tally.ALL_TIME, shift=Tally.ITSELF
        )
        connections = itself.values_list("connection").annotate(n=Sum("total")).order_by()
        return {
            "total": itself.aggregate(n=Sum("total"))["n"] or 0,
            "shifts": counts.published_per_shift(),
            "connections": {connection: n for connection, n in connections if n},
        }
    published = Sighting.objects.published()
    return {
        "total": published.count(),
        "shifts": counts.published_per_shift(),
        "connections": dict(published.values_list("connection").annotate(n=Count("*")).order_by()),
    }


def whole_profile():
    """The whole Observatory's counts, for comparing one place with."""
    return cached({WHOLE_PROFILE_KEY: _whole_profile})[WHOLE_PROFILE_KEY]


def _share(part, whole):
    return round(100 * part / whole) if whole else 0


def place_profile(place):
    """One place's shift profile beside the whole Observatory's, and its connections.

    Read from every place's tallies, kept until what is published changes, rather than
    counted for the one place: a place's page then costs no counting of its own.
    """
    tally = place_tallies().get(place.pk, {"sightings": {}, "links": {}})
    per_shift = {}
    for (shift_id, direction), n in tally["links"].items():
        per_shift.setdefault(shift_id, {})[direction] = n
    connections, slipping_back = {}, 0
    for (connection, direction), n in tally["sightings"].items():
        connections[connection] = connections.get(connection, 0) + n
        slipping_back += n if direction == Sighting.Direction.BACK else 0
    total = sum(connections.values())
    whole = whole_profile()
    shifts = []
    for shift in Shift.objects.order_by("position"):
        here = per_shift.get(shift.pk, {})
        forward = here.get(Sighting.Direction.FORWARD, 0)
        back = here.get(Sighting.Direction.BACK, 0)
        everywhere = whole["shifts"].get(shift.pk, 0)
        shifts.append(
            {
                "shift": shift,
                "count": forward + back,
                "forward": forward,
                "back": back,
                "share": _share(forward + back, total),
                "whole_count": everywhere,
                "whole_share": _share(everywhere, whole["total"]),
            }
        )
    return {
        "total": total,
        "back": slipping_back,
        "shifts": shifts,
        "connections": [
            {
                "label": label,
                "count": connections.get(value, 0),
                "share": _share(connections.get(value, 0), total),
                "whole_share": _share(whole["connections"].get(value, 0), whole["total"]),
            }
            for value, label in [*Sighting.Connection.choices, ("", _("Not said"))]
            if connections.get(value) or whole["connections"].get(value)
        ],
    }
