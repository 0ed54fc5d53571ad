from django.urls import path

from cells import views
from cells.feeds import CellNotesFeed

app_name = "cells"

urlpatterns = [
    path("", views.cell_list, name="list"),
    path("<slug:slug>/", views.cell_detail, name="detail"),
    path("<slug:slug>/feed/", CellNotesFeed(), name="feed"),
    path("<slug:slug>/next-meeting.ics", views.next_meeting_ics, name="next-meeting-ics"),
    path("<slug:slug>/notes/new/", views.note_create, name="note-create"),
    path("<slug:slug>/notes/<slug:note_slug>/", views.note_detail, name="note-detail"),
    path("<slug:slug>/notes/<slug:note_slug>/edit/", views.note_edit, name="note-edit"),
]
