"""Link every sighting already submitted to a place, matched as new submissions are."""

from collections import Counter, defaultdict

from django.db import migrations
from django.utils.text import slugify

from sightings.places import locate, place_key


def link_places(apps, schema_editor):
    Place = apps.get_model("sightings", "Place")
    Sighting = apps.get_model("sightings", "Sighting")
    typed = Counter(
        Sighting.objects.exclude(status="draft").exclude(place="").values_list("place", flat=True)
    )
    spellings = defaultdict(list)
    for text, uses in typed.most_common():
        if key := place_key(text):
            spellings[key].append(text)
    slugs = set(Place.objects.values_list("slug", flat=True))
    for key, texts in spellings.items():
        place = Place.objects.filter(key=key).first() or _new_place(Place, texts[0], key, slugs)
        Sighting.objects.filter(place__in=texts, place_ref=None).update(place_ref=place)


def _new_place(Place, text, key, slugs):
    name = " ".join(text.split())[:200]
    base = slugify(name)[:120].strip("-") or "place"
    slug, suffix = base, 2
    while slug in slugs:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    slugs.add(slug)
    place = Place(name=name, key=key, slug=slug)
    if found := locate(name):
        place.latitude, place.longitude, place.region = found
    place.save()
    return place


class Migration(migrations.Migration):
    dependencies = [("sightings", "0009_places")]

    operations = [migrations.RunPython(link_places, migrations.RunPython.noop)]
