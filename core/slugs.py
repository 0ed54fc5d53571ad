"""Addresses made from what people typed, unique among their neighbours."""

import secrets

from django.utils.text import slugify


def unique_slug(queryset, title, fallback, max_length=120, reserved=()):
    """A slug for `title` with a short random suffix, not yet taken in `queryset`.

    The suffix is there always, not only when the plain slug is taken: a counted one
    ("-2") would tell anyone who posts a title that something with the same title
    exists already, though it is a private draft. `fallback` serves a title with no
    letter or digit a slug can keep.
    """
    base = slugify(title)[:max_length].strip("-") or fallback
    while True:
        slug = f"{base}-{secrets.token_hex(3)}"
        if slug not in reserved and not queryset.filter(slug=slug).exists():
            return slug
