from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag

from core.admin_actions import act_on_each, publish_each
from core.admin_history import HistoryLogAdmin
from sightings import moderation
from sightings.models import (
    Echo,
    FollowUp,
    Place,
    PlaceAlias,
    Shift,
    Sighting,
    StatusChange,
    Theme,
    ThemeAlias,
    ThemedSighting,
)

CLEAN_UP_PERMISSIONS = [
    "sightings.change_followup",
    "sightings.delete_followup",
    "sightings.change_sighting",
    "sightings.delete_sighting",
    "auth.change_user",
]

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
    fields = ["observed_on", "outcome", "note", "author", "hidden_reason"]
    readonly_fields = ["hidden_reason"]
    raw_id_fields = ["author"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description=_("Put back the selected sightings that staff took down"))
def put_back_selected(modeladmin, request, queryset):
    act_on_each(
        modeladmin,
        request,
        queryset,
        lambda sighting: sighting.put_back(by=request.user),
        lambda done: (
            ngettext("Put back %(count)s sighting.", "Put back %(count)s sightings.", done)
            % {"count": done}
        ),
    )


@admin.action(description=_("Show the selected hidden follow-ups again"))
def show_again_selected(modeladmin, request, queryset):
    shown = 0
    for follow_up in queryset.hidden():
        follow_up.show_again(by=request.user)
        shown += 1
    shown_again = ngettext(
        "%(count)s follow-up shown again.", "%(count)s follow-ups shown again.", shown
    ) % {"count": shown}
    modeladmin.message_user(request, shown_again, messages.SUCCESS)


@admin.action(description=_("Publish the selected submitted sightings"))
def publish_selected(modeladmin, request, queryset):
    publish_each(
        modeladmin,
        request,
        queryset,
        lambda done: (
            ngettext("Published %(count)s sighting.", "Published %(count)s sightings.", done)
            % {"count": done}
        ),
    )


class SightingAdminForm(forms.ModelForm):
    """Staff edit past the review, so the rules a published sighting must keep apply here."""

    def clean(self):
        cleaned_data = super().clean()
        shown = self.instance.status in Sighting.SHARED_WITH_CONVENORS
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
    raw_id_fields = ["author", "place_ref"]
    filter_horizontal = ["shifts"]
    inlines = [ThemedSightingInline, FollowUpInline, StatusChangeInline]
    actions = [publish_selected, put_back_selected]
    # The history page then reads as the sighting's path through review.
    history_list_display = ["status"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "story",
                    "place",
                    "place_ref",
                    "date_observed",
                ]
            },
        ),
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


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    extra = 0
    fields = ["slug", "key"]
    readonly_fields = fields
    verbose_name = "earlier address or name"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    """Names and coordinates; renaming and merging, which keep old addresses, are done
    at /review/places/."""

    list_display = ["name", "slug", "region", "latitude", "longitude"]
    list_filter = ["region"]
    search_fields = ["name", "slug", "region"]
    readonly_fields = ["name", "slug", "created_at"]
    fields = ["name", "slug", "latitude", "longitude", "region", "created_at"]
    inlines = [PlaceAliasInline]
    ordering = ["name"]

    def has_delete_permission(self, request, obj=None):
        # Deleting would unlink its sightings; merging keeps them and the old address.
        return False


@admin.register(ThemeAlias)
class ThemeAliasAdmin(admin.ModelAdmin):
    list_display = ["slug", "theme"]
    search_fields = ["slug", "theme__name"]
    autocomplete_fields = ["theme"]


class HiddenFilter(admin.SimpleListFilter):
    title = "shown"
    parameter_name = "hidden"

    def lookups(self, request, model_admin):
        return [("no", "Showing"), ("yes", "Hidden by a convenor")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.visible()
        if self.value() == "yes":
            return queryset.hidden()
        return queryset


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["sighting", "outcome", "observed_on", "author", "created_at", "is_shown"]
    list_filter = [HiddenFilter, "outcome"]
    search_fields = ["author__username", "author__email", "sighting__title"]
    raw_id_fields = ["sighting", "author"]
    readonly_fields = ["hidden_at", "hidden_by", "hidden_reason"]
    list_select_related = ["sighting", "author"]
    change_list_template = "admin/sightings/followup/change_list.html"
    actions = [show_again_selected]

    @admin.display(boolean=True, description=_("Shown"))
    def is_shown(self, follow_up):
        return not follow_up.is_hidden

    def get_urls(self):
        clean_up = path(
            "clean-up/", self.admin_site.admin_view(self.clean_up_view), name="sightings_clean_up"
        )
        return [clean_up, *super().get_urls()]

    def clean_up_view(self, request):
        """Pick an account and a window, see what it posted, then hide or delete it all."""
        if not request.user.has_perms(CLEAN_UP_PERMISSIONS):
            raise PermissionDenied("Cleaning up needs permission to change and delete posts.")
        form = moderation.CleanUpForm(
            request.POST or None, initial={"account": request.GET.get("account", "")}
        )
        found = None
        if request.method == "POST" and form.is_valid():
            if "confirm" in request.POST:
                return self._clean_up(request, form)
            found = form.found()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Clean up after an account"),
            "form": form,
            "found": found,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/sightings/clean_up.html", context)

    def _clean_up(self, request, form):
        account = form.cleaned_data["account"]
        done = form.clean_up(by=request.user)
        hid = form.cleaned_data["action"] == moderation.HIDE
        summary = ", ".join(f"{kind}: {count}" for kind, count in done.items())
        if form.cleaned_data["deactivate"]:
            summary += "; the account is deactivated"
        # The history keeps one language; the message speaks the member's own.
        verb = "hid" if hid else "deleted"
        self.log_change(request, account, f"Clean-up: {verb} what it posted ({summary}).")
        said = (
            _("Hid what %(account)s posted (%(summary)s).")
            if hid
            else _("Deleted what %(account)s posted (%(summary)s).")
        )
        said %= {"account": account, "summary": summary}
        self.message_user(request, said, messages.SUCCESS)
        return redirect("admin:sightings_followup_changelist")


@admin.register(Sighting.history.model)
class SightingHistoryAdmin(HistoryLogAdmin):
    search_fields = ["title", "history_user__username"]


@admin.register(FollowUp.history.model)
class FollowUpHistoryAdmin(HistoryLogAdmin):
    list_display = [
        "history_date",
        "history_type",
        "history_change_reason",
        "outcome",
        "note",
        "hidden_reason",
        "history_user",
    ]


@admin.register(Echo)
class EchoAdmin(SimpleHistoryAdmin):
    list_display = ["sighting", "place", "author", "created_at", "is_shown"]
    list_filter = [HiddenFilter]
    search_fields = ["author__username", "author__email", "sighting__title", "place", "note"]
    raw_id_fields = ["sighting", "author"]
    readonly_fields = ["hidden_at", "hidden_by", "hidden_reason"]
    list_select_related = ["sighting", "author"]

    @admin.display(boolean=True, description=_("Shown"))
    def is_shown(self, echo):
        return not echo.is_hidden


@admin.register(Echo.history.model)
class EchoHistoryAdmin(HistoryLogAdmin):
    list_display = [
        "history_date",
        "history_type",
        "history_change_reason",
        "place",
        "note",
        "hidden_reason",
        "history_user",
    ]
