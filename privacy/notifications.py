"""The email that confirms an account was closed, sent to the address it had."""

from django.utils import translation

from outbox import mail


def email_account_closed(address, keep_published, language):
    context = {"keep_published": keep_published}
    with translation.override(language):
        email = mail.render("privacy/email/closed", context, to=[address])
    mail.queue(email)
