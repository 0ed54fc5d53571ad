from django.urls import path

from sightings import authoring, echoes, place_pages, views
from sightings.feeds import SightingFeed

app_name = "sightings"

urlpatterns = [
    path("sightings/", views.sighting_list, name="list"),
    path("sightings/new/", authoring.sighting_new, name="new"),
    path("sightings/feed/", SightingFeed(), name="feed"),
    path("sightings/paper/", views.paper_form, name="paper"),
    path("sightings/export.csv", views.export_csv, name="export-csv"),
    path("sightings/export.json", views.export_json, name="export-json"),
    path("sightings/<slug:slug>/", views.sighting_detail, name="detail"),
    path("shifts/", views.shift_list, name="shift-list"),
    path("shifts/<slug:slug>/", views.shift_detail, name="shift-detail"),
    path("themes/", views.theme_list, name="theme-list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme-detail"),
    path("places/", place_pages.place_list, name="place-list"),
    path("places/<slug:slug>/", place_pages.place_detail, name="place-detail"),
    path("sightings/<slug:slug>/edit/", authoring.sighting_edit, name="edit"),
    path("sightings/<slug:slug>/withdraw/", authoring.sighting_withdraw, name="withdraw"),
    path("sightings/<slug:slug>/follow-up/", authoring.follow_up_new, name="follow-up"),
    path("sightings/<slug:slug>/reminders/", authoring.sighting_reminders, name="reminders"),
    path(
        "sightings/<slug:slug>/follow-ups/<int:pk>/hide/",
        authoring.follow_up_hide,
        name="follow-up-hide",
    ),
    path(
        "sightings/<slug:slug>/follow-ups/<int:pk>/show/",
        authoring.follow_up_show_again,
        name="follow-up-show",
    ),
    path("sightings/<slug:slug>/seen-too/", echoes.seen_too, name="seen-too"),
    path("sightings/<slug:slug>/seen-too/delete/", echoes.seen_too_delete, name="seen-too-delete"),
    path(
        "sightings/<slug:slug>/seen-too/<int:pk>/hide/", echoes.seen_too_hide, name="seen-too-hide"
    ),
    path("me/", authoring.my_sightings, name="mine"),
    path("open-data/", views.open_data, name="open-data"),
    path("open-data/import-template.csv", views.import_template, name="import-template"),
    path("insights/", views.insights, name="insights"),
    path("insights/<slug:slug>.csv", views.insight_csv, name="insight-csv"),
]
