"""Addresses made from what people typed, unique among their neighbours."""

from django.utils.text import slugify


def unique_slug(queryset, title, fallback, max_length=120, reserved=()):
    """A slug for `title` not yet taken in `queryset` nor `reserved`: the plain slug, or
    the first free one of slug-2, slug-3 and so on. `fallback` serves a title with no
    letter or digit a slug can keep."""
    base = slugify(title)[:max_length].strip("-") or fallback
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    taken.update(reserved)
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug
