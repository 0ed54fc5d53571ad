from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from cells.models import Cell, CellNote, DiscussedSighting
from core.admin_actions import publish_each
from core.admin_history import HistoryLogAdmin


@admin.register(Cell)
class CellAdmin(SimpleHistoryAdmin):
    list_display = ["name", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["convenors"]
    fields = ["name", "slug", "purpose", "convenors", "is_active"]


class CellNoteAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.is_public:
            for name in CellNote.REQUIRED_TO_PUBLISH:
                if name in self.fields and not cleaned.get(name):
                    self.add_error(name, "A published note needs this.")
        return cleaned


class DiscussedSightingInline(admin.TabularInline):
    model = DiscussedSighting
    raw_id_fields = ["sighting"]
    fields = ["sighting", "reading", "why"]
    extra = 0
    verbose_name = "linked sighting"
    verbose_name_plural = "Linked sightings"


@admin.register(CellNote)
class CellNoteAdmin(SimpleHistoryAdmin):
    form = CellNoteAdminForm
    list_display = ["title", "cell", "met_on", "status", "published_at"]
    list_filter = ["status", "cell"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "met_on"
    raw_id_fields = ["author"]
    inlines = [DiscussedSightingInline]
    # Status moves only through CellNote.publish(), which checks who acts and what is missing.
    readonly_fields = ["slug", "status", "published_at"]
    actions = ["publish_notes"]
    history_list_display = ["status"]
    fields = [
        "cell",
        "title",
        "slug",
        "met_on",
        "summary",
        "body",
        "topics_next",
        "next_meeting",
        "status",
        "author",
        "published_at",
    ]

    @admin.action(description=_("Publish the selected notes"))
    def publish_notes(self, request, queryset):
        publish_each(
            self,
            request,
            queryset.select_related("cell"),
            lambda done: (
                ngettext("Published %(count)s note.", "Published %(count)s notes.", done)
                % {"count": done}
            ),
        )


@admin.register(Cell.history.model)
class CellHistoryAdmin(HistoryLogAdmin):
    search_fields = ["name"]


@admin.register(CellNote.history.model)
class CellNoteHistoryAdmin(HistoryLogAdmin):
    search_fields = ["title"]
