"""The email that confirms an account was closed, sent to the address it had."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def email_account_closed(address, keep_published, language):
    context = {"keep_published": keep_published}
    with translation.override(language):
        subject = render_to_string("privacy/email/closed_subject.txt", context).strip()
        message = render_to_string("privacy/email/closed.txt", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[address])
