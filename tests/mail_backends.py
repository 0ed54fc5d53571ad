"""Mail servers that misbehave, for the tests of sending with retries."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class FlakyBackend(EmailBackend):
    """Times out on the first two attempts of each process's life, then delivers."""

    failures_left = 2

    def send_messages(self, messages):
        if FlakyBackend.failures_left:
            FlakyBackend.failures_left -= 1
            raise TimeoutError("timed out")
        return super().send_messages(messages)
