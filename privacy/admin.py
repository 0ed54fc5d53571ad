from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.admin import ObservatoryUserAdmin
from privacy import closure

User = get_user_model()


class ClosingUserAdmin(ObservatoryUserAdmin):
    """The accounts admin, with closing an account as the person could themselves."""

    actions = [*ObservatoryUserAdmin.actions, "close_keeping_published", "close_withdrawing_all"]

    @admin.action(description=_("Close the selected accounts, leaving published sightings up"))
    def close_keeping_published(self, request, queryset):
        self._close(request, queryset, keep_published=True)

    @admin.action(description=_("Close the selected accounts and withdraw all their sightings"))
    def close_withdrawing_all(self, request, queryset):
        self._close(request, queryset, keep_published=False)

    def _close(self, request, queryset, *, keep_published):
        for user in queryset.exclude(preferences__closed_at__isnull=False):
            if reasons := closure.refusals(user):
                not_closed = _("%(account)s was not closed: %(reasons)s") % {
                    "account": user.username,
                    "reasons": " ".join(reasons),
                }
                self.message_user(request, not_closed, messages.ERROR)
                continue
            closure.close_account(user, keep_published=keep_published)
            self.message_user(
                request, _("Closed an account; its name is removed."), messages.SUCCESS
            )


admin.site.unregister(User)
admin.site.register(User, ClosingUserAdmin)
