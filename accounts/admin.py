from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect
from django.urls import reverse


@admin.action(description="Clean up after the selected account")
def clean_up_after(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, "Choose one account to clean up after.", messages.ERROR)
        return None
    query = urlencode({"account": queryset.get().get_username()})
    return redirect(f"{reverse('admin:sightings_clean_up')}?{query}")


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class ObservatoryUserAdmin(UserAdmin):
    actions = [clean_up_after]
