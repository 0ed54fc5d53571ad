from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Follow


@admin.action(description=_("Clean up after the selected account"))
def clean_up_after(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Choose one account to clean up after."), messages.ERROR)
        return None
    query = urlencode({"account": queryset.get().get_username()})
    return redirect(f"{reverse('admin:sightings_clean_up')}?{query}")


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class ObservatoryUserAdmin(UserAdmin):
    actions = [clean_up_after]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "what", "frequency", "created_at", "digested_until"]
    list_filter = ["frequency"]
    search_fields = ["user__username", "user__email", "query"]
    raw_id_fields = ["user", "shift", "theme", "place", "cell"]
    list_select_related = ["user", "shift", "theme", "place", "cell"]

    @admin.display(description=_("Follows"))
    def what(self, follow):
        return follow.describe()
