"""Signing up without telling anyone which email addresses have an account.

Every valid sign-up gets the same answer, "check your email"; what arrives there
differs. A new address is sent a link that confirms it and signs in: until then the
account waits, unable to sign in. An address that already has an account is sent a
note to its owner instead, with links to sign in and to reset the password.

Signing a new account in at once would tell whoever typed an address whether it had
one (signed in, or not), and so would signing in later with the password just chosen:
so a new account signs in only through the link sent to its address. Both paths hash
the password typed, so that neither answers sooner than the other. Signing up again
with an address still waiting replaces the name and password and sends a new link,
and the old one stops working: only whoever reads that inbox can finish a sign-up.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_decode, urlsafe_base64_encode
from django_ratelimit.core import is_ratelimited

from accounts.languages import language_of
from accounts.models import Preferences
from outbox import mail

# How many sign-up emails one address may be sent: enough for someone who lost the
# first, too few to fill anyone's inbox by typing their address again and again.
EMAILS_PER_ADDRESS = "3/h"


class ConfirmationTokens(PasswordResetTokenGenerator):
    """Tokens for the confirmation link. They are spent when the account first signs in
    (the last sign-in is part of what they sign) or when the password is replaced."""

    key_salt = "accounts.signups.ConfirmationTokens"


tokens = ConfirmationTokens()


def sign_up(request, data, next_url=""):
    """Email the address typed: a link to confirm a new account, or a note to its owner."""
    owner = _account_for(data["email"])
    if owner is not None and _has_signed_in(owner):
        make_password(data["password"])  # as long as a new account takes to make
        if _may_email(request, data["email"]):
            _email_owner(request, owner)
        return
    with transaction.atomic():
        waiting = _wait_for_confirmation(owner, data)
        if _may_email(request, data["email"]):
            _email_confirmation(request, waiting, next_url)


def waiting_account(uidb64, token):
    """The account the confirmation link is for, if the link is good and still unspent."""
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        user = get_user_model().objects.get(pk=pk, is_active=False, last_login=None)
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None
    return user if tokens.check_token(user, token) else None


def confirm(user):
    user.is_active = True
    user.save(update_fields=["is_active"])


def _account_for(email):
    users = get_user_model().objects
    return users.filter(Q(email__iexact=email) | Q(username=email)).first()


def _has_signed_in(user):
    # An account made here waits, inactive and never signed in, until it is confirmed;
    # anything else at this address belongs to someone.
    return user.is_active or user.last_login is not None


def _wait_for_confirmation(user, data):
    if user is None:
        # The email address doubles as the username, so it is unique and the
        # email-or-username sign-in finds it; public_name never shows it.
        user = get_user_model()(username=data["email"], email=data["email"], is_active=False)
    user.first_name = data["display_name"]
    user.set_password(data["password"])
    user.save()
    preferences, _created = Preferences.objects.get_or_create(user=user)
    preferences.language = translation.get_language()
    preferences.save(update_fields=["language"])
    return user


def _may_email(request, address):
    return not is_ratelimited(
        request,
        group="accounts:signup-email",
        key=lambda _group, _request: address.lower(),
        rate=EMAILS_PER_ADDRESS,
        increment=True,
    )


def _email_confirmation(request, user, next_url):
    path = reverse(
        "accounts:signup-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": tokens.make_token(user),
        },
    )
    if next_url:
        path += "?" + urlencode({"next": next_url})
    context = {"name": user.first_name, "confirm_url": request.build_absolute_uri(path)}
    mail.queue(mail.render("accounts/email/confirm", context, to=[user.email]))


def _email_owner(request, owner):
    # In the owner's own language, addresses and all, not the language of whoever typed
    # their address.
    with translation.override(language_of(owner)):
        context = {
            "sign_in_url": request.build_absolute_uri(reverse(settings.LOGIN_URL)),
            "reset_url": request.build_absolute_uri(reverse("accounts:password-reset")),
        }
        email = mail.render("accounts/email/already_signed_up", context, to=[owner.email])
    mail.queue(email)
