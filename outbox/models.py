from django.db import models
from django.utils.translation import gettext_lazy as _


class UndeliveredEmail(models.Model):
    """An email the mail server refused on every attempt: kept whole, so staff can resend it."""

    recipients = models.TextField(_("To"), help_text=_("One address a line."))
    subject = models.CharField(_("Subject"), max_length=300)
    body = models.TextField(_("Plain text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("Headers"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("Attempts"))
    error = models.TextField(_("Last error"))
    failed_at = models.DateTimeField(_("Given up at"), auto_now_add=True)
    resent_at = models.DateTimeField(
        _("Queued again at"),
        null=True,
        blank=True,
        help_text=_("When staff queued it to be tried again; empty until then."),
    )

    class Meta:
        ordering = ["-failed_at", "-pk"]
        verbose_name = _("undelivered email")

    def __str__(self):
        return f"{self.subject} → {self.recipients}"

    def message(self):
        return {
            "to": self.recipients.splitlines(),
            "subject": self.subject,
            "body": self.body,
            "html": self.html,
            "headers": self.headers,
        }
