"""The admin's list of every recorded change to one kind of object."""

from django.contrib import admin


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
