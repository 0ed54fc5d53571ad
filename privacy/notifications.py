"""The email that confirms an account was closed, sent to the address it had."""

from outbox import mail


def email_account_closed(address, keep_published):
    context = {"keep_published": keep_published}
    mail.queue(mail.render("privacy/email/closed", context, to=[address]))
