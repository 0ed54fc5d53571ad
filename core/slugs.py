"""Addresses made from what people typed, unique among their neighbours."""

import itertools
import secrets

from django.utils.text import slugify


def unique_slug(queryset, title, fallback, max_length=120, reserved=(), counted=False):
    """A slug for `title` not yet taken in `queryset` nor among `reserved`.

    By default it carries a short random suffix, always, not only when the plain slug
    is taken: a counted one ("-2") would tell anyone who posts a title that something
    with the same title exists already, though it is a private draft. What is public
    from the start (a theme, a place) is `counted`: the plain slug, then "-2", "-3".
    `fallback` serves a title with no letter or digit a slug can keep.
    """
    base = slugify(title)[:max_length].strip("-") or fallback
    reserved = set(reserved)
    if counted:
        taken = reserved | {*queryset.filter(slug__startswith=base).values_list("slug", flat=True)}
        candidates = itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
        return next(slug for slug in candidates if slug not in taken)
    while True:
        slug = f"{base}-{secrets.token_hex(3)}"
        if slug not in reserved and not queryset.filter(slug=slug).exists():
            return slug
