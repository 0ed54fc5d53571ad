from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cells.models import Cell, CellNote
from sightings.admin import HistoryLogAdmin


@admin.register(Cell)
class CellAdmin(SimpleHistoryAdmin):
    list_display = ["name", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["convenors"]
    fields = ["name", "slug", "purpose", "convenors", "is_active"]


@admin.register(CellNote)
class CellNoteAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cell", "met_on", "status", "published_at"]
    list_filter = ["status", "cell"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "met_on"
    raw_id_fields = ["sightings", "author"]
    readonly_fields = ["slug", "published_at"]
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
        "sightings",
        "status",
        "author",
        "published_at",
    ]


@admin.register(Cell.history.model)
class CellHistoryAdmin(HistoryLogAdmin):
    search_fields = ["name"]


@admin.register(CellNote.history.model)
class CellNoteHistoryAdmin(HistoryLogAdmin):
    search_fields = ["title"]
