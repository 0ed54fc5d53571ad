from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from outbox.mail import queue_now
from outbox.models import UndeliveredEmail


@admin.register(UndeliveredEmail)
class UndeliveredEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "attempts", "failed_at", "resent_at"]
    list_filter = ["failed_at", "resent_at"]
    search_fields = ["subject", "recipients", "error"]
    readonly_fields = [
        "recipients",
        "subject",
        "body",
        "html",
        "headers",
        "attempts",
        "error",
        "failed_at",
        "resent_at",
    ]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Queue the selected emails to be sent again"))
    def send_again(self, request, queryset):
        count = 0
        for email in queryset:
            queue_now(email.message())
            email.resent_at = timezone.now()
            email.save(update_fields=["resent_at"])
            count += 1
        self.message_user(
            request,
            ngettext("Queued %(count)s email again.", "Queued %(count)s emails again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
