"""The email that confirms an account was closed, sent to the address it had."""

from django.core.mail import send_mail
from django.template.loader import render_to_string


def email_account_closed(address, keep_published):
    context = {"keep_published": keep_published}
    send_mail(
        subject=render_to_string("privacy/email/closed_subject.txt", context).strip(),
        message=render_to_string("privacy/email/closed.txt", context),
        from_email=None,
        recipient_list=[address],
    )
