from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.defaultfilters import pluralize
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from sightings.authoring import refusal
from sightings.forms import not_in_the_future
from sightings.models import (
    FollowUp,
    Shift,
    Sighting,
    StatusChange,
    Theme,
    ThemeAlias,
    ThemedSighting,
)

# Themes are sightings.Theme; taggit's own Tag table is never used, so staff are not shown it.
admin.site.unregister(Tag)


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "description"]
    readonly_fields = ["name", "slug", "position"]
    fields = ["name", "slug", "position", "description", "explanation"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ThemedSightingInline(admin.TabularInline):
    model = ThemedSighting
    extra = 0
    autocomplete_fields = ["tag"]
    verbose_name = "theme"


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    fields = ["observed_on", "outcome", "note", "author"]
    raw_id_fields = ["author"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description="Publish the selected submitted sightings")
def publish_selected(modeladmin, request, queryset):
    publish_each(modeladmin, request, queryset, "sighting")


def publish_each(modeladmin, request, objects, noun):
    """Publish each through its own rules, saying which were refused and why."""
    published = 0
    for item in objects:
        try:
            item.publish(by=request.user)
        except (ValidationError, PermissionDenied) as error:
            modeladmin.message_user(request, f"{item}: {refusal(error)}", messages.ERROR)
        else:
            published += 1
    if published:
        modeladmin.message_user(
            request, f"Published {published} {noun}{pluralize(published)}.", messages.SUCCESS
        )


class SightingAdminForm(forms.ModelForm):
    """Staff edit past the review, so the rules a published sighting must keep apply here."""

    def clean_date_observed(self):
        day = self.cleaned_data.get("date_observed")
        not_in_the_future(day)
        return day

    def clean(self):
        cleaned_data = super().clean()
        shown = self.instance.status in Sighting.REVIEWABLE_STATUSES
        if shown and "shifts" in cleaned_data and not cleaned_data["shifts"]:
            self.add_error("shifts", "A sighting that has been submitted needs at least one shift.")
        return cleaned_data


@admin.register(Sighting)
class SightingAdmin(SimpleHistoryAdmin):
    form = SightingAdminForm
    list_display = [
        "title",
        "status",
        "author",
        "place",
        "setting",
        "direction",
        "date_observed",
        "published_at",
    ]
    list_filter = ["status", "direction", "shifts", "setting", "connection"]
    search_fields = ["title", "summary", "place", "author__username", "author__email"]
    date_hierarchy = "date_observed"
    readonly_fields = ["slug", "status", "created_at", "updated_at", "submitted_at", "published_at"]
    raw_id_fields = ["author"]
    filter_horizontal = ["shifts"]
    inlines = [ThemedSightingInline, FollowUpInline, StatusChangeInline]
    actions = [publish_selected]
    # The history page then reads as the sighting's path through review.
    history_list_display = ["status"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "story", "place", "date_observed"]}),
        (
            "Tagging",
            {"fields": ["setting", "shifts", "direction", "connection", "source_url", "consent"]},
        ),
        (
            "Review",
            {
                "fields": [
                    "author",
                    "status",
                    "feedback",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "published_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


@admin.register(ThemeAlias)
class ThemeAliasAdmin(admin.ModelAdmin):
    list_display = ["slug", "theme"]
    search_fields = ["slug", "theme__name"]
    autocomplete_fields = ["theme"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["sighting", "outcome", "observed_on", "author"]
    list_filter = ["outcome"]
    raw_id_fields = ["sighting", "author"]


class HistoryLogAdmin(admin.ModelAdmin):
    """Every recorded change to one kind of object, deletions included, newest first.

    An object's own History page is reached from the object; once it is deleted, this
    list is where staff find it. Read-only: history is evidence, not a draft.
    """

    list_display = ["history_date", "history_type", "__str__", "history_user"]
    list_filter = ["history_type"]
    date_hierarchy = "history_date"
    list_select_related = ["history_user"]
    ordering = ["-history_date"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Sighting.history.model)
class SightingHistoryAdmin(HistoryLogAdmin):
    search_fields = ["title", "history_user__username"]


@admin.register(FollowUp.history.model)
class FollowUpHistoryAdmin(HistoryLogAdmin):
    list_display = ["history_date", "history_type", "outcome", "note", "history_user"]
