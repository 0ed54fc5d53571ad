from django.urls import path

from cells import views

app_name = "cells"

urlpatterns = [
    path("", views.cell_list, name="list"),
    path("<slug:slug>/", views.cell_detail, name="detail"),
    path("<slug:slug>/notes/<slug:note_slug>/", views.note_detail, name="note-detail"),
]
