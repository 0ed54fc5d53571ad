"""What every email about a follow carries: its signed one-click unsubscribe link.

The token is the follow's id signed with the site's secret key (django.core.signing), so
it works without signing in, never expires, and stops that one follow only. A forged or
cut-short token fails its signature; a token for a follow already stopped finds nothing.
"""

import itertools

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from accounts.languages import language_of
from accounts.names import own_name
from outbox import mail

SALT = "observatory.follow.unsubscribe"


def unsubscribe_token(follow):
    # No timestamp: the same follow always has the same link, and it never expires.
    return signing.Signer(salt=SALT).sign(str(follow.pk))


def follow_id_from(token):
    """The follow's id the token was made for, or None if it is not one of ours."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def unsubscribe_url(follow):
    path = reverse("following:unsubscribe", kwargs={"token": unsubscribe_token(follow)})
    return settings.SITE_URL.rstrip("/") + path


def list_headers(follow):
    """RFC 2369 and RFC 8058: mail programs show their own one-click "Unsubscribe"."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(follow)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def following_url():
    return settings.SITE_URL.rstrip("/") + reverse("following:list")


def email_about(user, follows, template_prefix, context):
    """One email to one person, however many of their follows led to it.

    Each follow that led to it is named with its own unsubscribe link; the headers carry
    the first one's, so a mail program's "Unsubscribe" stops that one.
    """
    with translation.override(language_of(user)):
        reasons = [
            {"follow": f, "what": f.describe(), "unsubscribe_url": unsubscribe_url(f)}
            for f in follows
        ]
        return mail.render(
            template_prefix,
            {
                **context,
                "name": own_name(user),
                "reasons": reasons,
                "following_url": following_url(),
            },
            to=[user.email],
            headers=list_headers(follows[0]),
            with_html=True,
        )


def by_person(follows, people_at_once=500):
    """Follows grouped by person, as (user, [their follows]) pairs, read lazily.

    Read a few hundred people at a time by their id rather than through one open cursor,
    because whoever reads them commits as they go, and a commit closes a cursor.
    """
    after = 0
    while True:
        ids = list(
            follows.filter(user_id__gt=after)
            .order_by("user_id")
            .values_list("user_id", flat=True)
            .distinct()[:people_at_once]
        )
        if not ids:
            return
        theirs = (
            follows.filter(user_id__in=ids)
            .select_related("user__preferences", "shift", "theme", "place", "cell")
            .order_by("user_id", "pk")
        )
        for _user_id, group in itertools.groupby(theirs, key=user_of):
            group = list(group)
            yield group[0].user, group
        after = ids[-1]


def user_of(follow):
    return follow.user_id
